"""The command line: one click group (``group.py``) and a module per command family.

Each family's module registers its commands on the group when it is imported here, so no
command module imports this package back. Errors a person can fix (a bad setting, a
missing schedule, a file that cannot be read) end as one sentence on standard error and
exit code 2, never as a traceback.
"""

from __future__ import annotations

from bot.cli import calendar, health, mailbox, privacy, records, running, teams
from bot.cli.group import cli

__all__ = ["calendar", "cli", "health", "mailbox", "main", "privacy", "records", "running", "teams"]


def main() -> None:
    cli(prog_name="kvalitetsbot")
