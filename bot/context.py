"""What a workflow step needs besides the session, the message and ``now``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from sqlalchemy.orm import Session

from bot.config import Settings
from bot.mail import outbox
from bot.mail.parse import ParsedMail
from bot.mail.render import Envelope, Sender, make_message
from bot.models import Unit
from bot.year.schedule import Schedule, year_in_force
from bot.year.schedule_file import schedule_for_year


@dataclass
class Context:
    settings: Settings
    _schedules: dict[int, Schedule] = field(default_factory=dict)

    @property
    def sender(self) -> Sender:
        s = self.settings
        return Sender(s.bot_address, s.bot_name, s.templates_dir)

    def year(self, now: datetime) -> int:
        """The award year in force: the setting, else this year until its ceremony is over.

        Between one year's ceremony (late November) and New Year, mail is about the coming
        award year, so that year is in force as soon as its schedule file exists; the same
        holds when this year has no schedule file but the next one has.
        """
        year = year_in_force(now, self.settings.award_year)
        if self.settings.award_year is not None or not self._has_schedule(year + 1):
            return year
        if not self._has_schedule(year):
            return year + 1
        return year + 1 if now >= self.schedule(year).deadline("ceremony").due else year

    def _has_schedule(self, year: int) -> bool:
        return (self.settings.schedules_dir / f"{year}.toml").is_file()

    def schedule(self, year: int) -> Schedule:
        if year not in self._schedules:
            self._schedules[year] = schedule_for_year(year, self.settings.schedules_dir)
        return self._schedules[year]

    def message(
        self, kind: str, envelope: Envelope, context: dict[str, Any], now: datetime
    ) -> EmailMessage:
        base = {
            "year": context.get("year", self.year(now)),
            "bot_address": self.settings.bot_address,
        }
        return make_message(self.sender, kind, envelope, {**base, **context}, now)


@dataclass(frozen=True)
class Inbound:
    """An inbound message as a workflow step sees it."""

    row_id: int
    received_at: datetime
    mail: ParsedMail


@dataclass(frozen=True)
class Outcome:
    """What handling decided: where the server copy goes, and why."""

    status: str  # handled | staff | ignored
    kind: str
    reason: str | None = None
    unit_id: int | None = None


def staff(kind: str, reason: str, unit: Unit | None = None) -> Outcome:
    return Outcome("staff", kind, reason, unit.id if unit else None)


def reply(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    kind: str,
    context: dict[str, Any],
    now: datetime,
    *,
    unit: Unit | None,
    to: str,
    to_name: str = "",
) -> None:
    """Queue an answer to ``inbound`` in its thread, at most once per message and recipient."""
    mail = inbound.mail
    envelope = Envelope(
        to=to,
        to_name=to_name,
        in_reply_to=mail.message_id,
        references=mail.references,
        reference=unit.reference if unit else None,
    )
    message = ctx.message(kind, envelope, context, now)
    outbox.queue(
        session,
        message,
        kind=kind,
        dedupe_key=f"{kind}:inbound:{inbound.row_id}:{to.lower()}",
        now=now,
        unit_id=unit.id if unit else None,
    )


def reply_with_copy(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    kind: str,
    context: dict[str, Any],
    now: datetime,
    *,
    unit: Unit,
    copy_to: str | None,
) -> None:
    """Answer the sender; when ``copy_to`` is another address (the registered contact of a
    unit whose data changed from an unregistered address), send it a marked copy."""
    sender = inbound.mail.from_addr or ""
    reply(
        session,
        ctx,
        inbound,
        kind,
        context,
        now,
        unit=unit,
        to=sender,
        to_name=inbound.mail.from_name,
    )
    if copy_to and copy_to != sender:
        reply(
            session,
            ctx,
            inbound,
            kind,
            {**context, "copy_for": sender},
            now,
            unit=unit,
            to=copy_to,
            to_name=(unit.contact_name or "") if copy_to == unit.contact_email else "",
        )
