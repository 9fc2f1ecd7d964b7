"""DealDialog: create or edit a deal; a saved deal also shows its next step, stage history and timeline.

Modeless (open_deal shows it). Errors appear beside their fields once touched, all of them after a
Save; Save writes the whole deal or nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.db.errors import ChangedElsewhereError, NotFoundError, StorageError
from crm_desktop.domain.deal import Deal
from crm_desktop.domain.validation import FieldError, ValidationError
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts.field_widgets import ERROR_STYLE, ErrorLabel, apply_text_direction
from crm_desktop.ui.pipeline.deal_fields import DealForm
from crm_desktop.ui.pipeline.deal_timeline import DealProgress


class DealDialog(QDialog):
    """`saved` carries the id of the deal once it is on disk."""

    saved = Signal(int)

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, deal: Deal, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dealDialog")
        self.setStyleSheet(ERROR_STYLE)
        self.workspace = workspace
        self.bridge = bridge
        self._deal = deal
        self._touched: set[str] = set()
        self._revealed = False

        self.heading = QLabel(self)
        self.heading.setObjectName("dealHeading")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.form = DealForm(workspace, self)
        self.status = ErrorLabel("dealStatus")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)  # fmt: skip
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("dealSave")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self.progress: DealProgress | None = None
        column = QVBoxLayout()  # the form keeps its height; the space left goes below it
        column.addWidget(self.form)
        column.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(column, 1)
        if deal.id is not None:
            self.progress = DealProgress(workspace, bridge, deal, self)
            line = QFrame(self)
            line.setFrameShape(QFrame.Shape.VLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            body.addWidget(line)
            body.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.form.set_deal(deal)
        self.form.changed.connect(self._edited)
        self._show_heading()
        self.form.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setMinimumWidth(1060 if self.progress is not None else 560)

    # ---- what others call --------------------------------------------------------------------------

    def deal(self) -> Deal:
        return self._deal

    def save(self) -> bool:
        """Save the whole deal, or nothing (errors shown beside their fields)."""
        edited, errors = self.form.deal()
        errors += self.workspace.pipeline.validate(edited)
        self._revealed = True
        if errors:
            return self._refuse(errors)
        try:
            saved = self.workspace.pipeline.save(edited)
        except ValidationError as exc:
            return self._refuse(exc.errors)
        except ChangedElsewhereError:
            self.status.show_message(self.tr("Not saved: this deal was changed elsewhere (moved on the board or "
                                             "edited in another window) since this window opened it. Close this "
                                             "window and open the deal again."))  # fmt: skip
            return False
        except (StorageError, NotFoundError) as exc:
            self.status.show_message(self.tr("Not saved: %1").replace("%1", str(exc)))
            return False
        self._deal = saved
        self.saved.emit(saved.id)
        self.accept()
        return True

    # ---- inside -------------------------------------------------------------------------------------

    def _refuse(self, errors: list[FieldError]) -> bool:
        self._show_errors(errors)
        self.status.show_message(self.tr("Not saved: correct the fields marked in red."))
        first = next((row for field, row in self.form.rows.items() if any(e.field == field for e in errors)), None)
        if first is not None:
            first.editors[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def _edited(self, field: str) -> None:
        self._touched.add(field)
        self._show_heading()
        edited, errors = self.form.deal()
        errors += self.workspace.pipeline.validate(edited)
        self._show_errors(errors)
        if not errors:
            self.status.show_message(None)

    def _show_errors(self, errors: list[FieldError]) -> None:
        self.form.show_errors(errors, None if self._revealed else self._touched)
        known = set(self.form.rows)
        others = [e.message for e in errors if e.field not in known]
        if others:
            self.status.show_message("\n".join(others))

    def _show_heading(self) -> None:
        title = self.form.title.text().strip()
        if self._deal.id is None:
            text = self.tr("New deal · %1").replace("%1", title) if title else self.tr("New deal")
        else:
            text = title or self.tr("Deal")
        self.heading.setText(text)
        apply_text_direction(self.heading, text)
        self.setWindowTitle(text)


def open_deal(workspace: Workspace, bridge: ChangeBridge, deal_or_id: Deal | int, parent: QWidget | None) -> DealDialog:
    """Show a deal (a Deal, new or saved, or a saved deal's id) in a dialog that does not block; it deletes
    itself when closed. Raises NotFoundError for an id that is gone."""
    deal = workspace.pipeline.get(deal_or_id) if isinstance(deal_or_id, int) else deal_or_id
    dialog = DealDialog(workspace, bridge, deal, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()  # modeless: the owner may look at the board or a card while it is open
    dialog.raise_()
    dialog.activateWindow()
    return dialog
