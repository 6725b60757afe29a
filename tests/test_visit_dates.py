"""The visit-date reader on 42 realistic coordinator replies, and its edges.

WRITTEN_FIRST (22 replies) was written before the reader; its accuracy is asserted on its
own, so a change that only fits the later cases shows.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.teams.visits.dates import read_visits
from bot.teams.visits.store import FEEDBACK, SITE
from tests.visit_replies import LATER, WRITTEN_FIRST, Case

CEREMONY = date(2027, 11, 26)


def _read(case: Case) -> tuple[str | None, str | None]:
    sent, text, _, _ = case
    visits = read_visits(text, sent, CEREMONY).visits
    return (
        visits[SITE].text() if SITE in visits else None,
        visits[FEEDBACK].text() if FEEDBACK in visits else None,
    )


def _accuracy(cases: list[Case]) -> float:
    return sum(_read(c) == (c[2], c[3]) for c in cases) / len(cases)


def test_corpus_is_large_enough() -> None:
    assert len(WRITTEN_FIRST) + len(LATER) >= 40
    assert len(WRITTEN_FIRST) >= 20


def test_accuracy_on_the_replies_written_before_the_reader() -> None:
    # Measured 22/22 on the first run of the reader.
    assert _accuracy(WRITTEN_FIRST) == 1.0


@pytest.mark.parametrize("case", WRITTEN_FIRST + LATER, ids=lambda c: c[1][:40])
def test_each_reply(case: Case) -> None:
    assert _read(case) == (case[2], case[3])


def test_a_date_without_a_word_is_placed_by_the_ceremony() -> None:
    visits = read_visits("Vi har bokat 3 december kl. 13.", date(2027, 6, 1), CEREMONY).visits
    assert list(visits) == [FEEDBACK]


def test_a_date_before_the_mail_is_next_year() -> None:
    visits = read_visits("Platsbesök 15 januari kl. 9", date(2027, 12, 20), CEREMONY).visits
    assert visits[SITE].day == date(2028, 1, 15)


def test_cancellation_names_the_visit() -> None:
    reading = read_visits("Vi måste ställa in platsbesöket.", date(2027, 9, 1), CEREMONY)
    assert reading.cancelled == {SITE} and not reading.visits
    moved = read_visits("Vi avbokar platsbesöket och tar 3 oktober i stället.", date(2027, 9, 1))
    assert not moved.cancelled and moved.visits[SITE].day == date(2027, 10, 3)


def test_numbers_that_are_not_times_are_left_alone() -> None:
    visits = read_visits("Platsbesök 14 oktober, vi är 25 personal.", date(2027, 6, 1)).visits
    assert visits[SITE].start is None
