"""What an operator reads in the log: one line per mail handled or sent, one per scheduled
job that queued something, nothing on an idle poll, and never a name, address or text."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.cli.group import setup_logging
from bot.runner import App, _safe_cycle
from tests.conftest import make_mail, put

SIGNUP = (
    "Verksamhet: Förskolan Trollskogen\nFörvaltning: Skarpnäcks stadsdelsförvaltning\n"
    "Chef: Maria Öberg\nKontaktperson: Anna Berg\nE-post: anna.berg@edu.stockholm.se\n"
    "Telefon: 08-508 123 45\n"
)


def _info_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]


def test_an_idle_poll_logs_nothing_and_a_mail_logs_one_line_each_way(
    sqlite_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    _safe_cycle(sqlite_app)
    _safe_cycle(sqlite_app)
    assert _info_lines(caplog) == []

    put(sqlite_app, make_mail(SIGNUP, sender="anna.berg@edu.stockholm.se", sender_name="Anna Berg"))
    _safe_cycle(sqlite_app)
    lines = _info_lines(caplog)
    assert lines == [
        "mail handled: row 1, kind signup, folder Behandlat",
        "mail sent: outbox row 1, kind signup-receipt",
    ]
    for secret in ("Anna", "anna.berg", "Trollskogen", "Öberg"):
        assert all(secret not in line for line in lines)


def test_library_chatter_is_quiet_unless_debugging() -> None:
    setup_logging("INFO")
    assert logging.getLogger("apscheduler").getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("alembic").getEffectiveLevel() == logging.WARNING


def test_run_once_prints_no_alembic_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(__import__("os").environ):
        if name.startswith("KB_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("KB_ENV_FILE", str(tmp_path / "none.env"))
    result = CliRunner().invoke(cli, ["--now", "2027-03-01T10:00", "run", "--once"])
    assert result.exit_code == 0, result.output
    assert "alembic" not in result.output and "Running upgrade" not in result.output
    assert result.output.strip() == "0 mejl lästa: inget att göra; 0 mejl skickade."
