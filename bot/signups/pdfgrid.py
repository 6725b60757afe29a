"""A PDF form's table of several units, read from the page's layout a row to a line.

A PDF's text comes a cell to a line and a wrapped cell in pieces ("Henriksdals" and
"reningsverk"), so the rows of a table of units cannot be told apart. Laid out as on the
page, a row is one line with its cells apart by runs of spaces, under the heading row's
columns; a cell wrapped onto a second line sits on a line of its own under its column.
Here such a table becomes the lines a Word form gives (cells joined by tabs), for the
reader of several units.
"""

from __future__ import annotations

import re

from bot.signups.extract.labels import is_unit_kind, label_key

_GAP = re.compile(r"\S+(?: \S+)*")  # words apart by single spaces: one cell
_MIN_COLUMNS = 3
_SLACK = 2  # a cell may start this many characters from its heading's column


def _cells(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _GAP.finditer(line)]


def _place(cells: list[tuple[int, str]], starts: list[int]) -> list[str] | None:
    """The line's cells under the columns that start at ``starts``; None when one is not
    under any column (the line is no row of the table)."""
    row = [""] * len(starts)
    for start, text in cells:
        column = next((k for k, s in enumerate(starts) if abs(s - start) <= _SLACK), None)
        if column is None or row[column]:
            return None
        row[column] = text
    return row


def _join_heading(above: str, below: str) -> str:
    """A heading wrapped inside a word ("Kontaktper" over "son") is one word again."""
    joined = above + below
    return joined if label_key(joined) and not label_key(f"{above} {below}") else f"{above} {below}"


def _is_units_heading(row: list[str]) -> bool:
    first, rest = row[0], row[1:]
    return (label_key(first) == "unit" or is_unit_kind(first)) and all(map(label_key, rest))


def grid_form(layout: str) -> str | None:
    """The laid-out text with its table of units a row a line (cells joined by tabs), or
    None when it has no such table."""
    lines = layout.split("\n")
    for i, line in enumerate(lines):
        heading = _cells(line)
        if len(heading) < _MIN_COLUMNS:
            continue
        starts = [start for start, _ in heading]
        rows = [[text for _, text in heading]]
        end = i + 1
        for end in range(i + 1, len(lines) + 1):
            if end == len(lines) or not lines[end].strip():
                break
            row = _place(_cells(lines[end]), starts)
            if row is None:
                break
            filled = [k for k, cell in enumerate(row) if cell]
            previous = rows[-1]
            if len(filled) < sum(1 for cell in previous if cell) and all(
                previous[k] for k in filled
            ):
                # A wrapped cell's second line, under the cells it goes on.
                for k in filled:
                    previous[k] = (
                        _join_heading(previous[k], row[k])
                        if len(rows) == 1
                        else f"{previous[k]} {row[k]}"
                    )
            else:
                rows.append(row)
        if len(rows) >= _MIN_COLUMNS and _is_units_heading(rows[0]):
            text = [" ".join(line.split()) for line in lines]
            return "\n".join([*text[:i], *("\t".join(row) for row in rows), *text[end:]])
    return None
