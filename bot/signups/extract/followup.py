"""The contact's details from the sentences after the one that named them."""

from __future__ import annotations

import re

from bot.signups.extract.state import Found
from bot.signups.extract.vocabulary import NAME, address_in, clean_name, phone_in, split_sentences

# A later sentence about the contact: "Maja nås på …", "Hon nås på …".
_PRONOUN = re.compile(
    r"^(?:Hon|Han|Hen|She|He|Nås|Når\s+(?:ni|du)|Kan\s+nås|Reach|Can\s+be\s+reached)\b"
    r"|(?i:\b(?:henne|honom|hennes|hans|hens|her|him|his)\b)"
)
_SWITCHBOARD = re.compile(r"(?i)växel|\bvxl?\b|switchboard")


def _names_nobody(sentence: str) -> bool:
    return not any(clean_name(m.group(0)) for m in re.finditer(NAME, sentence))


def follow_contact(found: Found, text: str) -> None:
    """The contact's details from a later sentence about them ("Maja nås på …", "Ni når
    henne på …"), when the sentence that named them gave none. The description goes on in
    the same paragraph while no one else is named: "Annika delar brevlådan med oss, svara
    hit. Telefon till planeringen 08-…" (a switchboard reaches nobody in person)."""
    if not found.contact or found.contact_email or found.contact_phone:
        return
    first_name = found.contact.split()[0]
    for paragraph in text.split("\n"):
        about = False
        for sentence in split_sentences(paragraph):
            if re.match(rf"{re.escape(first_name)}\b", sentence) or _PRONOUN.search(sentence):
                about = True
            elif not (about and _names_nobody(sentence) and not _SWITCHBOARD.search(sentence)):
                about = False
                continue
            found.put("contact_email", address_in(sentence))
            found.put("contact_phone", phone_in(sentence))
