"""Sample data for the entry mail kinds (see tests/test_templates.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

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
FILES = [
    {"filename": "Bidrag Trollskogen.docx", "kind": "docx", "size": 48_213, "characters": 100_412},
    {"filename": "Bidrag Trollskogen.pdf", "kind": "pdf", "size": 312_004, "characters": None},
    {"filename": "bild.jpg", "kind": "jpeg", "size": 540_112, "characters": None},
]
ENTRY = {
    "unit": UNIT,
    "version": 2,
    "files": FILES,
    "characters": 100_412,
    "presentation_characters": 812,
    "passed": ["Word och PDF", "Presentationstext"],
    "blocking": [
        {
            "check": "Teckenantal",
            "filename": "Bidrag Trollskogen.docx",
            "message": "Bidraget har 100 412 tecken exklusive blanksteg, 5 412 för många.",
        }
    ],
    "warnings": [
        {
            "check": "Bild",
            "filename": "bild.jpg",
            "message": "Bilden är 1200 × 1920 pixlar (stående).",
        }
    ],
    "picture_warning": True,
    "due_day": date(2027, 5, 19),
    "late": False,
    "entry_day": date(2027, 5, 17),
    "copy_for": None,
}
SAMPLES: dict[str, dict[str, Any]] = {
    "entry-receipt": {**ENTRY, "blocking": [], "due_day": None},
    "change-request": ENTRY,
    "minutes-receipt": {
        "unit": UNIT,
        "files": [
            {"filename": "Protokollsutdrag.pdf", "kind": "pdf", "size": 80_000, "characters": None}
        ],
        "findings": [{"message": "Utdraget nämner inte verksamheten.", "severity": "warning"}],
        "late": True,
        "minutes_day": date(2027, 6, 28),
    },
}
