"""Entries (bidrag): check every attachment against the award's rules and answer.

One receipt per entry mail: what arrived, what passed, warnings, and blocking faults. A
blocking fault makes it a change request (ändringsbegäran) due a number of Swedish working
days later. Every submission is kept as a new version; the newest is the one that counts.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import audit
from bot.clock import STOCKHOLM
from bot.context import Context, Inbound, Outcome, reply_with_copy
from bot.entries.attachments import input_files, store_attachments
from bot.entries.documents import EntryCheck, Finding, Limits, check_entry
from bot.models import Entry, Unit
from bot.signups.extract import strip_quoted
from bot.signups.signup import unit_view
from bot.signups.units import add_flag, is_registered_address

PICTURE_CODES = ("picture-size", "picture-orientation", "picture-missing", "picture-format")


def limits_of(ctx: Context) -> Limits:
    s = ctx.settings
    return Limits(
        max_file_bytes=s.max_attachment_mb * 1024 * 1024,
        max_total_bytes=s.max_mail_mb * 1024 * 1024,
    )


def newest_entry(session: Session, unit: Unit) -> Entry | None:
    query = select(Entry).where(Entry.unit_id == unit.id).order_by(Entry.version.desc())
    return session.scalars(query).first()


def handle_entry(
    session: Session, ctx: Context, inbound: Inbound, now: datetime, unit: Unit
) -> Outcome:
    mail = inbound.mail
    check = check_entry(
        input_files(mail),
        strip_quoted(mail.text),
        limits=limits_of(ctx),
        ocr=None if ctx.settings.ocr == "auto" else False,
    )
    entry = _new_version(session, ctx, inbound, unit, check)
    store_attachments(session, ctx, inbound, now, entry_id=entry.id)
    _flag(unit, entry, check, inbound, now)
    audit.record(
        session,
        "entry",
        now,
        unit_id=unit.id,
        inbound_id=inbound.row_id,
        version=entry.version,
        status=entry.status,
        codes=sorted(check.codes()),
    )
    _answer(session, ctx, inbound, now, unit, entry, check)
    return Outcome("handled", "entry", None, unit.id)


def _new_version(
    session: Session, ctx: Context, inbound: Inbound, unit: Unit, check: EntryCheck
) -> Entry:
    last = session.scalar(select(func.max(Entry.version)).where(Entry.unit_id == unit.id)) or 0
    for old in session.scalars(select(Entry).where(Entry.unit_id == unit.id)):
        old.status = "superseded"
    schedule = ctx.schedule(unit.year)
    entry = Entry(
        unit_id=unit.id,
        version=last + 1,
        inbound_id=inbound.row_id,
        received_at=inbound.received_at,
        status="change_requested" if check.blocking else "accepted",
        characters=check.characters,
        presentation_characters=check.presentation_characters,
        problems=json.dumps([asdict(f) for f in check.findings], ensure_ascii=False),
        late=schedule.deadline("entry").is_late(inbound.received_at),
        change_due=schedule.change_request_due(inbound.received_at) if check.blocking else None,
    )
    session.add(entry)
    session.flush()
    return entry


def _flag(unit: Unit, entry: Entry, check: EntryCheck, inbound: Inbound, now: datetime) -> None:
    if entry.late:
        add_flag(
            unit, "late-entry", "Bidraget kom in efter sista dag; kvalitetsenheten beslutar.", now
        )
    codes = check.codes()
    if codes & {"question-missing", "question-unanswered"}:
        add_flag(
            unit,
            "entry:questions",
            "Frågor verkar saknas eller vara obesvarade i bidraget; se kvittot.",
            now,
        )
    if "text-in-image" in codes:
        add_flag(unit, "entry:text-in-image", "Bilder i bidraget verkar bära textblock.", now)
    if not is_registered_address(unit, inbound.mail.from_addr):
        add_flag(
            unit,
            "unregistered-sender",
            "Bidrag från en adress som inte är registrerad "
            "för verksamheten; kontaktpersonen fick en kopia.",
            now,
        )


def _finding_view(finding: Finding) -> dict[str, Any]:
    return {"message": finding.message, "check": finding.check, "filename": finding.filename}


def receipt_context(ctx: Context, unit: Unit, entry: Entry, check: EntryCheck) -> dict[str, Any]:
    findings = check.findings
    return {
        "unit": unit_view(unit),
        "version": entry.version,
        "files": [asdict(f) for f in check.files],
        "characters": check.characters,
        "presentation_characters": check.presentation_characters,
        "passed": list(check.passed),
        "blocking": [_finding_view(f) for f in findings if f.severity == "blocking"],
        "warnings": [_finding_view(f) for f in findings if f.severity == "warning"],
        "picture_warning": any(f.code in PICTURE_CODES for f in findings),
        # change_due is the first late instant; people read "senast 12 maj kl. 24.00".
        "due_day": (entry.change_due - timedelta(minutes=1)).astimezone(STOCKHOLM).date()
        if entry.change_due
        else None,
        "late": entry.late,
        "entry_day": ctx.schedule(unit.year).deadline("entry").day,
        "copy_for": None,
    }


def _answer(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    now: datetime,
    unit: Unit,
    entry: Entry,
    check: EntryCheck,
) -> None:
    kind = "change-request" if check.blocking else "entry-receipt"
    context = receipt_context(ctx, unit, entry, check)
    registered = is_registered_address(unit, inbound.mail.from_addr)
    reply_with_copy(
        session,
        ctx,
        inbound,
        kind,
        context,
        now,
        unit=unit,
        copy_to=None if registered else unit.contact_email,
    )
