"""The registry as records: one per unit, for JSON, CSV and (later) Excel exports."""

from __future__ import annotations

import io
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Assignment, Entry, Examiner, Minutes, Team, TeamMember, Unit
from bot.records.cells import csv_dicts
from bot.signups.units import flag_codes

FIELDS = (
    "reference",
    "year",
    "unit_name",
    "organisation",
    "organisation_as_written",
    "manager_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "employees",
    "signup_status",
    "flags",
    "entry_status",
    "entry_version",
    "entry_received_at",
    "entry_characters",
    "entry_problems",
    "minutes_status",
    "minutes_received_at",
    "team",
    "coordinator",
    "created_at",
    "updated_at",
)


def unit_record(unit: Unit) -> dict[str, Any]:
    return {
        "reference": unit.reference,
        "year": unit.year,
        "unit_name": unit.unit_name,
        "organisation": unit.organisation,
        "organisation_as_written": unit.organisation_as_written,
        "manager_name": unit.manager_name,
        "contact_name": unit.contact_name,
        "contact_email": unit.contact_email,
        "contact_phone": unit.contact_phone,
        "employees": unit.employees,
        "signup_status": unit.signup_status,
        "flags": flag_codes(unit),
        "created_at": unit.created_at.isoformat(),
        "updated_at": unit.updated_at.isoformat(),
    }


def entry_fields(session: Session, unit: Unit) -> dict[str, Any]:
    """The newest entry version and the minutes extract, as export columns."""
    entry = session.scalars(
        select(Entry).where(Entry.unit_id == unit.id).order_by(Entry.version.desc())
    ).first()
    minutes = session.scalars(
        select(Minutes).where(Minutes.unit_id == unit.id).order_by(Minutes.id.desc())
    ).first()
    problems = json.loads(entry.problems) if entry else []
    return {
        "entry_status": entry.status if entry else "missing",
        "entry_version": entry.version if entry else None,
        "entry_received_at": entry.received_at.isoformat() if entry else None,
        "entry_characters": entry.characters if entry else None,
        "entry_problems": [
            {"code": p["code"], "message": p["message"]}
            for p in problems
            if p["severity"] != "info"
        ],
        "minutes_status": "received" if minutes else "missing",
        "minutes_received_at": minutes.received_at.isoformat() if minutes else None,
    }


def records(session: Session, year: int | None = None) -> list[dict[str, Any]]:
    query = select(Unit).order_by(Unit.reference)
    if year is not None:
        query = query.where(Unit.year == year)
    return [
        {**unit_record(unit), **entry_fields(session, unit), **team_fields(session, unit)}
        for unit in session.scalars(query)
    ]


def team_fields(session: Session, unit: Unit) -> dict[str, Any]:
    """The confirmed examiner team assessing the unit's entry, and its coordinator."""
    from bot.teams.teams import team_and_coordinator

    return team_and_coordinator(session, unit.id)


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    flat = (
        {
            **row,
            "flags": ";".join(row["flags"]),
            "entry_problems": ";".join(p["code"] for p in row.get("entry_problems", [])),
        }
        for row in rows
    )
    csv_dicts(out, FIELDS, flat)
    return out.getvalue()


def assignment_rows(session: Session, year: int) -> list[dict[str, Any]]:
    """The assignment table: one row per entry with its team, coordinator and members."""
    query = (
        select(Team.number, Unit.reference, Unit.unit_name, Examiner.name, Examiner.email, Team.id)
        .join(Assignment, Assignment.team_id == Team.id)
        .join(Unit, Unit.id == Assignment.unit_id)
        .join(Examiner, Examiner.id == Team.coordinator_id)
        .where(Team.year == year)
        .order_by(Team.number, Unit.reference)
    )
    rows: list[dict[str, Any]] = []
    for number, ref, unit_name, chief, chief_email, team_id in session.execute(query).all():
        members = session.scalars(
            select(Examiner.name)
            .join(TeamMember, TeamMember.examiner_id == Examiner.id)
            .where(TeamMember.team_id == team_id)
            .order_by(Examiner.name)
        )
        rows.append(
            {
                "team": number,
                "reference": ref,
                "unit_name": unit_name or "",
                "coordinator": chief,
                "coordinator_email": chief_email,
                "members": "; ".join(members),
            }
        )
    return rows


def assignments_to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    fields = ("team", "reference", "unit_name", "coordinator", "coordinator_email", "members")
    csv_dicts(out, fields, rows)
    return out.getvalue()
