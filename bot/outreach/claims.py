"""Claiming a scheduled mail: its key goes into table ``claims`` in the same transaction
as its outbox row, so a double fire, two instances or a restart never send it twice, and
a failure before the commit keeps neither (both the scheduler and the staff's "påminn"
queue through here)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM
from bot.context import Context
from bot.mail import outbox
from bot.mail.render import Envelope
from bot.models import Claim
from bot.outreach.reminders import Due, one_per_unit


def queue_all(session: Session, ctx: Context, items: Iterable[Due], now: datetime) -> int:
    return sum(_claim_and_queue(session, ctx, item, now) for item in items)


def is_claimed(session: Session, key: str) -> bool:
    return session.scalar(select(Claim.id).where(Claim.key == key)) is not None


def _claim(session: Session, item: Due, now: datetime) -> bool:
    """Insert the claim in a savepoint; False if it exists or another instance won."""
    if is_claimed(session, item.key):
        return False
    try:
        with session.begin_nested():
            session.add(Claim(key=item.key, kind=item.kind, unit_id=item.unit_id, claimed_at=now))
            for key in item.also_claims:
                if not is_claimed(session, key):
                    session.add(
                        Claim(key=key, kind=item.kind, unit_id=item.unit_id, claimed_at=now)
                    )
    except IntegrityError:
        return False
    return True


def reminded_today(session: Session, unit_id: int, now: datetime) -> bool:
    """Whether a reminder to this unit was claimed earlier on ``now``'s Stockholm day."""
    start = datetime.combine(now.astimezone(STOCKHOLM).date(), time(0), STOCKHOLM)
    query = select(Claim.id).where(
        Claim.unit_id == unit_id, Claim.kind.like("reminder-%"), Claim.claimed_at >= start
    )
    return session.scalar(query.limit(1)) is not None


def unclaimed_reminders(session: Session, items: list[Due], now: datetime) -> list[Due]:
    """The items not claimed yet, a unit's reminders folded into one mail (``one_per_unit``);
    a unit reminded earlier today gets no second reminder before tomorrow."""
    fresh = [item for item in items if not is_claimed(session, item.key)]
    return [
        item
        for item in one_per_unit(fresh)
        if not (
            item.kind.startswith("reminder-")
            and item.unit_id is not None
            and reminded_today(session, item.unit_id, now)
        )
    ]


def _claim_and_queue(session: Session, ctx: Context, item: Due, now: datetime) -> bool:
    if not _claim(session, item, now):
        return False
    envelope = Envelope(
        to=item.to,
        to_name=item.to_name,
        reference=item.reference,
        attachments=item.attachments,
    )
    message = ctx.message(item.kind, envelope, item.context, now)
    row = outbox.queue(
        session, message, kind=item.kind, dedupe_key=item.key, now=now, unit_id=item.unit_id
    )
    return row is not None
