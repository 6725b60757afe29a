"""Read a reply in a unit's thread against what is registered, as a correction.

A reply says only what changes ("Rätt nummer är …", "Hamid har ett nytt mejlkonto: …").
Read alone, its signature would make the writer the contact and its numbers the writer's;
read against the registration, a contact changes only where the reply names one as
contact, and details belong to the person the sentence talks about.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz.distance import DamerauLevenshtein

from bot.signups.extract.extract import SignupFields
from bot.signups.extract.fullname import named_in_full
from bot.signups.extract.handover import handed_over
from bot.signups.extract.newmanager import manager_named_after_post
from bot.signups.extract.replydetails import corrected_details
from bot.signups.extract.replyorganisation import names_the_organisation, organisation_put_right
from bot.signups.extract.surname import new_surname
from bot.signups.extract.unitrename import unit_renamed
from bot.signups.extract.vocabulary import (
    EMAIL,
    LABEL_NAME,
    NAME,
    WORD,
    address_in,
    phone_in,
    same_person,
    split_sentences,
)

_CONTACT_ROLE = re.compile(r"(?i)\bkontakt(?:en|person(?:en|ens|er)?)?\b|\bcontact(?:\s+person)?\b")
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


# "Chefen heter Jelena, inte Jelana", "hon heter Malin Ekström, inte Ek", "det stavas
# Zeynep och inte Zeinab": a name put right, the right form first.
_NAME_FIX = re.compile(
    rf"(?i:heter|stavas|ska\s+vara|skrivs|is\s+spelled|should\s+be)\s+(?P<new>{LABEL_NAME.pattern})"
    rf"\s*,?\s+(?i:och\s+|and\s+)?(?i:inte|ej|not)\s+(?P<old>{LABEL_NAME.pattern})"
)
_MANAGER_WORD = re.compile(r"(?i)\b(?:chef\w*|rektor\w*|föreståndar\w*|manager)\b")


def _renamed(name: str | None, new: str, old: str) -> str | None:
    """`name` with `old` (a whole name, or one of its words) put right as `new`."""
    if not name:
        return None
    words = name.split()
    old_words = old.split()
    for i in range(len(words) - len(old_words) + 1):
        if [w.casefold() for w in words[i : i + len(old_words)]] == [
            w.casefold() for w in old_words
        ]:
            # "Malin Ekström, inte Ek": a full name replaces the whole; a word, its word.
            if len(new.split()) > len(old_words) and len(new.split()) > 1:
                return new
            return " ".join([*words[:i], new, *words[i + len(old_words) :]])
    return None


def _name_fixes(fields: SignupFields, current: SignupFields, text: str) -> SignupFields:
    """Apply "X heter Y, inte Z" to the registered manager or contact whose name says Z.

    The contact put right is the same person, so their registered details stay theirs.
    """
    fixed = _fixed_names(fields, current, text)
    if fixed.contact_name and fixed.contact_name != fields.contact_name:
        fixed = replace(
            fixed,
            contact_email=fixed.contact_email or current.contact_email,
            contact_phone=fixed.contact_phone or current.contact_phone,
        )
    return fixed


# A word this long may have two letters put right, a shorter one only one.
_LONG_WORD = 6
# "Jelena vill att hennes namn stavas rätt: Jelena Marković", "chefens efternamn blev fel":
# a sentence about spelling.
_SPELLING = re.compile(r"(?i)\b(?:stava\w*|skrivs|skrivas|spell\w*|\w*namn\w*|\w*name)\b")


def _respelled_name(name: str | None, sentence: str) -> str | None:
    """`name` with each of its words that the sentence writes with other letters ("Markovic"
    as "Marković") in the sentence's letters; None when the sentence spells none of them."""
    if not name:
        return None
    written = {w.casefold(): w for w in re.findall(WORD, sentence)}
    words = name.split()
    new = [
        w if w in written.values() else next((v for v in written.values() if _respelt(v, w)), w)
        for w in words
    ]
    return " ".join(new) if new != words else None


