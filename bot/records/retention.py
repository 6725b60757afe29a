"""Retention: remove the personal data of finished award years.

Raw inbound mail, the files units attached, the teams' written reports, the bot's own sent
mail and the units' personal fields (manager, contact, phone, addresses, who booked a
visit) are kept only as long as the award year needs them. What stays is what the city's records need without the people: each
mail's status, kind and reason, the units' names and organisations, entry versions with
their results, and the audit trail. Registration and archiving rules may require keeping
the entries themselves: `kvalitetsbot purge --archive DIR` writes the export for the
city's records (bot/records/archive.py) before this module removes anything.

Only finished years can be purged: the year in force (and any later one) is never touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot import audit
from bot.clock import STOCKHOLM
from bot.models import (
    AttachmentRecord,
    InboundMessage,
    MeetingAttendee,
    OutboxMail,
    OutreachAddress,
    StoredFile,
    Unit,
    UnitAddress,
)
from bot.teams.visits.store import Visit, VisitReport


@dataclass(frozen=True)
class Scope:
    """What to purge: award years before ``before_year``, received before ``cutoff``."""

    before_year: int
    cutoff: datetime | None = None

    @property
    def year_start(self) -> datetime:
        return datetime(self.before_year, 1, 1, tzinfo=STOCKHOLM)

    @property
    def until(self) -> datetime:
        """Mail received before this instant is in scope."""
        return min(self.year_start, self.cutoff) if self.cutoff else self.year_start


@dataclass
class RetentionReport:
    messages: int = 0
    attachments: int = 0
    files: int = 0
    sent_mails: int = 0
    reports: int = 0
    units: int = 0
    other_people: int = 0
    mailbox_files: int = 0
    dry_run: bool = False
    # For the mailbox adapter: the server ids of the purged inbound mails and the
    # Message-IDs of the purged sent mails, whose copies in the mailbox go too.
    remote_ids: set[str] = field(default_factory=set)
    sent_message_ids: set[str] = field(default_factory=set)


class RetentionError(ValueError):
    """A request the command refuses, such as purging the year in force."""


def scope_for(
    now: datetime,
    year_in_force: int,
    *,
    before: date | None = None,
    before_year: int | None = None,
    older_than_days: int | None = None,
) -> Scope:
    """The scope of one run; exactly one of the three limits must be given."""
    if sum(limit is not None for limit in (before, before_year, older_than_days)) != 1:
        raise RetentionError("give exactly one of --before, --before-year and --older-than.")
    if before is not None:
        if before > now.date():
            raise RetentionError(f"--before {before} is in the future.")
        return Scope(year_in_force, datetime.combine(before, time(0), tzinfo=STOCKHOLM))
    if older_than_days is not None:
        if older_than_days < 1:
            raise RetentionError("--older-than must be at least 1 day.")
        return Scope(year_in_force, now - timedelta(days=older_than_days))
    assert before_year is not None
    if before_year > year_in_force:
        raise RetentionError(
            f"award year {before_year - 1} is not finished (the year in force is "
            f"{year_in_force}); --before-year can be at most {year_in_force}."
        )
    return Scope(before_year)


def unit_ids(session: Session, scope: Scope) -> list[int]:
    query = select(Unit.id).where(Unit.year < scope.before_year)
    if scope.cutoff is not None:
        query = query.where(Unit.updated_at < scope.cutoff)
    return list(session.scalars(query))


def _message_ids(session: Session, scope: Scope, units: Sequence[int]) -> list[int]:
    """Stored raw mail of those units, or of no unit and received in a finished year."""
    belongs = or_(
        InboundMessage.unit_id.in_(units),
        and_(InboundMessage.unit_id.is_(None), InboundMessage.received_at < scope.until),
    )
    query = select(InboundMessage.id).where(belongs, func.length(InboundMessage.raw) > 0)
    if scope.cutoff is not None:
        query = query.where(InboundMessage.received_at < scope.cutoff)
    return list(session.scalars(query))


def _outbox_ids(session: Session, scope: Scope, units: Sequence[int]) -> list[int]:
    belongs = or_(
        OutboxMail.unit_id.in_(units),
        and_(OutboxMail.unit_id.is_(None), OutboxMail.created_at < scope.until),
    )
    # Mail still waiting to go out is not history yet.
    query = select(OutboxMail.id).where(
        belongs, OutboxMail.status != "queued", func.length(OutboxMail.raw) > 0
    )
    return list(session.scalars(query))


def _orphaned_files(
    session: Session, attachment_ids: Sequence[int], report_ids: Sequence[int]
) -> list[StoredFile]:
    """Stored files that only the given attachments and reports refer to (the same content
    is stored once, so a file may also belong to a mail or report that stays)."""
    candidates = (
        select(AttachmentRecord.file_id)
        .where(AttachmentRecord.id.in_(attachment_ids))
        .union(select(VisitReport.file_id).where(VisitReport.id.in_(report_ids)))
    )
    still_used = (
        select(AttachmentRecord.file_id)
        .where(AttachmentRecord.id.not_in(attachment_ids))
        .union(select(VisitReport.file_id).where(VisitReport.id.not_in(report_ids)))
    )
    query = select(StoredFile).where(
        StoredFile.id.in_(candidates), StoredFile.id.not_in(still_used)
    )
    return list(session.scalars(query))


def purge(
    session: Session, scope: Scope, now: datetime, *, data_dir: Path, dry_run: bool = False
) -> RetentionReport:
    """Remove the personal data in ``scope``; with ``dry_run`` only count it.

    The mailbox's own copies are the caller's job (the workflow knows no backend): the
    report carries their ids.
    """
    units = unit_ids(session, scope)
    messages = _message_ids(session, scope, units)
    outbox = _outbox_ids(session, scope, units)
    attachments = list(
        session.scalars(
            select(AttachmentRecord.id).where(AttachmentRecord.inbound_id.in_(messages))
        )
    )
    reports = list(session.scalars(select(VisitReport.id).where(VisitReport.unit_id.in_(units))))
    files = _orphaned_files(session, attachments, reports)
    report = RetentionReport(
        messages=len(messages),
        attachments=len(attachments),
        files=len(files),
        sent_mails=len(outbox),
        reports=len(reports),
        units=len(units),
        other_people=_count_other_people(session, scope),
        dry_run=dry_run,
        remote_ids=set(
            session.scalars(select(InboundMessage.remote_id).where(InboundMessage.id.in_(messages)))
        ),
        sent_message_ids=set(
            session.scalars(select(OutboxMail.message_id).where(OutboxMail.id.in_(outbox)))
        ),
    )
    if dry_run:
        return report
    _erase(session, messages, outbox, attachments, reports, files, units, scope)
    for stored in files:
        (data_dir / stored.path).unlink(missing_ok=True)
    audit.record(session, "retention", now, actor="staff", **_counts(report))
    return report


def _counts(report: RetentionReport) -> dict[str, int]:
    return {k: v for k, v in vars(report).items() if isinstance(v, int) and k != "dry_run"}


def _count_other_people(session: Session, scope: Scope) -> int:
    outreach = select(func.count()).where(OutreachAddress.year < scope.before_year)
    attendees = select(func.count()).where(MeetingAttendee.year < scope.before_year)
    return (session.scalar(outreach) or 0) + (session.scalar(attendees) or 0)


def _erase(
    session: Session,
    messages: Sequence[int],
    outbox: Sequence[int],
    attachments: Sequence[int],
    reports: Sequence[int],
    files: Sequence[StoredFile],
    units: Sequence[int],
    scope: Scope,
) -> None:
    # The error text of a failed message may quote the mail, so it goes with the raw mail.
    session.execute(
        update(InboundMessage).where(InboundMessage.id.in_(messages)).values(raw=b"", error=None)
    )
    session.execute(update(OutboxMail).where(OutboxMail.id.in_(outbox)).values(raw=b""))
    session.execute(delete(AttachmentRecord).where(AttachmentRecord.id.in_(attachments)))
    # The report is in the archive (bot/records/archive.py); here it names the unit's people.
    session.execute(delete(VisitReport).where(VisitReport.id.in_(reports)))
    session.execute(update(Visit).where(Visit.unit_id.in_(units)).values(booked_by=""))
    for stored in files:
        session.delete(stored)
    session.execute(delete(UnitAddress).where(UnitAddress.unit_id.in_(units)))
    session.execute(
        update(Unit)
        .where(Unit.id.in_(units))
        .values(manager_name=None, contact_name=None, contact_email=None, contact_phone=None)
    )
    session.execute(delete(OutreachAddress).where(OutreachAddress.year < scope.before_year))
    session.execute(delete(MeetingAttendee).where(MeetingAttendee.year < scope.before_year))
    session.flush()
