"""``kvalitetsbot check-config``: does everything ``run`` needs work?

It checks what ``run`` opens, in the same order, and reports each in plain Swedish: the
data folder can be written, the database answers and its schema is current, the schedule
file of the year in force loads, the templates are there, the mailbox logs in and its
folders exist (created if missing), the inbox can be read, and, with ``--send-test``, mail
can be sent (a test mail to the staff). No secret is ever printed: every line is scrubbed of
the configured passwords and client secrets before it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import click
from sqlalchemy import text

from bot.cli.group import State, cli, user_errors
from bot.clock import Clock
from bot.config import Settings
from bot.config.secrets import Secret
from bot.context import Context
from bot.db import open_database
from bot.mail.mailbox import Mailbox, open_mailbox
from bot.year.dates import plural

SECRET_FIELDS = (
    "imap_password",
    "smtp_password",
    "graph_client_secret",
    "ews_password",
    "ews_client_secret",
)


def _secrets(settings: Settings) -> list[str]:
    """Every configured secret value, from the settings and from the secret files."""
    values: list[str] = []
    for name in SECRET_FIELDS:
        secret = getattr(settings, name)
        path = getattr(settings, f"{name}_file")
        if isinstance(secret, Secret) and secret:
            values.append(secret.reveal())
        if path is not None and path.is_file():
            values += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [value for value in values if value]


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def _step(label: str, action: Callable[[], str], secrets: list[str]) -> bool:
    try:
        detail = action()
    except Exception as exc:  # Every failure is reported as a line; the next step still runs.
        message = str(exc).splitlines()[0] if str(exc) else ""
        click.echo(f"  FEL  {label}: {_scrub(message or type(exc).__name__, secrets)}")
        return False
    click.echo(f"  ok   {label}{': ' + _scrub(detail, secrets) if detail else ''}")
    return True


def _test_mail(settings: Settings, now_text: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{settings.bot_name} <{settings.bot_address}>"
    msg["To"] = ", ".join(settings.staff_addresses)
    msg["Subject"] = "Test från kvalitetsbot (check-config)"
    msg["Date"] = now_text
    msg["Message-ID"] = make_msgid("kvalitetsbot-test", domain=settings.bot_address.split("@")[1])
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    msg["X-Kvalitetsbot-Kind"] = "check-config"
    msg.set_content("Det här är ett testmejl från kvalitetsbot. Inställningarna fungerar.\n")
    return msg


def _checks(
    settings: Settings, box: Mailbox, send_test: bool, now_text: str
) -> list[tuple[str, Callable[[], str]]]:
    s = settings
    folders = [s.folder_handled, s.folder_staff, s.folder_quarantine, s.folder_sent]

    def read() -> str:
        found = box.fetch_new(None).messages
        if found:
            box.fetch_raw(found[0].remote_id)
        return f"{plural(len(found), 'mejl', 'mejl')} väntar i inkorgen"

    def send() -> str:
        if not s.staff_addresses:
            raise click.ClickException(
                "KB_STAFF_ADDRESSES är tom, så testmejlet har ingen mottagare"
            )
        mail = _test_mail(s, now_text)
        box.send(mail.as_bytes(), str(mail["Message-ID"]).strip("<>"), s.staff_addresses)
        count = plural(len(s.staff_addresses), "adress", "adresser")
        return f"testmejl skickat till {count} hos handläggarna"

    def login() -> str:
        box.ensure_folders(folders)
        return ", ".join(folders)

    checks = [
        ("logga in, mapparna finns eller skapades", login),
        ("läsa inkorgen", read),
    ]
    if send_test:
        checks.append(("skicka", send))
    return checks


def _run_checks(settings: Settings, clock: Clock) -> list[tuple[str, Callable[[], str]]]:
    """What ``run`` opens before the mailbox: data folder, database, schedule, templates."""

    def data_dir() -> str:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        probe = settings.data_dir / ".check-config"
        probe.write_bytes(b"")
        probe.unlink()
        return str(settings.data_dir)

    def database() -> str:
        sessions = open_database(settings.database_url)
        with sessions() as session:
            session.execute(text("SELECT 1"))
        sessions.kw["bind"].dispose()
        return settings.database_url.split("://", 1)[0]

    def schedule() -> str:
        ctx = Context(settings)
        year = ctx.schedule(ctx.year(clock.now())).year
        return f"{year} ({settings.schedules_dir / f'{year}.toml'})"

    def templates() -> str:
        found = sorted(settings.templates_dir.glob("*.subject.txt"))
        if not found:
            raise ValueError(f"inga mejlmallar i {settings.templates_dir}")
        return f"{plural(len(found), 'mejlsort', 'mejlsorter')} i {settings.templates_dir}"

    return [
        ("datamappen går att skriva i", data_dir),
        ("databasen svarar och är uppdaterad", database),
        ("årets tidplan går att läsa", schedule),
        ("mejlmallarna finns", templates),
    ]


@cli.command("check-config")
@click.option(
    "--send-test", is_flag=True, help="Skicka också ett testmejl till KB_STAFF_ADDRESSES."
)
@click.pass_obj
def check_config(state: State, send_test: bool) -> None:
    """Kontrollera allt som `run` behöver: datamapp, databas, tidplan, mallar och brevlåda."""
    with user_errors():
        settings = state.settings
        secrets = _secrets(settings)
    ok = True
    for label, action in _run_checks(settings, state.clock):
        ok = _step(label, action, secrets) and ok
    click.echo(f"Brevlåda: {settings.mailbox_backend}")
    box: Mailbox | None = None

    def connect() -> str:
        nonlocal box
        box = open_mailbox(settings, state.clock)
        return ""

    ok = _step("inställningarna är kompletta", connect, secrets) and ok
    if box is not None:
        now_text = format_datetime(state.clock.now())
        for label, action in _checks(settings, box, send_test, now_text):
            ok = _step(label, action, secrets) and ok
    if not ok:
        raise click.ClickException("boten kan inte köras ännu; se raderna märkta FEL.")
    click.echo("Allt som boten behöver fungerar.")
