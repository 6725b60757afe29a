"""Board-minutes extracts (protokollsutdrag), due 28 June: store, acknowledge, flag.

A late extract is registered and flagged; one whose text does not mention the unit gets a
warning in the receipt (where text can be extracted at all).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import datetime

from sqlalchemy.orm import Session

from bot import audit
from bot.context import Context, Inbound, Outcome, reply
from bot.entries.attachments import input_files, store_attachments
from bot.entries.documents import check_minutes
from bot.models import Minutes, Unit
from bot.signups.signup import unit_view
from bot.signups.units import add_flag

# "protokoll" begins the word or follows the board that keeps it ("nämndprotokoll"); the
# end of another compound is something else: "ett värdefullt återkopplingsprotokoll" is the
# award's feedback from an earlier year, not minutes.
MINUTES_WORDS = re.compile(
    r"protokollsutdrag|protokollutdrag|\b(?:nämnd|styrelse|sammanträdes)?protokoll"
    r"|nämndbeslut|styrelsebeslut|paragraf\s*§|§\s*\d+",
    re.IGNORECASE,
)


def looks_like_minutes(subject: str, text: str, filenames: list[str]) -> bool:
    """Minutes name themselves in the subject, a file name or the first lines of the mail."""
    head = "\n".join(text.splitlines()[:8])
    return any(MINUTES_WORDS.search(s) for s in (subject, head, *filenames))


def handle_minutes(
    session: Session, ctx: Context, inbound: Inbound, now: datetime, unit: Unit
) -> Outcome:
    check = check_minutes(input_files(inbound.mail), unit.unit_name or "")
    late = ctx.schedule(unit.year).deadline("minutes").is_late(inbound.received_at)
    minutes = Minutes(
        unit_id=unit.id,
        inbound_id=inbound.row_id,
        received_at=inbound.received_at,
        late=late,
        mentions_unit=check.mentions_unit,
        problems=json.dumps([asdict(f) for f in check.findings], ensure_ascii=False),
    )
    session.add(minutes)
    session.flush()
    store_attachments(session, ctx, inbound, now, minutes_id=minutes.id)
    if late:
        add_flag(unit, "late-minutes", "Protokollsutdraget kom in efter sista dag.", now)
    if check.mentions_unit is False:
        add_flag(
            unit, "minutes:unit-not-named", "Protokollsutdraget nämner inte verksamheten.", now
        )
    audit.record(session, "minutes", now, unit_id=unit.id, inbound_id=inbound.row_id, late=late)
    context = {
        "unit": unit_view(unit),
        "files": [asdict(f) for f in check.files],
        "findings": [{"message": f.message, "severity": f.severity} for f in check.findings],
        "late": late,
        "minutes_day": ctx.schedule(unit.year).deadline("minutes").day,
    }
    reply(
        session,
        ctx,
        inbound,
        "minutes-receipt",
        context,
        now,
        unit=unit,
        to=inbound.mail.from_addr or "",
        to_name=inbound.mail.from_name,
    )
    return Outcome("handled", "minutes", None, unit.id)
