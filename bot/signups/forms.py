"""Sign-up forms sent as an attachment (.docx or PDF) with "Se bifogad anmälan" as body.

A form is short and carries the sign-up labels (Verksamhet, Chef, Kontaktperson…); an
entry is long and follows the award's questions. A mail whose documents are all forms is
a sign-up: its forms' text is read after the body, as if the unit had written it there.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.context import Inbound
from bot.signups.extract.labels import label_pass, mark_labels
from bot.signups.units import REFERENCE_RE

# An entry is many pages; a form fits on one or two (about 4,000 characters).
_FORM_MAX_CHARS = 6000
_FORM_MIN_LABELS = 3
_SIGNUP_FORM_WORDS = re.compile(r"(?i)anmälan|anmälningsblankett|sign-?up|registration")


def is_signup_form(text: str) -> bool:
    """True for a document that is a short sign-up form rather than an entry."""
    if not text.strip() or len(text) > _FORM_MAX_CHARS:
        return False
    if REFERENCE_RE.search(text):
        # The award's reference (KU-2027-019) is given at sign-up: a document that carries it
        # comes after, a report or an entry's cover sheet, however like a form it looks.
        return False
    found = label_pass(mark_labels(text).split("\n"))
    roles = [found.unit, found.organisation, found.manager, found.contact]
    labelled = sum(1 for role in roles if role) + bool(found.contact_email or found.contact_phone)
    return labelled >= _FORM_MIN_LABELS or (labelled >= 2 and bool(_SIGNUP_FORM_WORDS.search(text)))


def with_forms(inbound: Inbound, forms: list[str]) -> Inbound:
    """The inbound mail as read for a sign-up: its body, then each form's text."""
    text = "\n\n".join([*(mark_labels(form) for form in forms), inbound.mail.text])
    return replace(inbound, mail=replace(inbound.mail, text=text))
