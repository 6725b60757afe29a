"""The Microsoft Graph backend, for Exchange Online.

New mail comes from the ``messages/delta`` query on the inbox; the delta link is the
cursor, and when Graph has forgotten it (410 Gone) the inbox is synced from scratch, which
the ingest pipeline's dedupe makes harmless. Every request asks for immutable ids so a
message keeps its id when moved. Raw MIME comes from ``/$value``; mail is sent as MIME
through ``sendMail``, or, above 3 MB, as a draft whose attachments go through upload
sessions. Throttling answers (429, 503, 504) are retried after ``Retry-After``; at most
four requests run at once per mailbox and at most 30 mails go out a minute, Exchange
Online's limits.
"""

from __future__ import annotations

import base64
import email
import email.parser
import email.policy
import email.utils
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage, Message
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from bot.mail.mailbox.base import FetchResult, MailboxError, RemoteMessage, resolve

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Settings

MIME_LIMIT = 3 * 1024 * 1024  # sendMail takes at most 4 MB; base64 grows MIME by a third.
CHUNK = 320 * 1024 * 10  # Upload-session chunks must be multiples of 320 KiB.
RETRY_STATUSES = {429, 503, 504}
MAX_RETRIES = 5
SENDS_PER_MINUTE = 30


@dataclass(frozen=True)
class GraphConfig:
    base_url: str
    mailbox: str
    sent_folder_id: str = "sentitems"  # Graph's well-known name; sendMail saves there.
    timeout: float = 60.0


