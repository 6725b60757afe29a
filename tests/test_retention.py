"""`kvalitetsbot purge`: personal data of finished award years goes, after the export for
the city's records; the rest stays."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import cli
from bot.clock import STOCKHOLM, FixedClock
from bot.mail.mailbox.maildir import MaildirMailbox
from bot.models import (
    AttachmentRecord,
    Entry,
    Event,
    InboundMessage,
    OutboxMail,
    StoredFile,
    Unit,
    UnitAddress,
)
from bot.runner import App, build_app
from tests.backlog import entry, person, signup
from tests.conftest import cycle, put

OLD = datetime(2024, 3, 4, 10, 0, tzinfo=STOCKHOLM)
NEW = datetime(2027, 3, 4, 10, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in list(os.environ):
        if name.startswith("KB_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("KB_ENV_FILE", str(tmp_path / "none.env"))
    monkeypatch.setenv("KB_STAFF_ADDRESSES", "staff@stockholm.se")
    monkeypatch.setenv("KB_OCR", "off")
    return CliRunner()


def _app(at: datetime) -> App:
    from bot.config import load_settings

    return build_app(load_settings(), FixedClock(at))


def _season(at: datetime, n: int) -> None:
    """A unit signs up and sends its entry (docx, PDF and picture) in the year of ``at``."""
    app = _app(at)
    p = person(n)
    put(app, signup(p, f"su-{n}", at), at)
    put(app, entry(p, f"en-{n}", at, variant=0), at)
    cycle(app)
    app.sessions.kw["bind"].dispose()


@pytest.fixture(scope="module")
def two_years_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once: a 2024 unit and a 2027 unit, each with a sign-up and an entry."""
    template = tmp_path_factory.mktemp("two-years") / "var"
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("KB_")]:
            patch.delenv(name)
        patch.setenv("KB_DATA_DIR", str(template))
        patch.setenv("KB_ENV_FILE", str(template / "none.env"))
        patch.setenv("KB_STAFF_ADDRESSES", "staff@stockholm.se")
        patch.setenv("KB_OCR", "off")
        _season(OLD, 1)
        _season(NEW, 2)
    return template


@pytest.fixture
def two_years(runner: CliRunner, two_years_template: Path, tmp_path: Path) -> App:
    shutil.copytree(two_years_template, tmp_path / "var")
    return _app(NEW)


def _invoke(runner: CliRunner, *args: str) -> str:
    extra = [] if "--dry-run" in args or "--archive" in args else ["--exported"]
    result = runner.invoke(cli, ["--now", "2027-03-05T10:00", "purge", *args, *extra])
    assert result.exit_code == 0, result.output
    return result.output


def _units(app: App) -> dict[int, Unit]:
    with app.sessions() as session:
        return {u.year: u for u in session.scalars(select(Unit))}


def test_dry_run_counts_and_changes_nothing(runner: CliRunner, two_years: App) -> None:
    files_before = sorted((two_years.settings.data_dir / "files").rglob("*"))
    out = _invoke(runner, "--before-year", "2027", "--dry-run")
    assert "2 råa mejl" in out and "skulle tas bort" in out and "1 verksamhet " in out
    assert sorted((two_years.settings.data_dir / "files").rglob("*")) == files_before
    assert _units(two_years)[2024].contact_email == person(1).address


def test_finished_year_loses_its_personal_data_and_keeps_its_record(
    runner: CliRunner, two_years: App
) -> None:
    out = _invoke(runner, "--before-year", "2027")
    assert "2 råa mejl" in out and "borttagna" in out
    units = _units(two_years)
    old, new = units[2024], units[2027]
    assert (old.contact_email, old.contact_name, old.manager_name, old.contact_phone) == (
        None,
        None,
        None,
        None,
    )
    assert old.unit_name == person(1).unit
    assert new.contact_email == person(2).address, "the year in force is untouched"
    with two_years.sessions() as session:
        addresses = session.scalars(select(UnitAddress.unit_id)).all()
        assert old.id not in addresses and new.id in addresses
        raws = {m.unit_id: m.raw for m in session.scalars(select(InboundMessage))}
        assert raws[old.id] == b"" and raws[new.id] != b""
        assert session.scalar(select(Entry).where(Entry.unit_id == old.id)) is not None
        assert all(
            r.raw == b""
            for r in session.scalars(select(OutboxMail).where(OutboxMail.unit_id == old.id))
        )
        attachments = session.scalars(select(AttachmentRecord)).all()
        assert {a.entry_id for a in attachments} == {
            e.id for e in session.scalars(select(Entry).where(Entry.unit_id == new.id))
        }
        paths = [two_years.settings.data_dir / f.path for f in session.scalars(select(StoredFile))]
        assert session.scalar(select(Event).where(Event.kind == "retention")) is not None
    # The new year's entry has the same picture bytes: the shared stored file must stay.
    assert paths and all(p.exists() for p in paths)
    stored_on_disk = [p for p in (two_years.settings.data_dir / "files").rglob("*") if p.is_file()]
    assert sorted(stored_on_disk) == sorted(paths)


