"""The IMAP + SMTP backend, for any standards mail server.

The cursor is ``"<UIDVALIDITY>:<last UID seen>"``. When the server reports another
UIDVALIDITY the old UIDs mean nothing, so the whole inbox is read again; the ingest
pipeline's dedupe by Message-ID makes that harmless. Bodies are read with ``BODY.PEEK[]``
so reading never marks a message seen behind a person's back. Sending goes by SMTP
submission; the sent copy is APPENDed to the Sent folder, and a Message-ID already in
that folder is not sent again.
"""

from __future__ import annotations

import imaplib
import re
import smtplib
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.utils import parseaddr
from typing import TYPE_CHECKING

from bot.mail.mailbox.base import FetchResult, MailboxError, RemoteMessage, resolve
from bot.mail.mailbox.maildir import folder_dirname

if TYPE_CHECKING:
    from bot.config import Settings

_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")
_FETCH_UID = re.compile(rb"UID (\d+)")
_EOL = re.compile(rb"\r?\n")
_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')


@dataclass(frozen=True)
class ServerConfig:
    host: str
    port: int
    security: str  # tls, starttls or plain
    user: str
    password: str


@dataclass(frozen=True)
class ImapConfig:
    imap: ServerConfig
    smtp: ServerConfig
    inbox: str
    sent_folder: str
    timeout: float


def mailbox_name(folder: str) -> str:
    """A folder name in IMAP's modified UTF-7, quoted for a command line (RFC 3501)."""
    encoded = "INBOX" if folder.upper() == "INBOX" else folder_dirname(folder)[1:]
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check(result: tuple[str, Sequence[object]]) -> list[bytes]:
    """The response lines of an OK answer (literals joined in); anything else raises."""
    status, data = result
    if status != "OK":
        raise MailboxError(f"the IMAP server answered {status}")
    return [_line(part) for part in data]


def _line(part: object) -> bytes:
    if isinstance(part, tuple):
        return b"".join(p for p in part if isinstance(p, bytes))
    return part if isinstance(part, bytes) else b""


def _crlf(raw: bytes) -> bytes:
    # SMTP lines end in CRLF (RFC 5321); servers hardened against SMTP smuggling refuse
    # bare LF, and Python's email package writes LF. smtplib converts only str messages.
    return _EOL.sub(b"\r\n", raw)


def parse_cursor(cursor: str | None) -> tuple[int, int]:
    if not cursor or ":" not in cursor:
        return 0, 0
    validity, last = cursor.split(":", 1)
    return int(validity), int(last)


