"""Contacts for the Labels dialog's tests: addresses in Latin, Urdu, Hindi and Tamil, one household of
two, and three contacts with no usable postal address."""

from __future__ import annotations

from crm_desktop.domain.contact import Address, Contact, ContactKind

WITHOUT_ADDRESS = ("Nadia Noaddress", "Omar Cityonly", "Paolo Nostreet")


def label_contacts() -> list[Contact]:
    def person(first, last, street="", city="", postcode="", country="", company="", tags=()):
        addresses = [Address(street=street, city=city, postcode=postcode, country=country)] if street or city else []
        return Contact(first_name=first, last_name=last, company=company, tags=list(tags), addresses=addresses)

    contacts = [
        person("Imran", "Khan", "12 Mall Road", "Lahore", "54000", "PK", "Khan Textiles", ("vip",)),
        person("Sara", "Khan", "12 Mall Road", "Lahore", "54000", "PK", tags=("vip",)),  # same household
        person("Ada", "Lovelace", "10 St James's Square", "London", "SW1Y 4LE", "GB", "Analytical Engines Ltd"),
        person("José", "García", "Calle Mayor 5", "Madrid", "28013", "ES", tags=("spain",)),
        person("राहुल", "शर्मा", "१२ कनॉट प्लेस", "नई दिल्ली", "110001", "IN", "शर्मा ट्रेडर्स", ("india", "vip")),
        person("प्रिया", "वर्मा", "४५ मॉल रोड", "शिमला", "171001", "IN", tags=("india",)),
        person("முருகன்", "செல்வம்", "15 காலி வீதி", "கொழும்பு", "00300", "LK", "செல்வம் ஸ்டோர்ஸ்"),
        person("லக்ஷ்மி", "ராஜன்", "8 அண்ணா சாலை", "சென்னை", "600002", "IN"),
        person("عائشہ", "صدیقی", "مکان 7، گلی 3، کلفٹن", "کراچی", "75600", "PK", "صدیقی برادرز", ("vip",)),
        person("فاطمہ", "علی", "فلیٹ 21، بلاک بی، گلبرگ", "لاہور", "54660", "PK"),
        person("Nadia", "Noaddress"),
        person("Omar", "Cityonly", city="Karachi", country="PK"),
        person("Paolo", "Nostreet", city="Roma", country="IT"),
        Contact(kind=ContactKind.COMPANY, company="Zenith Traders",
                addresses=[Address(street="Plot 4, SITE Area", city="Karachi", postcode="75700", country="PK")]),
        person("Bilal", "Kareem", "House 9, Street 4, F-7/2", "Islamabad", "44000", "PK"),
        person("Grace", "Hopper", "1 Navy Way", "Arlington", "22201", "US"),
    ]  # fmt: skip
    contacts[-2].label_name = "The Kareem Family"  # Bilal Kareem
    return contacts


def fill_labels(workspace) -> dict[str, int]:
    """Save the contacts; returns their ids by display name."""
    return {saved.display_name: saved.id for saved in map(workspace.contacts.save, label_contacts())}
