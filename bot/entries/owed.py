"""Who still owes what: the questions behind reminders, digests and staff answers.

Pure questions over the database: a withdrawn unit never owes anything; a unit owes its
sign-up details until complete, its entry until one version is accepted (warnings, such
as the picture, are not owed), and its minutes extract once the entry is accepted.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Entry, Minutes, Unit
from bot.signups.signup import MISSING_LABELS, fields_of

NO_ENTRY = "Bidraget (Word och PDF), presentationstexten och bilden"
PROBLEM_LABELS = {
    "pdf-missing": "PDF-versionen saknas",
    "docx-missing": "Word-versionen saknas",
    "word-missing": "Word-versionen saknas",
    "presentation-missing": "Presentationstexten saknas",
    "picture-missing": "Bilden saknas",
}


def active_units(session: Session, year: int) -> list[Unit]:
    """Every unit of the year that has not withdrawn."""
    query = select(Unit).where(Unit.year == year, Unit.signup_status != "withdrawn")
    return list(session.scalars(query.order_by(Unit.reference)))


def newest_entry(session: Session, unit: Unit) -> Entry | None:
    query = select(Entry).where(Entry.unit_id == unit.id).order_by(Entry.version.desc())
    return session.scalars(query.limit(1)).first()


def has_accepted_entry(session: Session, unit: Unit) -> bool:
    query = select(Entry.id).where(Entry.unit_id == unit.id, Entry.status == "accepted")
    return session.scalar(query.limit(1)) is not None


def signup_missing(unit: Unit) -> list[str]:
    """What an incomplete sign-up still lacks, as the labels the sign-up receipt used."""
    return [MISSING_LABELS[key] for key in fields_of(unit).missing()]


def entry_missing(session: Session, unit: Unit) -> list[str]:
    """What a registered unit still owes for its entry; empty once it has an accepted one."""
    if unit.signup_status != "registered" or has_accepted_entry(session, unit):
        return []
    entry = newest_entry(session, unit)
    if entry is None:
        return [NO_ENTRY]
    # Warnings (e.g. the picture, which the city can replace) are not owed.
    problems = [p for p in _problems(entry) if p.get("severity") != "warning"]
    labels = [PROBLEM_LABELS.get(str(p.get("code")), str(p.get("message", ""))) for p in problems]
    return list(dict.fromkeys(label for label in labels if label)) or [
        "Ändringar enligt vår ändringsbegäran"
    ]


def _problems(entry: Entry) -> list[dict[str, Any]]:
    try:
        value = json.loads(entry.problems or "[]")
    except ValueError:
        return []
    return [p for p in value if isinstance(p, dict)] if isinstance(value, list) else []


def owes_minutes(session: Session, unit: Unit) -> bool:
    if unit.signup_status != "registered" or not has_accepted_entry(session, unit):
        return False
    query = select(Minutes.id).where(Minutes.unit_id == unit.id)
    return session.scalar(query.limit(1)) is None


def open_change_request(session: Session, unit: Unit) -> Entry | None:
    """The newest entry version, if it waits for a change the unit has been asked for."""
    entry = newest_entry(session, unit)
    if entry is None or entry.status != "change_requested" or entry.change_due is None:
        return None
    return entry


def owed(session: Session, year: int, deadline_key: str) -> list[tuple[Unit, list[str]]]:
    """The units that owe something for ``deadline_key`` now, with what they owe."""
    result: list[tuple[Unit, list[str]]] = []
    for unit in active_units(session, year):
        missing = owed_by(session, unit, deadline_key)
        if missing:
            result.append((unit, missing))
    return result


def owed_by(session: Session, unit: Unit, deadline_key: str) -> list[str]:
    if deadline_key == "signup":
        return signup_missing(unit) if unit.signup_status == "incomplete" else []
    if deadline_key == "entry":
        return entry_missing(session, unit)
    if deadline_key == "minutes":
        return (
            ["Protokollsutdrag från nämnd- eller styrelsemöte"]
            if owes_minutes(session, unit)
            else []
        )
    return []
