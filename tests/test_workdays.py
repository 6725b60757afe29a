"""Swedish working days: weekends, public holidays and the three de-facto days off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.year.workdays import add_workdays, day_off_reason, is_workday, workdays_before


@pytest.mark.parametrize(
    "day",
    [
        date(2027, 3, 6),  # Saturday
        date(2027, 3, 7),  # Sunday, whatever the holiday calendar says about Sundays
        date(2027, 1, 6),  # trettondedag jul
        date(2027, 3, 26),  # långfredagen
        date(2027, 3, 29),  # annandag påsk
        date(2027, 5, 6),  # Kristi himmelsfärdsdag
        date(2024, 6, 6),  # nationaldagen on a Thursday
        date(2024, 6, 21),  # midsommarafton
        date(2027, 6, 25),  # midsommarafton
        date(2024, 12, 24),  # julafton on a Tuesday
        date(2024, 12, 31),  # nyårsafton on a Tuesday
    ],
)
def test_weekends_holidays_and_eves_are_days_off(day: date) -> None:
    assert not is_workday(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2027, 3, 25),  # skärtorsdagen is a half day, still a working day
        date(2027, 3, 30),  # the Tuesday after Easter
        date(2024, 6, 20),  # the day before midsommarafton
        date(2024, 5, 17),  # the entry deadline, a Friday
    ],
)
def test_ordinary_and_half_days_are_workdays(day: date) -> None:
    assert is_workday(day)


def test_day_off_reason_names_the_holiday_or_weekend() -> None:
    assert day_off_reason(date(2027, 6, 25)) == "Midsommarafton"
    assert day_off_reason(date(2027, 3, 6)) == "lördag"
    assert day_off_reason(date(2027, 3, 7)) == "söndag"
    assert day_off_reason(date(2027, 3, 30)) is None


def test_two_workdays_before_the_day_after_easter_monday() -> None:
    tuesday_after_easter = date(2027, 3, 30)
    assert workdays_before(tuesday_after_easter, 1) == date(2027, 3, 25)
    assert workdays_before(tuesday_after_easter, 2) == date(2027, 3, 24)


def test_add_workdays_skips_midsommarafton_and_the_weekend() -> None:
    assert add_workdays(date(2024, 6, 20), 1) == date(2024, 6, 24)


def test_add_workdays_over_easter() -> None:
    assert add_workdays(date(2027, 3, 25), 1) == date(2027, 3, 30)
    assert add_workdays(date(2027, 3, 25), 2) == date(2027, 3, 31)


def test_workdays_before_christmas_skips_the_eve_and_both_holidays() -> None:
    assert workdays_before(date(2024, 12, 27), 1) == date(2024, 12, 23)


@pytest.mark.parametrize("count", [0, -1])
def test_count_must_be_positive(count: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        add_workdays(date(2027, 3, 1), count)


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@given(day=days, count=st.integers(min_value=1, max_value=30))
def test_add_workdays_lands_on_a_later_workday_and_back(day: date, count: int) -> None:
    later = add_workdays(day, count)
    assert later > day and is_workday(later)
    # Exactly `count` working days lie in (day, later].
    span = [day + timedelta(days=i) for i in range(1, (later - day).days + 1)]
    assert sum(is_workday(d) for d in span) == count
    if is_workday(day):
        assert workdays_before(later, count) == day
