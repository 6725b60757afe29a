"""The calendar's commands: schedule, reminders, digests, imports, Excel export and the demo.

Registered on the main click group by importing this module at the bottom of ``bot.cli``.
Each command is thin: it opens the app, calls one function of the core and prints.
"""

from __future__ import annotations

import csv
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
from bot.mail.render import render
from bot.models import MeetingAttendee, OutreachAddress
from bot.outreach import digest
from bot.outreach.claims import queue_all
from bot.outreach.reminders import Due
from bot.outreach.scheduler import preview, run_due
from bot.records.xlsx import registry_xlsx
from bot.runner import App


def _local(moment: datetime) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


@cli.group("schedule")
def schedule_group() -> None:
    """The award year's calendar."""


@schedule_group.command("show")
@click.pass_obj
def schedule_show(state: State) -> None:
    """The year's timeline, what is due, and how many units each reminder would reach now."""
    with user_errors():
        app = state.app()
        now = app.clock.now()
        schedule = app.ctx.schedule(app.ctx.year(now))
        rows: list[tuple[datetime, str, str]] = []
        with app.sessions() as session:
            for occasion in schedule.reminder_occasions():
                count = len(owed(session, schedule.year, occasion.deadline_key))
                rows.append((occasion.at, f"reminder {occasion.key}", str(count)))
        for deadline in schedule.deadlines.values():
            mark = " (placeholder)" if deadline.placeholder else ""
            rows.append((deadline.due, f"deadline: {deadline.label}{mark}", ""))
        for meeting in schedule.meetings:
            mark = " (placeholder: nothing is sent)" if meeting.placeholder else ""
            link_at = _local(schedule.meeting_link_send_at(meeting))
            rows.append(
                (meeting.start, f"{meeting.label} [{meeting.key}]{mark}; link {link_at}", "")
            )
        table = Table("when", "what", "reaches now", title=f"Kvalitetsutmärkelsen {schedule.year}")
        for moment, what, reach in sorted(rows, key=lambda row: row[0]):
            table.add_row(_local(moment), what, reach)
        Console().print(table)
        _print_due(preview(app.sessions, app.ctx, now))


def _print_due(items: list[Due]) -> None:
    if not items:
        click.echo("Nothing is due now.")
        return
    table = Table("kind", "to", "reference", "claim key", title="Due now (not yet sent)")
    for item in items:
        table.add_row(item.kind, item.to, item.reference or "", item.key)
    Console().print(table)


@cli.command()
@click.option("--dry-run", is_flag=True, help="Only show who would get what now.")
@click.pass_obj
def remind(state: State, dry_run: bool) -> None:
    """Send the reminders, links and invitations that are due now (each at most once)."""
    with user_errors():
        app = state.app()
        now = app.clock.now()
        if dry_run:
            _print_due(preview(app.sessions, app.ctx, now))
            return
        queued = run_due(app.sessions, app.ctx, now)
        sent = outbox.send_pending(app.sessions, app.mailbox, now, app.limits)
    click.echo(f"{queued} mail queued, {sent} sent.")


@cli.command("digest")
@click.option("--preview", "mode", flag_value="preview", default=True, help="Print it (default).")
@click.option("--send", "mode", flag_value="send", help="Send it to the staff now.")
@click.pass_obj
def digest_cmd(state: State, mode: str) -> None:
    """The staff digest as it would look now, or sent now."""
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
    click.echo(f"Digest sent to {len(app.settings.staff_addresses)} staff addresses ({sent} sent).")


def _base(app: App) -> dict[str, str]:
    return {"bot_address": app.settings.bot_address}


def _send_digest(session: Session, app: App, context: dict[str, object], now: datetime) -> None:
    staff = app.settings.staff_addresses
    if not staff:
        raise click.ClickException("KB_STAFF_ADDRESSES is empty; nobody to send the digest to.")
    schedule = app.ctx.schedule(app.ctx.year(now))
    key = f"digest:manual:{now.isoformat()}"
    items = digest.mails(session, schedule, dict(context), staff, key)
    queue_all(session, app.ctx, items, now)


@cli.command("export-xlsx")
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--year", type=int, help="Award year (default: the year in force).")
@click.pass_obj
def export_xlsx(state: State, output: Path, year: int | None) -> None:
    """The registry as an Excel workbook (one row per unit, entry and minutes state)."""
    with user_errors():
        app = state.app()
        year = year or app.ctx.year(app.clock.now())
        with app.sessions() as session:
            output.write_bytes(registry_xlsx(session, year))
    click.echo(f"Registry {year} written to {output}.")


def _read_csv(file: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    with file.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
        rows = [
            {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(handle, dialect=dialect)
        ]
    for number, row in enumerate(rows, start=2):
        for name in required:
            if not row.get(name):
                raise ValueError(f"{file}: row {number}: column '{name}' is empty or missing")
        if "@" not in row["email"]:
            raise ValueError(f"{file}: row {number}: '{row['email']}' is not an e-mail address")
    return rows


@import_group.command("outreach")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_outreach(state: State, file: Path) -> None:
    """The sign-up outreach list: CSV with columns email, name, organisation.

    Only email is required; comma, semicolon or tab separated. Addresses already on the
    list are updated. Addresses of units that signed up get no sign-up reminder.
    """
    with user_errors():
        rows = _read_csv(file, ("email",))
        app = state.app()
        year = app.ctx.year(app.clock.now())
        with app.sessions.begin() as session:
            for row in rows:
                _upsert_outreach(session, year, row)
    click.echo(f"{len(rows)} outreach addresses imported for {year}.")


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
    """People registered for info meetings: CSV with columns meeting, email, name.

    meeting is the meeting's key in the schedule file (e.g. info-1); `schedule show`
    lists them. The link goes to them two working days before the meeting.
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
                        f"{file}: row {number}: no meeting '{row['meeting']}' (known: {known})"
                    )
                _upsert_attendee(session, year, row)
    click.echo(f"{len(rows)} meeting registrations imported for {year}.")


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
    help="Run in this folder and keep it (default: a temporary folder, removed afterwards).",
)
def demo(keep: Path | None) -> None:
    """A whole award year replayed in simulated time, printed as a timeline."""
    from bot.demo.year import print_timeline, run_demo

    with user_errors():
        steps = run_demo(keep)
    print_timeline(steps)
