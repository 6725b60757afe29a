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
    metavar="DATUM",
    help="Rensa mejl från avslutade tävlingsår som kom in före DATUM (ÅÅÅÅ-MM-DD).",
)
@click.option("--before-year", type=int, metavar="ÅR", help="Rensa tävlingsår före ÅR.")
@click.option(
    "--older-than",
    type=int,
    metavar="DAGAR",
    help="Rensa mejl från avslutade år som kom in för mer än DAGAR dagar sedan.",
)
@click.option(
    "--archive",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="MAPP",
    help="Skriv först handlingarna (registret och alla bidrag och protokollsutdrag) till den här nya mappen.",
)
@click.option(
    "--exported",
    is_flag=True,
    help="Handlingarna är redan exporterade till stadens arkiv; rensa utan --archive.",
)
@click.option("--dry-run", is_flag=True, help="Räkna bara vad som skulle tas bort.")
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
    """Ta bort råa mejl, sparade filer och verksamheternas personuppgifter från avslutade år.

    Exporten till stadens arkiv kommer först: diarieföring och arkivregler kan kräva att
    bidragen sparas. Med --archive MAPP skriver kommandot den exporten (registret och alla
    bidrag och protokollsutdrag, med kontrollsummor) innan något tas bort; eller ange
    --exported om handlingarna redan är arkiverade.
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
        f"{plural(report.attachments, 'bilaga', 'bilagor')} och "
        f"{plural(report.reports, 'rapport', 'rapporter')} "
        f"({plural(report.files, 'sparad fil', 'sparade filer')}), "
        f"{plural(report.sent_mails, 'skickat mejl', 'skickade mejl')} och "
        f"{plural(report.mailbox_files, 'kopia', 'kopior')} i brevlådan: {verb}; "
        f"{plural(report.units, 'verksamhet', 'verksamheter')} och "
        f"{plural(report.other_people, 'annan kontakt', 'andra kontakter')}: {anonymised}."
        + (" Inget ändrades (--dry-run)." if report.dry_run else "")
    )
