"""The Rolodex index: A to Z, # and one tab per other script (Urdu, Hindi, Tamil)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QToolButton, QWidget

from crm_desktop.domain.text import LATIN_TABS, OTHER_TAB, SCRIPT_TABS
from crm_desktop.ui.resources import script_font
from crm_desktop.domain.scripts import script_of

SCRIPT_NAMES = {"ا": "Urdu", "अ": "Hindi", "அ": "Tamil"}
# A lone alif reads as a Latin "I" beside "H I J": the Urdu tab shows "alif be pe", as Urdu names its ABC.
LABELS = {"ا": "ابپ"}


def index_tabs() -> tuple[str, ...]:
    return (*LATIN_TABS, OTHER_TAB, *(tab for tab, _start in SCRIPT_TABS))


class AzIndex(QWidget):
    """A strip of flat buttons; `tab_clicked(tab)` says which one the user pressed."""

    tab_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("azIndex")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.buttons: dict[str, QToolButton] = {}
        for tab in index_tabs():
            button = QToolButton(self)
            label = LABELS.get(tab, tab)
            button.setText(label)
            script = script_of(label)
            if script:
                button.setFont(script_font(script, button.font()))
            button.setAutoRaise(True)
            button.setObjectName(f"azTab{len(self.buttons)}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(18)
            if tab in SCRIPT_NAMES:
                button.setToolTip(QCoreApplication.translate("AzIndex", SCRIPT_NAMES[tab]))
            elif tab == OTHER_TAB:
                button.setToolTip(QCoreApplication.translate("AzIndex", "Digits and other characters"))
            button.clicked.connect(lambda _checked=False, t=tab: self.tab_clicked.emit(t))
            if tab == SCRIPT_TABS[0][0]:
                layout.addSpacing(6)  # the scripts apart from A-Z
            layout.addWidget(button)
            self.buttons[tab] = button
        # Naskh's tall line box would make the whole strip taller than its Latin letters need.
        height = self.buttons[LATIN_TABS[0]].sizeHint().height()
        for button in self.buttons.values():
            button.setFixedHeight(height)
