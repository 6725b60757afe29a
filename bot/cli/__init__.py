"""The command line: one click group of thin commands.

Errors a person can fix (a bad setting, a missing schedule, a file that cannot be read)
end as one sentence on standard error and exit code 2, never as a traceback.
"""

from __future__ import annotations

import csv
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.clock import Clock, FixedClock, SystemClock, parse_now
from bot.config import ConfigError, Settings, load_settings
from bot.mail.mailbox import MailboxError
from bot.mail.mailbox.maildir import deliver as maildir_deliver
from bot.models import InboundMessage, OutboxMail, PastRecipient, SuppressedAddress
from bot.records import export as export_mod
from bot.records.status import summary
from bot.runner import App, build_app, run_cycle, run_forever
from bot.year.schedule import ScheduleError

USER_ERRORS = (ConfigError, ScheduleError, MailboxError, OSError, ValueError, SQLAlchemyError)


class State:
    def __init__(self, clock: Clock, env_file: Path | None) -> None:
        self.clock = clock
        self.env_file = env_file
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(dotenv_path=self.env_file)
        return self._settings

    def app(self) -> App:
        return build_app(self.settings, self.clock)


@contextmanager
def user_errors() -> Iterator[None]:
    try:
        yield
    except USER_ERRORS as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise click.ClickException(message) from None


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--now",
    "now",
    metavar="ISO8601",
    help="Run as if it were this moment (Europe/Stockholm without offset).",
)
@click.option(
    "--env-file",
    type=click.Path(path_type=Path),
    help="Settings file to read (default: .env in the current folder).",
)
@click.version_option(package_name="kvalitetsbot")
@click.pass_context
def cli(ctx: click.Context, now: str | None, env_file: Path | None) -> None:
    """kvalitetsbot: the mail bot for Stockholm city's quality award.

    Settings come from the environment and an optional .env file; see config.example.env.
    """
    with user_errors():
        clock: Clock = FixedClock(parse_now(now)) if now else SystemClock()
    ctx.obj = State(clock, env_file)


@cli.command()
@click.option("--once", is_flag=True, help="Handle what is waiting, send the outbox, exit.")
@click.pass_obj
def run(state: State, once: bool) -> None:
    """Watch the mailbox and send mail until stopped (SIGTERM finishes the message in hand)."""
    with user_errors():
        _setup_logging(state.settings.log_level)
        app = state.app()
        if once:
            report = run_cycle(app)
            r = report.ingest
            click.echo(
                f"{r.seen} mail read: {r.handled} handled, {r.staff} to staff, "
                f"{r.ignored} ignored, {r.quarantined} quarantined; {report.sent} sent."
            )
            return
        click.echo(f"kvalitetsbot watching {app.mailbox.name} mailbox; Ctrl-C or SIGTERM stops.")
        run_forever(app)


@cli.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.pass_obj
def deliver(state: State, files: tuple[Path, ...]) -> None:
    """Deliver .eml FILES into the embedded mailbox (tmp, then new), received now."""
    with user_errors():
        settings = state.settings
        if settings.mailbox_backend != "maildir":
            raise click.ClickException("deliver works only with the maildir backend.")
        for path in files:
            maildir_deliver(settings.maildir, path.read_bytes(), state.clock.now())
        click.echo(f"{len(files)} mail delivered to {settings.maildir / 'new'}.")


@cli.command()
@click.pass_obj
def status(state: State) -> None:
    """A readable summary: units, mail handled, outbox, and mail waiting for the staff."""
    with user_errors():
        app = state.app()
        year = app.ctx.year(app.clock.now())
        with app.sessions() as session:
            info = summary(session, year)
    console = Console()
    console.print(f"[bold]Kvalitetsutmärkelsen {year}[/bold]")
    console.print(
        "Units: "
        + _join(info.units)
        + "   Inbound mail: "
        + _join(info.inbound)
        + "   Outbox: "
        + _join(info.outbox)
    )
    if info.waiting:
        table = Table("id", "received", "where", "reason", title="Waiting for the staff")
        for item in info.waiting:
            table.add_row(
                str(item.row_id),
                item.received_at.strftime("%Y-%m-%d %H:%M"),
                item.status,
                item.reason,
            )
        console.print(table)
    else:
        console.print("Nothing is waiting for the staff.")


