"""The calendar's commands: schedule, reminders, digests, imports, Excel export and the demo.

Registered on the main click group by importing this module at the bottom of ``bot.cli``.
Each command is thin: it opens the app, calls one function of the core and prints.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cli.group import State, cli, import_group, user_errors
from bot.clock import STOCKHOLM
from bot.entries.owed import owed
from bot.mail import outbox
from bot.mail.addresses import is_address
from bot.mail.render import render
from bot.models import MeetingAttendee, OutreachAddress
from bot.outreach import digest
from bot.outreach.claims import queue_all
from bot.outreach.reminders import Due
from bot.outreach.scheduler import preview, run_due
from bot.records.xlsx import registry_filename, registry_xlsx
from bot.runner import App
from bot.teams.spreadsheet import read_table
from bot.year.dates import plural, swedish_clock, swedish_short

# The outreach list is the city's units (a few thousand at most).
MAX_IMPORT_ROWS = 20_000


def _local(moment: datetime) -> str:
    local = moment.astimezone(STOCKHOLM)
    return f"{swedish_short(local.date())} {local.year} kl. {swedish_clock(local)}"


@cli.group("schedule")
def schedule_group() -> None:
    """Årets tidplan."""


@schedule_group.command("show")
@click.pass_obj
def schedule_show(state: State) -> None:
    """Årets tidplan, vad som är aktuellt nu och hur många varje påminnelse når nu."""
    with user_errors():
        app = state.app()
        now = app.clock.now()
        schedule = app.ctx.schedule(app.ctx.year(now))
        rows: list[tuple[datetime, str, str, str]] = []
        with app.sessions() as session:
            for occasion in schedule.reminder_occasions():
                count = len(owed(session, schedule.year, occasion.deadline_key))
                what = f"påminnelse {occasion.key}: {occasion.deadline.label}"
                rows.append(
                    (
                        occasion.at,
                        _local(occasion.at),
                        what,
                        plural(count, "verksamhet", "verksamheter"),
                    )
                )
        for deadline in schedule.deadlines.values():
            mark = " (preliminärt)" if deadline.placeholder else ""
            # Sorted by its first late moment, shown as the day the rule names.
            when = f"senast {swedish_short(deadline.day)} {deadline.day.year} kl. {deadline.clock_text}"
            rows.append((deadline.due, when, f"{deadline.label}{mark}", ""))
        for meeting in schedule.meetings:
            mark = " (preliminärt: inget skickas)" if meeting.placeholder else ""
            link_at = _local(schedule.meeting_link_send_at(meeting))
            what = f"{meeting.label} [{meeting.key}]{mark}; länken skickas {link_at}"
            rows.append((meeting.start, _local(meeting.start), what, ""))
        table = Table(title=f"Kvalitetsutmärkelsen {schedule.year}")
        table.add_column("När", no_wrap=True)
        table.add_column("Vad")
        table.add_column("Når nu", no_wrap=True)
        for _, when, what, reach in sorted(rows, key=lambda row: row[0]):
            table.add_row(when, what, reach)
        Console().print(table)
        _print_due(preview(app.sessions, app.ctx, now))


def _print_due(items: list[Due]) -> None:
    if not items:
        click.echo("Inget är aktuellt att skicka nu.")
        return
    table = Table("Sort", "Till", "Referens", "Nyckel", title="Aktuellt nu (inte skickat än)")
    for item in items:
        table.add_row(item.kind, item.to, item.reference or "", item.key)
    Console().print(table)


@cli.command()
@click.option("--dry-run", is_flag=True, help="Visa bara vem som skulle få vad nu.")
@click.pass_obj
def remind(state: State, dry_run: bool) -> None:
    """Skicka de påminnelser, länkar och inbjudningar som är aktuella nu (var och en högst en gång)."""
    with user_errors():
        app = state.app()
        now = app.clock.now()
        if dry_run:
            _print_due(preview(app.sessions, app.ctx, now))
            return
        queued = run_due(app.sessions, app.ctx, now)
        sent = outbox.send_pending(app.sessions, app.mailbox, now, app.limits)
    click.echo(
        f"{plural(queued, 'mejl lagt', 'mejl lagda')} i utkorgen, "
        f"{plural(sent, 'mejl skickat', 'mejl skickade')}."
    )


@cli.command("digest")
@click.option(
    "--preview", "mode", flag_value="preview", default=True, help="Skriv ut den (standard)."
)
@click.option("--send", "mode", flag_value="send", help="Skicka den till handläggarna nu.")
@click.pass_obj
def digest_cmd(state: State, mode: str) -> None:
    """Handläggarnas sammanfattning som den ser ut nu, eller skickad nu."""
    with user_errors():
        app = state.app()
        now = app.clock.now()
        schedule = app.ctx.schedule(app.ctx.year(now))
        with app.sessions.begin() as session:
            weekly = now.weekday() == schedule.weekly_digest_weekday
            context = digest.build(session, schedule, now, weekly=weekly)
            if mode == "preview":
                _, text, _ = render(app.settings.templates_dir, "digest", {**_base(app), **context})
                click.echo(text)
                return
            _send_digest(session, app, context, now)
        sent = outbox.send_pending(app.sessions, app.mailbox, now, app.limits)
    staff = plural(len(app.settings.staff_addresses), "adress", "adresser")
    click.echo(f"Sammanfattningen skickad till {staff} ({plural(sent, 'mejl', 'mejl')} skickade).")


def _base(app: App) -> dict[str, str]:
    return {"bot_address": app.settings.bot_address}


def _send_digest(session: Session, app: App, context: dict[str, object], now: datetime) -> None:
    staff = app.settings.staff_addresses
    if not staff:
        raise click.ClickException(
            "KB_STAFF_ADDRESSES är tom, så sammanfattningen har ingen mottagare."
        )
    schedule = app.ctx.schedule(app.ctx.year(now))
    key = f"digest:manual:{now.isoformat()}"
    items = digest.mails(session, schedule, dict(context), staff, key)
    queue_all(session, app.ctx, items, now)


@cli.command("export-xlsx")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Filen att skriva (standard: registrets filnamn i aktuell mapp).",
)
@click.option("--year", type=int, help="Tävlingsåret (standard: året som gäller nu).")
@click.pass_obj
def export_xlsx(state: State, output: Path | None, year: int | None) -> None:
    """Registret som Excel-arbetsbok (en rad per verksamhet, med bidrag och protokollsutdrag)."""
    with user_errors():
        app = state.app()
        now = app.clock.now()
        year = year or app.ctx.year(now)
        output = output or Path(registry_filename(year, now))
        with app.sessions() as session:
            output.write_bytes(registry_xlsx(session, year))
    click.echo(f"Registret för {year} är skrivet till {output}.")


def _read_csv(file: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows by lower-cased column name, from CSV as Excel writes it (``read_table``)."""
    header, *lines = read_table(file, MAX_IMPORT_ROWS) or [[]]
    names = [name.strip().lower() for name in header]
    rows = [
        {name: (cell or "").strip() for name, cell in zip(names, line, strict=False)}
        for line in lines
        if any(cell.strip() for cell in line)
    ]
    for number, row in enumerate(rows, start=2):
        for name in required:
            if not row.get(name):
                raise ValueError(f"{file}: rad {number}: kolumnen '{name}' är tom eller saknas")
        if not is_address(row["email"]):
            raise ValueError(f"{file}: rad {number}: '{row['email']}' är inte en e-postadress")
    return rows


