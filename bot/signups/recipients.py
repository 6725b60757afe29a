"""The addresses a mail was sent to are never the contact's: they belong to the award.

A form left half blank, or a body that quotes "skicka till kvalitetsutmarkelsen@…", gives the
reader the award's own address as the only address in the mail. That address, and any other
the mail was addressed To, is where the sign-up went, not whom the unit may be reached at.
"""

from __future__ import annotations

from dataclasses import replace

from bot.mail.parse import ParsedMail
from bot.signups.extract import SignupFields


def not_to_recipients(fields: SignupFields, mail: ParsedMail, own: str) -> SignupFields:
    """The fields without a contact address that is the bot's own or one the mail went To."""
    address = (fields.contact_email or "").casefold()
    if not address:
        return fields
    recipients = {own.casefold(), *(a.casefold() for a in mail.to)}
    if address not in recipients:
        return fields
    return replace(
        fields,
        contact_email=None,
        contact_email_from_sender=False,
        inferred=fields.inferred - {"contact_email"},
        weak=fields.weak - {"contact_email"},
    )
