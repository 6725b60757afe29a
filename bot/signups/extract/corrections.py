"""Read a reply in a unit's thread against what is registered, as a correction.

A reply says only what changes ("Rätt nummer är …", "Hamid har ett nytt mejlkonto: …").
Read alone, its signature would make the writer the contact and its numbers the writer's;
read against the registration, a contact changes only where the reply names one as
contact, and details belong to the person the sentence talks about.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.signups.extract.extract import SignupFields
from bot.signups.extract.vocabulary import (
    EMAIL,
    LABEL_NAME,
    address_in,
    phone_in,
    same_person,
    split_sentences,
)

_CONTACT_ROLE = re.compile(r"(?i)\bkontakt(?:person(?:en|ens|er)?)?\b|\bcontact(?:\s+person)?\b")
_PRONOUN = re.compile(r"(?i)\b(?:honom|henne|hen|hon|han|him|her|his|hans|hennes)\b")
_SELF = re.compile(r"(?i)\b(?:mig|jag|mitt|min|me|my)\b|\bI\b")


def _details_about(
    text: str, contact: str, writer_is_contact: bool
) -> tuple[str | None, str | None]:
    """(e-mail, phone) the reply gives for the registered contact.

    A sentence is about the contact when it names them ("Hamid", "Fatmas", "till Emre"),
    says "honom"/"henne" after naming them, or says "mig" when the writer is the contact;
    a sentence of bare details goes on about whoever the sentence before was about.
    """
    first_name = re.escape(contact.split()[0])
    named = re.compile(rf"(?i)(?<!\w){first_name}s?(?!\w)")
    email = phone = None
    about = False
    for sentence in split_sentences(text):
        bare = not re.search(r"(?<!^)\b[A-ZÅÄÖ]", sentence) and bool(
            EMAIL.search(sentence) or phone_in(sentence)
        )
        if named.search(sentence) or (writer_is_contact and _SELF.search(sentence)):
            about = True
        elif not (about and (_PRONOUN.search(sentence) or bare)):
            about = False
        if about:
            email = email or address_in(sentence)
            phone = phone or phone_in(sentence)
    return email, phone


# "Chefen heter Jelena, inte Jelana", "hon heter Malin Ekström, inte Ek": a name set right.
_RENAMED = re.compile(
    rf"(?i:heter|stavas|skrivs|ska\s+vara|is\s+spelled|should\s+be)\s+(?P<new>{LABEL_NAME.pattern})"
    rf"\s*,?\s*(?i:inte|ej|not)\s+(?P<old>{LABEL_NAME.pattern})"
)


def _renamed(name: str | None, text: str) -> str | None:
    """The registered `name` as the reply spells it right, or None where it does not."""
    if not name:
        return None
    words = name.split()
    for match in _RENAMED.finditer(text):
        new, old = match.group("new"), match.group("old")
        if old == name or (len(new.split()) > 1 and new.split()[0] == words[0]):
            return new if len(new.split()) > 1 else None
        if old in words and len(new.split()) == len(old.split()):
            return " ".join(new if w == old else w for w in words)
    return None


def read_reply(
    fields: SignupFields, current: SignupFields, text: str, *, sender_name: str
) -> SignupFields:
    """The reply's fields as a correction of `current`, the registration it answers."""
    inferred = bool(fields.contact_name) and not _CONTACT_ROLE.search(text)
    if inferred and not same_person(fields.contact_name, current.contact_name):
        # No contact named: the writer's own name and details say nothing about the contact.
        fields = replace(
            fields,
            contact_name=None,
            contact_email=None,
            contact_phone=None,
            contact_email_from_sender=False,
        )
    if fields.contact_name is None and current.contact_name:
        email, phone = _details_about(
            text, current.contact_name, same_person(sender_name, current.contact_name)
        )
        fields = replace(
            fields,
            contact_email=fields.contact_email or email,
            contact_phone=fields.contact_phone or phone,
        )
    renames = {
        role: renamed
        for role in ("manager_name", "contact_name")
        if (renamed := _renamed(getattr(current, role), text)) is not None
    }
    return replace(fields, **renames) if renames else fields  # type: ignore[arg-type]