@import_group.command("outreach")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_outreach(state: State, file: Path) -> None:
    """Utskickslistan för anmälan: CSV med kolumnerna email, name, organisation.

    Bara email krävs; komma, semikolon eller tabb som avgränsare. Adresser som redan finns
    uppdateras. Adresser till verksamheter som anmält sig får ingen påminnelse om anmälan.
    """
    with user_errors():
        rows = _read_csv(file, ("email",))
        app = state.app()
        year = app.ctx.year(app.clock.now())
        with app.sessions.begin() as session:
            for row in rows:
                _upsert_outreach(session, year, row)
    added = plural(len(rows), "adress importerad", "adresser importerade")
    click.echo(f"{added} till utskickslistan för {year}.")


def _upsert_outreach(session: Session, year: int, row: dict[str, str]) -> None:
    email = row["email"].lower()
    query = select(OutreachAddress).where(
        OutreachAddress.year == year, OutreachAddress.email == email
    )
    found = session.scalar(query) or OutreachAddress(year=year, email=email)
    found.name, found.organisation = row.get("name", ""), row.get("organisation", "")
    session.add(found)
    session.flush()


@import_group.command("attendees")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_attendees(state: State, file: Path) -> None:
    """Anmälda till informationsmöten: CSV med kolumnerna meeting, email, name.

    meeting är mötets nyckel i tidplanen (t.ex. info-1); `schedule show` visar dem. Länken
    skickas till dem två arbetsdagar före mötet.
    """
    with user_errors():
        rows = _read_csv(file, ("meeting", "email"))
        app = state.app()
        year = app.ctx.year(app.clock.now())
        keys = {m.key for m in app.ctx.schedule(year).meetings}
        with app.sessions.begin() as session:
            for number, row in enumerate(rows, start=2):
                if row["meeting"] not in keys:
                    known = ", ".join(sorted(keys))
                    raise ValueError(
                        f"{file}: rad {number}: inget möte '{row['meeting']}' (kända: {known})"
                    )
                _upsert_attendee(session, year, row)
    added = plural(len(rows), "mötesanmälan importerad", "mötesanmälningar importerade")
    click.echo(f"{added} för {year}.")


def _upsert_attendee(session: Session, year: int, row: dict[str, str]) -> None:
    email = row["email"].lower()
    query = select(MeetingAttendee).where(
        MeetingAttendee.year == year,
        MeetingAttendee.meeting_key == row["meeting"],
        MeetingAttendee.email == email,
    )
    found = session.scalar(query) or MeetingAttendee(
        year=year, meeting_key=row["meeting"], email=email
    )
    found.name = row.get("name", "")
    session.add(found)
    session.flush()


@cli.command()
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    help="Kör i den här mappen och behåll den (standard: en tillfällig mapp som tas bort).",
)
def demo(keep: Path | None) -> None:
    """Ett helt tävlingsår uppspelat i simulerad tid, utskrivet som en tidslinje."""
    from bot.demo.year import print_timeline, run_demo

    with user_errors():
        steps = run_demo(keep)
    print_timeline(steps)
