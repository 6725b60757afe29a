"""The unit's head named by the unit's own name: "Our head of Cruise Services is Eva Lind".

"Head of" is the title of many a colleague ("Head of Quality"); it is the manager's only
when what follows it is the unit the mail signs up, which the roles pass cannot yet know.
"""

from __future__ import annotations

import re

from bot.signups.extract.vocabulary import NAME, clean_name


def head_of_unit(unit: str, text: str) -> str | None:
    """The person the text calls the head (or chief, manager) of the unit by its name:
    "Our head of Cruise Services is Eva Lind", "Eva Lind, manager of Cruise Services"."""
    title = r"(?i:head|manager|director|chief|chef|ansvarig)\s+(?i:of|for|för)\s+(?i:the\s+)?"
    named = rf"{title}{re.escape(unit)}"
    after = re.search(rf"{named}(?:\s+(?i:is|will\s+be|är)\s+|,\s*)({NAME})", text)
    before = re.search(rf"({NAME}),?\s+(?i:(?:is\s+|är\s+)?(?:our\s+|the\s+|vår\s+)?){named}", text)
    found = after or before
    return clean_name(found.group(1)) if found else None
