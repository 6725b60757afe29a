"""Our own words coming back: text that repeats the bot's mail is not the sender's.

Some auto-responders paste the mail they answer without "> " quoting. Our receipt says
"skriv 'Vi drar tillbaka vår anmälan'", so a pasted receipt would read as a withdrawal,
and each withdrawal receipt would start the next. The mails the bot sent in the thread
(named by In-Reply-To and References) tell us which lines are ours, whatever the quoting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.mail.parse import parse_mail
from bot.models import OutboxMail

# More than this many of our mails in one thread within an hour, and a person looks.
THREAD_MAILS_PER_HOUR = 3
# A line this long that occurs in our mail is ours even if re-wrapped. Shorter ones count
# only as whole lines of ours: a unit that answers our receipt with just "Vi drar tillbaka
# vår anmälan", as the receipt tells it to, has written that line itself.
_MIN_WORDS = 8


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[\"'”“„’>*]", " ", text).lower().split())


def strip_echo(session: Session, text: str, message_ids: Sequence[str]) -> str:
    """``text`` without the lines that repeat a mail the bot sent in this thread."""
    ids = [mid for mid in message_ids if mid]
    if not ids:
        return text
    raws = session.scalars(select(OutboxMail.raw).where(OutboxMail.message_id.in_(ids)))
    our_lines = {_normal(line) for raw in raws for line in parse_mail(raw).text.split("\n")}
    our_lines.discard("")
    if not our_lines:
        return text
    ours = " \n ".join(our_lines)
    kept = []
    for line in text.split("\n"):
        normal = _normal(line)
        if normal in our_lines or (len(normal.split()) >= _MIN_WORDS and normal in ours):
            continue
        kept.append(line)
    return "\n".join(kept)


def bot_mails_in_thread(
    session: Session, message_ids: Sequence[str], recipient: str, now: datetime
) -> int:
    """How many mails the bot queued within the hour in this thread: those the thread
    names, or, since some auto-responders keep no References, those to this sender that
    the thread's newest named bot mail shares a unit with."""
    since = now - timedelta(hours=1)
    ids = [mid for mid in message_ids if mid]
    if not ids:
        return 0
    named = select(OutboxMail.unit_id).where(OutboxMail.message_id.in_(ids))
    units = [u for u in session.scalars(named) if u is not None]
    query = select(func.count()).where(OutboxMail.created_at >= since)
    by_ids = session.scalar(query.where(OutboxMail.message_id.in_(ids))) or 0
    if not units:
        return by_ids
    same = query.where(OutboxMail.recipient == recipient.lower(), OutboxMail.unit_id.in_(units))
    return max(by_ids, session.scalar(same) or 0)
