"""What every mailbox backend is: the interface the bot talks to, the messages it fetches,
the one error it raises, and reading a secret from its setting or file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from bot.config.secrets import Secret


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


def resolve(secret: Secret, path: Path | None, setting: str) -> str:
    """The secret's value: the file's first line when ``path`` is set, else ``secret``."""
    if path is not None and str(path):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            # The message names the setting and the error kind, never the content.
            raise MailboxError(f"{setting}_FILE cannot be read ({exc.strerror}).") from None
        return lines[0].strip() if lines else ""
    return secret.reveal()
