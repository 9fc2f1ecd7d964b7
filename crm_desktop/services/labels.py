"""Mailing labels: the templates (built-in and the user's own), who gets a label, the plan of every
label's lines, a sheet's layout for a preview, and the PDF. The Labels dialog and `crm-desktop
labels` share all of it.

    plan = workspace.labels.plan("avery-5160", Recipients.tagged("Eid"), LabelOptions(household=True))
    preview = workspace.labels.sheet(plan, 0)          # rects and lines in mm, for QPainter
    workspace.labels.write_pdf(plan, path, progress, cancelled)
"""

from __future__ import annotations

import enum
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.db.connection import Database
from crm_desktop.db.label_rows import LabelRow, label_rows
from crm_desktop.db.settings import SettingsRepository
from crm_desktop.domain.contact import ContactKind
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.printing.address_block import address_lines, household_key, usable
from crm_desktop.printing.label_sheet import SheetLayout, sheet_count, sheet_layout
from crm_desktop.printing.label_templates import LabelTemplate, TemplateError, builtin_templates, template_from_dict
from crm_desktop.printing.labels_pdf import gc_paused, write_labels_pdf
from crm_desktop.printing.text_fit import BlockLine
from crm_desktop.services.changes import Change, ChangeBus, ChangeKind

MAX_OFFSET = 20.0  # mm: more than that is not a printer's skew but the wrong template


class LabelError(ValueError):
    """A labels request that cannot be carried out (unknown template, start past the sheet, nobody to
    print for), in one sentence for the user."""


class LabelSort(enum.StrEnum):
    NAME = "name"
    POSTCODE = "postcode"
    LIST = "list"  # the order the recipients came in (the contact list's own sort)


@dataclass(frozen=True, slots=True)
class Recipients:
    """Who gets a label: the contacts matching a query (search text, tag, filters), or given ids."""

    query: ContactQuery | None = None
    ids: tuple[int, ...] | None = None

    @classmethod
    def everyone(cls) -> Recipients:
        return cls(query=ContactQuery())

    @classmethod
    def tagged(cls, tag: str) -> Recipients:
        return cls(query=ContactQuery(tag=tag))

    @classmethod
    def matching(cls, query: ContactQuery) -> Recipients:
        return cls(query=query)

    @classmethod
    def selection(cls, ids: Sequence[int]) -> Recipients:
        return cls(ids=tuple(ids))


@dataclass(frozen=True, slots=True)
class LabelOptions:
    household: bool = False  # one label per address, the names joined
    sort: LabelSort = LabelSort.NAME
    start: int = 1  # the first free position on a partly used sheet, 1-based
    include_company: bool = True
    use_label_names: bool = True  # a contact's label name ("The Khan Family") replaces the person's name


@dataclass(frozen=True, slots=True)
class PlannedLabel:
    contact_ids: tuple[int, ...]
    lines: tuple[BlockLine, ...]


@dataclass(frozen=True, slots=True)
class Skipped:
    contact_id: int
    name: str
    reason: str = "no postal address"


@dataclass(frozen=True, slots=True)
class LabelPlan:
    template: LabelTemplate
    options: LabelOptions
    labels: tuple[PlannedLabel, ...]
    skipped: tuple[Skipped, ...] = field(default=())

    @property
    def sheets(self) -> int:
        return sheet_count(self.template, len(self.labels), self.options.start)

    @property
    def blocks(self) -> list[tuple[BlockLine, ...]]:
        return [label.lines for label in self.labels]


