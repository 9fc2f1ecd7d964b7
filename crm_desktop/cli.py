"""Headless commands beside the GUI, thin over the services. Each returns a process exit code."""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from crm_desktop import __version__, paths
from crm_desktop.db.errors import StorageError
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.services.workspace import Workspace, open_workspace

COMMANDS = ("demo", "search", "export", "import", "agenda", "pipeline", "labels", "report")


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


class CommandError(Exception):
    """A problem with what the user asked for, told in one line; the exit code is 1."""


class _Parser(argparse.ArgumentParser):
    """Bad arguments: one clear line on stderr and exit code 2 (argparse would print the usage first)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def main(argv: list[str], prog: str = "crm-desktop") -> int:
    # The GUI imports this module only for its arguments; the services behind the commands (demo name
    # pools, CSV) are imported when a command runs, which keeps the window's start-up light.
    from crm_desktop.services.transfer import ImportFailed

    parser = build_parser(prog)
    if not argv:  # only the console twin gets here without a command: say which there are
        parser.print_help(sys.stderr)
        return 2
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return args.handler(args)
    except (StorageError, CommandError) as exc:
        print(f"crm-desktop: {exc}", file=sys.stderr)
        return 1
    except ImportFailed as exc:
        print(f"crm-desktop: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`crm-desktop agenda ... | head`): not an error worth a message. Python
        # would still complain while flushing stdout at exit, so point it at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"crm-desktop: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("crm-desktop: interrupted; nothing was written", file=sys.stderr)
        return 130


def console_main(argv: list[str] | None = None) -> int:
    """The console entry point (crm-desktop-cli): the headless commands only, never the window."""
    return main(sys.argv[1:] if argv is None else argv, prog="crm-desktop-cli")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def build_parser(prog: str = "crm-desktop") -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="Headless commands of crm-desktop.")
    parser.add_argument("--version", action="version", version=f"crm-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    db_help = f"database file (default: ${paths.DB_ENV} or {paths.default_db_path()})"

    demo = sub.add_parser("demo", help="write a demo database of realistic contacts")
    demo.add_argument("path", nargs="?", metavar="PATH", help=f"where to write it (default: {paths.demo_db_path()})")
    demo.add_argument("--contacts", type=_count, default=paths.DEMO_CONTACTS, metavar="N",
                      help=f"how many contacts (default: {paths.DEMO_CONTACTS})")
    demo.add_argument("--seed", type=int, default=1, help="the same seed writes the same contacts (default: 1)")
    demo.add_argument("--force", action="store_true", help="replace an existing file")
    demo.add_argument("--no-history", action="store_true",
                      help="contacts only: no activities or follow-ups (about five per contact otherwise)")
    demo.set_defaults(handler=_demo)

    search = sub.add_parser("search", help="print the contacts matching a search, one per line")
    search.add_argument("query", metavar="QUERY", help="what you would type in the search box")
    search.add_argument("--db", metavar="PATH", help=db_help)
    search.add_argument("--limit", type=_count, default=50, metavar="N", help="print at most N contacts (default: 50)")
    search.set_defaults(handler=_search)

    export = sub.add_parser("export", help="write every contact to a CSV file (the app's own layout)")
    export.add_argument("--db", metavar="PATH", help=db_help)
    export.add_argument("-o", "--output", required=True, metavar="FILE.csv", help="the CSV file to write")
    export.add_argument("--include-trash", action="store_true",
                        help="also write the contacts in the Trash (marked by deleted_at; import puts them back there)")
    export.set_defaults(handler=_export)

    imp = sub.add_parser("import", help="add or update contacts from a CSV file, all or nothing")
    imp.add_argument("file", metavar="FILE.csv", help="a CSV file in the app's own layout (see export)")
    imp.add_argument("--db", metavar="PATH", help=db_help)
    imp.set_defaults(handler=_import)

    agenda = sub.add_parser("agenda", help="print what is overdue, due today and coming, birthdays, going cold")
    agenda.add_argument("--db", metavar="PATH", help=db_help)
    agenda.add_argument("--days", type=_agenda_days, default=7, metavar="N",
                        help="how many days ahead to list after today (default: 7)")
    agenda.set_defaults(handler=_agenda)

    pipeline = sub.add_parser("pipeline", help="print each stage's deals, total and weighted total")
    pipeline.add_argument("--db", metavar="PATH", help=db_help)
    pipeline.set_defaults(handler=_pipeline)

    labels = sub.add_parser("labels", help="print mailing labels to a PDF (Avery and other sheets)")
    labels.add_argument("--db", metavar="PATH", help=db_help)
    labels.add_argument("--list-templates", action="store_true", help="list the label sheets and their sizes, then stop")
    labels.add_argument("--template", metavar="NAME", default="avery-5160", help="the label sheet (default: avery-5160)")
    labels.add_argument("--tag", metavar="TAG", help="only contacts with this tag")
    labels.add_argument("--query", metavar="Q", default="", help="only contacts matching this search")
    labels.add_argument("--start", type=_count, default=1, metavar="N",
                        help="begin at label N of a partly used sheet (default: 1)")
    labels.add_argument("--household", action="store_true", help="one label per address, the names joined")
    labels.add_argument("--sort", choices=("name", "postcode", "list"), default="name", help="label order (default: name)")
    labels.add_argument("--no-company", action="store_true", help="leave out the company line")
    labels.add_argument("-o", "--output", metavar="FILE.pdf", help="the PDF file to write")
    labels.set_defaults(handler=_labels)
    _add_report_parser(sub, db_help)
    return parser  # fmt: skip


def _add_report_parser(sub, db_help: str) -> None:
    report = sub.add_parser("report", help="write a PDF document: the contact directory, activity or pipeline report")
    kinds = report.add_subparsers(dest="report", required=True, parser_class=_Parser)
    directory = kinds.add_parser("directory", help="the contact directory (phone list), A-Z or by tag")
    directory.add_argument("--by-tag", action="store_true", help="group by tag instead of A-Z")
    activity = kinds.add_parser("activity", help="what was done in a date range, by kind and outcome")
    activity.add_argument("--from", dest="first", type=_day, required=True, metavar="YYYY-MM-DD", help="first day")
    activity.add_argument("--to", dest="last", type=_day, required=True, metavar="YYYY-MM-DD",
                          help="last day (included)")
    pipeline = kinds.add_parser("pipeline", help="stages, forecast and stale deals")
    pipeline.add_argument("--months", type=_count, default=6, metavar="N", help="forecast months (default: 6)")
    for parser in (directory, activity, pipeline):
        parser.add_argument("--db", metavar="PATH", help=db_help)
        parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF file to write")
        parser.set_defaults(handler=_report)


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-23") from None


def _report(args) -> int:
    """Write the PDF whole or not at all (a hidden file beside it is renamed into place at the end)."""
    output = Path(args.output).expanduser()
    if output.is_dir():
        raise CommandError(f"{output} is a folder; give the name of the PDF file to write")
    if not output.parent.is_dir():
        raise CommandError(f"there is no folder {output.parent} to write {output.name} in")
    if args.report == "activity" and args.last < args.first:
        raise CommandError(f"--to {args.last} is before --from {args.first}")
    from crm_desktop.services import reports

    started = time.perf_counter()
    with _existing_workspace(args.db) as workspace:
        if args.report == "directory":
            pages = reports.directory(workspace, output, by_tag=args.by_tag)
        elif args.report == "activity":
            pages = reports.activity_report(workspace, args.first, args.last, output)
        else:
            pages = reports.pipeline_report(workspace, output, months=max(1, args.months))
    took = time.perf_counter() - started
    print(f"Wrote {output} ({pages:,} page{'s' * (pages != 1)}) in {took:.1f} s.", file=sys.stderr)
    return 0


def _existing_workspace(db: str | None) -> Workspace:
    """Open the database these commands work on; never create one by accident."""
    path = paths.resolve_db_path(db)
    if not path.exists():
        raise CommandError(f"there is no database at {path} (give --db PATH, or create one with the app)")
    return open_workspace(path)


def _demo(args) -> int:
    path = Path(args.path).expanduser() if args.path else paths.demo_db_path()
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give the path of the database file to write")
    if path.exists() and not args.force:
        raise CommandError(f"{path} already exists; use --force to replace it")
    started = time.perf_counter()
    interactive = sys.stderr.isatty()

    contacts_done: list[float] = []

    def progress(done: int, total: int) -> None:
        if interactive:
            print(f"\r{done:,} of {total:,} contacts", end="", file=sys.stderr, flush=True)

    def history_progress(done: int, total: int) -> None:
        if not contacts_done:
            contacts_done.append(time.perf_counter())
        if interactive:
            print(f"\rhistory: {done:,} of {total:,} contacts   ", end="", file=sys.stderr, flush=True)

    from crm_desktop.services.demo import write_demo_database

    write_demo_database(path, args.contacts, seed=args.seed, progress=progress, history=not args.no_history,
                        history_progress=history_progress)  # fmt: skip
    if interactive:
        print(file=sys.stderr)
    finished = time.perf_counter()
    if args.no_history or not contacts_done:
        print(f"Wrote {args.contacts:,} demo contacts to {path} in {finished - started:.1f} s.")
    else:
        print(f"Wrote {args.contacts:,} demo contacts to {path} in {contacts_done[0] - started:.1f} s, "
              f"and their history in {finished - contacts_done[0]:.1f} s more.")  # fmt: skip
    return 0


def _search(args) -> int:
    with _existing_workspace(args.db) as workspace:
        ids = workspace.contacts.search_ids(ContactQuery(text=args.query))
        shown = list(ids[: args.limit])
        summaries = workspace.contacts.summaries(shown)
        for contact_id in shown:
            s = summaries[contact_id]
            print("\t".join(_one_line(v) for v in (s.display_name, s.company, s.phone, s.email, s.city)))
        # len() of a long list is provisional (its first rows): count them all, only when it matters.
        total = workspace.contacts.full_length(ids) if len(ids) > len(shown) else len(shown)
    if not total:
        print(f"No contacts match '{args.query}'.", file=sys.stderr)
    elif total > len(shown):
        print(f"{len(shown)} of {total} matching contacts shown (--limit).", file=sys.stderr)
    return 0


def _one_line(value: str) -> str:
    return " ".join(value.split("\t")).replace("\n", " ")


def _export(args) -> int:
    output = Path(args.output).expanduser()
    if output.is_dir():
        raise CommandError(f"{output} is a folder; give the name of the CSV file to write")
    with _existing_workspace(args.db) as workspace:
        from crm_desktop.services.transfer import export_contacts

        trashed = workspace.contacts.count(ContactQuery(trashed=True))
        count = export_contacts(workspace, output, include_trash=args.include_trash)
    if args.include_trash:
        print(f"Exported {count:,} contacts ({trashed:,} from the Trash) to {output}.", file=sys.stderr)
        return 0
    print(f"Exported {count:,} contacts to {output}.", file=sys.stderr)
    if trashed == 1:
        print("1 contact in the Trash was left out (--include-trash exports it too).", file=sys.stderr)
    elif trashed:
        print(f"{trashed:,} contacts in the Trash were left out (--include-trash exports them too).", file=sys.stderr)
    return 0


def _import(args) -> int:
    source = Path(args.file).expanduser()
    if not source.is_file():
        raise CommandError(f"there is no file {source} to import")
    with _existing_workspace(args.db) as workspace:
        from crm_desktop.services.transfer import import_contacts

        result = import_contacts(workspace, source)
    trash = f" ({result.in_trash:,} of them in the Trash)" if result.in_trash else ""
    print(f"Imported {source}: {result.added:,} added, {result.updated:,} updated{trash}.", file=sys.stderr)
    return 0


def _agenda_days(text: str) -> int:
    value = _count(text)
    if value > 366:
        raise argparse.ArgumentTypeError("must be at most 366")
    return value


def _agenda(args) -> int:
    """One item per line, tab-separated: local date and time, kind, contact, subject."""
    from crm_desktop.services.agenda_text import agenda_lines

    with _existing_workspace(args.db) as workspace:
        agenda = workspace.agenda.agenda(args.days)
        lines = agenda_lines(agenda, workspace.clock.zone, workspace.follow_up_preferences.care_rules, args.days)
    for line in lines:
        print(line if isinstance(line, str) else "\t".join(_one_line(value) for value in line))
    return 0


def _pipeline(args) -> int:
    """One stage per line, tab-separated: stage, number of deals, total, weighted total (per currency)."""
    from crm_desktop.services.pipeline_text import pipeline_rows

    with _existing_workspace(args.db) as workspace:
        rows = pipeline_rows(workspace.pipeline.board())
    for row in rows:
        print("\t".join(_one_line(value) for value in row))
    return 0


def _labels(args) -> int:
    from crm_desktop.services.labels import LabelError, LabelOptions, LabelSort, Recipients

    if args.list_templates:
        from crm_desktop.printing.label_templates import builtin_templates

        templates = builtin_templates()
        if args.db:
            with _existing_workspace(args.db) as workspace:
                templates = workspace.labels.templates()
        for template in templates:
            print(f"{template.key}\t{template.name}\t{template.size_text}")
        return 0
    if not args.output:
        raise CommandError("give the PDF file to write with -o FILE.pdf (or --list-templates)")
    output = Path(args.output).expanduser()
    if output.is_dir():
        raise CommandError(f"{output} is a folder; give the name of the PDF file to write")
    if not output.parent.is_dir():
        raise CommandError(f"there is no folder {output.parent} to write {output.name} in")
    query = ContactQuery(text=args.query, tag=args.tag or None)
    options = LabelOptions(household=args.household, sort=LabelSort(args.sort), start=args.start or 1,
                           include_company=not args.no_company)  # fmt: skip
    if args.start == 0:
        raise CommandError("--start counts from 1 (the first label of the sheet)")
    with _existing_workspace(args.db) as workspace:
        try:
            plan = workspace.labels.plan(args.template, Recipients.matching(query), options)
        except LabelError as exc:
            raise CommandError(str(exc)) from None
        if not plan.labels:
            raise CommandError(f"none of the {len(plan.skipped):,} contacts has a postal address; nothing was written")
        workspace.labels.write_pdf(plan, output)
    sheets = "1 sheet" if plan.sheets == 1 else f"{plan.sheets:,} sheets"
    count = "1 label" if len(plan.labels) == 1 else f"{len(plan.labels):,} labels"
    print(f"Wrote {count} on {sheets} ({plan.template.name}) to {output}.", file=sys.stderr)
    if plan.skipped:
        names = ", ".join(s.name for s in plan.skipped[:10])
        more = f" and {len(plan.skipped) - 10:,} more" if len(plan.skipped) > 10 else ""
        print(f"Skipped {len(plan.skipped):,} without a postal address: {names}{more}.", file=sys.stderr)
    return 0
