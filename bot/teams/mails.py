"""The mails a team decision causes: to examiners, coordinators, units and drop-outs.

Dedupe keys carry a short fingerprint of the team (members, coordinator, entries), so a
re-confirmed team that did not change mails nobody, and a changed one mails again.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.context import Context
from bot.mail import outbox
from bot.mail.render import Envelope, OutgoingAttachment
from bot.mail.storage import read_bytes
from bot.models import (
    Assignment,
    AttachmentRecord,
    Entry,
    Examiner,
    StoredFile,
    Team,
    Unit,
)
from bot.teams.routing.problem import PinnedTeam
from bot.teams.visits.people import team_members
from bot.year.dates import swedish_day

# What the unit must have ready for the site visit (DESIGN.md, from the instructions).
DOCUMENTS = (
    "verksamhetsplan för året",
    "årsredovisning eller verksamhetsberättelse för förra året",
    "rutiner för hantering av klagomål och synpunkter",
    "dokumentation av undersökningar eller dialoger med målgrupperna",
    "dokumentation av medarbetarundersökningen",
)
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _units(session: Session, team: Team) -> list[Unit]:
    query = (
        select(Unit)
        .join(Assignment, Assignment.unit_id == Unit.id)
        .where(Assignment.team_id == team.id)
        .order_by(Unit.reference)
    )
    return list(session.scalars(query))


def fingerprint(team: Team, members: list[Examiner], units: list[Unit]) -> str:
    text = f"{team.coordinator_id}|{sorted(m.id for m in members)}|{sorted(u.id for u in units)}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def person(ex: Examiner, coordinator_id: int) -> dict[str, Any]:
    return {
        "name": ex.name,
        "email": ex.email,
        "organisation": ex.organisation,
        "coordinator": ex.id == coordinator_id,
    }


def unit_view(unit: Unit) -> dict[str, Any]:
    names = ("reference", "unit_name", "organisation", "manager_name", "contact_name")
    view = {name: getattr(unit, name) or "" for name in names}
    view["contact_email"] = unit.contact_email or ""
    view["contact_phone"] = unit.contact_phone or ""
    view["competition_class"] = unit.competition_class or ""
    return view


VISIT_MONTHS = "september–oktober"


def timeline(ctx: Context, year: int) -> list[dict[str, Any]]:
    """The rest of the year for a team, in date order: each row's ``when`` is what is
    shown ("31 maj", "september–oktober"), ``day`` what it is sorted by."""
    schedule = ctx.schedule(year)
    ceremony = schedule.deadline("ceremony")
    rows = [
        _row(schedule.deadline("teams").day, "Lagen klara och bidragen fördelade"),
        _row(schedule.deadline("minutes").day, "Protokollsutdrag från verksamheten"),
        _row(date(year, 9, 1), "Platsbesök hos verksamheterna", VISIT_MONTHS),
        _row(ceremony.day, f"{ceremony.label}, {ceremony.location}".strip(", ")),
        _row(
            ceremony.day + timedelta(days=1),
            "Återföringsbesök hos verksamheterna",
            "efter ceremonin",
        ),
    ]
    return sorted(rows, key=lambda row: row["day"])


def _row(day: date, label: str, when: str | None = None) -> dict[str, Any]:
    return {"day": day, "when": when or swedish_day(day), "label": label}


def _entry_files(session: Session, unit: Unit) -> list[tuple[AttachmentRecord, StoredFile]]:
    query = (
        select(AttachmentRecord, StoredFile)
        .join(StoredFile, StoredFile.id == AttachmentRecord.file_id)
        .join(Entry, Entry.id == AttachmentRecord.entry_id)
        .where(
            Entry.unit_id == unit.id,
            Entry.status == "accepted",
            AttachmentRecord.kind.in_(tuple(CONTENT_TYPES)),
        )
        .order_by(AttachmentRecord.id)
    )
    return list(session.execute(query).all())


def attachments(
    session: Session, ctx: Context, units: list[Unit]
) -> tuple[list[OutgoingAttachment], bool]:
    """The entries' Word and PDF files, or none and True when they are too large to mail."""
    files = [pair for unit in units for pair in _entry_files(session, unit)]
    limit = ctx.settings.team_attachments_max_mb * 1024 * 1024
    if sum(stored.size for _, stored in files) > limit:
        return [], True
    return [
        OutgoingAttachment(
            record.filename, CONTENT_TYPES[record.kind], read_bytes(ctx.settings.data_dir, stored)
        )
        for record, stored in files
    ], False


