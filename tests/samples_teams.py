"""Sample data for the examiner-team mail kinds (read by tests/test_templates.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.teams.mails import DOCUMENTS

COORDINATOR = {
    "name": "Karin Lind",
    "email": "karin.lind@stockholm.se",
    "organisation": "Socialförvaltningen",
    "coordinator": True,
}
TEAM = {
    "number": 4,
    "coordinator": COORDINATOR,
    "members": [
        COORDINATOR,
        {
            "name": "Olle Åkesson",
            "email": "olle.akesson@stockholm.se",
            "organisation": "Bromma stadsdelsförvaltning",
            "coordinator": False,
        },
        {
            "name": "Sara Nyström",
            "email": "sara.nystrom@stockholm.se",
            "organisation": "Utbildningsförvaltningen",
            "coordinator": False,
        },
    ],
}
ENTRY = {
    "reference": "KU-2027-014",
    "unit_name": "Förskolan Trollskogen",
    "organisation": "Skarpnäcks stadsdelsförvaltning",
    "competition_class": "Förskola",
    "manager_name": "Maria Öberg",
    "contact_name": "Anna Berg",
    "contact_email": "anna.berg@edu.stockholm.se",
    "contact_phone": "08-508 123 45",
}
TEAM_CONTEXT: dict[str, Any] = {
    "team": TEAM,
    "entries": [ENTRY],
    "timeline": [
        {"label": "Lagen klara och bidragen fördelade", "day": date(2027, 5, 31), "when": "31 maj"},
        {
            "label": "Protokollsutdrag från verksamheten",
            "day": date(2027, 6, 28),
            "when": "28 juni",
        },
        {
            "label": "Platsbesök hos verksamheterna",
            "day": date(2027, 9, 1),
            "when": "september–oktober",
        },
        {
            "label": "Utdelningsceremoni, Stockholms stadshus",
            "day": date(2027, 11, 26),
            "when": "26 november",
        },
        {
            "label": "Återföringsbesök hos verksamheterna",
            "day": date(2027, 11, 27),
            "when": "efter ceremonin",
        },
    ],
    "visit_months": "september–oktober",
    "documents": list(DOCUMENTS),
    "attachments_too_large": False,
    "recipient": {"name": "Olle Åkesson", "coordinator": False},
}
SAMPLES: dict[str, dict[str, Any]] = {
    "team-assignment-examiner": TEAM_CONTEXT,
    "team-assignment-coordinator": {
        **TEAM_CONTEXT,
        "entries": [ENTRY, {**ENTRY, "reference": "KU-2027-021", "unit_name": "Hemtjänsten Norr"}],
        "recipient": {"name": "Karin Lind", "coordinator": True},
    },
    "team-assignment-unit": {
        **TEAM_CONTEXT,
        "recipient": {"name": "Anna Berg", "coordinator": False},
    },
    "team-change": {
        **TEAM_CONTEXT,
        "removed": False,
        "team_number": 4,
        "left": "Per Holm",
        "joined": ["Sara Nyström"],
        "attachments_too_large": None,
    },
}
