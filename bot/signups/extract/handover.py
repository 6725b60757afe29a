"""A reply that hands the contact's part to someone else: "från och med nu är Amanda Rosén
kontakt istället för mig, amanda.rosen@stockholm.se, 070-901 37 55", "Lina Ek tar över som
kontaktperson efter mig". The person named in the sentence with the handing over is the new
contact, with the address and the number the sentence gives.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.signups.extract.vocabulary import (
    NAME,
    address_in,
    clean_name,
    phone_in,
    same_person,
    split_sentences,
)

if TYPE_CHECKING:
    from bot.signups.extract.extract import SignupFields

_CONTACT = re.compile(r"(?i)\bkontakt(?:person)?(?:en)?\b|\bcontact(?:\s+person)?\b")
# What says the part changes hands: "istället för mig", "efter mig", "tar över".
_HANDS_OVER = re.compile(
    r"(?i)\bi\s*stället\s+för\s+(?:mig|henne|honom|\w+)\b|\befter\s+mig\b|\btar\s+över\b"
    r"|\binstead\s+of\s+me\b|\btakes\s+over\b|\bfrån\s+och\s+med\s+nu\b|\bhädanefter\b"
)


def handed_over(fields: SignupFields, current: SignupFields, text: str) -> SignupFields:
    """`fields` with the new contact a sentence hands the part to, when the reader read none
    (or only the registered one) from the reply."""
    if fields.contact_name not in (None, current.contact_name):
        return fields
    for sentence in split_sentences(text):
        if not (_CONTACT.search(sentence) and _HANDS_OVER.search(sentence)):
            continue
        names = [
            name
            for m in re.finditer(NAME, sentence)
            if (name := clean_name(m.group()))
            and not same_person(name, current.contact_name)
            and not same_person(name, current.manager_name)
        ]
        if len(names) != 1:
            continue
        return replace(
            fields,
            contact_name=names[0],
            contact_email=address_in(sentence),
            contact_phone=phone_in(sentence),
            contact_email_from_sender=False,
        )
    return fields
