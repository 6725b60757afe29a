"""A manager's post the mail says is vacant: nobody heads the unit until it is filled.

"Chef: vakant (rekrytering pågår)" tells the registrar there is no manager to register; the
writer's own title in the signature ("Avdelningschef") or the manager of another unit in the
same mail must not stand in for the one being recruited.
"""

from __future__ import annotations

import re

from bot.signups.extract.labels import label_key

_VACANT = re.compile(
    r"(?i)^\W*(?:vakant|vakans|ej\s+tillsatt|inte\s+tillsatt|under\s+rekrytering|rekrytering"
    r"\s+pågår|saknas\s+(?:för\s+tillfället|just\s+nu)|vacant|vacancy|to\s+be\s+(?:appointed|recruited)"
    r"|not\s+(?:yet\s+)?(?:appointed|filled)|recruitment\s+(?:is\s+)?(?:ongoing|in\s+progress))\b"
)
_LABELLED = re.compile(r"^\s*(?P<label>[^:\t\n]{2,40})(?::|\t+)\s*(?P<value>.+)$")


# "där är förskolechefstjänsten vakant just nu", "rektorstjänsten är inte tillsatt än":
# the post said vacant in a sentence.
_VACANT_POST = re.compile(
    r"(?i)\b\w*(?:chef|rektor|föreståndar)\w*(?:tjänst|post|befattning)\w*\s+(?:är\s+)?"
    r"(?:just\s+nu\s+|för\s+närvarande\s+)?(?:vakant|obesatt|otillsatt|inte\s+tillsatt"
    r"|ej\s+tillsatt)\b"
)


def manager_vacant(text: str) -> bool:
    """True when a manager label in the text, or a sentence, says the post is vacant."""
    if _VACANT_POST.search(text):
        return True
    for line in text.split("\n"):
        match = _LABELLED.match(line)
        if match and label_key(match["label"]) == "manager" and _VACANT.match(match["value"]):
            return True
    return False
