"""Classify one inbound mail and run the workflow step that fits it.

The order matters: automatic mail is never answered; a withdrawal wins over anything
else in the text; attachments make a mail an entry or a minutes extract; a reply in a
unit's thread belongs to that unit; only then is a mail taken for a new sign-up. Whatever
the bot does not understand goes to the staff.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.context import Context, Inbound, Outcome, reply, staff
from bot.entries.attachments import input_files
from bot.entries.documents import InputFile, looks_like_entry
from bot.entries.documents.plaintext import document_text
from bot.entries.entry import handle_entry
from bot.entries.minutes import handle_minutes, looks_like_minutes
from bot.mail.echo import THREAD_MAILS_PER_HOUR, bot_mails_in_thread, strip_echo
from bot.mail.outbox import suppress_bounced
from bot.models import Unit
from bot.signups.confirm import handle_confirmation_reply
from bot.signups.extract import (
    agrees_to_quoted_signup,
    is_undo_withdrawal,
    is_withdrawal,
    looks_like_signup,
    several_units,
    signs_up_for_another,
    signup_text,
    strip_quoted,
)
from bot.signups.extract.destination import titled_elsewhere
from bot.signups.extract.invoices import is_invoice
from bot.signups.forms import FORM_MAX_CHARS, is_signup_form, with_forms
from bot.signups.pdfgrid import grid_form
from bot.signups.several import handle_several
from bot.signups.signup import handle_reply, handle_signup, unit_from_entry_mail, unit_view
from bot.signups.units import by_address, by_reference, by_thread, references_in
from bot.signups.withdrawal import handle_undo, handle_withdrawal
from bot.staff import handle_staff_command
from bot.teams.visits.inbound import handle_coordinator_mail


def thread_unit(session: Session, ctx: Context, inbound: Inbound) -> Unit | None:
    """The unit a mail belongs to by its reference in the subject or its thread headers."""
    mail = inbound.mail
    for reference in references_in(mail.subject, ctx.settings.reference_prefix):
        unit = by_reference(session, reference)
        if unit is not None:
            return unit
    return by_thread(session, [*mail.in_reply_to, *mail.references])


def _unit_by_sender(session: Session, ctx: Context, inbound: Inbound, now: datetime) -> Unit | None:
    units = by_address(session, inbound.mail.from_addr or "", ctx.year(now))
    active = [u for u in units if u.signup_status != "withdrawn"] or units
    return active[0] if len(active) == 1 else None


def handle(session: Session, ctx: Context, inbound: Inbound, now: datetime) -> Outcome:
    mail = inbound.mail
    if mail.automatic:
        suppress_bounced(session, mail.bounced_recipients, now)
        return Outcome(
            "ignored", "automatic", f"Automatiskt meddelande ({mail.automatic}); besvaras inte."
        )
    if mail.from_addr is None:
        return staff("no-sender", "Avsändaradressen saknas eller går inte att läsa.")
    if not mail.from_addr.isascii():
        # Such an address (användare@exempel.se) needs SMTPUTF8 all the way; a person answers.
        return staff(
            "non-ascii-sender",
            "Avsändaradressen har tecken utanför ASCII (till exempel å, ä eller ö); boten "
            "kan inte svara till den. Svara för hand.",
        )
    if mail.from_addr == ctx.settings.bot_address:
        return Outcome("ignored", "own-mail", "Botens eget utskick; besvaras inte.")
    command = handle_staff_command(session, ctx, inbound, now)
    if command is not None:
        return command
    visit = handle_coordinator_mail(session, ctx, inbound, now)
    if visit is not None:
        return visit
    unit = thread_unit(session, ctx, inbound)
    thread = (*mail.in_reply_to, *mail.references)
    if bot_mails_in_thread(session, thread, mail.from_addr, now) > THREAD_MAILS_PER_HOUR:
        return staff(
            "loop",
            f"Fler än {THREAD_MAILS_PER_HOUR} mejl från boten i samma tråd den senaste timmen; "
            "boten svarar inte mer i tråden (möjlig slinga med ett autosvar).",
            unit,
        )
    text = strip_quoted(strip_echo(session, mail.text, thread))
    confirmation = handle_confirmation_reply(session, ctx, inbound, now, text)
    if confirmation is not None:
        return confirmation
    if is_withdrawal(text):
        return handle_withdrawal(session, ctx, inbound, now, unit)
    if unit is not None and unit.signup_status == "withdrawn" and is_undo_withdrawal(text):
        return handle_undo(session, ctx, inbound, now, unit)
    documents = input_files(mail)
    if documents:
        outcome = _handle_documents(session, ctx, inbound, now, unit, documents, text)
        if outcome is not None:
            return outcome
    return _handle_text(session, ctx, inbound, now, unit, text)


def _handle_documents(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    now: datetime,
    unit: Unit | None,
    documents: list[InputFile],
    text: str,
) -> Outcome | None:
    """Entries and minutes extracts; None when the attachments are neither."""
    mail = inbound.mail
    unit = unit or _unit_by_sender(session, ctx, inbound, now)
    if all(not d.data for d in documents):
        # Nothing to check or register, but the sender must know, or they will wait for a
        # receipt that never comes.
        context = {
            "unit": unit_view(unit) if unit else None,
            "files": [d.filename for d in documents],
        }
        reply(
            session,
            ctx,
            inbound,
            "empty-attachment",
            context,
            now,
            unit=unit,
            to=mail.from_addr or "",
            to_name=mail.from_name,
        )
        return Outcome("handled", "empty-attachment", None, unit.id if unit else None)
    if looks_like_minutes(mail.subject, text, [d.filename for d in documents]):
        if unit is None:
            return staff(
                "minutes",
                "Protokollsutdrag som inte kunde kopplas till någon anmäld verksamhet; "
                "koppla det för hand.",
            )
        return handle_minutes(session, ctx, inbound, now, unit)
    if unit is None and is_invoice(mail.subject, text):
        # A supplier's bill with its PDF is no entry, and registers no unit.
        return staff("question", "Faktura eller annat ekonomiärende; inget registrerat.")
    forms = _signup_forms(documents) if unit is None else None
    if forms and (
        any(titled_elsewhere(form) for form in forms)
        or signs_up_for_another(mail.subject, "\n\n".join([text, *forms]))
    ):
        return staff("question", "Anmälan till ett annat pris eller evenemang; inget registrerat.")
    if forms:
        read = with_forms(inbound, forms)
        # A form's table of several units, a row each, registers each of them.
        several = several_units(
            read.mail.text,
            sender_name=mail.from_name,
            sender_email=mail.from_addr,
            subject=mail.subject,
        )
        if several:
            return handle_several(session, ctx, read, now, several)
        return handle_signup(session, ctx, read, now)
    if not looks_like_entry(documents) or (unit is None and _letters_only(documents)):
        return None
    if unit is None and references_in(f"{mail.subject}\n{text}", ctx.settings.reference_prefix):
        # The writer's unit is signed up already, under a reference the bot cannot find (a
        # slip of the finger, or last year's): a second registration would split the unit.
        return staff(
            "question",
            "Dokument som hänvisar till ett anmälningsnummer som boten inte hittar; "
            "koppla det till rätt verksamhet för hand.",
        )
    if unit is None:
        unit = unit_from_entry_mail(session, ctx, inbound, now)
    return handle_entry(session, ctx, inbound, now, unit)


def _signup_forms(documents: list[InputFile]) -> list[str] | None:
    """The documents' texts when every one is a sign-up form, else None.

    Reading stops at the first document that is not a form, and the caller asks only for a
    mail from no known unit: an entry's full-length .docx and PDF were otherwise read here
    and again by the entry check (4 s of 35 for the 500-mail ingest bench under cProfile).
    """
    forms = []
    for document in documents:
        text = grid_form(document_text(document, layout=True)) or document_text(document)
        if not is_signup_form(text):
            return None
        forms.append(text)
    return forms


def _letters_only(documents: list[InputFile]) -> bool:
    """True when every document is a short text that is no form: a newsletter, an invoice,
    a business plan beside a sign-up typed in the body, a page of draft with a question.

    From a sender of no known unit such a mail is read by its body, not taken as an entry:
    an entry runs to many pages. A document without text (a scan) may still be one.
    """
    return all(0 < len(document_text(d).strip()) <= FORM_MAX_CHARS for d in documents)


def _handle_text(
    session: Session, ctx: Context, inbound: Inbound, now: datetime, unit: Unit | None, text: str
) -> Outcome:
    mail = inbound.mail
    if unit is not None:
        return handle_reply(session, ctx, inbound, now, unit)
    if looks_like_signup(
        mail.subject, signup_text(mail.subject, mail.text)
    ) or agrees_to_quoted_signup(mail.text):
        several = several_units(
            text,
            sender_name=mail.from_name,
            sender_email=mail.from_addr,
            subject=mail.subject,
            whole=mail.text,  # a forwarded message is quoted text
        )
        if several:
            return handle_several(session, ctx, inbound, now, several)
        return handle_signup(session, ctx, inbound, now)
    pending = [
        u
        for u in by_address(session, mail.from_addr or "", ctx.year(now))
        if u.signup_status == "incomplete"
    ]
    if len(pending) == 1:
        # A fresh mail (not a reply) from the address of an incomplete sign-up completes it.
        return handle_reply(session, ctx, inbound, now, pending[0])
    return staff("question", "Fråga eller annat ärende som boten inte hanterar automatiskt.")
