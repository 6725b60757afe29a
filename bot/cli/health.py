"""``kvalitetsbot health``: one command for monitoring, exit status 0 when all is well."""

from __future__ import annotations

import click

from bot.cli.group import State, cli, user_errors
from bot.db import open_database
from bot.records.health import check


@cli.command()
@click.option(
    "--polls",
    default=3,
    show_default=True,
    type=click.IntRange(min=1),
    help="Hur många pollintervall (KB_POLL_SECONDS) som får gå utan en avslutad runda.",
)
@click.pass_obj
def health(state: State, polls: int) -> None:
    """Hälsokontroll för övervakningen: slutkod 1 om ingen runda avslutats på POLLS
    pollintervall, om mejl väntat i utkorgen i mer än en timme eller om karantänen vuxit
    sedan förra kontrollen; annars 0."""
    with user_errors():
        settings = state.settings
        sessions = open_database(settings.database_url)
        try:
            with sessions() as session:
                result = check(
                    session, settings.data_dir, state.clock.now(), settings.poll_seconds, polls
                )
        finally:
            sessions.kw["bind"].dispose()
    if result.ok:
        click.echo("Allt väl: rundorna går, utkorgen töms och karantänen växer inte.")
        return
    for problem in result.problems:
        click.echo(problem, err=True)
    raise SystemExit(1)
