"""A registered person's new surname: "Jag har gift mig och bytt efternamn till Lindqvist",
"Anna heter numera Holm i efternamn", "mitt nya efternamn är Ek", "Eva har tagit namnet
Holm".

The reply gives only the new surname; the person is the writer ("jag", "mitt") when the
writer is registered, or the registered person the sentence names by first name. Their
first name stays, and so do their details: it is the same person.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.signups.extract.vocabulary import UPPER, same_person, split_sentences

if TYPE_CHECKING:
    from bot.signups.extract.extract import SignupFields

_SURNAME = r"(?P<new>[" + UPPER + r"][\w-]+(?:\s+[" + UPPER + r"][\w-]+)?)"
_NEW_SURNAME = (
    re.compile(
        r"(?i:(?:bytt|byter|bytte|ändrat|ändrar|changed)\s+(?:efter|sur|last\s+)?(?:namn|name)"
        r"\s+(?:till|to)\s+|(?:tagit|tog|fått)\s+(?:efter)?namnet\s+)" + _SURNAME
    ),
    re.compile(
        r"(?i:nya\s+efternamn(?:\s+är)?|new\s+(?:surname|last\s+name)(?:\s+is)?)\s*:?\s+" + _SURNAME
    ),
    re.compile(r"(?i:heter\s+(?:numera|nu|sedan\s+\w+)\s+)" + _SURNAME + r"(?i:\s+i\s+efternamn)"),
)
_SELF = re.compile(r"(?i)\b(?:jag|mig|mitt|min|I|my)\b")


def _with_surname(name: str, surname: str) -> str:
    """The first name (or names) kept, the last word put as the new surname."""
    return " ".join([*name.split()[:-1], surname])


def _whose(sentence: str, person: str | None, writer: str) -> bool:
    if not person or len(person.split()) < 2:
        return False
    first = person.split()[0]
    if re.search(rf"(?<!\w){re.escape(first)}s?(?!\w)", sentence):
        return True
    return bool(_SELF.search(sentence)) and same_person(writer, person)


def new_surname(
    fields: SignupFields, current: SignupFields, text: str, writer: str
) -> SignupFields:
    """`fields` with the manager's and the contact's new surname, as the reply tells it."""
    for sentence in split_sentences(text):
        match = next((m for p in _NEW_SURNAME if (m := p.search(sentence))), None)
        if match is None:
            continue
        surname = match.group("new")
        if fields.manager_name in (None, current.manager_name) and _whose(
            sentence, current.manager_name, writer
        ):
            fields = replace(
                fields, manager_name=_with_surname(current.manager_name or "", surname)
            )
        if fields.contact_name in (None, current.contact_name) and _whose(
            sentence, current.contact_name, writer
        ):
            fields = replace(
                fields,
                contact_name=_with_surname(current.contact_name or "", surname),
                contact_email=fields.contact_email or current.contact_email,
                contact_phone=fields.contact_phone or current.contact_phone,
            )
    return fields
