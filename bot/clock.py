"""The one place that reads the system time.

Every other module takes ``now`` as an argument, so tests, replays and the demo can run
the bot at any moment of the award year (``kvalitetsbot --now 2027-03-01T10:00 run``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The real clock, always aware and in Europe/Stockholm."""

    def now(self) -> datetime:
        return datetime.now(STOCKHOLM)


@dataclass
class FixedClock:
    """A clock that stands still until moved; used by ``--now``, tests and the demo."""

    current: datetime

    def now(self) -> datetime:
        return self.current

    def advance_to(self, moment: datetime) -> None:
        self.current = moment


def parse_now(text: str) -> datetime:
    """Parse an ISO 8601 moment; a value without offset is Europe/Stockholm local time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(
            f"'{text}' is not an ISO 8601 time (e.g. 2027-03-01T10:00 or 2027-03-01T10:00+01:00)"
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=STOCKHOLM)
    return moment.astimezone(STOCKHOLM)
