"""Teams over a real database: import examiners, propose, confirm, replace a drop-out."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cli import cli
from bot.models import Assignment, Entry, Examiner, OutboxMail, Team, TeamMember, Unit
from bot.runner import App
from bot.teams import teams
from bot.teams.examiners import ImportProblems, import_examiners
from tests import routing_data


def _seed(session: Session, app: App, entries: int = 8, examiners: int = 30) -> None:
    now = app.clock.now()
    for e in routing_data.entries(entries):
        unit = Unit(
            reference=e.reference,
            year=2027,
            unit_name=e.unit_name,
            organisation=e.organisation,
            manager_name="Maria Öberg",
            contact_name="Anna Berg",
            contact_email=f"kontakt{e.unit_id}@edu.stockholm.se",
            signup_status="registered",
            competition_class=e.competition_class,
            created_at=now,
            updated_at=now,
        )
        session.add(unit)
        session.flush()
        session.add(Entry(unit_id=unit.id, version=1, received_at=now, status="accepted"))
    for ex in routing_data.examiners(examiners):
        session.add(
            Examiner(
                year=2027,
                name=ex.name,
                email=f"examinator{ex.id}@stockholm.se",
                organisation=ex.organisation,
                experienced=ex.experienced,
                can_coordinate=ex.can_coordinate,
                classes=json.dumps(sorted(ex.classes)),
                capacity=ex.capacity,
            )
        )
    session.flush()


def _confirm(app: App) -> None:
    with app.sessions.begin() as session:
        _seed(session, app)
    with app.sessions() as session:
        proposal = teams.propose(session, app.ctx, app.clock.now(), time_limit=5)
    assert proposal.solution.ok
    with app.sessions.begin() as session:
        teams.confirm(session, app.ctx, app.clock.now())


def _mails(session: Session) -> list[OutboxMail]:
    return list(session.scalars(select(OutboxMail).order_by(OutboxMail.id)))


def test_confirm_stores_teams_and_mails_everyone(sqlite_app: App) -> None:
    _confirm(sqlite_app)
    with sqlite_app.sessions() as session:
        stored = list(session.scalars(select(Team)))
        members = list(session.scalars(select(TeamMember)))
        assert len(list(session.scalars(select(Assignment)))) == 8
        kinds = [m.kind for m in _mails(session)]
    assert kinds.count("team-assignment-coordinator") == len(stored)
    assert kinds.count("team-assignment-examiner") == len(members) - len(stored)
    assert kinds.count("team-assignment-unit") == 8
    with sqlite_app.sessions() as session:
        mail = next(m for m in _mails(session) if m.kind == "team-assignment-coordinator")
        msg = email.message_from_bytes(mail.raw, policy=email.policy.default)
    assert msg["X-Kvalitetsbot-Kind"] == "team-assignment-coordinator"
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "platsbesök" in text and "återföringsbesök" in text and "verksamhetsplan" in text


def test_replace_mails_exactly_those_affected(sqlite_app: App) -> None:
    _confirm(sqlite_app)
    with sqlite_app.sessions() as session:
        before = {m.id for m in _mails(session)}
        team = session.scalars(select(Team).order_by(Team.number)).first()
        assert team is not None
        old_members = set(
            session.scalars(select(TeamMember.examiner_id).where(TeamMember.team_id == team.id))
        )
        others = {
            (m.team_id, m.examiner_id)
            for m in session.scalars(select(TeamMember).where(TeamMember.team_id != team.id))
        }
        leaving = session.get_one(Examiner, min(old_members - {team.coordinator_id}))
        leaving_email, team_id = leaving.email, team.id
    later = sqlite_app.clock.now() + timedelta(days=1)
    with sqlite_app.sessions.begin() as session:
        teams.replace(session, sqlite_app.ctx, leaving_email, later, time_limit=5)
    with sqlite_app.sessions() as session:
        new_members = set(
            session.scalars(select(TeamMember.examiner_id).where(TeamMember.team_id == team_id))
        )
        assert others == {
            (m.team_id, m.examiner_id)
            for m in session.scalars(select(TeamMember).where(TeamMember.team_id != team_id))
        }
        new = [m for m in _mails(session) if m.id not in before]
        emails = {e.id: e.email for e in session.scalars(select(Examiner))}
    assert leaving_email not in {emails[m] for m in new_members}
    affected = {emails[m] for m in (old_members | new_members)}
    assert {m.recipient for m in new} == affected
    assert len(new) == len(affected)


def test_rerun_keeps_confirmed_assignments(sqlite_app: App) -> None:
    _confirm(sqlite_app)
    with sqlite_app.sessions() as session:
        before = {(p.members, p.entries) for p in teams.confirmed(session, 2027)}
        again = teams.propose(session, sqlite_app.ctx, sqlite_app.clock.now(), time_limit=5)
    # Kept: each confirmed team's entries stay together with all its members (a fourth
    # member may be added when the solver stops at its time limit on a loaded machine).
    after = {frozenset(t.entries): frozenset(t.members) for t in again.solution.teams}
    for members, entries in before:
        assert members <= after[frozenset(entries)]


def test_withdrawn_units_are_not_routed(sqlite_app: App) -> None:
    with sqlite_app.sessions.begin() as session:
        _seed(session, sqlite_app)
        unit = session.scalars(select(Unit)).first()
        assert unit is not None
        unit.signup_status = "withdrawn"
    with sqlite_app.sessions() as session:
        units = teams.accepted_entries(session, 2027, include_flagged=False)
    assert len(units) == 7


def test_examiner_import_is_all_or_nothing(sqlite_app: App, tmp_path: Path) -> None:
    good = "namn;e-post;organisation;erfaren;samordnare;klasser;kapacitet;jäv;frånvaro\n"
    good += "Karin Lind;karin.lind@stockholm.se;Socialförvaltningen;ja;ja;Skola;2;;\n"
    bad = good + "Olle;olle-at-stockholm;Bromma;kanske;nej;;tre;;2027-13-01\n"
    path = tmp_path / "examinatorer.csv"
    path.write_text(bad, encoding="utf-8")
    with sqlite_app.sessions() as session, pytest.raises(ImportProblems) as info:
        import_examiners(session, path, 2027)
    problems = " ".join(info.value.problems)
    for words in ("rad 3, e-post", "rad 3, erfaren", "rad 3, kapacitet", "rad 3, frånvaro"):
        assert words in problems
    path.write_text(good, encoding="utf-8")
    with sqlite_app.sessions.begin() as session:
        assert import_examiners(session, path, 2027) == 1
    with sqlite_app.sessions() as session:
        karin = session.scalars(select(Examiner)).one()
    assert karin.can_coordinate and karin.capacity == 2


def test_cli_propose_writes_xlsx_and_confirm(sqlite_app: App, tmp_path: Path) -> None:
    with sqlite_app.sessions.begin() as session:
        _seed(session, sqlite_app)
    env = {"KB_DATA_DIR": str(sqlite_app.settings.data_dir)}
    runner = CliRunner()
    base = ["--now", "2027-06-01T10:00", "--env-file", str(tmp_path / "none.env")]
    out = tmp_path / "forslag.xlsx"
    result = runner.invoke(
        cli, [*base, "teams", "propose", "--time-limit", "5", "--output", str(out)], env=env
    )
    assert result.exit_code == 0, result.output
    assert out.is_file()
    result = runner.invoke(cli, [*base, "teams", "confirm"], env=env)
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, [*base, "export", "--teams", "--format", "csv"], env=env)
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert header == "team,reference,unit_name,coordinator,coordinator_email,members"
    assert rows and rows[0].split(",")[1] == "KU-2027-001"
    result = runner.invoke(cli, [*base, "export", "--format", "json"], env=env)
    assert json.loads(result.output)[0]["coordinator"], "the registry names the coordinator"
