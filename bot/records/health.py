"""Is the bot well? The heartbeat the runner writes after each round, and the checks that
monitoring runs through ``kvalitetsbot health``.

Both live as small JSON files in the data dir rather than in the database: each instance
has its own data dir and its own rounds, and a check must still answer (with a failure)
when the database is the thing that is down.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM
from bot.models import InboundMessage, OutboxMail

HEARTBEAT = "heartbeat.json"
LAST_CHECK = "health.json"
# Mail queued longer than this is stuck; the per-recipient limit delays mail by at most
# an hour, so anything older waits for a reason the staff should know.
STUCK = timedelta(hours=1)


def beat(data_dir: Path, now: datetime) -> None:
    """Record that a round finished at ``now``."""
    _write(data_dir / HEARTBEAT, {"round_at": now.isoformat()})


@dataclass(frozen=True)
class Health:
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(session: Session, data_dir: Path, now: datetime, poll_seconds: int, polls: int) -> Health:
    """What is wrong now, in Swedish sentences; remembers the quarantine for next time."""
    problems = [_round_problem(data_dir, now, poll_seconds, polls)]
    stuck = session.scalar(
        select(func.count())
        .select_from(OutboxMail)
        .where(OutboxMail.status == "queued", OutboxMail.created_at < now - STUCK)
    )
    if stuck:
        problems.append(f"{stuck} brev har väntat i utkorgen i mer än en timme.")
    quarantined = (
        session.scalar(
            select(func.count())
            .select_from(InboundMessage)
            .where(InboundMessage.status == "quarantine")
        )
        or 0
    )
    before = _read(data_dir / LAST_CHECK).get("quarantine")
    if isinstance(before, int) and quarantined > before:
        problems.append(
            f"Karantänen har vuxit sedan förra kontrollen: {before} → {quarantined} brev."
        )
    _write(data_dir / LAST_CHECK, {"quarantine": quarantined, "checked_at": now.isoformat()})
    return Health(tuple(p for p in problems if p))


def _round_problem(data_dir: Path, now: datetime, poll_seconds: int, polls: int) -> str:
    last = _read(data_dir / HEARTBEAT).get("round_at")
    if not isinstance(last, str):
        return "Boten har inte avslutat någon runda ännu."
    at = datetime.fromisoformat(last).astimezone(STOCKHOLM)
    limit = poll_seconds * polls
    if now - at <= timedelta(seconds=limit):
        return ""
    return (
        f"Senaste rundan avslutades {at:%Y-%m-%d %H:%M:%S}, för mer än {polls} × "
        f"KB_POLL_SECONDS ({limit} s) sedan."
    )


def _read(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(path: Path, data: dict[str, object]) -> None:
    """Write through a temporary file and a rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temporary, path)
