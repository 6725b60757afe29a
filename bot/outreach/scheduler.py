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
from collections import Counter
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.context import Context
from bot.outreach import digest
from bot.outreach.claims import is_claimed, queue_all, unclaimed_reminders
from bot.outreach.reminders import Due, due_now
from bot.outreach.visit_reminders import visit_due

log = logging.getLogger(__name__)


def run_due(sessions: sessionmaker[Session], ctx: Context, now: datetime) -> int:
    """Claim and queue every mail due at ``now``; return how many were queued."""
    schedule = ctx.schedule(ctx.year(now))
    try:
        with sessions.begin() as session:
            items = [
                *unclaimed_reminders(session, [*due_now(session, schedule, now)], now),
                *visit_due(session, ctx, schedule, now),
            ]
            items += digest.due(session, schedule, ctx.settings.staff_addresses, now)
            queued = queue_all(session, ctx, items, now)
    except IntegrityError:
        # Another instance claimed the same day's digest first; its mails are its own.
        log.info("scheduled mail already claimed by another instance")
        return 0
    if queued:
        kinds = Counter(item.kind for item in items)
        log.info("scheduled mail queued: %s (%s)", queued, ", ".join(sorted(kinds)))
    return queued


def preview(sessions: sessionmaker[Session], ctx: Context, now: datetime) -> list[Due]:
    """What ``run_due`` would claim now (not yet claimed), without claiming anything."""
    schedule = ctx.schedule(ctx.year(now))
    with sessions() as session:
        visits = visit_due(session, ctx, schedule, now)
        return [
            *unclaimed_reminders(session, [*due_now(session, schedule, now)], now),
            *(item for item in visits if not is_claimed(session, item.key)),
        ]
