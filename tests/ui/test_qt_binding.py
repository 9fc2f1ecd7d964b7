"""The Qt binding itself must not corrupt the interpreter: a regression guard for PySide6 6.12.0."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot):
    # PySide6 6.12.0 returned None from void methods without a new reference. On Python 3.11 None's
    # reference count then falls with every call until the interpreter aborts ("deallocating None").
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("y")
        label.update()
    assert sys.getrefcount(None) >= before - 50
