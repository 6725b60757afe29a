"""The mailbox interface that every backend implements, and the factory that picks one.

The workflow sees only this interface: fetch what is new since a stored cursor, fetch a
message's raw MIME, move it to a folder, and send a mail. Backends live one per module
in this package and are the only code that talks to a mail server or the filesystem's
mail folders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Settings


@dataclass(frozen=True)
class RemoteMessage:
    """A message as the server knows it: its id there and when it was received."""

    remote_id: str
    received_at: datetime


@dataclass(frozen=True)
class FetchResult:
    messages: list[RemoteMessage]
    cursor: str | None


class MailboxError(Exception):
    """The mail server could not do what was asked; the operation may be retried later."""


class Mailbox(Protocol):
    name: str

    def fetch_new(self, cursor: str | None) -> FetchResult:
        """Messages that arrived since ``cursor`` (None: all in the inbox), oldest first."""
        ...

    def fetch_raw(self, remote_id: str) -> bytes:
        """The message's complete raw MIME."""
        ...

    def move(self, remote_id: str, folder: str) -> None:
        """Move the message out of the inbox; moving an already moved message is a no-op."""
        ...

    def send(self, raw: bytes, message_id: str, recipients: Sequence[str]) -> None:
        """Send ``raw`` and keep a copy in the sent folder.

        Backends make this as idempotent per ``message_id`` as their server allows, so a
        retry after a crash between sending and recording does not send twice.
        """
        ...

    def ensure_folders(self, folders: Sequence[str]) -> None:
        """Create the folders the bot moves mail to, if missing."""
        ...


def open_mailbox(settings: Settings, clock: Clock) -> Mailbox:
    """The backend named by ``KB_MAILBOX_BACKEND``."""
    # Imported here so that only the chosen backend's libraries are loaded.
    backend = settings.mailbox_backend
    if backend == "maildir":
        from bot.mail.mailbox.maildir import MaildirMailbox

        return MaildirMailbox(settings.maildir, sent_folder=settings.folder_sent)
    if backend == "imap":
        from bot.mail.mailbox.imap import from_settings as open_imap

        return open_imap(settings)
    if backend == "graph":
        from bot.mail.mailbox.graph import from_settings as open_graph

        return open_graph(settings, clock)
    if backend == "ews":
        from bot.mail.mailbox.ews import from_settings as open_ews

        return open_ews(settings)
    raise MailboxError(f"unknown mailbox backend {backend!r}")
