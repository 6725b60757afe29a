"""Shared fixtures: a real database (SQLite always, PostgreSQL where reachable), a real
Maildir under a temporary data dir, and builders for realistic mail."""

from __future__ import annotations

import email
import email.policy
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from bot.clock import STOCKHOLM, FixedClock
from bot.config import Settings, load_settings
from bot.mail.mailbox.maildir import MaildirMailbox, deliver
from bot.models import OutboxMail
from bot.runner import App, build_app, run_cycle

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO.parent / "shared" / "fixtures"
PG_ADMIN_URL = os.environ.get(
    "KB_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _postgres_reachable() -> bool:
    try:
        import psycopg  # noqa: F401

        with create_engine(PG_ADMIN_URL).connect() as conn:
            conn.execute(text("select 1"))
        return True
    except Exception:
        return False


POSTGRES = _postgres_reachable()


@contextmanager
def fresh_postgres(admin_url: str = PG_ADMIN_URL, prefix: str = "kb_test") -> Iterator[str]:
    """A new database with a random name on the server, dropped afterwards (the server
    itself is shared and never stopped)."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    if not POSTGRES:
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    with fresh_postgres() as url:
        yield url


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    url: str = request.getfixturevalue("postgres_url")
    _reset_postgres(url)
    return url


def make_settings(tmp_path: Path, database_url: str | None = None, **extra: str) -> Settings:
    env = {
        "KB_DATA_DIR": str(tmp_path / "var"),
        "KB_STAFF_ADDRESSES": "staff@stockholm.se",
        "KB_AUTHSERV_ID": "mx.stockholm.se",
    }
    if database_url:
        env["KB_DATABASE_URL"] = database_url
    env.update(extra)
    return load_settings(env, dotenv_path=tmp_path / "no.env")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2027, 3, 1, 10, 0, tzinfo=STOCKHOLM))


@pytest.fixture
def app(tmp_path: Path, database_url: str, clock: FixedClock) -> Iterator[App]:
    application = build_app(make_settings(tmp_path, database_url), clock)
    yield application
    application.sessions.kw["bind"].dispose()


@pytest.fixture
def sqlite_app(tmp_path: Path, clock: FixedClock) -> Iterator[App]:
    """The app on SQLite only, for tests about the mailbox or the CLI rather than the DB."""
    application = build_app(make_settings(tmp_path), clock)
    yield application
    application.sessions.kw["bind"].dispose()


def make_mail(
    body: str,
    *,
    sender: str = "anna.berg@edu.stockholm.se",
    sender_name: str = "Anna Berg",
    subject: str = "Anmälan till Kvalitetsutmärkelsen",
    to: str = "kvalitetsutmarkelsen@stockholm.se",
    in_reply_to: str | None = None,
    charset: str = "utf-8",
    html: str | None = None,
    headers: dict[str, str] | None = None,
    date: datetime | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"{sender_name} <{sender}>" if sender_name else sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date or datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM))
    msg["Message-ID"] = make_msgid(domain="edu.stockholm.se")
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
        msg["References"] = f"<{in_reply_to}>"
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(body, charset=charset)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    return msg.as_bytes()


def put(app: App, raw: bytes, at: datetime | None = None) -> str:
    """Deliver ``raw`` into the app's inbox, received at ``at`` (default: the app's now)."""
    return deliver(app.settings.maildir, raw, at or app.clock.now())


def sent(app: App) -> list[EmailMessage]:
    """Every mail the bot has sent, oldest first, parsed from the Sent folder."""
    assert isinstance(app.mailbox, MaildirMailbox)
    files = app.mailbox.list_folder(app.settings.folder_sent)
    mails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in files]
    parsed = [m for m in mails if isinstance(m, EmailMessage)]
    with app.sessions() as session:
        order = dict(session.execute(select(OutboxMail.message_id, OutboxMail.id)).all())
    return sorted(parsed, key=lambda m: order.get(str(m["Message-ID"]).strip().strip("<>"), 0))


def cycle(app: App) -> None:
    run_cycle(app)


def body_text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def fixture_mail(name: str) -> bytes:
    return (FIXTURES / "mail" / name).read_bytes()
