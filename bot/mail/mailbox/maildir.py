"""The embedded mailbox: a Maildir++ folder on local disk.

Any MDA can deliver into ``<maildir>/new``; ``deliver()`` does the same tmp→new dance for
the CLI. The received time of a message is its file's mtime, as delivery agents set it.
Subfolders follow Maildir++ (``.Name``), with non-ASCII names in IMAP's modified UTF-7 as
Dovecot stores them, so the same folder can later be served over IMAP.
"""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import uuid
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

from bot.mail.mailbox.base import FetchResult, MailboxError, RemoteMessage
from bot.mail.parse import header_text

_counter = count()


def folder_dirname(name: str) -> str:
    """Maildir++ directory name for a folder, using IMAP modified UTF-7 (RFC 3501 5.1.3)."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be")).decode()
            out.append("&" + encoded.rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "." + "".join(out)


def _unique_name(received_at: datetime) -> str:
    # Maildir names start with the delivery time, so sorting by name keeps delivery order
    # even for mail delivered within one second; the counter orders one process's batch.
    stamp = received_at.timestamp()
    return (
        f"{int(stamp)}.M{int(stamp % 1 * 1e6):06d}Q{next(_counter):07d}P{os.getpid()}"
        f"R{uuid.uuid4().hex[:8]}.{socket.gethostname()}"
    )


def _make_dirs(folder: Path) -> None:
    for sub in ("tmp", "new", "cur"):
        (folder / sub).mkdir(parents=True, exist_ok=True)


def _write_atomically(folder: Path, name: str, raw: bytes, mtime: float | None) -> Path:
    tmp = folder / "tmp" / name
    with open(tmp, "wb") as handle:
        handle.write(raw)
        handle.flush()
        os.fsync(handle.fileno())
    if mtime is not None:
        os.utime(tmp, (mtime, mtime))
    return tmp


def deliver(maildir: Path, raw: bytes, received_at: datetime) -> str:
    """Deliver one message into the inbox (tmp, then rename into new), received at
    ``received_at`` (the file's mtime, as delivery agents set it); return its key."""
    _make_dirs(maildir)
    name = _unique_name(received_at)
    tmp = _write_atomically(maildir, name, raw, received_at.timestamp())
    os.rename(tmp, maildir / "new" / name)
    return name


class MaildirMailbox:
    """A Maildir++ mailbox; the inbox holds exactly the messages not yet handled."""

    name = "maildir"

    def __init__(self, root: Path, *, sent_folder: str = "Sent") -> None:
        self.root = root
        self.sent_folder = sent_folder
        # Where fetch_new last saw each message, so that fetching and moving one message
        # does not list the whole inbox again (that made a backlog quadratic).
        self._seen: dict[str, Path] = {}
        _make_dirs(root)

    def fetch_new(self, cursor: str | None) -> FetchResult:
        # Handled messages leave the inbox, so the inbox itself is the cursor.
        found: list[tuple[float, str]] = []
        self._seen = {}
        for sub in ("new", "cur"):
            for entry in os.scandir(self.root / sub):
                if entry.is_file() and not entry.name.startswith("."):
                    try:
                        mtime = entry.stat().st_mtime
                    except FileNotFoundError:
                        continue  # Moved away by another client (or instance) just now.
                    found.append((mtime, entry.name))
                    self._seen[entry.name.split(":", 1)[0]] = Path(entry.path)
        found.sort()
        messages = [
            RemoteMessage(name.split(":", 1)[0], datetime.fromtimestamp(mtime, UTC))
            for mtime, name in found
        ]
        return FetchResult(messages, None)

    def _locate(self, remote_id: str) -> Path | None:
        seen = self._seen.get(remote_id)
        if seen is not None and seen.exists():
            return seen
        # Not where it was listed (another client renamed it, or it has moved): look.
        for sub in ("new", "cur"):
            for entry in os.scandir(self.root / sub):
                if entry.name == remote_id or entry.name.startswith(remote_id + ":"):
                    return Path(entry.path)
        return None

    def fetch_raw(self, remote_id: str) -> bytes:
        path = self._locate(remote_id)
        if path is None:
            raise MailboxError("message is no longer in the inbox")
        return path.read_bytes()

    def folder_path(self, folder: str) -> Path:
        return self.root / folder_dirname(folder)

    def move(self, remote_id: str, folder: str) -> None:
        path = self._locate(remote_id)
        if path is None:
            return  # Already moved: moving is idempotent so a restart can repeat it.
        target = self.folder_path(folder)
        _make_dirs(target)
        os.rename(path, target / "cur" / f"{remote_id}:2,S")
        self._seen.pop(remote_id, None)

    def send(self, raw: bytes, message_id: str, recipients: Sequence[str]) -> None:
        # The embedded mailbox delivers nowhere: the sent folder is the outgoing mail. The
        # file name comes from the Message-ID, so a retry after a crash cannot add a copy.
        if not recipients:
            raise MailboxError("a mail needs at least one recipient")
        sent = self.folder_path(self.sent_folder)
        _make_dirs(sent)
        name = hashlib.sha256(message_id.encode()).hexdigest()[:40] + ".kvalitetsbot"
        final = sent / "cur" / f"{name}:2,S"
        if final.exists():
            return
        tmp = _write_atomically(sent, name, raw, None)
        os.rename(tmp, final)

    def ensure_folders(self, folders: Sequence[str]) -> None:
        for folder in folders:
            _make_dirs(self.folder_path(folder))

    def list_folder(self, folder: str) -> list[Path]:
        """The message files in a folder, for tests, status and the demo."""
        path = self.folder_path(folder)
        return sorted(p for sub in ("new", "cur") for p in (path / sub).glob("*") if p.is_file())


def stored_copies(
    mailbox: MaildirMailbox,
    folders: Sequence[str],
    remote_ids: Collection[str],
    sent_message_ids: Collection[str],
) -> list[Path]:
    """The Maildir files of the purged mails: filed inbound copies and sent mail."""
    filed = [
        path
        for folder in folders
        for path in mailbox.list_folder(folder)
        if path.name.split(":", 1)[0] in remote_ids
    ]
    sent = [
        path
        for path in mailbox.list_folder(mailbox.sent_folder)
        if _message_id(path) in sent_message_ids
    ]
    return filed + sent


def _message_id(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(16_384)  # the headers; the parser stops at the blank line
    return header_text(head, "Message-ID").strip("<> ")
