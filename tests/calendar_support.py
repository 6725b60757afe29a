"""Helpers for the calendar tests: a test schedule with real meetings, units and entries."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select

from bot.clock import STOCKHOLM, FixedClock
from bot.models import Entry, Minutes, Unit
from bot.runner import App, build_app
from tests.conftest import REPO, make_settings, sent

MEETINGS = """
[[meetings]]
key = "info-påsk"
kind = "info"
label = "Informationsmöte (digitalt)"
date = "2027-03-30"
start = "13:00"
end = "14:00"
link = "https://teams.microsoft.com/l/meetup-join/test"

[[meetings]]
key = "skrivarstuga-1"
kind = "workshop"
label = "Skrivarstuga (digital)"
date = "2027-04-13"
start = "13:00"
end = "15:00"
link = "https://teams.microsoft.com/l/meetup-join/skriv"
"""


def at(month: int, day: int, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=STOCKHOLM)


def write_schedule(directory: Path) -> Path:
    """The shipped 2027 schedule with its placeholder meetings replaced by real ones."""
    directory.mkdir(parents=True, exist_ok=True)
    text = (REPO / "schedules" / "2027.toml").read_text(encoding="utf-8")
    head = text.split("\n[[meetings]]\n", 1)[0]
    (directory / "2027.toml").write_text(head + MEETINGS, encoding="utf-8")
    return directory


def calendar_app(tmp_path: Path, database_url: str | None, clock: FixedClock) -> App:
    schedules = write_schedule(tmp_path / "schedules")
    settings = make_settings(tmp_path, database_url, KB_SCHEDULES_DIR=str(schedules))
    return build_app(settings, clock)


def closing(app: App) -> Iterator[App]:
    yield app
    app.sessions.kw["bind"].dispose()


def unit_id(app: App, name: str) -> int:
    with app.sessions() as session:
        found = session.scalar(select(Unit.id).where(Unit.unit_name == name))
    assert found is not None, name
    return found


def add_entry(
    app: App,
    name: str,
    status: str,
    received: datetime,
    problems: list[dict[str, str]] | None = None,
    change_due: datetime | None = None,
) -> int:
    uid = unit_id(app, name)
    with app.sessions.begin() as session:
        versions = session.scalars(select(Entry.version).where(Entry.unit_id == uid)).all()
        entry = Entry(
            unit_id=uid,
            version=max(versions, default=0) + 1,
            received_at=received,
            status=status,
            problems=json.dumps(problems or []),
            change_due=change_due,
        )
        session.add(entry)
        session.flush()
        return entry.id


def add_minutes(app: App, name: str, received: datetime) -> None:
    with app.sessions.begin() as session:
        session.add(Minutes(unit_id=unit_id(app, name), received_at=received))


def sent_of(app: App, kind: str) -> list[EmailMessage]:
    return [m for m in sent(app) if m["X-Kvalitetsbot-Kind"] == kind]


def recipients(app: App, kind: str) -> list[str]:
    return sorted(m["To"].addresses[0].addr_spec for m in sent_of(app, kind))
