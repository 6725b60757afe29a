"""The pipeline keeps every mail and handles each once, whatever breaks and wherever."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from email.parser import BytesHeaderParser
from typing import Any

import pytest
from sqlalchemy import select

from bot import ingest
from bot.mail.mailbox.maildir import MaildirMailbox
from bot.models import Event, InboundMessage, OutboxMail
from bot.runner import App
from tests.conftest import cycle, fixture_mail, make_mail, put, sent

SIGNUP = (
    "Verksamhet: Förskolan {n}\nFörvaltning: Skarpnäcks stadsdelsförvaltning\n"
    "Chef: Maria Öberg\nKontaktperson: Anna Berg\nE-post: anna.berg@edu.stockholm.se\n"
)


class Crash(BaseException):
    """Stands for the process dying: not an Exception, so nothing in the bot catches it."""


def _statuses(app: App) -> list[str]:
    with app.sessions() as session:
        return list(session.scalars(select(InboundMessage.status).order_by(InboundMessage.id)))


def test_failing_message_is_quarantined_and_the_loop_goes_on(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ingest.handle

    def fragile(session: Any, ctx: Any, inbound: Any, now: Any) -> Any:
        if "BOOM" in inbound.mail.subject:
            raise RuntimeError("simulated bug")
        return real(session, ctx, inbound, now)

    monkeypatch.setattr(ingest, "handle", fragile)
    put(app, make_mail(SIGNUP.format(n="Ett"), subject="BOOM"))
    put(app, make_mail(SIGNUP.format(n="Två")))
    cycle(app)
    assert _statuses(app) == ["quarantine", "handled"]
    assert isinstance(app.mailbox, MaildirMailbox)
    assert len(app.mailbox.list_folder(app.settings.folder_quarantine)) == 1
    with app.sessions() as session:
        row = session.scalar(select(InboundMessage).where(InboundMessage.status == "quarantine"))
        assert row is not None and "simulated bug" in (row.error or "")
        # The quarantined mail's own writes were rolled back: no unit, no outbox mail for it.
        assert session.scalar(select(OutboxMail).where(OutboxMail.kind == "signup-receipt"))
    assert len(sent(app)) == 1


def _crash_once(target: Callable[..., Any]) -> Callable[..., Any]:
    state = {"armed": True}

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if state["armed"]:
            state["armed"] = False
            raise Crash()
        return target(*args, **kwargs)

    return wrapper


def test_crash_after_commit_before_move_ends_as_without_crash(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(app, make_mail(SIGNUP.format(n="Ett")))
    monkeypatch.setattr(app.mailbox, "move", _crash_once(app.mailbox.move))
    with pytest.raises(Crash):
        cycle(app)
    cycle(app)
    assert _statuses(app) == ["handled"]
    assert app.mailbox.fetch_new(None).messages == []
    assert len(sent(app)) == 1


def test_crash_after_send_before_marking_sends_once(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(app, make_mail(SIGNUP.format(n="Ett")))
    real_send = app.mailbox.send
    state = {"crashed": False}

    def send_then_crash(raw: bytes, message_id: str, recipients: Sequence[str]) -> None:
        real_send(raw, message_id, recipients)
        if not state["crashed"]:
            state["crashed"] = True
            raise Crash()

    monkeypatch.setattr(app.mailbox, "send", send_then_crash)
    with pytest.raises(Crash):
        cycle(app)
    cycle(app)
    assert len(sent(app)) == 1
    with app.sessions() as session:
        assert session.scalars(select(OutboxMail.status)).all() == ["sent"]


def test_crash_before_handling_keeps_the_stored_message(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(app, make_mail(SIGNUP.format(n="Ett")))
    monkeypatch.setattr(ingest, "process", _crash_once(ingest.process))
    with pytest.raises(Crash):
        cycle(app)
    assert _statuses(app) == ["new"]
    cycle(app)
    assert _statuses(app) == ["handled"]
    assert len(sent(app)) == 1
    with app.sessions() as session:
        assert len(session.scalars(select(Event).where(Event.kind == "signup")).all()) == 1


def test_failing_send_keeps_mail_in_outbox_until_backend_recovers(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(app, make_mail(SIGNUP.format(n="Ett")))
    real_send = app.mailbox.send

    def broken(raw: bytes, message_id: str, recipients: Sequence[str]) -> None:
        raise OSError("relay down")

    monkeypatch.setattr(app.mailbox, "send", broken)
    cycle(app)
    with app.sessions() as session:
        row = session.scalar(select(OutboxMail))
        assert row is not None and row.status == "queued" and row.attempts == 1
    monkeypatch.setattr(app.mailbox, "send", real_send)
    cycle(app)
    assert len(sent(app)) == 1


def test_winmail_dat_mail_is_handled_without_crash(sqlite_app: App) -> None:
    put(sqlite_app, fixture_mail("outlook-tnef-winmail-dat.eml"))
    cycle(sqlite_app)
    assert _statuses(sqlite_app) in (["staff"], ["handled"])


@pytest.mark.parametrize("raw", [b"", b"\x00\xff garbage", b"Subject: no from\r\n\r\nhej"])
def test_broken_mail_goes_to_staff_not_the_floor(sqlite_app: App, raw: bytes) -> None:
    put(sqlite_app, raw)
    cycle(sqlite_app)
    assert _statuses(sqlite_app) == ["staff"]
    assert sent(sqlite_app) == []


def test_cursor_does_not_move_past_a_message_that_could_not_be_fetched(
    sqlite_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.mail.mailbox import FetchResult, MailboxError, RemoteMessage
    from bot.models import MailboxState

    put(sqlite_app, make_mail(SIGNUP.format(n="Ett")))
    real_fetch_new = sqlite_app.mailbox.fetch_new

    def with_cursor(cursor: str | None) -> FetchResult:
        result = real_fetch_new(cursor)
        return FetchResult(result.messages, "cursor-after-batch")

    def failing_raw(remote_id: str) -> bytes:
        raise MailboxError("server timed out")

    monkeypatch.setattr(sqlite_app.mailbox, "fetch_new", with_cursor)
    monkeypatch.setattr(sqlite_app.mailbox, "fetch_raw", failing_raw)
    cycle(sqlite_app)
    with sqlite_app.sessions() as session:
        state = session.get(MailboxState, "maildir")
        assert state is None or state.cursor is None
    assert isinstance(sqlite_app.mailbox.fetch_new(None).messages[0], RemoteMessage)


def test_crash_after_moves_before_their_record_repeats_only_the_moves(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The moved flags are committed a batch at a time; a crash in between leaves the first
    # mails filed but not marked, and the next round marks them without handling them again.
    for n in ("Ett", "Två", "Tre"):
        put(app, make_mail(SIGNUP.format(n=n)))
    real = ingest.process
    calls = {"n": 0}

    def crash_on_third(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise Crash()
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest, "process", crash_on_third)
    with pytest.raises(Crash):
        cycle(app)
    with app.sessions() as session:
        rows = session.execute(select(InboundMessage.status, InboundMessage.moved)).all()
    assert sorted(rows) == [("handled", False), ("handled", False), ("new", False)]
    assert len(app.mailbox.fetch_new(None).messages) == 1
    cycle(app)
    with app.sessions() as session:
        rows = session.execute(select(InboundMessage.status, InboundMessage.moved)).all()
    assert rows == [("handled", True)] * 3
    assert app.mailbox.fetch_new(None).messages == []
    assert len(sent(app)) == 3


_HEADERS = b"From: Anna Berg <anna.berg@edu.stockholm.se>\r\nSubject: Anm\xc3\xa4lan\r\n"


def test_message_id_is_read_from_the_header_block_only(monkeypatch: pytest.MonkeyPatch) -> None:
    body = b"Message-ID: <in-the-body@example.se>\r\n" + b"x" * 1_000_000
    raw = _HEADERS + b"Message-ID:\r\n <real@example.se>\r\n\r\n" + body
    parsed: list[int] = []
    real = BytesHeaderParser.parsebytes

    def spy(self: BytesHeaderParser, text: bytes, headersonly: bool = True) -> Any:
        parsed.append(len(text))
        return real(self, text, headersonly)

    monkeypatch.setattr(BytesHeaderParser, "parsebytes", spy)
    assert ingest.message_id_of(raw) == "real@example.se"
    assert parsed == [len(raw) - len(body) - 4]  # up to the blank line, not the body
    assert ingest.message_id_of(raw.replace(b"\r\n", b"\n")) == "real@example.se"


def test_message_id_in_the_body_is_not_taken_for_the_header() -> None:
    raw = _HEADERS + b"\r\nMessage-ID: <in-the-body@example.se>\r\n"
    assert ingest.message_id_of(raw) is None
    assert ingest.dedupe_key(raw).startswith("sha256:")
    assert ingest.message_id_of(b"Message-ID: <only-headers@example.se>") == (
        "only-headers@example.se"
    )
