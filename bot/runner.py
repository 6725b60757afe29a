"""Assembling the bot and running it: once over what is waiting, or until stopped."""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass, field
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.context import Context
from bot.db import INGEST_LOCK, lease, open_database
from bot.ingest import IngestReport, ingest
from bot.mail import outbox
from bot.mail.mailbox import Mailbox, open_mailbox
from bot.outreach.scheduler import run_due
from bot.records.health import beat

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    clock: Clock
    sessions: sessionmaker[Session]
    mailbox: Mailbox
    ctx: Context
    stop: threading.Event = field(default_factory=threading.Event)
    database_down: bool = False

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
    return App(settings, clock, sessions, mailbox, ctx)


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
    sent = outbox.send_pending(app.sessions, app.mailbox, app.clock.now(), app.limits)
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
        next_run_time=SystemClock().now(),
    )

    def stop(signum: int, _frame: FrameType | None) -> None:
        if app.stop.is_set():
            return  # A second signal (Ctrl-C twice, or a supervisor's repeat) changes nothing.
        log.info("signal %s received: finishing the message in hand, then stopping", signum)
        app.stop.set()
        threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    scheduler.start()


def _safe_cycle(app: App) -> None:
    try:
        # Nothing on an idle round: each mail handled or sent and each scheduled job that
        # queued something logs its own line.
        report = run_cycle(app)
    except OperationalError as exc:
        # The database is down or unreachable. Each mail's transaction rolled back and the
        # mail waits where it was, so nothing is lost: say so once, not every round, and
        # resume when a round gets through again.
        if not app.database_down:
            log.error(
                "database unavailable (%s); waiting, retrying every round", type(exc).__name__
            )
            app.database_down = True
        return
    except Exception:
        # Any other failing round (a mail server down) is logged and tried again next round.
        log.exception("cycle failed; retrying on the next round")
        return
    if app.database_down:
        log.info("database reachable again; resuming")
        app.database_down = False
    log.debug("cycle: %s", report)
