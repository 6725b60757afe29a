"""Graph and EWS against their stateful replaying fakes, for what only these backends have:
a cursor the server has forgotten, and the large-mail path of Graph. The fakes replay the
documented response shapes named in ``graph_fake.py`` and ``ews_fake.py``."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from email.message import EmailMessage

import pytest

from bot.clock import FixedClock
from tests.conftest import make_mail
from tests.mailbox.conftest import Harness
from tests.mailbox.ews_fake import FakeEws
from tests.mailbox.graph_fake import FakeGraph


@pytest.fixture(params=["graph", "ews"])
def replayed(request: pytest.FixtureRequest) -> Harness:
    harness: Harness = request.getfixturevalue(f"{request.param}_harness")
    return harness


def test_a_forgotten_cursor_resyncs_the_whole_inbox(replayed: Harness, clock: FixedClock) -> None:
    """Replays Graph's 410 Gone ``SyncStateNotFound`` for a delta token, and EWS's
    ``ErrorInvalidSyncStateData`` for a SyncState, followed by a full first sync."""
    for i in range(3):
        replayed.deliver(
            make_mail(f"Mail {i}", subject=f"S{i}"), clock.now() + timedelta(seconds=i)
        )
    box = replayed.open()
    first = box.fetch_new(None)
    assert len(first.messages) == 3
    server = replayed.server
    if isinstance(server, FakeGraph):
        server.expire_tokens()
    else:
        assert isinstance(server, FakeEws)
        server.expire_states()
    again = box.fetch_new(first.cursor)
    # Everything still in the inbox comes again; the ingest pipeline's dedupe skips it.
    assert [m.remote_id for m in again.messages] == [m.remote_id for m in first.messages]
    assert again.cursor and again.cursor != first.cursor
    assert box.fetch_new(again.cursor).messages == []


def test_throttling_answers_were_waited_out(replayed: Harness, clock: FixedClock) -> None:
    """Every 7th request is refused (429 ``ApplicationThrottled`` / ``ErrorServerBusy``,
    then 503 with ``Retry-After``); the backend waits as told and goes on."""
    for i in range(10):
        replayed.deliver(
            make_mail(f"Mail {i}", subject=f"S{i}"), clock.now() + timedelta(seconds=i)
        )
    box = replayed.open()
    result = box.fetch_new(None)
    for message in result.messages:
        box.fetch_raw(message.remote_id)
    assert len(result.messages) == 10
    assert len(replayed.server.throttled) >= 2
    assert len(replayed.slept) == len(replayed.server.throttled)
    assert all(0 < wait <= 3.0 for wait in replayed.slept)


def test_graph_sends_a_large_mail_through_a_draft_and_an_upload_session(
    graph_harness: Harness,
) -> None:
    """Replays ``Create message`` from MIME, ``attachment: createUploadSession`` and the
    chunk PUTs (200 with ``nextExpectedRanges``, then 201), then ``message: send``."""
    mail = email.message_from_bytes(
        make_mail("Bidraget", to="anna@example.se"), policy=email.policy.default
    )
    assert isinstance(mail, EmailMessage)
    mail.add_attachment(b"0" * (4 * 1024 * 1024), maintype="application", subtype="pdf")
    graph_harness.open().send(mail.as_bytes(), "big@stockholm.se", ["anna@example.se"])
    log: list[str] = graph_harness.server.log
    assert not any(line.endswith("/sendMail") for line in log)
    assert sum(line.startswith("PUT ") for line in log) == 2
    assert log[-1].endswith("/send")
    assert len(graph_harness.folder("Sent")) == 1
