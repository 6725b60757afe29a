"""Assembling the bot and running it: once over what is waiting, or until stopped."""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.context import Context
from bot.db import INGEST_LOCK, lease, open_database, ping, unreachable
from bot.ingest import IngestReport, ingest
from bot.mail import outbox
from bot.mail.mailbox import Mailbox, open_mailbox
from bot.outreach.scheduler import run_due
from bot.records.health import beat

log = logging.getLogger(__name__)


@dataclass
class Outage:
    """The watching loop's memory of a database outage.

    The loop says once that the database is gone and once that it is back. In between it
    tries again after one poll interval, then after twice as long each time, but never
    more than ``max_rounds`` intervals apart: the scheduler's rounds are the only sleep,
    so a signal still stops the bot at once.
    """

    poll_seconds: int
    max_rounds: int
    monotonic: Callable[[], float] = time.monotonic
    failures: int = 0
    since: float = 0.0
    wait: int = 0  # rounds still to sit out before the next try

    @classmethod
    def for_settings(cls, settings: Settings) -> Outage:
        poll = settings.poll_seconds
        return cls(poll, max(1, settings.database_retry_max_seconds // poll))

    def sit_out(self) -> bool:
        """Whether this round waits instead of trying (the backoff of an outage)."""
        if self.wait == 0:
            return False
        self.wait -= 1
        return True

    def failed(self, exc: BaseException) -> None:
        if self.failures == 0:
            self.since = self.monotonic()
            log.error(
                "database unreachable (%s); waiting, retrying at most %s s apart",
                type(exc).__name__,
                self.max_rounds * self.poll_seconds,
            )
        self.failures += 1
        self.wait = min(2 ** min(self.failures - 1, 30), self.max_rounds) - 1
        log.debug(
            "database unreachable: try %s failed, next in %s rounds", self.failures, self.wait + 1
        )

    def recovered(self) -> None:
        if self.failures == 0:
            return
        # WARNING, as the outage's line: a log read at WARNING shows both ends of it.
        seconds = self.monotonic() - self.since
        log.warning(
            "database reachable again after %.0f s (%s failed tries); resuming",
            seconds,
            self.failures,
        )
        self.failures = self.wait = 0


@dataclass
class App:
    settings: Settings
    clock: Clock
    sessions: sessionmaker[Session]
    mailbox: Mailbox
    ctx: Context
    outage: Outage
    stop: threading.Event = field(default_factory=threading.Event)
    # Mails sent while the database went away before their send was committed.
    unrecorded: dict[int, datetime] = field(default_factory=dict)

    @property
    def limits(self) -> outbox.Limits:
        s = self.settings
        return outbox.Limits(s.max_mails_per_recipient_hour, s.max_mails_per_recipient_day)


def build_app(settings: Settings, clock: Clock) -> App:
    """Open the database (migrating it) and the mailbox; fail early on a bad schedule."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    sessions = open_database(settings.database_url)
    mailbox = open_mailbox(settings, clock)
    s = settings
    mailbox.ensure_folders([s.folder_handled, s.folder_staff, s.folder_quarantine, s.folder_sent])
    ctx = Context(settings)
    ctx.schedule(ctx.year(clock.now()))
    return App(settings, clock, sessions, mailbox, ctx, Outage.for_settings(settings))


@dataclass
class CycleReport:
    ingest: IngestReport
    sent: int


def run_cycle(app: App) -> CycleReport:
    """One round: handle new mail, queue what the calendar makes due, send the outbox.

    Of two instances on one database, one at a time takes in mail and queues what is due
    (the ingest lease): mail is then handled in the order it arrived, as by one instance,
    and reminders are decided only after the mail before them is handled. Both send the
    outbox, each mail claimed by its row."""
    report = IngestReport()
    with lease(app.sessions, INGEST_LOCK) as mine:
        if mine:
            report = ingest(app.sessions, app.ctx, app.mailbox, app.clock.now(), app.stop.is_set)
        # A mail left to another instance (its row claimed) may change who owes what.
        if mine and not report.waiting:
            run_due(app.sessions, app.ctx, app.clock.now())
    now = app.clock.now()
    sent = outbox.send_pending(app.sessions, app.mailbox, now, app.limits, app.unrecorded)
    # Only a round that got this far counts for `kvalitetsbot health`.
    beat(app.settings.data_dir, app.clock.now())
    return CycleReport(report, sent)


def run_forever(app: App) -> None:
    """Poll until SIGTERM or SIGINT; a signal lets the message in hand finish first."""
    scheduler = BlockingScheduler(timezone="Europe/Stockholm")
    scheduler.add_job(
        lambda: _safe_cycle(app),
        "interval",
        seconds=app.settings.poll_seconds,
        max_instances=1,
        coalesce=True,
        # However late a wake-up is (a busy machine), it still polls, without a warning.
        misfire_grace_time=None,
        next_run_time=SystemClock().now(),
    )
    scheduler_log = logging.getLogger("apscheduler.scheduler")
    if _skipped_while_running not in scheduler_log.filters:
        scheduler_log.addFilter(_skipped_while_running)

    def stop(signum: int, _frame: FrameType | None) -> None:
        if app.stop.is_set():
            return  # A second signal (Ctrl-C twice, or a supervisor's repeat) changes nothing.
        log.info("signal %s received: finishing the message in hand, then stopping", signum)
        app.stop.set()
        threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    scheduler.start()


def _skipped_while_running(record: logging.LogRecord) -> bool:
    # APScheduler warns each time a wake-up finds the last round still running. With one
    # round at a time that is the design, not a fault: a long batch, or a database connect
    # that times out, just delays the next round; a warning per poll would be noise.
    return "maximum number of running instances" not in str(record.msg)


def _safe_cycle(app: App) -> None:
    if app.outage.sit_out():
        return
    try:
        if app.outage.failures:
            # A cheap try first: the return is logged when the database answers, not after
            # the batch that waited for it, and the mailbox is left alone until then.
            ping(app.sessions)
            app.outage.recovered()
        # Nothing on an idle round: each mail handled or sent and each scheduled job that
        # queued something logs its own line.
        report = run_cycle(app)
    except Exception as exc:
        if unreachable(exc):
            # The database is down, restarting or dropped the connection. The transaction
            # in hand rolled back and its mail waits where it was, so nothing is lost.
            app.outage.failed(exc)
        else:
            # Any other failing round (a mail server down) is tried again next round.
            log.exception("cycle failed; retrying on the next round")
        return
    log.debug("cycle: %s", report)
