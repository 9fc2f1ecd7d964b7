"""Headless commands beside the GUI, thin over the services. Each returns a process exit code."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from crm_desktop import __version__, paths
from crm_desktop.db.errors import StorageError

COMMANDS = ("demo", "search", "export", "import")


@dataclass(frozen=True)
class GuiOptions:
    db_path: Path
    demo: bool


def is_headless(argv: list[str]) -> bool:
    return bool(argv) and argv[0] in COMMANDS


def parse_gui_args(argv: list[str]) -> GuiOptions | int:
    parser = argparse.ArgumentParser(prog="crm-desktop", description="A desktop contact manager and CRM.",
                                     epilog=f"Headless commands: {', '.join(COMMANDS)} (crm-desktop COMMAND --help).")
    parser.add_argument("--db", metavar="PATH", help=f"database file (default: ${paths.DB_ENV} or {paths.default_db_path()})")
    parser.add_argument("--demo", action="store_true", help="open the demo database, creating it on first use")
    parser.add_argument("--version", action="version", version=f"crm-desktop {__version__}")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.demo and args.db:
        parser.print_usage(sys.stderr)
        print("crm-desktop: error: --demo and --db cannot be used together", file=sys.stderr)
        return 2
    db_path = paths.demo_db_path() if args.demo else paths.resolve_db_path(args.db)
    return GuiOptions(db_path=db_path, demo=args.demo)


def main(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return args.handler(args)
    except StorageError as exc:
        print(f"crm-desktop: {exc}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crm-desktop")
    sub = parser.add_subparsers(dest="command", required=True)
    # Subcommands are registered here by the modules that implement them.
    return parser
