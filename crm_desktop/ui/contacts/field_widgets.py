"""Small editing widgets of the contact card: a field with its inline error, label combos, text direction."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from crm_desktop.ui.contacts.card_logic import label_text, label_value
from crm_desktop.domain.scripts import is_rtl
from crm_desktop.ui.resources import icon

# Applied to the card once; an editor with the dynamic property invalid=true gets a red border.
ERROR_STYLE = """
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {
    border: 1px solid #c62828; border-radius: 3px;
}
QLabel[role="fieldError"] { color: #c62828; }
"""


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    # A dynamic property only restyles after the style is re-applied.
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def apply_text_direction(widget: QWidget, text: str) -> None:
    """Lay an editor out right to left when its text starts in Urdu (or another RTL script)."""
    rtl = is_rtl(text)
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    if widget.layoutDirection() != direction:
        widget.setLayoutDirection(direction)
    if isinstance(widget, QPlainTextEdit):
        # The document ignores the widget's direction; only an absolute alignment moves its lines.
        option = widget.document().defaultTextOption()
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        if option.textDirection() != direction:
            option.setTextDirection(direction)
            option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
            widget.document().setDefaultTextOption(option)


def follow_text_direction(widget: QLineEdit | QPlainTextEdit) -> None:
    """Keep the editor's direction in step with its text, as the user types and when text is loaded."""
    if isinstance(widget, QLineEdit):
        widget.textChanged.connect(lambda text: apply_text_direction(widget, text))
    else:
        widget.textChanged.connect(lambda: apply_text_direction(widget, widget.toPlainText()))


def search_field(object_name: str, placeholder: str, parent: QWidget | None = None) -> QLineEdit:
    """A list's search box: a magnifier, a clear button, and right to left while Urdu is typed."""
    edit = QLineEdit(parent)
    edit.setObjectName(object_name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
    follow_text_direction(edit)
    return edit


def line_edit(object_name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(False)
    follow_text_direction(edit)
    return edit


class ExactPlainTextEdit(QPlainTextEdit):
    """A multi-line editor that gives back exactly the text it was given while the user leaves it alone.

    QPlainTextEdit rewrites what it shows: CRLF and CR become LF, a no-break space a space, a line
    separator a line feed. Stored text (an import, another program's notes) must not change because the
    card was saved for another field; edited text keeps the no-break spaces and, when every line of the
    stored text ended in CRLF, that line end."""

    _given = ""  # the text as set
    _shown = ""  # what the editor holds for it

    def set_value(self, text: str) -> None:
        if self.value() != text:
            self.setPlainText(text)
        self._given, self._shown = text, self.document().toRawText()

    def value(self) -> str:
        raw = self.document().toRawText()
        if raw == self._shown:
            return self._given
        line_end = "\r\n" if "\r\n" in self._given and "\n" not in self._given.replace("\r\n", "") else "\n"
        # Qt ends a line with a paragraph separator (Enter) or a line separator (Shift+Enter).
        return raw.replace("\u2029", line_end).replace("\u2028", line_end)


def plain_text_edit(object_name: str, placeholder: str = "", lines: int = 3) -> ExactPlainTextEdit:
    edit = ExactPlainTextEdit()
    edit.setObjectName(object_name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 2 * edit.frameWidth() + 10
    edit.setFixedHeight(height)
    follow_text_direction(edit)
    return edit


def set_plain_text(edit: ExactPlainTextEdit, text: str) -> None:
    edit.set_value(text)


def set_line_text(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        edit.setText(text)
        edit.setCursorPosition(0)


class ErrorLabel(QLabel):
    """The red message under a field; hidden while the field is valid."""

    def __init__(self, object_name: str = ""):
        super().__init__()
        self.setObjectName(object_name)
        self.setProperty("role", "fieldError")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


class FieldBox(QWidget):
    """One editor with its error message underneath; `touched` once the user has edited it."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.touched = False
        self.error = ErrorLabel(f"{editor.objectName()}Error")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    def set_error(self, message: str | None) -> None:
        self.error.show_message(message)
        mark_invalid(self.editor, bool(message))


class LabelCombo(QComboBox):
    """An editable combo of preset labels ("Mobile", "Work" ...) that also takes any typed label."""

    def __init__(self, presets: Iterable[tuple[str, str]], object_name: str = ""):
        super().__init__()
        self.presets = tuple(presets)
        self.setObjectName(object_name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems([self.tr(text) for _, text in self.presets])
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(9)

    _loaded: tuple[str, str] = ("", "")  # (shown, stored) of the label as loaded

    def value(self) -> str:
        shown, stored = self._loaded
        if self.currentText() == shown:
            return stored  # unchanged: keep the stored spelling ("Mobile" stays "Mobile")
        return label_value(self.currentText(), [(v, self.tr(t)) for v, t in self.presets])

    def set_value(self, value: str) -> None:
        text = label_text(value, [(v, self.tr(t)) for v, t in self.presets])
        self._loaded = (text, value)
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(text)
