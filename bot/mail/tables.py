"""HTML tables as text a reader can follow: each value next to its label.

A sign-up laid out as an HTML table loses its structure in the text part that Outlook
writes (one cell per paragraph, or cells run together). Here each table becomes
"Label: value" lines: a two-column table row by row, and a table with a header row as
one block per data row, every cell labelled by its column's header. selectolax reads the
HTML and inscriptis renders the rest, so only the table layout is our own.
"""

from __future__ import annotations

import re

from inscriptis import get_text
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

# A field's label: no address or number. A web form's consent field is a long one ("Jag
# godkänner att uppgifterna behandlas enligt GDPR"), so up to a sentence's length.
_LABEL_LIKE = re.compile(r"^[^@\d]{1,80}:?$")


def _rows(table: Node) -> list[list[str]]:
    rows = []
    for tr in table.css("tr"):
        cells = [re.sub(r"\s+", " ", c.text(separator=" ")).strip() for c in tr.css("td, th")]
        if any(cells):
            rows.append(cells)
    return rows


def _is_data_table(rows: list[list[str]]) -> bool:
    return len(rows) >= 2 and sum(1 for r in rows if len([c for c in r if c]) >= 2) >= 2


def _as_lines(rows: list[list[str]]) -> str:
    header = rows[0]
    two_columns = all(len(r) == 2 for r in rows)
    labels_in_first_column = all(_LABEL_LIKE.match(r[0]) for r in rows if r[0])
    if two_columns and (labels_in_first_column or all(r[0].endswith(":") for r in rows)):
        return "\n".join(f"{r[0].rstrip(':')}: {r[1]}" for r in rows)
    blocks = []
    for row in rows[1:]:
        pairs = zip(header, row, strict=False)
        blocks.append("\n".join(f"{h.rstrip(':')}: {v}" for h, v in pairs if h))
    return "\n\n".join(blocks)


def html_with_tables(html: str) -> str | None:
    """The HTML as text with its data tables as labelled lines; None if it has none."""
    tree = HTMLParser(html)
    tables = [(t, _rows(t)) for t in tree.css("table")]
    data = [(t, rows) for t, rows in tables if _is_data_table(rows)]
    if not data:
        return None
    rendered = {}
    for i, (table, rows) in enumerate(data):
        token = f"KBTABLE{i}X"
        rendered[token] = _as_lines(rows)
        table.replace_with(token)
    text = get_text(tree.html or "")
    for token, lines in rendered.items():
        text = text.replace(token, "\n" + lines + "\n")
    return "\n".join(line.strip() for line in text.split("\n"))
