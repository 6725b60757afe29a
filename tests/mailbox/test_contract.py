"""The contract every mailbox backend keeps, run against the embedded Maildir and against a
real IMAP (Dovecot) + SMTP server. The workflow relies on exactly these behaviours."""

from __future__ import annotations

import email
from datetime import timedelta

from bot.clock import FixedClock
from bot.mailbox import Mailbox
from tests.conftest import make_mail
from tests.mailbox.conftest import Harness, close

FOLDERS = ["Behandlat", "Granska", "Karantän", "Sent"]


def _mid(raw: bytes) -> str:
    return str(email.message_from_bytes(raw)["Message-ID"]).strip("<>")


def _drain(box: Mailbox, cursor: str | None) -> tuple[list[bytes], str | None]:
    result = box.fetch_new(cursor)
    return [box.fetch_raw(m.remote_id) for m in result.messages], result.cursor


def test_new_mail_is_fetched_oldest_first_with_raw_mime(
    harness: Harness, clock: FixedClock
) -> None:
    mails = [make_mail(f"Mail {i}", subject=f"Nr {i}") for i in range(3)]
    for i, raw in enumerate(mails):
        harness.deliver(raw, clock.now() + timedelta(minutes=i))
    box = harness.open()
    box.ensure_folders(FOLDERS)
    raws, _cursor = _drain(box, None)
    assert [_mid(r) for r in raws] == [_mid(r) for r in mails]
    assert raws[0].replace(b"\r\n", b"\n") == mails[0].replace(b"\r\n", b"\n")
    close(box)


def test_moved_mail_leaves_the_inbox_and_moving_twice_is_harmless(
    harness: Harness, clock: FixedClock
) -> None:
    harness.deliver(make_mail("Hej"), clock.now())
    box = harness.open()
    box.ensure_folders(FOLDERS)
    result = box.fetch_new(None)
    remote = result.messages[0].remote_id
    box.move(remote, "Karantän")
    box.move(remote, "Karantän")
    assert box.fetch_new(None).messages == []
    assert len(harness.folder("Karantän")) == 1
    close(box)


def test_cursor_returns_only_what_arrived_since(harness: Harness, clock: FixedClock) -> None:
    box = harness.open()
    box.ensure_folders(FOLDERS)
    harness.deliver(make_mail("Först", subject="A"), clock.now())
    first = box.fetch_new(None)
    for message in first.messages:
        box.move(message.remote_id, "Behandlat")
    harness.deliver(make_mail("Sedan", subject="B"), clock.now() + timedelta(minutes=1))
    raws, _ = _drain(box, first.cursor)
    assert [email.message_from_bytes(r)["Subject"] for r in raws] == ["B"]
    close(box)


def test_restart_in_the_middle_of_a_batch_resumes_from_the_stored_cursor(
    harness: Harness, clock: FixedClock
) -> None:
    """A new backend object with the old cursor sees every message not yet moved."""
    for i in range(4):
        harness.deliver(make_mail(f"Mail {i}", subject=f"S{i}"), clock.now() + timedelta(seconds=i))
    box = harness.open()
    box.ensure_folders(FOLDERS)
    batch = box.fetch_new(None)
    for message in batch.messages[:2]:
        box.move(message.remote_id, "Behandlat")
    close(box)  # "Crash": the cursor of this batch was never saved.
    again = harness.open()
    raws, _ = _drain(again, None)
    assert [email.message_from_bytes(r)["Subject"] for r in raws] == ["S2", "S3"]
    close(again)


def test_send_keeps_one_copy_in_sent_per_message_id(harness: Harness) -> None:
    box = harness.open()
    box.ensure_folders(FOLDERS)
    raw = make_mail("Kvitto", sender="kvalitetsutmarkelsen@stockholm.se", to="anna@example.se")
    box.send(raw, _mid(raw), ["anna@example.se"])
    box.send(raw, _mid(raw), ["anna@example.se"])  # A retry after a crash.
    assert [_mid(r) for r in harness.folder("Sent")] == [_mid(raw)]
    close(box)
