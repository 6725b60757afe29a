"""PostgreSQL stopped in the middle of a batch and started again, under a real watching
bot (`kvalitetsbot run`): the bot waits, says so once, resumes, and ends in the same state
as a run that never saw an outage, with every mail handled and sent exactly once. And a
restart between two rounds goes unnoticed: pooled connections are checked before use.

The server is a private cluster (tests/private_postgres.py), never the shared one."""

from __future__ import annotations

import logging
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

import pytest

from bot import runner
from bot.clock import STOCKHOLM, FixedClock
from bot.mail.mailbox.maildir import MaildirMailbox
from bot.runner import build_app
from scripts.crash_harness import (
    NOW,
    OUTPUT_FOLDERS,
    bot_env,
    differences,
    prepare,
    progress,
    run_to_end,
    snapshot,
    work_left,
)
from tests.backlog import backlog, person, signup
from tests.conftest import make_settings, put, sent
from tests.private_postgres import Cluster, ClusterUnavailable, private_cluster

pytestmark = pytest.mark.slow
MAILS = 100
HANG_GUARD = 300.0  # seconds; only against a hang, never a measure of speed
OUTAGE = "database unreachable ("
BACK = "database reachable again after "
FAILED_TRY = "database unreachable: try "


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    with ExitStack() as stack:
        try:
            started = stack.enter_context(private_cluster())
        except ClusterUnavailable as exc:
            pytest.skip(f"no private PostgreSQL cluster: {exc}")
        yield started


def _start_watching_bot(data_dir: Path, url: str) -> subprocess.Popen[bytes]:
    env = bot_env(data_dir)
    # DEBUG: each failed try of the outage logs a debug line, so the test can wait for
    # tries (not seconds) and count the lines at WARNING and above among them.
    env.update(
        KB_DATABASE_URL=url,
        KB_POLL_SECONDS="1",
        KB_DATABASE_RETRY_MAX_SECONDS="2",
        KB_LOG_LEVEL="DEBUG",
    )
    script = Path(sys.executable).with_name("kvalitetsbot")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "bot"]
    log = (data_dir / "bot.log").open("wb")
    return subprocess.Popen(
        [*command, "--now", NOW, "run"],
        env=env,
        cwd=data_dir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _log(data_dir: Path) -> str:
    return (data_dir / "bot.log").read_text(encoding="utf-8", errors="replace")


def _wait_for(
    condition: Callable[[], bool], what: str, bot: subprocess.Popen[bytes], data_dir: Path
) -> None:
    deadline = time.monotonic() + HANG_GUARD
    while not condition():
        assert bot.poll() is None, f"the bot died waiting for {what}:\n{_log(data_dir)[-3000:]}"
        assert time.monotonic() < deadline, f"hang guard: no {what}:\n{_log(data_dir)[-3000:]}"
        time.sleep(0.02)


def _inbox(data_dir: Path) -> list[str]:
    messages = MaildirMailbox(data_dir / "mailbox").fetch_new(None).messages
    return sorted(m.remote_id for m in messages)


def _in_mailbox(data_dir: Path) -> int:
    """Inbound mails anywhere in the mailbox: the inbox and the folders they are filed in."""
    mailbox = MaildirMailbox(data_dir / "mailbox")
    filed = sum(len(mailbox.list_folder(f)) for f in OUTPUT_FOLDERS if f != "Sent")
    return len(mailbox.fetch_new(None).messages) + filed


def test_postgres_stopped_mid_batch_and_started_again_loses_and_repeats_nothing(
    tmp_path: Path, cluster: Cluster
) -> None:
    mails = backlog(MAILS, seed=16)
    reference, watched = tmp_path / "reference", tmp_path / "watched"
    for data_dir in (reference, watched):
        data_dir.mkdir()
        prepare(data_dir, mails)
    run_to_end(reference)  # one uninterrupted round on SQLite: what the end state must be

    bot = _start_watching_bot(watched, cluster.url)
    try:
        _wait_for(lambda: progress(watched) >= 10, "progress", bot, watched)
        cluster.stop()
        _wait_for(lambda: OUTAGE in _log(watched), "outage line", bot, watched)
        waiting = _inbox(watched)
        assert waiting, "the outage must come in the middle of the batch"
        assert _in_mailbox(watched) == MAILS, "a mail fetched but not committed left the mailbox"
        # Let the bot fail a few tries (counted in its debug lines, not timed) before the
        # database comes back.
        _wait_for(lambda: _log(watched).count(FAILED_TRY) >= 4, "failed tries", bot, watched)
        assert _inbox(watched) == waiting, "nothing leaves the inbox while the database is down"
        cluster.start()
        _wait_for(lambda: not work_left(watched, cluster.url), "the end of the batch", bot, watched)
        assert bot.poll() is None, "the bot kept running through the outage"
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=HANG_GUARD)
    assert bot.returncode == 0, _log(watched)[-3000:]

    log = _log(watched)
    loud = [line for line in log.splitlines() if " WARNING " in line or " ERROR " in line]
    assert len(loud) == 2 and OUTAGE in loud[0] and BACK in loud[1], loud
    assert "Traceback" not in log
    assert log.count(FAILED_TRY) >= 4, "several failed tries, one line at WARNING or above"

    expected, outcome = snapshot(reference), snapshot(watched, cluster.url)
    assert differences(expected, outcome) == []
    assert sum(outcome["sent_folder"].values()) == sum(outcome["outbox"].values()) > 0
    assert len(outcome["inbound"]) == MAILS
    # The Sent folder of the embedded mailbox would hide a second send of one Message-ID;
    # the log does not: the backend was called once per outbox row.
    sends = Counter(re.findall(r"mail sent: outbox row (\d+),", log))
    assert len(sends) == sum(outcome["outbox"].values()) and set(sends.values()) == {1}
    handled = Counter(re.findall(r"mail handled: row (\d+),", log))
    assert set(handled.values()) == {1}, "a mail handled twice"


def test_a_restart_between_rounds_does_not_fail_the_next_round(
    tmp_path: Path, cluster: Cluster, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FixedClock(datetime(2027, 3, 1, 10, 0, tzinfo=STOCKHOLM))
    app = build_app(make_settings(tmp_path, cluster.url, KB_OCR="off"), clock)
    try:
        put(app, signup(person(1), "before-restart", clock.now()))
        runner._safe_cycle(app)  # the pool now holds a connection to the old server
        cluster.stop()
        cluster.start()
        put(app, signup(person(2), "after-restart", clock.now()))
        with caplog.at_level(logging.WARNING, logger="bot"):
            runner._safe_cycle(app)
        assert caplog.messages == [], "a pooled connection from before the restart was used"
        assert len(sent(app)) == 2
    finally:
        app.sessions.kw["bind"].dispose()
