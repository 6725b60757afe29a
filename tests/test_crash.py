"""A real bot process killed with SIGKILL mid-batch, then restarted, ends as if never killed."""

from __future__ import annotations

import email
import email.policy
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from bot.clock import STOCKHOLM
from bot.mail.mailbox.maildir import MaildirMailbox, deliver
from bot.models import Event, InboundMessage, Unit
from tests.conftest import REPO, make_mail

pytestmark = pytest.mark.slow
N = 60
START = datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    env.update(
        {
            "KB_DATA_DIR": str(tmp_path / "var"),
            "KB_ENV_FILE": str(tmp_path / "none"),
            "KB_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPO),
        }
    )
    return env


def _bot(tmp_path: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "--now", "2027-03-01T10:00", *args],
        env=_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _handled(maildir: Path) -> int:
    return len(MaildirMailbox(maildir).list_folder("Behandlat"))


def _kill_when(proc: subprocess.Popen[bytes], maildir: Path, at_least: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if _handled(maildir) >= at_least:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    proc.wait(timeout=30)


def test_sigkill_mid_batch_then_restart_handles_each_mail_once(tmp_path: Path) -> None:
    maildir = tmp_path / "var" / "mailbox"
    message_ids = []
    for n in range(N):
        raw = make_mail(
            f"Verksamhet: Förskolan Nummer {n}\nFörvaltning: Skarpnäcks stadsdelsförvaltning\n"
            f"Chef: Maria Öberg\nKontaktperson: Anna Berg\nE-post: anna{n}@edu.stockholm.se\n",
            sender=f"anna{n}@edu.stockholm.se",
        )
        message_ids.append(email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"])
        deliver(maildir, raw, START)

    rng = random.Random(2027)
    kills = 0
    for _ in range(4):
        before = _handled(maildir)
        if before >= N - 2:
            break
        proc = _bot(tmp_path, "run", "--once")
        _kill_when(proc, maildir, rng.randint(before + 1, min(N - 1, before + 15)))
        kills += proc.returncode == -signal.SIGKILL
    final = _bot(tmp_path, "run", "--once")
    assert final.wait(timeout=120) == 0, final.stderr.read() if final.stderr else ""
    assert kills >= 2, "the harness should have killed the bot mid-batch"

    engine = create_engine(f"sqlite:///{tmp_path / 'var' / 'kvalitetsbot.sqlite3'}")
    with engine.connect() as conn:
        statuses = conn.execute(select(InboundMessage.status)).scalars().all()
        signups = conn.execute(
            select(func.count()).select_from(Event).where(Event.kind == "signup")
        ).scalar()
        units = conn.execute(select(func.count(func.distinct(Unit.reference)))).scalar()
    engine.dispose()
    assert statuses == ["handled"] * N
    assert signups == N
    assert units == N
    sent = [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in MaildirMailbox(maildir).list_folder("Sent")
    ]
    answered = sorted(str(m["In-Reply-To"]) for m in sent)
    assert answered == sorted(str(mid) for mid in message_ids)
    assert MaildirMailbox(maildir).fetch_new(None).messages == []


def test_sigterm_stops_the_watching_bot_cleanly(tmp_path: Path) -> None:
    maildir = tmp_path / "var" / "mailbox"
    deliver(
        maildir,
        make_mail(
            "Verksamhet: Förskolan Ett\nFörvaltning: Skarpnäcks "
            "stadsdelsförvaltning\nChef: Maria Öberg\nKontaktperson: Anna Berg"
        ),
        START,
    )
    proc = _bot(tmp_path, "run")
    deadline = time.monotonic() + 60
    while _handled(maildir) < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    assert _handled(maildir) == 1
