"""The outbox: outgoing mail is queued in the database and sent by a worker, exactly once.

A workflow step queues its mails in the same transaction that records its decision, so a
crash either keeps both or neither. The worker sends one row at a time and marks it sent;
backends make a resend of the same Message-ID harmless where they can. A send whose record
was lost because the database went away is recorded when it is back, not sent again. A per-recipient
limit keeps a runaway loop from flooding anyone: mails over the limit wait, they are not
dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.mail.mailbox import Mailbox
from bot.models import OutboxMail, SuppressedAddress

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10


@dataclass(frozen=True)
class Limits:
    per_hour: int
    per_day: int


def queue(
    session: Session,
    message: EmailMessage,
    *,
    kind: str,
    dedupe_key: str,
    now: datetime,
    unit_id: int | None = None,
) -> OutboxMail | None:
    """Add ``message`` to the outbox unless a mail with ``dedupe_key`` is already there."""
    existing = session.scalar(select(OutboxMail.id).where(OutboxMail.dedupe_key == dedupe_key))
    if existing is not None:
        return None
    recipient = message["To"].addresses[0].addr_spec.lower()
    row = OutboxMail(
        dedupe_key=dedupe_key,
        kind=kind,
        unit_id=unit_id,
        recipient=recipient,
        message_id=str(message["Message-ID"]).strip("<>"),
        raw=message.as_bytes(),
        status="queued",
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def _sent_since(session: Session, recipient: str, since: datetime) -> int:
    query = select(func.count()).where(
        OutboxMail.recipient == recipient,
        OutboxMail.status == "sent",
        OutboxMail.sent_at >= since,
    )
    return session.scalar(query) or 0


def _over_limit(session: Session, recipient: str, now: datetime, limits: Limits) -> bool:
    hour = _sent_since(session, recipient, now - timedelta(hours=1))
    day = _sent_since(session, recipient, now - timedelta(days=1))
    return hour >= limits.per_hour or day >= limits.per_day


def send_pending(
    sessions: sessionmaker[Session],
    mailbox: Mailbox,
    now: datetime,
    limits: Limits,
    unrecorded: dict[int, datetime] | None = None,
) -> int:
    """Send every queued mail that the limits allow; return how many were sent.

    ``unrecorded`` outlives one call (the running bot keeps it): the mails that left while
    the database went away before their send was committed. They are recorded first, so
    that the database coming back does not send them again.
    """
    unrecorded = {} if unrecorded is None else unrecorded
    _record_unrecorded(sessions, unrecorded)
    with sessions() as session:
        ids = session.scalars(
            select(OutboxMail.id).where(OutboxMail.status == "queued").order_by(OutboxMail.id)
        ).all()
    return sum(_send_one(sessions, mailbox, row_id, now, limits, unrecorded) for row_id in ids)


def _record_unrecorded(sessions: sessionmaker[Session], unrecorded: dict[int, datetime]) -> None:
    if not unrecorded:
        return
    with sessions.begin() as session:
        for row_id, sent_at in unrecorded.items():
            row = session.get(OutboxMail, row_id, with_for_update=True)
            # Not queued: the commit did get through before the connection went.
            if row is not None and row.status == "queued":
                _mark_sent(row, sent_at)
                log.info("outbox mail %s: its send is recorded after the database outage", row_id)
    unrecorded.clear()


def suppress_bounced(session: Session, addresses: Sequence[str], now: datetime) -> None:
    """Stop mailing addresses that bounced permanently, until the staff clear them."""
    for address in addresses:
        if session.get(SuppressedAddress, address.lower()) is None:
            session.add(
                SuppressedAddress(
                    address=address.lower(), since=now, reason="Permanent studs (5.x.x)"
                )
            )
            audit.record(session, "address-suppressed", now)


def _send_one(
    sessions: sessionmaker[Session],
    mailbox: Mailbox,
    row_id: int,
    now: datetime,
    limits: Limits,
    unrecorded: dict[int, datetime],
) -> bool:
    with sessions.begin() as session:
        # A row claim: on PostgreSQL a second instance skips a mail the first one is
        # sending (its row stays locked until the send is recorded) instead of sending it
        # too. SQLite has no row locks; its one writer at a time serialises instances.
        row = session.get(OutboxMail, row_id, with_for_update={"skip_locked": True})
        if row is None or row.status != "queued":
            return False
        if session.get(SuppressedAddress, row.recipient) is not None:
            # Kept, not sent: the staff see it and can clear the address to send it.
            row.status = "suppressed"
            return False
        if _over_limit(session, row.recipient, now, limits):
            # Every poll until the limit passes: DEBUG, or an idle bot would log all day.
            log.debug("outbox mail %s deferred: recipient over the hourly or daily limit", row_id)
            return False
        try:
            mailbox.send(row.raw, row.message_id, [row.recipient])
        except Exception as exc:  # A failing backend must not lose the mail: it stays queued.
            row.attempts += 1
            row.last_error = f"{type(exc).__name__}: {exc}"[:1000]
            if row.attempts >= MAX_ATTEMPTS:
                row.status = "failed"
            log.warning(
                "outbox mail %s not sent (attempt %s): %s", row_id, row.attempts, type(exc).__name__
            )
            return False
        # The mail has left. Until the commit below records it, it is sent but unrecorded:
        # if the database goes before the commit, the next round records it, not resends it.
        unrecorded[row_id] = now
        _mark_sent(row, now)
        log.info("mail sent: outbox row %s, kind %s", row_id, row.kind)
    del unrecorded[row_id]
    return True


def _mark_sent(row: OutboxMail, sent_at: datetime) -> None:
    row.status = "sent"
    row.sent_at = sent_at
    row.attempts += 1
