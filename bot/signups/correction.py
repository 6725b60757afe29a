"""A reply in a unit's thread applied as a correction of what is registered.

What the reply says is read by ``bot.signups.extract.corrections.read_reply``; here, a new
contact person does not inherit the old one's address and phone, and a short "ja, det
stämmer" answers the receipt's question.
"""

from __future__ import annotations

import re

from bot.models import Unit
from bot.signups.extract import SignupFields, similar_names


def forget_replaced_contact(unit: Unit, fields: SignupFields) -> None:
    """A new contact person's details are the new person's; the old one's are not kept.

    "Kontaktperson ska vara Lina Ek 0701234567 inte jag": the old contact's address must
    not stay as Lina's; without one the receipt shows it missing, and the unit adds it.
    """
    new, old = fields.contact_name, unit.contact_name
    if new and old and not similar_names(new, old):
        unit.contact_email = unit.contact_email if fields.contact_email else None
        unit.contact_phone = unit.contact_phone if fields.contact_phone else None


# "Ja, det stämmer", "Stämmer bra!", "Yes, that's right": the answer to the receipt's question.
_CONFIRMS = re.compile(
    r"(?i)^\W*(?:ja|japp|jo|yes|ok|okej|korrekt|rätt|stämmer|det\s+stämmer|allt\s+stämmer"
    r"|det\s+är\s+rätt|that'?s\s+(?:right|correct)|correct)\b"
)
# A yes with a but is a correction the bot could not read: a person reads it.
_BUT = re.compile(r"(?i)\b(?:men|dock|fast|inte|ej|fel|ändra\w*|byt\w*|but|not|wrong|change)\b")
_SHORT = 300


def confirms(text: str) -> bool:
    """True for a short reply that only says yes to what the receipt asked."""
    body = text.strip()
    short = len(body) <= _SHORT and "?" not in body
    return short and bool(_CONFIRMS.match(body)) and not _BUT.search(body)