class ImapMailbox:
    """One mailbox on an IMAP server, with SMTP submission for sending."""

    name = "imap"

    def __init__(self, config: ImapConfig) -> None:
        self.config = config
        self._imap: imaplib.IMAP4 | None = None

    # Connection -------------------------------------------------------------------------

    def _connect(self) -> imaplib.IMAP4:
        server, timeout = self.config.imap, self.config.timeout
        context = ssl.create_default_context()
        conn: imaplib.IMAP4
        if server.security == "tls":
            conn = imaplib.IMAP4_SSL(server.host, server.port, ssl_context=context, timeout=timeout)
        else:
            conn = imaplib.IMAP4(server.host, server.port, timeout=timeout)
            if server.security == "starttls":
                conn.starttls(context)
        conn.login(server.user, server.password)
        # imaplib keeps the greeting's capabilities; MOVE and UIDPLUS appear after login.
        _typ, data = conn.capability()
        conn.capabilities = tuple(_line(data[-1]).decode().upper().split())
        return conn

    @contextmanager
    def _session(self) -> Iterator[imaplib.IMAP4]:
        """The open connection; any failure drops it so the next call reconnects."""
        try:
            if self._imap is None:
                self._imap = self._connect()
            yield self._imap
        except (imaplib.IMAP4.error, OSError, EOFError) as exc:
            self.close()
            raise MailboxError(f"IMAP: {type(exc).__name__}: {exc}") from None
        except MailboxError:
            self.close()
            raise

    def close(self) -> None:
        if self._imap is not None:
            # Logging out of a broken connection fails too; the connection is dropped anyway.
            with suppress(Exception):
                self._imap.logout()
            self._imap = None

    def _select_inbox(self, conn: imaplib.IMAP4) -> int:
        _check(conn.select(mailbox_name(self.config.inbox)))
        _typ, data = conn.response("UIDVALIDITY")
        return int(data[0]) if data and data[0] else 0

    # Reading ----------------------------------------------------------------------------

    def fetch_new(self, cursor: str | None) -> FetchResult:
        validity, last = parse_cursor(cursor)
        with self._session() as conn:
            current = self._select_inbox(conn)
            if current != validity:
                last = 0  # Old UIDs mean nothing now: rescan; dedupe skips what we had.
            found = _check(conn.uid("SEARCH", f"UID {last + 1}:*"))
            uids = sorted(int(u) for u in b" ".join(found).split() if int(u) > last)
            messages = self._received(conn, uids)
        top = max(uids, default=last)
        return FetchResult(messages, f"{current}:{top}")

    def _received(self, conn: imaplib.IMAP4, uids: list[int]) -> list[RemoteMessage]:
        if not uids:
            return []
        uid_set = ",".join(str(u) for u in uids)
        out: list[RemoteMessage] = []
        for line in _check(conn.uid("FETCH", uid_set, "(UID INTERNALDATE)")):
            uid, date = _FETCH_UID.search(line), _INTERNALDATE.search(line)
            if uid and date:
                when = datetime.strptime(date.group(1).decode(), "%d-%b-%Y %H:%M:%S %z")
                out.append(RemoteMessage(uid.group(1).decode(), when.astimezone(UTC)))
        return sorted(out, key=lambda m: int(m.remote_id))

    def fetch_raw(self, remote_id: str) -> bytes:
        with self._session() as conn:
            self._select_inbox(conn)
            status, data = conn.uid("FETCH", remote_id, "(BODY.PEEK[])")
            if status != "OK":
                raise MailboxError(f"the IMAP server answered {status}")
            for part in data:
                if isinstance(part, tuple) and isinstance(part[1], bytes):
                    return part[1]
        raise MailboxError("message is no longer in the inbox")

    # Moving -----------------------------------------------------------------------------

    def move(self, remote_id: str, folder: str) -> None:
        with self._session() as conn:
            self._select_inbox(conn)
            if not b"".join(_check(conn.uid("SEARCH", f"UID {remote_id}"))).split():
                return  # Already moved: a restart may repeat a move.
            target = mailbox_name(folder)
            if "MOVE" in conn.capabilities:
                _check(conn.uid("MOVE", remote_id, target))
                return
            # Without MOVE (RFC 6851): copy, flag deleted, expunge just this UID.
            _check(conn.uid("COPY", remote_id, target))
            _check(conn.uid("STORE", remote_id, "+FLAGS.SILENT", r"(\Deleted)"))
            if "UIDPLUS" in conn.capabilities:
                _check(conn.uid("EXPUNGE", remote_id))
            else:
                _check(conn.expunge())

    def ensure_folders(self, folders: Sequence[str]) -> None:
        with self._session() as conn:
            for folder in folders:
                name = mailbox_name(folder)
                if not [line for line in _check(conn.list('""', name)) if line]:
                    _check(conn.create(name))
                    conn.subscribe(name)

    # Sending ----------------------------------------------------------------------------

    def send(self, raw: bytes, message_id: str, recipients: Sequence[str]) -> None:
        if not recipients:
            raise MailboxError("a mail needs at least one recipient")
        if self.already_sent(message_id):
            return
        self._submit(raw, recipients)
        # A crash between submission and this APPEND resends once on restart: the
        # better side to err on, as the other order could lose a mail altogether.
        with self._session() as conn:
            # No date: the server stamps the copy with the moment of the APPEND, so this
            # module need not read the system clock (only bot/clock.py does).
            _check(conn.append(mailbox_name(self.config.sent_folder), r"(\Seen)", None, raw))

    def already_sent(self, message_id: str) -> bool:
        """Whether a mail with this Message-ID is already in the Sent folder."""
        mid = "<" + message_id.strip("<>") + ">"
        with self._session() as conn:
            _check(conn.select(mailbox_name(self.config.sent_folder), readonly=True))
            found = _check(conn.uid("SEARCH", "HEADER", "Message-ID", f'"{mid}"'))
        return bool(b"".join(found).split())

    def _submit(self, raw: bytes, recipients: Sequence[str]) -> None:
        server, timeout = self.config.smtp, self.config.timeout
        sender = parseaddr(str(BytesHeaderParser().parsebytes(raw)["From"] or ""))[1]
        context = ssl.create_default_context()
        try:
            smtp: smtplib.SMTP
            if server.security == "tls":
                smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=timeout)
            with smtp:
                if server.security == "starttls":
                    smtp.starttls(context=context)
                if server.user:
                    smtp.login(server.user, server.password)
                smtp.sendmail(sender or server.user, list(recipients), _crlf(raw))
        except (smtplib.SMTPException, OSError) as exc:
            raise MailboxError(f"SMTP: {type(exc).__name__}") from None


def from_settings(settings: Settings) -> ImapMailbox:
    """The backend as configured; the SMTP login falls back to the IMAP one."""
    s = settings
    if not s.imap_host or not s.imap_user:
        raise MailboxError("KB_IMAP_HOST and KB_IMAP_USER must be set for the imap backend.")
    password = resolve(s.imap_password, s.imap_password_file, "KB_IMAP_PASSWORD")
    smtp_password = password
    if s.smtp_password or s.smtp_password_file:
        smtp_password = resolve(s.smtp_password, s.smtp_password_file, "KB_SMTP_PASSWORD")
    imap = ServerConfig(s.imap_host, s.imap_port, s.imap_security, s.imap_user, password)
    smtp = ServerConfig(
        s.smtp_host or s.imap_host,
        s.smtp_port,
        s.smtp_security,
        s.smtp_user or s.imap_user,
        smtp_password,
    )
    timeout = float(s.mailbox_timeout_seconds)
    return ImapMailbox(ImapConfig(imap, smtp, s.imap_inbox, s.folder_sent, timeout))
