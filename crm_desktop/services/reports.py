"""The data behind the PDF documents, gathered through the repositories and services, and the
documents written: the directory, a contact's dossier, the activity and pipeline reports."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from crm_desktop.db.directory_rows import DirectoryRows
from crm_desktop.domain.activity_query import ActivityQuery, ActivityState, ActivitySummary
from crm_desktop.domain.deal import DealStatus
from crm_desktop.domain.deal_query import DealQuery, DealSort
from crm_desktop.domain.directory import DirectoryEntry
from crm_desktop.domain.money import Money, format_money
from crm_desktop.domain.text import index_tab
from crm_desktop.printing.documents.directory import write_directory
from crm_desktop.printing.documents.flow import Column
from crm_desktop.printing.documents.page import Masthead, long_date, paper_for
from crm_desktop.printing.documents.simple import Document, Section, Table, write_document
from crm_desktop.services.jobs import Job, atomic_output
from crm_desktop.services.pipeline import RECENTLY_CLOSED_DAYS

UNTAGGED = "No tag"
# The list's tabs for other scripts, named for the reader who does not read them.
TAB_TITLES = {"ا": "Urdu  ا", "अ": "Hindi  अ", "அ": "Tamil  அ", "#": "Other"}


def _masthead(workspace, title: str, subtitle: str = "") -> Masthead:
    return Masthead(title, subtitle, workspace.clock.now().astimezone(workspace.clock.zone).date(),
                    workspace.preferences.business_name)  # fmt: skip


def directory(workspace, output: Path, by_tag: bool = False, job: Job | None = None) -> int:
    """Write the contact directory to output (whole, or not at all); the number of pages. Reads through a
    reader connection of its own, so it may run on a worker thread. Raises JobCancelled."""
    job = job or Job()
    reader = workspace.database.reader()
    try:
        rows = DirectoryRows(reader)
        if by_tag:
            tags = rows.tags()
            total = sum(count for _, _, count in tags) + rows.untagged_count()
            subtitle = "Grouped by tag; a contact with several tags is listed under each"
        else:
            total = rows.count()
            subtitle = "In name order, A to Z, then Urdu, Hindi and Tamil"
        job.report(0, total)
        people = f"{total:,} {'entry' if total == 1 else 'entries'}" if by_tag else f"{total:,} contact{'s' * (total != 1)}"
        masthead = _masthead(workspace, "Contact Directory", f"{subtitle} · {people}")

        def entries() -> Iterator[tuple[str, DirectoryEntry]]:
            if not by_tag:
                for chunk in rows.by_name():
                    job.check()
                    for entry in chunk:
                        tab = index_tab(entry.sort_key)
                        yield TAB_TITLES.get(tab, tab), entry
                return
            for tag_id, name, _ in tags:
                for chunk in rows.with_tag(tag_id):
                    job.check()
                    for entry in chunk:
                        yield name, entry
            for chunk in rows.untagged():
                job.check()
                for entry in chunk:
                    yield UNTAGGED, entry

        def page_done(number: int) -> None:
            job.check()

        with atomic_output(output) as temporary:
            pages = write_directory(temporary, masthead, entries(), paper_for(workspace.preferences.default_region),
                                    on_page=page_done, on_entry=job.report)  # fmt: skip
        return pages
    finally:
        reader.close()


# -- the smaller documents ---------------------------------------------------------------------------

HISTORY_SHOWN = 15  # the dossier's recent history: the last activities done
ACTIVITY_COLUMNS = (Column("Date", 13), Column("Kind", 11), Column("Contact", 24, "auto"),
                    Column("Subject", 36, "auto"), Column("Outcome", 16))  # fmt: skip


def _write(workspace, output: Path, masthead: Masthead, document: Document, wide: bool = False) -> int:
    with atomic_output(output) as temporary:
        return write_document(temporary, masthead, document, paper_for(workspace.preferences.default_region, wide))


def _local(workspace, moment: datetime | None, day: date | None = None) -> tuple[str, str]:
    """(date, time) as printed: 23 Nov 2026, 14:30; an all-day item has no time."""
    if moment is not None:
        local = moment.astimezone(workspace.clock.zone)
        return f"{local.day} {local:%b %Y}", f"{local:%H:%M}"
    if day is not None:
        return f"{day.day} {day:%b %Y}", ""
    return "", ""


def _when(workspace, summary: ActivitySummary) -> str:
    day, time = _local(workspace, summary.at, summary.day)
    return f"{day} {time}".strip()


def _kind(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


def dossier(workspace, contact_id: int, output: Path) -> int:
    """One contact on paper: the card, open deals, next steps and recent history."""
    contact = workspace.contacts.get(contact_id)
    headline = " · ".join(p for p in (contact.job_title, contact.company if contact.company != contact.display_name else "") if p)
    pairs: list[tuple[str, str]] = []
    if headline:
        pairs.append(("Position", headline))
    pairs += [(f"Phone ({p.label})" if p.label else "Phone", p.number) for p in contact.phones]
    pairs += [(f"Email ({e.label})" if e.label else "Email", e.address) for e in contact.emails]
    for address in contact.addresses:
        lines = [*address.street.splitlines(), " ".join(p for p in (address.city, address.region, address.postcode) if p),
                 address.country]  # fmt: skip
        pairs.append((f"Address ({address.label})" if address.label else "Address", "\n".join(l for l in lines if l)))
    pairs += [(w.label.capitalize() or "Website", w.url) for w in contact.websites]
    if contact.birthday is not None:
        b = contact.birthday
        pairs.append(("Birthday", f"{b.day} {date(2000, b.month, 1):%B}" + (f" {b.year}" if b.year else "")))
    pairs.append(("Relationship", _kind(str(contact.relationship))))
    pairs.append(("Stage", _kind(str(contact.stage).replace("_", " "))))
    if contact.source:
        pairs.append(("Source", contact.source))
    if contact.tags:
        pairs.append(("Tags", ", ".join(contact.tags)))
    sections = [Section("Contact details", pairs=pairs)]
    if contact.notes.strip():
        sections.append(Section("Notes", text=contact.notes.strip()))

    deals = [row for row in workspace.pipeline.contact_deals(contact_id) if row.status is DealStatus.OPEN]
    stage_names = {s.key: s.name for s in workspace.pipeline.stages}
    deal_rows = [(d.title, stage_names.get(d.stage, d.stage), format_money(d.value), f"{d.probability}%",
                  format_money(d.weighted), _local(workspace, None, d.expected_close)[0] or "-") for d in deals]  # fmt: skip
    sections.append(Section("Open deals", tables=[Table(
        (Column("Deal", 30, "auto"), Column("Stage", 15), Column("Value", 16, "right"), Column("Chance", 8, "right"),
         Column("Weighted", 16, "right"), Column("Expected close", 15)), rows=deal_rows, empty="No open deals.")]))  # fmt: skip

    open_ids = workspace.activities.search_ids(ActivityQuery(contact_id=contact_id, state=ActivityState.OPEN))
    upcoming = sorted(workspace.activities.summaries(list(open_ids[:50])), key=_due_order)
    next_rows = [(_when(workspace, s) or "-", _kind(s.kind), s.subject, _PRIORITY.get(s.priority, "")) for s in upcoming]
    sections.append(Section("Next steps", tables=[Table(
        (Column("Due", 20), Column("Kind", 14), Column("What", 50, "auto"), Column("Priority", 12)),
        rows=next_rows, empty="Nothing scheduled.")]))  # fmt: skip

    done_ids = workspace.activities.search_ids(ActivityQuery(contact_id=contact_id, state=ActivityState.DONE))
    recent = workspace.activities.summaries(list(done_ids[:HISTORY_SHOWN]))
    history_rows = [(_when(workspace, s), _kind(s.kind), _subject(s), s.outcome) for s in recent]
    total_done = workspace.activities.full_length(done_ids)
    note = f"The last {len(recent)} of {total_done:,} activities." if total_done > len(recent) else ""
    sections.append(Section("Recent history", tables=[Table(
        (Column("Date", 20), Column("Kind", 14), Column("What", 48, "auto"), Column("Outcome", 18)),
        rows=history_rows, empty="Nothing logged yet.")], note=note))  # fmt: skip
    subtitle = headline or ("Company" if str(contact.kind) == "company" else "")
    return _write(workspace, output, _masthead(workspace, contact.display_name or "Contact", subtitle),
                  Document(sections))


_PRIORITY = {0: "Low", 1: "Normal", 2: "High"}


def _due_order(summary: ActivitySummary) -> tuple:
    if summary.at is not None:
        return (summary.at.date(), summary.at)
    if summary.day is not None:
        return (summary.day, datetime.combine(summary.day, datetime.min.time(), tzinfo=UTC))
    return (date.max, datetime.max.replace(tzinfo=UTC))


def _subject(summary: ActivitySummary) -> str:
    if summary.subject and summary.details_start:
        return f"{summary.subject}: {summary.details_start}"
    return summary.subject or summary.details_start


@dataclass(frozen=True)
class ActivityTotals:
    """What the activity report adds up: per kind, per outcome within it, and all together."""

    by_kind: dict[str, dict[str, int]]
    total: int


def activity_totals(workspace, first: date, last: date) -> tuple[ActivityTotals, Sequence[int]]:
    since, until = _range(workspace, first, last)
    ids = workspace.activities.search_ids(ActivityQuery(since=since, until=until, state=ActivityState.DONE))
    by_kind: dict[str, dict[str, int]] = {}
    total = 0
    for chunk in _chunked(ids, 500):
        for s in workspace.activities.summaries(chunk):
            outcomes = by_kind.setdefault(s.kind, {})
            outcomes[s.outcome] = outcomes.get(s.outcome, 0) + 1
            total += 1
    return ActivityTotals(by_kind, total), ids


def activity_report(workspace, first: date, last: date, output: Path, job: Job | None = None) -> int:
    """What was done between first and last (local dates, both included): totals by kind and outcome,
    then every activity day by day, oldest first."""
    if last < first:
        raise ValueError("the report's last day is before its first")
    job = job or Job()
    totals, ids = activity_totals(workspace, first, last)
    summary_groups = []
    for kind in sorted(totals.by_kind, key=lambda k: (-sum(totals.by_kind[k].values()), k)):
        outcomes = totals.by_kind[kind]
        ranked = sorted(outcomes.items(), key=lambda item: (-item[1], item[0]))
        rows = [(_kind(kind) if i == 0 else "", outcome or "No outcome recorded", f"{count:,}")
                for i, (outcome, count) in enumerate(ranked)]  # fmt: skip
        rows.append(("", "Subtotal", f"{sum(outcomes.values()):,}"))
        summary_groups.append(rows)
    summary = Table((Column("Kind", 25), Column("Outcome", 55), Column("Count", 20, "right")),
                    rows=[row for rows in summary_groups for row in rows], total=("Total", "", f"{totals.total:,}"),
                    empty="Nothing was logged in this period.")  # fmt: skip

    def by_day() -> Iterator[tuple[str, Iterator[Sequence]]]:
        pending: list[ActivitySummary] = []
        oldest_first = _reversed_chunks(ids, 500)
        day_title = None
        for chunk in oldest_first:
            job.check()
            for s in reversed(workspace.activities.summaries(chunk)):
                day, time = _local(workspace, s.at, s.day)
                if day != day_title and pending:
                    yield day_title, _activity_rows(workspace, pending)
                    pending = []
                day_title = day
                pending.append(s)
        if pending:
            yield day_title, _activity_rows(workspace, pending)

    detail = Table((Column("Time", 9), Column("Kind", 12), Column("Contact", 25, "auto"), Column("What", 38, "auto"),
                    Column("Outcome", 16)), groups=by_day(), empty="Nothing was logged in this period.")  # fmt: skip
    period = f"{long_date(first)} to {long_date(last)}" if first != last else long_date(first)
    sections = [Section("Totals by kind and outcome", tables=[summary]), Section("Day by day", tables=[detail])]
    return _write(workspace, output, _masthead(workspace, "Activity Report", period), Document(sections))


def _activity_rows(workspace, summaries: list[ActivitySummary]) -> Iterator[Sequence]:
    for s in summaries:
        yield (_local(workspace, s.at, s.day)[1] or "all day", _kind(s.kind), s.contact_name, _subject(s), s.outcome)


def _range(workspace, first: date, last: date) -> tuple[datetime, datetime]:
    zone = workspace.clock.zone
    start = datetime.combine(first, datetime.min.time(), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=zone).astimezone(UTC)
    return start, end


def _chunked(ids: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _reversed_chunks(ids: Sequence[int], size: int) -> Iterator[list[int]]:
    """Chunks from the end of a newest-first list: oldest first, each still newest first."""
    end = len(ids)
    while end > 0:
        start = max(0, end - size)
        yield list(ids[start:end])
        end = start


def pipeline_report(workspace, output: Path, months: int = 6) -> int:
    """Stages with their deals, totals and weighted totals per currency (never added across currencies),
    the forecast by month, and the stale deals."""
    stage_rows = []
    for column in workspace.pipeline.board():
        per_currency: dict[str, int] = {}
        for row in column.rows:
            per_currency[row.currency] = per_currency.get(row.currency, 0) + 1
        name = column.stage.name
        if column.stage.closes_as is not DealStatus.OPEN:
            name += f" (last {RECENTLY_CLOSED_DAYS} days)"
        if not column.rows:
            stage_rows.append((name, "", "0", "-", "-"))
            continue
        for index, (currency, total) in enumerate(workspace.pipeline.ordered(column.total).items()):
            weighted = column.weighted.get(currency, Money(0, currency))
            stage_rows.append((name if index == 0 else "", currency, f"{per_currency.get(currency, 0):,}",
                               format_money(total), format_money(weighted)))  # fmt: skip
    stages = Table((Column("Stage", 30), Column("Currency", 10), Column("Deals", 10, "right"),
                    Column("Total", 25, "right"), Column("Weighted", 25, "right")), rows=stage_rows)  # fmt: skip

    forecast_rows = []
    for month in workspace.pipeline.forecast(months):
        label = f"{month.month:%B %Y}"
        if not month.weighted:
            forecast_rows.append((label, "", f"{month.deals:,}", "-"))
        for index, (currency, money) in enumerate(workspace.pipeline.ordered(month.weighted).items()):
            forecast_rows.append((label if index == 0 else "", currency, f"{month.deals:,}" if index == 0 else "",
                                  format_money(money)))  # fmt: skip
    forecast = Table((Column("Expected close", 30), Column("Currency", 15), Column("Deals", 15, "right"),
                      Column("Weighted", 40, "right")), rows=forecast_rows)  # fmt: skip

    stage_names = {s.key: s.name for s in workspace.pipeline.stages}
    today = workspace.pipeline.today()
    stale = [row for row in workspace.pipeline.rows(DealQuery(sort=DealSort.EXPECTED_CLOSE)) if row.stale]
    stale.sort(key=lambda r: r.last_activity_at or 0)
    stale_rows = [(r.title, r.who, stage_names.get(r.stage, r.stage), format_money(r.value),
                   _idle(r, today, workspace.clock.zone)) for r in stale]  # fmt: skip
    stale_table = Table((Column("Deal", 28, "auto"), Column("Contact", 28, "auto"), Column("Stage", 14),
                         Column("Value", 16, "right"), Column("Quiet for", 14, "right")), rows=stale_rows,
                        empty="No stale deals: every open deal has had recent activity or has a next step.")  # fmt: skip
    sections = [
        Section("Stages", tables=[stages], note="Amounts in different currencies are listed apart, never added up."),
        Section(f"Forecast: weighted value by expected close, next {months} months", tables=[forecast]),
        Section(f"Stale deals ({len(stale):,})", tables=[stale_table]),
    ]
    return _write(workspace, output, _masthead(workspace, "Pipeline Report", f"Open deals as of {long_date(today)}"),
                  Document(sections))


def _idle(row, today: date, zone) -> str:
    if not row.last_activity_at:
        return "no activity"
    days = (today - row.last_activity.astimezone(zone).date()).days
    return f"{days:,} day{'s' * (days != 1)}"
