"""Staff commands by mail: only from staff addresses that pass authentication, all logged."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import FixedClock
from bot.context import Inbound
from bot.mail import outbox
from bot.mail.parse import parse_mail
from bot.models import Claim, Entry, Event, InboundMessage, OutboxMail, Unit
from bot.runner import App
from bot.staff import Command, _remind, handle_staff_command, parse_command
from tests.calendar_support import add_entry, at, calendar_app, closing
from tests.conftest import cycle, make_mail, put

STAFF = "staff@stockholm.se"
PASS = "mx.stockholm.se; spf=pass smtp.mailfrom=stockholm.se; dmarc=pass header.from=stockholm.se"
FAIL = "mx.stockholm.se; spf=fail smtp.mailfrom=stockholm.se; dmarc=fail header.from=stockholm.se"


def _unit_app(tmp_path: Path, database_url: str | None, clock: FixedClock) -> App:
    app = calendar_app(tmp_path, database_url, clock)
    put(
        app,
        make_mail(
            "Verksamhet: Förskolan Trollskogen\nFörvaltning: Skarpnäcks sdf\nChef: Maria Öberg\n"
            "Kontaktperson: Anna Berg\nE-post: anna.berg@edu.stockholm.se\n"
        ),
    )
    cycle(app)
    add_entry(app, "Förskolan Trollskogen", "change_requested", at(3, 1, 9),
              [{"code": "text-in-picture", "severity": "blocking", "message": "Text i bild"}])  # fmt: skip
    return app


@pytest.fixture
def unit_app(tmp_path: Path, clock: FixedClock) -> Iterator[App]:
    yield from closing(_unit_app(tmp_path, None, clock))


def command(
    session: Session, app: App, subject: str, *, sender: str = STAFF, auth: str | None = PASS
) -> str | None:
    """The outcome's kind when the command ran, "refused" when it went to the staff unrun."""
    headers = {"Authentication-Results": auth} if auth else None
    raw = make_mail("Tack!", sender=sender, sender_name="", subject=subject, headers=headers)
    row = InboundMessage(
        dedupe_key=f"test:{uuid.uuid4()}",
        remote_id="x",
        received_at=app.clock.now(),
        raw=raw,
        status="new",
    )
    session.add(row)
    session.flush()
    inbound = Inbound(row.id, app.clock.now(), parse_mail(raw))
    outcome = handle_staff_command(session, app.ctx, inbound, app.clock.now())
    if outcome is None:
        return None
    return outcome.kind if outcome.status == "handled" else "refused"


def _entry(session: Session) -> Entry:
    return session.scalars(select(Entry)).one()


def test_staff_accepts_an_entry_and_the_command_is_logged(unit_app: App) -> None:
    with unit_app.sessions.begin() as session:
        assert command(session, unit_app, "godkänn KU-2027-001", auth=PASS) == "staff-command"
        assert _entry(session).status == "accepted"
        assert _entry(session).staff_accepted_by == STAFF
        [event] = session.scalars(select(Event).where(Event.kind == "staff-command")).all()
        assert event.actor == STAFF and "godkänn" in event.detail
        reply = session.scalars(select(OutboxMail).where(OutboxMail.kind == "staff-reply")).one()
        assert reply.recipient == STAFF and b"godk" in reply.raw


def test_command_from_a_non_staff_address_is_not_executed(unit_app: App) -> None:
    with unit_app.sessions.begin() as session:
        assert command(session, unit_app, "godkänn KU-2027-001", sender="anna@x.se") is None
        assert _entry(session).status == "change_requested"
        assert session.scalars(select(Event).where(Event.kind == "staff-command")).all() == []


def test_command_failing_authentication_is_not_executed(unit_app: App) -> None:
    with unit_app.sessions.begin() as session:
        assert command(session, unit_app, "återkalla KU-2027-001", auth=FAIL) == "refused"
        assert session.scalars(select(Unit)).one().signup_status == "registered"


def test_ordinary_mail_from_staff_is_not_a_command(unit_app: App) -> None:
    with unit_app.sessions.begin() as session:
        assert command(session, unit_app, "Lunch på fredag?") is None


def test_withdraw_change_request_and_show(unit_app: App) -> None:
    with unit_app.sessions.begin() as session:
        command(session, unit_app, "ändringsbegäran KU-2027-001 Ta bort bilaga 1")
        entry = _entry(session)
        assert entry.status == "change_requested" and entry.change_due is not None
        kinds = set(session.scalars(select(OutboxMail.kind)))
        assert "change-request" in kinds
    with unit_app.sessions.begin() as session:
        command(session, unit_app, "återkalla KU-2027-001")
        assert session.scalars(select(Unit)).one().signup_status == "withdrawn"
    with unit_app.sessions.begin() as session:
        command(session, unit_app, "påminn KU-2027-001")
        assert (
            session.scalars(select(OutboxMail).where(OutboxMail.kind.like("reminder%"))).all() == []
        )


def test_show_gives_the_organisation_as_the_unit_wrote_it_beside_the_canonical(
    unit_app: App,
) -> None:
    with unit_app.sessions.begin() as session:
        assert command(session, unit_app, "visa KU-2027-001") == "staff-command"
        reply = session.scalars(select(OutboxMail).where(OutboxMail.kind == "staff-reply")).one()
        text = message_from_bytes(reply.raw, policy=policy.default)
        body = text.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        assert "Skarpnäcks stadsdelsförvaltning" in body
        assert "Enligt anmälan" in body and "Skarpnäcks sdf" in body


