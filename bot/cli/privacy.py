"""The staff's purge command: archive the records, then remove personal data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from bot.cli.group import State, cli, user_errors
from bot.mail.mailbox import embedded_copies
from bot.records.archive import write_archive
from bot.records.retention import RetentionError, RetentionReport, scope_for, unit_ids
from bot.records.retention import purge as run_purge
from bot.year.dates import plural, swedish_number


@cli.command()
@click.option(
    "--before",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="Purge mail of finished award years received before DATE (YYYY-MM-DD).",
)
@click.option("--before-year", type=int, metavar="YEAR", help="Purge award years before YEAR.")
@click.option(
    "--older-than",
    type=int,
    metavar="DAYS",
    help="Purge mail of finished years received more than DAYS days ago.",
)
@click.option(
    "--archive",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="First write the records (registry and every entry and minutes file) to this new folder.",
)
@click.option(
    "--exported",
    is_flag=True,
    help="The records were already exported for the city's archive; purge without --archive.",
)
@click.option("--dry-run", is_flag=True, help="Only count what would be removed.")
@click.pass_obj
def purge(
    state: State,
    before: datetime | None,
    before_year: int | None,
    older_than: int | None,
    archive: Path | None,
    exported: bool,
    dry_run: bool,
) -> None:
    """Remove raw mail, stored files and units' personal data of finished award years.

    The export for the city's records comes first: registration of public documents and
    archiving rules may require keeping the entries. Give --archive DIR and the command
    writes that export (registry plus every entry and minutes file, with checksums)
    before it removes anything; or --exported if the records are already archived.
    """
    if not dry_run and (archive is None) == (not exported):
        raise click.UsageError(
            "give --archive DIR (the records are written there first) or --exported "
            "(they are already archived); the export for the city's records comes first."
        )
    with user_errors():
        app = state.app()
        now = app.clock.now()
        try:
            scope = scope_for(
                now,
                app.ctx.year(now),
                before=before.date() if before else None,
                before_year=before_year,
                older_than_days=older_than,
            )
        except RetentionError as exc:
            raise click.UsageError(str(exc)) from None
        s = app.settings
        if archive is not None and not dry_run:
            with app.sessions() as session:
                written = write_archive(session, unit_ids(session, scope), s.data_dir, archive)
            click.echo(
                f"Arkivet är skrivet till {archive}: "
                f"{plural(written.units, 'verksamhet', 'verksamheter')}, "
                f"{plural(written.files, 'fil', 'filer')} ({swedish_number(round(written.bytes / 1e6, 1))} MB), "
                "kontrollsummor i manifest.csv."
            )
        with app.sessions.begin() as session:
            report = run_purge(session, scope, now, data_dir=s.data_dir, dry_run=dry_run)
        if app.settings.mailbox_backend == "maildir":
            # After the commit: the embedded mailbox's filed and sent copies of those mails.
            folders = (s.folder_handled, s.folder_staff, s.folder_quarantine)
            copies = embedded_copies(
                app.mailbox, folders, report.remote_ids, report.sent_message_ids
            )
            report.mailbox_files = len(copies)
            if not dry_run:
                for path in copies:
                    path.unlink(missing_ok=True)
    click.echo(describe(report))


def describe(report: RetentionReport) -> str:
    verb = "skulle tas bort" if report.dry_run else "borttagna"
    anonymised = "skulle anonymiseras" if report.dry_run else "anonymiserade"
    return (
        f"{plural(report.messages, 'rått mejl', 'råa mejl')}, "
        f"{plural(report.attachments, 'bilaga', 'bilagor')} "
        f"({plural(report.files, 'sparad fil', 'sparade filer')}), "
        f"{plural(report.sent_mails, 'skickat mejl', 'skickade mejl')} och "
        f"{plural(report.mailbox_files, 'kopia', 'kopior')} i brevlådan: {verb}; "
        f"{plural(report.units, 'verksamhet', 'verksamheter')} och "
        f"{plural(report.other_people, 'annan kontakt', 'andra kontakter')}: {anonymised}."
        + (" Inget ändrades (--dry-run)." if report.dry_run else "")
    )
