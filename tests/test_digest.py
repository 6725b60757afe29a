"""The staff digest: sent when something happened, lists every mail waiting, weekly anyway."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from bot.clock import FixedClock
from bot.runner import App
from tests.calendar_support import at, calendar_app, closing, sent_of
from tests.conftest import body_text, cycle, make_mail, put

SIGNUP = (
    "Hej!\n\nVerksamhet: Förskolan Trollskogen\nFörvaltning: Skarpnäcks sdf\n"
    "Chef: Maria Öberg\nKontaktperson: Anna Berg\nE-post: anna.berg@edu.stockholm.se\n"
)
QUESTION = "Hej! Får vi skicka bidraget som en länk till OneDrive i stället?\n\nMvh Olle"


@pytest.fixture
def digest_app(tmp_path: Path, clock: FixedClock) -> Iterator[App]:
    yield from closing(calendar_app(tmp_path, None, clock))


def test_digest_lists_every_mail_waiting_for_the_staff(digest_app: App, clock: FixedClock) -> None:
    put(digest_app, make_mail(SIGNUP))
    put(digest_app, make_mail(QUESTION, sender="olle@x.stockholm.se", subject="Fråga"))
    put(digest_app, make_mail("Hej", sender="kim@y.stockholm.se", subject="Hmm"))
    cycle(digest_app)  # Monday 10.00: after the digest hour's catch-up time
    assert sent_of(digest_app, "digest") == []
    clock.advance_to(at(3, 2, 7, 31))
    cycle(digest_app)
    [digest] = sent_of(digest_app, "digest")
    assert digest["To"].addresses[0].addr_spec == "staff@stockholm.se"
    assert digest["Auto-Submitted"] == "auto-generated"
    text = body_text(digest)
    assert text.count("Fråga eller annat ärende") == 2
    assert "KU-2027-001 Förskolan Trollskogen" in text
    # Which mail it is, without opening the mailbox: sender, subject and reason.
    assert "Från: Anna Berg <olle@x.stockholm.se>" in text and "Ämne: Fråga" in text
    assert "Ämne: Hmm" in text and "1 mars 2027 kl. 10.00" in text
    [xlsx] = list(digest.iter_attachments())
    assert xlsx.get_filename() == "register-kvalitetsutmarkelsen-2027-per-2027-03-02.xlsx"
    sheet = load_workbook(io.BytesIO(xlsx.get_payload(decode=True))).active
    assert sheet["A2"].value == "KU-2027-001" and sheet["B2"].value == "Förskolan Trollskogen"
    _assert_registry_sheet(sheet)


def _assert_registry_sheet(sheet: Any) -> None:
    """What the staff see in Excel: a frozen, filtered header, Swedish states, real dates,
    and columns wide enough for what they hold."""
    head = [cell.value for cell in sheet[1]]
    row = dict(zip(head, [cell.value for cell in sheet[2]], strict=True))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    assert row["Anmälan"] in ("anmäld", "ofullständig")
    assert row["Anmäld"] == datetime(
        2027, 3, 1
    )  # a date cell (openpyxl reads it back as a datetime)
    assert sheet.cell(row=2, column=head.index("Anmäld") + 1).is_date
    for column, title in enumerate(head, start=1):
        letter = get_column_letter(column)
        longest = max(len(str(c.value or "")) for c in sheet[letter] if not c.is_date)
        assert sheet.column_dimensions[letter].width >= min(longest, 60), title


def test_no_digest_on_a_quiet_day_but_a_weekly_summary(digest_app: App, clock: FixedClock) -> None:
    put(digest_app, make_mail(SIGNUP))
    cycle(digest_app)
    clock.advance_to(at(3, 2, 7, 30))
    cycle(digest_app)
    assert len(sent_of(digest_app, "digest")) == 1
    for day in (3, 4, 5):  # quiet days
        clock.advance_to(at(3, day, 7, 45))
        cycle(digest_app)
        cycle(digest_app)
    assert len(sent_of(digest_app, "digest")) == 1
    clock.advance_to(at(3, 8, 7, 40))  # Monday: the weekly summary comes even when quiet
    cycle(digest_app)
    weekly = sent_of(digest_app, "digest")[-1]
    assert "Veckosammanfattning" in str(weekly["Subject"])
    assert len(sent_of(digest_app, "digest")) == 2


def test_digest_is_sent_once_per_day(digest_app: App, clock: FixedClock) -> None:
    put(digest_app, make_mail(SIGNUP))
    cycle(digest_app)
    clock.advance_to(at(3, 2, 7, 30))
    cycle(digest_app)
    put(digest_app, make_mail(QUESTION, sender="olle@x.stockholm.se", subject="Fråga"))
    clock.advance_to(at(3, 2, 8, 30))
    cycle(digest_app)
    assert len(sent_of(digest_app, "digest")) == 1
