"""Mailing labels end to end: contacts in a real database, a plan, a PDF read back with pdfplumber."""

from __future__ import annotations

import pdfplumber
import pytest

from crm_desktop.domain.contact import Address, Contact, ContactKind
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.printing.label_templates import TemplateError, builtin_templates
from crm_desktop.printing.text_fit import MIN_PADDING, PT
from crm_desktop.services.labels import LabelError, LabelOptions, LabelSort, Recipients

LONG_STREET = ("Plot 7, " + "Shahrah-e-Quaideen Commercial Area Extension " * 7)[:300]


def person(first, last, street="", city="", postcode="", country="PK", company="", tags=()):
    address = [Address(street, city, "", postcode, country)] if street or city else []
    return Contact(first_name=first, last_name=last, company=company, addresses=address, tags=list(tags))


@pytest.fixture
def people(workspace):
    saved = [
        person("Ali", "Raza", "House 12, Street 5", "Lahore", "54000", tags=["eid"]),
        person("Sara", "Raza", "house 12,  street 5", "LAHORE", "54000", tags=["eid"]),
        person("José", "Müller", "42 Main St.", "Springfield", "62701", "US", company="Acme Ltd"),
        person("علی", "رضا", "مکان نمبر 12، گلی 5", "کراچی", "75400"),
        person("राजेश", "कुमार", "12 एमजी रोड", "नई दिल्ली", "110001", "IN"),
        person("சுந்தர்", "ராஜ்", "15 காலி வீதி", "கொழும்பு", "00300", "LK"),
        person("Omar", "Long", LONG_STREET, "Karachi", "75500"),
        person("Nadia", "Nowhere"),  # no postal address: skipped and named
    ]
    return [workspace.contacts.save(c) for c in saved]


def label_slots(path, template):
    """{slot index: chars} for page 1, every char assigned to the label it falls in (or -1)."""
    slots: dict[int, list] = {}
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        size = (page.width, page.height)
        for ch in page.chars:
            cx, cy = (ch["x0"] + ch["x1"]) / 2 * PT, (ch["top"] + ch["bottom"]) / 2 * PT
            slot = next((i for i in range(template.per_sheet) if _inside(template.slot(i), cx, cy, 0)), -1)
            slots.setdefault(slot, []).append(ch)
    return size, slots


def _inside(rect, x, y, pad):
    return rect.x + pad <= x <= rect.x + rect.width - pad and rect.y + pad <= y <= rect.y + rect.height - pad


def test_every_line_stays_inside_its_label_less_the_padding(workspace, people, tmp_path):
    for key in ("avery-5160", "avery-l7163", "avery-5167", "avery-l7651"):
        plan = workspace.labels.plan(key, Recipients.everyone(), LabelOptions(sort=LabelSort.LIST))
        path = tmp_path / f"{key}.pdf"
        assert workspace.labels.write_pdf(plan, path)
        size, slots = label_slots(path, plan.template)
        assert -1 not in slots, f"{key}: text outside every label"
        for slot, chars in slots.items():
            rect = plan.template.slot(slot)
            for ch in chars:
                x0, x1, top, bottom = (ch[k] * PT for k in ("x0", "x1", "top", "bottom"))
                assert rect.x + MIN_PADDING - 0.05 <= x0 and x1 <= rect.x + rect.width - MIN_PADDING + 0.05, (key, ch["text"])
                assert rect.y + MIN_PADDING - 0.05 <= top and bottom <= rect.y + rect.height - MIN_PADDING + 0.05, (key, ch["text"])


def test_page_size_label_count_and_latin_text(workspace, people, tmp_path):
    plan = workspace.labels.plan("avery-5160", Recipients.everyone())
    assert len(plan.labels) == 7 and plan.sheets == 1
    path = tmp_path / "labels.pdf"
    workspace.labels.write_pdf(plan, path)
    with pdfplumber.open(path) as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (612, 792)
        text = pdf.pages[0].extract_text()
    assert "José Müller" in text and "Acme Ltd" in text and "SPRINGFIELD, 62701" in text
    assert "UNITED STATES" in text and "LAHORE-54000" in text and "PAKISTAN" not in text
    a4 = workspace.labels.plan("avery-l7163", Recipients.everyone())
    workspace.labels.write_pdf(a4, tmp_path / "a4.pdf")
    with pdfplumber.open(tmp_path / "a4.pdf") as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (595, 842)


def test_skipped_contacts_are_named(workspace, people):
    plan = workspace.labels.plan("avery-5160", Recipients.everyone())
    assert [s.name for s in plan.skipped] == ["Nadia Nowhere"]


