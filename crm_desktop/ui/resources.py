"""Bundled fonts and icons, found as package data so a pip-installed app has them too."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from crm_desktop.paths import resources_dir

# The bundled font for each script that the UI font may lack (keys: scripts.script_of()).
# Naskh letters look a size smaller than Latin ones at the same point size.
ARABIC_SCALE = 1.2
SCRIPT_FAMILIES = {"arabic": "Noto Naskh Arabic", "devanagari": "Noto Sans Devanagari", "tamil": "Noto Sans Tamil"}


@cache
def register_fonts() -> tuple[str, ...]:
    """Add every bundled .ttf to Qt's font database (once); returns the families now available."""
    families: list[str] = []
    fonts = resources_dir() / "fonts"
    if not fonts.is_dir():
        return ()
    for font_file in sorted(fonts.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    return tuple(families)


_script_fonts: dict[tuple[str, str], QFont] = {}


def script_font(script: str, base: QFont) -> QFont:
    """base, drawing the given script with its bundled font first (so it looks the same on every machine).

    One family per script, chosen by the text: a single app-wide list of script fonts would make Qt try
    each of them for the others' scripts (they share a few punctuation marks) and warn every time.
    """
    key = (script, base.toString())
    font = _script_fonts.get(key)
    if font is None:
        font = QFont(base)
        family = SCRIPT_FAMILIES.get(script)
        if family and QFontDatabase.hasFamily(family):
            font.setFamilies([family, *base.families()])
            if script == "arabic" and base.pointSizeF() > 0:
                font.setPointSizeF(base.pointSizeF() * ARABIC_SCALE)
        _script_fonts[key] = font
    return font


ICON_STROKE = "#80868b"  # the grey every bundled icon is drawn in: readable on light and dark windows
ICON_SIZES = (16, 20, 24, 32)


@cache
def icon(name: str) -> QIcon:
    """The icon resources/icons/NAME.svg; an empty icon if that file is missing.

    Selected (in the sidebar, a menu), the grey would nearly vanish on the highlight colour: that mode
    draws the same lines in the highlighted-text colour.
    """
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    result = QIcon(str(path))
    on_highlight = QGuiApplication.palette().color(QPalette.ColorRole.HighlightedText).name()
    renderer = QSvgRenderer(QByteArray(path.read_text(encoding="utf-8").replace(ICON_STROKE, on_highlight).encode()))
    if renderer.isValid():
        for size in ICON_SIZES:
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter)
            painter.end()
            result.addPixmap(pixmap, QIcon.Mode.Selected)
    return result


def app_icon() -> QIcon:
    path = resources_dir() / "app-icon.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
