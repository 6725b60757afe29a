"""A replayed autumn, June to December, on a real database and a real Maildir.

Coordinators book, move and cancel visits by mail; every booked visit reaches the team
and the unit as a valid .ics (parsed with icalendar); laggards, and only they, are
reminded; no report reaches a unit before the ceremony, and each received report reaches
its unit the morning after (or on arrival once the ceremony is over).
"""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM, FixedClock
from bot.models import Assignment, Examiner, InboundMessage, Team, TeamMember, Unit, UnitAddress
from bot.runner import App, build_app
from tests.conftest import FIXTURES, REPO, body_text, cycle, make_mail, make_settings, put, sent

K1, K2 = "karin.lind@stockholm.se", "olof.berg@stockholm.se"
TEAM1 = (K1, "eva.holm@stockholm.se", "sara.nystrom@stockholm.se")
TEAM2 = (K2, "per.ek@stockholm.se", "lisa.ahl@stockholm.se")
UNIT_A = ("anna.berg@edu.stockholm.se", "maria.oberg@edu.stockholm.se")  # contact, manager
UNIT_B = ("bo.sten@edu.stockholm.se",)
UNIT_C = ("cia.lund@aldre.stockholm.se",)


def at(month: int, day: int, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=STOCKHOLM)


def _unit(session: Session, number: int, name: str, people: tuple[str, ...], now: datetime) -> Unit:
    unit = Unit(
        reference=f"KU-2027-00{number}",
        year=2027,
        unit_name=name,
        organisation="Skarpnäcks stadsdelsförvaltning",
        manager_name="Maria Öberg",
        contact_name="Anna Berg",
        contact_email=people[0],
        signup_status="registered",
        created_at=now,
        updated_at=now,
    )
    unit.addresses = [UnitAddress(address=a) for a in people]
    session.add(unit)
    return unit


def _team(
    session: Session, number: int, emails: tuple[str, ...], units: list[Unit], now: datetime
) -> None:
    people = [
        Examiner(
            year=2027, name=e.split("@")[0].replace(".", " ").title(), email=e, organisation="Sdf"
        )
        for e in emails
    ]
    session.add_all(people)
    session.flush()
    team = Team(year=2027, number=number, coordinator_id=people[0].id, confirmed_at=now)
    session.add(team)
    session.flush()
    session.add_all([TeamMember(team_id=team.id, examiner_id=p.id) for p in people])
    session.add_all([Assignment(unit_id=u.id, team_id=team.id) for u in units])


@pytest.fixture
def autumn(app: App, clock: FixedClock) -> App:
    clock.advance_to(at(6, 1, 10))
    with app.sessions.begin() as session:
        now = clock.now()
        a = _unit(session, 1, "Förskolan Trollskogen", UNIT_A, now)
        b = _unit(session, 2, "Förskolan Solstrålen", UNIT_B, now)
        c = _unit(session, 3, "Hemtjänsten Norr", UNIT_C, now)
        session.flush()
        _team(session, 1, TEAM1, [a, b], now)
        _team(session, 2, TEAM2, [c], now)
    return app


