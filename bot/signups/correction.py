"""A reply in a unit's thread read as a correction of what is registered.

A reply is read as a sign-up is, but two things differ: what the bot assumes for a new
sign-up (its writer as the contact, the sender's address) must not replace what is
registered, a new contact person does not inherit the old one's address and phone, and
new details beside the registered contact's name are that contact's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.models import Unit
from bot.signups.extract import SignupFields, similar_names
from bot.signups.extract.vocabulary import EMAIL, PHONE, first


def only_stated(fields: SignupFields, current: SignupFields) -> SignupFields:
    """What a reply in the thread states, without what the bot assumes for a new sign-up.

    A new sign-up that names no contact gets its writer as the contact (and the sender's
    address), and the receipt asks about it. A reply that corrects the organisation does
    not make its writer the contact instead of the one registered.
    """
    dropped: dict[str, None] = {}
    if "contact_name" in fields.weak and current.contact_name:
        dropped = dict.fromkeys(("contact_name", "contact_email", "contact_phone"))
    elif "contact_email" in fields.weak and current.contact_email:
        dropped = {"contact_email": None}
    if not dropped:
        return fields
    return replace(fields, **dropped, weak=fields.weak - dropped.keys(),  # type: ignore[arg-type]
                   contact_email_from_sender=False)  # fmt: skip


def forget_replaced_contact(unit: Unit, fields: SignupFields) -> None:
    """A new contact person's details are the new person's; the old one's are not kept.

    "Kontaktperson ska vara Lina Ek 0701234567 inte jag": the old contact's address must
    not stay as Lina's; without one the receipt shows it missing, and the unit adds it.
    """
    new, old = fields.contact_name, unit.contact_name
    if new and old and not similar_names(new, old):
        unit.contact_email = unit.contact_email if fields.contact_email else None
        unit.contact_phone = unit.contact_phone if fields.contact_phone else None


def details_for_contact(
    fields: SignupFields, text: str, current: SignupFields, sender: str | None
) -> SignupFields:
    """New details in a reply that names the registered contact but no other person.

    "Här kommer Fatmas kontaktuppgifter: fatma.kaya@…, 08-…", "Hamid har ett nytt
    mejlkonto: …": the address and phone are the registered contact's. Taken only when the
    reply has one address (not the sender's own) and at most one phone, so that a
    signature's number or a second person's details are never given to the contact.
    """
    if fields.contact_name or not current.contact_name:
        return fields
    first_name = current.contact_name.split()[0]
    if not re.search(rf"(?<!\w){re.escape(first_name)}s?(?!\w)", text):
        return fields
    addresses = {a.lower() for a in EMAIL.findall(text)} - {(sender or "").lower()}
    phones = {re.sub(r"\D", "", p) for p in PHONE.findall(EMAIL.sub(" ", text))}
    if len(addresses) > 1 or len(phones) > 1 or not (addresses or phones):
        return fields
    phone = first(PHONE, EMAIL.sub(" ", text)) if phones else None
    return replace(
        fields,
        contact_email=addresses.pop() if addresses else fields.contact_email,
        contact_phone=phone or fields.contact_phone,
        contact_email_from_sender=False,
        weak=fields.weak - {"contact_email"},
        inferred=fields.inferred
        | {k for k, v in (("contact_email", addresses), ("contact_phone", phone)) if v},
    )


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
