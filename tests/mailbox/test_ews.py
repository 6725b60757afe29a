"""The EWS backend against replayed Exchange SOAP answers (requests-mock patches requests,
which exchangelib uses). Each test names the documented response it replays; the shapes
are in ``tests/mailbox/ews_replay.py``."""

from __future__ import annotations

import base64
import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from exchangelib import DELEGATE, NTLM, Account, Configuration, Credentials, FaultTolerance, Version
from exchangelib.version import EXCHANGE_2016

from bot.mail.mailbox.ews import EwsMailbox
from tests.conftest import make_mail
from tests.mailbox import ews_replay as r

requests_mock = pytest.importorskip("requests_mock")

MAILBOX = "kvalitetsutmarkelsen@stockholm.se"


@pytest.fixture
def fake() -> Iterator[r.FakeEws]:
    server = r.FakeEws()
    server.on("GetFolder", r.get_folder("AAMkInbox", "Inkorgen", "inbox"))
    with requests_mock.Mocker() as mocker:
        mocker.post(r.ENDPOINT, text=server)
        yield server


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """exchangelib's back-off sleeps, recorded instead of slept."""
    import exchangelib.util

    waits: list[float] = []

    class _Time:
        @staticmethod
        def sleep(seconds: float) -> None:
            waits.append(seconds)

        monotonic = staticmethod(__import__("time").monotonic)
        time = staticmethod(__import__("time").time)

    monkeypatch.setattr(exchangelib.util, "time", _Time)
    return waits


@pytest.fixture
def ews(fake: r.FakeEws) -> EwsMailbox:
    config = Configuration(
        service_endpoint=r.ENDPOINT,
        credentials=Credentials("STOCKHOLM\\svc-kvalitetsbot", "not-a-real-password"),
        auth_type=NTLM,
        version=Version(EXCHANGE_2016),
        retry_policy=FaultTolerance(max_wait=60),
    )
    account = Account(MAILBOX, config=config, autodiscover=False, access_type=DELEGATE)
    return EwsMailbox(account, watchdog_seconds=30)


def test_first_sync_pages_until_the_last_item_in_range(fake: r.FakeEws, ews: EwsMailbox) -> None:
    """Replays ``SyncFolderItems``: a page with IncludesLastItemInRange=false, then the last."""
    fake.on("SyncFolderItems", r.sync_items("S1", [("AAMkA2", "2027-03-01T08:05:00Z")], last=False))
    fake.on("SyncFolderItems", r.sync_items("S2", [("AAMkA1", "2027-03-01T08:00:00Z")]))
    result = ews.fetch_new(None)
    assert [m.remote_id for m in result.messages] == ["AAMkA1", "AAMkA2"]
    assert result.cursor == "S2"
    assert fake.operations().count("SyncFolderItems") == 2


def test_incremental_sync_sends_the_stored_state(fake: r.FakeEws, ews: EwsMailbox) -> None:
    """Replays ``SyncFolderItems`` answering a request that carried our SyncState."""
    fake.on("SyncFolderItems", r.sync_items("S3", [("AAMkA9", "2027-03-02T07:00:00Z")]))
    result = ews.fetch_new("S2")
    assert [m.remote_id for m in result.messages] == ["AAMkA9"]
    assert b"<m:SyncState>S2</m:SyncState>" in fake.requests[-1][1]
    assert result.cursor == "S3"


def test_invalid_sync_state_resyncs_from_scratch(fake: r.FakeEws, ews: EwsMailbox) -> None:
    """Replays the ``ErrorInvalidSyncStateData`` error of SyncFolderItems, then a full sync."""
    fake.on(
        "SyncFolderItems",
        r.error(
            "SyncFolderItems",
            "ErrorInvalidSyncStateData",
            "The synchronization state data is corrupt or otherwise invalid.",
        ),
    )
    fake.on("SyncFolderItems", r.sync_items("S9", [("AAMkA1", "2027-03-01T08:00:00Z")]))
    result = ews.fetch_new("S-expired")
    assert [m.remote_id for m in result.messages] == ["AAMkA1"]
    assert b"<m:SyncState>" not in fake.requests[-1][1]


def test_server_busy_is_retried_after_the_back_off(
    fake: r.FakeEws, ews: EwsMailbox, slept: list[float]
) -> None:
    """Replays the ErrorServerBusy SOAP fault with BackOffMilliseconds (EWS throttling)."""
    raw = make_mail("Hej")
    fake.on("GetItem", r.server_busy_fault(2000), status=500)
    fake.on("GetItem", r.get_item_mime("AAMkA1", raw))
    assert ews.fetch_raw("AAMkA1") == raw
    assert slept and 0 < max(slept) <= 2.0


def test_transient_503_is_retried_after_retry_after(
    fake: r.FakeEws, ews: EwsMailbox, slept: list[float]
) -> None:
    """Replays an HTTP 503 with ``Retry-After: 3`` from the CAS front end, then GetItem."""
    raw = make_mail("Hej")
    fake.on("GetItem", "", status=503, headers={"Retry-After": "3"})
    fake.on("GetItem", r.get_item_mime("AAMkA1", raw))
    assert ews.fetch_raw("AAMkA1") == raw
    assert slept and max(slept) <= 3.0


def test_large_attachment_is_sent_as_mime_with_a_copy_saved(
    fake: r.FakeEws, ews: EwsMailbox
) -> None:
    """Replays ``FindItem`` (no earlier copy in Sent Items) and ``CreateItem`` with
    MessageDisposition=SendAndSaveCopy answering an empty success (documented for sends)."""
    mail = email.message_from_bytes(make_mail("Bidraget"), policy=email.policy.default)
    assert isinstance(mail, EmailMessage)
    mail.add_attachment(
        b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024),
        maintype="application",
        subtype="pdf",
        filename="bidrag.pdf",
    )
    raw = mail.as_bytes()
    fake.on("GetFolder", r.get_folder("AAMkSent", "Skickat", "sentitems"))
    fake.on("FindItem", r.find_nothing())
    fake.on("CreateItem", r.create_item_sent())
    ews.send(raw, "big@stockholm.se", ["anna@example.se"])
    body = fake.requests[-1][1]
    assert b'MessageDisposition="SendAndSaveCopy"' in body
    assert base64.b64encode(raw)[:2000] in body
