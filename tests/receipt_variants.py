"""Sign-up receipts in their variants, for the template tests and `make preview`.

A value the bot inferred (marked *), a value asked about, an English sign-up, and a
correction shown old → new. `VARIANTS` maps a preview name to (kind, sample data).
"""

from __future__ import annotations

from typing import Any

from tests.test_templates import SIGNUP, UNIT

_PROSE_UNIT = {
    **UNIT,
    "unit_name": "Solbackens förskola",
    "manager_name": "Maria Sjöberg",
    "contact_name": "Sofia Öberg",
    "contact_email": "sofia.oberg@edu.stockholm.se",
}
VARIANTS: dict[str, tuple[str, dict[str, Any]]] = {
    "signup-receipt--inferred": (
        "signup-receipt",
        {
            **SIGNUP,
            "unit": _PROSE_UNIT,
            "inferred": ["unit_name", "manager_name", "contact_name", "contact_email"],
            "questions": [
                "Vi uppfattade att verksamheten hör till Skarpnäcks stadsdelsförvaltning "
                "(ni skrev ”Skarpnäck sdf”); stämmer det?"
            ],
        },
    ),
    "signup-receipt--english": (
        "signup-receipt",
        {
            **SIGNUP,
            "english": True,
            "unit": {
                **UNIT,
                "unit_name": "Förskolan Lyktan",
                "organisation": "Spånga-Tensta stadsdelsförvaltning",
                "manager_name": "Ahmad Nouri",
                "contact_name": "Olga Petrenko",
                "contact_email": "olga.petrenko@stockholm.se",
                "contact_phone": "073-920 11 84",
            },
            "inferred": ["organisation", "manager_name"],
        },
    ),
    "signup-incomplete--english": (
        "signup-incomplete",
        {
            **SIGNUP,
            "english": True,
            "missing": ["Chefens namn (chef med ansvar för verksamhet, budget och personal)"],
        },
    ),
    "signup-receipt--correction": (
        "signup-receipt",
        {
            **SIGNUP,
            "changed": True,
            "unit": {
                **_PROSE_UNIT,
                "contact_name": "Ahmed Karimi",
                "contact_email": "ahmed.karimi@edu.stockholm.se",
                "contact_phone": "08-508 123 99",
            },
            "inferred": ["contact_name", "contact_email", "contact_phone"],
            "previous": {
                "contact_name": "Sofia Öberg",
                "contact_email": "sofia.oberg@edu.stockholm.se",
                "contact_phone": "08-508 123 45",
            },
        },
    ),
}
