"""Who a visit concerns: the coordinator's teams and units, the team and the unit's people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Assignment, Examiner, Team, TeamMember, Unit


@dataclass(frozen=True)
class Coordinated:
    """A unit and the team (with its coordinator) that assesses it."""

    unit: Unit
    team: Team
    coordinator: Examiner


def coordinated_by(session: Session, address: str) -> list[Coordinated]:
    """The units whose team ``address`` coordinates, newest award year first."""
    query = (
        select(Unit, Team, Examiner)
        .join(Assignment, Assignment.unit_id == Unit.id)
        .join(Team, Team.id == Assignment.team_id)
        .join(Examiner, Examiner.id == Team.coordinator_id)
        .where(Examiner.email == address.strip().lower(), Unit.signup_status != "withdrawn")
        .order_by(Team.year.desc(), Unit.reference)
    )
    rows = [Coordinated(u, t, e) for u, t, e in session.execute(query).all()]
    return [r for r in rows if r.team.year == rows[0].team.year] if rows else []


def assessed(session: Session, unit: Unit) -> Coordinated | None:
    row = session.execute(
        select(Team, Examiner)
        .join(Assignment, Assignment.team_id == Team.id)
        .join(Examiner, Examiner.id == Team.coordinator_id)
        .where(Assignment.unit_id == unit.id)
    ).first()
    return Coordinated(unit, row[0], row[1]) if row else None


def team_members(session: Session, team: Team) -> list[Examiner]:
    query = (
        select(Examiner)
        .join(TeamMember, TeamMember.examiner_id == Examiner.id)
        .where(TeamMember.team_id == team.id)
        .order_by(Examiner.name)
    )
    return list(session.scalars(query))


def unit_people(unit: Unit) -> list[tuple[str, str]]:
    """The unit's contact and its other registered addresses (the manager's among them)."""
    people: dict[str, str] = {}
    if unit.contact_email:
        people[unit.contact_email.lower()] = unit.contact_name or ""
    for row in unit.addresses:
        people.setdefault(row.address.lower(), "")
    return list(people.items())


def everyone(session: Session, item: Coordinated) -> list[tuple[str, str]]:
    """The team, then the unit's people: each address once."""
    people = {m.email.lower(): m.name for m in team_members(session, item.team)}
    for address, name in unit_people(item.unit):
        people.setdefault(address, name)
    return list(people.items())
