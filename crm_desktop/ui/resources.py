"""Bundled fonts and icons, found as package data so a pip-installed app has them too."""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QIcon

# Script fonts tried, in this order, for characters the UI font lacks (Urdu, Hindi, Tamil).
FALLBACK_FAMILIES = ("Noto Sans", "Noto Naskh Arabic", "Noto Sans Devanagari", "Noto Sans Tamil")


def resources_dir() -> Path:
    """The installed crm_desktop.resources package, or resources/ of a source checkout."""
    try:
        return Path(str(importlib.resources.files("crm_desktop.resources")))
    except ModuleNotFoundError:
        # Running from a checkout (PYTHONPATH=.): setuptools maps resources/ only when installing.
        return Path(__file__).resolve().parents[2] / "resources"


def register_fonts() -> list[str]:
    """Add every bundled .ttf to Qt's font database; returns the families now available."""
    families: list[str] = []
    fonts = resources_dir() / "fonts"
    if not fonts.is_dir():
        return families
    for font_file in sorted(fonts.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    return families


def font_with_fallbacks(base: QFont, registered: list[str]) -> QFont:
    """The base font, then the bundled script fonts, so every script finds glyphs on any machine."""
    font = QFont(base)
    fallbacks = [f for f in FALLBACK_FAMILIES if f in registered]
    font.setFamilies([*base.families(), *[f for f in fallbacks if f not in base.families()]])
    for family in base.families():
        QFont.insertSubstitutions(family, fallbacks)
    return font


@cache
def icon(name: str) -> QIcon:
    """The icon resources/icons/NAME.svg; an empty icon if that file is missing."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    path = resources_dir() / "app-icon.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
