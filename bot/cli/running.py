"""Running the bot and looking after its mail: run, deliver, status, done, suppressed."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cli.group import State, cli, setup_logging, user_errors
from bot.mail.mailbox import deliver as maildir_deliver
from bot.models import InboundMessage, OutboxMail, SuppressedAddress
from bot.records.status import summary
from bot.runner import run_cycle, run_forever


@cli.command()
@click.option("--once", is_flag=True, help="Handle what is waiting, send the outbox, exit.")
@click.pass_obj
def run(state: State, once: bool) -> None:
    """Watch the mailbox and send mail until stopped (SIGTERM finishes the message in hand)."""
    with user_errors():
        setup_logging(state.settings.log_level)
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
