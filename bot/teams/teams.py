"""Examiner teams over the database: propose, confirm and replace a drop-out.

``propose`` reads the year's accepted entries and examiners, solves, and saves the
proposal as JSON under the data dir, so that ``confirm`` stores exactly what the staff
saw (a second solve might pick an equally good but different answer). ``replace`` takes
one examiner out of a confirmed team and re-solves that team alone, everything else fixed.
The mails are queued by ``bot.teams.mails`` in the same transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot import audit
from bot.config import Settings
from bot.context import Context
from bot.models import Assignment, Entry, Examiner, Flag, Team, TeamMember, Unit
from bot.teams import mails as teams_mail
from bot.teams.routing.problem import EntryIn, ExaminerIn, Params, PinnedTeam, Problem, Solution


@dataclass(frozen=True)
class Proposal:
    problem: Problem
    solution: Solution
    path: Path | None


def _solve(problem: Problem) -> Solution:
    # OR-Tools (and pandas and numpy under it) takes 0.7 s and about 80 MB to import, and
    # every command imports this module through the CLI, the bot's own run included: only
    # propose and replace solve, so the solver is imported when they do.
    from bot.teams.routing.solve import solve

    return solve(problem)


def site_visit_period(year: int) -> tuple[date, date]:
    """Site visits happen in the autumn; September and October are kept free."""
    return date(year, 9, 1), date(year, 10, 31)


def params(settings: Settings, year: int, time_limit: float = 10.0) -> Params:
    return Params(
        team_min=settings.team_min,
        team_max=settings.team_max,
        max_entries=settings.team_max_entries,
        visit_period=site_visit_period(year),
        time_limit=time_limit,
    )


def accepted_entries(session: Session, year: int, include_flagged: bool) -> list[Unit]:
    """Units of the year with an accepted entry and no withdrawal.

    An entry whose unit carries an ``entry:`` flag waits for the staff: it is routed only
    when the staff accepted it or ask for flagged entries to be included.
    """
    query = (
        select(Unit, Entry)
        .join(Entry, Entry.unit_id == Unit.id)
        .where(Unit.year == year, Unit.signup_status != "withdrawn", Entry.status == "accepted")
        .order_by(Unit.reference)
    )
    units: list[Unit] = []
    for unit, entry in session.execute(query).all():
        flagged = session.scalar(
            select(Flag.id).where(Flag.unit_id == unit.id, Flag.code.like("entry:%")).limit(1)
        )
        if include_flagged or entry.staff_accepted_by or flagged is None:
            units.append(unit)
    return units


def entry_in(unit: Unit) -> EntryIn:
    return EntryIn(
        unit.id,
        unit.reference,
        unit.unit_name or "",
        unit.organisation or "",
        unit.competition_class or "",
    )


def examiner_in(ex: Examiner) -> ExaminerIn:
    return ExaminerIn(
        id=ex.id,
        name=ex.name,
        organisation=ex.organisation,
        experienced=ex.experienced,
        can_coordinate=ex.can_coordinate,
        classes=frozenset(json.loads(ex.classes)),
        capacity=ex.capacity,
        conflicts=frozenset(json.loads(ex.conflicts)),
        away=tuple(_period(item) for item in json.loads(ex.away)),
    )


def _period(item: str) -> tuple[date, date]:
    start, _, end = item.partition("/")
    return date.fromisoformat(start), date.fromisoformat(end or start)


def active_examiners(session: Session, year: int) -> list[Examiner]:
    query = select(Examiner).where(Examiner.year == year, Examiner.active.is_(True))
    return list(session.scalars(query.order_by(Examiner.id)))


def confirmed(session: Session, year: int) -> list[PinnedTeam]:
    """The year's confirmed teams as the solver sees them."""
    pinned: list[PinnedTeam] = []
    for team in session.scalars(select(Team).where(Team.year == year).order_by(Team.number)):
        members = session.scalars(
            select(TeamMember.examiner_id).where(TeamMember.team_id == team.id)
        )
        units = session.scalars(select(Assignment.unit_id).where(Assignment.team_id == team.id))
        pinned.append(
            PinnedTeam(team.number, frozenset(members), team.coordinator_id, frozenset(units))
        )
    return pinned


def propose(
    session: Session,
    ctx: Context,
    now: datetime,
    *,
    include_flagged: bool = False,
    time_limit: float = 10.0,
) -> Proposal:
    year = ctx.year(now)
    problem = Problem(
        tuple(entry_in(u) for u in accepted_entries(session, year, include_flagged)),
        tuple(examiner_in(ex) for ex in active_examiners(session, year)),
        params(ctx.settings, year, time_limit),
        tuple(confirmed(session, year)),
    )
    solution = _solve(problem)
    path = None
    if solution.ok:
        path = proposal_path(ctx.settings, year)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(_as_json(year, solution), indent=2), encoding="utf-8")
    return Proposal(problem, solution, path)


def proposal_path(settings: Settings, year: int) -> Path:
    return settings.data_dir / f"lagforslag-{year}.json"


def _as_json(year: int, solution: Solution) -> dict[str, object]:
    return {
        "year": year,
        "teams": [
            {
                "number": t.number,
                "members": list(t.members),
                "coordinator": t.coordinator,
                "entries": list(t.entries),
            }
            for t in solution.teams
        ],
    }