class SendRate:
    """At most ``limit`` sends in any 60 seconds, waiting when the window is full."""

    def __init__(
        self,
        limit: int = SENDS_PER_MINUTE,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limit, self.monotonic, self.sleep = limit, monotonic, sleep
        self.sent: deque[float] = deque()

    def wait(self) -> None:
        now = self.monotonic()
        while self.sent and now - self.sent[0] >= 60:
            self.sent.popleft()
        if len(self.sent) >= self.limit:
            self.sleep(60 - (now - self.sent[0]))
            self.sent.popleft()
        self.sent.append(self.monotonic())


class GraphMailbox:
    """One Exchange Online mailbox through Microsoft Graph."""

    name = "graph"

    def __init__(
        self,
        config: GraphConfig,
        token: Callable[[], str],
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rate: SendRate | None = None,
    ) -> None:
        self.config, self.token, self.sleep = config, token, sleep
        self.rate = rate or SendRate(sleep=sleep)
        self.client = httpx.Client(timeout=config.timeout, transport=transport)
        self._slots = threading.BoundedSemaphore(4)  # Graph's per-mailbox concurrency limit.
        self._folder_ids: dict[str, str] = {}

    # HTTP -------------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        return f"{self.config.base_url}/users/{quote(self.config.mailbox)}{path}"

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """One request with auth and immutable ids, retried on throttling answers."""
        headers = {
            "Authorization": f"Bearer {self.token()}",
            "Prefer": 'IdType="ImmutableId"',
            **kwargs.pop("headers", {}),
        }
        for attempt in range(MAX_RETRIES + 1):
            try:
                with self._slots:
                    response = self.client.request(method, url, headers=headers, **kwargs)
            except httpx.HTTPError as exc:
                raise MailboxError(f"Graph: {type(exc).__name__}") from None
            if response.status_code not in RETRY_STATUSES or attempt == MAX_RETRIES:
                return response
            self.sleep(_retry_after(response, attempt))
        raise AssertionError("unreachable")

    def _ok(self, response: httpx.Response, *expected: int) -> httpx.Response:
        if response.status_code not in (expected or (200,)):
            code = _error_code(response)
            raise MailboxError(f"Graph answered {response.status_code} {code}".strip())
        return response

    # Reading ----------------------------------------------------------------------------

    def fetch_new(self, cursor: str | None) -> FetchResult:
        try:
            return self._delta(cursor)
        except DeltaExpired:
            # Graph forgot our sync state; a full sync re-lists the inbox, dedupe skips it.
            return self._delta(None)

    def _delta(self, cursor: str | None) -> FetchResult:
        url = cursor or self._url(
            "/mailFolders/inbox/messages/delta?$select=receivedDateTime,internetMessageId"
        )
        messages: list[RemoteMessage] = []
        while True:
            response = self.request("GET", url, headers={"Prefer": _prefer_page()})
            if response.status_code == 410 or _error_code(response) == "syncStateNotFound":
                if cursor is None:
                    raise MailboxError("Graph refused a fresh delta query")
                raise DeltaExpired
            page = self._ok(response).json()
            messages += [_remote(item) for item in page["value"] if "@removed" not in item]
            if "@odata.nextLink" in page:
                url = page["@odata.nextLink"]
                continue
            messages.sort(key=lambda m: (m.received_at, m.remote_id))
            return FetchResult(messages, page["@odata.deltaLink"])

    def fetch_raw(self, remote_id: str) -> bytes:
        response = self.request("GET", self._url(f"/messages/{quote(remote_id)}/$value"))
        if response.status_code == 404:
            raise MailboxError("message is no longer in the mailbox")
        return self._ok(response).content

    # Moving -----------------------------------------------------------------------------

    def move(self, remote_id: str, folder: str) -> None:
        body = {"destinationId": self._folder_id(folder)}
        url = self._url(f"/messages/{quote(remote_id)}/move")
        response = self.request("POST", url, json=body)
        if response.status_code == 404:
            return  # Already moved and gone from where we looked: a repeat is a no-op.
        self._ok(response, 200, 201)

    def _folder_id(self, folder: str) -> str:
        if folder not in self._folder_ids:
            self._folder_ids[folder] = self._find_or_create(folder)
        return self._folder_ids[folder]

    def _find_or_create(self, folder: str) -> str:
        name = folder.replace("'", "''")
        url = self._url(f"/mailFolders?$filter=displayName eq '{name}'")
        found = self._ok(self.request("GET", url)).json()["value"]
        if found:
            return str(found[0]["id"])
        created = self.request("POST", self._url("/mailFolders"), json={"displayName": folder})
        return str(self._ok(created, 201).json()["id"])

    def ensure_folders(self, folders: Sequence[str]) -> None:
        for folder in folders:
            if folder.lower() not in {"sent", "sent items", "sentitems"}:
                self._folder_id(folder)

    # Sending ----------------------------------------------------------------------------

    def send(self, raw: bytes, message_id: str, recipients: Sequence[str]) -> None:
        if not recipients:
            raise MailboxError("a mail needs at least one recipient")
        # Graph delivers a MIME mail to the addresses in its own headers, not to a list
        # given beside it: a recipient missing from them would silently get nothing.
        missing = {r.lower() for r in recipients} - _header_recipients(raw)
        if missing:
            raise MailboxError(
                f"{len(missing)} recipient(s) are not in the mail's To/Cc/Bcc headers"
            )
        if self.already_sent(message_id):
            return
        self.rate.wait()
        if len(raw) <= MIME_LIMIT:
            self._send_mime(raw)
        else:
            self._send_large(raw)

    def already_sent(self, message_id: str) -> bool:
        """Whether Sent Items holds a mail with this Message-ID (a retry after a crash)."""
        mid = "<" + message_id.strip("<>") + ">"
        folder = self.config.sent_folder_id
        url = self._url(f"/mailFolders/{folder}/messages")
        params = {"$filter": f"internetMessageId eq '{mid}'", "$select": "id"}
        return bool(self._ok(self.request("GET", url, params=params)).json()["value"])

    def _send_mime(self, raw: bytes) -> None:
        # sendMail takes the whole MIME message base64-encoded as text/plain.
        response = self.request(
            "POST",
            self._url("/sendMail"),
            content=base64.b64encode(raw),
            headers={"Content-Type": "text/plain"},
        )
        self._ok(response, 202)

    def _send_large(self, raw: bytes) -> None:
        """A draft from the MIME without its attachments, attachments by upload session."""
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        attachments = [part for part in message.iter_attachments() if isinstance(part, Message)]
        if attachments:
            _strip(message)
        draft = self.request(
            "POST",
            self._url("/messages"),
            content=base64.b64encode(message.as_bytes()),
            headers={"Content-Type": "text/plain"},
        )
        draft_id = str(self._ok(draft, 201).json()["id"])
        for part in attachments:
            self._upload(draft_id, part)
        self._ok(self.request("POST", self._url(f"/messages/{quote(draft_id)}/send")), 202)

    def _upload(self, draft_id: str, part: Message) -> None:
        data = part.get_payload(decode=True)
        assert isinstance(data, bytes)
        item = {
            "attachmentType": "file",
            "name": part.get_filename() or "bilaga",
            "size": len(data),
            "contentType": part.get_content_type(),
        }
        url = self._url(f"/messages/{quote(draft_id)}/attachments/createUploadSession")
        session = self._ok(self.request("POST", url, json={"AttachmentItem": item}), 201)
        upload_url = session.json()["uploadUrl"]
        for start in range(0, len(data), CHUNK):
            chunk = data[start : start + CHUNK]
            end = start + len(chunk) - 1
            # The upload URL carries its own authorisation; a bearer token there is refused.
            response = self.client.put(
                upload_url,
                content=chunk,
                headers={"Content-Range": f"bytes {start}-{end}/{len(data)}"},
            )
            self._ok(response, 200, 201)


class DeltaExpired(Exception):
    """Graph no longer knows the delta link; a full sync is needed."""


def _strip(message: EmailMessage) -> None:
    # Keep the text and HTML bodies (and their structure) and drop the attached files.
    payload = message.get_payload()
    assert isinstance(payload, list)
    kept = [
        part
        for part in payload
        if isinstance(part, Message) and part.get_content_disposition() != "attachment"
    ]
    message.set_payload(kept)  # type: ignore[arg-type]


def _prefer_page() -> str:
    return 'IdType="ImmutableId", odata.maxpagesize=50'


def _remote(item: dict[str, Any]) -> RemoteMessage:
    received = datetime.fromisoformat(item["receivedDateTime"].replace("Z", "+00:00"))
    return RemoteMessage(str(item["id"]), received)


def _retry_after(response: httpx.Response, attempt: int) -> float:
    value = response.headers.get("Retry-After", "")
    if value.isdigit():
        return float(value)
    return float(min(2**attempt, 60))  # No hint: back off exponentially.


def _error_code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error", {}).get("code", ""))
    except ValueError:
        return ""


def msal_token(tenant: str, client_id: str, secret: str) -> Callable[[], str]:
    """A token provider for the client-credentials flow; msal caches and renews the token."""
    import msal

    app = msal.ConfidentialClientApplication(
        client_id,
        authority=f"https://login.microsoftonline.com/{tenant}",
        client_credential=secret,
        token_cache=msal.TokenCache(),
    )

    def token() -> str:
        result = app.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])
        if "access_token" not in result:
            # The error code names the problem (e.g. invalid_client); never the secret.
            raise MailboxError(f"Entra ID refused the app: {result.get('error', 'unknown')}")
        return str(result["access_token"])

    return token


def _header_recipients(raw: bytes) -> set[str]:
    headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    values = [str(v) for name in ("To", "Cc", "Bcc") for v in headers.get_all(name, [])]
    return {addr.lower() for _, addr in email.utils.getaddresses(values) if addr}


def from_settings(settings: Settings, clock: Clock) -> GraphMailbox:
    s = settings
    if not (s.graph_tenant_id and s.graph_client_id):
        raise MailboxError("KB_GRAPH_TENANT_ID and KB_GRAPH_CLIENT_ID must be set for graph.")
    secret = resolve(s.graph_client_secret, s.graph_client_secret_file, "KB_GRAPH_CLIENT_SECRET")
    config = GraphConfig(
        s.graph_url.rstrip("/"),
        s.graph_mailbox or s.bot_address,
        timeout=float(s.mailbox_timeout_seconds),
    )
    return GraphMailbox(config, msal_token(s.graph_tenant_id, s.graph_client_id, secret))