def _mail(
    app: App, sender: str, subject: str, body: str, attachment: tuple[str, bytes] | None = None
) -> None:
    raw = make_mail(body, sender=sender, sender_name="", subject=subject, date=app.clock.now())
    if attachment is not None:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        name, data = attachment
        subtype = (
            "pdf"
            if name.endswith(".pdf")
            else "vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        msg.add_attachment(data, maintype="application", subtype=subtype, filename=name)
        raw = msg.as_bytes()
    put(app, raw)
    cycle(app)


def _move(app: App, clock: FixedClock, moment: datetime) -> None:
    clock.advance_to(moment)
    cycle(app)


def _kind(msg: EmailMessage) -> str:
    return str(msg["X-Kvalitetsbot-Kind"])


def _to(msg: EmailMessage) -> str:
    return str(msg["To"].addresses[0].addr_spec)


def _new(app: App, seen: set[str], kind: str | None = None) -> list[EmailMessage]:
    fresh = [m for m in sent(app) if str(m["Message-ID"]) not in seen]
    seen.update(str(m["Message-ID"]) for m in fresh)
    return [m for m in fresh if kind is None or _kind(m) == kind]


def _event(msg: EmailMessage) -> tuple[str, Any]:
    parts = [p for p in msg.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    calendar = Calendar.from_ical(parts[0].get_content())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert calendar.walk("VTIMEZONE") or "VALUE=DATE" in parts[0].get_content()
    return str(calendar["METHOD"]), events[0]


def test_a_replayed_autumn(autumn: App, clock: FixedClock) -> None:
    app, seen = autumn, set[str]()
    _new(app, seen)

    # June: Trollskogen's site and feedback visits in one sentence.
    clock.advance_to(at(6, 10, 9))
    _mail(
        app,
        K1,
        "Sv: Lag 1 KU-2027-001",
        "Platsbesök 14 oktober kl. 9–12, återföring 3 december kl. 13",
    )
    fresh = _new(app, seen)
    confirmation = [m for m in fresh if _kind(m) == "visit-confirmation"]
    assert [_to(m) for m in confirmation] == [K1]
    assert "torsdag 14 oktober 2027 kl. 09.00–12.00" in body_text(confirmation[0])
    invitations = [m for m in fresh if _kind(m) == "visit-invitation"]
    everyone = set(TEAM1) | set(UNIT_A)
    assert sorted(_to(m) for m in invitations) == sorted([*everyone, *everyone])
    starts = {}
    for msg in invitations:
        method, event = _event(msg)
        assert method == "REQUEST" and int(event["SEQUENCE"]) == 0
        start = event.decoded("DTSTART")
        assert str(start.tzinfo) == "Europe/Stockholm"
        starts[str(event["UID"])] = start
        assert "verksamhetsplan" in str(event["DESCRIPTION"]) or "feedback" in str(event["UID"])
    site_uid = "2027-KU-2027-001-site@stockholm.se"
    assert starts[site_uid] == at(10, 14, 9) and starts[site_uid].utcoffset() == timedelta(hours=2)
    feedback = starts["2027-KU-2027-001-feedback@stockholm.se"]
    assert feedback == at(12, 3, 13) and feedback.utcoffset() == timedelta(hours=1)

    # The same booking mailed again changes nothing and invites nobody.
    _mail(app, K1, "Sv: KU-2027-001", "Platsbesök 14 oktober kl. 9–12")
    assert _new(app, seen, "visit-invitation") == []

    # Team 2 books its only unit without naming it.
    clock.advance_to(at(6, 20, 9))
    _mail(app, K2, "Sv: Lag 2", "Hej! Platsbesöket blir torsdag 28/10 kl 10-12.")
    assert {_to(m) for m in _new(app, seen, "visit-invitation")} == set(TEAM2) | set(UNIT_C)

    # The booking deadline: only the coordinator with an unbooked unit is reminded.
    _move(app, clock, at(6, 30, 8, 5))
    reminders = _new(app, seen, "visit-reminder")
    assert [_to(m) for m in reminders] == [K1]
    assert "KU-2027-002" in body_text(reminders[0]) and "KU-2027-001" not in body_text(reminders[0])

    # September: the site visit moves; the same event, a higher SEQUENCE.
    clock.advance_to(at(9, 1, 10))
    _mail(app, K1, "KU-2027-001", "Hej, platsbesöket flyttas till 21 oktober kl. 9–12.")
    moved = _new(app, seen, "visit-invitation")
    assert len(moved) == len(everyone)
    for msg in moved:
        method, event = _event(msg)
        assert (method, str(event["UID"]), int(event["SEQUENCE"])) == ("REQUEST", site_uid, 1)
        assert event.decoded("DTSTART") == at(10, 21, 9)

    # Solstrålen: a day without a time, then a reminder two working days before.
    _mail(app, K1, "KU-2027-002 bokat", "Platsbesök tisdag 12 oktober, tid återkommer jag om.")
    invitation = _new(app, seen, "visit-invitation")[0]
    _, event = _event(invitation)
    assert str(event["STATUS"]) == "TENTATIVE"
    _move(app, clock, at(10, 7, 17))
    assert _new(app, seen, "visit-reminder") == []
    _move(app, clock, at(10, 8, 8, 5))
    reminders = _new(app, seen, "visit-reminder")
    assert [_to(m) for m in reminders] == [K1]
    assert "tid" in str(reminders[0]["Subject"])

    # Team 2 books a feedback visit and cancels it: a CANCEL for the same event.
    _mail(app, K2, "KU-2027-003", "Återföringsbesök 1 december kl. 10.")
    _new(app, seen)
    _mail(app, K2, "KU-2027-003", "Vi måste tyvärr avboka återföringsbesöket.")
    cancelled = _new(app, seen, "visit-invitation")
    assert {_to(m) for m in cancelled} == set(TEAM2) | set(UNIT_C)
    method, event = _event(cancelled[0])
    assert method == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == "2027-KU-2027-003-feedback@stockholm.se"
    assert int(event["SEQUENCE"]) == 1

    # November: a report arrives and is held; a macro document is refused.
    clock.advance_to(at(11, 10, 10))
    pdf = (FIXTURES / "docs" / "pdf-ordinary-two-pages.pdf").read_bytes()
    _mail(app, K1, "Rapport KU-2027-001", "Här kommer rapporten.", ("Rapport Trollskogen.pdf", pdf))
    fresh = _new(app, seen)
    assert [_kind(m) for m in fresh] == ["report-receipt"]
    assert "efter utdelningsceremonin" in body_text(fresh[0])
    macro = (FIXTURES / "docs" / "docm-macro-enabled.docm").read_bytes()
    _mail(app, K1, "Rapport KU-2027-002", "Rapporten.", ("Rapport.docx", macro))
    assert [_kind(m) for m in _new(app, seen)] == ["report-problem"]
    _move(app, clock, at(11, 26, 23, 30))
    assert _new(app, seen, "report-delivery") == []

    # The morning after the ceremony: the unit gets it, the team a copy.
    _move(app, clock, at(11, 27, 8, 5))
    delivered = _new(app, seen, "report-delivery")
    assert sorted(_to(m) for m in delivered) == sorted(everyone)
    for msg in delivered:
        (attached,) = [
            p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"
        ]
        assert attached.get_content() == pdf
    _move(app, clock, at(11, 28, 8, 5))
    assert _new(app, seen, "report-delivery") == []

    # After the ceremony a report goes out on arrival.
    clock.advance_to(at(11, 29, 10))
    docx = (FIXTURES / "docs" / "docx-normal-headings-table-links.docx").read_bytes()
    _mail(app, K2, "Rapport", "Rapporten bifogas.", ("Rapport Norr.docx", docx))
    fresh = _new(app, seen)
    assert "report-receipt" in {_kind(m) for m in fresh}
    assert {_to(m) for m in fresh if _kind(m) == "report-delivery"} == set(UNIT_C) | set(TEAM2)

    # The report reminder: only the coordinator still owing one.
    _move(app, clock, at(12, 10, 8, 5))
    reminders = _new(app, seen, "visit-reminder")
    assert [_to(m) for m in reminders] == [K1]
    assert "KU-2027-002" in body_text(reminders[0]) and "KU-2027-001" not in body_text(reminders[0])

    # The staff see the laggard in the weekly digest (Monday 13 December).
    _move(app, clock, at(12, 13, 7, 40))
    digests = _new(app, seen, "digest")
    assert "KU-2027-002 Förskolan Solstrålen" in body_text(digests[-1])
    assert "EFTER: återföringsbesök ej bokat, rapport saknas" in body_text(digests[-1])


def test_reports_are_claimed_once_per_recipient(autumn: App, clock: FixedClock) -> None:
    """A report resent before the ceremony replaces the first; only the last goes out."""
    app = autumn
    clock.advance_to(at(11, 10, 10))
    pdf = (FIXTURES / "docs" / "pdf-ordinary-two-pages.pdf").read_bytes()
    _mail(app, K2, "Rapport", "Första versionen.", ("v1.pdf", pdf))
    docx = (FIXTURES / "docs" / "docx-normal-headings-table-links.docx").read_bytes()
    _mail(app, K2, "Rapport", "Rättad version.", ("v2.docx", docx))
    _move(app, clock, at(11, 27, 8, 5))
    _move(app, clock, at(11, 27, 9, 5))
    delivered = [m for m in sent(app) if _kind(m) == "report-delivery"]
    assert len(delivered) == len(TEAM2) + len(UNIT_C)
    names = {p.get_filename() for m in delivered for p in m.iter_attachments()}
    assert names == {"v2.docx"}


PASS = "mx.stockholm.se; spf=pass smtp.mailfrom=stockholm.se; dmarc=pass header.from=stockholm.se"
FAIL = "mx.stockholm.se; spf=fail smtp.mailfrom=stockholm.se; dmarc=fail header.from=stockholm.se"


def _staff(app: App, subject: str, auth: str) -> list[EmailMessage]:
    seen = {str(m["Message-ID"]) for m in sent(app)}
    headers = {"Authentication-Results": auth}
    raw = make_mail(
        "", sender="staff@stockholm.se", sender_name="", subject=subject, headers=headers
    )
    put(app, raw)
    cycle(app)
    return [m for m in sent(app) if str(m["Message-ID"]) not in seen]


def test_staff_book_by_phone_and_show_a_team(autumn: App, clock: FixedClock) -> None:
    app = autumn
    _move(app, clock, at(8, 20, 10))  # the booking reminders of the summer go out first
    assert [
        _kind(m) for m in _staff(app, "boka KU-2027-002 platsbesök 2027-10-14 09:00", FAIL)
    ] == []
    fresh = _staff(app, "boka KU-2027-002 platsbesök 2027-10-14 09:00", PASS)
    assert {_to(m) for m in fresh if _kind(m) == "visit-invitation"} == set(TEAM1) | set(UNIT_B)
    (answer,) = [m for m in fresh if _kind(m) == "staff-reply"]
    assert "1 inbjudan skickad" in str(answer["Subject"]) + body_text(answer)
    _, event = _event(next(m for m in fresh if _kind(m) == "visit-invitation"))
    assert event.decoded("DTSTART") == at(10, 14, 9)
    (shown,) = [m for m in _staff(app, "visa lag 1", PASS) if _kind(m) == "staff-reply"]
    text = body_text(shown)
    assert "KU-2027-002 Förskolan Solstrålen" in text
    assert "Platsbesök: torsdag 14 oktober 2027 kl. 09.00" in text
    assert "Platsbesök: ej bokat" in text  # KU-2027-001
    assert "Efter: platsbesök ej bokat" in text
    (unit,) = [m for m in _staff(app, "visa KU-2027-002", PASS) if _kind(m) == "staff-reply"]
    assert "Platsbesök: torsdag 14 oktober 2027 kl. 09.00" in body_text(unit)
    assert "Skriftlig rapport: saknas" in body_text(unit)
    (missing,) = [m for m in _staff(app, "visa lag 9", PASS) if _kind(m) == "staff-reply"]
    assert "Hittar inget lag 9" in str(missing["Subject"]) + body_text(missing)


def test_a_coordinator_of_two_units_is_asked_which(autumn: App, clock: FixedClock) -> None:
    app = autumn
    clock.advance_to(at(6, 10, 9))
    _mail(app, K1, "Sv: Lag 1", "Platsbesök 14 oktober kl. 9–12")
    kinds = [_kind(m) for m in sent(app)]
    assert "visit-which-unit" in kinds and "visit-invitation" not in kinds


def test_last_years_reports_are_still_chased_once_the_next_year_is_in_force(
    tmp_path: Path, clock: FixedClock
) -> None:
    schedules = tmp_path / "schedules"
    schedules.mkdir()
    text = (REPO / "schedules" / "2027.toml").read_text(encoding="utf-8")
    (schedules / "2027.toml").write_text(text, encoding="utf-8")
    (schedules / "2028.toml").write_text(text.replace("2027", "2028"), encoding="utf-8")
    app = build_app(make_settings(tmp_path, KB_SCHEDULES_DIR=str(schedules)), clock)
    try:
        with app.sessions.begin() as session:
            now = clock.now()
            unit = _unit(session, 3, "Hemtjänsten Norr", UNIT_C, now)
            session.flush()
            _team(session, 2, TEAM2, [unit], now)
        _move(app, clock, at(12, 10, 8, 5))
        assert app.ctx.year(clock.now()) == 2028
        reminders = [m for m in sent(app) if _kind(m) == "visit-reminder"]
        assert [_to(m) for m in reminders] == [K2]
        assert "skriftlig rapport" in str(reminders[0]["Subject"])
    finally:
        app.sessions.kw["bind"].dispose()


def test_a_calendar_clients_accept_is_not_read_as_a_report(autumn: App, clock: FixedClock) -> None:
    app = autumn
    clock.advance_to(at(6, 10, 9))
    _mail(app, K2, "KU-2027-003", "Platsbesök 14 oktober kl. 9–12")
    before = len(sent(app))
    raw = make_mail("", sender=K2, sender_name="", subject="Accepterat: Inbjudan: platsbesök")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    reply = b"BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    msg.add_attachment(reply, maintype="text", subtype="calendar", filename="invite.ics")
    put(app, msg.as_bytes())
    cycle(app)
    assert len(sent(app)) == before
    with app.sessions() as session:
        kinds = set(session.scalars(select(InboundMessage.kind)))
    assert "calendar-reply" in kinds


def test_a_coordinators_question_goes_to_the_staff(autumn: App, clock: FixedClock) -> None:
    app = autumn
    clock.advance_to(at(6, 10, 9))
    _mail(app, K2, "Fråga", "Hej! Behöver vi boka lokal själva?\n\nMvh Olof\n070-123 45 67")
    with app.sessions() as session:
        row = session.scalars(select(InboundMessage).order_by(InboundMessage.id.desc())).first()
        assert row is not None and (row.status, row.kind) == ("staff", "coordinator-question")
    assert [_kind(m) for m in sent(app) if _kind(m).startswith("visit")] == []
