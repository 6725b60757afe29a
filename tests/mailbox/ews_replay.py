"""A replayed EWS endpoint for the exchangelib backend: SOAP answers at the HTTP level.

The answers follow the response formats documented in Microsoft's EWS reference
("GetFolder operation", "SyncFolderItems operation", "GetItem operation (e-mail
message)", "MoveItem operation", "CreateItem operation (e-mail message)", "FindItem
operation", and "EWS throttling in Exchange" for ErrorServerBusy with
BackOffMilliseconds). requests-mock patches the HTTP layer exchangelib uses (requests);
each operation answers from a queue, so a test scripts exactly what the server says.
"""

from __future__ import annotations

import base64
import re
from collections import defaultdict, deque
from typing import Any

ENDPOINT = "https://mail.stockholm.example/EWS/Exchange.asmx"

_ENVELOPE = """<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header>
    <h:ServerVersionInfo MajorVersion="15" MinorVersion="2" MajorBuildNumber="1544" MinorBuildNumber="4"
      Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/>
  </s:Header>
  <s:Body>
    <m:{op}Response xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
        xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
      <m:ResponseMessages>{messages}</m:ResponseMessages>
    </m:{op}Response>
  </s:Body>
</s:Envelope>"""

_OPERATION = re.compile(rb"<s:Body><m:(\w+)")


def envelope(op: str, messages: str) -> str:
    return _ENVELOPE.format(op=op, messages=messages)


def folder(folder_id: str, name: str, distinguished: str | None = None) -> str:
    dist = (
        f"<t:DistinguishedFolderId>{distinguished}</t:DistinguishedFolderId>"
        if distinguished
        else ""
    )
    return (
        f'<t:Folder><t:FolderId Id="{folder_id}" ChangeKey="AQAAABYAAAA"/>'
        f'<t:ParentFolderId Id="AAMkRoot" ChangeKey="AQAAAA=="/>'
        f"<t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>{name}</t:DisplayName>"
        f"<t:TotalCount>0</t:TotalCount><t:ChildFolderCount>0</t:ChildFolderCount>"
        f"{dist}<t:UnreadCount>0</t:UnreadCount></t:Folder>"
    )


def get_folder(folder_id: str, name: str, distinguished: str | None = None) -> str:
    return envelope(
        "GetFolder",
        '<m:GetFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
        f"<m:Folders>{folder(folder_id, name, distinguished)}</m:Folders></m:GetFolderResponseMessage>",
    )


def sync_items(state: str, items: list[tuple[str, str]], last: bool = True) -> str:
    """``SyncFolderItems``: one ``t:Create`` per (item id, received time)."""
    creates = "".join(
        f'<t:Create><t:Message><t:ItemId Id="{item_id}" ChangeKey="CQAAABYAAAA"/>'
        f"<t:DateTimeReceived>{received}</t:DateTimeReceived></t:Message></t:Create>"
        for item_id, received in items
    )
    return envelope(
        "SyncFolderItems",
        '<m:SyncFolderItemsResponseMessage ResponseClass="Success">'
        f"<m:ResponseCode>NoError</m:ResponseCode><m:SyncState>{state}</m:SyncState>"
        f"<m:IncludesLastItemInRange>{'true' if last else 'false'}</m:IncludesLastItemInRange>"
        f"<m:Changes>{creates}</m:Changes></m:SyncFolderItemsResponseMessage>",
    )


def error(op: str, code: str, text: str) -> str:
    xml = ""
    if op == "SyncFolderItems":
        # Exchange's SyncFolderItems error messages still carry (empty) sync elements.
        xml = "<m:SyncState/><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange>"
    return envelope(
        op,
        f'<m:{op}ResponseMessage ResponseClass="Error"><m:MessageText>{text}</m:MessageText>'
        f"<m:ResponseCode>{code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>"
        f"{xml}</m:{op}ResponseMessage>",
    )


def get_item_mime(item_id: str, raw: bytes) -> str:
    mime = base64.b64encode(raw).decode()
    return envelope(
        "GetItem",
        '<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
        f'<m:Items><t:Message><t:MimeContent CharacterSet="UTF-8">{mime}</t:MimeContent>'
        f'<t:ItemId Id="{item_id}" ChangeKey="CQAAABYAAAA"/></t:Message></m:Items>'
        "</m:GetItemResponseMessage>",
    )


class FakeEws:
    """Answers each SOAP operation from its queue; the last answer repeats."""

    def __init__(self) -> None:
        self.answers: dict[str, deque[tuple[int, str, dict[str, str]]]] = defaultdict(deque)
        self.requests: list[tuple[str, bytes]] = []

    def on(
        self, op: str, body: str, status: int = 200, headers: dict[str, str] | None = None
    ) -> None:
        self.answers[op].append((status, body, headers or {}))

    def __call__(self, request: Any, context: Any) -> str:
        body: bytes = request.body if isinstance(request.body, bytes) else request.body.encode()
        match = _OPERATION.search(body)
        op = match.group(1).decode() if match else "?"
        self.requests.append((op, body))
        queue = self.answers[op]
        if not queue:
            raise AssertionError(f"no replayed answer for {op}")
        status, text, headers = queue.popleft() if len(queue) > 1 else queue[0]
        context.status_code = status
        context.headers.update({"Content-Type": "text/xml; charset=utf-8", **headers})
        return text

    def operations(self) -> list[str]:
        return [op for op, _ in self.requests]


def find_nothing() -> str:
    """``FindItem`` with an empty RootFolder: no item matches the restriction."""
    return envelope(
        "FindItem",
        '<m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
        '<m:RootFolder IndexedPagingOffset="0" TotalItemsInView="0" IncludesLastItemInRange="true">'
        "<t:Items/></m:RootFolder></m:FindItemResponseMessage>",
    )


def create_item_sent() -> str:
    """``CreateItem`` with SendAndSaveCopy: success with an empty Items element."""
    return envelope(
        "CreateItem",
        '<m:CreateItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
        "<m:Items/></m:CreateItemResponseMessage>",
    )


def server_busy_fault(back_off_ms: int) -> str:
    """The SOAP fault of "EWS throttling in Exchange": ErrorServerBusy, BackOffMilliseconds."""
    text = "The server cannot service this request right now. Try again later."
    errors = "http://schemas.microsoft.com/exchange/services/2006/errors"
    types = "http://schemas.microsoft.com/exchange/services/2006/types"
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
        f'<faultcode xmlns:a="{types}">a:ErrorServerBusy</faultcode>'
        f'<faultstring xml:lang="en-US">{text}</faultstring><detail>'
        f'<e:ResponseCode xmlns:e="{errors}">ErrorServerBusy</e:ResponseCode>'
        f'<e:Message xmlns:e="{errors}">{text}</e:Message>'
        f'<t:MessageXml xmlns:t="{types}"><t:Value Name="BackOffMilliseconds">{back_off_ms}'
        "</t:Value></t:MessageXml></detail></s:Fault></s:Body></s:Envelope>"
    )