def _context(session: Session, ctx: Context, team: Team) -> dict[str, Any]:
    members, units = team_members(session, team), _units(session, team)
    chief = next(m for m in members if m.id == team.coordinator_id)
    return {
        "year": team.year,
        "team": {
            "number": team.number,
            "members": [person(m, team.coordinator_id) for m in members],
            "coordinator": person(chief, team.coordinator_id),
        },
        "entries": [unit_view(u) for u in units],
        "timeline": timeline(ctx, team.year),
        "visit_months": VISIT_MONTHS,
        "documents": list(DOCUMENTS),
    }


def _queue(
    session: Session,
    ctx: Context,
    kind: str,
    to: Examiner | Unit,
    context: dict[str, Any],
    key: str,
    now: datetime,
    files: list[OutgoingAttachment] | None = None,
) -> None:
    team: dict[str, Any] = context.get("team") or {}
    chief = isinstance(to, Examiner) and to.email == team.get("coordinator", {}).get("email")
    if isinstance(to, Examiner):
        address, name, unit_id, reference = to.email, to.name, None, None
    else:
        address, name = to.contact_email or "", to.contact_name or ""
        unit_id, reference = to.id, to.reference
    if not address:
        return
    envelope = Envelope(to=address, to_name=name, reference=reference, attachments=files or ())
    recipient = {"name": name, "coordinator": chief}
    message = ctx.message(kind, envelope, {**context, "recipient": recipient}, now)
    outbox.queue(session, message, kind=kind, dedupe_key=key, now=now, unit_id=unit_id)


def team_assigned(
    session: Session, ctx: Context, team: Team, now: datetime, only: set[int] | None = None
) -> None:
    """Mail each member (the coordinator their own kind) and each unit of ``team``."""
    members, units = team_members(session, team), _units(session, team)
    context = _context(session, ctx, team)
    files, too_large = attachments(session, ctx, units)
    context["attachments_too_large"] = too_large
    mark = f"{team.year}:team{team.number}:{fingerprint(team, members, units)}"
    for ex in members:
        if only is not None and ex.id not in only:
            continue
        chief = ex.id == team.coordinator_id
        kind = "team-assignment-coordinator" if chief else "team-assignment-examiner"
        _queue(session, ctx, kind, ex, context, f"{kind}:{mark}:{ex.id}", now, files)
    for unit in units:
        key = f"team-assignment-unit:{team.year}:{unit.id}:{team.coordinator_id}"
        _queue(session, ctx, "team-assignment-unit", unit, context, key, now)


def removed(session: Session, ctx: Context, ex: Examiner, team: Team | None, now: datetime) -> None:
    context: dict[str, Any] = {"year": ex.year, "removed": True}
    context["team_number"] = team.number if team else None
    context |= {"left": ex.name, "joined": [], "entries": [], "team": None}
    key = f"team-change:{ex.year}:removed:{ex.id}:{now.isoformat()}"
    _queue(session, ctx, "team-change", ex, context, key, now)


def team_changed(
    session: Session, ctx: Context, team: Team, old: PinnedTeam, leaving: Examiner, now: datetime
) -> None:
    """After a drop-out: mail the one who left, new members in full, the rest a change note."""
    removed(session, ctx, leaving, team, now)
    members = team_members(session, team)
    joined = {m.id for m in members} - old.members
    team_assigned(session, ctx, team, now, only=joined | _new_chief(team, old))
    context = _context(session, ctx, team)
    context |= {"removed": False, "team_number": team.number, "left": leaving.name}
    context["attachments_too_large"] = None
    context["joined"] = [m.name for m in members if m.id in joined]
    stayed = [m for m in members if m.id not in joined | _new_chief(team, old)]
    for ex in stayed:
        key = f"team-change:{team.year}:team{team.number}:{leaving.id}:{ex.id}"
        _queue(session, ctx, "team-change", ex, context, key, now)


def _new_chief(team: Team, old: PinnedTeam) -> set[int]:
    return {team.coordinator_id} if team.coordinator_id != old.coordinator else set()
