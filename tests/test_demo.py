"""The demo replays a whole award year with the real pipeline; the calendar CLI works."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import cli_demo as demo
from bot.cli import cli
from bot.cli_demo import run_demo
from tests.calendar_support import write_schedule


def test_demo_replays_the_year_with_reminders_links_and_digests(tmp_path: Path) -> None:
    steps = run_demo(tmp_path / "demo")
    kinds = {kind for step in steps for kind, _ in step.sent}
    assert {"signup-receipt", "signup-incomplete", "withdrawal-receipt"} <= kinds
    assert {"reminder-signup", "reminder-entry", "info-meeting-link", "digest"} <= kinds
    assert "workshop-invitation" in kinds
    withdrawn = "per.ek@aldre.stockholm.se"
    after_withdrawal = [s for s in steps if s.at.month >= 4]
    assert all(to != withdrawn for s in after_withdrawal for _, to in s.sent)
    entry_reminders = sorted(to for s in steps for kind, to in s.sent if kind == "reminder-entry")
    assert entry_reminders == 2 * ["anna.berg@edu.stockholm.se"] + 2 * [
        "karin.lind@edu.stockholm.se"
    ]
    assert "change-request" in kinds and "reminder-change-request" in kinds


def test_demo_command_prints_a_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole year runs above; the command is shown on its first weeks to stay quick.
    monkeypatch.setattr(demo, "STEPS", demo.STEPS[:3])
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Kvalitetsutmärkelsen 2027" in result.output and "signup-incomplete" in result.output


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "KB_DATA_DIR": str(tmp_path / "var"),
        "KB_STAFF_ADDRESSES": "staff@stockholm.se",
        "KB_SCHEDULES_DIR": str(write_schedule(tmp_path / "schedules")),
        "KB_ENV_FILE": str(tmp_path / "none.env"),
    }


def test_calendar_commands(tmp_path: Path) -> None:
    runner = CliRunner(env=_env(tmp_path))
    csv = tmp_path / "anmalda.csv"
    csv.write_text("meeting;email;name\ninfo-påsk;eva@x.stockholm.se;Eva\n", encoding="utf-8")
    outreach = tmp_path / "utskick.csv"
    outreach.write_text("email,name,organisation\nrektor@x.stockholm.se,Bo,Skolan\n")

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--now", "2027-03-24T09:00", *args])
        assert result.exit_code == 0, result.output
        return result.output

    assert "1 meeting registrations" in run("import", "attendees", str(csv))
    assert "1 outreach addresses" in run("import", "outreach", str(outreach))
    assert "info-meeting-link" in run("remind", "--dry-run")
    assert "reminder 2027" not in run("schedule", "show")
    assert "reminder signup-14" in run("schedule", "show")
    assert "MEJL SOM VÄNTAR" in run("digest", "--preview")
    assert "1 mail queued" in run("remind")
    assert "Nothing is due now" in run("remind", "--dry-run")
    assert "written to" in run("export-xlsx", "--output", str(tmp_path / "r.xlsx"))
    assert (tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"
    assert "Digest sent" in run("digest", "--send")


def test_import_attendees_names_an_unknown_meeting(tmp_path: Path) -> None:
    csv = tmp_path / "anmalda.csv"
    csv.write_text("meeting,email\ninfo-99,eva@x.stockholm.se\n", encoding="utf-8")
    result = CliRunner(env=_env(tmp_path)).invoke(cli, ["import", "attendees", str(csv)])
    assert result.exit_code != 0 and "info-99" in result.output
