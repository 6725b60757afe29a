"""Fixtures for the backend contract suite: each backend with a way to deliver mail to it.

maildir runs on local disk, imap against a real Dovecot + SMTP server, and graph and ews
against small stateful fakes at the HTTP level (``graph_fake.py`` with respx,
``ews_fake.py`` with requests-mock) that replay the documented response shapes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.mail.mailbox import Mailbox, open_mailbox
from bot.mail.mailbox.imap import ImapMailbox
from bot.mail.mailbox.maildir import MaildirMailbox, deliver
from tests.conftest import make_settings
from tests.mailbox.servers import MailServers, ensure_dovecot, start_servers


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
    # The replaying fake server (graph, ews), for tests that look at or steer it.
    server: Any = None
    # Back-off waits the backend asked for instead of sleeping (graph, ews).
    slept: list[float] = field(default_factory=list)


@pytest.fixture
def imap_harness(mail_servers: MailServers, tmp_path: Path, clock: FixedClock) -> Harness:
    mail_servers.clear()
    settings = make_settings(tmp_path, **mail_servers.env())
    return Harness(lambda: open_mailbox(settings, clock), mail_servers.deliver, mail_servers.folder)


MAILBOX = "kvalitetsutmarkelsen@stockholm.se"
# Every 7th request is throttled (429 / ErrorServerBusy) or refused with a transient 503,
# so the whole contract also holds while the server pushes back.
THROTTLE_EVERY = 7


@pytest.fixture
def graph_harness() -> Iterator[Harness]:
    """Graph against ``FakeGraph``: replays the documented response shapes of ``message:
    delta`` (nextLink/deltaLink pages, 2 messages a page), ``/$value``, ``message: move``,
    ``mailFolder`` list/create, ``sendMail``, ``createUploadSession`` and the throttling
    guidance (429/503 with Retry-After), from a dict of folders → messages."""
    respx = pytest.importorskip("respx")
    from bot.mail.mailbox.graph import GraphConfig, GraphMailbox
    from tests.mailbox.graph_fake import BASE, UPLOAD, FakeGraph

    fake = FakeGraph(MAILBOX, page_size=2, throttle_every=THROTTLE_EVERY)
    slept: list[float] = []

    def open_graph() -> Mailbox:
        config = GraphConfig(BASE, MAILBOX)
        return GraphMailbox(config, lambda: "eyJ0eXAiOiJKV1Qi.replayed", sleep=slept.append)

    with respx.mock(assert_all_called=False) as router:
        router.route(url__startswith=BASE).mock(side_effect=fake.handle)
        router.route(url__startswith=UPLOAD).mock(side_effect=fake.handle)
        yield Harness(
            open_graph,
            fake.deliver,
            fake.folder_raws,
            server=fake,
            slept=slept,
        )


@pytest.fixture
def ews_harness(monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    """EWS (exchangelib) against ``FakeEws``: replays the documented response formats of
    ``SyncFolderItems`` (SyncState, 2 changes an answer), ``GetItem`` with MimeContent,
    ``MoveItem``, ``GetFolder``/``FindFolder``/``CreateFolder``, ``FindItem`` and
    ``CreateItem`` with SendAndSaveCopy, and EWS throttling (ErrorServerBusy, HTTP 503),
    from a dict of folders → items. requests-mock stands in for the HTTP layer."""
    requests_mock = pytest.importorskip("requests_mock")
    import exchangelib.util
    from exchangelib import (
        DELEGATE,
        NTLM,
        Account,
        Configuration,
        Credentials,
        FaultTolerance,
        Version,
    )
    from exchangelib.version import EXCHANGE_2016

    from bot.mail.mailbox.ews import EwsMailbox
    from tests.mailbox.ews_fake import FakeEws
    from tests.mailbox.ews_replay import ENDPOINT

    fake = FakeEws(page_size=2, throttle_every=THROTTLE_EVERY)
    slept: list[float] = []
    accounts: list[Account] = []

    def record_sleep(seconds: float) -> None:
        # Recorded instead of slept; the back-off is then over, as if the time had passed
        # (exchangelib would otherwise poll its back-off deadline against the real clock).
        slept.append(seconds)
        for account in accounts:
            account.protocol.retry_policy.back_off_until = None

    class _Time:
        """exchangelib's back-off sleeps, recorded instead of slept."""

        sleep = staticmethod(record_sleep)
        monotonic = staticmethod(time.monotonic)
        time = staticmethod(time.time)

    monkeypatch.setattr(exchangelib.util, "time", _Time)

    def open_ews() -> Mailbox:
        config = Configuration(
            service_endpoint=ENDPOINT,
            credentials=Credentials("STOCKHOLM\\svc-kvalitetsbot", "not-a-real-password"),
            auth_type=NTLM,
            version=Version(EXCHANGE_2016),
            retry_policy=FaultTolerance(max_wait=60),
        )
        account = Account(MAILBOX, config=config, autodiscover=False, access_type=DELEGATE)
        accounts.append(account)
        return EwsMailbox(account, watchdog_seconds=30)

    with requests_mock.Mocker() as mocker:
        mocker.post(ENDPOINT, text=fake)
        yield Harness(
            open_ews,
            fake.deliver,
            fake.folder_raws,
            server=fake,
            slept=slept,
        )


@pytest.fixture(params=["maildir", "imap", "graph", "ews"])
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
    backend: Harness = request.getfixturevalue(f"{request.param}_harness")
    return backend


def close(mailbox: Mailbox) -> None:
    if isinstance(mailbox, ImapMailbox):
        mailbox.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # aiosmtpd warns about AUTH without TLS; on loopback in a test that is intended.
    for item in items:
        if "tests/mailbox" in str(item.path):
            item.add_marker(pytest.mark.filterwarnings("ignore:Requiring AUTH"))
