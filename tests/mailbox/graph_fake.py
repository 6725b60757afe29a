"""A small stateful Microsoft Graph mail server at the HTTP level, for the contract suite.

It keeps a dict of folders → messages and answers with the response shapes documented on
learn.microsoft.com for the operations the Graph backend uses:

- ``message: delta`` on ``/mailFolders/inbox/messages/delta``: pages of at most
  ``page_size`` messages joined by ``@odata.nextLink`` (``$skiptoken``), the last page
  ending in ``@odata.deltaLink`` (``$deltatoken``); a later round lists what was added
  since and the removals as ``@removed`` entries; an unknown token answers 410 Gone with
  ``SyncStateNotFound`` ("Get incremental changes to messages in a folder").
- ``Get MIME content of a message``: ``GET /messages/{id}/$value`` with the raw MIME.
- ``message: move``: 201 with the moved message; its id is unchanged when the request
  prefers ``IdType="ImmutableId"`` ("Obtain immutable identifiers for Outlook
  resources"), otherwise it gets a new one; an unknown id answers 404 ErrorItemNotFound.
- ``List mailFolders`` with ``$filter=displayName eq '…'`` and ``Create mailFolder``
  (201, or 409 ErrorFolderExists).
- ``List messages`` in the well-known ``sentitems`` folder filtered by
  ``internetMessageId``.
- ``user: sendMail`` with base64 MIME as ``text/plain`` (202; the copy lands in Sent Items).
- ``Create message`` from MIME (201, a draft), ``attachment: createUploadSession`` (201
  with ``uploadUrl``), the chunk PUTs (200 with ``nextExpectedRanges``, the last 201) and
  ``message: send`` (202, the draft moves to Sent Items).
- The throttling guidance: with ``throttle_every`` set, every n-th request is refused
  with 429 ``ApplicationThrottled`` or 503 ``ServiceUnavailable``, alternately, each with
  ``Retry-After`` in seconds; the refused request changes nothing.
"""

from __future__ import annotations

import base64
import email
import email.policy
import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

BASE = "https://graph.microsoft.com/v1.0"
UPLOAD = "https://outlook.office.com/api/v2.0/AttachmentSessions/"
WELL_KNOWN = {"inbox": "Inbox", "sentitems": "Sent Items", "drafts": "Drafts"}


@dataclass
class Stored:
    raw: bytes
    received: datetime


@dataclass
class Upload:
    draft: str
    name: str
    content_type: str
    size: int
    data: bytearray = field(default_factory=bytearray)


