"""Sign-up forms sent as an attachment (.docx or PDF) with "Se bifogad anmälan" as body.

A form is short and carries the sign-up labels (Verksamhet, Chef, Kontaktperson…); an
entry is long and follows the award's questions. A mail whose documents are all forms is
a sign-up: its forms' text is read after the body, as if the unit had written it there.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.context import Inbound
from bot.signups.extract.labels import label_key, label_pass
from bot.signups.extract.labeltables import mark_labels
from bot.signups.extract.unitlists import tab_table
from bot.signups.units import REFERENCE_RE

# An entry is many pages; a form fits on one or two (about 4,000 characters).
FORM_MAX_CHARS = 6000
_FORM_MIN_LABELS = 3
_SIGNUP_FORM_WORDS = re.compile(r"(?i)anmälan|anmälningsblankett|sign-?up|registration")


def is_signup_form(text: str) -> bool:
    """True for a document that is a short sign-up form rather than an entry."""
    if not text.strip() or len(text) > FORM_MAX_CHARS:
        return False
    if REFERENCE_RE.search(text):
        # The award's reference (KU-2027-019) is given at sign-up: a document that carries it
        # comes after, a report or an entry's cover sheet, however like a form it looks.
        return False
    lines = form_lines(text).split("\n")
    if tab_table(lines) is not None:
        return True  # a table of units, one a row under a row of headings
    found = label_pass(lines)
    roles = [found.unit, found.organisation, found.manager, found.contact]
    labelled = sum(1 for role in roles if role) + bool(found.contact_email or found.contact_phone)
    return labelled >= _FORM_MIN_LABELS or (labelled >= 2 and bool(_SIGNUP_FORM_WORDS.search(text)))


def form_lines(text: str) -> str:
    """A form's text (a table row a line, cells joined by tabs) with its labels marked.

    A table of several units ("Förskola<tab>Chef<tab>Kontaktperson" over a row for each)
    is left as it is, for the reader of several units to take row by row; a row of label
    and value pairs ("Enhet<tab>Vittra Sjöstaden<tab>Huvudman<tab>Vittra") becomes a line
    a pair, and every other line is marked as a label line where it is one.
    """
    lines = [pair for line in text.split("\n") for pair in _pairs(line)]
    marked = mark_labels("\n".join(lines)).split("\n")
    if (table := tab_table(lines)) is not None:
        _, _, start, end = table
        marked[start:end] = lines[start:end]
    return "\n".join(marked)


def _pairs(line: str) -> list[str]:
    """ "Enhet<tab>Eken<tab>Huvudman<tab>Vittra" as "Enhet: Eken" and "Huvudman: Vittra"."""
    cells = [cell.strip() for cell in line.split("\t")]
    if len(cells) < 4 or len(cells) % 2:
        return [line]
    labels, values = cells[::2], cells[1::2]
    if not all(label_key(label) for label in labels) or any(label_key(v) for v in values if v):
        return [line]
    return [f"{label}: {value}" for label, value in zip(labels, values, strict=True)]


def with_forms(inbound: Inbound, forms: list[str]) -> Inbound:
    """The inbound mail as read for a sign-up: its body, then each form's text."""
    text = "\n\n".join([*(form_lines(form) for form in forms), inbound.mail.text])
    return replace(inbound, mail=replace(inbound.mail, text=text))
