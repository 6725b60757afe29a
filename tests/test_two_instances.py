"""Two instances on one PostgreSQL: what one of them has in hand (a mail it is handling or
sending) is left to it by the other, through row claims (SELECT … FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import ingest
from bot.context import Context, Inbound, Outcome
from bot.mail import outbox
from bot.models import OutboxMail
from bot.runner import App
from tests.conftest import cycle, make_mail, put, sent


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_mail_being_sent_by_one_instance_is_skipped_by_the_other(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_send = app.mailbox.send

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("not yet")

    monkeypatch.setattr(app.mailbox, "send", refuse)
    put(app, make_mail("Vi anmäler Förskolan Ekorren.\nChef: Anna Berg"))
    cycle(app)  # the receipt is queued, the send refused
    monkeypatch.undo()

    # The first instance is in the middle of sending: it holds the row's claim.
    in_send, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def slow_send(raw: bytes, message_id: str, recipients: list[str]) -> None:
        calls.append(message_id)
        in_send.set()
        release.wait(30)
        real_send(raw, message_id, recipients)

    monkeypatch.setattr(app.mailbox, "send", slow_send)
    first = threading.Thread(
        target=outbox.send_pending, args=(app.sessions, app.mailbox, app.clock.now(), app.limits)
    )
    first.start()
    assert in_send.wait(30)
    # The second instance, at the same moment, finds the row claimed and sends nothing.
    assert outbox.send_pending(app.sessions, app.mailbox, app.clock.now(), app.limits) == 0
    release.set()
    first.join(30)
    assert len(calls) == 1
    assert len(sent(app)) == 1
    with app.sessions() as session:
        assert session.scalars(select(OutboxMail.status)).all() == ["sent"]


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_mail_being_handled_by_one_instance_is_left_to_it_by_the_other(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(app, make_mail("Vi anmäler Förskolan Ekorren.\nChef: Anna Berg"))
    (message,) = app.mailbox.fetch_new(None).messages
    row_id, fresh = ingest.store(app.sessions, message, app.mailbox.fetch_raw(message.remote_id))
    assert fresh

    in_hand, release = threading.Event(), threading.Event()
    calls: list[int] = []
    real_handle = ingest.handle

    def slow_handle(session: Session, ctx: Context, inbound: Inbound, now: datetime) -> Outcome:
        calls.append(inbound.row_id)
        in_hand.set()
        release.wait(30)
        return real_handle(session, ctx, inbound, now)

    monkeypatch.setattr(ingest, "handle", slow_handle)
    statuses: list[str] = []
    first = threading.Thread(
        target=lambda: statuses.append(
            ingest.process(app.sessions, app.ctx, row_id, app.clock.now())
        )
    )
    first.start()
    assert in_hand.wait(30)
    # The second instance finds the row claimed and leaves the message alone.
    assert ingest.process(app.sessions, app.ctx, row_id, app.clock.now()) == "new"
    release.set()
    first.join(30)
    assert statuses == ["handled"] and calls == [row_id]
    assert ingest.process(app.sessions, app.ctx, row_id, app.clock.now()) == "handled"
    assert calls == [row_id], "handled once"
