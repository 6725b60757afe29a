"""Dates as Swedes write them in running text: "22 mars", "22 mars 2027"."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def swedish_day(day: date) -> str:
    """22 mars"""
    return f"{day.day} {MONTHS[day.month - 1]}"


def swedish_date(day: date) -> str:
    """22 mars 2027"""
    return f"{swedish_day(day)} {day.year}"
