"""The Labels dialog, driven for real: a SQLite file of contacts in Latin, Urdu, Hindi and Tamil (three
without a postal address), the preview read back as the widget draws it, PDFs read back with pdfplumber."""

from __future__ import annotations

import pdfplumber
import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter

from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.printing.label_templates import TemplateError
from crm_desktop.ui.labels.dialog import LabelsDialog
from crm_desktop.ui.labels.template_dialog import TemplateDialog
from tests.ui.label_contacts import WITHOUT_ADDRESS, fill_labels

MM_TO_PT = 72 / 25.4
WITH_ADDRESS = 13  # of the 16 contacts


@pytest.fixture
def ids(workspace):
    return fill_labels(workspace)


def open_dialog(qtbot, workspace, query=None, selection=()):
    dialog = LabelsDialog(workspace, query, selection)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, dialog)
    return dialog


def settle(qtbot, dialog):
    """Plan now (not after the debounce) and wait until the newest plan is on screen."""
    if dialog._plan_timer.isActive():
        dialog.plan_now()
    qtbot.waitUntil(lambda: not dialog.planning(), timeout=15000)


@pytest.fixture
def dialog(qtbot, workspace, ids):
    dialog = open_dialog(qtbot, workspace)
    yield dialog
    dialog.close()


def choose_template(qtbot, dialog, key):
    combo = dialog.choices.template
    combo.setCurrentIndex(combo.findData(key))
    settle(qtbot, dialog)


def ink(image: QImage, rect) -> list[tuple[int, int]]:
    """The dark (text) pixels inside rect: outlines and the crossed-out shading are light grey."""
    points = []
    for y in range(int(rect.top()) + 2, int(rect.bottom()) - 1):
        for x in range(int(rect.left()) + 2, int(rect.right()) - 1):
            if QColor(image.pixel(x, y)).lightness() < 90:
                points.append((x, y))
    return points


def label_texts(sheet) -> list[str]:
    return ["\n".join(line.text for line in label.block.lines) for label in sheet.labels if label.block]


# ---- the preview follows the options -------------------------------------------------------------


def test_first_sheet_shows_every_addressed_contact_in_every_script(dialog):
    sheet = dialog.preview.sheet()
    texts = label_texts(sheet)
    assert len(texts) == WITH_ADDRESS
    for name in ("José García", "राहुल शर्मा", "முருகன் செல்வம்", "عائشہ صدیقی"):
        assert any(name in text for text in texts), name
    image = dialog.preview.grab().toImage()
    for slot in range(WITH_ADDRESS):
        assert ink(image, dialog.preview.label_rect(slot)), f"label {slot + 1} is drawn blank"
    for slot in range(WITH_ADDRESS, 30):
        assert not ink(image, dialog.preview.label_rect(slot))


def test_urdu_label_is_drawn_from_the_right(dialog):
    sheet = dialog.preview.sheet()
    slot = next(label.slot for label in sheet.labels if label.block and label.block.lines[0].text == "عائشہ صدیقی")
    rect = dialog.preview.label_rect(slot)
    xs = [x for x, _y in ink(dialog.preview.grab().toImage(), rect)]
    # right-aligned: the ink ends near the right padding and leaves the left part of the label empty
    assert rect.right() - max(xs) < rect.width() * 0.12
    assert min(xs) - rect.left() > rect.width() * 0.25


def test_start_at_seven_leaves_six_positions_empty(qtbot, dialog):
    dialog.choices.start.setValue(7)
    settle(qtbot, dialog)
    sheet = dialog.preview.sheet()
    assert [label.block is None for label in sheet.labels[:7]] == [True] * 6 + [False]
    assert len(label_texts(sheet)) == WITH_ADDRESS
    image = dialog.preview.grab().toImage()
    for slot in range(6):
        assert not ink(image, dialog.preview.label_rect(slot)), f"position {slot + 1} should be empty"
    assert ink(image, dialog.preview.label_rect(6))
    assert dialog.choices.start.maximum() == 30


def test_household_merges_the_two_khans_at_one_address(qtbot, dialog):
    assert dialog.summary.text().startswith("13 labels on 1 sheet")
    dialog.choices.household.setChecked(True)
    settle(qtbot, dialog)
    texts = label_texts(dialog.preview.sheet())
    assert len(texts) == WITH_ADDRESS - 1
    merged = [text for text in texts if "Imran Khan" in text]
    assert len(merged) == 1 and "Sara Khan" in merged[0]
    assert dialog.summary.text().startswith("12 labels on 1 sheet")


