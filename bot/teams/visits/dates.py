"""Reading booked visits out of a coordinator's reply: Swedish dates, times and words.

"Platsbesök 14 oktober kl. 9–12, återföring 3 december kl. 13" gives a site visit on
14 October 09:00–12:00 and a feedback visit on 3 December 13:00. Relative words
("i morgon", "på torsdag", "tisdag nästa vecka") are resolved against the day the mail
was sent, and a date without a year is the next such date on or after that day.

Why not ``dateparser`` (1.5, languages=["sv"]): it reads Swedish month names and
"i morgon" well, but on the corpus in ``tests/visit_replies.py`` its ``search_dates``
finds exactly the right dates in only 17 of 42 replies, times aside: it reads a time
range "9–12" as 12 September, "6 okt 9-12" as the year 2112 and splits "tisdag nästa
vecka" in two, and it gives no times at all, which the invitations need most. The grammar of a booking is small, so
it is read here, with the numbers checked (tests/test_visit_dates.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from bot.teams.visits.store import FEEDBACK, SITE

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "maj": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_MONTH = (
    r"(jan(?:uari)?|feb(?:ruari)?|mars?|apr(?:il)?|maj|juni?|juli?|aug(?:usti)?"
    r"|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?::?e|:a)?\s+" + _MONTH + r"(?:\s+(\d{4}))?")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:[/-](\d{2}|\d{4}))?\b")
_WEEKDAY = re.compile(r"\b(?:(nästa)\s+)?(" + "|".join(WEEKDAYS) + r")(?:en)?\b(\s+nästa\s+vecka)?")
_TOMORROW = re.compile(r"\b(i\s*morgon|i\s*övermorgon)\b")
_HOUR = r"(\d{1,2})(?:[.:](\d{2}))?"
_RANGE = re.compile(
    r"(?:\b(?:kl\.?|klockan|mellan)\s*)?\b" + _HOUR + r"\s*(?:-|till|och)\s*" + _HOUR + r"\b"
)
_CLOCK = re.compile(r"\b(?:kl\.?|klockan)\s*" + _HOUR + r"\b|\b(\d{1,2})[.:](\d{2})\b")
_SITE_WORDS = re.compile(r"platsbesök|besök på plats|\bpå plats\b")
_FEEDBACK_WORDS = re.compile(r"återföring|återkoppling")
_CANCEL_WORDS = re.compile(r"avboka|avbokar|ställ(?:a|er|s|t)?\s+in|inställ|ställa av|stryk")


@dataclass(frozen=True)
class Slot:
    """A visit as read: the day, and the local start and end times where given."""

    day: date
    start: time | None = None
    end: time | None = None

    def text(self) -> str:
        """ "2027-10-14 09:00-12:00", the form the test corpus writes."""
        parts = [self.day.isoformat()]
        if self.start:
            parts.append(f"{self.start:%H:%M}" + (f"-{self.end:%H:%M}" if self.end else ""))
        return " ".join(parts)


@dataclass(frozen=True)
class Reading:
    visits: dict[str, Slot] = field(default_factory=dict)
    cancelled: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    day: date


def read_visits(text: str, sent: date, ceremony: date | None = None) -> Reading:
    """The visits named in ``text``; a date without a visit word is placed by its day:
    after the ceremony it is the feedback visit, before it the site visit."""
    lowered = text.lower().replace("–", "-").replace("—", "-")
    mentions = _dates(lowered, sent)
    visits: dict[str, Slot] = {}
    for i, mention in enumerate(mentions):
        before = lowered[mentions[i - 1].end if i else 0 : mention.start]
        after_end = mentions[i + 1].start if i + 1 < len(mentions) else len(lowered)
        # A time belongs to its date's paragraph, never to a signature's phone number.
        start, end = _times(lowered[mention.end : after_end].split("\n\n", 1)[0])
        kind = _kind(before) or _kind(lowered[: mention.start])
        if kind is None:
            kind = FEEDBACK if ceremony and mention.day > ceremony else SITE
        moved = i > 0 and lowered[: mentions[i - 1].start].rstrip().endswith("från")
        if not _kind(before) and kind in visits and not moved:
            # "platsbesök 14 oktober, återföring i december den 3": a second date with no
            # word of its own belongs to the other visit when the first is taken.
            kind = FEEDBACK if kind == SITE and FEEDBACK not in visits else kind
        visits[kind] = Slot(mention.day, start, end)
    return Reading(visits, _cancelled(lowered, visits))


def _kind(text: str) -> str | None:
    """The visit named last in ``text``."""
    site = [m.start() for m in _SITE_WORDS.finditer(text)]
    feedback = [m.start() for m in _FEEDBACK_WORDS.finditer(text)]
    if not site and not feedback:
        return None
    return SITE if max(site, default=-1) > max(feedback, default=-1) else FEEDBACK


def _cancelled(text: str, visits: dict[str, Slot]) -> frozenset[str]:
    kinds: set[str] = set()
    for sentence in re.split(r"[.!?\n]+", text):
        if _CANCEL_WORDS.search(sentence):
            if _SITE_WORDS.search(sentence):
                kinds.add(SITE)
            if _FEEDBACK_WORDS.search(sentence):
                kinds.add(FEEDBACK)
    # A cancelled visit that is also given a new date is moved, not cancelled.
    return frozenset(kinds - set(visits))


def _dates(text: str, sent: date) -> list[_Mention]:
    found: list[_Mention] = []
    for match in _ISO.finditer(text):
        day = _safe_date(int(match[1]), int(match[2]), int(match[3]))
        if day:
            found.append(_Mention(match.start(), match.end(), day))
    for match in _DAY_MONTH.finditer(text):
        year = int(match[3]) if match[3] else None
        _add(found, match, _upcoming(sent, MONTHS[match[2][:3]], int(match[1]), year))
    for match in _SLASH.finditer(text):
        year = _full_year(match[3]) if match[3] else None
        _add(found, match, _upcoming(sent, int(match[2]), int(match[1]), year))
    for match in _TOMORROW.finditer(text):
        days = 2 if "över" in match[1] else 1
        _add(found, match, sent + timedelta(days=days))
    for match in _WEEKDAY.finditer(text):
        # "måndagen den 4 oktober": the weekday only names the date that follows it.
        if any(0 <= m.start - match.end() <= 6 for m in found):
            continue
        _add(found, match, _weekday(sent, WEEKDAYS.index(match[2]), bool(match[3])))
    return sorted(found, key=lambda m: m.start)


def _add(found: list[_Mention], match: re.Match[str], day: date | None) -> None:
    overlaps = any(m.start < match.end() and match.start() < m.end for m in found)
    if day is not None and not overlaps:
        found.append(_Mention(match.start(), match.end(), day))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _upcoming(sent: date, month: int, day: int, year: int | None) -> date | None:
    """The date with that day and month, in ``year`` or else the next on or after ``sent``
    (a week's slack, so "i fredags" style looks back stay in the same year)."""
    if year is not None:
        return _safe_date(year, month, day)
    found = _safe_date(sent.year, month, day)
    if found is not None and found < sent - timedelta(days=7):
        found = _safe_date(sent.year + 1, month, day)
    return found


def _weekday(sent: date, weekday: int, next_week: bool) -> date:
    if next_week:
        monday = sent - timedelta(days=sent.weekday()) + timedelta(days=7)
        return monday + timedelta(days=weekday)
    ahead = (weekday - sent.weekday()) % 7 or 7
    return sent + timedelta(days=ahead)


def _times(text: str) -> tuple[time | None, time | None]:
    """The first time or time range in the text after a date."""
    clock = _CLOCK.search(text)
    span = _RANGE.search(text)
    if span and (clock is None or span.start() <= clock.start() + 8):
        start, end = _clock(span[1], span[2]), _clock(span[3], span[4])
        if start and end and end > start and ("och" not in span[0] or "mellan" in span[0]):
            return start, end
    if clock is None:
        return None, None
    if clock[1] is not None:
        return _clock(clock[1], clock[2]), None
    return _clock(clock[3], clock[4]), None


def _clock(hours: str, minutes: str | None) -> time | None:
    h, m = int(hours), int(minutes or 0)
    return time(h, m) if h <= 23 and m <= 59 and 6 <= h <= 21 else None