def _json(status: int, body: object, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def _error(status: int, code: str, message: str) -> httpx.Response:
    return _json(status, {"error": {"code": code, "message": message}})


class FakeGraph:
    """The mailbox ``mailbox`` as Graph shows it; ``handle`` is a respx side effect."""

    def __init__(self, mailbox: str, *, page_size: int = 2, throttle_every: int = 0) -> None:
        self.user = f"{BASE}/users/{mailbox}"
        self.page_size, self.throttle_every = page_size, throttle_every
        # Folder id → message id → message; well-known folders are keyed by their name.
        self.folders: dict[str, dict[str, Stored]] = {name: {} for name in WELL_KNOWN}
        self.names: dict[str, str] = dict(WELL_KNOWN)
        self.tokens: dict[str, frozenset[str]] = {}  # delta/skip token → ids reported
        self.uploads: dict[str, Upload] = {}
        self.sent_to: list[list[str]] = []
        self.throttled: list[int] = []
        self.log: list[str] = []  # "METHOD path" of every request answered
        self._ids = itertools.count(1)
        self._requests = 0

    # Test-side view ---------------------------------------------------------------------

    def _new_id(self, kind: str = "AAMkAGI2") -> str:
        # Immutable ids are long URL-safe base64 strings; keep that look.
        return f"{kind}THm{next(self._ids):05d}AAAiIsqMbYjsT5e-T7KzowPTAAAYbvsHAAA="

    def deliver(self, raw: bytes, received: datetime) -> None:
        mid = self._new_id()
        self.folders["inbox"][mid] = Stored(raw, received)

    def folder_raws(self, name: str) -> list[bytes]:
        fid = "sentitems" if name.lower() in {"sent", "sent items"} else self._by_name(name)
        if fid is None:
            return []
        stored = sorted(self.folders[fid].values(), key=lambda s: s.received)
        return [s.raw for s in stored]

    def expire_tokens(self) -> None:
        """Graph forgets every delta token (what a long pause or a reset does)."""
        self.tokens.clear()

    def _by_name(self, name: str) -> str | None:
        for fid, display in self.names.items():
            if display.lower() == name.lower():
                return fid
        return None

    # HTTP -------------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        self.log.append(f"{request.method} {request.url.path}")
        if url.startswith(UPLOAD):
            # The upload URL carries its own token; Graph refuses a bearer token there.
            if "Authorization" in request.headers:
                return _error(401, "InvalidAuthenticationToken", "Bearer not allowed here.")
            return self._chunk(request)
        if not request.headers.get("Authorization", "").startswith("Bearer "):
            return _error(401, "InvalidAuthenticationToken", "Access token is empty.")
        self._requests += 1
        if self.throttle_every and self._requests % self.throttle_every == 0:
            self.throttled.append(self._requests)
            if len(self.throttled) % 2:
                body = {"error": {"code": "ApplicationThrottled", "message": "Over limit."}}
                return _json(429, body, {"Retry-After": "3"})
            return httpx.Response(503, headers={"Retry-After": "2"})
        prefix = httpx.URL(self.user).path
        path = request.url.path
        assert path.startswith(prefix), path
        path = path[len(prefix) :]
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        immutable = 'IdType="ImmutableId"' in request.headers.get("Prefer", "")
        method = request.method
        if method == "GET" and path == "/mailFolders/inbox/messages/delta":
            return self._delta(query)
        if method == "GET" and path == "/mailFolders":
            return self._list_folders(query)
        if method == "POST" and path == "/mailFolders":
            return self._create_folder(json.loads(request.content))
        if method == "GET" and path == "/mailFolders/sentitems/messages":
            return self._sent_items(query)
        if method == "POST" and path == "/sendMail":
            return self._send_mail(request)
        if method == "POST" and path == "/messages":
            return self._create_draft(request)
        match = re.fullmatch(r"/messages/([^/]+)(/.*)?", path)
        if match:
            mid, rest = match.group(1), match.group(2) or ""
            if method == "GET" and rest == "/$value":
                return self._value(mid)
            if method == "POST" and rest == "/move":
                return self._move(mid, json.loads(request.content), immutable)
            if method == "POST" and rest == "/attachments/createUploadSession":
                return self._upload_session(mid, json.loads(request.content))
            if method == "POST" and rest == "/send":
                return self._send_draft(mid)
        return _error(400, "BadRequest", f"Unsupported request {method} {path}")

    # Reading ----------------------------------------------------------------------------

    def _delta(self, query: dict[str, str]) -> httpx.Response:
        token = query.get("$deltatoken") or query.get("$skiptoken")
        if token is None:
            known: frozenset[str] = frozenset()
        elif token in self.tokens:
            known = self.tokens[token]
        else:
            return _error(410, "SyncStateNotFound", "The sync state generation is not found.")
        inbox = self.folders["inbox"]
        # Newest first, as Graph tends to list; the order is not guaranteed either way.
        added = sorted(set(inbox) - known, key=lambda m: inbox[m].received, reverse=True)
        removed = sorted(known - set(inbox))
        changes: list[dict[str, Any]] = [
            {
                "@odata.type": "#microsoft.graph.message",
                "@odata.etag": 'W/"CQAAABYAAAARn2vdzPHTRp9+4KxR2Q9lAAAF2Lko"',
                "id": mid,
                "receivedDateTime": inbox[mid]
                .received.astimezone(UTC)
                .strftime("%Y-%m-%dT%H:%M:%SZ"),
                "internetMessageId": _message_id(inbox[mid].raw),
            }
            for mid in added
        ] + [{"id": mid, "@removed": {"reason": "deleted"}} for mid in removed]
        page, rest = changes[: self.page_size], changes[self.page_size :]
        reported = {c["id"] for c in page if "@removed" not in c}
        gone = {c["id"] for c in page if "@removed" in c}
        new_token = base64.urlsafe_b64encode(f"t{next(self._ids)}".encode()).decode()
        self.tokens[new_token] = frozenset((known | reported) - gone)
        body: dict[str, Any] = {
            "@odata.context": f"{BASE}/$metadata#Collection(message)",
            "value": page,
        }
        delta = f"{self.user}/mailFolders/inbox/messages/delta"
        if rest:
            body["@odata.nextLink"] = f"{delta}?$skiptoken={new_token}"
        else:
            body["@odata.deltaLink"] = f"{delta}?$deltatoken={new_token}"
        return _json(200, body)

    def _find(self, mid: str) -> str | None:
        for fid, messages in self.folders.items():
            if mid in messages:
                return fid
        return None

    def _value(self, mid: str) -> httpx.Response:
        fid = self._find(mid)
        if fid is None:
            return _error(404, "ErrorItemNotFound", "The specified object was not found.")
        return httpx.Response(
            200, content=self.folders[fid][mid].raw, headers={"Content-Type": "text/plain"}
        )

    # Moving and folders -----------------------------------------------------------------

    def _move(self, mid: str, body: dict[str, str], immutable: bool) -> httpx.Response:
        source = self._find(mid)
        target = body.get("destinationId", "")
        if source is None:
            return _error(404, "ErrorItemNotFound", "The specified object was not found.")
        if target not in self.folders:
            return _error(400, "ErrorInvalidIdMalformed", "Id is malformed.")
        stored = self.folders[source].pop(mid)
        new_id = mid if immutable else self._new_id()
        self.folders[target][new_id] = stored
        return _json(
            201,
            {
                "@odata.context": f"{self.user}/$metadata#messages/$entity",
                "id": new_id,
                "parentFolderId": target,
                "internetMessageId": _message_id(stored.raw),
            },
        )

    def _folder_json(self, fid: str) -> dict[str, object]:
        return {
            "id": fid,
            "displayName": self.names[fid],
            "parentFolderId": "AAMkAGI2msgfolderroot",
            "childFolderCount": 0,
            "unreadItemCount": 0,
            "totalItemCount": len(self.folders[fid]),
            "isHidden": False,
        }

    def _list_folders(self, query: dict[str, str]) -> httpx.Response:
        match = re.fullmatch(r"displayName eq '((?:[^']|'')*)'", query.get("$filter", ""))
        if not match:
            return _error(400, "BadRequest", "Only displayName filters are replayed.")
        fid = self._by_name(match.group(1).replace("''", "'"))
        value = [self._folder_json(fid)] if fid else []
        return _json(200, {"@odata.context": f"{BASE}/$metadata#mailFolders", "value": value})

    def _create_folder(self, body: dict[str, str]) -> httpx.Response:
        name = body["displayName"]
        if self._by_name(name):
            return _error(409, "ErrorFolderExists", "A folder with the specified name exists.")
        fid = self._new_id("AAMkFldr")
        self.folders[fid], self.names[fid] = {}, name
        return _json(201, self._folder_json(fid))

    # Sending ----------------------------------------------------------------------------

    def _sent_items(self, query: dict[str, str]) -> httpx.Response:
        match = re.fullmatch(r"internetMessageId eq '(.*)'", query.get("$filter", ""))
        if not match:
            return _error(400, "BadRequest", "Only internetMessageId filters are replayed.")
        value = [
            {"id": mid}
            for mid, stored in self.folders["sentitems"].items()
            if _message_id(stored.raw) == match.group(1)
        ]
        return _json(200, {"@odata.context": f"{BASE}/$metadata#messages", "value": value})

    def _mime_body(self, request: httpx.Request) -> bytes | None:
        if request.headers.get("Content-Type") != "text/plain":
            return None
        try:
            return base64.b64decode(request.content, validate=True)
        except ValueError:
            return None

    def _send_mail(self, request: httpx.Request) -> httpx.Response:
        raw = self._mime_body(request)
        if raw is None:
            return _error(400, "ErrorMimeContentInvalidBase64String", "Invalid base64 MIME.")
        if len(request.content) > 4 * 1024 * 1024:
            return _error(413, "ErrorMessageSizeExceeded", "Request entity too large.")
        self._store_sent(raw)
        return httpx.Response(202)

    def _store_sent(self, raw: bytes) -> None:
        message = email.message_from_bytes(raw)
        self.sent_to.append([str(message[h]) for h in ("To", "Cc") if message[h]])
        self.folders["sentitems"][self._new_id()] = Stored(raw, datetime.now(UTC))

    def _create_draft(self, request: httpx.Request) -> httpx.Response:
        raw = self._mime_body(request)
        if raw is None:
            return _error(400, "ErrorMimeContentInvalidBase64String", "Invalid base64 MIME.")
        mid = self._new_id()
        self.folders["drafts"][mid] = Stored(raw, datetime.now(UTC))
        return _json(201, {"id": mid, "isDraft": True, "internetMessageId": _message_id(raw)})

    def _upload_session(self, draft: str, body: dict[str, dict[str, Any]]) -> httpx.Response:
        if draft not in self.folders["drafts"]:
            return _error(404, "ErrorItemNotFound", "The specified object was not found.")
        item = body["AttachmentItem"]
        session = f"S{next(self._ids)}"
        self.uploads[session] = Upload(draft, item["name"], item["contentType"], item["size"])
        return _json(
            201,
            {
                "@odata.context": f"{BASE}/$metadata#microsoft.graph.uploadSession",
                "uploadUrl": f"{UPLOAD}{session}?authtoken=eyJ0eXAiOiJKV1Qi",
                "expirationDateTime": "2027-03-01T12:00:00Z",
                "nextExpectedRanges": ["0-"],
            },
        )

    def _chunk(self, request: httpx.Request) -> httpx.Response:
        session = urlsplit(str(request.url)).path.rsplit("/", 1)[1]
        upload = self.uploads[session]
        match = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+)", request.headers["Content-Range"])
        assert match, request.headers["Content-Range"]
        start, end, total = map(int, match.groups())
        if (
            start != len(upload.data)
            or total != upload.size
            or end - start + 1 != len(request.content)
        ):
            return _error(416, "InvalidRange", "The range does not match the upload.")
        upload.data += request.content
        if len(upload.data) < upload.size:
            return _json(200, {"nextExpectedRanges": [f"{len(upload.data)}"]})
        # Attach the finished upload to the draft's MIME.
        stored = self.folders["drafts"][upload.draft]
        draft = email.message_from_bytes(stored.raw, policy=email.policy.default)
        assert isinstance(draft, EmailMessage)
        maintype, subtype = upload.content_type.split("/", 1)
        draft.add_attachment(
            bytes(upload.data), maintype=maintype, subtype=subtype, filename=upload.name
        )
        stored.raw = draft.as_bytes()
        del self.uploads[session]
        return httpx.Response(201)

    def _send_draft(self, mid: str) -> httpx.Response:
        stored = self.folders["drafts"].pop(mid, None)
        if stored is None:
            return _error(404, "ErrorItemNotFound", "The specified object was not found.")
        self._store_sent(stored.raw)
        return httpx.Response(202)


def _message_id(raw: bytes) -> str:
    return str(email.message_from_bytes(raw)["Message-ID"] or "").strip()
