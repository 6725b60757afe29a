"""A registered person's new surname, told in a reply: "Jag har gift mig och bytt efternamn
till Lindqvist", "Eva har tagit namnet Holm".

The person is the writer ("jag", "mitt") or the one the sentence names by first name; the
registered name keeps its first name and takes the new surname. The person is the same, so
the registration's details stay theirs unless the reply gives new ones.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.signups.extract.extract import SignupFields
from bot.signups.extract.vocabulary import UPPER, same_person, split_sentences

_SURNAME = rf"[{UPPER}][\w'’-]+"
# "bytt efternamn till Lindqvist", "mitt nya efternamn är Lindqvist", "tagit namnet Lindqvist".
_NEW_SURNAME = re.compile(
    r"(?i:(?:bytt|bytte|byter|ändrat|ändrade)\s+(?:efter)?namn\s+till"
    r"|(?:nya|nytt)\s+efternamn(?:\s+är)?|(?:tagit|tog|fått)\s+(?:efter)?namnet"
    r"|changed\s+(?:my\s+|her\s+|his\s+)?(?:sur|last\s+)?name\s+to)"
    rf"\s+(?P<new>{_SURNAME})"
)
_WRITER = re.compile(r"(?i:\b(?:jag|mitt|min|mig|my)\b)|\bI\b")


def _renamed(registered: str, new: str) -> str:
    return f"{registered.split()[0]} {new}"


def _new_surname(registered: str | None, text: str, *, writer_is_them: bool) -> str | None:
    """The registered person's name with the new surname the reply gives them, or None."""
    if not registered or len(registered.split()) < 2:
        return None
    first_name = re.escape(registered.split()[0])
    for sentence in split_sentences(text):
        match = _NEW_SURNAME.search(sentence)
        if match is None:
            continue
        before = sentence[: match.start()]
        named = re.search(rf"(?<!\w){first_name}(?!\w)", before)
        if named or (writer_is_them and _WRITER.search(before)):
            name = _renamed(registered, match.group("new"))
            return None if same_person(name, registered) else name
    return None


def surnames_changed(
    fields: SignupFields, current: SignupFields, text: str, sender_name: str
) -> SignupFields:
    """ "Jag har bytt efternamn till Lindqvist": the registered person, by their new name."""
    manager = _new_surname(
        current.manager_name, text, writer_is_them=same_person(sender_name, current.manager_name)
    )
    if manager and fields.manager_name in (None, current.manager_name):
        fields = replace(fields, manager_name=manager)
    contact = _new_surname(
        current.contact_name, text, writer_is_them=same_person(sender_name, current.contact_name)
    )
    if contact and fields.contact_name in (None, current.contact_name):
        # The same person, so the registered details stay theirs unless the reply gives new.
        fields = replace(
            fields,
            contact_name=contact,
            contact_email=fields.contact_email or current.contact_email,
            contact_phone=fields.contact_phone or current.contact_phone,
        )
    return fields
