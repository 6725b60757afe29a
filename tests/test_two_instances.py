"""Two instances on one PostgreSQL: what one of them has in hand (a mail it is handling or
sending) is left to it by the other, through row claims (SELECT … FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from bot import ingest
from bot.clock import STOCKHOLM, FixedClock
from bot.context import Context, Inbound, Outcome
from bot.db import INGEST_LOCK, lease, open_database, upgrade
from bot.mail import outbox
from bot.models import InboundMessage, OutboxMail, OutreachAddress
from bot.runner import App, build_app, run_cycle
from tests.conftest import cycle, make_mail, make_settings, put, sent


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


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_while_one_instance_takes_in_mail_the_other_only_sends(app: App) -> None:
    put(app, make_mail("Vi anmäler Förskolan Ekorren.\nChef: Anna Berg"))
    with lease(app.sessions, INGEST_LOCK) as first:
        # The first instance holds the ingest lease: the second leaves the inbox to it.
        assert first
        with lease(app.sessions, INGEST_LOCK) as second:
            assert not second
        report = run_cycle(app)
        assert report.ingest.seen == 0
        assert len(app.mailbox.fetch_new(None).messages) == 1
    # The lease goes with its holder (a crash drops its connection): now this one takes over.
    report = run_cycle(app)
    assert (report.ingest.handled, report.sent) == (1, 1)


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_message_stored_by_both_instances_at_once_is_stored_once(app: App) -> None:
    put(app, make_mail("Vi anmäler Förskolan Ekorren.\nChef: Anna Berg"))
    (message,) = app.mailbox.fetch_new(None).messages
    raw = app.mailbox.fetch_raw(message.remote_id)
    # The other instance has inserted the same message and not committed yet.
    other = app.sessions()
    row = InboundMessage(
        dedupe_key=ingest.dedupe_key(raw),
        remote_id=message.remote_id,
        received_at=message.received_at,
        raw=raw,
        status="new",
    )
    other.add(row)
    other.flush()
    result: list[tuple[int, bool]] = []
    ours = threading.Thread(target=lambda: result.append(ingest.store(app.sessions, message, raw)))
    ours.start()
    ours.join(1)  # Not a speed check: only gives our insert the chance to start waiting.
    other.commit()
    ours.join(60)
    other.close()
    with app.sessions() as session:
        assert session.scalars(select(InboundMessage.id)).all() == [row.id]
    assert result == [(row.id, False)]


@pytest.mark.postgres
def test_an_instance_starting_while_another_migrates_waits_for_it(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    errors: list[Exception] = []

    def start() -> None:
        try:
            open_database(postgres_url).kw["bind"].dispose()
        except Exception as exc:
            errors.append(exc)

    with engine.connect() as first, first.begin():
        upgrade(first)  # The first instance has created every table, not yet committed.
        second = threading.Thread(target=start)
        second.start()
        second.join(1)  # Not a speed check: lets the second start waiting.
    second.join(120)
    engine.dispose()
    assert errors == []


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_reminders_wait_while_another_instance_has_a_mail_in_hand(
    tmp_path: Path, database_url: str
) -> None:
    # 20 March 2027, 10:00: the sign-up reminder of the outreach list is due.
    clock = FixedClock(datetime(2027, 3, 20, 10, 0, tzinfo=STOCKHOLM))
    app = build_app(make_settings(tmp_path, database_url), clock)
    with app.sessions.begin() as session:
        session.add(OutreachAddress(year=2027, email="rektor@edu.stockholm.se"))
    put(app, make_mail("Vi anmäler Förskolan Ekorren.\nChef: Anna Berg"))
    (message,) = app.mailbox.fetch_new(None).messages
    row_id, _ = ingest.store(app.sessions, message, app.mailbox.fetch_raw(message.remote_id))
    other = app.sessions()
    other.get(InboundMessage, row_id, with_for_update=True)  # The other instance's mail.

    report = run_cycle(app)
    assert report.ingest.waiting == 1
    with app.sessions() as session:
        assert session.scalars(select(OutboxMail.kind)).all() == []
    other.rollback()  # The other instance died with the mail in hand.
    other.close()

    report = run_cycle(app)
    with app.sessions() as session:
        kinds = session.scalars(select(OutboxMail.kind)).all()
        row = session.get(InboundMessage, row_id)
    assert "reminder-signup" in kinds
    assert row is not None and row.status != "new"
    assert report.ingest.waiting == 0
    app.sessions.kw["bind"].dispose()
