"""The mailbox interface that every backend implements, and the factory that picks one.

The workflow sees only this interface: fetch what is new since a stored cursor, fetch a
message's raw MIME, move it to a folder, and send a mail. Backends live one per module
in this package and are the only code that talks to a mail server or the filesystem's
mail folders.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.mail.mailbox.base import FetchResult, Mailbox, MailboxError, RemoteMessage, resolve

__all__ = [
    "FetchResult",
    "Mailbox",
    "MailboxError",
    "RemoteMessage",
    "deliver",
    "embedded_copies",
    "open_mailbox",
    "resolve",
]

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Settings


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


def deliver(maildir: Path, raw: bytes, received_at: datetime) -> str:
    """Deliver one message into the embedded mailbox (the Maildir backend's inbox)."""
    from bot.mail.mailbox.maildir import deliver as maildir_deliver

    return maildir_deliver(maildir, raw, received_at)


def embedded_copies(
    mailbox: Mailbox,
    folders: Sequence[str],
    remote_ids: Collection[str],
    sent_message_ids: Collection[str],
) -> list[Path]:
    """The embedded mailbox's files of these mails (filed copies and sent mail); none for a
    server mailbox, whose copies the server's own retention keeps."""
    from bot.mail.mailbox.maildir import MaildirMailbox, stored_copies

    if not isinstance(mailbox, MaildirMailbox):
        return []
    return stored_copies(mailbox, folders, remote_ids, sent_message_ids)