def _join(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {key}" for key, count in sorted(counts.items())) or "none"


@cli.command()
@click.argument("message_id", type=int)
@click.pass_obj
def done(state: State, message_id: int) -> None:
    """Mark a mail waiting for the staff (see `status`) as dealt with."""
    with user_errors():
        app = state.app()
        with app.sessions.begin() as session:
            row = session.get(InboundMessage, message_id)
            if row is None or row.status not in ("staff", "quarantine"):
                raise click.ClickException(f"no mail {message_id} is waiting for the staff.")
            row.status = "reviewed"
    click.echo(f"Mail {message_id} marked as dealt with.")


@cli.command()
@click.option("--clear", "clear", metavar="ADDRESS", help="Mail this address again.")
@click.pass_obj
def suppressed(state: State, clear: str | None) -> None:
    """Addresses that bounced permanently and are not mailed; --clear one to mail it again.

    Mail held back for a cleared address goes out on the next run.
    """
    with user_errors():
        app = state.app()
        with app.sessions.begin() as session:
            if clear:
                _clear_suppressed(session, clear.strip().lower())
                click.echo(f"{clear} will be mailed again.")
                return
            rows = session.scalars(select(SuppressedAddress).order_by(SuppressedAddress.since))
            lines = [f"{r.address}  since {r.since:%Y-%m-%d}  {r.reason}" for r in rows]
    click.echo("\n".join(lines) if lines else "No address is suppressed.")


def _clear_suppressed(session: Session, address: str) -> None:
    row = session.get(SuppressedAddress, address)
    if row is None:
        raise click.ClickException(f"{address} is not suppressed.")
    session.delete(row)
    held = select(OutboxMail).where(
        OutboxMail.recipient == address, OutboxMail.status == "suppressed"
    )
    for mail in session.scalars(held):
        mail.status = "queued"


@cli.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option("--year", type=int, help="Only this award year (default: all years).")
@click.option(
    "--teams",
    is_flag=True,
    help="The examiner assignment table instead: one row per entry with its team, "
    "coordinator and members (the year in force unless --year).",
)
@click.pass_obj
def export_cmd(state: State, fmt: str, output: Path | None, year: int | None, teams: bool) -> None:
    """The registry: one record per unit, with its entry, minutes, team and coordinator."""
    with user_errors():
        app = state.app()
        with app.sessions() as session:
            if teams:
                rows = export_mod.assignment_rows(session, year or app.ctx.year(app.clock.now()))
            else:
                rows = export_mod.records(session, year)
        to_csv = export_mod.assignments_to_csv if teams else export_mod.to_csv
        text = export_mod.to_json(rows) if fmt == "json" else to_csv(rows)
        if output:
            output.write_text(text, encoding="utf-8")
            click.echo(f"{len(rows)} {'entries' if teams else 'units'} written to {output}.")
        else:
            click.echo(text, nl=False)


@cli.group("import")
def import_group() -> None:
    """Import data from CSV files."""


@import_group.command("past-recipients")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_past_recipients(state: State, file: Path) -> None:
    """Units awarded before: CSV with columns unit_name, organisation, year, outcome.

    outcome is "award" (utmärkelse) or "mention" (hedersomnämnande).
    """
    with user_errors():
        rows = _read_past_recipients(file)
        app = state.app()
        with app.sessions.begin() as session:
            for row in rows:
                _upsert_past_recipient(session, row)
    click.echo(f"{len(rows)} past recipients imported.")


def _upsert_past_recipient(session: Session, row: PastRecipient) -> None:
    existing = session.scalar(
        select(PastRecipient).where(
            PastRecipient.unit_name == row.unit_name,
            PastRecipient.organisation == row.organisation,
            PastRecipient.year == row.year,
        )
    )
    if existing is None:
        session.add(row)
    else:
        existing.outcome = row.outcome


def _read_past_recipients(file: Path) -> list[PastRecipient]:
    rows: list[PastRecipient] = []
    with file.open(encoding="utf-8-sig", newline="") as handle:
        for number, record in enumerate(csv.DictReader(handle), start=2):
            outcome = (record.get("outcome") or "").strip().lower()
            if outcome not in ("award", "mention") or not (record.get("unit_name") or "").strip():
                raise ValueError(
                    f"{file}: row {number}: needs unit_name and outcome 'award' or 'mention'"
                )
            try:
                year = int(record.get("year") or "")
            except ValueError:
                raise ValueError(f"{file}: row {number}: year is not a number") from None
            rows.append(
                PastRecipient(
                    unit_name=record["unit_name"].strip(),
                    organisation=(record.get("organisation") or "").strip(),
                    year=year,
                    outcome=outcome,
                )
            )
    return rows


def main() -> None:
    cli(prog_name="kvalitetsbot")


# The other modules' commands register themselves on the group when imported.
from bot.cli import calendar as _calendar  # noqa: E402, F401
from bot.cli import mailbox as _mailbox
from bot.cli import privacy as _privacy
from bot.cli import teams as _teams  # noqa: E402, F401
