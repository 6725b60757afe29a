"""The watching loop through a database outage, with the database and the clock faked:
one line when it starts, tries with a capped backoff, one line when it ends; and a mail
sent just before the database went is recorded when it is back, not sent again."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import (
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    PendingRollbackError,
)
from sqlalchemy.orm import Session, sessionmaker

from bot import runner
from bot.clock import STOCKHOLM
from bot.db import unreachable
from bot.ingest import IngestReport
from bot.models import OutboxMail
from bot.runner import App, CycleReport, Outage
from tests.backlog import person, signup
from tests.conftest import put, sent

AT = datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM)


def _gone() -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception("server closed the connection"))


class FakeDatabase:
    """Down until the given round; records the rounds in which the bot tried it."""

    def __init__(self, back_in_round: int) -> None:
        self.back_in_round = back_in_round
        self.round = 0
        self.tries: list[int] = []

    def touch(self) -> None:
        self.tries.append(self.round)
        if self.round < self.back_in_round:
            raise _gone()

    def ping(self, _sessions: sessionmaker[Session]) -> None:
        self.touch()

    def run_cycle(self, _app: App) -> CycleReport:
        self.touch()
        return CycleReport(IngestReport(), 0)


def test_an_outage_is_logged_once_retried_with_a_capped_backoff_and_its_end_logged_once(
    sqlite_app: App, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    database = FakeDatabase(back_in_round=13)
    monkeypatch.setattr(runner, "run_cycle", database.run_cycle)
    monkeypatch.setattr(runner, "ping", database.ping)
    seconds = [0.0]
    sqlite_app.outage = Outage(poll_seconds=10, max_rounds=4, monotonic=lambda: seconds[0])
    with caplog.at_level(logging.DEBUG, logger="bot"):
        for database.round in range(1, 21):  # the scheduler's wake-ups, 10 s apart
            seconds[0] = database.round * 10.0
            runner._safe_cycle(sqlite_app)
    # Tries after 1, 2, 4, then at most 4 rounds; from round 16 a ping, then every round.
    assert database.tries == [1, 2, 4, 8, 12, 16, 16, 17, 18, 19, 20]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        "database unreachable (OperationalError); waiting, retrying at most 40 s apart",
        "database reachable again after 150 s (5 failed tries); resuming",
    ]
    assert sqlite_app.outage.failures == 0


def test_the_backoff_is_capped_by_the_setting_in_whole_poll_intervals(sqlite_app: App) -> None:
    settings = sqlite_app.settings
    assert (settings.poll_seconds, settings.database_retry_max_seconds) == (10, 60)
    assert Outage.for_settings(settings).max_rounds == 6
    outage = Outage(poll_seconds=10, max_rounds=6)
    waits = []
    for _ in range(8):
        outage.failed(_gone())
        waits.append(outage.wait + 1)
    assert waits == [1, 2, 4, 6, 6, 6, 6, 6]


def test_another_failing_round_is_reported_every_time_and_starts_no_outage(
    sqlite_app: App, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_app: App) -> CycleReport:
        raise RuntimeError("mail server down")

    monkeypatch.setattr(runner, "run_cycle", broken)
    with caplog.at_level(logging.INFO, logger="bot"):
        for _ in range(3):
            runner._safe_cycle(sqlite_app)
    assert caplog.messages == ["cycle failed; retrying on the next round"] * 3
    assert sqlite_app.outage.failures == 0


def _raised(error: Exception, during: Exception | None = None) -> Exception:
    """``error`` as raised, with ``during`` as the exception being handled at the time."""
    try:
        try:
            if during is not None:
                raise during
        finally:
            raise error
    except Exception as caught:
        return caught


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_gone(), True),
        (InterfaceError("SELECT 1", {}, Exception("connection already closed")), True),
        (DBAPIError("SELECT 1", {}, Exception("reset"), connection_invalidated=True), True),
        (_raised(PendingRollbackError("rolled back"), during=_gone()), True),
        (IntegrityError("INSERT", {}, Exception("duplicate key")), False),
        (_raised(ValueError("a bad mail")), False),
    ],
    ids=["operational", "interface", "invalidated", "after-a-drop", "integrity", "value"],
)
def test_which_errors_mean_the_database_is_unreachable(error: Exception, expected: bool) -> None:
    assert unreachable(error) is expected


def test_a_mail_sent_just_before_the_database_went_is_recorded_not_sent_again(
    sqlite_app: App, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    app = sqlite_app
    put(app, signup(person(4), "sent-then-gone", AT))
    engine = app.sessions.kw["bind"]
    sends: list[str] = []
    failed_commits: list[int] = []
    real_send = app.mailbox.send

    def send_then_lose_the_database(raw: bytes, message_id: str, recipients: list[str]) -> None:
        real_send(raw, message_id, recipients)
        sends.append(message_id)

    def commit(_conn: Any) -> None:
        if len(sends) == 1 and not failed_commits:  # the commit that records the first send
            failed_commits.append(1)
            raise _gone()

    monkeypatch.setattr(app.mailbox, "send", send_then_lose_the_database)
    event.listen(engine, "commit", commit)
    with pytest.raises(OperationalError):
        runner.run_cycle(app)
    with app.sessions() as session:
        row = session.scalars(select(OutboxMail)).one()
        assert row.status == "queued", "the commit that would record the send failed"
    assert list(app.unrecorded) == [row.id]

    with caplog.at_level(logging.INFO, logger="bot"):
        assert runner.run_cycle(app).sent == 0
    event.remove(engine, "commit", commit)
    assert len(sends) == 1, "sent once, not again when the database came back"
    with app.sessions() as session:
        row = session.scalars(select(OutboxMail)).one()
        assert (row.status, row.attempts) == ("sent", 1)
    assert f"outbox mail {row.id}: its send is recorded after the database outage" in (
        caplog.messages
    )
    assert app.unrecorded == {}
    assert len(sent(app)) == 1
