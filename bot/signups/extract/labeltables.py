"""Labels in a form's text or a flattened table: "Verksamhet Förskolan X", a table's cells
run together, read as "Verksamhet: Förskolan X" so that the label pass reads them."""

from __future__ import annotations

from bot.signups.extract.labels import label_key

_MIN_TABLE_ROWS = 3


def labelled_line(line: str) -> str:
    """ "Verksamhet Förskolan X" (a form's table cell run together) as "Verksamhet: Förskolan X"."""
    words = line.split()
    if not words or ":" in line:
        return line
    cell, tab, rest = line.strip().partition("\t")
    if tab and label_key(cell):
        # "Chef för enheten<tab>Eva Lind": the tab ends the label's cell, however far "chef
        # för …" might otherwise read on into the name.
        return f"{cell.strip()}: {' '.join(rest.split())}".rstrip()
    for k in range(min(6, len(words)), 0, -1):
        label = " ".join(words[:k])
        if label_key(label):
            return f"{label}: {' '.join(words[k:])}".rstrip()
    return line


def mark_labels(text: str) -> str:
    """A form's or flattened table's text with each label marked, so that the label pass reads it.

    A line under a label alone (a table's cells one per paragraph) is that label's value,
    even when it opens with a label word: "Verksamhet" over "Enheten för granskning".
    """
    lines: list[str] = []
    for line in text.split("\n"):
        above = lines[-1].strip().rstrip(":") if lines else ""
        marked = labelled_line(line)
        value = marked.split(":", 1)[1].strip() if marked != line else ""
        # Under an empty "Chef:" a line "Kontaktperson Anna Berg" is still a label of its own;
        # under "Enhetens namn" a line "Förskolan Solbacken" is the unit's name, as a field is
        # not labelled twice.
        above_key = label_key(above) if above else None
        own_key = label_key(marked.split(":", 1)[0]) if marked != line else None
        under_label = bool(above_key) and (not value[:1].isupper() or own_key == above_key)
        lines.append(line if under_label else marked)
    return "\n".join(lines)


def _table_value(value: str) -> bool:
    """A flattened table's value: a name, a number or an address, not the rest of a sentence
    ("Chef är Anna" is prose). A long value that ends as a sentence does ("Förskolan Eken i
    Ås vill anmäla sig till utmärkelsen.") is a sentence that opens with a type word."""
    if len(value.split()) >= _SENTENCE_WORDS and value.rstrip()[-1:] in ".!?":
        return False
    return value[:1].isupper() or value[:1].isdigit() or value[:1] == "+" or "@" in value


_SENTENCE_WORDS = 6


def table_rows(lines: list[str]) -> list[str]:
    """Lines of a table whose cells ran together ("Chef Lena Öberg", one row a line) with
    their labels marked, when the mail has at least three such rows; other lines as they are."""
    marked = [labelled_line(line) for line in lines]
    rows = [
        i
        for i, (line, new) in enumerate(zip(lines, marked, strict=True))
        if new != line and _table_value(new.split(":", 1)[1].strip())
    ]
    if len(rows) < _MIN_TABLE_ROWS:
        return lines
    return [marked[i] if i in rows else line for i, line in enumerate(lines)]