def test_changing_the_template_changes_the_sheet(qtbot, dialog):
    def grid(sheet):
        return len({label.rect.x for label in sheet.labels}), len({label.rect.y for label in sheet.labels})

    assert grid(dialog.preview.sheet()) == (3, 10)
    assert (dialog.preview.sheet().page_width, dialog.preview.sheet().page_height) == (215.9, 279.4)
    choose_template(qtbot, dialog, "avery-l7163")
    sheet = dialog.preview.sheet()
    assert grid(sheet) == (2, 7)
    assert (sheet.page_width, sheet.page_height) == (210.0, 297.0)
    assert dialog.choices.start.maximum() == 14
    assert "14 per A4 sheet" in dialog.choices.template_size.text()
    assert dialog.summary.text().startswith("13 labels on 1 sheet")
    # 13 labels at 7 start at label 14 and spill to a second sheet
    dialog.choices.start.setValue(14)
    settle(qtbot, dialog)
    assert dialog.summary.text().startswith("13 labels on 2 sheets")
    assert dialog.next_sheet.isEnabled()
    dialog.next_sheet.click()
    assert dialog.sheet_label.text() == "Sheet 2 of 2"
    assert len(label_texts(dialog.preview.sheet())) == 12


def test_company_line_and_sort_by_postcode(qtbot, dialog):
    assert any("Khan Textiles" in text for text in label_texts(dialog.preview.sheet()))
    dialog.choices.company.setChecked(False)
    dialog.choices.sort.setCurrentIndex(dialog.choices.sort.findText("Postcode"))
    settle(qtbot, dialog)
    texts = label_texts(dialog.preview.sheet())
    assert not any("Khan Textiles" in text for text in texts)
    # Colombo's 00300 is the lowest postcode; London's SW1Y 4LE (letters) comes after every number
    assert texts[0].splitlines()[0] == "முருகன் செல்வம்"
    assert texts[-1].splitlines()[0] == "Ada Lovelace"


def test_label_names_replace_the_persons_name_unless_turned_off(qtbot, dialog):
    def first_lines():
        return {label.block.lines[0].text for label in dialog.preview.sheet().labels if label.block}

    assert "The Kareem Family" in first_lines() and "Bilal Kareem" not in first_lines()
    dialog.choices.label_names.setChecked(False)
    settle(qtbot, dialog)
    assert "Bilal Kareem" in first_lines() and "The Kareem Family" not in first_lines()


# ---- the count and who is skipped --------------------------------------------------------------


def test_count_and_the_contacts_without_an_address(dialog):
    text = dialog.summary.text()
    assert text.startswith("13 labels on 1 sheet; 3 contacts without a postal address: ")
    for name in WITHOUT_ADDRESS:
        assert name in text
    listed = {dialog.skipped.item(row).text() for row in range(dialog.skipped.count())}
    assert listed == set(WITHOUT_ADDRESS)
    assert dialog.skipped.isVisible()


def test_recipients_tag_and_selection(qtbot, workspace, ids):
    selection = [ids["Imran Khan"], ids["Nadia Noaddress"], ids["فاطمہ علی"]]
    dialog = open_dialog(qtbot, workspace, ContactQuery(text="khan"), selection)
    assert dialog.choices.who_selection.isChecked()  # more than one selected: the selection is the default
    assert dialog.summary.text() == "2 labels on 1 sheet; 1 contact without a postal address: Nadia Noaddress"
    dialog.choices.tag.setCurrentIndex(dialog.choices.tag.findText("vip"))  # choosing a tag picks "tagged"
    settle(qtbot, dialog)
    assert dialog.choices.who_tag.isChecked()
    assert dialog.summary.text() == "4 labels on 1 sheet"
    dialog.choices.tag.setCurrentIndex(dialog.choices.tag.findText("india"))
    settle(qtbot, dialog)
    assert sorted(label.block.lines[0].text for label in dialog.preview.sheet().labels if label.block) == [
        "प्रिया वर्मा", "राहुल शर्मा"]  # fmt: skip
    dialog.choices.who_list.setChecked(True)
    settle(qtbot, dialog)
    assert "search 'khan'" in dialog.choices.who_list.text()
    assert {label.block.lines[0].text for label in dialog.preview.sheet().labels if label.block} == {
        "Imran Khan", "Sara Khan"}  # fmt: skip
    dialog.close()


def test_nobody_to_print_for_says_so_and_disables_printing(qtbot, workspace, ids):
    dialog = open_dialog(qtbot, workspace, ContactQuery(text="nobody-is-called-this"))
    assert dialog.plan is None
    assert "empty" in dialog.summary.text()
    assert dialog.preview.sheet() is None and dialog.preview.message() == dialog.summary.text()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    dialog.close()


