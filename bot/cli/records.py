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
from bot.year.dates import plural


@cli.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Skriv till den här filen i stället för till standard ut.",
)
@click.option("--year", type=int, help="Bara det här tävlingsåret (standard: alla år).")
@click.option(
    "--teams",
    is_flag=True,
    help="Examinatorernas fördelning i stället: en rad per bidrag med lag, samordnare "
    "och medlemmar (året som gäller nu om inte --year anges).",
)
@click.pass_obj
def export_cmd(state: State, fmt: str, output: Path | None, year: int | None, teams: bool) -> None:
    """Registret: en post per verksamhet, med bidrag, protokollsutdrag, lag och samordnare."""
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
            what = ("bidrag", "bidrag") if teams else ("verksamhet", "verksamheter")
            click.echo(f"{plural(len(rows), *what)} skrivna till {output}.")
        else:
            click.echo(text, nl=False)


@import_group.command("past-recipients")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_past_recipients(state: State, file: Path) -> None:
    """Tidigare vinnare: CSV med kolumnerna unit_name, organisation, year, outcome.

    outcome är "award" (utmärkelse) eller "mention" (hedersomnämnande).
    """
    with user_errors():
        rows = _read_past_recipients(file)
        app = state.app()
        with app.sessions.begin() as session:
            for row in rows:
                _upsert_past_recipient(session, row)
    click.echo(f"{plural(len(rows), 'tidigare vinnare', 'tidigare vinnare')} importerade.")


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
                    f"{file}: rad {number}: unit_name och outcome ('award' eller 'mention') krävs"
                )
            try:
                year = int(record.get("year") or "")
            except ValueError:
                raise ValueError(f"{file}: rad {number}: year är inget årtal") from None
            rows.append(
                PastRecipient(
                    unit_name=record["unit_name"].strip(),
                    organisation=(record.get("organisation") or "").strip(),
                    year=year,
                    outcome=outcome,
                )
            )
    return rows
