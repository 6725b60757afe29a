"""Two instances, one database: two real bot processes (`kvalitetsbot run`, watching) share
one PostgreSQL database and one IMAP mailbox (a real Dovecot, with an SMTP submission
server that records what it receives), and one of them at a time is SIGKILLed at a random
moment and restarted, while the other goes on.

The backlog (tests/backlog.py: sign-ups, replies, entries, auto-replies, questions) is
handled at a moment with sign-up reminders due, so reminders are part of it. The end state
is compared, with crash_harness's snapshot, against one uninterrupted `run --once` on a
database of its own over the same backlog in the same mailbox. On top of crash_harness's
checks: the SMTP server received each outbox mail exactly once, counted by Message-ID,
and nothing else; both instances stop cleanly at the end.

Run: .venv/bin/python scripts/crash_two.py [--kills 30] [--mails 300] [--seed 2027]
     [--database postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
Each run creates its databases with random names on that server and drops them after.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import itertools
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sqlalchemy import Engine, create_engine, func, select  # noqa: E402
from sqlalchemy.exc import SQLAlchemyError  # noqa: E402

from bot.models import InboundMessage, OutboxMail  # noqa: E402
from scripts import crash_harness as harness  # noqa: E402
from scripts.crash_harness import CrashReport  # noqa: E402
from tests.backlog import Mail, backlog  # noqa: E402
from tests.conftest import PG_ADMIN_URL, fresh_postgres  # noqa: E402
from tests.mailbox.servers import MailServers  # noqa: E402

INSTANCES = 2
# Rounds that both instances may still run after the work looks done, to catch a late
# extra mail; counted as heartbeats (each finished round writes one).
SETTLE_ROUNDS = 4
HANG_GUARD = 1800.0  # seconds; a guard against a hang, never a speed expectation


@dataclass
class Bots:
    """How to start a bot on the shared database, mailbox and data dir."""

    servers: MailServers
    database_url: str
    data_dir: Path

    def env(self) -> dict[str, str]:
        env = harness.bot_env(self.data_dir)
        env.update(self.servers.env())
        env.update({"KB_DATABASE_URL": self.database_url, "KB_POLL_SECONDS": "1"})
        return env

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        log = (self.data_dir / f"{name}.log").open("ab")
        command = [sys.executable, "-m", "bot", "--now", harness.NOW, "run", *args]
        proc = subprocess.Popen(command, env=self.env(), cwd=self.data_dir, stdout=log, stderr=log)
        log.close()
        return proc


@dataclass
class TwoReport(CrashReport):
    reminders: int = 0  # reminders among the mails sent
    extra_copies: int = 0  # copies the SMTP server received beyond each mail's first
    kills_while_sending: int = 0  # kills after the inbox was empty: reminders and sending
    # (signalled, dead) of each kill, on time.monotonic() as the SMTP recorder's moments
    kill_moments: list[tuple[float, float]] = field(default_factory=list)

    def summary(self) -> str:
        line = super().summary().replace("crash harness", "two instances")
        return (
            f"{line}; {self.reminders} reminders, {self.kills_while_sending} kills after the "
            f"inbox was empty, {self.extra_copies} extra copies at SMTP"
        )


def _count(engine: Engine, query: Any) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.scalar(query) or 0)
    except SQLAlchemyError:
        return -1  # Not migrated yet: the first instance is still starting.


def progress(engine: Engine, servers: MailServers) -> int:
    """Mail handled or sent so far: grows with every step either instance completes."""
    handled = _count(engine, select(func.count()).where(InboundMessage.status != "new"))
    sent = _count(engine, select(func.count()).where(OutboxMail.status == "sent"))
    return handled + sent + len(servers.smtp.recorder.received)


def sent_count(engine: Engine) -> int:
    return _count(engine, select(func.count()).where(OutboxMail.status == "sent"))


def quiet(engine: Engine, servers: MailServers) -> bool:
    """Nothing in the inbox, nothing stored but unhandled, nothing queued."""
    if servers.count("INBOX"):
        return False
    waiting = select(func.count()).where(InboundMessage.status == "new")
    queued = select(func.count()).where(OutboxMail.status == "queued")
    return _count(engine, waiting) == 0 and _count(engine, queued) == 0


def _wait(condition: Callable[[], bool], guard: float, pause: float = 0.01) -> bool:
    deadline = time.monotonic() + guard
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(pause)
    return True


def _heartbeats(data_dir: Path) -> int:
    beat = data_dir / "heartbeat.json"
    return beat.stat().st_mtime_ns if beat.exists() else 0


def _settle(bots: Bots, engine: Engine, expected: int) -> bool:
    """Wait until the work is done, then a few more rounds; False if the guard ran out."""

    def done() -> bool:
        return sent_count(engine) >= expected and quiet(engine, bots.servers)

    if not _wait(done, HANG_GUARD, pause=0.2):
        return False
    for _ in range(SETTLE_ROUNDS):
        last = _heartbeats(bots.data_dir)
        if not _wait(lambda last=last: _heartbeats(bots.data_dir) != last, 120, pause=0.05):
            return False
    return True


def two_instance_run(
    bots: Bots, kills: int, seed: int, expected: int, report: TwoReport, max_delay: float = 0.5
) -> None:
    """Both instances running; kill one at a random moment after progress, restart it.

    A quarter of the kills is kept for after the inbox is empty, so that they land in the
    reminder run and the sending too, not only in taking in the backlog."""
    rng = random.Random(seed)
    engine = create_engine(bots.database_url)
    procs = [bots.start(f"bot{n}") for n in range(INSTANCES)]
    while report.kills < kills and not quiet(engine, bots.servers):
        if report.kills == kills - kills // 4:
            _wait(lambda: bots.servers.count("INBOX") == 0, HANG_GUARD, pause=0.05)
        before = progress(engine, bots.servers)
        _wait(lambda before=before: progress(engine, bots.servers) != before, 120)
        time.sleep(rng.uniform(0, max_delay))
        victim = rng.randrange(INSTANCES)
        if procs[victim].poll() is None:
            sending = bots.servers.count("INBOX") == 0
            signalled = time.monotonic()
            procs[victim].send_signal(signal.SIGKILL)
            procs[victim].wait(timeout=30)
            report.kills += 1
            report.kill_moments.append((signalled, time.monotonic()))
            report.kills_while_sending += sending
        else:
            report.differences.append(f"bot{victim} exited on its own: {procs[victim].returncode}")
        procs[victim] = bots.start(f"bot{victim}")
        report.restarts += 1
    if not _settle(bots, engine, expected):
        report.differences.append("the two instances did not finish within the hang guard")
    for n, proc in enumerate(procs):
        proc.send_signal(signal.SIGTERM)
        if proc.wait(timeout=120) != 0:
            report.differences.append(f"bot{n} stopped with {proc.returncode} on SIGTERM")
    engine.dispose()


def snapshot(bots: Bots) -> dict[str, Any]:
    state = harness.database_snapshot(bots.database_url)
    state["sent_folder"] = harness.sent_counter(bots.servers.folder("Sent"))
    state["inbox_left"] = bots.servers.count("INBOX")
    return state


def smtp_check(bots: Bots, kills: list[tuple[float, float]]) -> tuple[list[str], int]:
    """Each outbox mail received by the SMTP server exactly once; (problems, extra copies).

    One extra copy is not a problem if a kill explains it: a bot killed after the relay
    took a mail and before the mail's copy reached Sent cannot know the relay has it, and
    sends it again rather than risk losing it. Each kill explains at most one copy (the
    one mail in the killed bot's hand), and only if it fell between the two copies."""
    recorder = bots.servers.smtp.recorder
    received: dict[str, list[float]] = {}
    for (_sender, _rcpts, raw), moment in zip(recorder.received, recorder.moments, strict=True):
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        received.setdefault(str(msg["Message-ID"]).strip().strip("<>"), []).append(moment)
    engine = create_engine(bots.database_url)
    with engine.connect() as conn:
        queued = set(conn.scalars(select(OutboxMail.message_id)).all())
    engine.dispose()
    problems, extra, unused = [], 0, sorted(kills)
    for mid, moments in sorted(received.items()):
        for first, again in itertools.pairwise(moments):
            extra += 1
            killed = next((k for k in unused if first <= k[1] and k[0] <= again), None)
            if killed is None:
                problems.append(f"SMTP received <{mid}> again with no kill in between")
            else:
                unused.remove(killed)
    if missing := queued - set(received):
        problems.append(f"SMTP never received {len(missing)} outbox mails")
    if unknown := set(received) - queued:
        problems.append(f"SMTP received {len(unknown)} mails that are in no outbox")
    return problems, extra


def prepare(bots: Bots, mails: list[Mail]) -> None:
    bots.data_dir.mkdir(parents=True)
    bots.servers.clear()
    harness.import_outreach(bots.env(), bots.data_dir, len(mails))
    for mail in mails:
        bots.servers.deliver(mail.raw, mail.at)


def compare_two(
    servers: MailServers, workdir: Path, mails: list[Mail], kills: int, seed: int, admin_url: str
) -> TwoReport:
    """The whole experiment: reference run, two-instance run with kills, comparison."""
    report = TwoReport(mails=len(mails))
    with fresh_postgres(admin_url, "kb_crash") as url:
        reference_bots = Bots(servers, url, workdir / "reference")
        prepare(reference_bots, mails)
        proc = reference_bots.start("reference", "--once")
        if proc.wait(timeout=HANG_GUARD) != 0:
            raise RuntimeError(f"the reference run exited with {proc.returncode}")
        reference = snapshot(reference_bots)
        reference_problems, _ = smtp_check(reference_bots, [])
    with fresh_postgres(admin_url, "kb_crash") as url:
        bots = Bots(servers, url, workdir / "two")
        prepare(bots, mails)
        expected = sum(reference["outbox"].values())
        two_instance_run(bots, kills, seed, expected, report)
        crashed = snapshot(bots)
        problems, report.extra_copies = smtp_check(bots, report.kill_moments)
        report.stale_moved = harness.stale_moved_flags(url)
    report.sent = sum(crashed["sent_folder"].values())
    report.differences += harness.differences(reference, crashed)
    report.differences += [f"reference: {line}" for line in reference_problems] + problems
    outbox = crashed["outbox"].items()
    report.reminders = sum(n for row, n in outbox if row[0].startswith("reminder-"))
    return report


def main() -> None:
    import tempfile

    from tests.mailbox.servers import ensure_dovecot, start_servers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--mails", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--database", default=PG_ADMIN_URL, help="a PostgreSQL server's URL")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    args = parser.parse_args()
    if not ensure_dovecot():
        sys.exit("Dovecot is not installed (apt-get install dovecot-imapd)")
    mails = backlog(args.mails, seed=args.seed)
    start = time.monotonic()
    servers = start_servers()
    with tempfile.TemporaryDirectory(prefix="kb-crash-two-") as tmp:
        workdir = args.keep or Path(tmp)
        report = compare_two(next(servers), workdir, mails, args.kills, args.seed, args.database)
    servers.close()
    print(report.summary() + f" ({time.monotonic() - start:.0f} s)")
    for line in report.differences:
        print("  " + line)
    sys.exit(1 if report.differences else 0)


if __name__ == "__main__":
    main()
