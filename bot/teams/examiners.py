"""Importing the year's examiners from CSV or XLSX, all or nothing.

Every bad row is reported with its row number and field, and an unknown column by its
name; if anything is bad, nothing is imported. CSV as Swedish Excel writes it (cp1252 or
UTF-8 with a mark, ``;``, ``sep=;``) is read by ``bot.teams.spreadsheet``. Columns (Swedish or English names, any order): namn/name, e-post/email,
organisation, erfaren/experienced (ja/nej), samordnare/can_coordinate (ja/nej),
klasser/classes, kapacitet/capacity (default 1), jäv/conflicts, frånvaro/away. Lists are
separated by semicolons; an absence is a date (2027-09-14) or a range (2027-09-14/2027-09-20).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.mail.addresses import is_address
from bot.models import Examiner
from bot.teams.spreadsheet import read_table

COLUMNS = {
    "name": ("namn", "name"),
    "email": ("e-post", "epost", "email", "e-mail"),
    "organisation": ("organisation", "förvaltning", "organization"),
    "experienced": ("erfaren", "experienced"),
    "can_coordinate": ("samordnare", "kan samordna", "can_coordinate"),
    "classes": ("klasser", "classes"),
    "capacity": ("kapacitet", "capacity", "antal bidrag"),
    "conflicts": ("jäv", "conflicts"),
    "away": ("frånvaro", "away"),
}
# Far more than a year's examiners (about a hundred): a larger file is the wrong file.
MAX_ROWS = 2_000
ACCEPTED = ", ".join(names[0] for names in COLUMNS.values())
YES = {"ja", "j", "yes", "y", "x", "1", "true", "sant"}
NO = {"nej", "n", "no", "0", "false", "falskt", ""}


class ImportProblems(ValueError):
    """Bad rows; ``problems`` holds one Swedish sentence per row and field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} fel; inget importerades: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


def read_rows(path: Path) -> list[Row]:
    """The file's rows; an unknown or repeated column stops the import, named."""
    return _rows(read_table(path, MAX_ROWS))


def _rows(table: list[list[str]]) -> list[Row]:
    if not table:
        return []
    header = [_column(h) for h in table[0]]
    unknown = [h.strip() for h, key in zip(table[0], header, strict=True) if h.strip() and not key]
    if unknown:
        names = ", ".join(f"'{h}'" for h in unknown)
        raise ImportProblems([f"rad 1: okänd kolumn {names}; kända kolumner: {ACCEPTED}"])
    repeated = sorted({key for key in header if key and header.count(key) > 1})
    if repeated:
        raise ImportProblems([f"rad 1: kolumnen {COLUMNS[repeated[0]][0]} finns två gånger"])
    if "name" not in header or "email" not in header:
        raise ImportProblems(
            [f"rad 1: kolumnerna namn och e-post krävs; kända kolumner: {ACCEPTED}"]
        )
    return [
        Row(n, {key: cell.strip() for key, cell in zip(header, line, strict=False) if key})
        for n, line in enumerate(table[1:], start=2)
        if any(cell.strip() for cell in line)
    ]


def _column(title: str) -> str:
    wanted = title.strip().lower()
    return next((key for key, names in COLUMNS.items() if wanted in names), "")


def parse(row: Row, problems: list[str]) -> Examiner | None:
    """One examiner from ``row``, or None with the row's problems added."""
    before = len(problems)

    def bad(field: str, why: str) -> None:
        problems.append(f"rad {row.number}, {field}: {why}")

    v = row.values
    name, email, organisation = (
        v.get("name", ""),
        v.get("email", "").lower(),
        v.get("organisation", ""),
    )
    if not name:
        bad("namn", "saknas")
    if not is_address(email):
        bad("e-post", f"'{email}' är inte en e-postadress (en adress per rad, utan namn)")
    if not organisation:
        bad("organisation", "saknas")
    experienced = _yes_no(v.get("experienced", ""), "erfaren", bad)
    coordinate = _yes_no(v.get("can_coordinate", ""), "samordnare", bad)
    capacity = _capacity(v.get("capacity", ""), bad)
    away = _away(v.get("away", ""), bad)
    if len(problems) > before:
        return None
    return Examiner(
        name=name,
        email=email,
        organisation=organisation,
        experienced=experienced,
        can_coordinate=coordinate,
        classes=json.dumps(_list(v.get("classes", "")), ensure_ascii=False),
        conflicts=json.dumps(_list(v.get("conflicts", "")), ensure_ascii=False),
        away=json.dumps(away),
        capacity=capacity,
    )


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _yes_no(text: str, field: str, bad: object) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value not in NO:
        assert callable(bad)
        bad(field, f"'{text}' ska vara ja eller nej")
    return False


def _capacity(text: str, bad: object) -> int:
    assert callable(bad)
    if not text:
        return 1
    try:
        number = int(float(text))
    except ValueError:
        number = 0
    if not 1 <= number <= 5:
        bad("kapacitet", f"'{text}' ska vara ett heltal 1–5")
        return 1
    return number


def _away(text: str, bad: object) -> list[str]:
    assert callable(bad)
    periods = []
    for part in _list(text):
        start, _, end = part.partition("/")
        try:
            first, last = (
                date.fromisoformat(start.strip()),
                date.fromisoformat((end or start).strip()),
            )
        except ValueError:
            bad("frånvaro", f"'{part}' ska vara ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD/ÅÅÅÅ-MM-DD")
            continue
        if last < first:
            bad("frånvaro", f"'{part}' slutar före den börjar")
        periods.append(f"{first.isoformat()}/{last.isoformat()}")
    return periods


def import_examiners(session: Session, path: Path, year: int) -> int:
    """Add or update the year's examiners from ``path``; raise ImportProblems on any bad row."""
    problems: list[str] = []
    rows = read_rows(path)
    parsed = [parse(row, problems) for row in rows]
    seen: dict[str, int] = {}
    for row, ex in zip(rows, parsed, strict=True):
        if ex is not None and ex.email in seen:
            problems.append(f"rad {row.number}, e-post: samma adress som rad {seen[ex.email]}")
        elif ex is not None:
            seen[ex.email] = row.number
    if problems:
        raise ImportProblems(problems)
    for ex in parsed:
        assert ex is not None
        _upsert(session, ex, year)
    session.flush()
    return len(parsed)


def _upsert(session: Session, new: Examiner, year: int) -> None:
    old = session.scalar(select(Examiner).where(Examiner.year == year, Examiner.email == new.email))
    if old is None:
        new.year = year
        new.active = True
        session.add(new)
        return
    for attr in ("name", "organisation", "experienced", "can_coordinate", "classes"):
        setattr(old, attr, getattr(new, attr))
    old.conflicts, old.away, old.capacity, old.active = new.conflicts, new.away, new.capacity, True
