"""Withdrawals: a unit says it will not take part; replying ÅNGRA undoes it.

Only a registered address may withdraw a unit. A withdrawal from any other address is
held until the registered contact confirms it (`bot.signups.pending`); one that cannot be
tied to a single unit goes to the staff.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot import audit
from bot.context import Context, Inbound, Outcome, reply, staff
from bot.models import Unit
from bot.signups.pending import hold
from bot.signups.signup import fields_of, unit_view
from bot.signups.units import by_address, is_registered_address


def handle_withdrawal(
    session: Session, ctx: Context, inbound: Inbound, now: datetime, unit: Unit | None
) -> Outcome:
    sender = inbound.mail.from_addr or ""
    if unit is None:
        candidates = by_address(session, sender, ctx.year(now))
        if len(candidates) != 1:
            return staff(
                "withdrawal",
                "Återkallelse som inte kunde kopplas till exakt en "
                "anmäld verksamhet; koppla den för hand.",
            )
        unit = candidates[0]
    if not is_registered_address(unit, sender):
        # Held until the registered contact confirms it (or the staff decide).
        return hold(session, ctx, inbound, now, unit, kind="withdrawal", changes={})
    if unit.signup_status == "withdrawn":
        # A second withdrawal gets no new receipt: an auto-responder that pastes our
        # receipt back must not start a loop of receipts.
        return Outcome("ignored", "withdrawal", "Verksamheten har redan återkallat anmälan.",
                       unit.id)  # fmt: skip
    unit.signup_status = "withdrawn"
    unit.updated_at = now
    audit.record(session, "withdrawal", now, unit_id=unit.id, inbound_id=inbound.row_id)
    reply(
        session,
        ctx,
        inbound,
        "withdrawal-receipt",
        {"unit": unit_view(unit)},
        now,
        unit=unit,
        to=sender,
        to_name=inbound.mail.from_name,
    )
    return Outcome("handled", "withdrawal", None, unit.id)


def handle_undo(
    session: Session, ctx: Context, inbound: Inbound, now: datetime, unit: Unit
) -> Outcome:
    sender = inbound.mail.from_addr or ""
    if not is_registered_address(unit, sender):
        return staff(
            "withdrawal",
            f"Begäran att ångra återkallelsen för {unit.reference} från "
            "en adress som inte är registrerad för verksamheten.",
            unit,
        )
    unit.signup_status = "incomplete" if fields_of(unit).missing() else "registered"
    unit.updated_at = now
    audit.record(session, "withdrawal-undone", now, unit_id=unit.id, inbound_id=inbound.row_id)
    reply(
        session,
        ctx,
        inbound,
        "withdrawal-undone",
        {"unit": unit_view(unit)},
        now,
        unit=unit,
        to=sender,
        to_name=inbound.mail.from_name,
    )
    return Outcome("handled", "withdrawal-undone", None, unit.id)
