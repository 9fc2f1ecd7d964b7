"""Preferences: the home country decides how phone numbers without +country are read."""

from __future__ import annotations

from crm_desktop.domain.contact import Contact, Phone
from crm_desktop.ui.preferences import PreferencesDialog


def test_home_country_is_saved_and_changes_phone_validation(qtbot, workspace):
    dialog = PreferencesDialog(workspace)
    qtbot.addWidget(dialog)
    combo = dialog.findChild(type(dialog.pages[0].country), "homeCountryCombo")
    assert combo.currentData() == "PK"  # the default
    local = Contact(first_name="Ravi", phones=[Phone("098765 43210")])
    assert workspace.contacts.validate(local) != []  # not a Pakistani number
    combo.setCurrentIndex(combo.findData("IN"))
    dialog.accept()
    assert workspace.preferences.default_region == "IN"
    assert workspace.contacts.validate(local) == []
    reopened = PreferencesDialog(workspace)
    qtbot.addWidget(reopened)
    assert reopened.pages[0].country.currentData() == "IN"


def test_cancel_changes_nothing(qtbot, workspace):
    dialog = PreferencesDialog(workspace)
    qtbot.addWidget(dialog)
    combo = dialog.pages[0].country
    combo.setCurrentIndex(combo.findData("LK"))
    dialog.reject()
    assert workspace.preferences.default_region == "PK"


def test_the_business_name_is_saved_for_the_reports(qtbot, workspace):
    dialog = PreferencesDialog(workspace)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.pages[0].business, "  Raza Cloth House  ")
    dialog.accept()
    assert workspace.preferences.business_name == "Raza Cloth House"
    reopened = PreferencesDialog(workspace)
    qtbot.addWidget(reopened)
    assert reopened.pages[0].business.text() == "Raza Cloth House"
