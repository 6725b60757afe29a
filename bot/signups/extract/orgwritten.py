"""The organisation as the mail writes it, beside the canonical name found by the list.

The form nearest the unit in the mail's own text is the evidence kept for the staff; a
signature's form, or the provider's name inside the unit's own, says less.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from bot.signups.extract.organisations import (
    OrganisationMatch,
    english_words,
    find_organisations,
    fold,
    is_listed_word,
)

_WORD = re.compile(r"\w+")


def written_near_unit(
    match: OrganisationMatch, own_text: str, unit: str | None = None
) -> OrganisationMatch:
    """The organisation as the mail's own text writes it, where it does; else as found.

    The form nearest the unit is evidence of how the unit names its organisation: "SISAB:s
    förvaltningsområde Söder" above a signature "Skolfastigheter i Stockholm AB" was written
    "SISAB:s". `own_text` is the mail without its signature.
    """
    if not match.known:
        return match
    same = [m for m in find_organisations(own_text) if m.name == match.name and not m.weak]
    # "Vittra Hammarbyhöjden … en av Vittras skolor": the provider's name inside the unit's
    # is the unit's; a mention of its own says how the mail writes it.
    # A line that holds the name alone ("Vittra AB" under "Jon") is a signature's.
    own = [m for m in same if not _inside(m, own_text, unit) and not _alone(m, own_text)]
    same = own or same
    if not same:
        return _district_named_alone(match, own_text, unit)
    return replace(match, written=_with_other_form(own_text, same[0], same))


def _district_named_alone(
    match: OrganisationMatch, own_text: str, unit: str | None
) -> OrganisationMatch:
    """ "Vi i Hägersten-Älvsjö har två förskolor …" or "en förskola i centrala Farsta" above
    a signature's "Farsta stadsdelsförvaltning": the district named alone in the mail's own
    text is the form it gives (the register's rule: "a district named alone gives that
    word"). A district inside the unit's own name ("Träffpunkt Farsta") is the unit's.
    """
    for m in find_organisations(own_text, bare_districts=True):
        if m.name == match.name and not m.part and not _inside(m, own_text, unit):
            return replace(match, written=m.written)
    return match


def _inside(mention: OrganisationMatch, text: str, unit: str | None) -> bool:
    """True when the mention is part of the unit's name where the text writes it."""
    if not unit:
        return False
    starts = _unit_starts(text, unit)
    # The last place the name starts at or before the mention: the only one that may hold it.
    i = bisect_right(starts, mention.position) - 1
    return i >= 0 and mention.position < starts[i] + len(unit.casefold())


@lru_cache(maxsize=8)
def _unit_starts(text: str, unit: str) -> tuple[int, ...]:
    """Where the unit's name starts in the text, found once per text and not once per
    mention: a long mail that names its district thousands of times stays linear."""
    return tuple(m.start() for m in re.finditer(re.escape(unit.casefold()), text.casefold()))


def _alone(mention: OrganisationMatch, text: str) -> bool:
    start = text.rfind("\n", 0, mention.position) + 1
    end = text.find("\n", mention.position)
    line = text[start : end if end >= 0 else len(text)]
    return line.strip(" ,.") == mention.written


def _with_other_form(text: str, form: OrganisationMatch, forms: list[OrganisationMatch]) -> str:
    """The form as written, where another form of the same name stands beside it.

    Of "AMF (Arbetsmarknadsförvaltningen)" or "Östermalm district administration (Östermalms
    stadsdelsförvaltning)" the first form counts; of an English form and the Swedish one
    beside it after a slash ("Ports of Stockholm / Stockholms Hamn AB") the Swedish one.
    """
    start = text.rfind(form.written, 0, form.position + len(form.written))
    end = start + len(form.written)
    for other in forms:
        other_start = text.find(other.written, end)
        between = text[end:other_start] if other_start >= 0 else ""
        if other is form or not _BESIDE.fullmatch(between):
            continue
        # "Labour Market Administration (Arbetsmarknadsförvaltningen)": of a form and another
        # in brackets the first is the form as written, English or not (the register's rule).
        english, other_english = _is_english(form.written), _is_english(other.written)
        if english != other_english and "(" not in between:
            return other.written if english else form.written
    return form.written


def registered_form(written: str) -> str:
    """The form as written, as the register keeps it: without a genitive ending, and the
    first of two forms where the second stands in brackets.

    "SISAB:s förvaltningsområde", "fastighetskontorets avdelning", "Micasa Fastigheters
    boende" and "Bromma stadsdelsförvaltnings hemtjänst" were written "SISAB",
    "fastighetskontoret", "Micasa Fastigheter" and "Bromma stadsdelsförvaltning"; a label's
    "AMF (Arbetsmarknadsförvaltningen)" was written "AMF". Only a listed word loses its
    "s", so that "Stockholms Stadshus" and "IES" stay as they are.
    """
    first = _BRACKETED.sub("", written).strip() or written
    last = _LAST_WORD.search(first)
    if last is None:
        return first
    word = last.group(1)
    if last.group(2) == ":s" or (len(word) > 2 and is_listed_word(word)):
        return first[: last.start()] + word
    return first


def _is_english(written: str) -> bool:
    english = english_words()
    return any(fold(w) in english for w in _WORD.findall(written))


_BESIDE = re.compile(r"\s*[(/]\s*")
_BRACKETED = re.compile(r"\s*\([^()]*\)\s*$")
# The last word and its genitive ending: "SISAB:s", "Familjebostäders".
_LAST_WORD = re.compile(r"(\w+?)(:s|(?<=[a-zåäöéü])s)$")
