"""The command line, through click's CliRunner: thin commands, clear one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot.cli import cli, swedish
from tests.conftest import REPO, make_mail

SIGNUP = (
    "Verksamhet: Förskolan Trollskogen\nFörvaltning: Skarpnäcks stadsdelsförvaltning\n"
    "Chef: Maria Öberg\nKontaktperson: Anna Berg\nE-post: anna.berg@edu.stockholm.se\n"
    "Telefon: 08-508 123 45\n"
)
EXPORT_FIELDS = {
    "reference",
    "unit_name",
    "organisation",
    "manager_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "signup_status",
    "flags",
}


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in list(__import__("os").environ):
        if name.startswith("KB_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("KB_ENV_FILE", str(tmp_path / "none.env"))
    return CliRunner()


def _invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _signup(runner: CliRunner, tmp_path: Path) -> None:
    eml = tmp_path / "anmalan.eml"
    eml.write_bytes(make_mail(SIGNUP))
    _invoke(runner, "--now", "2027-03-01T10:00", "deliver", str(eml))
    out = _invoke(runner, "--now", "2027-03-01T10:05", "run", "--once")
    assert out == "1 mejl läst: 1 hanterat; 1 mejl skickat.\n"


def test_deliver_run_once_and_export_json(runner: CliRunner, tmp_path: Path) -> None:
    _signup(runner, tmp_path)
    records = json.loads(_invoke(runner, "--now", "2027-03-02T08:00", "export", "--format", "json"))
    assert len(records) == 1
    assert set(records[0]) >= EXPORT_FIELDS
    assert records[0]["reference"] == "KU-2027-001"
    assert records[0]["signup_status"] == "registered"
    assert records[0]["flags"] == []


def test_export_csv_to_file(runner: CliRunner, tmp_path: Path) -> None:
    _signup(runner, tmp_path)
    target = tmp_path / "units.csv"
    _invoke(runner, "export", "--format", "csv", "--output", str(target))
    [row] = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert row["unit_name"] == "Förskolan Trollskogen"
    assert row["contact_phone"] == "08-508 123 45"


def test_status_lists_mail_waiting_for_staff(runner: CliRunner, tmp_path: Path) -> None:
    eml = tmp_path / "fraga.eml"
    eml.write_bytes(make_mail("Hur långt får bidraget vara?", subject="Fråga om bidraget"))
    _invoke(runner, "--now", "2027-03-01T10:00", "deliver", str(eml))
    _invoke(runner, "--now", "2027-03-01T10:00", "run", "--once")
    out = _invoke(runner, "--now", "2027-03-01T10:00", "status")
    assert "Mejl som väntar på er" in out and "Fråga om bidraget" in out
    assert "Från" in out and "Ämne" in out and "Anledning" in out
    # Received 10:00 Stockholm (09:00 UTC): shown in Stockholm time.
    assert "1 mars 2027 kl. 10.00" in out
    assert "1 till handläggare" in out
    assert "Waiting" not in out and "registered" not in out
    assert "Mejl nr 1 är markerat som åtgärdat." in _invoke(runner, "done", "1")
    assert "Inget mejl väntar på er" in _invoke(runner, "--now", "2027-03-01T10:00", "status")


def test_bad_now_is_one_clear_sentence(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--now", "igår", "status"])
    assert result.exit_code != 0
    assert "is not an ISO 8601 time" in result.output
    assert "Traceback" not in result.output


def test_bad_setting_is_one_clear_sentence(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KB_POLL_SECONDS", "ofta")
    result = runner.invoke(cli, ["status"])
    assert result.exit_code == 1
    assert "KB_POLL_SECONDS" in result.output and "Traceback" not in result.output


def test_missing_schedule_year_is_one_clear_sentence(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--now", "2031-03-01T10:00", "status"])
    assert result.exit_code == 1
    assert "2031" in result.output and "Traceback" not in result.output


def test_import_past_recipients_flags_recent_award(runner: CliRunner, tmp_path: Path) -> None:
    past = tmp_path / "past.csv"
    past.write_text(
        "unit_name,organisation,year,outcome\n"
        "Förskolan Trollskogen,Skarpnäcks stadsdelsförvaltning,2025,award\n",
        encoding="utf-8",
    )
    assert _invoke(runner, "import", "past-recipients", str(past)) == (
        "1 tidigare vinnare importerade.\n"
    )
    _signup(runner, tmp_path)
    [record] = json.loads(_invoke(runner, "export"))
    assert "eligibility:award" in record["flags"]


def test_bad_past_recipients_row_is_named(runner: CliRunner, tmp_path: Path) -> None:
    past = tmp_path / "past.csv"
    past.write_text("unit_name,organisation,year,outcome\nX,Y,tjugo,award\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "past-recipients", str(past)])
    assert result.exit_code == 1 and "Fel: " in result.output and "rad 2" in result.output


def test_help_lists_the_commands(runner: CliRunner) -> None:
    out = _invoke(runner, "--help")
    for command in ("run", "deliver", "status", "export", "import", "done"):
        assert command in out


def test_python_dash_m_bot_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], capture_output=True, cwd=REPO, check=False
    )
    assert result.returncode == 0 and b"kvalitetsbot" in result.stdout


def test_postgres_without_its_driver_is_one_sentence_with_the_install_command(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    monkeypatch.setenv("KB_DATABASE_URL", "postgresql+psycopg://kvalitetsbot@127.0.0.1/kb")
    result = runner.invoke(cli, ["status"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "No module named" not in result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("Fel: KB_DATABASE_URL pekar på PostgreSQL")
    assert "pip install 'kvalitetsbot[postgres]'" in line


def test_database_that_does_not_answer_at_start_is_one_sentence(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("psycopg")
    # A socket folder with no server in it: refused at once, whatever runs on this machine.
    url = f"postgresql+psycopg://kvalitetsbot@/kb?host={tmp_path}"
    monkeypatch.setenv("KB_DATABASE_URL", url)
    result = runner.invoke(cli, ["run", "--once"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith(
        "Fel: databasen svarar inte (är den igång, och stämmer KB_DATABASE_URL?)"
    )


def test_setting_error_names_the_setting_and_what_it_accepts(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KB_POLL_SECONDS", "ofta")
    result = runner.invoke(cli, ["status"])
    assert result.output == (
        "Fel: KB_POLL_SECONDS='ofta' är inte giltigt: ange ett positivt heltal, t.ex. 10.\n"
    )


# Click's own English, as a staff member would meet it at the prompt.
ENGLISH = (
    "Usage",
    "Options",
    "Commands",
    "OPTIONS",
    "COMMAND",
    "Show this",
    "Show the",
    "No such",
    "Error",
    "INTEGER",
    "is not a valid",
    "default:",
    "for help",
)


def _all_commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _all_commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def test_every_help_page_is_swedish(runner: CliRunner) -> None:
    pages = _all_commands(cli)
    assert len(pages) > 20
    for path in pages:
        out = _invoke(runner, *path, "--help")
        assert out.startswith("Användning: kvalitetsbot") or out.startswith("Användning: cli")
        assert [word for word in ENGLISH if word in out] == [], (path, out)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["nosuch"], "Fel: Kommandot 'nosuch' finns inte."),
        (["remind", "--bogus"], "Fel: Flaggan '--bogus' finns inte."),
        (
            ["export", "--year", "abc"],
            "Fel: Ogiltigt värde för '--year': 'abc' är inte ett giltigt heltal.",
        ),
        (["export", "--output"], "Fel: Flaggan '--output' behöver ett värde."),
    ],
)
def test_common_mistakes_are_answered_in_swedish(
    runner: CliRunner, args: list[str], expected: str
) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert expected in result.output
    assert [word for word in ENGLISH if word in result.output] == [], result.output


def test_every_translated_click_message_is_one_click_has() -> None:
    # A click release that rewords a message would leave our entry unused and the English
    # back on screen; this says which.
    source = "".join(path.read_text() for path in Path(click.__file__).parent.glob("*.py"))
    assert [
        key for key in swedish.SWEDISH if f'"{key}"' not in source.replace("\\n\\t", "\n\t")
    ] == []
