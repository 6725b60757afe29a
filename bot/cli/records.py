"""The registry in and out: export (JSON, CSV, the teams table) and import past-recipients."""

from __future__ import annotations

import csv
from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cli.group import State, cli, import_group, user_errors
from bot.models import PastRecipient
from bot.records import export as export_mod


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
