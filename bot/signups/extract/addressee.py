"""The one a forwarded mail was written to, when that mail makes them the contact.

A manager writes to a colleague "kan du anmäla oss? Du får gärna stå som kontaktperson" and
the colleague forwards it on: "du" is the person in the forwarded mail's To header, and a
number said to be theirs ("ditt nummer är väl …") is theirs.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.signups.extract.extract import SignupFields
from bot.signups.extract.vocabulary import phone_in, split_sentences

# "Du får gärna stå som kontaktperson", "du kan vara kontakt", "you can be the contact".
_YOU_AS_CONTACT = re.compile(
    r"(?i)\b(?:du|ni|you)\s+(?:får|kan|ska|skulle|can|could|may|will|should)\s+(?:gärna\s+)?"
    r"(?:stå\s+som|vara|bli|be|act\s+as)\s+(?:the\s+|our\s+|vår\s+|er\s+)?"
    r"(?:kontakt(?:person)?|contact(?:\s+person)?)\b"
)
# "ditt nummer är 08-…", "your number is …": the addressee's own number.
_YOUR_NUMBER = re.compile(
    r"(?i)\b(?:ditt|ert|your)\s+(?:mobil|telefon|phone\s+)?(?:nummer|number)\b"
)


def addressee_as_contact(
    fields: SignupFields, text: str, name: str, address: str | None
) -> SignupFields:
    """`fields` with the addressee (`name`, `address`) as the contact when `text` makes them so."""
    if not name or not _YOU_AS_CONTACT.search(text):
        return fields
    phone = next(
        (phone_in(s) for s in split_sentences(text) if _YOUR_NUMBER.search(s) and phone_in(s)),
        None,
    )
    return replace(fields, contact_name=name, contact_email=address, contact_phone=phone)
