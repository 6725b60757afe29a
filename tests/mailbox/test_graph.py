"""The Graph backend against replayed Microsoft Graph responses (respx patches httpx).

Every response here replays a shape documented on learn.microsoft.com: ``message: delta``
(pages joined by ``@odata.nextLink``, the last one ending in ``@odata.deltaLink``,
removals as ``@removed``), ``Get MIME content of a message`` (``/$value``),
``message: move`` (201 with the moved message), ``mailFolder`` list/create, ``user:
sendMail`` with MIME (202), ``attachment: createUploadSession`` (201 with ``uploadUrl``;
chunk PUTs answer 200 with ``nextExpectedRanges``, the last one 201), and the throttling
guidance (429 or 503 with ``Retry-After`` in seconds).
"""

from __future__ import annotations

import base64
import email
import email.policy
from email.message import EmailMessage

import httpx
import pytest

from bot.mail.mailbox import MailboxError
from bot.mail.mailbox.graph import GraphConfig, GraphMailbox, SendRate
from tests.conftest import make_mail

respx = pytest.importorskip("respx")

BASE = "https://graph.microsoft.com/v1.0"
USER = f"{BASE}/users/kvalitetsutmarkelsen%40stockholm.se"
DELTA = f"{USER}/mailFolders/inbox/messages/delta"
NEXT = f"{DELTA}?$skiptoken=page2"
DELTA_LINK = f"{DELTA}?$deltatoken=LztZwWjo5IivWBhyxw5rACKxf7mPm0oW6JZZ7fvKxYPS_67JnEYmfQQMPccy6FRun0DWJF5775dvuEvFm_iEwxvP9Wo"


def _message(mid: str, received: str) -> dict[str, str]:
    return {
        "@odata.type": "#microsoft.graph.message",
        "@odata.etag": 'W/"CQAAABYAAAARn2vdzPHTRp9+4KxR2Q9lAAAF2Lko"',
        "id": mid,
        "receivedDateTime": received,
        "internetMessageId": f"<{mid}@edu.stockholm.se>",
    }


def _page(values: list[dict[str, object]], **links: str) -> dict[str, object]:
    return {"@odata.context": f"{BASE}/$metadata#Collection(message)", "value": values, **links}


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def graph(slept: list[float]) -> GraphMailbox:
    config = GraphConfig(BASE, "kvalitetsutmarkelsen@stockholm.se")
    return GraphMailbox(config, lambda: "eyJ0eXAi.token", sleep=slept.append)


@respx.mock
def test_first_sync_follows_pages_and_keeps_the_delta_link(graph: GraphMailbox) -> None:
    """Replays ``message: delta`` (initial round): two pages, the second with a removal."""
    # The page-2 route goes first: respx matches the bare delta URL with any query.
    respx.get(NEXT).mock(
        return_value=httpx.Response(
            200,
            json=_page(
                [
                    _message("AAk3", "2027-03-01T09:10:00Z"),
                    {"id": "AAk0", "@removed": {"reason": "deleted"}},
                ],
                **{"@odata.deltaLink": DELTA_LINK},
            ),
        )
    )
    first = respx.get(DELTA).mock(
        return_value=httpx.Response(
            200,
            json=_page(
                [
                    _message("AAk2", "2027-03-01T09:05:00Z"),
                    _message("AAk1", "2027-03-01T09:00:00Z"),
                ],
                **{"@odata.nextLink": NEXT},
            ),
        )
    )
    result = graph.fetch_new(None)
    assert [m.remote_id for m in result.messages] == ["AAk1", "AAk2", "AAk3"]
    assert result.cursor == DELTA_LINK
    for call in respx.calls:
        assert 'IdType="ImmutableId"' in call.request.headers["Prefer"]
        assert call.request.headers["Authorization"] == "Bearer eyJ0eXAi.token"
    assert first.calls.last.request.url.params["$select"] == "receivedDateTime,internetMessageId"


