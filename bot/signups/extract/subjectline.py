"""Read the subject line as the body's first line when the body points the reader to it.

"Se ämnesraden :)" under the subject "Anmälan KU 2027: Förskolan Humlan, Bromma sdf, chef
Karin Ekwall": the writer put the sign-up in the subject, and the passes read bodies.
"""

from __future__ import annotations

import re

# "Se ämnesraden", "allt står i ämnet", "see subject line", "uppgifter i rubriken".
_POINTS_TO_SUBJECT = re.compile(
    r"(?i)\b(?:se|står\s+i|finns\s+i|enligt|uppgifter(?:na)?\s+i|see|in\s+the)\s+"
    r"(?:ämnesrad(?:en)?|ämnet|ämnesfältet|rubriken|subject(?:\s+line)?)\b"
)
_REPLY_PREFIX = re.compile(r"(?i)^\s*(?:(?:re|sv|vs|fw|fwd|vb)\s*:\s*)+")


def without_reply_prefix(subject: str) -> str:
    """The subject without the "Sv:", "Re:", "VB:", "Fwd:" a reply or forward put before it."""
    return _REPLY_PREFIX.sub("", subject)


def with_subject_read(subject: str, text: str) -> str:
    """The text, led by the subject as a line of its own when the body says to see it."""
    if not _POINTS_TO_SUBJECT.search(text):
        return text
    line = " ".join(without_reply_prefix(subject).split())
    return f"{line}\n\n{text}" if line else text
