"""Whether a district named without an administration word is a place or the administration.

"Mitt i Farsta" and "vi ligger i Farsta" say where a unit is; "Förskolan Ekorren i Bromma",
in a mail that names no organisation, says whose the unit is.
"""

from __future__ import annotations

import re
from functools import cache

from bot.signups.extract.vocabulary import words_data

# A district after a preposition is a place ("mitt i Farsta", "vi ligger i Farsta"),
# unless the preposition follows a name, the unit's: "Team Solsidan i Farsta".
_PREPOSITION_BEFORE = re.compile(
    r"(?i)(?:(\w*)\W*\s+|^\W*)(?:(i|på|vid|in|at)|från|till|runt|nära|near)\s+$"
)
_PLACE_WORDS = {"mitt", "centralt", "här", "där", "hela", "bara", "även", "också"}


def part_after_unit(text: str, position: int, written: str) -> bool:
    """A part of a district's double name stands for the administration only after the
    unit's name ("Förskolan Ekorren i Kista"); alone, or as the first word of a name
    ("Tensta bibliotek", "i Vällingby strand"), it is a place."""
    before = text[max(0, position - 30) : position]
    if not _PREPOSITION_BEFORE.search(before):
        return False
    after = text[position + len(written) :]
    following = re.match(r"[ ]([a-zåäö][\w-]*)", after)
    return not (following and following.group(1) in _name_words())


@cache
def _name_words() -> frozenset[str]:
    """Lower-case words that go on a place's name: a unit type ("gymnasium") or a place's
    last word ("gård", "strand")."""
    data = words_data()
    return frozenset(w for t in data["unit_types"] for w in t.split()) | _PLACE_ENDS


_PLACE_ENDS = frozenset(
    {"gård", "strand", "torg", "backe", "park", "hage", "holme", "udde", "gärde", "centrum"}
    | {"sjöstad", "kyrka", "allé", "hamn", "äng", "dal", "skog"}
)


def is_place(before: str) -> bool:
    """True when the words before a district make it a place where the unit is."""
    preposition = _PREPOSITION_BEFORE.search(before)
    if preposition is None:
        return False
    word = preposition.group(1) or ""
    after_name = word[:1].isupper() and word.casefold() not in _PLACE_WORDS
    return not (preposition.group(2) and after_name)
