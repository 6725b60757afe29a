"""The click group every command registers with, the state it hands them, and one rule:
an error a person can fix ends as one sentence on standard error, never a traceback."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from sqlalchemy.exc import SQLAlchemyError

from bot.cli import swedish
from bot.clock import Clock, FixedClock, SystemClock, parse_now
from bot.config import ConfigError, Settings, load_settings
from bot.db import DatabaseSetupError, unreachable
from bot.mail.mailbox import MailboxError
from bot.runner import App, build_app
from bot.year.schedule import ScheduleError

# Before any option is declared: click names some types ("file") when they are made.
swedish.install()

USER_ERRORS = (
    ConfigError,
    DatabaseSetupError,
    ScheduleError,
    MailboxError,
    OSError,
    ValueError,
    SQLAlchemyError,
)


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
        if unreachable(exc):
            # At start the database must answer (migrations run); systemd starts us again.
            message = (
                f"databasen svarar inte (är den igång, och stämmer KB_DATABASE_URL?): {message}"
            )
        raise click.ClickException(message) from None


# Libraries that log at INFO on every poll or start: APScheduler ("Running job ...",
# "Job ... executed successfully") and Alembic's migration context. Their warnings stay.
QUIET_LIBRARIES = ("apscheduler", "alembic")


def setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if level != "DEBUG":
        for name in QUIET_LIBRARIES:
            logging.getLogger(name).setLevel(logging.WARNING)


class SwedishCommand(click.Command):
    """A command whose usage line reads "[FLAGGOR]"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", swedish.OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class SwedishGroup(click.Group):
    """The group whose errors read "Fel: ..." (click would write "Error: ...") and whose
    commands and subgroups are Swedish too."""

    command_class = SwedishCommand
    group_class = type

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", swedish.OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", swedish.SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: object,
    ) -> object:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            if exc.ctx is not None:
                click.echo(exc.ctx.get_usage(), err=True)
            click.echo(f"Fel: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Fel: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Avbrutet.", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=SwedishGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--now",
    "now",
    metavar="ISO8601",
    help="Kör som om det vore den här tidpunkten (Europe/Stockholm utan förskjutning).",
)
@click.option(
    "--env-file",
    type=click.Path(path_type=Path),
    help="Inställningsfil att läsa (standard: .env i aktuell mapp).",
)
@click.version_option(package_name="kvalitetsbot")
@click.pass_context
def cli(ctx: click.Context, now: str | None, env_file: Path | None) -> None:
    """kvalitetsbot: mejlboten för Stockholms stads Kvalitetsutmärkelse.

    Inställningarna kommer från miljön och en valfri .env-fil; se config.example.env.
    """
    with user_errors():
        clock: Clock = FixedClock(parse_now(now)) if now else SystemClock()
    ctx.obj = State(clock, env_file)


@cli.group("import")
def import_group() -> None:
    """Importera data från CSV-filer."""
