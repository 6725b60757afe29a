"""Calendar attachments (.ics) for reminders and meeting links: one event per item.

The UID comes from the award year and the item's key, never from the send time, so a
re-sent reminder updates the event already in the recipient's calendar instead of adding
a second one. DTSTAMP is the ``now`` passed in, so the same input gives the same bytes.

A deadline is an all-day event on the day shown to people ("senast 17 maj"), marked as
free time: it is a date to keep in mind, not an appointment, and an all-day event shows on
the right date in every client. A meeting is a timed event in Europe/Stockholm with the
zone's VTIMEZONE included, so Outlook and phones place it right across daylight saving.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from bot.clock import STOCKHOLM
from bot.year.dates import swedish_date
from bot.year.schedule import Deadline, Meeting

PRODID = "-//Stockholms stad//kvalitetsbot//SV"


def deadline_ics(deadline: Deadline, *, now: datetime, uid_domain: str = "kvalitetsbot") -> bytes:
    """An all-day event for a deadline (or the ceremony) on the day shown to people."""
    year = deadline.day.year
    event = _event(f"{year}-deadline-{deadline.key}@{uid_domain}", now, deadline.placeholder)
    event.add("summary", _summary(year, deadline.label, deadline.placeholder))
    event.add("dtstart", deadline.day)
    event.add("dtend", deadline.day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("description", _deadline_text(deadline))
    if deadline.location:
        event.add("location", deadline.location)
    return _calendar(event)


def meeting_ics(meeting: Meeting, *, now: datetime, uid_domain: str = "kvalitetsbot") -> bytes:
    """A timed event for an info meeting or writing workshop, in Europe/Stockholm."""
    year = meeting.start.year
    event = _event(f"{year}-meeting-{meeting.key}@{uid_domain}", now, meeting.placeholder)
    event.add("summary", _summary(year, meeting.label, meeting.placeholder))
    event.add("dtstart", meeting.start.astimezone(STOCKHOLM))
    event.add("dtend", meeting.end.astimezone(STOCKHOLM))
    event.add("location", meeting.link or "Digitalt")
    if meeting.link:
        event.add("url", meeting.link)
        event.add("description", f"Länk till mötet: {meeting.link}")
    else:
        event.add("description", "Länken till mötet skickas per e-post före mötet.")
    return _calendar(event)


def _event(uid: str, now: datetime, placeholder: bool) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    # A date that is not yet fixed is offered as tentative, so nobody books around it.
    event.add("status", "TENTATIVE" if placeholder else "CONFIRMED")
    return event


def _summary(year: int, label: str, placeholder: bool) -> str:
    prefix = "Preliminärt: " if placeholder else ""
    return f"{prefix}Kvalitetsutmärkelsen {year}: {label}"


def _deadline_text(deadline: Deadline) -> str:
    when = swedish_date(deadline.day)
    if deadline.key == "ceremony":
        return f"{deadline.label} {when}."
    return f"Senast {when} kl. {deadline.clock_text}."


def _calendar(event: Event) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical
