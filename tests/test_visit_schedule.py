"""The optional [visits] table of a schedule file: defaults, overrides, clear errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.year.schedule import ScheduleError
from bot.year.schedule_file import load_schedule
from tests.conftest import REPO


def _with(tmp_path: Path, visits: str) -> Path:
    text = (REPO / "schedules" / "2027.toml").read_text(encoding="utf-8")
    path = tmp_path / "2027.toml"
    path.write_text(text.split("\n[visits]\n", 1)[0] + visits, encoding="utf-8")
    return path


def test_a_file_without_the_table_gets_the_instructions_defaults(tmp_path: Path) -> None:
    times = load_schedule(_with(tmp_path, "")).visit_times()
    assert (times.window_start, times.window_end) == (date(2027, 9, 1), date(2027, 10, 31))
    assert times.report_deadline == date(2027, 12, 17)  # three weeks after 26 November
    assert load_schedule(REPO / "schedules" / "2024.toml").visit_times().window_end == date(
        2024, 10, 31
    )


def test_the_table_overrides(tmp_path: Path) -> None:
    path = _with(
        tmp_path, "\n[visits]\nbooking_deadline = 2027-08-20\nreport_reminder_days = [3]\n"
    )
    times = load_schedule(path).visit_times()
    assert times.booking_deadline == date(2027, 8, 20) and times.report_reminder_days == (3,)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("window_start = 2027-11-01", "visits.window_end: is before window_start"),
        ('report_deadline = "2027-11-20"', "visits.report_deadline: must be after the ceremony"),
        ("booking_reminder_days = [-1]", "visits.booking_reminder_days: [-1] is not a list"),
        ("reminder_day = [1]", "visits.reminder_day: unknown field"),
        ('window_end = "31 oktober"', "visits.window_end: '31 oktober' is not a date"),
    ],
)
def test_a_mistake_is_named_by_file_and_field(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        load_schedule(_with(tmp_path, f"\n[visits]\n{table}\n"))
    assert str(caught.value).startswith(f"{tmp_path / '2027.toml'}: {message}")
