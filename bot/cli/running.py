"""Running the bot and looking after its mail: run, deliver, status, done, suppressed."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cli.group import State, cli, setup_logging, user_errors
from bot.clock import STOCKHOLM
from bot.mail.mailbox import deliver as maildir_deliver
from bot.models import InboundMessage, OutboxMail, SuppressedAddress
from bot.records.labels import INBOUND_STATUS, counted
from bot.records.status import summary
from bot.runner import run_cycle, run_forever
from bot.year.dates import plural, swedish_date


@cli.command()
@click.option("--once", is_flag=True, help="Hantera det som väntar, skicka utkorgen, avsluta.")
@click.pass_obj
def run(state: State, once: bool) -> None:
    """Bevaka brevlådan och skicka mejl tills boten stoppas (SIGTERM gör klart mejlet i handen)."""
    with user_errors():
        setup_logging(state.settings.log_level)
        app = state.app()
        if once:
            report = run_cycle(app)
            r = report.ingest
            outcome = {"handled": r.handled, "staff": r.staff, "ignored": r.ignored}
            outcome["quarantine"] = r.quarantined
            click.echo(
                f"{plural(r.seen, 'mejl läst', 'mejl lästa')}: "
                f"{counted(INBOUND_STATUS, outcome, 'inget att göra')}; "
                f"{plural(report.sent, 'mejl skickat', 'mejl skickade')}."
            )
            return
        click.echo(
            f"kvalitetsbot bevakar brevlådan ({app.mailbox.name}); Ctrl-C eller SIGTERM stoppar."
        )
        run_forever(app)


@cli.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.pass_obj
def deliver(state: State, files: tuple[Path, ...]) -> None:
    """Lägg .eml-filer i den inbyggda brevlådan (tmp, sedan new), mottagna nu."""
    with user_errors():
        settings = state.settings
        if settings.mailbox_backend != "maildir":
            raise click.ClickException("deliver fungerar bara med brevlådan maildir.")
        for path in files:
            maildir_deliver(settings.maildir, path.read_bytes(), state.clock.now())
        click.echo(f"{plural(len(files), 'mejl lagt', 'mejl lagda')} i {settings.maildir / 'new'}.")


@cli.command()
@click.pass_obj
def status(state: State) -> None:
    """Läget: verksamheter, inkomna mejl, utkorgen och mejl som väntar på handläggarna."""
    with user_errors():
        app = state.app()
        year = app.ctx.year(app.clock.now())
        with app.sessions() as session:
            info = summary(session, year)
    console = Console()
    counts = Table("", "", title=f"Kvalitetsutmärkelsen {year}", show_header=False)
    for name, value in info.rows():
        counts.add_row(name, value)
    console.print(counts)
    if info.waiting:
        # One block per mail, as in the digest: six columns would wrap in a terminal.
        console.print(f"[bold]Mejl som väntar på er ({len(info.waiting)})[/bold]")
        for item in info.waiting:
            number, received, sender, subject, where, reason = item.cells()
            console.print(f"  Nr {number}, {received}, mapp {where}", highlight=False)
            for name, value in (("Från", sender), ("Ämne", subject), ("Anledning", reason)):
                console.print(f"    {name}: {value or '–'}", highlight=False, markup=False)
    else:
        console.print("Inget mejl väntar på er.")


@cli.command()
@click.argument("message_id", type=int)
@click.pass_obj
def done(state: State, message_id: int) -> None:
    """Markera ett mejl som väntar på handläggarna (se `status`) som åtgärdat."""
    with user_errors():
        app = state.app()
        with app.sessions.begin() as session:
            row = session.get(InboundMessage, message_id)
            if row is None or row.status not in ("staff", "quarantine"):
                raise click.ClickException(f"inget mejl nr {message_id} väntar på handläggarna.")
            row.status = "reviewed"
    click.echo(f"Mejl nr {message_id} är markerat som åtgärdat.")


@cli.command()
@click.option("--clear", "clear", metavar="ADRESS", help="Skicka mejl till adressen igen.")
@click.pass_obj
def suppressed(state: State, clear: str | None) -> None:
    """Adresser som studsat permanent och inte får mejl; --clear släpper en adress igen.

    Mejl som hållits tillbaka till en släppt adress skickas vid nästa körning.
    """
    with user_errors():
        app = state.app()
        with app.sessions.begin() as session:
            if clear:
                _clear_suppressed(session, clear.strip().lower())
                click.echo(f"{clear} får mejl igen.")
                return
            rows = session.scalars(select(SuppressedAddress).order_by(SuppressedAddress.since))
            lines = [
                f"{r.address}  sedan {swedish_date(r.since.astimezone(STOCKHOLM).date())}  {r.reason}"
                for r in rows
            ]
    click.echo("\n".join(lines) if lines else "Ingen adress är spärrad.")


def _clear_suppressed(session: Session, address: str) -> None:
    row = session.get(SuppressedAddress, address)
    if row is None:
        raise click.ClickException(f"{address} är inte spärrad.")
    session.delete(row)
    held = select(OutboxMail).where(
        OutboxMail.recipient == address, OutboxMail.status == "suppressed"
    )
    for mail in session.scalars(held):
        mail.status = "queued"
