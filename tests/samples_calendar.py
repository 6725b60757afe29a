"""Realistic sample data for the calendar's mail kinds (used by tests/test_templates.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.clock import STOCKHOLM

UNIT = {
    "reference": "KU-2027-014",
    "year": 2027,
    "unit_name": "Förskolan Trollskogen",
    "organisation": "Skarpnäcks stadsdelsförvaltning",
    "manager_name": "Maria Öberg",
    "contact_name": "Anna Berg",
    "contact_email": "anna.berg@edu.stockholm.se",
    "contact_phone": "08-508 123 45",
}
DEADLINE = {
    "deadline_label": "Bidrag med presentationstext och bild",
    "deadline_day": date(2027, 5, 17),
    "deadline_due": datetime(2027, 5, 18, tzinfo=STOCKHOLM),
    "name": "Anna Berg",
}
MEETING = {
    "label": "Informationsmöte (digitalt)",
    "start": datetime(2027, 3, 30, 13, tzinfo=STOCKHOLM),
    "end": datetime(2027, 3, 30, 14, tzinfo=STOCKHOLM),
    "link": "https://teams.microsoft.com/l/meetup-join/abc",
    "day": date(2027, 3, 30),
    "start_time": "13.00",
    "end_time": "14.00",
}
LINE = {
    "reference": "KU-2027-014",
    "unit_name": "Förskolan Trollskogen",
    "organisation": "Skarpnäcks stadsdelsförvaltning",
    "signup_status": "anmäld",
}
NOW = datetime(2027, 5, 10, 7, 30, tzinfo=STOCKHOLM)

SAMPLES: dict[str, dict[str, Any]] = {
    "reminder-signup": {
        **DEADLINE,
        "deadline_day": date(2027, 3, 22),
        "unit": UNIT,
        "missing": ["Chefens namn", "Förvaltning, bolag eller företag som verksamheten tillhör"],
    },
    "reminder-entry": {**DEADLINE, "unit": UNIT, "missing": ["PDF-versionen saknas"]},
    "reminder-minutes": {
        **DEADLINE,
        "deadline_day": date(2027, 6, 28),
        "unit": UNIT,
        "missing": [],
    },
    "reminder-change-request": {
        "unit": UNIT,
        "name": "Anna Berg",
        "missing": ["Bilder med textblock i bidraget"],
        "change_due": datetime(2027, 5, 21, tzinfo=STOCKHOLM),
        "last_day": date(2027, 5, 20),
    },
    "info-meeting-link": {"meeting": MEETING, "name": "Anna Berg"},
    "workshop-invitation": {
        "meeting": {**MEETING, "label": "Skrivarstuga (digital)"},
        "unit": UNIT,
    },
    "staff-reply": {
        "command": "visa KU-2027-014",
        "title": "KU-2027-014",
        "lines": [],
        "tables": [
            {
                "title": "",
                "head": ("", ""),
                "rows": (("Verksamhet", "Förskolan Trollskogen"), ("Bidrag", "version 2, godkänt")),
            }
        ],
    },
    "digest": {
        "now": NOW,
        "since": datetime(2027, 5, 7, 7, 30, tzinfo=STOCKHOLM),
        "weekly": True,
        "signups": [LINE],
        "entries": [{**LINE, "version": 1, "status": "ändring begärd", "late": False}],
        "minutes": [],
        "withdrawals": [{**LINE, "reference": "KU-2027-003", "unit_name": "Hemtjänsten Norr"}],
        "flags": [{**LINE, "code": "late", "reason": "Anmälan kom in efter sista dag."}],
        "waiting": [
            {
                "id": 17,
                "received_at": NOW,
                "where": "granska",
                "sender": "Karin Lind <karin.lind@edu.stockholm.se>",
                "subject": "Fråga om bilden till bidraget",
                "reason": "Fråga eller annat ärende som boten inte hanterar automatiskt.",
            }
        ],
        "new_waiting": 1,
        "change_requests": [{**LINE, "due_day": date(2027, 5, 12), "overdue": False}],
        "next_deadline": {
            "label": "Bidrag med presentationstext och bild",
            "day": date(2027, 5, 17),
        },
        "owing": [{**LINE, "missing": ["PDF-versionen saknas"]}],
        "by_class": [("Förskola", 3), ("Äldreomsorg", 1)],
        "by_organisation": [("Skarpnäcks stadsdelsförvaltning", 4)],
        "totals": {"registered": 4, "incomplete": 1, "withdrawn": 1},
    },
}
