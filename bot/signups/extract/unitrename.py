"""The unit's name put right in a reply: "Förskolan heter Solvändan, med a", "Vi har bytt
namn till Farsta hemtjänst norr efter delningen", "vi heter sedan årsskiftet Vårbergsgården
vård- och omsorgsboende". The new name runs on in lower case for as long as its words are a
unit's (a kind, a compound of one, a quarter of the compass).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.signups.extract.unitwords import unit_words
from bot.signups.extract.vocabulary import UPPER

if TYPE_CHECKING:
    from bot.signups.extract.extract import SignupFields

# "Förskolan heter Solvändan, med a", "Enheten heter egentligen Tallkotten": the unit's
# name put right, by its kind's word or by "vi"/"enheten".
_UNIT_RENAMED = re.compile(
    rf"(?i:(?P<kind>\w+)\s+(?:"
    # "Skolan bytte namn 1 mars och heter nu X", "Enheten har bytt namn till X".
    rf"(?:har\s+|have\s+)?(?:bytt|bytte|byter|ändrat|ändrade)\s+namn\b[^.!?\n]*?\b(?:heter|till)"
    # "Kan ni ändra enhetsnamnet till X?": the name itself, asked to be put right.
    rf"|heter|(?<=namnet\s)till)\s+(?:egentligen\s+|faktiskt\s+|numera\s+|nu\s+)?"
    # "heter sedan årsskiftet X", "heter från och med 1 mars X": since when, before the name.
    rf"(?:(?:sedan|från(?:\s+och\s+med)?|fr\.?o\.?m\.?)\s+(?:[a-zåäö\d.]+\s+){{1,3}}?)?)"
    rf"(?P<new>[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*)*)"
)
# "Kan ni registrera oss som Bagarby seniorhus istället?", "skriv enheten som Ekgården":
# the name the reply asks the registration to carry from now on.
_REGISTER_AS = re.compile(
    rf"(?i:(?:registrera|skriv[ae]?|ange|för[ae]?\s+in)\s+(?P<kind>\w+)\s+som)\s+"
    rf"(?P<new>[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*)*)"
)
_UNIT_PRONOUNS = {"vi", "oss", "enheten", "verksamheten", "stället", "namnet", "enhetsnamnet"}
# A part of the city that ends a unit's name: "Farsta hemtjänst norr".
_QUARTERS = {"norr", "söder", "syd", "öst", "väst", "öster", "väster", "nord", "city", "centrum"}
_QUARTERS |= {"norra", "södra", "östra", "västra"}  # "Sätra förskoleenhet norra"


def _the_unit(kind: str) -> bool:
    """True for a word that stands for the unit itself: "vi", "enheten", or its kind's word
    in the definite form ("skolan", "boendet") when the registered name has another."""
    return kind in _UNIT_PRONOUNS or (
        kind.endswith(("en", "an", "et")) and kind in unit_words().types
    )


def _unit_word(word: str) -> bool:
    """True for a lower-case word that goes on a unit's name: a kind ("hemtjänst"), a
    compound of one ("omsorgsboende"), a quarter ("norr")."""
    words = unit_words()
    return word in words.types or word in _QUARTERS or word.endswith(words.endings)


def _name_runs_on(new: str, after: str) -> str:
    """`new` with the lower-case words after it that are still the unit's name: "Farsta"
    + " hemtjänst norr efter delningen" → "Farsta hemtjänst norr"; "Vårbergsgården" +
    " vård- och omsorgsboende", "Vantörs" + " hemtjänst och boendestöd" keep the pair."""
    taken: list[str] = []
    words = [t.rstrip(",.;:!?)") for t in after.split("\n")[0].split()]
    ends = [w != t for w, t in zip(words, after.split("\n")[0].split(), strict=True)]
    for i, word in enumerate(words):
        folded = word.casefold()
        # "vård- och omsorgsboende", "hemtjänst och hemsjukvård": two joined by "och".
        joins = folded in ("och", "&") and bool(taken) and i + 1 < len(words)
        joins = joins and (taken[-1].endswith("-") or _unit_word(words[i + 1].casefold()))
        if not (folded.endswith("-") or joins or (word[:1].islower() and _unit_word(folded))):
            break
        taken.append(word)
        if ends[i]:  # the name ends at its punctuation
            break
    while taken and (taken[-1].endswith("-") or taken[-1] in ("och", "&")):
        taken.pop()
    return " ".join([new, *taken])


def unit_renamed(fields: SignupFields, current: SignupFields, text: str) -> SignupFields:
    """The reply's new name for the unit, when it says "Förskolan heter X".

    A bare kind's word read as the reply's unit ("Förskolan"), or a part of the registered
    name, is no new name: it is dropped.
    """
    registered = current.unit_name
    if not registered:
        return fields
    kind_word = registered.split()[0].casefold()
    words = {w.casefold() for w in registered.split()}
    if fields.unit_name and {w.casefold() for w in fields.unit_name.split()} < words:
        # "Solbacken har fått ny chef": part of the registered name is the same unit.
        fields = replace(fields, unit_name=None)
    for match in [*_UNIT_RENAMED.finditer(text), *_REGISTER_AS.finditer(text)]:
        kind = match.group("kind").casefold()
        new = _name_runs_on(match.group("new"), text[match.end() :])
        if kind != kind_word and not _the_unit(kind):
            continue
        if new.split()[0].casefold() == kind_word or kind != kind_word:
            name = new
        else:  # "Förskolan heter Solvändan": the kind's word stays the registered one's
            name = f"{registered.split()[0]} {new}"
        # "Enheten heter Solbacken" of "Förskolan Solbacken" says the name again.
        if {w.casefold() for w in new.split()} <= words:
            continue
        # The reply's subject repeats the registered name, or the reader took the bare new
        # name from this very sentence; either way the sentence puts it right.
        read = fields.unit_name
        keep = read and read.casefold() not in (registered.casefold(), new.casefold())
        if keep and read and new.casefold().startswith(read.casefold()):
            keep = False  # the reader took the name's capitalised words only
        return replace(fields, unit_name=read if keep else name)
    return fields