def confirm(session: Session, ctx: Context, now: datetime) -> list[Team]:
    """Store the saved proposal as the year's teams and queue every mail it causes."""
    year = ctx.year(now)
    path = proposal_path(ctx.settings, year)
    if not path.is_file():
        raise ValueError(f"inget lagförslag för {year}; kör först `teams propose`")
    saved = json.loads(path.read_text(encoding="utf-8"))
    _check_current(session, year, saved)
    before = {m for p in confirmed(session, year) for m in p.members}
    _clear(session, year)
    teams = [_store(session, year, spec, now) for spec in saved["teams"]]
    after = {m for t in saved["teams"] for m in t["members"]}
    for team in teams:
        teams_mail.team_assigned(session, ctx, team, now)
    for examiner_id in sorted(before - after):
        teams_mail.removed(session, ctx, session.get_one(Examiner, examiner_id), None, now)
    audit.record(session, "teams-confirmed", now, teams=len(teams))
    path.rename(path.with_suffix(".bekraftat.json"))
    return teams


def _check_current(session: Session, year: int, saved: dict[str, object]) -> None:
    """Refuse a proposal made before entries or examiners changed."""
    units = {u.id for u in accepted_entries(session, year, include_flagged=True)}
    people = {ex.id for ex in active_examiners(session, year)}
    teams = saved["teams"]
    assert isinstance(teams, list)
    for team in teams:
        if not set(team["entries"]) <= units or not set(team["members"]) <= people:
            raise ValueError(
                f"lagförslaget för {year} är inaktuellt (bidrag eller examinatorer har "
                "ändrats); kör `teams propose` igen"
            )


def _clear(session: Session, year: int) -> None:
    ids = list(session.scalars(select(Team.id).where(Team.year == year)))
    session.execute(delete(Assignment).where(Assignment.team_id.in_(ids)))
    session.execute(delete(TeamMember).where(TeamMember.team_id.in_(ids)))
    session.execute(delete(Team).where(Team.id.in_(ids)))
    session.flush()


def _store(session: Session, year: int, spec: dict[str, object], now: datetime) -> Team:
    coordinator, number = spec["coordinator"], spec["number"]
    members, entries = spec["members"], spec["entries"]
    assert isinstance(coordinator, int) and isinstance(number, int)
    assert isinstance(members, list) and isinstance(entries, list)
    team = Team(year=year, number=number, coordinator_id=coordinator, confirmed_at=now)
    session.add(team)
    session.flush()
    session.add_all(TeamMember(team_id=team.id, examiner_id=m) for m in members)
    session.add_all(Assignment(unit_id=u, team_id=team.id) for u in entries)
    session.flush()
    return team


def replace(
    session: Session, ctx: Context, email: str, now: datetime, *, time_limit: float = 10.0
) -> Solution:
    """Take a drop-out out of their team, re-solve that team alone, mail those affected."""
    year = ctx.year(now)
    leaving = session.scalar(
        select(Examiner).where(Examiner.year == year, Examiner.email == email.strip().lower())
    )
    team = _team_of(session, leaving) if leaving else None
    if leaving is None or team is None:
        raise ValueError(f"{email} finns inte i något bekräftat lag {year}")
    leaving.active = False
    old = next(p for p in confirmed(session, year) if p.number == team.number)
    solution = _solve(_subproblem(session, ctx.settings, year, old, leaving.id, time_limit))
    if not solution.ok:
        raise ValueError("ingen ersättare hittades: " + " ".join(solution.reasons))
    new = solution.teams[0]
    _apply(session, team, new.members, new.coordinator)
    teams_mail.team_changed(session, ctx, team, old, leaving, now)
    audit.record(session, "team-member-replaced", now, team=team.number)
    return solution


def _team_of(session: Session, examiner: Examiner) -> Team | None:
    return session.scalar(
        select(Team)
        .join(TeamMember, TeamMember.team_id == Team.id)
        .where(TeamMember.examiner_id == examiner.id, Team.year == examiner.year)
    )


def _subproblem(
    session: Session, settings: Settings, year: int, old: PinnedTeam, leaving: int, limit: float
) -> Problem:
    """The affected team's entries, its remaining members and everyone not on a team."""
    taken = {m for p in confirmed(session, year) for m in p.members}
    people = [
        ex for ex in active_examiners(session, year) if ex.id in old.members or ex.id not in taken
    ]
    units = [session.get_one(Unit, u) for u in sorted(old.entries)]
    keep = PinnedTeam(
        old.number,
        old.members - {leaving},
        old.coordinator,
        old.entries,
        entries_fixed=True,
    )
    return Problem(
        tuple(entry_in(u) for u in units),
        tuple(examiner_in(ex) for ex in people),
        params(settings, year, limit),
        (keep,),
    )


def _apply(session: Session, team: Team, members: tuple[int, ...], coordinator: int) -> None:
    session.execute(delete(TeamMember).where(TeamMember.team_id == team.id))
    session.add_all(TeamMember(team_id=team.id, examiner_id=m) for m in members)
    team.coordinator_id = coordinator
    session.flush()


def team_and_coordinator(session: Session, unit_id: int) -> dict[str, int | str | None]:
    """Export columns: the unit's team number and its coordinator's name, if confirmed."""
    row = session.execute(
        select(Team.number, Examiner.name)
        .join(Assignment, Assignment.team_id == Team.id)
        .join(Examiner, Examiner.id == Team.coordinator_id)
        .where(Assignment.unit_id == unit_id)
    ).first()
    return {"team": row[0] if row else None, "coordinator": row[1] if row else None}
