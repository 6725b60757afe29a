"""Held changes: a change to a unit from an address that is not registered for it.

Anyone can write "E-post: attacker@…" or "Vi drar tillbaka vår anmälan" and name a unit.
Such a change is not applied. It is held here, the registered contact gets a mail that
says exactly what would change and confirms it by replying JA (or stops it with NEJ), and
the staff can decide it by command (`bekräfta` / `avslå`). The sender is told only that
the change waits, with nothing but what its own mail said: a unit's registered personal
data is never sent to an address that is not registered for the unit. Applying a
confirmed change is `bot.signups.confirm`'s job.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import audit
from bot.context import Context, Inbound, Outcome, reply, staff
from bot.mail import outbox
from bot.mail.render import Envelope
from bot.models import PendingChange, Unit
from bot.signups.receipt import in_english

LABELS = {
    "unit_name": "Verksamhet",
    "organisation": "Förvaltning, bolag eller företag",
    "manager_name": "Chef",
    "contact_name": "Kontaktperson",
    "contact_email": "E-post",
    "contact_phone": "Telefon",
    "address": "Ny adress som får ändra anmälan",
}


def changes_of(pending: PendingChange) -> dict[str, str]:
    try:
        value = json.loads(pending.changes or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def shown(changes: dict[str, str]) -> list[dict[str, str]]:
    """The changes as label/value rows for a mail, in a fixed order."""
    return [{"label": LABELS[key], "value": changes[key]} for key in LABELS if key in changes]


def waiting(session: Session, unit: Unit) -> list[PendingChange]:
    query = select(PendingChange).where(
        PendingChange.unit_id == unit.id, PendingChange.status == "waiting"
    )
    return list(session.scalars(query.order_by(PendingChange.id)))


def answered(session: Session, message_ids: tuple[str, ...]) -> PendingChange | None:
    """The waiting change whose confirmation mail ``message_ids`` answer, if any."""
    ids = [mid for mid in message_ids if mid]
    if not ids:
        return None
    query = select(PendingChange).where(
        PendingChange.confirm_message_id.in_(ids), PendingChange.status == "waiting"
    )
    return session.scalars(query.order_by(PendingChange.id.desc())).first()


def hold(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    now: datetime,
    unit: Unit,
    *,
    kind: str,
    changes: dict[str, str],
) -> Outcome:
    """Hold a change from an unregistered sender; tell the contact, the sender, the staff."""
    sender = inbound.mail.from_addr or ""
    changes = {**changes, "address": sender} if kind == "update" else changes
    pending = PendingChange(
        unit_id=unit.id,
        kind=kind,
        sender=sender,
        changes=json.dumps(changes, ensure_ascii=False),
        inbound_id=inbound.row_id,
        status="waiting",
        created_at=now,
    )
    session.add(pending)
    session.flush()
    audit.record(
        session, "change-held", now, unit_id=unit.id, inbound_id=inbound.row_id, change=kind
    )
    context: dict[str, Any] = {
        "withdrawal": kind == "withdrawal",
        "changes": shown(changes),
        "year": unit.year,
    }
    _ask_contact(session, ctx, unit, pending, context, now)
    # The sender's receipt repeats only what its own mail said, never the unit's data.
    # Its one English sentence only for a writer who wrote in English, not for the contact.
    held = {**context, "english": in_english(inbound)}
    reply(session, ctx, inbound, "change-held", held, now, unit=None, to=sender,
          to_name=inbound.mail.from_name)  # fmt: skip
    what = "Återkallelse" if kind == "withdrawal" else "Ändring"
    return staff(
        "held-change",
        f"{what} för {unit.reference} från en adress som inte är registrerad för "
        f"verksamheten; den väntar på att kontaktpersonen bekräftar. Skriv "
        f'"bekräfta {unit.reference}" eller "avslå {unit.reference}" för att avgöra den.',
        unit,
    )


def _ask_contact(
    session: Session,
    ctx: Context,
    unit: Unit,
    pending: PendingChange,
    context: dict[str, Any],
    now: datetime,
) -> None:
    if not unit.contact_email:
        return
    envelope = Envelope(
        to=unit.contact_email, to_name=unit.contact_name or "", reference=unit.reference
    )
    full = {**context, "unit": {"reference": unit.reference, "unit_name": unit.unit_name},
            "sender": pending.sender}  # fmt: skip
    message = ctx.message("change-confirmation", envelope, full, now)
    row = outbox.queue(
        session,
        message,
        kind="change-confirmation",
        dedupe_key=f"change-confirmation:{pending.id}",
        now=now,
        unit_id=unit.id,
    )
    pending.confirm_message_id = row.message_id if row else None
