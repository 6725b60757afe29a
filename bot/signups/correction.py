"""A reply in a unit's thread read as a correction of what is registered.

A reply is read as a sign-up is, but two things differ: what the bot assumes for a new
sign-up (its writer as the contact, the sender's address) must not replace what is
registered, and a new contact person does not inherit the old one's address and phone.
"""

from __future__ import annotations

from dataclasses import replace

from bot.models import Unit
from bot.signups.extract import SignupFields, similar_names


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
