"""``kvalitetsbot check-config`` against the real IMAP/SMTP servers; secrets stay hidden."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from tests.mailbox.conftest import Harness
from tests.mailbox.servers import PASSWORD, MailServers


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in list(os.environ):
        if name.startswith("KB_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("KB_ENV_FILE", str(tmp_path / "none.env"))
    monkeypatch.setenv("KB_STAFF_ADDRESSES", "staff@stockholm.se")
    return CliRunner()


def _env(servers: MailServers, tmp_path: Path) -> dict[str, str]:
    """The servers' settings, with the password in a file rather than the environment."""
    secret = tmp_path / "imap-password"
    secret.write_text(PASSWORD + "\n")
    env = {**servers.env(), "KB_IMAP_PASSWORD_FILE": str(secret)}
    del env["KB_IMAP_PASSWORD"]
    return env


def test_check_config_logs_in_creates_folders_reads_and_sends_a_test(
    runner: CliRunner, tmp_path: Path, mail_servers: MailServers, imap_harness: Harness
) -> None:
    result = runner.invoke(cli, ["check-config", "--send-test"], env=_env(mail_servers, tmp_path))
    assert result.exit_code == 0, result.output
    assert "FEL" not in result.output
    assert "Allt som boten behöver fungerar." in result.output
    assert PASSWORD not in result.output
    assert len(imap_harness.folder("Sent")) == 1
    assert imap_harness.folder("Karantän") == []


def test_check_config_reports_a_refused_login_without_the_password(
    runner: CliRunner, tmp_path: Path, mail_servers: MailServers
) -> None:
    env = {**mail_servers.env(), "KB_IMAP_PASSWORD": "wrong-secret-77"}
    result = runner.invoke(cli, ["check-config"], env=env)
    assert result.exit_code == 1
    assert "FEL  logga in" in result.output
    assert "wrong-secret-77" not in result.output


def test_check_config_names_missing_settings(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check-config"], env={"KB_MAILBOX_BACKEND": "graph"})
    assert result.exit_code == 1
    assert "KB_GRAPH_TENANT_ID" in result.output


def test_check_config_fails_on_what_run_would_fail_on(runner: CliRunner, tmp_path: Path) -> None:
    """No schedule for the year, a database that does not answer: not "ready"."""
    schedules = tmp_path / "empty-schedules"
    schedules.mkdir()
    env = {
        "KB_SCHEDULES_DIR": str(schedules),
        "KB_AWARD_YEAR": "2031",
        "KB_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none",
    }
    result = runner.invoke(cli, ["check-config"], env=env)
    assert result.exit_code == 1
    assert "FEL  databasen svarar och är uppdaterad" in result.output
    assert "FEL  årets tidplan går att läsa" in result.output
    assert "2031" in result.output
    assert "ok   logga in" in result.output  # the embedded mailbox itself is fine
    assert "Allt som boten behöver fungerar" not in result.output
    assert "boten kan inte köras ännu" in result.output
    assert "Traceback" not in result.output


def test_check_config_passes_on_the_embedded_default(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check-config"])
    assert result.exit_code == 0, result.output
    assert "ok   databasen svarar och är uppdaterad: sqlite" in result.output
    assert "Allt som boten behöver fungerar." in result.output