# ---- templates and the printer offset -------------------------------------------------------------


def fill_template(template_dialog: TemplateDialog, name: str, columns: int, rows: int) -> None:
    template_dialog.name.setText(name)
    template_dialog.page.setCurrentIndex(template_dialog.page.findData("a4"))
    template_dialog.columns.setValue(columns)
    template_dialog.rows.setValue(rows)
    for field, value in (("label_width", 63.5), ("label_height", 38.1), ("top_margin", 15.1),
                         ("left_margin", 7.2), ("h_pitch", 66.0), ("v_pitch", 38.1)):  # fmt: skip
        template_dialog.sizes[field].setValue(value)


def test_a_template_that_cannot_fit_is_refused_with_the_engines_message(qtbot, dialog, workspace):
    template_dialog = dialog.add_template()
    assert template_dialog.isVisible()
    fill_template(template_dialog, "Too wide", 4, 7)  # 7.2 + 3 x 66 + 63.5 = 268.7 mm on a 210 mm page
    with pytest.raises(TemplateError) as expected:
        workspace.labels.save_template(template_dialog.data())
    template_dialog.buttons.button(template_dialog.buttons.StandardButton.Save).click()
    assert template_dialog.isVisible()
    assert template_dialog.error.isVisible()
    assert template_dialog.error.text() == str(expected.value)
    assert "overflow the page width" in template_dialog.error.text()
    assert dialog.choices.template.findText("Too wide (yours)") == -1
    # corrected, it is saved, listed and chosen, and the preview follows it
    template_dialog.columns.setValue(3)
    template_dialog.buttons.button(template_dialog.buttons.StandardButton.Save).click()
    assert not template_dialog.isVisible()
    assert dialog.choices.template.currentText() == "Too wide (yours)"
    settle(qtbot, dialog)
    assert len(dialog.preview.sheet().labels) == 21
    assert any(t.key == "too-wide" and t.custom for t in workspace.labels.templates())


def test_the_offset_is_remembered_per_template(qtbot, dialog, workspace, ids):
    assert dialog.choices.offset() == (0.0, 0.0)
    dialog.choices.offset_x.setValue(1.5)
    choose_template(qtbot, dialog, "avery-l7163")  # switching saves the last one's offset at once
    assert workspace.labels.offset("avery-5160") == (1.5, 0.0)
    assert dialog.choices.offset() == (0.0, 0.0)
    dialog.choices.offset_y.setValue(-2.0)
    qtbot.waitUntil(lambda: workspace.labels.offset("avery-l7163") == (0.0, -2.0), timeout=3000)  # debounced
    choose_template(qtbot, dialog, "avery-5160")
    assert dialog.choices.offset() == (1.5, 0.0)
    dialog.close()
    again = open_dialog(qtbot, workspace)
    assert again.choices.offset() == (1.5, 0.0)
    choose_template(qtbot, again, "avery-l7163")
    assert again.choices.offset() == (0.0, -2.0)
    again.close()


# ---- Save PDF and Print ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["avery-5160", "avery-l7163"])
def test_save_pdf_writes_the_templates_page_size(qtbot, dialog, tmp_path, key):
    choose_template(qtbot, dialog, key)
    template = dialog.plan.template
    target = tmp_path / "labels.pdf"
    with qtbot.waitSignal(dialog.pdf_finished, timeout=20000) as finished:
        dialog.save_pdf_to(target)
    assert finished.args == [True, str(target)]
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert page.width == pytest.approx(template.page_width * MM_TO_PT, abs=0.1)
        assert page.height == pytest.approx(template.page_height * MM_TO_PT, abs=0.1)
        assert "José García" in page.extract_text()
    assert dialog.save_button.isEnabled() and not dialog.progress.isVisible()


def test_save_pdf_opens_a_file_dialog_without_blocking(dialog):
    file_dialog = dialog.save_pdf()
    assert file_dialog.isVisible()
    assert file_dialog.defaultSuffix() == "pdf"
    file_dialog.reject()


def test_cancel_during_a_big_save_leaves_no_file(qtbot, tmp_path):
    from crm_desktop.services.demo import write_demo_database
    from crm_desktop.services.workspace import open_workspace

    big = write_demo_database(tmp_path / "big.sqlite3", 3000, history=False)
    workspace = open_workspace(big)
    dialog = None
    try:
        dialog = open_dialog(qtbot, workspace)
        assert dialog.plan.sheets > 50
        progress = []
        dialog.writer.progressed.connect(lambda done, total: (progress.append(done), dialog.cancel_button.click()))
        target = tmp_path / "big-labels.pdf"
        with qtbot.waitSignal(dialog.pdf_finished, timeout=30000) as finished:
            dialog.save_pdf_to(target)
        assert finished.args == [False, str(target)]
        assert progress and progress[0] < len(dialog.plan.labels)  # it had started, and stopped early
        assert not target.exists()
        assert list(tmp_path.glob("*.pdf*")) == []  # no partial file either
        assert dialog.save_button.isEnabled()
    finally:
        if dialog is not None:
            dialog.close()  # before its database closes
        workspace.close()


