"""The demo replays a whole award year with the real pipeline; the calendar CLI works.

The year runs once per module (about five seconds); the tests read its timeline, its
database and its sent folder.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import cli
from bot.demo import year as demo
from bot.demo.year import Done, run_demo
from bot.models import Entry, Minutes, Unit
from bot.year.dates import swedish_short
from tests.calendar_support import write_schedule

ANNA = "anna.berg@edu.stockholm.se"  # Förskolan Trollskogen
KARIN = "karin.lind@edu.stockholm.se"  # Förskolan Solstrålen


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.format(record)  # fills exc_text, as a real handler would write it
        self.records.append(record)


LOGGED = _Records()


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Done], Path]:
    """The whole demo year, run once for this module, its data dir kept for inspection;
    every log record of every library, at DEBUG, is kept in LOGGED."""
    root = tmp_path_factory.mktemp("demo")
    logger = logging.getLogger()
    level = logger.level
    logger.addHandler(LOGGED)
    logger.setLevel(logging.DEBUG)
    try:
        return run_demo(root), root
    finally:
        logger.removeHandler(LOGGED)
        logger.setLevel(level)


def _to(steps: list[Done], kind: str) -> list[str]:
    """Recipients of every mail of ``kind`` over the year, in sending order."""
    return [to for step in steps for sent_kind, to in step.sent if sent_kind == kind]


def _at(steps: list[Done], moment: datetime) -> list[tuple[str, str]]:
    return next(step.sent for step in steps if step.at == moment)


def test_demo_replays_the_year_with_reminders_links_and_digests(
    year: tuple[list[Done], Path],
) -> None:
    steps, _ = year
    kinds = {kind for step in steps for kind, _ in step.sent}
    assert {"signup-receipt", "signup-incomplete", "withdrawal-receipt"} <= kinds
    assert {"reminder-signup", "reminder-entry", "info-meeting-link", "digest"} <= kinds
    assert "workshop-invitation" in kinds
    withdrawn = "per.ek@aldre.stockholm.se"
    after_withdrawal = [s for s in steps if s.at.month >= 4]
    assert all(to != withdrawn for s in after_withdrawal for _, to in s.sent)
    assert sorted(_to(steps, "reminder-entry")) == 2 * [ANNA] + 2 * [KARIN]


def test_demo_entries_change_request_fix_and_minutes(year: tuple[list[Done], Path]) -> None:
    steps, _ = year
    # Trollskogen sends Word only, is asked for the PDF, reminded, and fixes it in the thread.
    assert _at(steps, demo.at(5, 5, 10)) == [("change-request", ANNA)]
    assert ("reminder-change-request", ANNA) in _at(steps, demo.at(5, 7, 8))
    assert _to(steps, "change-request") == [ANNA]
    assert _to(steps, "reminder-change-request") == [ANNA]
    assert _at(steps, demo.at(5, 10, 15)) == [("entry-receipt", ANNA)]
    # Solstrålen's complete entry is accepted at once.
    assert _at(steps, demo.at(5, 12, 9, 30)) == [("entry-receipt", KARIN)]
    assert _to(steps, "entry-receipt") == [ANNA, KARIN]
    # Once both entries are accepted, nobody is reminded about entries any more.
    assert all(
        kind != "reminder-entry" for s in steps if s.at > demo.at(5, 10, 15) for kind, _ in s.sent
    )
    # Minutes: Solstrålen's extract is received; the reminder reaches only Trollskogen,
    # the one unit with an accepted entry and no extract; then Trollskogen sends its own.
    assert _at(steps, demo.at(6, 9, 10)) == [("minutes-receipt", KARIN)]
    assert ("reminder-minutes", ANNA) in _at(steps, demo.at(6, 14, 8))
    assert _to(steps, "reminder-minutes") == [ANNA]
    assert _at(steps, demo.at(6, 17, 13)) == [("minutes-receipt", ANNA)]
    assert _to(steps, "minutes-receipt") == [KARIN, ANNA]


def test_demo_entries_are_accepted_and_minutes_name_the_unit(
    year: tuple[list[Done], Path],
) -> None:
    _, root = year
    app = demo.build_demo_app(root)
    try:
        with app.sessions() as session:
            entries = session.execute(
                select(Unit.unit_name, Entry.version, Entry.status, Entry.problems)
                .join(Entry, Entry.unit_id == Unit.id)
                .order_by(Unit.id, Entry.version)
            ).all()
            minutes = session.execute(
                select(Unit.unit_name, Minutes.late, Minutes.mentions_unit, Minutes.problems)
                .join(Minutes, Minutes.unit_id == Unit.id)
                .order_by(Unit.id)
            ).all()
    finally:
        app.sessions.kw["bind"].dispose()
    assert [(name, version, status) for name, version, status, _ in entries] == [
        ("Förskolan Trollskogen", 1, "superseded"),
        ("Förskolan Trollskogen", 2, "accepted"),
        ("Förskolan Solstrålen", 1, "accepted"),
    ]
    # The accepted versions passed every check without a single finding.
    assert [json.loads(problems) for *_, status, problems in entries if status == "accepted"] == [
        [],
        [],
    ]
    assert [tuple(row) for row in minutes] == [
        ("Förskolan Trollskogen", False, True, "[]"),
        ("Förskolan Solstrålen", False, True, "[]"),
    ]


def test_demo_sends_every_mail_exactly_once(year: tuple[list[Done], Path]) -> None:
    steps, root = year
    sent_folder = root / "var" / "mailbox" / ".Sent"
    parser = BytesParser(policy=policy.default)
    headers = [
        parser.parsebytes(path.read_bytes(), headersonly=True)
        for path in sorted((sent_folder / "cur").iterdir())
    ]
    message_ids = [str(h["Message-ID"]) for h in headers]
    assert len(message_ids) == len(set(message_ids))
    timeline = sorted((kind, to) for step in steps for kind, to in step.sent)
    mailbox = sorted(
        (str(h["X-Kvalitetsbot-Kind"]), str(h["To"].addresses[0].addr_spec)) for h in headers
    )
    assert mailbox == timeline


def test_demo_command_prints_a_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole year runs above; the command is shown on its first weeks to stay quick.
    monkeypatch.setattr(demo, "STEPS", demo.STEPS[:3])
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Kvalitetsutmärkelsen 2027" in result.output and "signup-incomplete" in result.output
    first = demo.STEPS[0].at
    assert f"{swedish_short(first.date())} {first:%H.%M}" in result.output  # "mån 1 mars 09.00"
    assert first.strftime("%a") not in result.output  # no English weekday


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

    assert "1 mötesanmälan importerad för 2027." in run("import", "attendees", str(csv))
    assert "1 adress importerad till utskickslistan" in run("import", "outreach", str(outreach))
    assert "info-meeting-link" in run("remind", "--dry-run")
    shown = run("schedule", "show")
    assert "påminnelse 2027" not in shown
    assert "påminnelse signup-14" in shown
    assert "senast mån 22 mars 2027 kl. 24.00" in shown
    assert "23 mars 2027 kl. 00.00" not in shown and "deadline" not in shown
    assert "MEJL SOM VÄNTAR" in run("digest", "--preview")
    assert "1 mejl lagt i utkorgen, 1 mejl skickat." in run("remind")
    assert "Inget är aktuellt att skicka nu." in run("remind", "--dry-run")
    assert "är skrivet till" in run("export-xlsx", "--output", str(tmp_path / "r.xlsx"))
    assert (tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"
    assert "Sammanfattningen skickad till 1 adress" in run("digest", "--send")


def test_import_attendees_names_an_unknown_meeting(tmp_path: Path) -> None:
    csv = tmp_path / "anmalda.csv"
    csv.write_text("meeting,email\ninfo-99,eva@x.stockholm.se\n", encoding="utf-8")
    result = CliRunner(env=_env(tmp_path)).invoke(cli, ["import", "attendees", str(csv)])
    assert result.exit_code != 0 and "info-99" in result.output


def _demo_personal_data() -> set[str]:
    """Every name, address, phone number and body line the demo year's people wrote."""
    found: set[str] = set()
    for step in demo.STEPS:
        for mail in step.mails:
            found |= {mail.sender, mail.name}
            found |= {line.strip() for line in mail.body.splitlines() if len(line.strip()) >= 20}
    for unit in (demo.TROLLSKOGEN, demo.SOLSTRALEN):
        found |= {unit.manager, unit.manager_email, unit.phone, unit.address}
        found |= {unit.contact, unit.contact_email}
    found |= {"rektor.sodra@edu.stockholm.se", "Eva Rektor", "lisa.ek@edu.stockholm.se"}
    return {value for value in found if len(value) >= 5}


