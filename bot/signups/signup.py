"""Sign-ups (anmälan): register a unit from its mail, or ask for exactly what is missing.

The unit and the bot hold a conversation by mail until the sign-up is complete: a reply in
the thread adds what was missing. A second sign-up for the same unit updates it. Late
sign-ups and eligibility doubts are flagged for the staff, never rejected.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from bot import audit
from bot.context import Context, Inbound, Outcome, reply_with_copy, staff
from bot.models import Unit
from bot.signups.correction import (
    confirms,
    forget_replaced_contact,
)
from bot.signups.eligibility import eligibility_flags
from bot.signups.extract import (
    SignupFields,
    extract_mail,
    read_reply,
    readable_text,
    similar_names,
    strip_quoted,
)
from bot.signups.extract.alsosigns import signs_up_too
from bot.signups.extract.inline import with_inline_answers
from bot.signups.pending import hold
from bot.signups.receipt import previous_values, receipt_notes
from bot.signups.recipients import contact_in_copy, not_to_recipients
from bot.signups.units import add_address, add_flag, is_registered_address, new_reference

MISSING_LABELS = {
    "unit_name": "Verksamhetens namn",
    "manager_name": "Chefens namn (chef med ansvar för verksamhet, budget och personal)",
    "contact_name": "Kontaktpersonens namn",
    "contact_details": "Kontaktpersonens e-postadress eller telefonnummer",
    "organisation": "Förvaltning, bolag eller företag som verksamheten tillhör",
}
FIELD_NAMES = (
    "unit_name",
    "manager_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "organisation",
)


def fields_of(unit: Unit) -> SignupFields:
    return SignupFields(**{name: getattr(unit, name) for name in FIELD_NAMES})


def apply_fields(unit: Unit, fields: SignupFields, now: datetime) -> None:
    merged = fields_of(unit).merged(fields)
    # A reply that names the registered organisation again (in its signature, say) leaves the
    # form the sign-up wrote: the evidence changes with the organisation.
    moved = fields.organisation != unit.organisation or not unit.organisation_as_written
    for name in FIELD_NAMES:
        setattr(unit, name, getattr(merged, name))
    if fields.employees is not None:
        unit.employees = fields.employees
    if fields.organisation is not None and moved:
        # As the mail wrote it ("Äldreförv."), beside the canonical name: the staff's evidence.
        written = fields.organisation_as_written or fields.organisation
        unit.organisation_as_written = " ".join(written.split())
    if unit.signup_status != "withdrawn":
        unit.signup_status = "incomplete" if merged.missing() else "registered"
    unit.updated_at = now


def _extract(ctx: Context, inbound: Inbound) -> SignupFields:
    mail = inbound.mail
    fields = extract_mail(
        mail.subject, mail.text, sender_name=mail.from_name, sender_email=mail.from_addr
    )
    fields = not_to_recipients(fields, mail, ctx.settings.bot_address)
    return contact_in_copy(fields, mail, ctx.settings.bot_address)


_NUMBER = re.compile(r"\d+")


def _same_name(a: str, b: str) -> bool:
    # "Förskolan Nummer 1" and "Förskolan Nummer 12" are different units however alike.
    return _NUMBER.findall(a) == _NUMBER.findall(b) and similar_names(a, b)


def _same_numbers_filter(name: str) -> list[ColumnElement[bool]]:
    """SQL conditions that every name with the same numbers as ``name`` meets.

    Only a prefilter, so that a year of thousands of numbered units is not read row by
    row for each sign-up: each number in ``name`` must occur in the other name too.
    `_same_name` still decides.
    """
    numbers = set(_NUMBER.findall(name))
    return [Unit.unit_name.contains(number, autoescape=True) for number in numbers]


def find_same_unit(session: Session, year: int, fields: SignupFields) -> Unit | None:
    """The first registered unit of ``year`` with the same name and organisation."""
    if not fields.unit_name:
        return None
    # Three columns, not whole units: this runs for every sign-up against the whole year.
    query = select(Unit.id, Unit.unit_name, Unit.organisation).where(Unit.year == year)
    query = query.where(*_same_numbers_filter(fields.unit_name)).order_by(Unit.id)
    for unit_id, name, organisation in session.execute(query):
        if name and _same_name(name, fields.unit_name):
            same_org = not (organisation and fields.organisation) or similar_names(
                organisation, fields.organisation
            )
            if same_org:
                return session.get(Unit, unit_id)
    return None


def create_unit(session: Session, ctx: Context, year: int, now: datetime) -> Unit:
    reference = new_reference(session, ctx.settings.reference_prefix, year)
    unit = Unit(
        reference=reference, year=year, signup_status="incomplete", created_at=now, updated_at=now
    )
    session.add(unit)
    return unit


def handle_signup(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    now: datetime,
    unit: Unit | None = None,
    read: SignupFields | None = None,
) -> Outcome:
    """A sign-up mail: register or update the unit and answer with a receipt."""
    fields = read or _extract(ctx, inbound)
    year = ctx.year(now)
    unit = unit or find_same_unit(session, year, fields)
    duplicate = unit is not None
    if unit is None:
        unit = create_unit(session, ctx, year, now)
    elif unit.year == year and is_registered_address(unit, inbound.mail.from_addr):
        add_flag(
            unit,
            "duplicate",
            "Ny anmälan för en redan anmäld verksamhet; uppgifterna uppdaterades.",
            now,
        )
    # A second sign-up shows, as a reply does, each value it changed beside the old one.
    before = fields_of(unit) if duplicate else None
    return _register(session, ctx, inbound, now, unit, fields, duplicate=duplicate, before=before)


def adds_a_unit(read: SignupFields, current: SignupFields, text: str) -> bool:
    """True for a reply that signs up another unit too ("Vi vill även anmäla Förskolan
    Humlan, som jag också är chef för"), named in full and not the registered one."""
    other, registered = read.unit_name, current.unit_name
    if not (other and registered) or _same_name(other, registered):
        return False
    return signs_up_too(text, other)


def handle_reply(
    session: Session, ctx: Context, inbound: Inbound, now: datetime, unit: Unit
) -> Outcome:
    """A reply in a unit's thread: it completes or corrects the sign-up."""
    current = fields_of(unit)
    # "> Kontaktperson: Anna Berg" answered under the quoted line: "-> ska vara Sara Lind".
    inbound = replace(
        inbound, mail=replace(inbound.mail, text=with_inline_answers(inbound.mail.text))
    )
    mail = inbound.mail
    read = _extract(ctx, inbound)
    if "unit_name" in read.weak and read.unit_name == current.unit_name:
        # "Sv: Anmälan mottagen – Förskolan Ekorren": the subject repeats the receipt's, so
        # the unit it names is no news; the body may name another that signs up too.
        body = _extract(ctx, replace(inbound, mail=replace(mail, subject="")))
        if adds_a_unit(body, current, strip_quoted(mail.text)):
            read = body
    if adds_a_unit(read, current, strip_quoted(mail.text)):
        # "Vi vill även anmäla Förskolan Humlan": a second unit's sign-up, the first kept.
        # Told in the first unit's thread without an organisation of its own, it belongs
        # to the first unit's (a school group's second preschool, a district's other home).
        if not read.organisation and unit.organisation:
            read = replace(
                read,
                organisation=unit.organisation,
                organisation_as_written=unit.organisation_as_written,
                organisation_known=None,
            )
        return handle_signup(session, ctx, inbound, now, read=read)
    fields = read_reply(read, current, strip_quoted(mail.text), sender_name=mail.from_name)
    changes = [
        name
        for name in FIELD_NAMES
        if getattr(fields, name) and getattr(fields, name) != getattr(current, name)
    ]
    if not changes and confirms(readable_text(mail.subject, mail.text)):
        # "Ja, det stämmer": the answer to the receipt's question needs nothing more.
        audit.record(session, "signup-confirmed", now, unit_id=unit.id, inbound_id=inbound.row_id)
        return Outcome("handled", "signup-confirmed", None, unit.id)
    if not changes:
        # A thank-you or a question in the thread: a person should read it, and the bot
        # must not answer a "tack!" with another receipt.
        return staff(
            "reply",
            f"Svar i tråden för {unit.reference} utan nya uppgifter som boten "
            "kan läsa; läs och besvara.",
            unit,
        )
    return _register(session, ctx, inbound, now, unit, fields, duplicate=False, before=current)


def _register(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    now: datetime,
    unit: Unit,
    fields: SignupFields,
    *,
    duplicate: bool,
    before: SignupFields | None = None,
) -> Outcome:
    """Apply a sign-up or a reply in its thread (``before``: the unit as it was) and answer."""
    sender = inbound.mail.from_addr
    if unit.addresses and not is_registered_address(unit, sender):
        # Held, not applied: the registered contact confirms it, or the staff decide.
        return hold(session, ctx, inbound, now, unit, kind="update", changes=asked(fields))
    if before is not None:
        forget_replaced_contact(unit, fields)
    late = record_signup(session, ctx, inbound, now, unit, fields, duplicate=duplicate)
    notes = receipt_notes(
        inbound, unit, fields, previous_values(before, unit) if before is not None else None
    )
    _send_receipt(session, ctx, inbound, now, unit, late=late, duplicate=duplicate,
                  changed=before is not None, notes=notes)  # fmt: skip
    return Outcome("handled", "signup", None, unit.id)


def record_signup(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    now: datetime,
    unit: Unit,
    fields: SignupFields,
    *,
    duplicate: bool,
    **details: Any,
) -> bool:
    """Apply a trusted sign-up's fields to ``unit``: addresses, flags and the event log.

    One unit of a sign-up mail or of a mail that signs up several; returns whether it
    came late."""
    apply_fields(unit, fields, now)
    session.flush()
    add_address(unit, inbound.mail.from_addr)
    add_address(unit, unit.contact_email)
    flag_unknown_organisation(unit, fields, now)
    late = flag_late(ctx, unit, inbound, now)
    for code, reason in eligibility_flags(session, unit, fields):
        add_flag(unit, code, reason, now)
    audit.record(
        session,
        "signup",
        now,
        unit_id=unit.id,
        inbound_id=inbound.row_id,
        status=unit.signup_status,
        duplicate=duplicate,
        **details,
    )
    return late


def asked(fields: SignupFields) -> dict[str, str]:
    """What the mail itself asks to set: the only data a held change's sender sees again."""
    return {name: str(getattr(fields, name)) for name in FIELD_NAMES if getattr(fields, name)}


def flag_unknown_organisation(unit: Unit, fields: SignupFields, now: datetime) -> None:
    """An organisation not on the city's list is kept as written; the staff check it."""
    if fields.organisation_known is False and fields.organisation:
        add_flag(
            unit,
            "unknown-organisation",
            f"Organisationen ”{fields.organisation}” finns inte i listan över stadens "
            "förvaltningar, bolag och vanliga utförare; kontrollera namnet.",
            now,
        )


def flag_late(ctx: Context, unit: Unit, inbound: Inbound, now: datetime) -> bool:
    deadline = ctx.schedule(unit.year).deadline("signup")
    if inbound.received_at < deadline.due:
        return False
    add_flag(
        unit,
        "late",
        f"Anmälan kom in efter sista anmälningsdag "
        f"{deadline.day.isoformat()}; kvalitetsenheten beslutar.",
        now,
    )
    return True


def unit_view(unit: Unit) -> dict[str, Any]:
    return {name: getattr(unit, name) for name in ("reference", "year", *FIELD_NAMES)}


def _send_receipt(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    now: datetime,
    unit: Unit,
    *,
    late: bool,
    duplicate: bool,
    changed: bool,
    notes: dict[str, Any],
) -> None:
    missing = fields_of(unit).missing()
    kind = "signup-incomplete" if missing else "signup-receipt"
    schedule = ctx.schedule(unit.year)
    context = {
        "unit": unit_view(unit),
        "missing": [MISSING_LABELS[key] for key in missing],
        "late": late,
        "duplicate": duplicate,
        # A reply that completed or corrected the sign-up: "ändrat", not "tack för er anmälan".
        "changed": changed,
        **notes,
        "signup_day": schedule.deadline("signup").day,
        "entry_day": schedule.deadline("entry").day,
        "year": unit.year,
        "copy_for": None,
    }
    reply_with_copy(session, ctx, inbound, kind, context, now, unit=unit, copy_to=None)


def unit_from_entry_mail(session: Session, ctx: Context, inbound: Inbound, now: datetime) -> Unit:
    """An entry from a unit that never signed up: register what the mail says, flagged."""
    fields = _extract(ctx, inbound)
    year = ctx.year(now)
    unit = find_same_unit(session, year, fields) or create_unit(session, ctx, year, now)
    if not unit.addresses or is_registered_address(unit, inbound.mail.from_addr):
        # An unregistered sender's entry is still checked, but it changes no unit data.
        apply_fields(unit, fields, now)
    session.flush()
    if not unit.addresses:
        add_address(unit, inbound.mail.from_addr)
    add_address(unit, unit.contact_email)
    add_flag(
        unit,
        "no-signup",
        "Bidrag från en verksamhet som inte hade anmält sig; verksamheten registrerades av boten.",
        now,
    )
    audit.record(session, "signup-from-entry", now, unit_id=unit.id, inbound_id=inbound.row_id)
    return unit