def test_print_at_full_scale_shifted_by_the_offset(qtbot, dialog, tmp_path):
    def printed(name, offset):
        dialog.choices.set_offset(*offset)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / name))
        assert dialog.print_to(printer)
        with pdfplumber.open(tmp_path / name) as pdf:
            page = pdf.pages[0]
            words = {w["text"]: w for w in page.extract_words()}
            return page.width, page.height, words["Grace"]

    template = dialog.plan.template
    width, height, plain = printed("plain.pdf", (0.0, 0.0))
    assert width == pytest.approx(template.page_width * MM_TO_PT, abs=0.5)
    assert height == pytest.approx(template.page_height * MM_TO_PT, abs=0.5)
    # Grace Hopper is the second label (sorted by name): her name starts inside it, past the padding
    label = dialog.preview.sheet().labels[1]
    assert label.block.lines[0].text == "Grace Hopper"
    assert plain["x0"] == pytest.approx((label.rect.x + label.block.lines[0].x) * MM_TO_PT, abs=1.5)
    _, _, shifted = printed("shifted.pdf", (5.0, 3.0))
    assert shifted["x0"] - plain["x0"] == pytest.approx(5.0 * MM_TO_PT, abs=0.3)
    assert shifted["top"] - plain["top"] == pytest.approx(3.0 * MM_TO_PT, abs=0.3)


def test_print_opens_the_system_print_dialog_without_blocking(dialog):
    print_dialog = dialog.print_labels()
    assert print_dialog.isVisible()
    page = print_dialog.printer().pageLayout().fullRect(print_dialog.printer().pageLayout().Unit.Millimeter)
    assert (round(page.width(), 1), round(page.height(), 1)) == (215.9, 279.4)
    print_dialog.reject()


# ---- from the main window -------------------------------------------------------------------------


def test_the_labels_action_takes_the_contact_lists_search(qtbot, window, workspace):
    fill_labels(workspace)
    window.contacts_view.search.setText("khan")
    window.contacts_view.apply_filters()
    qtbot.waitUntil(lambda: window.contacts_view.model.rowCount() >= 3, timeout=5000)
    window.contacts_view.table.clearSelection()
    action = window.findChild(type(window.labels_action), "labels")
    assert action.shortcut().toString() == "Ctrl+P"
    action.trigger()
    dialog = window.findChild(LabelsDialog)
    assert dialog is not None and dialog.isVisible()
    try:
        settle(qtbot, dialog)
        assert dialog.choices.who_list.isChecked()
        assert dialog.choices.list_query.text == "khan"
        names = {label.block.lines[0].text for label in dialog.preview.sheet().labels if label.block}
        assert names == {"Imran Khan", "Sara Khan"}
        # the sample Imran Khan of the window fixture has a city but no street: listed as skipped
        assert "1 contact without a postal address: Imran Khan" in dialog.summary.text()
    finally:
        dialog.close()
    qtbot.waitUntil(lambda: window.findChild(LabelsDialog) is None, timeout=3000)


def test_the_labels_action_takes_a_selection_of_several(qtbot, window, workspace):
    window.contacts_view.table.selectAll()
    selected = window.contacts_view.selected_ids()
    assert len(selected) > 1
    dialog = window.show_labels()
    try:
        settle(qtbot, dialog)
        assert dialog.choices.who_selection.isChecked()
        assert dialog.choices.recipients().ids == tuple(selected)
    finally:
        dialog.close()


def test_zoom_keeps_the_sheet_at_real_size(qtbot, dialog):
    dialog.zoom.setCurrentIndex(dialog.zoom.findData(1.0))
    per_mm = dialog.preview.logicalDpiX() / 25.4
    assert dialog.preview.px_per_mm() == pytest.approx(per_mm)
    assert dialog.preview.minimumWidth() >= 215.9 * per_mm
    assert dialog.preview.label_rect(0).width() == pytest.approx(dialog.plan.template.label_width * per_mm)
    assert ink(dialog.preview.grab().toImage(), dialog.preview.label_rect(0))  # the zoomed preview paints
