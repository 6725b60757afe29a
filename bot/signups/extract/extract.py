"""Read a unit's sign-up fields out of a mail by running the three passes and combining them.

The passes are trusted in order (labels, prose, signature); "jag" and "samma som chef"
are then followed to the person they mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace

from bot.signups.extract.awards import EMPLOYEES, award_years
from bot.signups.extract.followup import follow_contact
from bot.signups.extract.labels import label_key, label_pass, split_labelled_sentences
from bot.signups.extract.labeltables import table_rows
from bot.signups.extract.orgwritten import registered_form, written_near_unit
from bot.signups.extract.ownership import canonical_organisation
from bot.signups.extract.prose import prose_pass, prose_text
from bot.signups.extract.provenance import inferred_fields, weak_fields
from bot.signups.extract.quoting import strip_quoted
from bot.signups.extract.roles import roles_pass
from bot.signups.extract.signature import signature_pass, split_mail
from bot.signups.extract.spelling import as_written, display_name, readable
from bot.signups.extract.state import Found, combine
from bot.signups.extract.subjectline import with_subject_read
from bot.signups.extract.unithead import head_of_unit
from bot.signups.extract.unitnames import unit_candidates
from bot.signups.extract.unitplaces import without_dashed_owner
from bot.signups.extract.unitwords import is_title, is_unit_name
from bot.signups.extract.vocabulary import UPPER, number, same_person, tidy


@dataclass(frozen=True)
class SignupFields:
    """What a sign-up mail says; None (or empty) where it says nothing."""

    unit_name: str | None = None
    manager_name: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    organisation: str | None = None
    contact_email_from_sender: bool = False
    # The organisation as the mail wrote it, and whether it is on the city's list.
    # Evidence rather than values: two sign-ups that say the same compare equal.
    organisation_as_written: str | None = field(default=None, compare=False)
    organisation_known: bool | None = field(default=None, compare=False)
    # Which of the shown fields the bot inferred rather than read from a label, and which of
    # those rest on weak evidence (see `provenance`): the receipt marks and asks about them.
    inferred: frozenset[str] = field(default=frozenset(), compare=False)
    weak: frozenset[str] = field(default=frozenset(), compare=False)
    employees: int | None = None
    award_years: tuple[int, ...] = ()
    honourable_mention_years: tuple[int, ...] = ()

    def missing(self) -> list[str]:
        """Required items not present, in the order the reply to the unit lists them."""
        absent = [
            ("unit_name", self.unit_name),
            ("manager_name", self.manager_name),
            ("contact_name", self.contact_name),
            ("contact_details", self.contact_email or self.contact_phone),
            ("organisation", self.organisation),
        ]
        return [key for key, value in absent if not value]

    def merged(self, newer: SignupFields) -> SignupFields:
        """Fields of `newer` that are not None replace ours; award years accumulate."""
        own_rules = ("contact_email_from_sender", "inferred", "weak")
        changes: dict[str, object] = {
            f.name: getattr(newer, f.name)
            for f in fields(self)
            if f.name not in own_rules and getattr(newer, f.name) is not None
        }
        if newer.contact_email is not None:
            changes["contact_email_from_sender"] = newer.contact_email_from_sender
        # A value restated by the newer mail carries the newer mail's provenance.
        changes["inferred"] = (self.inferred - changes.keys()) | newer.inferred
        changes["weak"] = (self.weak - changes.keys()) | newer.weak
        changes["award_years"] = tuple(sorted({*self.award_years, *newer.award_years}))
        changes["honourable_mention_years"] = tuple(
            sorted({*self.honourable_mention_years, *newer.honourable_mention_years})
        )
        return replace(self, **changes)  # type: ignore[arg-type]


# "our Head of Quality, Mr. Javier Morales": a courtesy title is no part of the name.
_HONORIFIC = re.compile(rf"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+(?=[{UPPER}])")
_LABEL_AFTER_SENTENCE = re.compile(r"(?<=[\w)])\.[ \t]+(?=(?P<label>\w[\w ()/+-]{1,40}):\s)")


def _label_line(match: re.Match[str]) -> str:
    """A new line for a label after a sentence; a hurried mail writes the label in lower
    case ("anmäler förskolan Tallkotten. rektor o kontakt: …"), and then only a known label
    starts one."""
    label = match.group("label")
    if label[0].isupper() or label_key(label) is not None:
        return ".\n"
    return match.group(0)


def name_order(sender: str, text: str) -> str:
    """The From name in the order the mail writes it: Outlook's "Berg Anna" is the "Anna Berg"
    or the "Mvh Anna" of the text."""
    words = sender.split()
    if len(words) < 2:
        return sender
    # "Fernández López María José" is "María José Fernández López": the surnames may be more
    # than one word, and a signature in capitals writes the name too.
    folded = text.casefold()
    if sender.casefold() not in folded:
        for cut in range(1, len(words)):
            turned = " ".join(words[cut:] + words[:cut])
            if turned.casefold() in folded:
                return turned
    if len(words) != 2:
        return sender
    flipped = f"{words[1]} {words[0]}"

    def said(word: str) -> bool:
        return bool(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text))

    return flipped if said(words[1]) and not said(words[0]) else sender


def _resolve_people(
    found: Found, sender_name: str, sender_email: str | None
) -> tuple[str | None, str | None]:
    """(manager, contact) names, following "jag" and "samma som chef" to the person meant."""
    # The From display name stands for the writer only where the mail points at the writer.
    writer = found.writer or tidy(sender_name) or None
    manager = found.manager
    if found.manager_acting and found.manager_ref == "writer":
        manager = None  # the writer is the acting manager; an earlier pass's name was not
    if manager is None and (found.manager_ref == "writer" or found.writer_is_manager):
        manager = writer
    contact = found.contact
    if contact is None and found.contact_ref == "manager":
        contact = manager
    elif contact is None and found.contact_ref == "writer":
        contact = writer
    elif contact is None and found.contact_ref == "later":
        pass  # "Kontaktperson meddelas senare": nobody yet, the sign-up waits for one
    elif contact is None and _only_the_writers_details(found, sender_email):
        # Nobody else named: the writer is the contact as the unit's own manager, or by giving
        # their own address as the contact's ("Kontakt: <From address>"); an administrator
        # who only signs a unit up is not (the staff ask the unit instead).
        gave_own_address = found.contact_email is not None
        contact = manager if same_person(manager, writer) else writer if gave_own_address else None
    if manager is None and found.manager_ref == "contact":
        manager = contact  # "Chef: samma som kontaktperson"
    return manager, _in_full(contact, [manager, writer])


def _only_the_writers_details(found: Found, sender_email: str | None) -> bool:
    """No contact details, or "Kontakt: <the writer's own address> eller 070-…": details that
    name nobody and point at no one but the writer."""
    email = found.contact_email
    if email is None:
        return True
    return sender_email is not None and email.casefold() == sender_email.casefold()


def _in_full(name: str | None, named: list[str | None]) -> str | None:
    """ "Kontakt: Mustafa själv" under "enhetschef Mustafa Yılmaz": the first name alone is
    the person the mail named in full."""
    if name is None or " " in name:
        return name
    full = {n for n in named if n and " " in n and n.split()[0] == name}
    return full.pop() if len(full) == 1 else name


def _contact_details(
    found: Found, manager: str | None, contact: str | None, sender_name: str
) -> tuple[str | None, str | None]:
    """The contact's (e-mail, phone), taken from the manager or writer when that is who it is."""
    email, phone = found.contact_email, found.contact_phone
    writer = found.writer or (contact if found.contact_ref == "writer" else tidy(sender_name))
    if same_person(contact, manager) or (contact and found.contact_ref == "manager"):
        email, phone = email or found.manager_email, phone or found.manager_phone
    if same_person(contact, writer):
        email, phone = email or found.writer_email, phone or found.writer_phone
    return email, phone


