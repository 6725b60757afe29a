"""The inbound pipeline: store, then handle, then move; each step safe to repeat.

1. The raw message is stored with a dedupe key in its own transaction before anything
   else, so a crash later loses nothing.
2. Handling runs in one transaction: parse, classify, workflow step, outgoing mail into
   the outbox, and the message's new status. If it raises, the transaction rolls back and
   the message is recorded as quarantined with the error; the loop goes on.
3. Only after the commit is the server copy moved to its folder. A crash before the move
   means the message is seen again, recognised by its key, and just moved. That the copy
   was moved is recorded for a batch of messages at a time (moving is idempotent, and the
   next round repeats any move whose record a crash lost), which saves a commit, and so a
   disk sync, per message.

A database that is locked or briefly gone is not the message's fault: the round stops
with the error and the message, still in the inbox, is handled on the next round.
"""

from __future__ import annotations

import hashlib
import logging
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.context import Context, Inbound, Outcome, staff
from bot.db import unreachable
from bot.mail.mailbox import Mailbox, MailboxError, RemoteMessage
from bot.mail.parse import parse_mail
from bot.models import InboundMessage, MailboxState
from bot.workflow import handle

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    seen: int = 0
    handled: int = 0
    staff: int = 0
    ignored: int = 0
    quarantined: int = 0
    duplicates: int = 0
    waiting: int = 0  # stored, left unhandled: another instance has the row in hand


# The blank line that ends the header block (RFC 5322 section 2.1), with either line ending.
_END_OF_HEADERS = re.compile(rb"\r?\n\r?\n")
# How many moved messages may wait for the commit that records their move.
MOVED_BATCH = 100


def message_id_of(raw: bytes) -> str | None:
    """The Message-ID from the header block alone (cheap: the body is not even split)."""
    end = _END_OF_HEADERS.search(raw)
    header_block = raw[: end.start()] if end else raw
    try:
        headers = BytesHeaderParser(policy=compat32).parsebytes(header_block)
        value = str(headers.get("Message-ID", "") or "")
    except Exception:  # Malformed headers: fall back to the content hash.
        return None
    value = " ".join(value.split()).strip().strip("<>").strip()
    return value[:390] or None


def dedupe_key(raw: bytes, message_id: str | None = None) -> str:
    """Message-ID where there is one (stable across re-fetches), else a content hash."""
    message_id = message_id or message_id_of(raw)
    if message_id:
        return "mid:" + message_id
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def _folder(ctx: Context, status: str) -> str:
    s = ctx.settings
    return {"staff": s.folder_staff, "quarantine": s.folder_quarantine}.get(
        status, s.folder_handled
    )


def store(sessions: sessionmaker[Session], remote: RemoteMessage, raw: bytes) -> tuple[int, bool]:
    """Store the raw message unless already stored; return (row id, newly stored)."""
    message_id = message_id_of(raw)
    key = dedupe_key(raw, message_id)
    query = select(InboundMessage.id).where(InboundMessage.dedupe_key == key)
    try:
        with sessions.begin() as session:
            existing = session.scalar(query)
            if existing is not None:
                return existing, False
            row = InboundMessage(
                dedupe_key=key,
                remote_id=remote.remote_id,
                message_id=message_id,
                received_at=remote.received_at,
                raw=raw,
                status="new",
            )
            session.add(row)
            session.flush()
            return row.id, True
    except IntegrityError:
        # Another instance stored the same message a moment ago: it is stored.
        with sessions() as session:
            stored = session.scalar(query)
        if stored is None:
            raise
        return stored, False


def process(sessions: sessionmaker[Session], ctx: Context, row_id: int, now: datetime) -> str:
    """Handle one stored message exactly once; return its final status."""
    try:
        with sessions.begin() as session:
            # A row claim: on PostgreSQL another instance handling this message holds its
            # row until it commits, and this one leaves the message to it. SQLite has no
            # row locks; its one writer at a time serialises instances.
            row = session.get(InboundMessage, row_id, with_for_update={"skip_locked": True})
            if row is None:
                return "new"
            if row.status != "new":
                return row.status
            outcome = _too_large(ctx, len(row.raw))
            if outcome is None:
                inbound = Inbound(row.id, row.received_at, parse_mail(row.raw))
                outcome = handle(session, ctx, inbound, now)
            row.status, row.kind, row.reason = outcome.status, outcome.kind, outcome.reason
            row.unit_id, row.processed_at = outcome.unit_id, now
            row.folder = _folder(ctx, outcome.status)
            status, kind, folder = row.status, row.kind, row.folder
        # One line per mail handled, once it is committed: its row, kind and folder; never
        # who or what.
        log.info("mail handled: row %s, kind %s, folder %s", row_id, kind, folder)
        return status
    except Exception as exc:
        if unreachable(exc):
            # Locked, down, or the connection dropped mid-transaction: the transaction
            # rolled back, the row stays "new" and the server copy in the inbox, and a later
            # round tries again. (The price: an error that repeats on every try stops each
            # round at this message until someone acts.) The runner says once that the
            # database is gone; this line is for debugging only.
            log.debug("inbound message %s: database unavailable; retrying later", row_id)
            raise
        # Never the message's content or addresses in the log: only its row and the error type.
        # The traceback may quote mail content, so it goes to the database row (for the
        # staff and developers), and the log gets only the row and the error type.
        log.error("inbound message %s failed (%s); quarantined", row_id, type(exc).__name__)
        _quarantine(sessions, ctx, row_id, now, exc)
        return "quarantine"