def test_start_at_label_n_leaves_the_first_positions_empty(workspace, people, tmp_path):
    plan = workspace.labels.plan("avery-5160", Recipients.everyone(), LabelOptions(start=7, sort=LabelSort.LIST))
    path = tmp_path / "start7.pdf"
    workspace.labels.write_pdf(plan, path)
    _, slots = label_slots(path, plan.template)
    assert min(slots) == 6 and sorted(slots) == list(range(6, 13))
    assert plan.labels[0].lines[0].text in "".join(c["text"] for c in slots[6])
    assert [label.block is None for label in workspace.labels.sheet(plan).labels[:7]] == [True] * 6 + [False]
    with pytest.raises(LabelError, match="1 to 30"):
        workspace.labels.plan("avery-5160", Recipients.everyone(), LabelOptions(start=31))


def test_one_label_per_household(workspace, people):
    plan = workspace.labels.plan("avery-5160", Recipients.tagged("eid"), LabelOptions(household=True))
    assert len(plan.labels) == 1
    assert plan.labels[0].lines[0].text == "Ali Raza & Sara Raza" and plan.labels[0].lines[0].bold
    assert set(plan.labels[0].contact_ids) == {people[0].id, people[1].id}
    assert len(workspace.labels.plan("avery-5160", Recipients.tagged("eid")).labels) == 2


def test_recipients_by_query_selection_sort_and_company(workspace, people):
    ids = workspace.labels.plan("avery-5160", Recipients.matching(ContactQuery(text="Müller"))).labels
    assert [label.contact_ids for label in ids] == [(people[2].id,)]
    selected = workspace.labels.plan("avery-5160", Recipients.selection([people[2].id]), LabelOptions(include_company=False))
    assert "Acme Ltd" not in [line.text for line in selected.labels[0].lines]
    by_postcode = workspace.labels.plan("avery-5160", Recipients.everyone(), LabelOptions(sort=LabelSort.POSTCODE))
    firsts = [label.contact_ids[0] for label in by_postcode.labels]
    assert firsts[0] == people[5].id and firsts[-1] == people[4].id  # 00300 first, 110001 last
    with pytest.raises(LabelError, match="No contacts"):
        workspace.labels.plan("avery-5160", Recipients.tagged("nobody"))
    with pytest.raises(LabelError, match="no label template"):
        workspace.labels.plan("avery-9999", Recipients.everyone())


def test_a_300_character_street_stays_inside(workspace, people, tmp_path):
    plan = workspace.labels.plan("avery-5160", Recipients.selection([people[6].id]))
    block = workspace.labels.sheet(plan).labels[0].block
    assert block.wrapped and not block.truncated
    path = tmp_path / "long.pdf"
    workspace.labels.write_pdf(plan, path)
    _, slots = label_slots(path, plan.template)
    assert list(slots) == [0]
    inner = workspace.labels.sheet(plan).labels[0].inner
    for ch in slots[0]:
        assert inner.x - 0.05 <= ch["x0"] * PT and ch["x1"] * PT <= inner.x + inner.width + 0.05
    words = "".join(c["text"] for c in slots[0])
    assert "Quaideen" in words and "KARACHI-75500" in words


# Figures corrected after checking against LibreOffice labels.xml, gLabels, Paper::Specs and Avery's Word
# templates (see each template's source): left, top, horizontal pitch, vertical pitch, width, height in mm.
CHECKED_FIGURES = {
    "avery-5167": (7.62, 12.7, 52.07, 12.7, 44.45, 12.7),  # 0.3" side, 2.05" pitch (was 0.28125" / 2.0625")
    "avery-l7161": (7.21, 8.82, 66.04, 46.56, 63.5, 46.56),  # was 8.7 mm top, 46.6 mm rows
    "avery-l7162": (4.65, 13.02, 101.6, 33.87, 99.1, 33.87),  # was 12.9 mm top, 33.9 mm rows
    "avery-l7651": (4.75, 10.9, 40.6, 21.17, 38.1, 21.17),  # was 10.7 mm top, 21.2 mm rows
    "zweckform-3474": (0, 0, 70, 37, 70, 37),  # was 0.5 mm top
}


def test_built_in_sheets_carry_the_checked_geometry_and_say_where_it_was_checked():
    by_key = {t.key: t for t in builtin_templates()}
    for key, expected in CHECKED_FIGURES.items():
        t = by_key[key]
        actual = (t.left_margin, t.top_margin, t.h_pitch, t.v_pitch, t.label_width, t.label_height)
        assert actual == pytest.approx(expected, abs=0.005), key
    for t in by_key.values():
        right = t.page_width - t.left_margin - (t.columns - 1) * t.h_pitch - t.label_width
        bottom = t.page_height - t.top_margin - (t.rows - 1) * t.v_pitch - t.label_height
        assert abs(right - t.left_margin) < 0.1, t.key
        assert abs(bottom - t.top_margin) < 0.1 or t.key == "zweckform-3474", t.key
        assert "LibreOffice" in t.source or "gLabels" in t.source, t.key
    assert by_key["zweckform-3474"].top_margin + 8 * 37 == pytest.approx(296)  # the spare 1 mm is at the bottom


