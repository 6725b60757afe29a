"""Two instances on one PostgreSQL: a mail one of them is sending is skipped by the other."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

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
