"""A small stateful Exchange Web Services server at the HTTP level, for the contract suite.

It keeps a dict of folders → items and answers each SOAP request with the response
format of the operation in Microsoft's EWS reference (learn.microsoft.com, "EWS reference
for Exchange"):

- ``GetFolder`` for distinguished and plain folder ids (``ErrorFolderNotFound`` for the
  distinguished folders this mailbox lacks), ``FindFolder`` (a ``RootFolder`` with the
  folders below, deep traversal) and ``CreateFolder`` (the new ``FolderId``, or
  ``ErrorFolderExists``).
- ``SyncFolderItems`` on the inbox: ``t:Create`` and ``t:Delete`` changes since the given
  ``SyncState``, at most ``page_size`` per answer with ``IncludesLastItemInRange=false``
  while more remain; an unknown state answers ``ErrorInvalidSyncStateData``.
- ``GetItem`` with ``MimeContent`` (base64) or ``ErrorItemNotFound``.
- ``MoveItem``: the moved item gets a new ``ItemId`` (EWS ids are store ids and change on
  a move), returned in the response; the old id then answers ``ErrorItemNotFound``.
- ``FindItem`` in Sent Items restricted on ``message:InternetMessageId``.
- ``CreateItem`` with ``MessageDisposition="SendAndSaveCopy"``: an empty success, the
  copy saved to ``SavedItemFolderId``.
- "EWS throttling in Exchange": with ``throttle_every`` set, every n-th request is
  refused, alternately with the ``ErrorServerBusy`` SOAP fault (HTTP 500 with
  ``BackOffMilliseconds``) and an HTTP 503 with ``Retry-After``; it changes nothing.
"""

from __future__ import annotations

import base64
import email
import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from tests.mailbox.ews_replay import envelope, server_busy_fault

S = "{http://schemas.xmlsoap.org/soap/envelope/}"
M = "{http://schemas.microsoft.com/exchange/services/2006/messages}"
T = "{http://schemas.microsoft.com/exchange/services/2006/types}"

DISTINGUISHED = {
    "root": ("AAMkRoot=", "Top of Information Store", None),
    "msgfolderroot": ("AAMkMsgRoot=", "Översta nivån", "AAMkRoot="),
    "inbox": ("AAMkInbox=", "Inkorgen", "AAMkMsgRoot="),
    "sentitems": ("AAMkSent=", "Skickat", "AAMkMsgRoot="),
    "drafts": ("AAMkDrafts=", "Utkast", "AAMkMsgRoot="),
    "deleteditems": ("AAMkDeleted=", "Borttaget", "AAMkMsgRoot="),
}


@dataclass
class Stored:
    raw: bytes
    received: datetime


@dataclass
class FolderInfo:
    name: str
    parent: str | None
    distinguished: str | None = None


def _ok(op: str, inner: str) -> str:
    return (
        f'<m:{op}ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
        f"{inner}</m:{op}ResponseMessage>"
    )


def _err(op: str, code: str, text: str, inner: str = "") -> str:
    return (
        f'<m:{op}ResponseMessage ResponseClass="Error"><m:MessageText>{text}</m:MessageText>'
        f"<m:ResponseCode>{code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>"
        f"{inner}</m:{op}ResponseMessage>"
    )


