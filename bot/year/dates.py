"""Dates, times and numbers as Swedes read them, formatted by Babel's CLDR data for "sv".

"22 mars", "22 mars 2027", "måndag 22 mars", "7 maj 2027 kl. 08.00", "95 000". Every
moment is shown in Europe/Stockholm.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time
from babel.numbers import format_decimal

from bot.clock import STOCKHOLM

LOCALE = "sv_SE"


def swedish_day(day: date) -> str:
    """22 mars"""
    return format_date(day, "d MMMM", locale=LOCALE)


def swedish_date(day: date) -> str:
    """22 mars 2027"""
    return format_date(day, "d MMMM y", locale=LOCALE)


def swedish_weekday(day: date) -> str:
    """måndag 22 mars"""
    return format_date(day, "EEEE d MMMM", locale=LOCALE)


def swedish_short(day: date) -> str:
    """mån 22 mars (a timeline's first column)"""
    return format_date(day, "EEE d MMM", locale=LOCALE).replace(".", "")


def swedish_clock(moment: datetime) -> str:
    """08.00, in Stockholm"""
    return format_time(moment.astimezone(STOCKHOLM), "HH.mm", locale=LOCALE)


def swedish_moment(moment: datetime) -> str:
    """7 maj 2027 kl. 08.00, in Stockholm"""
    local = moment.astimezone(STOCKHOLM)
    return f"{swedish_date(local.date())} kl. {swedish_clock(local)}"


def swedish_number(value: int | float) -> str:
    """95 000 (a non-breaking space between thousands)"""
    return format_decimal(value, locale=LOCALE).replace("\u202f", "\u00a0")


def plural(count: int, singular: str, plural_form: str) -> str:
    """'1 examinator', '2 examinatorer' (the count with the word that agrees with it)."""
    return f"{swedish_number(count)} {singular if count == 1 else plural_form}"