def test_mailbox_copies_of_the_old_year_are_removed(runner: CliRunner, two_years: App) -> None:
    mailbox = two_years.mailbox
    assert isinstance(mailbox, MaildirMailbox)
    handled_before = len(mailbox.list_folder("Behandlat"))
    sent_before = len(mailbox.list_folder("Sent"))
    _invoke(runner, "--before-year", "2027")
    assert len(mailbox.list_folder("Behandlat")) == handled_before - 2
    assert len(mailbox.list_folder("Sent")) < sent_before
    leftovers = b"".join(p.read_bytes() for p in mailbox.list_folder("Sent"))
    assert person(1).address.encode() not in leftovers


def test_running_twice_removes_nothing_more(runner: CliRunner, two_years: App) -> None:
    _invoke(runner, "--before-year", "2027")
    assert _invoke(runner, "--before-year", "2027").startswith("0 råa mejl")


def test_the_year_in_force_cannot_be_purged(runner: CliRunner, two_years: App) -> None:
    result = runner.invoke(
        cli, ["--now", "2027-03-05T10:00", "purge", "--before-year", "2028", "--exported"]
    )
    assert result.exit_code == 2 and "not finished" in result.output
    assert _units(two_years)[2027].contact_email == person(2).address


def test_exactly_one_limit_is_required(runner: CliRunner, two_years: App) -> None:
    result = runner.invoke(cli, ["--now", "2027-03-05T10:00", "purge", "--exported"])
    assert result.exit_code == 2 and "exactly one" in result.output


def test_older_than_days_purges_only_finished_years(runner: CliRunner, two_years: App) -> None:
    out = _invoke(runner, "--older-than", "365")
    assert "2 råa mejl" in out
    units = _units(two_years)
    assert units[2024].contact_email is None
    assert units[2027].contact_email == person(2).address
    # Nothing of 2027 is older than a day, so nothing more goes with a short limit either.
    assert _invoke(runner, "--older-than", "1").startswith("0 råa mejl")


def test_before_date_purges_mail_of_finished_years_received_before_it(
    runner: CliRunner, two_years: App
) -> None:
    assert _invoke(runner, "--before", "2024-03-01").startswith("0 råa mejl")
    assert _units(two_years)[2024].contact_email == person(1).address
    out = _invoke(runner, "--before", "2027-03-05")
    assert out.startswith("2 råa mejl")
    units = _units(two_years)
    assert units[2024].contact_email is None
    assert units[2027].contact_email == person(2).address, "the year in force is untouched"


def test_a_date_in_the_future_is_refused(runner: CliRunner, two_years: App) -> None:
    result = runner.invoke(
        cli, ["--now", "2027-03-05T10:00", "purge", "--before", "2027-04-01", "--exported"]
    )
    assert result.exit_code == 2 and "in the future" in result.output


def test_purge_refuses_until_the_records_are_exported(runner: CliRunner, two_years: App) -> None:
    result = runner.invoke(cli, ["--now", "2027-03-05T10:00", "purge", "--before-year", "2027"])
    assert result.exit_code == 2 and "export for the city's records comes first" in result.output
    assert _units(two_years)[2024].contact_email == person(1).address


