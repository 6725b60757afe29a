"""The staff's commands for the autumn: ``visa lag 3`` and ``boka KU-2027-014 …``.

They return a title and lines; ``bot.staff`` authenticates the sender and answers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM
from bot.context import Context
from bot.models import Unit
from bot.teams.visits.booking import apply
from bot.teams.visits.dates import read_visits
from bot.teams.visits.people import assessed, team_members
from bot.teams.visits.progress import progress, team_of
from bot.teams.visits.store import KIND_SV

BOOK_USAGE = "Skriv till exempel: boka KU-2027-014 platsbesök 2027-10-14 09:00"


def show_team(
    session: Session, ctx: Context, number_text: str, now: datetime
) -> tuple[str, list[str]]:
    year = ctx.year(now)
    number = int(number_text) if number_text.strip().isdigit() else None
    team = team_of(session, year, number) if number is not None else None
    if team is None:
        return f"Hittar inget lag {number_text.strip() or '(nummer saknas)'} för {year}.", []
    lines = [
        "Medlemmar: "
        + ", ".join(
            f"{m.name}{' (lagsamordnare)' if m.id == team.coordinator_id else ''}"
            for m in team_members(session, team)
        )
    ]
    for row in progress(session, ctx.schedule(year), now):
        if row.team != team.number:
            continue
        lines += [
            f"{row.reference} {row.unit_name}",
            f"  Platsbesök: {row.site or 'ej bokat'}",
            f"  Återföringsbesök: {row.feedback or 'ej bokat'}",
            f"  Rapport: {row.report or 'saknas'}",
        ]
        if row.behind:
            lines.append(f"  Efter: {', '.join(row.behind)}")
    return f"Lag {team.number}, Kvalitetsutmärkelsen {year}", lines


def book(
    session: Session, ctx: Context, unit: Unit, text: str, by: str, now: datetime
) -> tuple[str, list[str]]:
    """A booking the staff made by phone: the same rows and invitations as by mail."""
    item = assessed(session, unit)
    if item is None:
        return f"{unit.reference} har inget examinatorslag än; inget bokat.", []
    ceremony = ctx.schedule(item.team.year).deadline("ceremony").day
    reading = read_visits(text, now.astimezone(STOCKHOLM).date(), ceremony)
    if not reading.visits and not reading.cancelled:
        return f"Inget datum att boka för {unit.reference}.", [BOOK_USAGE]
    changes = apply(session, ctx, item, reading, by, now)
    lines = []
    for change in changes:
        label = KIND_SV[change.visit.kind].capitalize()
        state = "inställt" if change.visit.status == "cancelled" else change.visit.day.isoformat()
        if change.visit.start:
            state += f" {change.visit.start}" + (f"–{change.visit.end}" if change.visit.end else "")
        lines.append(f"{label}: {state}{'' if change.changed else ' (oförändrat)'}")
        if change.warning:
            lines.append(f"  Observera: {change.warning}")
    sent = sum(c.changed for c in changes)
    note = "inbjudan skickad" if sent == 1 else "inbjudningar skickade"
    return f"{unit.reference}: {sent} {note} till laget och verksamheten.", lines
