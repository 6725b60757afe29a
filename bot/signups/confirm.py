"""Deciding a held change: the registered contact replies JA or NEJ, or the staff decide.

Only here does an address become registered for a unit that already has addresses: the
sender of a confirmed change, and the contact address it sets.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import audit
from bot.context import Context, Inbound, Outcome, staff
from bot.mail import outbox
from bot.mail.render import Envelope
from bot.models import PendingChange, Unit
from bot.signups.extract import SignupFields
from bot.signups.pending import answered, changes_of, shown, waiting
from bot.signups.signup import FIELD_NAMES, apply_fields
from bot.signups.units import add_address, is_registered_address

_YES = re.compile(r"^\W*(ja|bekräftar|bekräftat|godkänner|ok)\b", re.IGNORECASE)
_NO = re.compile(r"^\W*(nej|avslår|stoppa)\b", re.IGNORECASE)


def handle_confirmation_reply(
    session: Session, ctx: Context, inbound: Inbound, now: datetime, text: str
) -> Outcome | None:
    """A reply to a confirmation mail; None when the mail answers none."""
    mail = inbound.mail
    pending = answered(session, (*mail.in_reply_to, *mail.references))
    if pending is None:
        return None
    unit = session.get(Unit, pending.unit_id)
    assert unit is not None
    if not is_registered_address(unit, mail.from_addr) or pending.sender == mail.from_addr:
        return staff(
            "held-change",
            f"Svar på en bekräftelsefråga för {unit.reference} från en adress som inte är "
            "registrerad för verksamheten; ändringen väntar kvar.",
            unit,
        )
    first = next((line for line in text.splitlines() if line.strip()), "")
    if _YES.match(first):
        decide(session, ctx, pending, now, by=mail.from_addr or "", accept=True)
    elif _NO.match(first):
        decide(session, ctx, pending, now, by=mail.from_addr or "", accept=False)
    else:
        return staff(
            "held-change",
            f"Svar på en bekräftelsefråga för {unit.reference} utan tydligt JA eller NEJ; "
            "läs och avgör.",
            unit,
        )
    return Outcome("handled", "held-change", None, unit.id)


def decide_all(
    session: Session, ctx: Context, unit: Unit, now: datetime, *, by: str, accept: bool
) -> int:
    """Decide every waiting change of ``unit`` (a staff command); return how many."""
    found = waiting(session, unit)
    for pending in found:
        decide(session, ctx, pending, now, by=by, accept=accept)
    return len(found)


def decide(
    session: Session, ctx: Context, pending: PendingChange, now: datetime, *, by: str, accept: bool
) -> None:
    unit = session.get(Unit, pending.unit_id)
    assert unit is not None
    registered_contact = unit.contact_email
    changes = changes_of(pending)
    if accept:
        _apply(unit, pending.kind, changes, now)
    pending.status = "applied" if accept else "rejected"
    pending.resolved_at, pending.resolved_by = now, by
    audit.record(session, "change-decided", now, unit_id=unit.id, actor=by, accepted=accept)
    context = {
        "accepted": accept,
        "withdrawal": pending.kind == "withdrawal",
        "changes": shown(changes),
        "unit": {"reference": unit.reference, "unit_name": unit.unit_name},
        "year": unit.year,
    }
    # The registered contact (before the change) and the sender both learn the outcome;
    # the sender still gets nothing but what its own mail said and the reference.
    for to in dict.fromkeys(a for a in (registered_contact, pending.sender) if a):
        envelope = Envelope(to=to, reference=unit.reference)
        message = ctx.message("change-decided", envelope, context, now)
        key = f"change-decided:{pending.id}:{to}"
        outbox.queue(session, message, kind="change-decided", dedupe_key=key, now=now,
                     unit_id=unit.id)  # fmt: skip


def _apply(unit: Unit, kind: str, changes: dict[str, str], now: datetime) -> None:
    if kind == "withdrawal":
        unit.signup_status = "withdrawn"
        unit.updated_at = now
        return
    values: dict[str, Any] = {name: changes[name] for name in FIELD_NAMES if name in changes}
    apply_fields(unit, SignupFields(**values), now)
    add_address(unit, changes.get("address"))
    add_address(unit, unit.contact_email)
