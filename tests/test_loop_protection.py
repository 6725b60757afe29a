"""Never answer an auto-reply, a bounce, a read receipt or list mail (RFC 3834)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.models import InboundMessage
from bot.runner import App
from tests.conftest import FIXTURES, cycle, fixture_mail, make_mail, put, sent

AUTOMATIC = sorted(
    p.name
    for p in (FIXTURES / "mail").glob("*.eml")
    if p.name.startswith(("autoreply-", "bounce-", "mdn-"))
)


@pytest.mark.parametrize("name", AUTOMATIC)
def test_real_automatic_mail_gets_no_answer(sqlite_app: App, name: str) -> None:
    put(sqlite_app, (FIXTURES / "mail" / name).read_bytes())
    cycle(sqlite_app)
    assert sent(sqlite_app) == []
    with sqlite_app.sessions() as session:
        row = session.scalar(select(InboundMessage))
    assert row is not None and row.status == "ignored"


def test_auto_reply_to_our_receipt_gets_no_answer(sqlite_app: App) -> None:
    raw = make_mail(
        "Jag är på semester till 1 april.\n\nVerksamhet: Förskolan X\nChef: A B",
        subject="Automatiskt svar: Anmälan registrerad",
        headers={"Auto-Submitted": "auto-replied"},
    )
    put(sqlite_app, raw)
    cycle(sqlite_app)
    assert sent(sqlite_app) == []


def test_list_mail_gets_no_answer(sqlite_app: App) -> None:
    raw = make_mail(
        "Nyhetsbrev om anmälan till Kvalitetsutmärkelsen",
        headers={"List-Id": "<nyheter.stockholm.se>", "Precedence": "list"},
    )
    put(sqlite_app, raw)
    cycle(sqlite_app)
    assert sent(sqlite_app) == []


def test_per_recipient_hourly_limit_defers_rather_than_drops(
    tmp_path: object, clock: object
) -> None:
    from pathlib import Path

    from bot.clock import FixedClock
    from bot.runner import build_app
    from tests.conftest import make_settings

    assert isinstance(tmp_path, Path) and isinstance(clock, FixedClock)
    app = build_app(make_settings(tmp_path, KB_MAX_MAILS_PER_RECIPIENT_HOUR="2"), clock)
    for n in range(3):
        put(
            app,
            make_mail(
                f"Verksamhet: Förskolan Nummer {n}\nFörvaltning: Skarpnäcks "
                "stadsdelsförvaltning\nChef: Maria Öberg\nKontaktperson: Anna Berg"
            ),
        )
    cycle(app)
    assert len(sent(app)) == 2
    from datetime import timedelta

    clock.advance_to(clock.now() + timedelta(hours=1, minutes=1))
    cycle(app)
    assert len(sent(app)) == 3


def test_permanent_bounce_stops_mail_to_that_address_until_cleared(sqlite_app: App) -> None:
    from click.testing import CliRunner

    from bot.models import OutboxMail, SuppressedAddress

    # The real Office 365 NDR says noname@example.com failed permanently (5.1.10).
    put(sqlite_app, fixture_mail("bounce-office365-5.1.10.eml"))
    cycle(sqlite_app)
    with sqlite_app.sessions() as session:
        assert session.get(SuppressedAddress, "noname@example.com") is not None
    signup = (
        "Verksamhet: Förskolan Ekorren\nFörvaltning: Skarpnäcks stadsdelsförvaltning\n"
        "Chef: Maria Öberg\nKontaktperson: No Name\n"
    )
    put(sqlite_app, make_mail(signup, sender="noname@example.com", sender_name="No Name"))
    cycle(sqlite_app)
    assert sent(sqlite_app) == []
    with sqlite_app.sessions() as session:
        assert session.scalars(select(OutboxMail.status)).all() == ["suppressed"]

    from bot import cli as cli_module

    runner = CliRunner()
    env = {
        "KB_DATA_DIR": str(sqlite_app.settings.data_dir),
        "KB_ENV_FILE": "/nonexistent",
        "KB_STAFF_ADDRESSES": "staff@stockholm.se",
    }
    result = runner.invoke(
        cli_module.cli,
        ["--now", "2027-03-01T10:00", "suppressed", "--clear", "noname@example.com"],
        env=env,
    )
    assert result.exit_code == 0, result.output
    cycle(sqlite_app)
    assert len(sent(sqlite_app)) == 1
