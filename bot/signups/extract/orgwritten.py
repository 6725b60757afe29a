"""The organisation as the mail writes it, beside the canonical name found by the list.

The form nearest the unit in the mail's own text is the evidence kept for the staff; a
signature's form, or the provider's name inside the unit's own, says less.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.signups.extract.organisations import (
    OrganisationMatch,
    english_words,
    find_organisations,
    fold,
)

_WORD = re.compile(r"\w+")


def written_near_unit(
    match: OrganisationMatch, own_text: str, unit: str | None = None
) -> OrganisationMatch:
    """The organisation as the mail's own text writes it, where it does; else as found.

    The form nearest the unit is evidence of how the unit names its organisation: "SISAB:s
    förvaltningsområde Söder" above a signature "Skolfastigheter i Stockholm AB" was written
    "SISAB:s". `own_text` is the mail without its signature. A district named as a place
    ("Förskolan Ekorren på Kungsholmen") is not a form of the administration's name.
    """
    if not match.known:
        return match
    same = [m for m in find_organisations(own_text) if m.name == match.name and not m.weak]
    # "Vittra Hammarbyhöjden … en av Vittras skolor": the provider's name inside the unit's
    # is the unit's; a mention of its own says how the mail writes it.
    # A line that holds the name alone ("Vittra AB" under "Jon") is a signature's.
    own = [m for m in same if not _inside(m, own_text, unit) and not _alone(m, own_text)]
    same = own or same
    return replace(match, written=_with_other_form(own_text, same[0], same)) if same else match


def _inside(mention: OrganisationMatch, text: str, unit: str | None) -> bool:
    """True when the mention is part of the unit's name where the text writes it."""
    if not unit:
        return False
    folded, name = text.casefold(), unit.casefold()
    starts = [m.start() for m in re.finditer(re.escape(name), folded)]
    return any(a <= mention.position < a + len(name) for a in starts)


def _alone(mention: OrganisationMatch, text: str) -> bool:
    start = text.rfind("\n", 0, mention.position) + 1
    end = text.find("\n", mention.position)
    line = text[start : end if end >= 0 else len(text)]
    return line.strip(" ,.") == mention.written


def _with_other_form(text: str, form: OrganisationMatch, forms: list[OrganisationMatch]) -> str:
    """The form as written, with the other form of the same name beside it in brackets.

    "AMF (Arbetsmarknadsförvaltningen)" is written so, both forms; of an English form and
    the Swedish one beside it ("Östermalm district administration (Östermalms
    stadsdelsförvaltning)", "Ports of Stockholm / Stockholms Hamn AB") the Swedish counts.
    """
    start = text.rfind(form.written, 0, form.position + len(form.written))
    end = start + len(form.written)
    for other in forms:
        other_start = text.find(other.written, end)
        between = text[end:other_start] if other_start >= 0 else ""
        if other is form or not _BESIDE.fullmatch(between):
            continue
        english, other_english = _is_english(form.written), _is_english(other.written)
        if english != other_english:
            return other.written if english else form.written
        closing = _CLOSING.match(text, other_start + len(other.written))
        if between.strip() == "(" and closing:
            return text[start : closing.end()]
    return form.written


def _is_english(written: str) -> bool:
    english = english_words()
    return any(fold(w) in english for w in _WORD.findall(written))


_BESIDE = re.compile(r"\s*[(/]\s*")
_CLOSING = re.compile(r"\s*\)")
