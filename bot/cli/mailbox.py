"""``kvalitetsbot check-config``: can the bot use the configured mailbox?

It connects with the configured backend and reports in plain words: it can log in and the
folders exist (created if missing), it can read the inbox, and, with ``--send-test``, it
can send (a test mail to the staff). No secret is ever printed: every line is scrubbed of
the configured passwords and client secrets before it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import click

from bot.cli.group import State, cli, user_errors
from bot.config import Settings
from bot.config.secrets import Secret
from bot.mail.mailbox import Mailbox, open_mailbox

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
        click.echo(f"  FAIL  {label}: {_scrub(f'{type(exc).__name__} {message}', secrets)}")
        return False
    click.echo(f"  ok    {label}{': ' + _scrub(detail, secrets) if detail else ''}")
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
        return f"{len(found)} mail waiting in the inbox"

    def send() -> str:
        if not s.staff_addresses:
            raise click.ClickException("KB_STAFF_ADDRESSES is empty; nobody to send the test to")
        mail = _test_mail(s, now_text)
        box.send(mail.as_bytes(), str(mail["Message-ID"]).strip("<>"), s.staff_addresses)
        return f"test mail sent to {len(s.staff_addresses)} staff address(es)"

    def login() -> str:
        box.ensure_folders(folders)
        return ", ".join(folders)

    checks = [
        ("log in, folders exist or were created", login),
        ("read the inbox", read),
    ]
    if send_test:
        checks.append(("send", send))
    return checks


@cli.command("check-config")
@click.option("--send-test", is_flag=True, help="Also send a test mail to KB_STAFF_ADDRESSES.")
@click.pass_obj
def check_config(state: State, send_test: bool) -> None:
    """Check that the configured mailbox works: log in, folders, read, and send."""
    with user_errors():
        settings = state.settings
        secrets = _secrets(settings)
    click.echo(f"Mailbox backend: {settings.mailbox_backend}")
    box: Mailbox | None = None

    def connect() -> str:
        nonlocal box
        box = open_mailbox(settings, state.clock)
        return ""

    ok = _step("settings complete", connect, secrets)
    if box is not None:
        now_text = format_datetime(state.clock.now())
        for label, action in _checks(settings, box, send_test, now_text):
            ok = _step(label, action, secrets) and ok
    if not ok:
        raise click.ClickException("the mailbox is not ready; see the lines marked FAIL.")
    click.echo("The mailbox is ready.")
