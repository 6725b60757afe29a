"""The unit's name in the longest form the mail writes it, when the chosen form is a shortening.

A subject or a sentence often gives the unit short ("Anmälan Kontaktcenter", "Anmälan
Lönnen", "IES Årsta") where the mail writes it in full elsewhere ("avdelningen Kontaktcenter
Stockholm", "demensenheten Lönnen", "Internationella Engelska Skolan Årsta"). The register
keeps the natural full form.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.signups.extract.organisations import find_organisations
from bot.signups.extract.unitforms import UnitCandidate
from bot.signups.extract.unitwords import CAP, ends_in_type, has_type_word, phrase_name, unit_words

_MAX_WORDS = 7
# Words that show a phrase is a sentence going on, not a name.
_SENTENCE = re.compile(
    r"(?i)\b(?:vi|jag|oss|som|har|är|ska|vill|kan|och|till|i|på|med|we|is|are|to)\b"
)


def longest_form(candidates: list[UnitCandidate], subject: str, body: str) -> list[UnitCandidate]:
    """The candidates, with the mail's full form of the first one put first."""
    if not candidates:
        return candidates
    top = candidates[0]
    for longer in (
        _whole_subject(top.name, subject, body),
        _compound_type_before(top.name, body),
        _named_on(top, body),
        _provider_written_out(top, candidates, body),
    ):
        if longer and longer != top.name:
            return [replace(top, name=longer), *candidates]
    return candidates


def _whole_subject(name: str, subject: str, body: str) -> str | None:
    """ "Anmälan Stödcentrum för unga brottsutsatta" over "Vi vill anmäla Stödcentrum för unga
    brottsutsatta (Socialförvaltningen)": the subject holds the whole name, small words and
    all, where the sentence was cut at "för"; the body writes the same words."""
    rest = subject.strip(" .!:-–—")
    if not rest.startswith(name + " ") or len(rest.split()) > _MAX_WORDS:
        return None
    if not re.search(rf"(?<!\w){re.escape(rest)}(?!\w)", body):
        return None
    tail = rest[len(name) :]
    if re.search(r"[,.:;!?/|()]", tail) or _SENTENCE.search(tail.replace(" för ", " ")):
        return None
    return rest


def _compound_type_before(name: str, body: str) -> str | None:
    """ "Anmälan Lönnen" and "vår enhet, demensenheten Lönnen, som anmäler sig": a type word
    made specific by its compound ("demensenheten", "korttidsenheten") is the name's first
    word; a bare "avdelningen Lönnen" only says what kind of unit it is."""
    if has_type_word(name):
        return None
    for m in re.finditer(rf"(?<![\w-])([\w-]+)[ ]{re.escape(name)}(?![\w-])", body):
        word = m.group(1)
        folded = word.casefold()
        compound = len(folded) > 9 and folded not in unit_words().types
        if compound and ends_in_type(word) and not _bare_type(folded):
            return word[:1].upper() + word[1:] + " " + name
    return None


def _bare_type(word: str) -> bool:
    """ "avdelningen", "enheten": a type word alone, with or without its ending."""
    types = unit_words().types
    return any(word == t or word == t + "en" or word == t + "et" for t in types)


def _named_on(top: UnitCandidate, body: str) -> str | None:
    """ "Anmälan Kontaktcenter" over "anmäler … avdelningen Kontaktcenter Stockholm till
    …": the subject's short name, which the body runs on with capitalised words."""
    if top.source != "subject":
        return None
    for m in re.finditer(rf"(?<![\w-]){re.escape(top.name)}(?=[ ]{CAP})", body):
        phrase = phrase_name(body[m.start() :].split("\n")[0])
        if not phrase or not phrase.startswith(top.name + " "):
            continue
        extra = phrase[len(top.name) :]
        words = extra.split()
        if find_organisations(extra) or len(words) > 2 or not all(w[:1].isupper() for w in words):
            continue
        return phrase
    return None


def _provider_written_out(
    top: UnitCandidate, candidates: list[UnitCandidate], body: str
) -> str | None:
    """ "IES Årsta" in the subject and "Internationella Engelska Skolan Årsta" in the body:
    the provider's name inside the unit's, abbreviated in one place and written out in the
    other. The body's form is the unit's full name."""
    short = find_organisations(top.name)
    if len(short) != 1:
        return None
    own = _rest(top.name, short[0].written)
    for c in candidates[1:]:
        if c.name not in body or len(c.name) <= len(top.name):
            continue
        long = find_organisations(c.name)
        same = len(long) == 1 and long[0].name == short[0].name
        if same and own and _rest(c.name, long[0].written) == own:
            return c.name
    return None


def _rest(name: str, written: str) -> str:
    return " ".join(name.replace(written, " ", 1).split()).casefold()
