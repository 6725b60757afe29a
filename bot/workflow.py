"""Classify one inbound mail and run the workflow step that fits it.

The order matters: automatic mail is never answered; a withdrawal wins over anything
else in the text; a reply in a unit's thread belongs to that unit; only then is a mail
taken for a new sign-up. Whatever the bot does not understand goes to the staff.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.context import Context, Inbound, Outcome, staff
from bot.models import Unit
from bot.signup import handle_reply, handle_signup
from bot.signup_extract import is_undo_withdrawal, is_withdrawal, looks_like_signup, strip_quoted
from bot.units import by_address, by_reference, by_thread, references_in
from bot.withdrawal import handle_undo, handle_withdrawal

ENTRY_TYPES = ("application/pdf", "application/msword", "application/vnd.openxmlformats")


def thread_unit(session: Session, ctx: Context, inbound: Inbound) -> Unit | None:
    """The unit a mail belongs to by its reference in the subject or its thread headers."""
    mail = inbound.mail
    for reference in references_in(mail.subject, ctx.settings.reference_prefix):
        unit = by_reference(session, reference)
        if unit is not None:
            return unit
    return by_thread(session, [*mail.in_reply_to, *mail.references])


def _looks_like_entry(inbound: Inbound) -> bool:
    return any(
        a.content_type.startswith(ENTRY_TYPES) or a.filename.lower().endswith((".docx", ".pdf"))
        for a in inbound.mail.attachments
    )


def handle(session: Session, ctx: Context, inbound: Inbound, now: datetime) -> Outcome:
    mail = inbound.mail
    if mail.automatic:
        return Outcome(
            "ignored", "automatic", f"Automatiskt meddelande ({mail.automatic}); besvaras inte."
        )
    if mail.from_addr is None:
        return staff("no-sender", "Avsändaradressen saknas eller går inte att läsa.")
    if mail.from_addr == ctx.settings.bot_address:
        return Outcome("ignored", "own-mail", "Botens eget utskick; besvaras inte.")
    unit = thread_unit(session, ctx, inbound)
    text = strip_quoted(mail.text)
    if is_withdrawal(text):
        return handle_withdrawal(session, ctx, inbound, now, unit)
    if unit is not None and unit.signup_status == "withdrawn" and is_undo_withdrawal(text):
        return handle_undo(session, ctx, inbound, now, unit)
    if _looks_like_entry(inbound):
        return staff(
            "entry",
            "Mejl med Word- eller PDF-bilaga (troligen bidrag eller "
            "protokollsutdrag); hanteras ännu inte automatiskt.",
            unit,
        )
    if unit is not None:
        return handle_reply(session, ctx, inbound, now, unit)
    if looks_like_signup(mail.subject, text):
        return handle_signup(session, ctx, inbound, now)
    pending = [
        u
        for u in by_address(session, mail.from_addr, ctx.year(now))
        if u.signup_status == "incomplete"
    ]
    if len(pending) == 1:
        # A fresh mail (not a reply) from the address of an incomplete sign-up completes it.
        return handle_reply(session, ctx, inbound, now, pending[0])
    return staff("question", "Fråga eller annat ärende som boten inte hanterar automatiskt.")
