"""Where each team stands in the autumn: visits booked, report received, report sent.

One row per assessed unit, for the digest, the registry workbook and the staff's
``visa lag 3``; ``laggards`` names the rows that are behind at ``now``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM
from bot.models import Assignment, Examiner, Team, Unit
from bot.teams.visits.booking import visits_of, when
from bot.teams.visits.report import delivered, report_of
from bot.teams.visits.store import FEEDBACK, SITE, Visit
from bot.year.schedule import Schedule


@dataclass(frozen=True)
class Progress:
    team: int
    coordinator: str
    reference: str
    unit_name: str
    site: str  # "torsdag 14 oktober 2027 kl. 09.00–12.00" or "" when not booked
    feedback: str
    report: str  # "" | "mottagen" | "skickad"
    behind: tuple[str, ...] = ()


def team_units(session: Session, year: int) -> list[tuple[Team, Examiner, list[Unit]]]:
    """Each team of the year with its coordinator and its units still taking part."""
    result = []
    teams = session.scalars(select(Team).where(Team.year == year).order_by(Team.number))
    for team in teams:
        units = list(
            session.scalars(
                select(Unit)
                .join(Assignment, Assignment.unit_id == Unit.id)
                .where(Assignment.team_id == team.id, Unit.signup_status != "withdrawn")
                .order_by(Unit.reference)
            )
        )
        result.append((team, session.get_one(Examiner, team.coordinator_id), units))
    return result


def _shown(visit: Visit | None) -> str:
    return when(visit) if visit is not None and visit.status == "booked" else ""


def progress(session: Session, schedule: Schedule, now: datetime) -> list[Progress]:
    rows = []
    for team, coordinator, units in team_units(session, schedule.year):
        for unit in units:
            cells = visit_cells(session, unit)
            row = Progress(
                team.number,
                coordinator.name,
                unit.reference,
                unit.unit_name or "",
                cells["visit_site"],
                cells["visit_feedback"],
                cells["report"],
            )
            rows.append(Progress(**{**row.__dict__, "behind": _behind(schedule, row, now)}))
    return rows


def _behind(schedule: Schedule, row: Progress, now: datetime) -> tuple[str, ...]:
    """What this unit's team owes at ``now``, in Swedish."""
    times, today = schedule.visit_times(), now.astimezone(STOCKHOLM).date()
    behind = []
    if not row.site and today >= times.booking_deadline:
        behind.append("platsbesök ej bokat")
    if not row.feedback and today >= times.window_end:
        behind.append("återföringsbesök ej bokat")
    if not row.report and today > schedule.deadline("ceremony").day:
        behind.append("rapport saknas")
    return tuple(behind)


def team_of(session: Session, year: int, number: int) -> Team | None:
    return session.scalar(select(Team).where(Team.year == year, Team.number == number))


def visit_cells(session: Session, unit: Unit) -> dict[str, str]:
    """The registry workbook's visit and report columns for one unit."""
    visits = visits_of(session, unit.id)
    report = report_of(session, unit.id)
    return {
        "visit_site": _shown(visits.get(SITE)),
        "visit_feedback": _shown(visits.get(FEEDBACK)),
        "report": ""
        if report is None
        else ("skickad" if delivered(session, report) else "mottagen"),
    }


def visit_lines(session: Session, unit: Unit) -> list[str]:
    """The staff's ``visa KU-…`` lines for the autumn."""
    cells = visit_cells(session, unit)
    return [
        f"Platsbesök: {cells['visit_site'] or 'ej bokat'}",
        f"Återföringsbesök: {cells['visit_feedback'] or 'ej bokat'}",
        f"Skriftlig rapport: {cells['report'] or 'saknas'}",
    ]
