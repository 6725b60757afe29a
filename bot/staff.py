"""Staff commands by mail: the bot as a chat partner for the award staff.

A mail whose subject or first line is a command runs only when its From is exactly one
allow-listed staff address and its origin is authenticated (``bot.mail.authentication``:
our server's ``dmarc=pass``, or Exchange's internal marker where trusted). A "command"
that claims to be from the staff but is not authenticated is not run: it goes to the
staff with the reason. Every command that changes a unit is confirmed to all staff
addresses, so a command nobody sent is noticed. Anything else is ``None`` here and is
handled as normal mail. Every command is recorded in the event log with who sent it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import audit
from bot.context import Context, Inbound, Outcome, staff
from bot.entries.change_request import notify_change_request
from bot.entries.owed import entry_missing, newest_entry, owes_minutes
from bot.mail import outbox
from bot.mail.authentication import authenticate
from bot.mail.parse import ParsedMail
from bot.mail.render import Envelope, OutgoingAttachment
from bot.models import Unit
from bot.outreach.claims import queue_all
from bot.outreach.reminders import manual_reminder
from bot.records.labels import ENTRY_STATUS, UNIT_STATUS, label
from bot.records.status import WAITING_HEAD, summary
from bot.records.xlsx import XLSX_TYPE, registry_filename, registry_xlsx
from bot.signups.confirm import decide_all
from bot.signups.extract import strip_quoted
from bot.signups.units import by_reference, flag_codes
from bot.teams.visits.commands import book, show_team
from bot.teams.visits.progress import visit_lines
from bot.year.dates import plural

COMMANDS = (
    "status",
    "export",
    "visa",
    "påminn",
    "godkänn",
    "ändringsbegäran",
    "återkalla",
    "bekräfta",
    "avslå",
    "hjälp",
    "boka",
)
# Commands that change a unit: each is confirmed to every staff address.
CHANGING = frozenset({"godkänn", "ändringsbegäran", "återkalla", "bekräfta", "avslå", "boka"})
HELP = [
    "status                          läget: verksamheter, mejl och vad som väntar",
    "export                          registret som Excel-fil",
    "visa KU-2027-014                allt om en verksamhet",
    "påminn KU-2027-014              skicka en påminnelse om det som saknas nu",
    "godkänn KU-2027-014             godkänn bidraget trots flaggor",
    "ändringsbegäran KU-2027-014 text   begär ändringar i bidraget",
    "återkalla KU-2027-014           återkalla anmälan",
    "bekräfta KU-2027-014            genomför ändringar som väntar på bekräftelse",
    "avslå KU-2027-014               avslå ändringar som väntar på bekräftelse",
    "visa lag 3                      lagets besök och rapporter",
    "boka KU-2027-014 platsbesök 2027-10-14 09:00   boka ett besök (eller: avboka platsbesök)",
    "hjälp                           den här listan",
]
_PREFIX = re.compile(r"^\s*((re|sv|fw|fwd|vb)\s*:\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class Command:
    name: str
    reference: str | None
    text: str

    @property
    def shown(self) -> str:
        """The command as the staff see it in answers, e.g. "återkalla KU-2027-014"."""
        return " ".join(filter(None, (self.name, self.reference)))


@dataclass(frozen=True)
class AnswerTable:
    """A table in the reply: a header (blank for a two-column list of facts) and rows."""

    title: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Answer:
    title: str
    lines: list[str]
    attachments: tuple[OutgoingAttachment, ...] = ()
    unit: Unit | None = None
    tables: tuple[AnswerTable, ...] = ()


def parse_command(subject: str, text: str) -> Command | None:
    """The command in the subject, else in the first non-empty line of the text."""
    first_line = next((line for line in strip_quoted(text).splitlines() if line.strip()), "")
    for candidate in (_PREFIX.sub("", subject), first_line):
        words = candidate.strip().split(maxsplit=2)
        if words and words[0].lower() in COMMANDS:
            reference = words[1].upper() if len(words) > 1 else None
            return Command(words[0].lower(), reference, words[2] if len(words) > 2 else "")
    return None


def claims_staff(ctx: Context, mail: ParsedMail) -> bool:
    """Whether the From header names a staff address anywhere, display name included."""
    staff_addresses = ctx.settings.staff_addresses
    shown = f"{mail.from_name} {mail.from_addr or ''} {mail.from_strict or ''}".lower()
    return any(address in shown for address in staff_addresses)


def refusal(ctx: Context, mail: ParsedMail) -> str | None:
    """Why a mail that claims to be from the staff may not run a command; None if it may."""
    s = ctx.settings
    verdict = authenticate(
        mail,
        authserv_id=s.authserv_id,
        trust_exchange=s.trust_exchange_authas,
        backend=s.mailbox_backend,
    )
    if not verdict.ok:
        return verdict.reason
    if mail.from_strict not in s.staff_addresses:
        return "avsändaren är inte en av personalens adresser"
    return None


def handle_staff_command(
    session: Session, ctx: Context, inbound: Inbound, now: datetime
) -> Outcome | None:
    """Execute and answer a staff command; None if the mail is not one."""
    mail = inbound.mail
    command = parse_command(mail.subject, mail.text)
    if command is None or not claims_staff(ctx, mail):
        return None
    reason = refusal(ctx, mail)
    if reason is not None:
        audit.record(session, "staff-command-refused", now, inbound_id=inbound.row_id,
                     command=command.name, reference=command.reference)  # fmt: skip
        return staff(
            "staff-command",
            f'Kommandot "{command.name}" kördes inte: {reason}. Ett äkta kommando '
            "måste komma från personalens adress och vara autentiserat.",
        )
    sender = mail.from_strict or ""
    answer = execute(session, ctx, command, inbound, now)
    unit_id = answer.unit.id if answer.unit else None
    audit.record(
        session,
        "staff-command",
        now,
        unit_id=unit_id,
        inbound_id=inbound.row_id,
        actor=sender,
        command=command.name,
        reference=command.reference,
    )
    _reply(session, ctx, inbound, command, answer, now)
    if command.name in CHANGING and answer.unit is not None:
        _confirm_to_staff(session, ctx, inbound, command, answer, now)
    return Outcome("handled", "staff-command", None, unit_id)


def _confirm_to_staff(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    command: Command,
    answer: Answer,
    now: datetime,
) -> None:
    """Tell every other staff address what was done and by whom."""
    sender = inbound.mail.from_strict or ""
    title = f'Kommandot "{command.shown}" från {sender} är utfört.'
    context = {
        "command": command.shown,
        "title": title,
        "lines": [answer.title, *answer.lines],
        "tables": [],
    }
    for address in ctx.settings.staff_addresses:
        if address == sender:
            continue
        message = ctx.message("staff-reply", Envelope(to=address), context, now)
        key = f"staff-confirm:inbound:{inbound.row_id}:{address}"
        outbox.queue(session, message, kind="staff-reply", dedupe_key=key, now=now,
                     unit_id=answer.unit.id if answer.unit else None)  # fmt: skip


def _reply(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    command: Command,
    answer: Answer,
    now: datetime,
) -> None:
    mail = inbound.mail
    envelope = Envelope(
        to=mail.from_strict or "",
        to_name=mail.from_name,
        in_reply_to=mail.message_id,
        references=mail.references,
        attachments=answer.attachments,
    )
    context = {
        "command": command.shown,
        "title": answer.title,
        "lines": answer.lines,
        "tables": [{"title": t.title, "head": t.head, "rows": t.rows} for t in answer.tables],
    }
    message = ctx.message("staff-reply", envelope, context, now)
    outbox.queue(
        session,
        message,
        kind="staff-reply",
        dedupe_key=f"staff-reply:inbound:{inbound.row_id}",
        now=now,
        unit_id=answer.unit.id if answer.unit else None,
    )


def execute(
    session: Session, ctx: Context, command: Command, inbound: Inbound, now: datetime
) -> Answer:
    if command.name == "hjälp":
        return Answer("Kommandon du kan skicka till boten:", HELP)
    if command.name == "status":
        return _status(session, ctx, now)
    if command.name == "export":
        return _export(session, ctx, now)
    if command.name == "visa" and command.reference == "LAG":
        return Answer(*show_team(session, ctx, command.text, now))
    unit = by_reference(session, command.reference or "")
    if unit is None:
        return Answer(
            f"Hittar ingen verksamhet med referensen {command.reference or '(saknas)'}.", []
        )
    return UNIT_COMMANDS[command.name](session, ctx, command, inbound, now, unit)


def _status(session: Session, ctx: Context, now: datetime) -> Answer:
    year = ctx.year(now)
    info = summary(session, year)
    tables = [AnswerTable("Läget", ("", ""), tuple(info.rows()))]
    if info.waiting:
        rows = tuple(w.cells() for w in info.waiting)
        tables.append(AnswerTable("Mejl som väntar på er", WAITING_HEAD, rows))
    waiting = plural(len(info.waiting), "mejl väntar", "mejl väntar")
    return Answer(f"Läget för Kvalitetsutmärkelsen {year}: {waiting}.", [], tables=tuple(tables))


def _export(session: Session, ctx: Context, now: datetime) -> Answer:
    year = ctx.year(now)
    data = registry_xlsx(session, year)
    attachment = OutgoingAttachment(registry_filename(year, now), XLSX_TYPE, data)
    return Answer(f"Registret för {year} finns bifogat.", [], (attachment,))


def _show(
    session: Session, ctx: Context, command: Command, inbound: Inbound, now: datetime, unit: Unit
) -> Answer:
    entry = newest_entry(session, unit)
    fields: list[tuple[str, Any]] = [
        ("Verksamhet", unit.unit_name),
        ("Förvaltning/bolag/företag", unit.organisation),
        ("Enligt anmälan", unit.organisation_as_written),
        ("Chef", unit.manager_name),
        ("Kontaktperson", unit.contact_name),
        ("E-post", unit.contact_email),
        ("Telefon", unit.contact_phone),
        ("Anmälan", label(UNIT_STATUS, unit.signup_status)),
        (
            "Bidrag",
            f"version {entry.version}, {label(ENTRY_STATUS, entry.status)}" if entry else "inget",
        ),
        ("Saknas", "; ".join(entry_missing(session, unit)) or "inget"),
        ("Protokollsutdrag", "saknas" if owes_minutes(session, unit) else "–"),
        ("Flaggor", ", ".join(flag_codes(unit)) or "inga"),
    ]
    rows = tuple((name, str(value) if value is not None else "–") for name, value in fields)
    return Answer(
        f"{unit.reference}",
        visit_lines(session, unit),
        unit=unit,
        tables=(AnswerTable("", ("", ""), rows),),
    )


def _remind(
    session: Session, ctx: Context, command: Command, inbound: Inbound, now: datetime, unit: Unit
) -> Answer:
    due = manual_reminder(session, ctx.schedule(unit.year), unit, now)
    if due is None:
        return Answer(
            f"{unit.reference} är inte skyldig något just nu; ingen påminnelse.", [], unit=unit
        )
    queued = queue_all(session, ctx, [replace(due, key=f"{due.kind}:staff:{inbound.row_id}")], now)
    if not queued:
        # The key is this command mail's own, so nothing queued means it was already handled.
        return Answer(
            f"Ingen ny påminnelse till {unit.reference}: den här begäran är redan utförd.",
            [],
            unit=unit,
        )
    return Answer(
        f"Påminnelse ({due.kind}) skickad till {unit.reference}.", due.context["missing"], unit=unit
    )


def _accept(
    session: Session, ctx: Context, command: Command, inbound: Inbound, now: datetime, unit: Unit
) -> Answer:
    entry = newest_entry(session, unit)
    if entry is None:
        return Answer(f"{unit.reference} har inget bidrag att godkänna.", [], unit=unit)
    entry.status = "accepted"
    entry.staff_accepted_by = inbound.mail.from_strict
    entry.change_due = None
    return Answer(
        f"Bidraget från {unit.reference} (version {entry.version}) är godkänt.", [], unit=unit
    )


def _change_request(
    session: Session, ctx: Context, command: Command, inbound: Inbound, now: datetime, unit: Unit
) -> Answer:
    entry = newest_entry(session, unit)
    if entry is None or not command.text.strip():
        return Answer("Skriv: ändringsbegäran KU-2027-014 och vad som ska ändras.", [], unit=unit)
    schedule = ctx.schedule(unit.year)
    entry.status = "change_requested"
    entry.change_due = schedule.change_request_due(now)
    notify_change_request(session, ctx, unit, entry, command.text.strip(), inbound, now)
    return Answer(
        f"Ändringsbegäran skickad till {unit.reference}.", [command.text.strip()], unit=unit
    )


def _withdraw(
    session: Session, ctx: Context, command: Command, inbound: Inbound, now: datetime, unit: Unit
) -> Answer:
    unit.signup_status = "withdrawn"
    unit.updated_at = now
    audit.record(session, "withdrawal", now, unit_id=unit.id, actor=inbound.mail.from_strict or "")
    return Answer(
        f"Anmälan för {unit.reference} är återkallad; inga fler påminnelser.", [], unit=unit
    )


def _confirm(
    session: Session, ctx: Context, command: Command, inbound: Inbound, now: datetime, unit: Unit
) -> Answer:
    return _decide(session, ctx, inbound, now, unit, accept=True)


def _reject(
    session: Session, ctx: Context, command: Command, inbound: Inbound, now: datetime, unit: Unit
) -> Answer:
    return _decide(session, ctx, inbound, now, unit, accept=False)


def _decide(
    session: Session, ctx: Context, inbound: Inbound, now: datetime, unit: Unit, *, accept: bool
) -> Answer:
    by = inbound.mail.from_strict or ""
    count = decide_all(session, ctx, unit, now, by=by, accept=accept)
    if count == 0:
        return Answer(f"{unit.reference} har inga ändringar som väntar.", [], unit=unit)
    one = count == 1
    what = "ändring" if one else "ändringar"
    done = ("genomförd" if one else "genomförda") if accept else ("avslagen" if one else "avslagna")
    return Answer(f"{count} {what} för {unit.reference} {done}.", [], unit=unit)


UnitHandler = Callable[[Session, Context, Command, Inbound, datetime, Unit], Answer]
UNIT_COMMANDS: dict[str, UnitHandler] = {
    "visa": _show,
    "påminn": _remind,
    "godkänn": _accept,
    "ändringsbegäran": _change_request,
    "återkalla": _withdraw,
    "bekräfta": _confirm,
    "avslå": _reject,
    "boka": lambda s, c, cmd, i, now, u: Answer(
        *book(s, c, u, cmd.text, i.mail.from_addr or "", now), unit=u
    ),
}
