"""The EWS backend (exchangelib), for on-premises Exchange Server.

New mail comes from ``SyncFolderItems`` on the inbox; the sync state Exchange hands back is
the cursor, so a crash replays the last batch and dedupe makes that harmless. The listing
asks only for ids and received times; the MIME content is fetched per message. Mail is
sent as MIME (attachments included) with a copy saved to Sent Items. exchangelib's
``FaultTolerance`` waits out ``ErrorServerBusy``; a watchdog bounds every call so a hung
server cannot stall the bot.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from bot.mail.mailbox.base import FetchResult, MailboxError, RemoteMessage, resolve

if TYPE_CHECKING:
    from bot.config import Settings

T = TypeVar("T")
NEW_ITEM_CHANGES = {"create", "update"}  # An update can be the first we see of a message.


class EwsMailbox:
    """One mailbox on an Exchange server through EWS."""

    name = "ews"

    def __init__(self, account: Any, *, watchdog_seconds: float, sent_folder: str = "Sent") -> None:
        self.account = account
        self.watchdog_seconds = watchdog_seconds
        self.sent_folder = sent_folder
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self._folders: dict[str, Any] = {}

    def _call(self, work: Callable[[], T]) -> T:
        """Run ``work`` under the watchdog, turning exchangelib errors into MailboxError."""
        from exchangelib.errors import EWSError, TransportError

        future = self._pool.submit(work)
        try:
            return future.result(timeout=self.watchdog_seconds)
        except concurrent.futures.TimeoutError:
            # The hung request keeps its worker thread; a fresh pool lets the bot go on.
            self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
            raise MailboxError("EWS: no answer within the watchdog time") from None
        except (EWSError, TransportError, OSError) as exc:
            raise MailboxError(f"EWS: {type(exc).__name__}") from None

    # Reading ----------------------------------------------------------------------------

    def fetch_new(self, cursor: str | None) -> FetchResult:
        return self._call(lambda: self._sync(cursor))

    def _sync(self, cursor: str | None) -> FetchResult:
        from exchangelib.errors import ErrorInvalidSyncStateData

        try:
            return self._sync_from(cursor)
        except ErrorInvalidSyncStateData:
            if cursor is None:
                raise
            # Exchange no longer accepts our sync state: list the whole inbox again; the
            # ingest pipeline's dedupe skips what was already stored.
            return self._sync_from(None)

    def _sync_from(self, cursor: str | None) -> FetchResult:
        inbox = self.account.inbox
        if cursor is None:
            # exchangelib falls back to the folder's last sync state when given none, so
            # without this a full sync (first run, or after ErrorInvalidSyncStateData)
            # would resend the state Exchange just refused, or list only the changes.
            inbox.item_sync_state = None
        changes = inbox.sync_items(
            sync_state=cursor, only_fields=["id", "changekey", "datetime_received"]
        )
        messages = [
            RemoteMessage(item.id, _utc(item.datetime_received))
            for change, item in changes
            if change in NEW_ITEM_CHANGES and item.datetime_received is not None
        ]
        messages.sort(key=lambda m: (m.received_at, m.remote_id))
        return FetchResult(messages, inbox.item_sync_state)

    def fetch_raw(self, remote_id: str) -> bytes:
        return self._call(lambda: self._mime(remote_id))

    def _mime(self, remote_id: str) -> bytes:
        from exchangelib.properties import ItemId

        found = list(self.account.fetch(ids=[ItemId(id=remote_id)], only_fields=["mime_content"]))
        if not found or isinstance(found[0], Exception) or found[0].mime_content is None:
            raise MailboxError("message is no longer in the inbox")
        return bytes(found[0].mime_content)

    # Moving -----------------------------------------------------------------------------

    def move(self, remote_id: str, folder: str) -> None:
        self._call(lambda: self._move(remote_id, folder))

    def _move(self, remote_id: str, folder: str) -> None:
        from exchangelib.errors import ErrorItemNotFound
        from exchangelib.properties import ItemId

        target = self._folder(folder)
        for result in self.account.bulk_move(ids=[ItemId(id=remote_id)], to_folder=target):
            # Not found means already moved: a restart may repeat a move.
            if isinstance(result, Exception) and not isinstance(result, ErrorItemNotFound):
                raise result

    def _folder(self, name: str) -> Any:
        if name not in self._folders:
            self._folders[name] = self._find_or_create(name)
        return self._folders[name]

    def _find_or_create(self, name: str) -> Any:
        from exchangelib import Folder
        from exchangelib.errors import ErrorFolderNotFound

        root = self.account.msg_folder_root
        try:
            return root / name
        except ErrorFolderNotFound:
            folder = Folder(parent=root, name=name)
            folder.save()
            return folder

    def ensure_folders(self, folders: Sequence[str]) -> None:
        # Sent Items is a well-known folder; the others are found or created by name.
        wanted = [name for name in folders if name != self.sent_folder]
        self._call(lambda: [self._folder(name) for name in wanted])

    # Sending ----------------------------------------------------------------------------

    def send(self, raw: bytes, message_id: str, recipients: Sequence[str]) -> None:
        if not recipients:
            raise MailboxError("a mail needs at least one recipient")
        self._call(lambda: self._send(raw, message_id, recipients))

    def _send(self, raw: bytes, message_id: str, recipients: Sequence[str]) -> None:
        from exchangelib import Message

        mid = "<" + message_id.strip("<>") + ">"
        if self.account.sent.filter(message_id=mid).exists():
            return  # Sent before a crash kept us from recording it.
        message = Message(
            account=self.account,
            folder=self.account.sent,
            mime_content=raw,
            to_recipients=list(recipients),
        )
        message.send_and_save()


def _utc(value: Any) -> datetime:
    # exchangelib's EWSDateTime refuses plain tzinfo; rebuild it as a standard datetime.
    return datetime.fromtimestamp(value.timestamp(), UTC)


def from_settings(settings: Settings) -> EwsMailbox:
    """The backend as configured: explicit endpoint, OAuth2 or NTLM, FaultTolerance."""
    from exchangelib import DELEGATE, IMPERSONATION, Account, Configuration, FaultTolerance

    s = settings
    if not s.ews_url:
        raise MailboxError("KB_EWS_URL must be set for the ews backend.")
    address = s.ews_mailbox or s.bot_address
    credentials, auth_type = _credentials(s, address)
    config = Configuration(
        service_endpoint=s.ews_url,
        credentials=credentials,
        auth_type=auth_type,
        retry_policy=FaultTolerance(max_wait=s.mailbox_timeout_seconds * 5),
    )
    access = IMPERSONATION if s.ews_auth == "oauth" else DELEGATE
    account = Account(address, config=config, autodiscover=False, access_type=access)
    # The watchdog outlasts FaultTolerance's own waiting plus one request.
    return EwsMailbox(
        account, watchdog_seconds=s.mailbox_timeout_seconds * 6, sent_folder=s.folder_sent
    )


def _credentials(s: Settings, address: str) -> tuple[Any, str]:
    from exchangelib import NTLM, OAUTH2, Credentials, Identity, OAuth2Credentials

    if s.ews_auth == "oauth":
        secret = resolve(s.ews_client_secret, s.ews_client_secret_file, "KB_EWS_CLIENT_SECRET")
        identity = Identity(primary_smtp_address=address)
        return OAuth2Credentials(s.ews_client_id, secret, s.ews_tenant_id, identity), OAUTH2
    password = resolve(s.ews_password, s.ews_password_file, "KB_EWS_PASSWORD")
    return Credentials(s.ews_user, password), NTLM