def test_remind_command_sends_what_is_missing(unit_app: App) -> None:
    with unit_app.sessions.begin() as session:
        command(session, unit_app, "Sv: påminn KU-2027-001")
        mails = session.scalars(select(OutboxMail).where(OutboxMail.kind.like("reminder%"))).all()
        assert [m.recipient for m in mails] == ["anna.berg@edu.stockholm.se"]


@pytest.mark.parametrize(
    ("subject", "text", "name"),
    [
        ("hjälp", "", "hjälp"),
        ("Re: status", "", "status"),
        ("Kommando", "visa KU-2027-001\n\n> citat", "visa"),
        ("Fråga om bidraget", "Hej, hur går det?", None),
    ],
)
def test_parse_command(subject: str, text: str, name: str | None) -> None:
    parsed = parse_command(subject, text)
    assert (parsed.name if parsed else None) == name


@pytest.fixture
def unit_app_any_db(tmp_path: Path, database_url: str, clock: FixedClock) -> Iterator[App]:
    yield from closing(_unit_app(tmp_path, database_url, clock))


def _reminders(app: App) -> list[str]:
    with app.sessions() as session:
        query = select(OutboxMail.recipient).where(OutboxMail.kind.like("reminder%"))
        return list(session.scalars(query))


def test_remind_command_that_fails_while_queueing_keeps_no_claim(
    unit_app_any_db: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: the claim of a "påminn" used to commit on its own on SQLite, so a failure
    after it left a claim and no mail. Now the command's transaction keeps both or none,
    and the failed mail is quarantined, not lost."""
    app = unit_app_any_db
    headers = {"Authentication-Results": PASS}

    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("queue failed")

    monkeypatch.setattr(outbox, "queue", fail)
    put(app, make_mail("Tack!", sender=STAFF, subject="påminn KU-2027-001", headers=headers))
    cycle(app)
    with app.sessions() as session:
        assert session.scalars(select(Claim.key)).all() == []
        assert session.scalars(select(InboundMessage.status)).all()[-1] == "quarantine"
    assert _reminders(app) == []

    monkeypatch.undo()
    put(app, make_mail("Tack!", sender=STAFF, subject="påminn KU-2027-001", headers=headers))
    cycle(app)
    assert _reminders(app) == ["anna.berg@edu.stockholm.se"]
    with app.sessions() as session:
        [claim] = session.scalars(select(Claim)).all()
        assert session.scalar(select(OutboxMail.id).where(OutboxMail.dedupe_key == claim.key))
        [reply] = session.scalars(select(OutboxMail).where(OutboxMail.kind == "staff-reply"))
        assert "skickad" in reply.raw.decode("utf-8", "replace")


def test_remind_command_says_nothing_was_sent_when_nothing_was_queued(unit_app: App) -> None:
    with unit_app.sessions.begin() as session:
        command(session, unit_app, "påminn KU-2027-001")
        row_id = session.scalars(select(InboundMessage.id)).all()[-1]
        unit = session.scalars(select(Unit)).one()
        inbound = Inbound(row_id, unit_app.clock.now(), parse_mail(make_mail("x")))
        answer = _remind(session, unit_app.ctx, parse_command("påminn KU-2027-001", "") or
                         Command("påminn", None, ""), inbound, unit_app.clock.now(), unit)  # fmt: skip
    assert "skickad" not in answer.title
    assert "redan" in answer.title


def _reply(session: Session) -> EmailMessage:
    query = select(OutboxMail.raw).where(OutboxMail.kind == "staff-reply").order_by(OutboxMail.id)
    raw = session.scalars(query).all()[-1]
    return message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def test_status_reply_is_a_swedish_table_with_sender_and_subject(unit_app: App) -> None:
    put(unit_app, make_mail("Hur stor får bilden vara?", sender="olle@x.stockholm.se",
                            sender_name="Olle Ek", subject="Fråga om bilden"))  # fmt: skip
    cycle(unit_app)
    with unit_app.sessions.begin() as session:
        command(session, unit_app, "status", auth=PASS)
        reply = _reply(session)
    text = reply.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = reply.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "Läget för Kvalitetsutmärkelsen 2027: 1 mejl väntar." in text
    assert "  Verksamheter: 1 anmäld\n" in text
    assert "  Mottaget: 1 mars 2027 kl. 10.00\n" in text
    assert "  Från: Olle Ek <olle@x.stockholm.se>\n" in text
    assert "  Ämne: Fråga om bilden\n" in text
    for english in ("registered", "sent", "handled", "[staff]", "queued"):
        assert english not in text
    assert "<table" in html and "<pre" not in html and "monospace" not in html
    assert '<th align="left">Från</th>' in html


def test_export_reply_names_the_workbook_by_year_and_day(unit_app: App) -> None:
    with unit_app.sessions.begin() as session:
        command(session, unit_app, "export", auth=PASS)
        [attachment] = list(_reply(session).iter_attachments())
    assert attachment.get_filename() == "register-kvalitetsutmarkelsen-2027-per-2027-03-01.xlsx"
