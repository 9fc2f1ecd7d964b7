"""Preferences > Follow-ups: saved whole, or refused with the reason beside the field and nothing saved."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from crm_desktop.domain.care import DEFAULT_CARE_RULES, CareRule, PesterRule, RuleTarget
from crm_desktop.services.changes import Change
from crm_desktop.ui.preferences import PAGES, PreferencesDialog
from crm_desktop.ui.today.preferences_page import FollowUpsPage


def open_page(qtbot, workspace) -> tuple[PreferencesDialog, FollowUpsPage]:
    dialog = PreferencesDialog(workspace)
    qtbot.addWidget(dialog)
    page = next(p for p in dialog.pages if isinstance(p, FollowUpsPage))
    dialog.page_list.setCurrentRow(dialog.pages.index(page))
    dialog.show()
    return dialog, page


def test_the_page_is_registered_and_shows_the_defaults(qtbot, workspace):
    assert FollowUpsPage in PAGES
    _dialog, page = open_page(qtbot, workspace)
    assert page.care_rules() == list(DEFAULT_CARE_RULES)
    assert page.outcomes.toPlainText().splitlines()[0] == "reached"
    assert page.pester_on.isChecked() and (page.pester_times.value(), page.pester_days.value()) == (3, 7)
    assert page.birthday_days.value() == 3 and page.keep_in_tray.isChecked()


def test_everything_is_saved_together_with_one_change_notice(qtbot, workspace):
    notices: list[Change] = []
    workspace.changes.subscribe(notices.append)
    dialog, page = open_page(qtbot, workspace)
    page.kinds.setPlainText("visit\nWhatsApp\n")
    page.outcomes.setPlainText("reached\nبات ہو گئی\nकॉल वापस करें")
    page.add_rule(CareRule(RuleTarget.TAG, "wholesale", 60, 90))
    page.pester_on.setChecked(False)
    page.pester_times.setValue(5)
    page.birthday_days.setValue(7)
    page.keep_in_tray.setChecked(False)
    dialog.accept()
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted
    prefs = workspace.follow_up_preferences
    assert prefs.extra_kinds == ["visit", "WhatsApp"] and prefs.kinds[-2:] == ["visit", "WhatsApp"]
    assert prefs.outcomes == ["reached", "بات ہو گئی", "कॉल वापस करें"]
    assert prefs.care_rules == [*DEFAULT_CARE_RULES, CareRule(RuleTarget.TAG, "wholesale", 60, 90)]
    assert prefs.pester_rule == PesterRule(5, 7, False)
    assert prefs.birthday_lead_days == 7 and prefs.keep_running_in_tray is False
    assert [n.entity for n in notices].count("settings") == 1


def test_a_bad_value_is_marked_and_nothing_is_saved(qtbot, workspace):
    dialog, page = open_page(qtbot, workspace)
    page.kinds.setPlainText("visit\nCall")  # "call" is built in
    page.outcomes.setPlainText("")  # at least one is needed
    page.add_rule(CareRule(RuleTarget.TAG, "", 30, 45))  # for no tag
    page.birthday_days.setValue(10)
    country = dialog.pages[0].country
    country.setCurrentIndex(country.findData("IN"))  # another page's change
    dialog.accept()
    assert dialog.isVisible() and dialog.stack.currentWidget() is page  # stays open on the page at fault
    kinds = page.findChild(QLabel, "activity_kindsProblem")
    outcomes = page.findChild(QLabel, "activity_outcomesProblem")
    rules = page.findChild(QLabel, "care_rulesProblem")
    assert kinds.isVisible() and "'Call' is already a built-in kind" in kinds.text()
    assert outcomes.isVisible() and "at least one" in outcomes.text()
    assert rules.isVisible() and rules.text().startswith("Rule 3: Choose the tag")
    assert not page.findChild(QLabel, "birthday_lead_daysProblem").isVisible()
    prefs = workspace.follow_up_preferences
    assert prefs.extra_kinds == [] and prefs.birthday_lead_days == 3  # not half-way
    assert prefs.care_rules == list(DEFAULT_CARE_RULES)
    assert workspace.preferences.default_region == "PK"  # the General page was not saved either
    page.kinds.setPlainText("visit")
    page.outcomes.setPlainText("reached")
    page.rules.selectRow(2)
    page.remove_selected_rules()
    dialog.accept()
    assert not dialog.isVisible() and not kinds.isVisible()
    assert prefs.extra_kinds == ["visit"] and prefs.birthday_lead_days == 10
    assert workspace.preferences.default_region == "IN"


def test_a_maximum_shorter_than_the_ideal_is_refused(qtbot, workspace):
    dialog, page = open_page(qtbot, workspace)
    page.rules.cellWidget(0, 3).setValue(10)  # customers: ideal 30, at most 10
    dialog.accept()
    rules = page.findChild(QLabel, "care_rulesProblem")
    assert dialog.isVisible() and "Rule 1: The maximum interval cannot be shorter" in rules.text()
    assert workspace.follow_up_preferences.care_rules == list(DEFAULT_CARE_RULES)
    dialog.reject()
