"""The organisation in a reply: a correction of the registered one, or a name said in passing.

"Vi tillhör inte Kulturförvaltningen utan bolaget X AB" puts the organisation right. A
place word of the unit's own name, or the administration a former contact has moved to
("Jenny har gått vidare till en ny tjänst på Exploateringskontoret"), does not.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.signups.extract.extract import SignupFields
from bot.signups.extract.vocabulary import NAME, split_sentences

# "har gått vidare till", "ny tjänst på", "har börjat på", "has moved to a new role at":
# a person leaving for another workplace.
_MOVED_ON = re.compile(
    r"(?i)\b(?:gått\s+vidare|går\s+vidare|gått\s+över|går\s+över|ny\s+tjänst|nytt\s+jobb"
    r"|ny\s+roll|nytt\s+uppdrag|ny\s+anställning|börjat(?:\s+(?:arbeta|jobba))?|börjar\s+(?:arbeta|jobba)"
    r"|slutat|slutar|flyttat|flyttar|lämnat|lämnar|bytt\s+jobb|byter\s+jobb|new\s+(?:job|position|role)"
    r"|moved\s+(?:on\s+)?to|has\s+left|is\s+leaving|left\s+for)\b"
)

_HE_OR_SHE = r"(?i:\b(?:hon|han|hen|she|he)\b)"
_WE = re.compile(r"(?i)\b(?:vi|we|enheten|verksamheten|the\s+unit)\b")


def names_the_organisation(fields: SignupFields, current: SignupFields) -> bool:
    """True when the reply's "unit" is the organisation it names ("Vi tillhör inte
    Kulturförvaltningen utan bolaget X AB"): a correction of the organisation, not of the
    registered unit's name."""
    unit, registered = fields.unit_name, current.unit_name
    said = {o.casefold() for o in (fields.organisation, fields.organisation_as_written) if o}
    return bool(unit and registered and unit.casefold() in said and unit != registered)


def _unit_place_as_organisation(fields: SignupFields, current: SignupFields) -> SignupFields:
    """No organisation from a place word of the registered unit's own name.

    "Lektor i kemi, Kungsholmens gymnasium" under a reply names the unit, not the district
    "Kungsholmens stadsdelsförvaltning": a registered organisation stays.
    """
    written = fields.organisation_as_written
    if not (written and current.organisation and current.unit_name):
        return fields
    unit_words = {w.casefold() for w in current.unit_name.split()}
    if not {w.casefold() for w in written.split()} <= unit_words:
        return fields
    return replace(fields, organisation=None, organisation_as_written=None, organisation_known=None)


def _a_person_moves(sentence: str) -> bool:
    """True when the sentence tells of a person (named, or "hon"/"han") moving on, not of
    the unit ("Vi lämnar Kulturförvaltningen …" moves the unit)."""
    move = _MOVED_ON.search(sentence)
    if move is None:
        return False
    before = sentence[: move.start()]
    return bool(re.search(rf"{NAME}|{_HE_OR_SHE}", before)) and not _WE.search(before)


def _said_of_a_move(written: str, text: str) -> bool:
    """True when every sentence that names the organisation tells of someone moving on."""
    naming = [s for s in split_sentences(text) if written.casefold() in s.casefold()]
    return bool(naming) and all(_a_person_moves(s) for s in naming)


def organisation_put_right(fields: SignupFields, current: SignupFields, text: str) -> SignupFields:
    """The reply's organisation, or none where the reply only names one in passing."""
    fields = _unit_place_as_organisation(fields, current)
    written = fields.organisation_as_written
    moved = (
        written and fields.organisation != current.organisation and _said_of_a_move(written, text)
    )
    if not moved:
        return fields
    return replace(fields, organisation=None, organisation_as_written=None, organisation_known=None)