class LabelService:
    def __init__(self, database: Database, settings: SettingsRepository, changes: ChangeBus,
                 home_country: Callable[[], str],
                 ids_for: Callable[[ContactQuery, sqlite3.Connection], Sequence[int]]):  # fmt: skip
        self._database = database
        self._settings = settings
        self._changes = changes
        self._home_country = home_country
        self._ids_for = ids_for

    # Templates ---------------------------------------------------------------------------------------

    def templates(self) -> list[LabelTemplate]:
        """The built-in templates, then the user's own."""
        return [*builtin_templates(), *self._custom_templates()]

    def template(self, key: str) -> LabelTemplate:
        for template in self.templates():
            if template.key == key.strip().lower():
                return template
        raise LabelError(f"There is no label template '{key}' (crm-desktop labels --list-templates lists them).")

    def save_template(self, data: dict) -> LabelTemplate:
        """Add or replace one of the user's templates. TemplateError says what is wrong, e.g. which
        dimension overflows the page."""
        template = template_from_dict(data, custom=True)
        if any(t.key == template.key for t in builtin_templates()):
            raise TemplateError(f"'{template.key}' is a built-in template; give yours another key.")
        kept = [t for t in self._custom_templates() if t.key != template.key]
        self._store("label_templates", [t.to_dict() for t in [*kept, template]])
        return template

    def remove_template(self, key: str) -> None:
        kept = [t for t in self._custom_templates() if t.key != key]
        self._store("label_templates", [t.to_dict() for t in kept])

    def _custom_templates(self) -> list[LabelTemplate]:
        result = []
        for item in self._json("label_templates", []):
            try:
                result.append(template_from_dict(item, custom=True))
            except TemplateError:
                continue  # damaged by hand: leave it out rather than stop the dialog
        return result

    def offset(self, key: str) -> tuple[float, float]:
        """The printer offset (x right, y down, mm) remembered for a template."""
        value = self._json("label_offsets", {}).get(key)
        try:
            x, y = float(value[0]), float(value[1])
        except (TypeError, ValueError, IndexError, KeyError):
            return 0.0, 0.0
        return (x, y) if abs(x) <= MAX_OFFSET and abs(y) <= MAX_OFFSET else (0.0, 0.0)

    def set_offset(self, key: str, x: float, y: float) -> None:
        if abs(x) > MAX_OFFSET or abs(y) > MAX_OFFSET:
            raise LabelError(f"A printer offset is at most {MAX_OFFSET:g} mm each way.")
        offsets = self._json("label_offsets", {})
        offsets = offsets if isinstance(offsets, dict) else {}
        offsets[self.template(key).key] = [round(x, 2), round(y, 2)]
        self._store("label_offsets", offsets)

    def _json(self, key: str, default):
        try:
            value = json.loads(self._settings.get(key, "") or "null")
        except ValueError:
            return default
        return value if isinstance(value, type(default)) else default

    def _store(self, key: str, value) -> None:
        self._settings.set(key, json.dumps(value, ensure_ascii=False))
        self._changes.publish(Change("settings", ChangeKind.SETTINGS))

    # Plans -------------------------------------------------------------------------------------------

    def plan(self, template_key: str, recipients: Recipients, options: LabelOptions = LabelOptions()) -> LabelPlan:
        template = self.template(template_key)
        if not 1 <= options.start <= template.per_sheet:
            raise LabelError(f"Start at label 1 to {template.per_sheet}: a {template.name} sheet has "
                             f"{template.per_sheet} labels.")  # fmt: skip
        home = self._home_country().upper()
        # The contacts are read on a connection of the plan's own: the Labels dialog plans on a worker
        # thread while the window goes on using the main connection.
        reader = self._database.reader()
        try:
            ids = self._recipient_ids(recipients, reader)
            if not ids:
                raise LabelError("No contacts to print labels for: the search, tag or selection is empty.")
            with gc_paused():
                return self._plan(template, label_rows(reader, ids), options, home)
        finally:
            reader.close()

    def _plan(self, template: LabelTemplate, contacts: Iterable[LabelRow], options: LabelOptions,
              home: str) -> LabelPlan:  # fmt: skip
        rows: list[tuple[LabelRow, object]] = []
        skipped = []
        for row in contacts:
            address = next((a for a in row.contact.addresses if usable(a)), None)
            if address is None:
                skipped.append(Skipped(row.contact.id, row.contact.display_name or f"#{row.contact.id}"))
            else:
                rows.append((row, address))
        groups = _households(rows, home) if options.household else [[pair] for pair in rows]
        if options.sort is LabelSort.NAME:
            groups.sort(key=lambda g: (g[0][0].sort_key, g[0][0].contact.id))
        elif options.sort is LabelSort.POSTCODE:
            groups.sort(key=lambda g: (_postcode_key(g[0][1].postcode), g[0][0].sort_key))
        labels = tuple(self._label(group, options, home) for group in groups)
        return LabelPlan(template, options, labels, tuple(skipped))

    def _recipient_ids(self, recipients: Recipients, reader: sqlite3.Connection) -> list[int]:
        if recipients.ids is not None:
            return list(dict.fromkeys(recipients.ids))
        ids = self._ids_for(recipients.query or ContactQuery(), reader)
        if not getattr(ids, "exact", True):
            ids.settle(self._database.full_length(ids))
        return list(ids)

    def _label(self, group, options: LabelOptions, home: str) -> PlannedLabel:
        names = []
        for row, _ in group:
            name = row.label_name.strip() if options.use_label_names else ""
            if name:
                names = [name]
                break
            names.append(row.contact.display_name)
        contacts = [row.contact for row, _ in group]
        companies = {c.company.strip() for c in contacts if c.kind is ContactKind.PERSON}
        company = companies.pop() if options.include_company and len(companies) == 1 else ""
        lines = address_lines(_joined(names), company, group[0][1], home)
        return PlannedLabel(tuple(c.id for c in contacts), tuple(lines))

    def sheet(self, plan: LabelPlan, number: int = 0) -> SheetLayout:
        """One sheet's labels placed and fitted (mm), for a preview; the same layout the PDF gets."""
        return sheet_layout(plan.template, plan.blocks, plan.options.start, number)

    def write_pdf(self, plan: LabelPlan, path: Path | str, progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> bool:  # fmt: skip
        """The whole run as a PDF at 100% scale, with the template's printer offset. False, and no
        file, when cancelled() asked to stop."""
        return write_labels_pdf(path, plan.template, plan.blocks, plan.options.start,
                                self.offset(plan.template.key), progress, cancelled)  # fmt: skip


def _households(rows, home: str) -> list[list]:
    groups: dict[str, list] = {}
    for row, address in rows:
        groups.setdefault(household_key(address, home), []).append((row, address))
    return list(groups.values())


def _joined(names: list[str]) -> str:
    names = list(dict.fromkeys(n for n in names if n.strip()))
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " & " + names[-1]


def _postcode_key(postcode: str) -> tuple[int, str]:
    """Postcodes in order, those without one last."""
    text = "".join(postcode.split()).casefold()
    return (0 if text else 1, text.zfill(10) if text.isdigit() else text)