def _respelt(written: str, registered: str) -> bool:
    """True when `written` is `registered` with other accents or a letter or two put right
    ("Marković" for Markovic, "Mattias" for Matias): the same word, spelled as asked."""
    if same_person(written, registered):
        return True
    slips = 1 if len(registered) < _LONG_WORD else 2
    return (
        written[:1].isupper()
        # "Yusufs mejladress": the name in the genitive, not spelled otherwise.
        and written.casefold() not in (f"{registered.casefold()}s", f"{registered.casefold()}'s")
        and written[:1].casefold() == registered[:1].casefold()
        and DamerauLevenshtein.distance(written.casefold(), registered.casefold()) <= slips
    )


def _spelled_in(fields: SignupFields, current: SignupFields, sentence: str) -> SignupFields:
    """A registered name, or one of its words, written again with other letters in a sentence
    about spelling ("my surname is spelled Marković"): the reply's letters are the right ones.
    `_respelled` below takes a whole name written with its accents in any sentence. A name
    the reply states whole for the role ("vår chef stavas X") is kept as stated."""
    manager = _respelled_name(current.manager_name, sentence)
    if manager and fields.manager_name in (None, current.manager_name):
        fields = replace(fields, manager_name=manager)
    contact = _respelled_name(current.contact_name, sentence)
    if contact and fields.contact_name in (None, current.contact_name):
        fields = replace(fields, contact_name=contact)
    return fields


def _fixed_names(fields: SignupFields, current: SignupFields, text: str) -> SignupFields:
    about_spelling = False
    for sentence in split_sentences(text):
        # "Jag stavade fel på chefens namn. Det ska vara …": the next sentence gives the name.
        if about_spelling or _SPELLING.search(sentence):
            fields = _spelled_in(fields, current, sentence)
        about_spelling = bool(_SPELLING.search(sentence))
        for match in _NAME_FIX.finditer(sentence):
            new, old = match.group("new"), match.group("old")
            manager = _renamed(current.manager_name, new, old)
            contact = _renamed(current.contact_name, new, old)
            if manager and contact:  # one person in both roles, or the sentence says which
                if same_person(current.manager_name, current.contact_name):
                    fields = replace(fields, manager_name=manager, contact_name=contact)
                elif _MANAGER_WORD.search(sentence):
                    fields = replace(fields, manager_name=manager)
                else:
                    fields = replace(fields, contact_name=contact)
            elif manager:
                fields = replace(fields, manager_name=manager)
            elif contact:
                fields = replace(fields, contact_name=contact)
    return fields


def _respelled(fields: SignupFields, current: SignupFields, text: str) -> SignupFields:
    """A registered person's name written again with its accents: "Jelena Marković (med ć)".

    The reply names the same person as the registration, letter for letter but for the
    accents or the case: the reply's form is the one the person asked for, unless it only
    leaves accents out.
    """
    manager, contact = fields.manager_name, fields.contact_name
    for match in re.finditer(NAME, text):
        written = match.group()
        manager = _respelling(written, current.manager_name, manager)
        contact = _respelling(written, current.contact_name, contact)
    return replace(fields, manager_name=manager, contact_name=contact)


def _respelling(written: str, registered: str | None, read: str | None) -> str | None:
    """`written` when it spells the registered name otherwise and the reply reads no other."""
    respelt = (
        registered is not None
        and read in (None, registered)
        and written != registered
        and len(written.split()) == len(registered.split())
        and written.split() != registered.split()[::-1]
        and same_person(written, registered)
        # A reply typed without accents ("Jelena Markovic" under a phone's reply) is no
        # correction of a name that has them.
        and _accents(written) >= _accents(registered)
    )
    return written if respelt else read


def _accents(name: str) -> int:
    return sum(not c.isascii() for c in name)


