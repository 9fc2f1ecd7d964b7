"""A pip-installed app has no checkout: every package and resource file must be declared to ship."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
SVG_NS = "{http://www.w3.org/2000/svg}"

FONTS = [
    f"{family}-{style}.ttf"
    for family in ("NotoSans", "NotoSansDevanagari", "NotoSansTamil", "NotoNaskhArabic")
    for style in ("Regular", "Bold")
] + ["NotoNastaliqUrdu-Regular.ttf"]
ICONS = [
    "contacts", "trash", "add-person", "add-company", "delete", "restore", "search",
    "tag", "person", "company", "undo", "export", "import",
]  # fmt: skip


def setuptools_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def source_packages() -> set[str]:
    """Dotted names of every folder under crm_desktop/ that holds Python code."""
    return {
        ".".join(folder.relative_to(ROOT).parts)
        for folder in [ROOT / "crm_desktop", *(ROOT / "crm_desktop").rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__" and any(folder.glob("*.py"))
    }


def resource_files() -> set[str]:
    """Every non-Python file under resources/, as a path relative to it."""
    return {
        path.relative_to(RESOURCES).as_posix()
        for path in RESOURCES.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }


def test_every_code_folder_is_a_listed_package():
    listed = set(setuptools_config()["packages"])
    assert source_packages() - listed == set(), "add these to [tool.setuptools] packages"
    missing = {name for name in listed if name != "crm_desktop.resources" and name not in source_packages()}
    assert missing == set(), "listed packages without a folder of code"


def test_resources_are_a_package_mapped_from_the_top_level_folder():
    config = setuptools_config()
    assert "crm_desktop.resources" in config["packages"]
    assert config["package-dir"]["crm_desktop.resources"] == "resources"
    assert (RESOURCES / "__init__.py").is_file()


def test_package_data_globs_cover_every_resource_file():
    globs = setuptools_config()["package-data"]["crm_desktop.resources"]
    # setuptools expands these like Path.glob relative to the package folder ("*.svg" is top level only).
    covered = {p.relative_to(RESOURCES).as_posix() for pattern in globs for p in RESOURCES.glob(pattern)}
    assert resource_files() - covered == set(), "extend [tool.setuptools.package-data] to ship these"


@pytest.mark.parametrize("name", FONTS)
def test_bundled_fonts_are_truetype(name):
    data = (RESOURCES / "fonts" / name).read_bytes()
    assert len(data) > 10_000
    assert data[:4] in (b"\x00\x01\x00\x00", b"true")


def test_fonts_come_with_their_licence():
    licence = (RESOURCES / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Reserved Font Name" in licence


@pytest.mark.parametrize("name", ICONS)
def test_icons_are_24px_svg(name):
    root = ET.parse(RESOURCES / "icons" / f"{name}.svg").getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == "0 0 24 24"
    assert len(list(root.iter())) > 2, "an icon with nothing drawn"


def test_app_icon_svg_and_its_256px_png():
    assert ET.parse(RESOURCES / "app-icon.svg").getroot().tag == f"{SVG_NS}svg"
    png = (RESOURCES / "app-icon.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)  # IHDR width and height


def test_desktop_entry_starts_the_installed_command():
    lines = (RESOURCES / "crm-desktop.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    entries = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["gui-scripts"]
    assert entries["Type"] == "Application"
    assert entries["Exec"].split()[0] in scripts
    assert entries["Icon"] and entries["Name"]


def test_a_built_wheel_ships_every_package_and_resource(tmp_path):
    """Build a real wheel from a copy of the project and look inside it."""
    pytest.importorskip("setuptools", minversion="70.1")  # bdist_wheel built in
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("crm_desktop", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    build = "from setuptools import build_meta; print(build_meta.build_wheel(r'%s'))" % (tmp_path / "dist")
    result = subprocess.run(
        [sys.executable, "-c", build], cwd=source, capture_output=True, text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    wheel = tmp_path / "dist" / result.stdout.strip().splitlines()[-1]
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in (ROOT / "crm_desktop").rglob("*.py"):
        assert module.relative_to(ROOT).as_posix() in names, module
    for resource in resource_files():
        assert f"crm_desktop/resources/{resource}" in names, resource
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    declared = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[console_scripts]\ncrm-desktop-cli = " in declared and "[gui_scripts]\ncrm-desktop = " in declared


def _entry_point(spec: str):
    import importlib

    module, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module), attribute)


def test_a_console_twin_runs_the_headless_commands_where_the_gui_script_has_no_console():
    # On Windows a gui-script has no console, so `crm-desktop search ...` would print nothing there.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"] == {"crm-desktop": "crm_desktop.__main__:main"}
    assert set(project["scripts"]) == {"crm-desktop-cli"}
    assert "crm-desktop-cli" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_console_twin_is_headless_even_without_arguments(capsys):
    console = _entry_point(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
                           ["crm-desktop-cli"])  # fmt: skip
    assert console([]) == 2  # no window: it says which commands there are
    assert "demo" in capsys.readouterr().err
    assert console(["--version"]) == 0
    assert capsys.readouterr().out.startswith("crm-desktop ")
    assert console(["search", "--db", "/nonexistent/x.sqlite3", "khan"]) == 1
    assert "there is no database at" in capsys.readouterr().err
