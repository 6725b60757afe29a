"""One .ics invitation per visit, as iTIP (RFC 5546): REQUEST to book or move, CANCEL.

The UID is the award year, the unit's reference and the visit kind, so a moved visit
replaces the event already in everyone's calendar: same UID, SEQUENCE one higher. A visit
with a time is a timed event in Europe/Stockholm with the zone's VTIMEZONE (right across
the October change to winter time); a visit with only a day is an all-day event marked
TENTATIVE until the time is known.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from icalendar import Calendar, Event, vCalAddress, vText

from bot.clock import STOCKHOLM
from bot.teams.visits.store import KIND_SV, SITE, Visit
from bot.year.ics import PRODID

# When only a start is given: a site visit takes a morning, a feedback visit an hour.
DEFAULT_LENGTH = {SITE: timedelta(hours=3), "feedback": timedelta(hours=1)}


def visit_uid(year: int, reference: str, kind: str, domain: str) -> str:
    return f"{year}-{reference}-{kind}@{domain}"


def clock(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None


def span(visit: Visit) -> tuple[datetime | date, datetime | date]:
    start = clock(visit.start)
    if start is None:
        return visit.day, visit.day + timedelta(days=1)
    begins = datetime.combine(visit.day, start, tzinfo=STOCKHOLM)
    end = clock(visit.end)
    ends = (
        datetime.combine(visit.day, end, tzinfo=STOCKHOLM)
        if end
        else begins + DEFAULT_LENGTH[visit.kind]
    )
    return begins, ends


def visit_ics(
    visit: Visit,
    *,
    year: int,
    reference: str,
    unit_name: str,
    organizer: str,
    attendees: list[tuple[str, str]],
    documents: list[str],
    now: datetime,
    domain: str,
) -> bytes:
    cancelled = visit.status == "cancelled"
    label = KIND_SV[visit.kind]
    event = Event()
    event.add("uid", visit_uid(year, reference, visit.kind, domain))
    event.add("sequence", visit.sequence)
    event.add("dtstamp", now)
    start, end = span(visit)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"Kvalitetsutmärkelsen {year}: {label} hos {unit_name}")
    event.add("location", unit_name)
    event.add("description", _description(visit, documents))
    timed = visit.start is not None
    event.add("status", "CANCELLED" if cancelled else ("CONFIRMED" if timed else "TENTATIVE"))
    event.add("transp", "OPAQUE" if timed else "TRANSPARENT")
    boss = vCalAddress(f"mailto:{organizer}")
    boss.params["cn"] = vText("Kvalitetsutmärkelsen")
    event.add("organizer", boss)
    for address, name in attendees:
        person = vCalAddress(f"mailto:{address}")
        if name:
            person.params["cn"] = vText(name)
        person.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", person, encode=False)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical


def _description(visit: Visit, documents: list[str]) -> str:
    if visit.status == "cancelled":
        return f"{KIND_SV[visit.kind].capitalize()} är inställt."
    lines = []
    if visit.start is None:
        lines.append("Tiden är inte bestämd än; lagsamordnaren återkommer med den.")
    if visit.kind == SITE:
        lines.append("Verksamheten har följande dokument klara till platsbesöket:")
        lines += [f"- {d}" for d in documents]
    else:
        lines.append("Muntlig återföring av examinatorslagets bedömning.")
    return "\n".join(lines)
