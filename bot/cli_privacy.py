"""The staff's retention command: remove personal data of finished award years."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from bot.cli import State, cli, user_errors
from bot.mailbox.maildir import MaildirMailbox
from bot.mailparse import header_text
from bot.retention import RetentionError, RetentionReport, purge, scope_for


@cli.command()
@click.option("--before-year", type=int, metavar="YEAR", help="Purge award years before YEAR.")
@click.option(
    "--older-than",
    type=int,
    metavar="DAYS",
    help="Purge mail of finished years received more than DAYS days ago.",
)
@click.option("--dry-run", is_flag=True, help="Only count what would be removed.")
@click.pass_obj
def retention(state: State, before_year: int | None, older_than: int | None, dry_run: bool) -> None:
    """Remove raw mail, stored files and units' personal data of finished award years.

    Run `kvalitetsbot export` first: registration and archiving rules may require the
    city to keep the entries, and the export is the record that stays.
    """
    with user_errors():
        app = state.app()
        now = app.clock.now()
        try:
            scope = scope_for(
                now, app.ctx.year(now), before_year=before_year, older_than_days=older_than
            )
        except RetentionError as exc:
            raise click.UsageError(str(exc)) from None
        s = app.settings
        with app.sessions.begin() as session:
            report = purge(session, scope, now, data_dir=s.data_dir, dry_run=dry_run)
        if isinstance(app.mailbox, MaildirMailbox):
            # After the commit: the embedded mailbox's filed and sent copies of those mails.
            folders = (s.folder_handled, s.folder_staff, s.folder_quarantine)
            copies = mailbox_copies(app.mailbox, folders, report)
            report.mailbox_files = len(copies)
            if not dry_run:
                for path in copies:
                    path.unlink(missing_ok=True)
    click.echo(describe(report))


def mailbox_copies(
    mailbox: MaildirMailbox, folders: Sequence[str], report: RetentionReport
) -> list[Path]:
    """The Maildir files of the purged mails: filed inbound copies and sent mail."""
    filed = [
        path
        for folder in folders
        for path in mailbox.list_folder(folder)
        if path.name.split(":", 1)[0] in report.remote_ids
    ]
    sent = [
        path
        for path in mailbox.list_folder(mailbox.sent_folder)
        if _message_id(path) in report.sent_message_ids
    ]
    return filed + sent


def _message_id(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(16_384)  # the headers; the parser stops at the blank line
    return header_text(head, "Message-ID").strip("<> ")


def describe(report: RetentionReport) -> str:
    would = "would be " if report.dry_run else ""
    return (
        f"{report.messages} raw mails, {report.attachments} attachments "
        f"({report.files} stored files), {report.sent_mails} sent mails and "
        f"{report.mailbox_files} mailbox copies {would}removed; {report.units} units and "
        f"{report.other_people} other contacts {would}anonymised."
        + (" Nothing was changed (--dry-run)." if report.dry_run else "")
    )
