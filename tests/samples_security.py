"""Sample data for the mail kinds of held changes (issue 12), for tests/test_templates.py."""

from __future__ import annotations

from typing import Any

CHANGES = [
    {"label": "E-post", "value": "ny.kontakt@edu.stockholm.se"},
    {"label": "Ny adress som får ändra anmälan", "value": "ny.kontakt@edu.stockholm.se"},
]
UNIT = {"reference": "KU-2027-014", "unit_name": "Förskolan Trollskogen"}
SAMPLES: dict[str, dict[str, Any]] = {
    "change-held": {"withdrawal": False, "changes": CHANGES, "english": False},
    "change-confirmation": {
        "withdrawal": False,
        "changes": CHANGES,
        "unit": UNIT,
        "sender": "ny.kontakt@edu.stockholm.se",
    },
    "change-decided": {"accepted": True, "withdrawal": False, "changes": CHANGES, "unit": UNIT},
}
