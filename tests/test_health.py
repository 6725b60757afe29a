"""`kvalitetsbot health`: a round recently, no mail stuck in the outbox, no quarantine growth."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import ingest
from bot.cli import cli
from bot.clock import FixedClock
from bot.mail.mailbox import MailboxError
from bot.records.health import Health, check
from bot.runner import App
from tests.conftest import cycle, make_mail, put


def _check(app: App, clock: FixedClock) -> Health:
    with app.sessions() as session:
        return check(session, app.settings.data_dir, clock.now(), app.settings.poll_seconds, 3)


def test_each_problem_is_reported_once_it_is_there(
    app: App, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _check(app, clock).problems == ("Boten har inte avslutat någon runda ännu.",)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise MailboxError("the server refuses")

    monkeypatch.setattr(app.mailbox, "send", refuse)
    put(app, make_mail("Vi anmäler Förskolan Ekorren.\nChef: Anna Berg"))
    cycle(app)
    assert _check(app, clock).ok, "a receipt queued a moment ago is not stuck"

    clock.advance_to(clock.now() + timedelta(minutes=70))
    cycle(app)
    assert _check(app, clock).problems == ("1 brev har väntat i utkorgen i mer än en timme.",)
    monkeypatch.undo()
    cycle(app)
    assert _check(app, clock).ok

    def crash(*_args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(ingest, "handle", crash)
    put(app, make_mail("Hej! En fråga om bidraget.", subject="Fråga"))
    cycle(app)
    grown = "Karantänen har vuxit sedan förra kontrollen: 0 → 1 brev."
    assert _check(app, clock).problems == (grown,)
    assert _check(app, clock).ok, "grown since the last check, not since the start"

    clock.advance_to(clock.now() + timedelta(seconds=3 * app.settings.poll_seconds + 1))
    (late,) = _check(app, clock).problems
    assert late.startswith("Senaste rundan avslutades 2027-03-01 11:10:00, för mer än 3 ×")


def test_the_command_exits_non_zero_when_the_bot_is_unwell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path / "var"))
    runner = CliRunner()
    never = runner.invoke(cli, ["--now", "2027-03-01T10:00", "health"])
    assert never.exit_code == 1 and "inte avslutat någon runda" in never.output
    assert runner.invoke(cli, ["--now", "2027-03-01T10:05", "run", "--once"]).exit_code == 0
    fine = runner.invoke(cli, ["--now", "2027-03-01T10:05:20", "health"])
    assert fine.exit_code == 0 and fine.output.startswith("Allt väl")
    late = runner.invoke(cli, ["--now", "2027-03-01T11:00", "health", "--polls", "5"])
    assert late.exit_code == 1 and "för mer än 5 × KB_POLL_SECONDS" in late.output
    assert "Traceback" not in late.output