def test_custom_templates_are_checked_stored_and_listed(workspace):
    data = {"key": "my-sheet", "name": "My sheet", "page": "a4", "label_width": 70, "label_height": 30,
            "columns": 3, "rows": 9, "top_margin": 10, "left_margin": 0, "h_pitch": 70, "v_pitch": 30}  # fmt: skip
    saved = workspace.labels.save_template(data)
    assert saved.custom and workspace.labels.template("my-sheet").per_sheet == 27
    assert [t.key for t in workspace.labels.templates()][-1] == "my-sheet"
    with pytest.raises(TemplateError, match="columns overflow the page width.*215 mm.*210 mm"):
        workspace.labels.save_template({**data, "left_margin": 5})
    with pytest.raises(TemplateError, match="rows overflow the page height"):
        workspace.labels.save_template({**data, "rows": 10})
    with pytest.raises(TemplateError, match="overlap side by side"):
        workspace.labels.save_template({**data, "h_pitch": 60})
    with pytest.raises(TemplateError, match="built-in"):
        workspace.labels.save_template({**data, "key": "avery-5160"})
    workspace.labels.set_offset("my-sheet", 1.5, -0.5)
    assert workspace.labels.offset("my-sheet") == (1.5, -0.5)
    with pytest.raises(LabelError, match="at most"):
        workspace.labels.set_offset("my-sheet", 30, 0)
    workspace.labels.remove_template("my-sheet")
    with pytest.raises(LabelError):
        workspace.labels.template("my-sheet")


def test_cancel_stops_and_leaves_no_file(workspace, tmp_path):
    with workspace.database.atomic():
        workspace.contacts.repository.bulk_insert(
            person(f"P{i}", "Test", f"House {i}", "Lahore", "54000") for i in range(100))  # fmt: skip
    plan = workspace.labels.plan("avery-5160", Recipients.everyone())
    path = tmp_path / "cancelled.pdf"
    path.write_bytes(b"an earlier file")
    seen = []
    finished = workspace.labels.write_pdf(plan, path, progress=lambda d, t: seen.append((d, t)), cancelled=lambda: len(seen) >= 2)
    assert not finished and seen == [(30, 100), (60, 100)]
    assert path.read_bytes() == b"an earlier file" and list(tmp_path.glob("*.part")) == []
    assert workspace.labels.write_pdf(plan, path, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (100, 100) and path.read_bytes().startswith(b"%PDF")


def test_company_cards_print_the_company_once(workspace):
    company = workspace.contacts.save(Contact(kind=ContactKind.COMPANY, company="Zaidi Builders",
                                              addresses=[Address("Office 200", "Hyderabad", "", "71000", "PK")]))  # fmt: skip
    plan = workspace.labels.plan("avery-5160", Recipients.selection([company.id]))
    assert [line.text for line in plan.labels[0].lines] == ["Zaidi Builders", "Office 200", "HYDERABAD-71000"]


def test_a_label_name_replaces_the_name_unless_the_option_is_off(workspace):
    khan = person("Imran", "Khan", "House 3, Street 9", "Lahore", "54000")
    khan.label_name = "The Khan Family"
    saved = workspace.contacts.save(khan)
    plan = workspace.labels.plan("avery-5160", Recipients.selection([saved.id]), LabelOptions())
    assert plan.labels[0].lines[0].text == "The Khan Family"
    plain = workspace.labels.plan("avery-5160", Recipients.selection([saved.id]), LabelOptions(use_label_names=False))
    assert plain.labels[0].lines[0].text == "Imran Khan"


def test_a_labels_job_pauses_garbage_collection_and_leaves_no_young_objects_behind():
    import gc

    from crm_desktop.printing.labels_pdf import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        made = [[n] for n in range(50_000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    # What the job made is in the oldest generation, not left for a young collection to walk.
    assert any(found is made for found in gc.get_objects(generation=2))


def test_a_plan_reads_on_a_connection_of_its_own(workspace, people):
    """The dialog plans on a worker while the window keeps the main connection: a card the window is
    still saving (its transaction open) is not on the plan, and the window's transaction is untouched."""
    everyone = Recipients.everyone()
    before = len(workspace.labels.plan("avery-5160", everyone).labels)
    with workspace.database.atomic():
        workspace.contacts.save(person("Hina", "Baig", "7 Mall Road", "Lahore", "54000"))
        assert len(workspace.labels.plan("avery-5160", everyone).labels) == before
    assert len(workspace.labels.plan("avery-5160", everyone).labels) == before + 1