def _too_large(ctx: Context, size: int) -> Outcome | None:
    """A mail over KB_MAX_PARSE_MB goes to the staff unread: parsing it could take GBs."""
    limit = ctx.settings.max_parse_mb
    if size <= limit * 1024 * 1024:
        return None
    return staff(
        "too-large",
        f"Mejlet är {size / 1024 / 1024:.0f} MB, mer än de {limit} MB som boten läser "
        "(KB_MAX_PARSE_MB); det är inte läst. Hantera det för hand.",
    )


def _quarantine(
    sessions: sessionmaker[Session], ctx: Context, row_id: int, now: datetime, exc: Exception
) -> None:
    with sessions.begin() as session:
        row = session.get(InboundMessage, row_id)
        assert row is not None
        row.status, row.folder, row.processed_at = "quarantine", ctx.settings.folder_quarantine, now
        row.reason = "Behandlingen misslyckades; meddelandet ligger kvar och behöver granskas."
        row.error = "".join(traceback.format_exception(exc)).strip()[-4000:]
        audit.record(session, "quarantine", now, inbound_id=row_id, error=type(exc).__name__)


@dataclass
class _Moves:
    """Moving server copies, and the rows whose copy moved but whose flag is not committed."""

    sessions: sessionmaker[Session]
    done: list[int]

    def move(self, mailbox: Mailbox, row_id: int, remote_id: str) -> None:
        """Move the server copy to the folder that the committed handling chose."""
        with self.sessions() as session:
            query = select(InboundMessage.moved, InboundMessage.folder)
            moved, folder = session.execute(query.where(InboundMessage.id == row_id)).one()
        if moved or folder is None:
            return
        mailbox.move(remote_id, folder)
        self.done.append(row_id)
        if len(self.done) >= MOVED_BATCH:
            self.record()

    def record(self) -> None:
        """Commit the moved flags. A crash before this only makes the next round repeat
        these moves (see `_finish_moves`), which then find nothing left to move."""
        if not self.done:
            return
        with self.sessions.begin() as session:
            statement = update(InboundMessage).where(InboundMessage.id.in_(self.done))
            session.execute(statement.values(moved=True))
        self.done.clear()


def ingest(
    sessions: sessionmaker[Session],
    ctx: Context,
    mailbox: Mailbox,
    now: datetime,
    should_stop: Callable[[], bool] | None = None,
) -> IngestReport:
    """Handle every message waiting in the mailbox, then any stored but unhandled one."""
    report = IngestReport()
    moves = _Moves(sessions, [])
    _finish_moves(moves, mailbox)
    cursor = _load_cursor(sessions, mailbox.name)
    fetched = mailbox.fetch_new(cursor)
    failed = False
    for remote in fetched.messages:
        if should_stop is not None and should_stop():
            moves.record()
            return report
        try:
            _ingest_one(sessions, ctx, mailbox, moves, remote, now, report)
        except MailboxError as exc:
            # The server copy stays where it is and is tried again on the next round.
            log.warning("mailbox error on one message, retrying next round: %s", exc)
            failed = True
    moves.record()
    if not failed:
        # A cursor past a message we could not fetch would skip it for good; keeping the
        # old cursor re-fetches the batch, and the dedupe key makes that harmless.
        _save_cursor(sessions, mailbox.name, fetched.cursor)
    for row_id in _stored_unhandled(sessions):
        _count(report, process(sessions, ctx, row_id, now))
    return report


def _ingest_one(
    sessions: sessionmaker[Session],
    ctx: Context,
    mailbox: Mailbox,
    moves: _Moves,
    remote: RemoteMessage,
    now: datetime,
    report: IngestReport,
) -> None:
    report.seen += 1
    raw = mailbox.fetch_raw(remote.remote_id)
    row_id, fresh = store(sessions, remote, raw)
    if not fresh:
        report.duplicates += 1
    status = process(sessions, ctx, row_id, now)
    # A row left "new" is tried again below, and counted there.
    if fresh and status != "new":
        _count(report, status)
    moves.move(mailbox, row_id, remote.remote_id)


def _finish_moves(moves: _Moves, mailbox: Mailbox) -> None:
    """Repeat moves a crash interrupted: handled rows whose copy was not marked moved.

    Moving is idempotent, so a copy that did leave the inbox just gets its flag set.
    """
    with moves.sessions() as session:
        query = select(InboundMessage.id, InboundMessage.remote_id).where(
            InboundMessage.moved.is_(False),
            InboundMessage.folder.is_not(None),
            InboundMessage.status != "new",
        )
        pending = list(session.execute(query).all())
    for row_id, remote_id in pending:
        try:
            moves.move(mailbox, row_id, remote_id)
        except MailboxError as exc:
            log.warning("could not finish an interrupted move, retrying next round: %s", exc)
    moves.record()


def _count(report: IngestReport, status: str) -> None:
    attr = {"quarantine": "quarantined", "new": "waiting"}.get(status, status)
    if hasattr(report, attr):
        setattr(report, attr, getattr(report, attr) + 1)


def _stored_unhandled(sessions: sessionmaker[Session]) -> list[int]:
    with sessions() as session:
        query = select(InboundMessage.id).where(InboundMessage.status == "new")
        return list(session.scalars(query.order_by(InboundMessage.id)))


def _load_cursor(sessions: sessionmaker[Session], backend: str) -> str | None:
    with sessions() as session:
        state = session.get(MailboxState, backend)
        return state.cursor if state else None


def _save_cursor(sessions: sessionmaker[Session], backend: str, cursor: str | None) -> None:
    with sessions.begin() as session:
        state = session.get(MailboxState, backend)
        if state is None:
            session.add(MailboxState(backend=backend, cursor=cursor))
        else:
            state.cursor = cursor