def _names_a_person(unit: str | None, current: SignupFields) -> bool:
    """True when the reply's "unit" is a registered person ("Mohammed slutar hos oss") or
    opens with one's first name ("Lars-Åke bad mig ta över"): a sentence about them."""
    people = [p for p in (current.manager_name, current.contact_name) if p]
    return unit is not None and any(
        same_person(unit, p) or unit.split()[0].casefold() == p.split()[0].casefold()
        for p in people
    )


def read_reply(
    fields: SignupFields, current: SignupFields, text: str, *, sender_name: str
) -> SignupFields:
    """The reply's fields as a correction of `current`, the registration it answers."""
    if _names_a_person(fields.unit_name, current) or names_the_organisation(fields, current):
        fields = replace(fields, unit_name=None)
    fields = organisation_put_right(fields, current, text)
    # "Eva är kontaktperson, det stämmer" names no new contact: the writer taken for one
    # (weak: the reply never names them as contact) is no change of contact either.
    inferred = bool(fields.contact_name) and (
        not _CONTACT_ROLE.search(text) or "contact_name" in fields.weak
    )
    if inferred and not same_person(fields.contact_name, current.contact_name):
        # No contact named: the writer's own name and details say nothing about the contact.
        fields = replace(
            fields,
            contact_name=None,
            contact_email=None,
            contact_phone=None,
            contact_email_from_sender=False,
        )
    fields = handed_over(fields, current, text)
    if fields.contact_name is None and current.contact_name:
        writer_is_contact = same_person(sender_name, current.contact_name)
        email, phone = _details_about(text, current.contact_name, writer_is_contact)
        fixed_email, fixed_phone = corrected_details(
            text, current.contact_name, writer_is_contact=writer_is_contact
        )
        fields = replace(
            fields,
            contact_email=fields.contact_email or email or fixed_email,
            contact_phone=fields.contact_phone or phone or fixed_phone,
        )
    elif same_person(fields.contact_name, current.contact_name):
        fields = _details_put_right(fields, current, text, sender_name)
    if fields.manager_name is None and (manager := manager_named_after_post(text)):
        # "Nu är det klart med ny chef för oss. Hon heter …": the new manager.
        fields = replace(fields, manager_name=manager)
    fields = unit_renamed(fields, current, text)
    fields = _in_full(fields, current, text)
    fields = new_surname(fields, current, text, sender_name)
    return _respelled(_name_fixes(fields, current, text), current, text)


def _details_put_right(
    fields: SignupFields, current: SignupFields, text: str, sender_name: str
) -> SignupFields:
    """The registered contact's number or address that the reply puts right, when the reply
    names that contact again: "Jag är kontaktperson. Mitt nummer har ändrats: Ny telefon: 07…",
    "Jag är fortfarande kontaktperson, men mejla vår gemensamma brevlåda info@… istället".
    The address the reply puts in place outranks the one it was sent from."""
    email, phone = corrected_details(
        text, current.contact_name, writer_is_contact=same_person(sender_name, current.contact_name)
    )
    if email and (fields.contact_email_from_sender or not fields.contact_email):
        fields = replace(fields, contact_email=email, contact_email_from_sender=False)
    if phone and not fields.contact_phone:
        fields = replace(fields, contact_phone=phone)
    return fields


def _in_full(fields: SignupFields, current: SignupFields, text: str) -> SignupFields:
    """ "Hon heter officiellt Åsa-Lena Rydén": a registered name the reply gives in full."""
    manager = named_in_full(current.manager_name, text)
    if manager and fields.manager_name in (None, current.manager_name):
        fields = replace(fields, manager_name=manager)
    contact = named_in_full(current.contact_name, text)
    if contact and fields.contact_name in (None, current.contact_name):
        # The same person, so the registered details stay theirs.
        fields = replace(
            fields,
            contact_name=contact,
            contact_email=fields.contact_email or current.contact_email,
            contact_phone=fields.contact_phone or current.contact_phone,
        )
    return fields
