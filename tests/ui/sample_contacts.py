"""A handful of contacts in Latin, Hindi, Tamil and Urdu script, saved through the real service."""

from __future__ import annotations

from crm_desktop.domain.contact import Address, Contact, ContactKind, Email, Phone, Relationship, Stage


def sample_contacts() -> list[Contact]:
    R, S = Relationship, Stage
    return [
        Contact(first_name="Imran", last_name="Khan", company="Khan Textiles", relationship=R.CUSTOMER,
                stage=S.CUSTOMER, tags=["vip", "textiles"], phones=[Phone("+92 300 5551234")],
                emails=[Email("imran@khantextiles.pk")], addresses=[Address(city="Lahore", country="PK")]),
        Contact(first_name="Bilal", last_name="Kareem", relationship=R.PROSPECT, stage=S.PROSPECT,
                addresses=[Address(city="Karachi", country="PK")]),
        Contact(first_name="José", last_name="García", relationship=R.PROSPECT, stage=S.LEAD, tags=["spain"],
                addresses=[Address(city="Madrid", country="ES")]),
        Contact(first_name="Ada", last_name="Lovelace", relationship=R.PARTNER, stage=S.ADVOCATE, tags=["vip"],
                addresses=[Address(city="London", country="GB")]),
        Contact(first_name="राहुल", last_name="शर्मा", relationship=R.CUSTOMER, stage=S.CUSTOMER, tags=["india"],
                addresses=[Address(city="दिल्ली", country="IN")]),
        Contact(first_name="முருகன்", last_name="செல்வம்", relationship=R.SUPPLIER, stage=S.CUSTOMER,
                addresses=[Address(city="கொழும்பு", country="LK")]),
        Contact(first_name="عائشہ", last_name="صدیقی", relationship=R.CUSTOMER, stage=S.ADVOCATE, tags=["vip"],
                addresses=[Address(city="کراچی", country="PK")]),
        Contact(kind=ContactKind.COMPANY, company="Zenith Traders", relationship=R.SUPPLIER, stage=S.INACTIVE,
                addresses=[Address(city="Karachi", country="PK")]),
    ]  # fmt: skip


def fill(workspace) -> dict[str, int]:
    """Save the samples; returns their ids by the name the list files them under."""
    ids = {}
    for contact in sample_contacts():
        saved = workspace.contacts.save(contact)
        ids[saved.file_as] = saved.id
    return ids