def test_the_demo_years_logs_hold_no_personal_data_or_mail_text(
    year: tuple[list[Done], Path],
) -> None:
    records = LOGGED.records
    assert any(r.name.startswith("bot") for r in records), "the year should log at DEBUG"
    secrets = _demo_personal_data()
    assert {"08-508 100 00", "Per Ek", "anna.berg@edu.stockholm.se"} <= secrets
    leaks = sorted(
        {
            (r.name, value)
            for r in records
            for value in secrets
            if value.lower() in f"{r.getMessage()}\n{r.exc_text or ''}".lower()
        }
    )
    assert not leaks


def test_demo_autumn_books_moves_and_delivers_the_report_after_the_ceremony(
    year: tuple[list[Done], Path],
) -> None:
    steps, _ = year
    sofia, team = "sofia.ekstrom@stockholm.se", 3
    booked = _at(steps, demo.at(6, 10, 10))
    assert [to for kind, to in booked if kind == "visit-invitation"].count(ANNA) == 2
    assert len([k for k, _ in booked if k == "visit-invitation"]) == 2 * (team + 1)
    moved = _at(steps, demo.at(9, 20, 10))
    assert sorted(k for k, _ in moved) == ["visit-confirmation"] + ["visit-invitation"] * (team + 1)
    assert _at(steps, demo.at(10, 8, 8, 5)) == [("visit-reminder", sofia)]
    assert _at(steps, demo.at(11, 10, 10)) == [("report-receipt", sofia)]
    assert _to(steps, "report-delivery")[:1] == [ANNA]
    assert all(
        k != "report-delivery" for s in steps if s.at < demo.at(11, 27, 0) for k, _ in s.sent
    )
    assert len(_at(steps, demo.at(11, 27, 8, 5))) == team + 1
