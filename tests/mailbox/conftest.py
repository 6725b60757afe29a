"""Fixtures for the backend contract suite: each backend with a way to deliver mail to it."""

from __future__ import annotations

import imaplib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.mailbox import Mailbox, open_mailbox
from bot.mailbox.imap import ImapMailbox, mailbox_name
from bot.mailbox.maildir import MaildirMailbox, deliver
from tests.conftest import make_settings
from tests.mailbox.servers import PASSWORD, USER, MailServers, ensure_dovecot, start_servers


@pytest.fixture(scope="session")
def mail_servers() -> Iterator[MailServers]:
    pytest.importorskip("aiosmtpd", reason="aiosmtpd (test dependency) is not installed")
    if not ensure_dovecot():
        pytest.skip("Dovecot is not installed and cannot be installed here (needs root and apt)")
    try:
        yield from start_servers()
    except RuntimeError as exc:
        pytest.skip(f"Dovecot could not start: {exc}")


@dataclass
class Harness:
    """One backend under test, and the server-side view the test needs."""

    open: Callable[[], Mailbox]
    deliver: Callable[[bytes, datetime], None]
    folder: Callable[[str], list[bytes]]


def _imap_folder(servers: MailServers, folder: str) -> list[bytes]:
    conn = imaplib.IMAP4("127.0.0.1", servers.dovecot.port)
    conn.login(USER, PASSWORD)
    conn.select(mailbox_name(folder), readonly=True)
    _typ, data = conn.uid("SEARCH", "ALL")
    out = []
    for uid in data[0].split():
        _typ, parts = conn.uid("FETCH", uid, "(BODY.PEEK[])")
        out += [p[1] for p in parts if isinstance(p, tuple)]
    conn.logout()
    return out


def _imap_deliver(servers: MailServers, raw: bytes, at: datetime) -> None:
    conn = imaplib.IMAP4("127.0.0.1", servers.dovecot.port)
    conn.login(USER, PASSWORD)
    conn.append("INBOX", "", imaplib.Time2Internaldate(at), raw)
    conn.logout()


def _clear_imap(servers: MailServers) -> None:
    conn = imaplib.IMAP4("127.0.0.1", servers.dovecot.port)
    conn.login(USER, PASSWORD)
    for line in conn.list()[1]:
        assert isinstance(line, bytes)
        name = line.rsplit(b' "/" ', 1)[1].decode()
        _typ, count = conn.select(name)
        if count[0] != b"0":
            conn.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
            conn.expunge()
    conn.logout()


@pytest.fixture
def imap_harness(mail_servers: MailServers, tmp_path: Path, clock: FixedClock) -> Harness:
    _clear_imap(mail_servers)
    settings = make_settings(tmp_path, **mail_servers.env())
    return Harness(
        lambda: open_mailbox(settings, clock),
        lambda raw, at: _imap_deliver(mail_servers, raw, at),
        lambda folder: _imap_folder(mail_servers, folder),
    )


@pytest.fixture(params=["maildir", "imap"])
def harness(request: pytest.FixtureRequest, tmp_path: Path, clock: FixedClock) -> Harness:
    if request.param == "maildir":
        settings = make_settings(tmp_path)
        root = settings.maildir

        def maildir_folder(folder: str) -> list[bytes]:
            box = MaildirMailbox(root)
            return [p.read_bytes() for p in box.list_folder(folder)]

        def maildir_deliver(raw: bytes, at: datetime) -> None:
            deliver(root, raw, at)

        return Harness(lambda: open_mailbox(settings, clock), maildir_deliver, maildir_folder)
    imap: Harness = request.getfixturevalue("imap_harness")
    return imap


def close(mailbox: Mailbox) -> None:
    if isinstance(mailbox, ImapMailbox):
        mailbox.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # aiosmtpd warns about AUTH without TLS; on loopback in a test that is intended.
    for item in items:
        if "tests/mailbox" in str(item.path):
            item.add_marker(pytest.mark.filterwarnings("ignore:Requiring AUTH"))
