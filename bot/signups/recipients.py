"""The addresses a mail was sent to are never the contact's: they belong to the award.

A form left half blank, or a body that quotes "skicka till kvalitetsutmarkelsen@…", gives the
reader the award's own address as the only address in the mail. That address is where the
sign-up went, not whom the unit may be reached at.
"""

from __future__ import annotations

from dataclasses import replace

from bot.mail.parse import ParsedMail
from bot.signups.extract import SignupFields


def _the_awards(address: str, own: str, mail: ParsedMail) -> bool:
    """The bot's own address, or the award's mailbox under another domain it was sent To
    (kvalitetsutmarkelsen@edu.stockholm.se). A colleague in the To of a reply-all is still a
    person the unit may name as its contact."""
    mailbox = own.casefold().partition("@")[0]
    sent_to = {a.casefold() for a in mail.to}
    return address == own.casefold() or (
        address in sent_to and address.partition("@")[0] == mailbox
    )


def not_to_recipients(fields: SignupFields, mail: ParsedMail, own: str) -> SignupFields:
    """The fields without a contact address that is the award's own."""
    address = (fields.contact_email or "").casefold()
    if not address:
        return fields
    if not _the_awards(address, own, mail):
        return fields
    return replace(
        fields,
        contact_email=None,
        contact_email_from_sender=False,
        inferred=fields.inferred - {"contact_email"},
        weak=fields.weak - {"contact_email"},
    )
