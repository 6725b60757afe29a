"""Sample data for the visit and report mail kinds (read by tests/test_templates.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.clock import STOCKHOLM
from bot.teams.mails import DOCUMENTS
from tests.samples_calendar import SAMPLES as CALENDAR_SAMPLES
from tests.samples_teams import ENTRY

SITE = {
    "kind": "site",
    "label": "platsbesök",
    "when": "torsdag 14 oktober 2027 kl. 09.00–12.00",
    "timed": True,
    "cancelled": False,
    "day": date(2027, 10, 14),
}
FEEDBACK = {
    "kind": "feedback",
    "label": "återföringsbesök",
    "when": "fredag 3 december 2027 (tid inte bestämd)",
    "timed": False,
    "cancelled": False,
    "day": date(2027, 12, 3),
}
COORDINATOR = {"name": "Karin Lind", "email": "karin.lind@stockholm.se"}
INVITATION: dict[str, Any] = {
    "unit": ENTRY,
    "visit": SITE,
    "team_number": 4,
    "coordinator": COORDINATOR,
    "documents": list(DOCUMENTS),
    "update": False,
    "recipient": {"name": "Anna Berg"},
}
SAMPLES: dict[str, dict[str, Any]] = {
    "visit-confirmation": {
        "unit": ENTRY,
        "name": "Karin Lind",
        "visits": [
            {**SITE, "changed": True, "warning": None},
            {
                **FEEDBACK,
                "changed": True,
                "warning": "Återföringsbesöket görs efter utdelningsceremonin 26 november 2027; "
                "kontrollera datumet.",
            },
        ],
    },
    "visit-invitation": INVITATION,
    "visit-which-unit": {
        "name": "Karin Lind",
        "units": [ENTRY, {**ENTRY, "reference": "KU-2027-020"}],
    },
    "visit-reminder": {
        "reason": "booking",
        "name": "Karin Lind",
        "units": [{**ENTRY, "when": ""}],
        "window_start": date(2027, 9, 1),
        "window_end": date(2027, 10, 31),
        "report_deadline": date(2027, 12, 17),
    },
    "report-receipt": {
        "unit": ENTRY,
        "name": "Karin Lind",
        "problems": [],
        "filename": "Rapport Trollskogen.pdf",
        "release": datetime(2027, 11, 27, 8, 0, tzinfo=STOCKHOLM),
        "held": True,
    },
    "report-problem": {
        "unit": ENTRY,
        "name": "Karin Lind",
        "problems": ["Rapport.docm innehåller makron och kan inte tas emot."],
    },
    "report-delivery": {
        "unit": ENTRY,
        "filename": "Rapport Trollskogen.pdf",
        "team_number": 4,
        "coordinator": COORDINATOR,
        "copy": False,
        "recipient": {"name": "Anna Berg"},
    },
}

# The digest with the autumn's part filled in (this module is read after samples_calendar).
SAMPLES["digest"] = {
    **CALENDAR_SAMPLES["digest"],
    "visits": [
        {
            "team": 4,
            "coordinator": "Karin Lind",
            "reference": "KU-2027-014",
            "unit_name": "Förskolan Trollskogen",
            "site": SITE["when"],
            "feedback": "",
            "report": "",
            "behind": ("återföringsbesök ej bokat",),
        }
    ],
}
