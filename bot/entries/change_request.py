"""The staff's change request to a unit: recorded on the entry and mailed to the contact."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM
from bot.context import Context, Inbound
from bot.mail import outbox
from bot.mail.render import Envelope
from bot.models import Entry, Unit
from bot.signups.signup import unit_view


def notify_change_request(
    session: Session,
    ctx: Context,
    unit: Unit,
    entry: Entry,
    text: str,
    inbound: Inbound,
    now: datetime,
) -> None:
    """Record the staff's request on the entry and send the unit a change request."""
    finding = {
        "code": "staff",
        "severity": "blocking",
        "message": text,
        "check": "Kvalitetsenheten",
        "filename": "",
    }
    entry.problems = json.dumps([*_problems(entry), finding], ensure_ascii=False)
    if not unit.contact_email or entry.change_due is None:
        return
    context = {
        "unit": unit_view(unit),
        "version": entry.version,
        "files": [],
        "characters": None,
        "presentation_characters": None,
        "passed": [],
        "blocking": [{k: finding[k] for k in ("message", "check", "filename")}],
        "warnings": [],
        "picture_warning": False,
        "due_day": (entry.change_due - timedelta(minutes=1)).astimezone(STOCKHOLM).date(),
        "late": False,
        "entry_day": ctx.schedule(unit.year).deadline("entry").day,
        "copy_for": None,
        "year": unit.year,
    }
    envelope = Envelope(
        to=unit.contact_email, to_name=unit.contact_name or "", reference=unit.reference
    )
    message = ctx.message("change-request", envelope, context, now)
    key = f"change-request:staff:{inbound.row_id}"
    outbox.queue(session, message, kind="change-request", dedupe_key=key, now=now, unit_id=unit.id)


def _problems(entry: Entry) -> list[Any]:
    try:
        value = json.loads(entry.problems or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []
