"""Reminders reach exactly the units that owe something, once, across restarts and downtime."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.clock import FixedClock
from bot.mail import outbox
from bot.models import Claim, MeetingAttendee, OutboxMail, OutreachAddress, Unit
from bot.outreach.scheduler import run_due
from bot.runner import App, build_app
from tests.calendar_support import (
    add_entry,
    add_minutes,
    at,
    calendar_app,
    closing,
    recipients,
    sent_of,
    unit_id,
)
from tests.conftest import body_text, cycle, make_mail, put, sent

TROLLSKOGEN = "anna.berg@edu.stockholm.se"
SOLSTRALEN = "karin.lind@edu.stockholm.se"
NORR = "per.ek@aldre.stockholm.se"
OUTREACH = "rektor.sodra@edu.stockholm.se"


def signup(unit: str, contact: str, email: str, organisation: str = "Skarpnäcks sdf") -> bytes:
    body = (
        f"Hej!\n\nVi anmäler oss till Kvalitetsutmärkelsen.\n\nVerksamhet: {unit}\n"
        f"Förvaltning: {organisation}\nChef: Maria Öberg\nKontaktperson: {contact}\n"
        f"E-post: {email}\nTelefon: 08-508 123 45\n\nHälsningar\n{contact}\n"
    )
    return make_mail(body, sender=email, sender_name=contact)


INCOMPLETE = "Hej,\n\nVi på Förskolan Solstrålen vill vara med i år!\n\nHälsningar\nKarin Lind\n"


def _year(tmp_path: Path, database_url: str | None, clock: FixedClock) -> App:
    """Three units on 1 March: one complete, one incomplete, one that will withdraw."""
    app = calendar_app(tmp_path, database_url, clock)
    put(app, signup("Förskolan Trollskogen", "Anna Berg", TROLLSKOGEN))
    put(app, make_mail(INCOMPLETE, sender=SOLSTRALEN, sender_name="Karin Lind"))
    put(app, signup("Hemtjänsten Norr", "Per Ek", NORR, "Norrmalms sdf"))
    with app.sessions.begin() as session:
        session.add(OutreachAddress(year=2027, email=OUTREACH, name="Eva Rektor"))
        session.add(OutreachAddress(year=2027, email=TROLLSKOGEN, name="Anna Berg"))
    cycle(app)
    return app


@pytest.fixture
def year_app(tmp_path: Path, clock: FixedClock) -> Iterator[App]:
    """The three units on SQLite (the simulated year also runs on PostgreSQL)."""
    yield from closing(_year(tmp_path, None, clock))


@pytest.fixture
def year_app_any_db(tmp_path: Path, database_url: str, clock: FixedClock) -> Iterator[App]:
    yield from closing(_year(tmp_path, database_url, clock))


def _reference(app: App, name: str) -> str:
    with app.sessions() as session:
        return session.get_one(Unit, unit_id(app, name)).reference


def _move(app: App, clock: FixedClock, moment: object) -> None:
    assert hasattr(moment, "tzinfo")
    clock.advance_to(moment)  # type: ignore[arg-type]
    cycle(app)


def test_simulated_year_reminds_exactly_those_who_owe(
    year_app_any_db: App, clock: FixedClock
) -> None:
    app = year_app_any_db
    _move(app, clock, at(3, 8))  # sign-up reminder 14 days before 22 March
    assert recipients(app, "reminder-signup") == [SOLSTRALEN, OUTREACH]
    [incomplete] = [m for m in sent_of(app, "reminder-signup") if m["X-Kvalitetsbot-Reference"]]
    assert "Chefens namn" in body_text(incomplete)

    put(app, make_mail("Vi drar tillbaka vår anmälan.", sender=NORR, sender_name="Per Ek"))
    put(
        app,
        make_mail(
            "Verksamhet: Förskolan Solstrålen\nFörvaltning: Enskede sdf\nChef: Lars Lind\n"
            "Kontaktperson: Karin Lind\nE-post: karin.lind@edu.stockholm.se\n",
            sender=SOLSTRALEN,
            sender_name="Karin Lind",
            subject=f"Sv: Komplettera er anmälan ({_reference(app, 'Förskolan Solstrålen')})",
        ),
    )
    _move(app, clock, at(3, 15))  # 7 days before: everyone has complied or withdrawn
    assert len(sent_of(app, "reminder-signup")) == 3  # only the outreach address again
    assert recipients(app, "reminder-signup").count(OUTREACH) == 2

    add_entry(app, "Förskolan Trollskogen", "change_requested", at(4, 30),
              [{"code": "pdf-missing", "severity": "blocking", "message": "PDF saknas"}])  # fmt: skip
    _move(app, clock, at(5, 3))  # entry reminder 14 days before 17 May
    assert recipients(app, "reminder-entry") == [TROLLSKOGEN, SOLSTRALEN]
    texts = {m["To"].addresses[0].addr_spec: body_text(m) for m in sent_of(app, "reminder-entry")}
    assert "PDF-versionen saknas" in texts[TROLLSKOGEN]
    assert "Bidraget (Word och PDF)" in texts[SOLSTRALEN]
    assert all(m.get_content_maintype() == "multipart" for m in sent_of(app, "reminder-entry"))
    assert any(
        p.get_content_type() == "text/calendar"
        for p in sent_of(app, "reminder-entry")[0].iter_attachments()
    )

    add_entry(app, "Förskolan Trollskogen", "accepted", at(5, 5))
    _move(app, clock, at(5, 10))
    assert recipients(app, "reminder-entry") == [TROLLSKOGEN, SOLSTRALEN, SOLSTRALEN]

    _move(app, clock, at(6, 14))  # minutes: only the unit with an accepted entry
    assert recipients(app, "reminder-minutes") == [TROLLSKOGEN]
    add_minutes(app, "Förskolan Trollskogen", at(6, 15))
    _move(app, clock, at(6, 21))
    assert recipients(app, "reminder-minutes") == [TROLLSKOGEN]
    to_norr = [m["X-Kvalitetsbot-Kind"] for m in sent(app) if NORR in str(m["To"])]
    assert to_norr == ["signup-receipt", "withdrawal-receipt"]
    assert all(m["X-Kvalitetsbot-Kind"] for m in sent(app))


def test_same_moment_twice_or_after_restart_sends_nothing_twice(
    year_app: App, clock: FixedClock
) -> None:
    _move(year_app, clock, at(3, 8))
    before = len(sent(year_app))
    cycle(year_app)
    restarted = build_app(year_app.settings, clock)
    cycle(restarted)
    cycle(restarted)
    assert len(sent(restarted)) == before
    assert len(sent_of(restarted, "reminder-signup")) == 2


def test_missed_reminder_is_sent_on_start_before_the_deadline_not_after(
    year_app: App, clock: FixedClock
) -> None:
    _move(year_app, clock, at(3, 23))  # down through every sign-up reminder: too late now
    assert sent_of(year_app, "reminder-signup") == []
    _move(year_app, clock, at(3, 24))
    _move(year_app, clock, at(5, 12, 14))  # 14- and 7-day entry reminders both missed
    assert recipients(year_app, "reminder-entry") == [TROLLSKOGEN, NORR]
    _move(year_app, clock, at(5, 18, 0, 30))  # the deadline has passed
    assert recipients(year_app, "reminder-entry") == [TROLLSKOGEN, NORR]


def test_change_request_is_reminded_the_working_day_before_it_is_due(
    year_app: App, clock: FixedClock
) -> None:
    app = year_app
    issued = at(5, 10, 10)
    due = app.ctx.schedule(2027).change_request_due(issued)
    assert due == at(5, 13, 0)
    add_entry(app, "Förskolan Trollskogen", "change_requested", issued,
              [{"code": "text-in-picture", "severity": "blocking", "message": "Bild med text"}],
              change_due=due)  # fmt: skip
    _move(app, clock, at(5, 10, 23))
    assert sent_of(app, "reminder-change-request") == []
    _move(app, clock, at(5, 11, 8))
    [reminder] = sent_of(app, "reminder-change-request")
    assert "12 maj" in body_text(reminder) and "Bild med text" in body_text(reminder)
    _move(app, clock, at(5, 12, 8))
    assert len(sent_of(app, "reminder-change-request")) == 1


def test_info_meeting_link_leaves_two_working_days_before_across_easter(
    year_app: App, clock: FixedClock
) -> None:
    app = year_app
    with app.sessions.begin() as session:
        session.add(MeetingAttendee(year=2027, meeting_key="info-påsk", email="eva@x.stockholm.se"))
    _move(app, clock, at(3, 24, 8, 59))  # Tuesday 30 March follows Easter Monday
    assert sent_of(app, "info-meeting-link") == []
    _move(app, clock, at(3, 24, 9))  # Wednesday: Thursday is the only working day between
    [link] = sent_of(app, "info-meeting-link")
    assert link["To"].addresses[0].addr_spec == "eva@x.stockholm.se"
    assert "https://teams.microsoft.com/l/meetup-join/test" in body_text(link)
    [ics] = [p for p in link.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert b"DTSTART;TZID=Europe/Stockholm:20270330T130000" in ics.get_payload(decode=True)


def test_workshop_invitation_goes_to_registered_units_only(
    year_app: App, clock: FixedClock
) -> None:
    _move(year_app, clock, at(4, 9, 9))  # two working days before Tuesday 13 April
    assert recipients(year_app, "workshop-invitation") == [TROLLSKOGEN, NORR]


class _QueueFails(RuntimeError):
    pass


def _claim_keys(app: App) -> list[str]:
    with app.sessions() as session:
        return sorted(session.scalars(select(Claim.key)))


def test_a_failure_while_queueing_keeps_no_claim_and_the_next_run_sends_everything(
    year_app_any_db: App, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: on SQLite the first claim's savepoint used to commit on its own, so an
    exception (or a kill) after it left a claim without a mail, and that reminder was
    never sent. Raising from ``outbox.queue`` needs no kill timing. 20 March 10:00 has
    sign-up reminders due and lies outside the digest window."""
    app = year_app_any_db
    clock.advance_to(at(3, 20, 10))

    def fail(*_args: object, **_kwargs: object) -> None:
        raise _QueueFails

    monkeypatch.setattr(outbox, "queue", fail)
    with pytest.raises(_QueueFails):
        run_due(app.sessions, app.ctx, clock.now())
    assert _claim_keys(app) == []

    monkeypatch.undo()
    assert run_due(app.sessions, app.ctx, clock.now()) == 2
    cycle(app)
    assert recipients(app, "reminder-signup") == [SOLSTRALEN, OUTREACH]
    with app.sessions() as session:
        queued = set(session.scalars(select(OutboxMail.dedupe_key)))
    assert set(_claim_keys(app)) <= queued


def test_a_friday_change_reminder_names_mondays_date_and_is_the_only_reminder_that_day(
    year_app: App, clock: FixedClock
) -> None:
    """Issued Thursday 13 May, due Monday 17 May: on Friday the unit also owes its entry
    (the entry reminder of 2 days before moves to Friday), but gets one mail."""
    app = year_app
    issued = at(5, 13, 10)
    due = app.ctx.schedule(2027).change_request_due(issued)
    assert due == at(5, 18, 0)
    add_entry(app, "Förskolan Trollskogen", "change_requested", issued,
              [{"code": "pdf-missing", "severity": "blocking", "message": "PDF saknas"}],
              change_due=due)  # fmt: skip
    _move(app, clock, at(5, 14, 8))
    to_trollskogen = [m for m in sent(app) if m["To"].addresses[0].addr_spec == TROLLSKOGEN]
    reminders = [m for m in to_trollskogen if m["X-Kvalitetsbot-Kind"].startswith("reminder-")]
    assert [m["X-Kvalitetsbot-Kind"] for m in reminders] == ["reminder-change-request"]
    text = body_text(reminders[0])
    assert "senast måndag 17 maj kl. 24.00." in text
    assert "i morgon" not in text
    assert "PDF-versionen saknas" in text
    assert "måndag 17 maj" in reminders[0]["Subject"]
    _move(app, clock, at(5, 14, 9))
    _move(app, clock, at(5, 17, 9))
    later = [m for m in sent(app) if m["To"].addresses[0].addr_spec == TROLLSKOGEN]
    assert len(later) == len(to_trollskogen)  # the entry reminder was folded, not postponed


def test_a_unit_that_signs_up_after_the_reminder_moment_gets_its_receipt_not_the_reminder(
    tmp_path: Path, clock: FixedClock
) -> None:
    app = calendar_app(tmp_path, None, clock)
    try:
        clock.advance_to(at(3, 8, 10))  # two hours after the 14-day sign-up reminder
        put(app, make_mail(INCOMPLETE, sender=SOLSTRALEN, sender_name="Karin Lind"))
        cycle(app)
        assert len(sent_of(app, "signup-incomplete")) == 1
        assert sent_of(app, "reminder-signup") == []
        _move(app, clock, at(3, 15, 8))  # the 7-day reminder: it owed then
        assert recipients(app, "reminder-signup") == [SOLSTRALEN]
    finally:
        app.sessions.kw["bind"].dispose()
