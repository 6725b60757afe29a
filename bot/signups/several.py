"""Several units signed up in one mail: each gets its own reference, one receipt lists all.

A quality coordinator often signs up two preschools or three boenden at once. Each unit
is registered on its own (or updates its earlier registration), and the sender gets one
receipt that shows every unit as registered, with what is still missing for each.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.context import Context, Inbound, Outcome, reply
from bot.models import Unit
from bot.signups.extract import SignupFields
from bot.signups.pending import hold
from bot.signups.receipt import in_english, marked, questions
from bot.signups.recipients import not_to_recipients
from bot.signups.signup import (
    MISSING_LABELS,
    asked,
    create_unit,
    fields_of,
    find_same_unit,
    record_signup,
    unit_view,
)
from bot.signups.units import is_registered_address


def _register_one(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    now: datetime,
    fields: SignupFields,
    done: list[Unit],
    late: list[Unit],
) -> Unit | None:
    year = ctx.year(now)
    unit = find_same_unit(session, year, fields)
    if unit in done:
        unit = None  # alike in name, but the mail itself says they are two units
    if (
        unit is not None
        and unit.addresses
        and not is_registered_address(unit, inbound.mail.from_addr)
    ):
        # A unit already registered by others: the change is held for its contact to confirm,
        # as for a single sign-up, and this mail's receipt does not list it.
        hold(session, ctx, inbound, now, unit, kind="update", changes=asked(fields))
        return None
    duplicate = unit is not None
    unit = unit or create_unit(session, ctx, year, now)
    if record_signup(session, ctx, inbound, now, unit, fields, duplicate=duplicate, several=True):
        late.append(unit)
    return unit


def handle_several(
    session: Session, ctx: Context, inbound: Inbound, now: datetime, units: list[SignupFields]
) -> Outcome:
    """Register every unit the mail signs up and answer with one receipt for them all."""
    registered: list[Unit] = []
    read: list[SignupFields] = []
    late: list[Unit] = []
    for fields in units:
        fields = not_to_recipients(fields, inbound.mail, ctx.settings.bot_address)
        unit = _register_one(session, ctx, inbound, now, fields, registered, late)
        if unit is not None:
            registered.append(unit)
            read.append(fields)
    if not registered:
        return Outcome("handled", "signup", None, None)
    schedule = ctx.schedule(registered[0].year)
    items = [
        {
            "unit": unit_view(unit),
            "missing": [MISSING_LABELS[key] for key in fields_of(unit).missing()],
            "inferred": marked(unit, fields),
        }
        for unit, fields in zip(registered, read, strict=True)
    ]
    context = {
        "units": items,
        "inferred": any(item["inferred"] for item in items),
        # Each question names the unit it is about, since the receipt lists several.
        "questions": [
            f"{unit.reference}: {question}"
            for unit, fields in zip(registered, read, strict=True)
            for question in questions(unit, fields)
        ],
        "english": in_english(inbound),
        "late": bool(late),
        "signup_day": schedule.deadline("signup").day,
        "entry_day": schedule.deadline("entry").day,
        "year": registered[0].year,
        "copy_for": None,
    }
    mail = inbound.mail
    reply(
        session,
        ctx,
        inbound,
        "signup-several",
        context,
        now,
        unit=registered[0],
        to=mail.from_addr or "",
        to_name=mail.from_name,
    )
    return Outcome("handled", "signup", None, registered[0].id)
