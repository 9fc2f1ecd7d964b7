"""The layer rules in pyproject.toml ([tool.importlinter]) hold, and they really catch a violation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """Run the venv's lint-imports on PROJECT (a folder with pyproject.toml and crm_desktop/)."""
    scripts = Path(sys.executable).parent
    program = next((p for p in (scripts / "lint-imports", scripts / "lint-imports.exe") if p.exists()), None)
    assert program, f"lint-imports is not installed next to {sys.executable}: pip install -e .[test]"
    pythonpath = os.pathsep.join(filter(None, [str(project), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [program, "--config", str(project / "pyproject.toml"), "--no-cache", "--no-logo"],
        cwd=project, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": pythonpath},
    )  # fmt: skip


def test_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_contracts_catch_qt_outside_ui_and_an_upward_import(tmp_path):
    """A copy of the project with two planted violations must fail: the contracts are not toothless."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "crm_desktop", tmp_path / "crm_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "crm_desktop" / "services" / "planted_qt.py").write_text("import PySide6.QtCore\n")
    (tmp_path / "crm_desktop" / "domain" / "planted_upward.py").write_text("import crm_desktop.services\n")

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.endswith(" BROKEN")]
    assert any(line.startswith("Qt only in the UI") for line in broken), result.stdout
    assert any(line.startswith("Layers:") for line in broken), result.stdout
    assert "crm_desktop.services.planted_qt -> PySide6" in result.stdout
