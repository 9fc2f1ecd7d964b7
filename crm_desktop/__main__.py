"""Entry point: no subcommand starts the GUI; a subcommand runs headless (see crm_desktop.cli)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # A frozen (PyInstaller) app would otherwise rebuild matplotlib's font cache on every launch.
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()  # the demo writer builds rows in a worker process
        os.environ.setdefault("MPLCONFIGDIR", os.path.join(os.path.expanduser("~"), ".crm-desktop-mpl"))
    from crm_desktop import cli

    if cli.is_headless(argv):
        return cli.main(argv)
    options = cli.parse_gui_args(argv)
    if isinstance(options, int):
        return options
    from crm_desktop.ui.app import run_gui

    return run_gui(options)


if __name__ == "__main__":
    sys.exit(main())
