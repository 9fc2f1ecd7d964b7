"""Writes a small database for the Xvfb reminder run: the sample contacts (Latin, Urdu, Hindi, Tamil) and
follow-ups whose alarms ring SECONDS from now (two at once, so one window shows both), one 8 seconds
later (the script stops the app before it, so it is missed and shows at the next start) and a later one.

    python tests/manual/make_reminder_db.py PATH SECONDS   -> prints the alarm instant (epoch seconds)
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.services.workspace import open_workspace
from tests.ui.sample_contacts import fill


def main(path: str, seconds: int) -> None:
    with open_workspace(path) as ws:
        ws.follow_up_preferences.keep_running_in_tray = True
        ids = fill(ws)
        alarm = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=seconds)
        urdu = next(i for name, i in ids.items() if "صدیقی" in name)
        hindi = next(i for name, i in ids.items() if "शर्मा" in name)
        latin = ids["Khan, Imran"]
        tamil = next(i for name, i in ids.items() if "செல்வம்" in name)
        lead = timedelta(minutes=10)
        for contact_id, subject, at, kind in (
            (urdu, "کل کے آرڈر کے بارے میں فون کریں", alarm + lead, ActivityKind.CALL),
            (hindi, "Confirm the Diwali order, the delivery address in Delhi and the advance payment before "
                    "the festival rush starts next week", alarm + lead, ActivityKind.MEETING),
            (tamil, "தேயிலை மாதிரிகளை அனுப்பவும்", alarm + timedelta(seconds=8) + lead, ActivityKind.TASK),
            (latin, "Quote for 500 metres of lawn", alarm + timedelta(days=1), ActivityKind.CALL),
        ):
            ws.activities.save(Activity(contact_id, kind, subject=subject, done=False, at=at, alarm_lead=lead))
        print(int(alarm.timestamp()))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
