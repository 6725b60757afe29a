"""The addresses a mail was sent to: the award's are never the contact's, a colleague's may be.

A form left half blank, or a body that quotes "skicka till kvalitetsutmarkelsen@…", gives the
reader the award's own address as the only address in the mail. That address is where the
sign-up went, not whom the unit may be reached at. A colleague the body names as the contact
and puts in Cc ("Karin Öst (i kopia) blir kontakt") is reached at the copied address.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.mail.parse import ParsedMail
from bot.signups.extract import SignupFields
from bot.signups.extract.vocabulary import same_person


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


def _named_by(address: str) -> str:
    """ "karin.ost@…" → "karin ost": the name a city-style address spells out."""
    return " ".join(re.split(r"[._-]+", re.sub(r"\d", "", address.partition("@")[0]))).strip()


def contact_in_copy(fields: SignupFields, mail: ParsedMail, own: str) -> SignupFields:
    """The named contact's address from the mail's Cc (or To) when the body gives none: the
    copied address that spells the contact's name ("Karin Öst" is karin.ost@…)."""
    if not fields.contact_name or fields.contact_email:
        return fields
    copied = [
        address
        for address in (*mail.cc, *mail.to)
        if not _the_awards(address.casefold(), own, mail)
        and same_person(fields.contact_name, _named_by(address))
    ]
    if len(copied) != 1:
        return fields
    return replace(
        fields,
        contact_email=copied[0],
        contact_email_from_sender=False,
        inferred=fields.inferred | {"contact_email"},
    )