class FakeEws:
    """One mailbox as EWS shows it; ``__call__`` is a requests-mock callback."""

    def __init__(self, *, page_size: int = 2, throttle_every: int = 0) -> None:
        self.page_size, self.throttle_every = page_size, throttle_every
        self.info: dict[str, FolderInfo] = {
            fid: FolderInfo(name, parent, dist)
            for dist, (fid, name, parent) in DISTINGUISHED.items()
        }
        self.items: dict[str, dict[str, Stored]] = {fid: {} for fid in self.info}
        self.states: dict[str, frozenset[str]] = {}  # SyncState → ids reported
        self.sent_to: list[list[str]] = []
        self.operations: list[str] = []
        self.throttled: list[str] = []
        self._ids = itertools.count(1)

    # Test-side view ---------------------------------------------------------------------

    def _new_id(self) -> str:
        # EWS ids are long base64 store ids; keep that look (with + / and =).
        n = next(self._ids)
        return f"AAMkADk0N2Y+ZTk1/LTRkMmQtNDQ{n:05d}BGAAAAAADAv+8nZD8tS4ZN3AAAb6Bc/AAA="

    def _dist(self, name: str) -> str:
        return DISTINGUISHED[name][0]

    def deliver(self, raw: bytes, received: datetime) -> None:
        item_id = self._new_id()
        self.items[self._dist("inbox")][item_id] = Stored(raw, received)

    def folder_raws(self, name: str) -> list[bytes]:
        if name.lower() in {"sent", "sent items"}:
            fid: str | None = self._dist("sentitems")
        else:
            fid = self._by_name(name, self._dist("msgfolderroot"))
        if fid is None:
            return []
        return [s.raw for s in sorted(self.items[fid].values(), key=lambda s: s.received)]

    def expire_states(self) -> None:
        self.states.clear()

    def _by_name(self, name: str, parent: str) -> str | None:
        for fid, info in self.info.items():
            if info.parent == parent and info.name.lower() == name.lower():
                return fid
        return None

    # HTTP -------------------------------------------------------------------------------

    def __call__(self, request: Any, context: Any) -> str:
        body = request.body if isinstance(request.body, bytes) else request.body.encode()
        root = ET.fromstring(body)
        element = root.find(f"{S}Body/*")
        assert element is not None
        op = element.tag.removeprefix(M)
        self.operations.append(op)
        context.headers["Content-Type"] = "text/xml; charset=utf-8"
        if self.throttle_every and len(self.operations) % self.throttle_every == 0:
            self.throttled.append(op)
            if len(self.throttled) % 2:
                context.status_code = 500
                return server_busy_fault(200)
            context.status_code = 503
            context.headers["Retry-After"] = "1"
            return ""
        handler = getattr(self, f"_{op}", None)
        assert handler is not None, f"the fake does not replay {op}"
        context.status_code = 200
        return envelope(op, handler(element))

    # Folders (each handler is named after its EWS operation, see __call__) ------------

    def _folder_id(self, element: ET.Element | None) -> str | None:
        """The folder a FolderId or DistinguishedFolderId element names (None: unknown)."""
        if element is None:
            return None
        if element.tag == f"{T}DistinguishedFolderId":
            dist = element.get("Id", "")
            return DISTINGUISHED[dist][0] if dist in DISTINGUISHED else None
        fid = element.get("Id", "")
        return fid if fid in self.info else None

    def _folder_xml(self, fid: str) -> str:
        info = self.info[fid]
        parent = (
            f'<t:ParentFolderId Id="{info.parent}" ChangeKey="AQAAAA=="/>' if info.parent else ""
        )
        children = sum(1 for i in self.info.values() if i.parent == fid)
        return (
            f'<t:Folder><t:FolderId Id="{fid}" ChangeKey="AQAAABYAAAA"/>{parent}'
            f"<t:FolderClass>IPF.Note</t:FolderClass>"
            f"<t:DisplayName>{escape(info.name)}</t:DisplayName>"
            f"<t:TotalCount>{len(self.items[fid])}</t:TotalCount>"
            f"<t:ChildFolderCount>{children}</t:ChildFolderCount>"
            f"<t:UnreadCount>0</t:UnreadCount></t:Folder>"
        )

    def _GetFolder(self, request: ET.Element) -> str:
        out = []
        for ref in request.findall(f"{M}FolderIds/*"):
            fid = self._folder_id(ref)
            if fid is None:
                text = "The specified folder could not be found in the store."
                out.append(_err("GetFolder", "ErrorFolderNotFound", text))
            else:
                out.append(_ok("GetFolder", f"<m:Folders>{self._folder_xml(fid)}</m:Folders>"))
        return "".join(out)

    def _below(self, fid: str) -> list[str]:
        direct = [child for child, info in self.info.items() if info.parent == fid]
        return direct + [deeper for child in direct for deeper in self._below(child)]

    def _FindFolder(self, request: ET.Element) -> str:
        out = []
        deep = request.get("Traversal") == "Deep"
        for ref in request.findall(f"{M}ParentFolderIds/*"):
            fid = self._folder_id(ref)
            if fid is None:
                text = "The specified folder could not be found in the store."
                out.append(_err("FindFolder", "ErrorFolderNotFound", text))
                continue
            found = (
                self._below(fid) if deep else [c for c, i in self.info.items() if i.parent == fid]
            )
            folders = "".join(self._folder_xml(f) for f in found)
            out.append(
                _ok(
                    "FindFolder",
                    f'<m:RootFolder IndexedPagingOffset="{len(found)}" TotalItemsInView="{len(found)}"'
                    f' IncludesLastItemInRange="true"><t:Folders>{folders}</t:Folders></m:RootFolder>',
                )
            )
        return "".join(out)

    def _CreateFolder(self, request: ET.Element) -> str:
        parent = self._folder_id(request.find(f"{M}ParentFolderId/*"))
        out = []
        for new in request.findall(f"{M}Folders/*"):
            name = new.findtext(f"{T}DisplayName") or ""
            if parent is None:
                text = "The specified folder could not be found in the store."
                out.append(_err("CreateFolder", "ErrorFolderNotFound", text, "<m:Folders/>"))
            elif self._by_name(name, parent):
                text = "A folder with the specified name already exists."
                out.append(_err("CreateFolder", "ErrorFolderExists", text, "<m:Folders/>"))
            else:
                fid = self._new_id()
                self.info[fid], self.items[fid] = FolderInfo(name, parent), {}
                folder = f'<t:Folder><t:FolderId Id="{fid}" ChangeKey="AQAAABYAAAA"/></t:Folder>'
                out.append(_ok("CreateFolder", f"<m:Folders>{folder}</m:Folders>"))
        return "".join(out)

    # Items ------------------------------------------------------------------------------

    def _SyncFolderItems(self, request: ET.Element) -> str:
        op = "SyncFolderItems"
        fid = self._folder_id(request.find(f"{M}SyncFolderId/*"))
        state = request.findtext(f"{M}SyncState")
        limit = min(int(request.findtext(f"{M}MaxChangesReturned") or 512), self.page_size)
        sync_xml = "<m:SyncState/><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange>"
        if fid is None:
            text = "The specified folder could not be found in the store."
            return _err(op, "ErrorFolderNotFound", text, sync_xml)
        if state and state not in self.states:
            text = "The synchronization state data is corrupt or otherwise invalid."
            return _err(op, "ErrorInvalidSyncStateData", text, sync_xml)
        known = self.states.get(state or "", frozenset())
        items = self.items[fid]
        added = sorted(set(items) - known, key=lambda i: (items[i].received, i))
        changes = [("create", i) for i in added] + [
            ("delete", i) for i in sorted(known - set(items))
        ]
        page, rest = changes[:limit], changes[limit:]
        xml = []
        for kind, item_id in page:
            if kind == "create":
                received = items[item_id].received.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                xml.append(
                    f'<t:Create><t:Message><t:ItemId Id="{item_id}" ChangeKey="CQAAABYAAAA"/>'
                    f"<t:DateTimeReceived>{received}</t:DateTimeReceived></t:Message></t:Create>"
                )
            else:
                xml.append(
                    f'<t:Delete><t:ItemId Id="{item_id}" ChangeKey="CQAAABYAAAA"/></t:Delete>'
                )
        reported = {i for k, i in page if k == "create"}
        gone = {i for k, i in page if k == "delete"}
        new_state = base64.b64encode(f"H4sIAAAAAAAEAO29B2AcSZ{next(self._ids)}".encode()).decode()
        self.states[new_state] = frozenset((known | reported) - gone)
        last = "false" if rest else "true"
        return _ok(
            op,
            f"<m:SyncState>{new_state}</m:SyncState>"
            f"<m:IncludesLastItemInRange>{last}</m:IncludesLastItemInRange>"
            f"<m:Changes>{''.join(xml)}</m:Changes>",
        )

    def _locate(self, item_id: str) -> str | None:
        for fid, items in self.items.items():
            if item_id in items:
                return fid
        return None

    def _GetItem(self, request: ET.Element) -> str:
        out = []
        for ref in request.findall(f"{M}ItemIds/{T}ItemId"):
            item_id = ref.get("Id", "")
            fid = self._locate(item_id)
            if fid is None:
                text = "The specified object was not found in the store."
                out.append(_err("GetItem", "ErrorItemNotFound", text, "<m:Items/>"))
                continue
            mime = base64.b64encode(self.items[fid][item_id].raw).decode()
            out.append(
                _ok(
                    "GetItem",
                    f'<m:Items><t:Message><t:MimeContent CharacterSet="UTF-8">{mime}'
                    f'</t:MimeContent><t:ItemId Id="{item_id}" ChangeKey="CQAAABYAAAA"/>'
                    "</t:Message></m:Items>",
                )
            )
        return "".join(out)

    def _MoveItem(self, request: ET.Element) -> str:
        target = self._folder_id(request.find(f"{M}ToFolderId/*"))
        out = []
        for ref in request.findall(f"{M}ItemIds/{T}ItemId"):
            source = self._locate(ref.get("Id", ""))
            if source is None or target is None:
                text = "The specified object was not found in the store."
                out.append(_err("MoveItem", "ErrorItemNotFound", text, "<m:Items/>"))
                continue
            stored = self.items[source].pop(ref.get("Id", ""))
            new_id = self._new_id()
            self.items[target][new_id] = stored
            out.append(
                _ok(
                    "MoveItem",
                    f'<m:Items><t:Message><t:ItemId Id="{new_id}" ChangeKey="CQAAABYAAAA"/>'
                    "</t:Message></m:Items>",
                )
            )
        return "".join(out)

    def _FindItem(self, request: ET.Element) -> str:
        fid = self._folder_id(request.find(f"{M}ParentFolderIds/*"))
        restriction = request.find(f"{M}Restriction/{T}IsEqualTo")
        assert restriction is not None, "only an IsEqualTo restriction is replayed"
        field_uri = restriction.find(f"{T}FieldURI")
        constant = restriction.find(f"{T}FieldURIOrConstant/{T}Constant")
        assert field_uri is not None and constant is not None
        assert field_uri.get("FieldURI") == "message:InternetMessageId"
        wanted = constant.get("Value", "")
        found = [
            item_id
            for item_id, stored in (self.items[fid] if fid else {}).items()
            if str(email.message_from_bytes(stored.raw)["Message-ID"]).strip() == wanted
        ]
        xml = "".join(
            f'<t:Message><t:ItemId Id="{i}" ChangeKey="CQAAABYAAAA"/></t:Message>' for i in found
        )
        return _ok(
            "FindItem",
            f'<m:RootFolder IndexedPagingOffset="{len(found)}" TotalItemsInView="{len(found)}"'
            f' IncludesLastItemInRange="true"><t:Items>{xml}</t:Items></m:RootFolder>',
        )

    def _CreateItem(self, request: ET.Element) -> str:
        assert request.get("MessageDisposition") == "SendAndSaveCopy"
        saved = self._folder_id(request.find(f"{M}SavedItemFolderId/*"))
        assert saved is not None
        out = []
        for message in request.findall(f"{M}Items/{T}Message"):
            mime = message.findtext(f"{T}MimeContent") or ""
            raw = base64.b64decode(mime)
            rcpts = [e.text or "" for e in message.iter(f"{T}EmailAddress")]
            self.sent_to.append(rcpts)
            self.items[saved][self._new_id()] = Stored(raw, datetime.now(UTC))
            out.append(_ok("CreateItem", "<m:Items/>"))
        return "".join(out)
