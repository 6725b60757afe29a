"""A mail from a team coordinator: booked visits in the text, or the written report attached.

The coordinator answers the assignment mail. Which unit it is about comes from the
reference in the subject or text, else the unit's name, else the coordinator's only unit;
when that does not settle it, the bot asks instead of guessing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import audit
from bot.clock import STOCKHOLM
from bot.context import Context, Inbound, Outcome, reply, staff
from bot.entries.attachments import input_files
from bot.mail.parse import ParsedMail
from bot.signups.extract import strip_quoted
from bot.signups.units import references_in
from bot.teams.mails import unit_view
from bot.teams.visits.booking import apply, visit_view
from bot.teams.visits.dates import read_visits
from bot.teams.visits.people import Coordinated, coordinated_by
from bot.teams.visits.report import check_report, release_at, store_report


def handle_coordinator_mail(
    session: Session, ctx: Context, inbound: Inbound, now: datetime
) -> Outcome | None:
    """Handle a coordinator's booking or report; None when the sender coordinates nothing."""
    mail = inbound.mail
    if is_calendar_reply(mail):
        # "Accepterat: …" from a calendar client answering our invitation: nothing to do.
        return Outcome("ignored", "calendar-reply", "Svar på en kalenderinbjudan; besvaras inte.")
    items = coordinated_by(session, mail.from_addr or "")
    if not items:
        return None
    text = strip_quoted(mail.text)
    item = _which(ctx, items, f"{mail.subject}\n{text}")
    files = [f for f in input_files(mail) if f.data]
    if item is None:
        units = {"units": [unit_view(i.unit) for i in items]}
        _answer(session, ctx, inbound, "visit-which-unit", units, now)
        return Outcome("handled", "visit-which-unit")
    sent = (mail.date or inbound.received_at).astimezone(STOCKHOLM).date()
    ceremony = ctx.schedule(item.team.year).deadline("ceremony").day
    reading = read_visits(f"{mail.subject}\n{text}", sent, ceremony)
    if files and not reading.visits:
        return _report(session, ctx, inbound, item, now)
    if not reading.visits and not reading.cancelled:
        return staff(
            "coordinator-question",
            "Mejl från en lagsamordnare utan datum för besök eller rapport; läs det.",
            item.unit,
        )
    changes = apply(session, ctx, item, reading, mail.from_addr or "", now)
    context = {
        "unit": unit_view(item.unit),
        "visits": [
            {**visit_view(c.visit), "changed": c.changed, "warning": c.warning} for c in changes
        ],
    }
    _answer(session, ctx, inbound, "visit-confirmation", context, now, item)
    return Outcome("handled", "visit-booking", None, item.unit.id)


def is_calendar_reply(mail: ParsedMail) -> bool:
    return any(
        a.content_type == "text/calendar" and b"METHOD:REPLY" in a.data.upper()
        for a in mail.attachments
    )


def _which(ctx: Context, items: list[Coordinated], text: str) -> Coordinated | None:
    wanted = set(references_in(text.upper(), ctx.settings.reference_prefix))
    named = [i for i in items if i.unit.reference in wanted]
    if not named:
        lowered = text.lower()
        named = [i for i in items if i.unit.unit_name and i.unit.unit_name.lower() in lowered]
    if not named and len(items) == 1:
        named = items
    return named[0] if len(named) == 1 else None


def _report(
    session: Session, ctx: Context, inbound: Inbound, item: Coordinated, now: datetime
) -> Outcome:
    found, problems = check_report(input_files(inbound.mail))
    context: dict[str, Any] = {"unit": unit_view(item.unit), "problems": problems}
    if found is None:
        _answer(session, ctx, inbound, "report-problem", context, now, item)
        return Outcome("handled", "report-refused", None, item.unit.id)
    row = store_report(session, ctx, item, found, inbound.mail.from_addr or "", now)
    audit.record(session, "report-received", now, unit_id=item.unit.id, inbound_id=inbound.row_id)
    release = release_at(ctx.schedule(item.team.year))
    context |= {"filename": row.filename, "release": release, "held": now < release}
    _answer(session, ctx, inbound, "report-receipt", context, now, item)
    return Outcome("handled", "report", None, item.unit.id)


def _answer(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    kind: str,
    context: dict[str, Any],
    now: datetime,
    item: Coordinated | None = None,
) -> None:
    mail = inbound.mail
    unit = item.unit if item else None
    reply(
        session,
        ctx,
        inbound,
        kind,
        {**context, "name": mail.from_name},
        now,
        unit=unit,
        to=mail.from_addr or "",
        to_name=mail.from_name,
    )