@respx.mock
def test_incremental_sync_uses_the_stored_delta_link(graph: GraphMailbox) -> None:
    """Replays ``message: delta`` (next round): one new message and a fresh delta link."""
    newer = DELTA_LINK + "next"
    respx.get(DELTA_LINK).mock(
        return_value=httpx.Response(
            200,
            json=_page([_message("AAk9", "2027-03-02T08:00:00Z")], **{"@odata.deltaLink": newer}),
        )
    )
    result = graph.fetch_new(DELTA_LINK)
    assert [m.remote_id for m in result.messages] == ["AAk9"]
    assert result.cursor == newer


@respx.mock
def test_expired_delta_link_resyncs_from_scratch(graph: GraphMailbox) -> None:
    """Replays the documented 410 Gone for a delta token Graph no longer holds."""
    respx.get(DELTA_LINK).mock(
        return_value=httpx.Response(
            410,
            json={
                "error": {"code": "SyncStateNotFound", "message": "The sync state is not found."}
            },
        )
    )
    respx.get(DELTA).mock(
        return_value=httpx.Response(
            200,
            json=_page(
                [_message("AAk1", "2027-03-01T09:00:00Z")], **{"@odata.deltaLink": DELTA_LINK + "2"}
            ),
        )
    )
    result = graph.fetch_new(DELTA_LINK)
    assert [m.remote_id for m in result.messages] == ["AAk1"]
    assert result.cursor == DELTA_LINK + "2"


@respx.mock
def test_throttling_waits_for_retry_after(graph: GraphMailbox, slept: list[float]) -> None:
    """Replays the throttling guidance: 429 TooManyRequests with ``Retry-After: 7``."""
    throttled = httpx.Response(
        429,
        headers={"Retry-After": "7"},
        json={
            "error": {
                "code": "ApplicationThrottled",
                "message": "Application is over its MailboxConcurrency limit.",
            }
        },
    )
    respx.get(f"{USER}/messages/AAk1/$value").mock(
        side_effect=[throttled, httpx.Response(200, content=b"Subject: Hej\r\n\r\nHej\r\n")]
    )
    assert graph.fetch_raw("AAk1").startswith(b"Subject: Hej")
    assert slept == [7.0]


@respx.mock
def test_transient_503_is_retried(graph: GraphMailbox, slept: list[float]) -> None:
    """Replays 503 Service Unavailable with ``Retry-After: 2`` followed by the MIME body."""
    respx.get(f"{USER}/messages/AAk1/$value").mock(
        side_effect=[
            httpx.Response(503, headers={"Retry-After": "2"}),
            httpx.Response(200, content=b"Subject: Hej\r\n\r\nHej\r\n"),
        ]
    )
    graph.fetch_raw("AAk1")
    assert slept == [2.0]


@respx.mock
def test_persistent_failure_is_a_mailbox_error(graph: GraphMailbox) -> None:
    """Replays 503 on every attempt: after the retries the caller gets a MailboxError."""
    respx.get(f"{USER}/messages/AAk1/$value").mock(return_value=httpx.Response(503))
    with pytest.raises(MailboxError):
        graph.fetch_raw("AAk1")


@respx.mock
def test_move_finds_or_creates_the_folder_and_repeats_harmlessly(graph: GraphMailbox) -> None:
    """Replays ``mailFolder`` list (empty, filtered by displayName), create (201) and
    ``message: move`` (201, then 404 ErrorItemNotFound for a message already gone)."""
    respx.get(f"{USER}/mailFolders").mock(return_value=httpx.Response(200, json=_page([])))
    create = respx.post(f"{USER}/mailFolders").mock(
        return_value=httpx.Response(201, json={"id": "AAMkFolder=", "displayName": "Karantän"})
    )
    move = respx.post(f"{USER}/messages/AAk1/move").mock(
        side_effect=[
            httpx.Response(201, json=_message("AAk1", "2027-03-01T09:00:00Z")),
            httpx.Response(404, json={"error": {"code": "ErrorItemNotFound"}}),
        ]
    )
    graph.move("AAk1", "Karantän")
    graph.move("AAk1", "Karantän")
    assert create.call_count == 1
    assert move.calls.last.request.content == b'{"destinationId":"AAMkFolder="}'


def _sent_items(found: bool) -> respx.Route:
    return respx.get(f"{USER}/mailFolders/sentitems/messages").mock(
        return_value=httpx.Response(200, json=_page([{"id": "AAs1"}] if found else []))
    )


@respx.mock
def test_send_posts_base64_mime_and_skips_a_message_id_already_sent(graph: GraphMailbox) -> None:
    """Replays ``user: sendMail`` with MIME content (202 Accepted) and a Sent Items query."""
    raw = make_mail("Kvitto", sender="kvalitetsutmarkelsen@stockholm.se", to="anna@example.se")
    send = respx.post(f"{USER}/sendMail").mock(return_value=httpx.Response(202))
    _sent_items(found=False)
    graph.send(raw, "m1@stockholm.se", ["anna@example.se"])
    assert base64.b64decode(send.calls.last.request.content) == raw
    assert send.calls.last.request.headers["Content-Type"] == "text/plain"
    _sent_items(found=True)
    graph.send(raw, "m1@stockholm.se", ["anna@example.se"])
    assert send.call_count == 1


@respx.mock
def test_a_recipient_missing_from_the_headers_is_refused_before_anything_is_sent(
    graph: GraphMailbox,
) -> None:
    """sendMail with MIME delivers to the mail's own headers; a recipient given only beside
    the mail would get nothing, so the backend refuses instead of losing that mail."""
    raw = make_mail("Kvitto", sender="kvalitetsutmarkelsen@stockholm.se", to="anna@example.se")
    send = respx.post(f"{USER}/sendMail").mock(return_value=httpx.Response(202))
    with pytest.raises(MailboxError, match="not in the mail's To/Cc/Bcc"):
        graph.send(raw, "m2@stockholm.se", ["Anna@Example.se", "karin@example.se"])
    assert send.call_count == 0


@respx.mock
def test_large_attachment_goes_through_a_draft_and_an_upload_session(graph: GraphMailbox) -> None:
    """Replays ``Create message`` from MIME (201), ``attachment: createUploadSession`` (201,
    ``uploadUrl``), chunk PUTs (200 with ``nextExpectedRanges``, then 201) and ``send`` (202)."""
    raw = make_mail("Bidraget bifogas", to="anna@example.se")
    mail = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(mail, EmailMessage)
    big = bytes(range(256)) * (5 * 4096)  # 5 MiB
    mail.add_attachment(big, maintype="application", subtype="pdf", filename="bidrag.pdf")
    _sent_items(found=False)
    draft = respx.post(f"{USER}/messages").mock(
        return_value=httpx.Response(201, json={"id": "AAd1"})
    )
    respx.post(f"{USER}/messages/AAd1/attachments/createUploadSession").mock(
        return_value=httpx.Response(
            201,
            json={
                "@odata.context": f"{BASE}/$metadata#microsoft.graph.uploadSession",
                "uploadUrl": "https://outlook.office.com/api/v2.0/Users('x')/Messages('AAd1')/AttachmentSessions('AAs')?authtoken=eyJ",
                "expirationDateTime": "2027-03-01T10:00:00Z",
                "nextExpectedRanges": ["0-"],
            },
        )
    )
    chunks = respx.put(url__startswith="https://outlook.office.com/api/v2.0/").mock(
        side_effect=[
            httpx.Response(200, json={"nextExpectedRanges": ["3276800"]}),
            httpx.Response(201),
        ]
    )
    send = respx.post(f"{USER}/messages/AAd1/send").mock(return_value=httpx.Response(202))
    graph.send(mail.as_bytes(), "big@stockholm.se", ["anna@example.se"])
    assert b"bidrag.pdf" not in base64.b64decode(draft.calls.last.request.content)
    ranges = [c.request.headers["Content-Range"] for c in chunks.calls]
    assert ranges == ["bytes 0-3276799/5242880", "bytes 3276800-5242879/5242880"]
    assert all("Authorization" not in c.request.headers for c in chunks.calls)
    assert b"".join(c.request.content for c in chunks.calls) == big
    assert send.call_count == 1


def test_at_most_thirty_mails_a_minute() -> None:
    clock = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    rate = SendRate(monotonic=lambda: clock[0], sleep=sleep)
    for _ in range(31):
        rate.wait()
        clock[0] += 0.5
    assert slept == [pytest.approx(45.0)]
