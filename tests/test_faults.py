"""Fault injection: the database locked or gone, the disk full, the backend failing on
send, and a real bot process killed with SIGKILL. Each round that fails, fails cleanly;
the next one recovers, and nothing is lost, handled twice or sent twice."""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from bot import runner
from bot.clock import STOCKHOLM, FixedClock
from bot.mail import storage
from bot.mail.mailbox import MailboxError
from bot.models import Entry, InboundMessage, OutboxMail, Unit
from bot.runner import App, build_app
from scripts.crash_harness import compare_runs
from tests.backlog import backlog, entry, person, signup
from tests.conftest import cycle, make_settings, put, sent

AT = datetime(2027, 3, 10, 9, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def fault_app(tmp_path: Path) -> Iterator[App]:
    clock = FixedClock(datetime(2027, 3, 20, 10, 0, tzinfo=STOCKHOLM))
    application = build_app(make_settings(tmp_path, KB_OCR="off"), clock)
    yield application
    application.sessions.kw["bind"].dispose()


def _statuses(app: App) -> list[str]:
    with app.sessions() as session:
        return list(session.scalars(select(InboundMessage.status).order_by(InboundMessage.id)))


def _short_busy_timeout(app: App) -> None:
    """Make a locked database fail within 0.2 s instead of the production 30 s."""
    engine = app.sessions.kw["bind"]
    engine.dispose()

    def pragma(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    # Runs after bot.db's own listener, so this busy timeout wins over the 30 s one.
    event.listen(engine, "connect", pragma)


def _lock(app: App) -> sqlite3.Connection:
    """Another connection holding an exclusive write lock on the bot's database."""
    holder = sqlite3.connect(app.settings.data_dir / "kvalitetsbot.sqlite3", timeout=5)
    holder.isolation_level = None
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_locked_database_fails_the_round_cleanly_and_the_next_round_recovers(
    fault_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    _short_busy_timeout(fault_app)
    put(fault_app, signup(person(1), "lock-1", AT))
    holder = _lock(fault_app)
    with pytest.raises(OperationalError, match="locked"):
        cycle(fault_app)
    with caplog.at_level(logging.INFO, logger="bot"):
        for _ in range(3):  # the watching loop waits: one line, however many rounds fail
            runner._safe_cycle(fault_app)
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
            "database unreachable (OperationalError); waiting, retrying at most 60 s apart"
        ]
    assert len(fault_app.mailbox.fetch_new(None).messages) == 1, "the mail must stay in the inbox"
    holder.rollback()
    holder.close()
    assert _statuses(fault_app) == [], "nothing half-stored by the failed round"
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bot"):
        runner._safe_cycle(fault_app)
    assert any(m.startswith("database reachable again after") for m in caplog.messages)
    assert _statuses(fault_app) == ["handled"]
    assert [m["X-Kvalitetsbot-Kind"] for m in sent(fault_app)] == ["signup-receipt"]
    assert fault_app.mailbox.fetch_new(None).messages == []


def test_database_locked_mid_round_loses_nothing(
    fault_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    _short_busy_timeout(fault_app)
    for n in range(3):
        put(fault_app, signup(person(n), f"mid-{n}", AT))
    holders: list[sqlite3.Connection] = []
    real_move = fault_app.mailbox.move

    def move_then_lock(remote_id: str, folder: str) -> None:
        real_move(remote_id, folder)
        if not holders:  # another process grabs the database after the first mail
            holders.append(_lock(fault_app))

    monkeypatch.setattr(fault_app.mailbox, "move", move_then_lock)
    with pytest.raises(OperationalError):
        cycle(fault_app)
    holders[0].rollback()
    holders[0].close()
    cycle(fault_app)
    cycle(fault_app)
    assert _statuses(fault_app) == ["handled"] * 3
    receipts = sorted(str(m["In-Reply-To"]) for m in sent(fault_app))
    assert receipts == [f"<mid-{n}@edu.stockholm.se>" for n in range(3)]


def test_database_briefly_gone_then_back(fault_app: App) -> None:
    engine = fault_app.sessions.kw["bind"]
    put(fault_app, signup(person(1), "gone-1", AT))
    engine.dispose()

    def unreachable(*_args: Any, **_kwargs: Any) -> Any:
        raise sqlite3.OperationalError("unable to open database file")

    event.listen(engine, "do_connect", unreachable)
    with pytest.raises(OperationalError):
        cycle(fault_app)
    event.remove(engine, "do_connect", unreachable)
    cycle(fault_app)
    assert _statuses(fault_app) == ["handled"]
    assert len(sent(fault_app)) == 1


def test_database_locked_while_handling_is_retried_not_quarantined(fault_app: App) -> None:
    # The lock comes and goes within the handling: by the time the bot could record a
    # quarantine the database would take the write, so nothing else stops that mistake.
    engine = fault_app.sessions.kw["bind"]
    put(fault_app, signup(person(2), "locked-handling-1", AT))
    state = {"armed": True}

    def locked_once(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if state["armed"] and statement.startswith("INSERT INTO outbox"):
            state["armed"] = False
            raise sqlite3.OperationalError("database is locked")

    event.listen(engine, "before_cursor_execute", locked_once)
    with pytest.raises(OperationalError, match="locked"):
        cycle(fault_app)
    event.remove(engine, "before_cursor_execute", locked_once)
    assert _statuses(fault_app) == ["new"], "stored, not quarantined"
    assert len(fault_app.mailbox.fetch_new(None).messages) == 1, "the mail must stay in the inbox"
    cycle(fault_app)
    assert _statuses(fault_app) == ["handled"]
    assert [m["X-Kvalitetsbot-Kind"] for m in sent(fault_app)] == ["signup-receipt"]
    assert fault_app.mailbox.fetch_new(None).messages == []


class _FullDisk:
    """A file whose writes fail as on a full disk (the file itself is created, empty)."""

    def __init__(self, path: Any, mode: str) -> None:
        self.handle = open(path, mode)  # noqa: SIM115

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_while_storing_an_attachment_quarantines_the_mail(
    fault_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = person(7)
    put(fault_app, signup(p, "disk-0", AT))
    cycle(fault_app)
    monkeypatch.setattr(storage, "open", _FullDisk, raising=False)
    put(fault_app, entry(p, "disk-1", AT, 0))
    put(fault_app, signup(person(8), "disk-2", AT))
    cycle(fault_app)
    assert _statuses(fault_app) == ["handled", "quarantine", "handled"]
    with fault_app.sessions() as session:
        row = session.scalar(select(InboundMessage).where(InboundMessage.status == "quarantine"))
        assert row is not None and "No space left on device" in (row.error or "")
        assert row.reason and b"disk-1@edu.stockholm.se" in row.raw, "the raw mail is kept"
        assert session.scalar(select(Entry)) is None, "the entry's writes must roll back"
    assert len(fault_app.mailbox.list_folder(fault_app.settings.folder_quarantine)) == 1
    files = fault_app.settings.data_dir / "files"
    assert not [p for p in files.rglob("*") if p.is_file()], "no half-written file left"
    assert [m["X-Kvalitetsbot-Kind"] for m in sent(fault_app)] == ["signup-receipt"] * 2


def test_backend_failing_on_send_keeps_the_mail_in_the_outbox(
    fault_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(fault_app, signup(person(3), "send-1", AT))
    real_send = fault_app.mailbox.send

    def refuse(*_args: Any) -> None:
        raise MailboxError("SMTP 451 try again later")

    monkeypatch.setattr(fault_app.mailbox, "send", refuse)
    cycle(fault_app)
    cycle(fault_app)
    with fault_app.sessions() as session:
        row = session.scalar(select(OutboxMail))
        assert row is not None and row.status == "queued" and row.attempts == 2
        assert "451" in (row.last_error or "")
    assert sent(fault_app) == []
    monkeypatch.setattr(fault_app.mailbox, "send", real_send)
    cycle(fault_app)
    cycle(fault_app)
    assert [m["X-Kvalitetsbot-Kind"] for m in sent(fault_app)] == ["signup-receipt"]
    with fault_app.sessions() as session:
        assert session.scalar(select(OutboxMail.status)) == "sent"
        assert session.scalar(select(Unit.signup_status)) == "registered"


@pytest.mark.slow
def test_sigkilled_bot_ends_like_an_uncrashed_run(tmp_path: Path) -> None:
    """The CI-sized crash harness: a mixed backlog with an entry, a few SIGKILLs."""
    mails = backlog(16, seed=11, entries=0.2)
    assert {"entry", "signup", "automatic"} <= {m.kind for m in mails}
    report = compare_runs(tmp_path, mails, kills=3, seed=11)
    assert report.kills >= 2, report.summary()
    assert report.differences == [], report.summary()
    assert report.sent > 0


class _Killed(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing in the bot catches it."""


def test_kill_between_move_and_commit_leaves_no_stale_moved_flag(fault_app: App) -> None:
    put(fault_app, signup(person(4), "moved-1", AT))
    real_move = fault_app.mailbox.move

    def move_then_die(remote_id: str, folder: str) -> None:
        real_move(remote_id, folder)
        raise _Killed()

    fault_app.mailbox.move = move_then_die  # type: ignore[method-assign]
    with pytest.raises(_Killed):
        cycle(fault_app)
    fault_app.mailbox.move = real_move  # type: ignore[method-assign]
    cycle(fault_app)
    with fault_app.sessions() as session:
        row = session.scalar(select(InboundMessage))
        assert row is not None and row.status == "handled"
        assert row.moved, "the server copy was moved, the row should say so"
