"""The demo's script: mails delivered at chosen moments, and what the bot sent at each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.clock import STOCKHOLM
from bot.runner import App


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    # Built when the mail is delivered, so importing the demo stays cheap.
    build: Callable[[], bytes]


@dataclass(frozen=True)
class Mail:
    sender: str
    name: str
    subject: str
    body: str
    # Answer the bot's latest mail of this kind to the sender, in its thread. An empty
    # subject becomes "Sv: " and the subject of the mail answered, as mail clients do.
    answers: str | None = None
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Step:
    at: datetime
    note: str
    mails: tuple[Mail, ...] = ()
    # Something the staff do at this moment besides mail (e.g. confirm the teams).
    action: Callable[[App], None] | None = None


@dataclass(frozen=True)
class Done:
    at: datetime
    note: str
    sent: list[tuple[str, str]]


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=STOCKHOLM)
