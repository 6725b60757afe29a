"""Swedish working days, for "at the latest two working days before" and change-request dues.

A working day is a Monday to Friday that is neither a Swedish public holiday (helgdag)
nor one of the three eves that Swedish working life treats as days off: midsommarafton,
julafton and nyårsafton. Those eves are not public holidays by law, but offices, schools
and the city's own units are closed on them, so a link or a reply "due" on one of them
would reach nobody; the ``holidays`` package lists them in its ``de_facto`` category.
Half days such as skärtorsdagen or trettondagsafton stay working days.

Weekends are checked explicitly rather than trusted to the holiday calendar, because some
versions of ``holidays`` list every Sunday as a Swedish holiday ("Söndag") and none list
Saturdays.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from holidays.constants import DE_FACTO, PUBLIC

# One calendar for all years: the object adds a year's holidays the first time a date of
# that year is looked up.
_SWEDISH_DAYS_OFF = holidays.country_holidays("SE", categories=(PUBLIC, DE_FACTO), language="sv")
_ONE_DAY = timedelta(days=1)


def is_workday(day: date) -> bool:
    """True if ``day`` is a Swedish working day (Mon–Fri, no holiday, no de-facto eve)."""
    return day.weekday() < 5 and day not in _SWEDISH_DAYS_OFF


def day_off_reason(day: date) -> str | None:
    """The Swedish name of the holiday or "lördag"/"söndag", or None on a working day."""
    if day in _SWEDISH_DAYS_OFF:
        return str(_SWEDISH_DAYS_OFF[day])
    if day.weekday() >= 5:
        return "lördag" if day.weekday() == 5 else "söndag"
    return None


def add_workdays(day: date, count: int) -> date:
    """The working day that is ``count`` working days after ``day`` (``day`` not counted).

    ``add_workdays(friday, 1)`` is the next Monday, or Tuesday after a Monday holiday.
    """
    return _step(day, count, _ONE_DAY)


def workdays_before(day: date, count: int) -> date:
    """The working day that is ``count`` working days before ``day`` (``day`` not counted).

    For a meeting on Tuesday 30 March 2027, the day after Easter Monday, one working day
    before is Thursday 25 March (Good Friday is off) and two are Wednesday 24 March.
    """
    return _step(day, count, -_ONE_DAY)


def _step(day: date, count: int, direction: timedelta) -> date:
    if count < 1:
        raise ValueError(f"count must be a positive number of working days, not {count}")
    remaining = count
    while remaining:
        day += direction
        if is_workday(day):
            remaining -= 1
    return day
