"""What is due now: claim each reminder, link, invitation and digest, then queue its mail.

APScheduler only wakes the bot (each ``run_cycle`` calls ``run_due``); the state of what
was sent lives in table ``claims``. Each mail is claimed under a unique key before it is
queued, in the same transaction, so a double fire, two instances or a restart never send
it twice: the second insert of a key fails and that mail is skipped. Who is due is decided
inside that transaction, at send time, so a unit that complied or withdrew a minute ago is
not reminded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.context import Context
from bot.mail import outbox
from bot.mail.render import Envelope
from bot.models import Claim
from bot.outreach import digest
from bot.outreach.reminders import Due, due_now

log = logging.getLogger(__name__)


def run_due(sessions: sessionmaker[Session], ctx: Context, now: datetime) -> int:
    """Claim and queue every mail due at ``now``; return how many were queued."""
    schedule = ctx.schedule(ctx.year(now))
    try:
        with sessions.begin() as session:
            items = [*due_now(session, schedule, now)]
            items += digest.due(session, schedule, ctx.settings.staff_addresses, now)
            queued = queue_all(session, ctx, items, now)
    except IntegrityError:
        # Another instance claimed the same day's digest first; its mails are its own.
        log.info("scheduled mail already claimed by another instance")
        return 0
    if queued:
        log.info("scheduled mail queued: %s", queued)
    return queued


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
    except IntegrityError:
        return False
    return True


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


def preview(sessions: sessionmaker[Session], ctx: Context, now: datetime) -> list[Due]:
    """What ``run_due`` would claim now (not yet claimed), without claiming anything."""
    schedule = ctx.schedule(ctx.year(now))
    with sessions() as session:
        return [
            item for item in due_now(session, schedule, now) if not is_claimed(session, item.key)
        ]
