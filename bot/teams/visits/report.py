"""The written report: checked like an entry file, stored, held until the ceremony is over.

The report goes to the unit the day after the ceremony (``release_at``); a report that
arrives later goes out in the same round it arrives in. The sending is scheduled work,
claimed per recipient in ``bot.outreach.visit_reminders``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM
from bot.context import Context
from bot.entries.documents import InputFile, Limits
from bot.entries.documents.analysis import AnalysedFile, analyse_file, check_sizes
from bot.entries.documents.filetype import Kind
from bot.entries.documents.model import Report
from bot.mail.storage import store_bytes
from bot.models import Claim
from bot.teams.visits.people import Coordinated
from bot.teams.visits.store import VisitReport
from bot.year.schedule import Schedule

ACCEPTED = (Kind.PDF, Kind.DOCX)


def check_report(files: list[InputFile]) -> tuple[AnalysedFile | None, list[str]]:
    """The report file (PDF preferred, else Word) and the problems to tell the sender."""
    report = Report()
    limits = Limits()
    analysed = [analyse_file(f, limits, report) for f in check_sizes(files, limits, report)]
    usable = [a for a in analysed if a.kind in ACCEPTED and a.usable]
    usable.sort(key=lambda a: ACCEPTED.index(a.kind))
    problems = [f.message for f in report.findings if f.severity == "blocking"]
    if not usable and not problems:
        problems = ["Rapporten ska vara en PDF eller ett Word-dokument (.docx)."]
    return (usable[0] if usable else None), problems


def release_at(schedule: Schedule) -> datetime:
    """The morning after the ceremony, at the schedule's reminder time."""
    day = schedule.deadline("ceremony").day + timedelta(days=1)
    return datetime.combine(day, schedule.reminder_time, tzinfo=STOCKHOLM)


def store_report(
    session: Session, ctx: Context, item: Coordinated, found: AnalysedFile, by: str, now: datetime
) -> VisitReport:
    """Keep the report; a corrected one replaces it (and goes out again if already sent)."""
    stored = store_bytes(session, ctx.settings.data_dir, found.source.data, now)
    old = session.scalar(select(VisitReport).where(VisitReport.unit_id == item.unit.id))
    if old is not None:
        session.delete(old)
        session.flush()
    row = VisitReport(
        unit_id=item.unit.id,
        file_id=stored.id,
        filename=found.source.filename[:255] or f"rapport.{found.kind.value}",
        kind=found.kind.value,
        sender=by,
        received_at=now,
    )
    session.add(row)
    session.flush()
    return row


def report_of(session: Session, unit_id: int) -> VisitReport | None:
    return session.scalar(select(VisitReport).where(VisitReport.unit_id == unit_id))


def delivered(session: Session, report: VisitReport) -> bool:
    key = f"report-delivery:{report.id}:%"
    return session.scalar(select(Claim.id).where(Claim.key.like(key)).limit(1)) is not None
