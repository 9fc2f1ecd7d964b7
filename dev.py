#!/usr/bin/env python3
"""Set up and run crm-desktop from a checkout, with nothing but Python 3.11+.

    python3 dev.py run             create .venv, install the app, open it on the demo database
    python3 dev.py test [ARGS]     create .venv, install test tools, check the layers, run pytest ARGS
    python3 dev.py bench [ARGS]    run the benchmarks in tests/benchmarks (slow; not part of the tests)
    python3 dev.py lint            check the import-linter layer contracts only

pip runs only when pyproject.toml changed since the last install (a stamp file in .venv), so a
second run starts at once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "crm-desktop-installed.txt"
WINDOWS = os.name == "nt"

# Shared libraries the PySide6 wheels do not bundle (offscreen and xcb plugins), by Debian package.
QT_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdrm.so.2": "libdrm2",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
# Commands the tests call (pdftoppm turns generated PDFs into images to check them).
TEST_COMMANDS = {"pdftoppm": "poppler-utils"}


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def venv_tool(name: str) -> Path:
    """A program installed in .venv: bin/NAME on Unix, Scripts/NAME.exe on Windows."""
    return VENV / ("Scripts" if WINDOWS else "bin") / (f"{name}.exe" if WINDOWS else name)


def ensure_venv(extra: str | None) -> Path:
    """Create .venv if absent and pip-install the project (with EXTRA) unless already current."""
    python = venv_tool("python")
    if not python.exists():
        say(f"creating {VENV}")
        try:
            venv.create(VENV, with_pip=True, clear=VENV.exists())
        except (OSError, subprocess.CalledProcessError):
            # Debian/Ubuntu ship venv's pip bootstrap separately (python3-venv).
            version = f"python{sys.version_info.major}.{sys.version_info.minor}"
            if not apt_install([f"{version}-venv"]):
                shutil.rmtree(VENV, ignore_errors=True)  # a half-made .venv would fool the next run
                sys.exit("dev.py: could not create .venv; install your distribution's python3-venv")
            venv.create(VENV, with_pip=True, clear=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    installed = STAMP.read_text().split() if STAMP.exists() else []
    # A test install includes everything `run` needs, so either stamp satisfies `run`.
    if installed[:1] == [wanted] and (extra is None or extra in installed[1:]):
        return python
    target = f".[{extra}]" if extra else "."
    say(f"installing {target} into .venv (pyproject.toml changed or first run)")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT, check=True)
    extras = set(installed[1:]) if installed[:1] == [wanted] else set()
    STAMP.write_text(" ".join([wanted, *sorted(extras | ({extra} if extra else set()))]) + "\n")
    return python


def missing_system_packages(for_tests: bool) -> list[str]:
    """Debian packages providing the Qt libraries (and test tools) this Linux machine lacks."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        known = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    except OSError:
        return []  # no ldconfig (not glibc Linux): nothing we can check
    packages = [pkg for lib, pkg in QT_LIBRARIES.items() if f"{lib} " not in known]
    if for_tests:
        packages += [pkg for cmd, pkg in TEST_COMMANDS.items() if not shutil.which(cmd)]
        font_dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
        if not any(any(d.rglob("*.[ot]tf")) for d in font_dirs if d.is_dir()):
            packages.append("fonts-dejavu-core")  # fontconfig needs one system font to start quietly
    return sorted(set(packages))


def apt_install(packages: list[str]) -> bool:
    """Install PACKAGES with apt-get if this is Debian/Ubuntu and we are root or have sudo -n."""
    if not shutil.which("apt-get"):
        return False
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        sudo: list[str] = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        sudo = ["sudo", "-n"]
    else:
        return False
    say(f"installing system packages: {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    quiet = {"env": env, "stdout": subprocess.DEVNULL}  # errors still reach stderr
    subprocess.run([*sudo, "apt-get", "update", "-qq"], **quiet)
    apt = [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]
    return subprocess.run(apt, **quiet).returncode == 0


def ensure_system_packages(for_tests: bool) -> None:
    if not sys.platform.startswith("linux"):
        return  # the Qt wheels for Windows and macOS carry their own libraries
    missing = missing_system_packages(for_tests)
    if missing and not apt_install(missing):
        say(
            "note: these system packages seem missing and could not be installed here (not Debian/Ubuntu, "
            f"or no root/sudo): {' '.join(missing)}. Install their equivalents if Qt or a test complains."
        )


def run_in_venv(program: Path, args: list[str], **env: str) -> int:
    try:
        return subprocess.run([program, *args], cwd=ROOT, env={**os.environ, **env}).returncode
    except KeyboardInterrupt:
        return 130


def lint() -> int:
    return run_in_venv(venv_tool("lint-imports"), [])


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        sys.exit("dev.py: crm-desktop needs Python 3.11 or newer")
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command == "run":
        ensure_system_packages(for_tests=False)
        python = ensure_venv(None)
        app = [str(python), "-m", "crm_desktop", "--demo", *args]
        if os.name == "posix":
            os.chdir(ROOT)
            os.execv(app[0], app)  # become the app, so a signal to this process reaches it
        return run_in_venv(python, app[1:])
    if command in ("test", "bench", "lint"):
        ensure_system_packages(for_tests=command != "lint")
        python = ensure_venv("test")
        if command == "lint":
            return lint()
        if command == "bench":
            return run_in_venv(python, ["tests/benchmarks/run.py", *args], QT_QPA_PLATFORM="offscreen")
        lint_status = lint()
        test_status = run_in_venv(python, ["-m", "pytest", *args], QT_QPA_PLATFORM="offscreen")
        return test_status or lint_status
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