def test_the_archive_holds_registry_and_every_entry_file_before_the_purge(
    runner: CliRunner, two_years: App, tmp_path: Path
) -> None:
    import csv
    import hashlib
    import json

    with two_years.sessions() as session:
        old = session.scalars(select(Unit).where(Unit.year == 2024)).one()
        reference = old.reference
        names = {
            a.filename
            for a in session.scalars(
                select(AttachmentRecord).join(Entry).where(Entry.unit_id == old.id)
            )
        }
    archive = tmp_path / "arkiv"
    out = _invoke(runner, "--before-year", "2027", "--archive", str(archive))
    assert "Arkivet är skrivet" in out and "1 verksamhet," in out
    registry = json.loads((archive / "registry.json").read_text(encoding="utf-8"))
    assert [row["reference"] for row in registry] == [reference]
    assert registry[0]["contact_email"] == person(1).address, "the record keeps the contact"
    assert registry[0]["entry_status"] != "missing"
    folder = archive / reference / "bidrag-v1"
    assert {p.name for p in folder.iterdir()} == names
    with open(archive / "manifest.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(names)
    for row in rows:
        assert hashlib.sha256((archive / row["path"]).read_bytes()).hexdigest() == row["sha256"]
    # And only then was the old year purged; the new year is in neither.
    assert _units(two_years)[2024].contact_email is None
    assert person(2).address not in (archive / "registry.csv").read_text(encoding="utf-8")


def test_an_archive_into_a_folder_that_is_not_empty_purges_nothing(
    runner: CliRunner, two_years: App, tmp_path: Path
) -> None:
    archive = tmp_path / "arkiv"
    archive.mkdir()
    (archive / "old.txt").write_text("earlier export")
    result = runner.invoke(
        cli,
        ["--now", "2027-03-05T10:00", "purge", "--before-year", "2027", "--archive", str(archive)],
    )
    assert result.exit_code == 1 and "not empty" in result.output
    assert _units(two_years)[2024].contact_email == person(1).address


def _report_docx(unit: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_heading(f"Återföringsrapport: {unit}", level=1)
    document.add_paragraph("Styrkor och förbättringsområden, examinatorslag 3.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_teams_reports_are_archived_then_go_with_the_year(
    runner: CliRunner, two_years: App, tmp_path: Path
) -> None:
    from datetime import date

    from bot.mail.storage import store_bytes
    from bot.teams.visits.store import Visit, VisitReport

    data_dir = two_years.settings.data_dir
    coordinator = "samordnare@stockholm.se"
    with two_years.sessions.begin() as session:
        for unit in session.scalars(select(Unit)):
            stored = store_bytes(session, data_dir, _report_docx(unit.unit_name or ""), NEW)
            session.add(
                VisitReport(
                    unit_id=unit.id,
                    file_id=stored.id,
                    filename=f"Rapport {unit.reference}.docx",
                    kind="docx",
                    sender=coordinator,
                    received_at=NEW,
                )
            )
            session.add(
                Visit(
                    unit_id=unit.id,
                    kind="visit",
                    day=date(unit.year, 9, 20),
                    start="09:00",
                    end="12:00",
                    status="booked",
                    sequence=0,
                    booked_by=coordinator,
                    updated_at=NEW,
                )
            )
    with two_years.sessions() as session:
        old = session.scalars(select(Unit).where(Unit.year == 2024)).one()
        old_report = session.scalars(select(VisitReport).where(VisitReport.unit_id == old.id)).one()
        old_file = data_dir / session.get(StoredFile, old_report.file_id).path  # type: ignore[union-attr]
        reference, old_id = old.reference, old.id
    # The stored bytes themselves: a .docx made again differs in its zip timestamps.
    original = old_file.read_bytes()
    archive = tmp_path / "arkiv"
    out = _invoke(runner, "--before-year", "2027", "--archive", str(archive))
    assert "1 rapport " in out

    archived = archive / reference / "rapport" / f"Rapport {reference}.docx"
    assert archived.read_bytes() == original
    assert f"{reference}/rapport/" in (archive / "manifest.csv").read_text(encoding="utf-8")
    assert not old_file.exists(), "the old year's report file is removed"
    with two_years.sessions() as session:
        reports = session.scalars(select(VisitReport)).all()
        assert [r.unit_id for r in reports] != [] and old_id not in [r.unit_id for r in reports]
        kept = reports[0]
        assert (data_dir / session.get(StoredFile, kept.file_id).path).exists()  # type: ignore[union-attr]
        booked = {v.unit_id: v.booked_by for v in session.scalars(select(Visit))}
        assert booked[old_id] == "" and coordinator in booked.values()
