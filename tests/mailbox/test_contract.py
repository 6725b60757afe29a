"""The contract every mailbox backend keeps, run against the embedded Maildir, a real IMAP
(Dovecot) + SMTP server, and Graph and EWS against stateful fakes that replay the
documented HTTP responses (``graph_fake.py``, ``ews_fake.py``; every 7th request there is
throttled or refused with a transient 503). The workflow relies on exactly these
behaviours."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from email.message import EmailMessage

from bot.clock import FixedClock
from bot.mail.mailbox import Mailbox
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


def test_no_cursor_lists_the_whole_inbox_again_on_the_same_backend(
    harness: Harness, clock: FixedClock
) -> None:
    """``fetch_new(None)`` is a full sync even after earlier syncs by the same object (the
    resync after an expired cursor depends on it)."""
    box = harness.open()
    box.ensure_folders(FOLDERS)
    for i in range(3):
        harness.deliver(make_mail(f"Mail {i}", subject=f"S{i}"), clock.now() + timedelta(seconds=i))
    first = box.fetch_new(None)
    box.fetch_new(first.cursor)  # An incremental sync moves the server-side state on.
    again = box.fetch_new(None)
    assert [m.remote_id for m in again.messages] == [m.remote_id for m in first.messages]
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


def test_a_large_attachment_is_sent_whole(harness: Harness) -> None:
    """Over Graph's 3 MB sendMail limit: a draft plus an upload session in two chunks."""
    mail = email.message_from_bytes(
        make_mail(
            "Bidraget bifogas", sender="kvalitetsutmarkelsen@stockholm.se", to="anna@example.se"
        ),
        policy=email.policy.default,
    )
    assert isinstance(mail, EmailMessage)
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * (14 * 1024)  # 3.5 MiB: over one chunk
    mail.add_attachment(pdf, maintype="application", subtype="pdf", filename="bidrag.pdf")
    raw = mail.as_bytes()
    box = harness.open()
    box.ensure_folders(FOLDERS)
    box.send(raw, _mid(raw), ["anna@example.se"])
    [sent] = harness.folder("Sent")
    copy = email.message_from_bytes(sent, policy=email.policy.default)
    assert isinstance(copy, EmailMessage)
    [attached] = list(copy.iter_attachments())
    assert attached.get_filename() == "bidrag.pdf"
    assert attached.get_content() == pdf
    close(box)