def _unit(
    labelled: Found, found: Found, subject: str, lines: list[str], signature: list[str]
) -> str | None:
    """The label's unit if there is one, else the strongest candidate the mail gives."""
    if labelled.unit and not is_title(labelled.unit):
        return labelled.unit
    body = prose_text(lines, labelled.used_lines)
    # "Anmälan Lisa Berg": a person the mail names is never the unit.
    people = {p.casefold() for p in (found.manager, found.contact, found.writer) if p}
    candidates = [
        c
        for c in unit_candidates(subject, body, "\n".join(signature))
        if c.name.casefold() not in people
    ]
    if candidates:
        return candidates[0].name
    return found.unit if found.unit and is_unit_name(found.unit) else None


def extract_signup(
    text: str,
    *,
    sender_name: str = "",
    sender_email: str | None = None,
    subject: str = "",
    signed: bool = True,
) -> SignupFields:
    """The sign-up fields the mail's plain-text body states; None where it states nothing.

    `signed=False` reads a part of a mail whose signature was cut off already (one unit's
    block of a mail that signs up several): its last lines are the unit's, not a signature."""
    original = f"{subject}\n{text}"
    text = with_subject_read(subject, text)
    text, subject = _HONORIFIC.sub("", readable(text)), readable(subject)
    sender_name = name_order(display_name(sender_name), text)
    # "Chef: Marita Kullberg. Kontakt: Viveka Ström, …": one label per line.
    body = _LABEL_AFTER_SENTENCE.sub(_label_line, strip_quoted(text))
    lines, signature = split_mail(split_labelled_sentences(table_rows(body.split("\n"))))
    if not signed:
        lines, signature = [*lines, *signature], []
    labelled = label_pass(lines)
    text = prose_text(lines, labelled.used_lines)
    roles = roles_pass(text)
    if roles.contact_instead:
        # The contact a later sentence puts in place of the one above outranks the label.
        labelled.contact = labelled.contact_email = labelled.contact_phone = None
        labelled.contact_ref = None
    found = combine([labelled, roles, prose_pass(text), signature_pass(signature, sender_name)])
    follow_contact(found, text)  # a labelled contact, described in a sentence after it
    found.put("employees", number(m.group(1)) if (m := EMPLOYEES.search(body)) else None)
    manager, contact = _resolve_people(found, sender_name, sender_email)
    email, phone = _contact_details(found, manager, contact, sender_name)
    # The From address is the contact's only when the contact is the writer.
    writer = found.writer or tidy(sender_name) or None
    from_sender = email is None and bool(sender_email) and same_person(contact, writer)
    awards, mentions = award_years(body)
    organisation = canonical_organisation(found.organisation, body, subject)
    unit = _unit(labelled, found, subject, lines, signature)
    unit = without_dashed_owner(unit) if unit else None
    if manager is None and unit:
        manager = head_of_unit(unit, text)  # "Our head of Cruise Services is …"
    if manager is None and subject:
        # "Anmälan KU 2027 / Kundtjänst / chef Leif Ek" over "Se ämnesraden :)": the
        # subject line names the manager the body leaves out.
        manager = roles_pass(subject).manager
    if organisation and not labelled.organisation:
        organisation = written_near_unit(organisation, "\n".join(lines), unit)
    values = {
        "unit_name": as_written(unit, original),
        "manager_name": as_written(manager, original),
        "contact_name": as_written(contact, original),
        "contact_email": sender_email if from_sender else email,
        "contact_phone": phone,
        "organisation": organisation.name if organisation else None,
    }
    written = as_written(organisation.written, original) if organisation else None
    if written and organisation and organisation.known:
        written = registered_form(written)
    return SignupFields(
        **values,
        organisation_as_written=written,
        organisation_known=organisation.known if organisation else None,
        contact_email_from_sender=from_sender,
        inferred=inferred_fields(
            values, labelled, organisation_written=written, from_sender=from_sender
        ),
        weak=weak_fields(
            values, found, body=body, organisation=organisation, from_sender=from_sender
        ),
        employees=found.employees,
        award_years=awards,
        honourable_mention_years=mentions,
    )
