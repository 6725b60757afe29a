"""Whose a unit is, where a mail writes the owner into the name: "Familjebostäders
kundcenter", "Kundcenter på Stockholm Parkering", "Stockholmshem, område Västerort" name the
unit without its owner; and a name tidied to its natural form (no greeting, no quotation
marks, no legal form, the first letter capitalised).
"""

from __future__ import annotations

import re
from functools import cache

from bot.signups.extract.organisations import find_organisations
from bot.signups.extract.vocabulary import UPPER as _UP
from bot.signups.extract.vocabulary import words_data

GREETING = re.compile(r"(?i)^(?:hej|hejsan|hallå|tjena|hello|hi|dear|god\s+(?:morgon|dag))[\s,!]+")
# "Anmälan Förskolan Tallkotten, Bromma sdf.": a hurried mail opens with the word for what it
# is, and the unit's name follows it; the word is no part of the name.
_SIGNUP_LEAD = re.compile(r"(?i)^(?:anmälan|anmäler|anmälning)\s+(?=(?-i:[A-ZÅÄÖ]))")

# Words for a part of an organisation that only say what kind of part the name is:
# "Fastighetskontorets enhet Lokalförsörjning", "Avdelningen Kundservice".
PART_WORDS = {"enhet": "Enheten", "avdelning": "Avdelningen", "sektion": "Sektionen"}

# "Avfallsavdelningens …", "Socialtjänstavdelningens …": a department that owns the unit.
_DEPARTMENT_GENITIVE = re.compile(
    r"(?i)^[\w-]+(?:avdelningens|förvaltningens|kontorets|divisionens)$"
)


def _owner(words: list[str], name: str) -> bool:
    """True when the words are an organisation or department in the genitive ("SISAB:s",
    "Familjebostäders", "Avfallsavdelningens"): the unit's owner, not its name."""
    text = " ".join(words)
    if not re.search(r"(?::s|[^s]s)$", text):
        return False
    for owner in (text, text.removesuffix("s")):  # "Micasas": the genitive of "Micasa"
        orgs = find_organisations(owner)
        if orgs and orgs[0].position == 0 and len(orgs[0].written) >= len(text) - 2:
            return True
    # "Bygglovsavdelningens kundtjänst" is named by its department; "Avfallsavdelningens
    # insamlingsgrupp Norr" has a name of its own.
    return bool(_DEPARTMENT_GENITIVE.match(text) and re.search(rf"[ ][{_UP}]", name))


def without_owner(name: str) -> str:
    """The unit's own name without the organisation that owns it, where the mail joins the
    two: "Kundcenter på Stockholm Parkering", "Drift och underhåll hos Stokab" and
    "Stadsledningskontorets enhet för data och analys" name "Kundcenter", "Drift och
    underhåll" and "Enheten för data och analys"."""
    at = re.match(r"(.+?)[ ](?:på|hos|vid|inom|at)[ ](.+)$", name)
    if at and (orgs := find_organisations(at.group(2))) and orgs[0].written == at.group(2):
        name = at.group(1)
    # "Stockholmshem, område Västerort": the organisation, then the part of it that is the unit.
    lead = re.match(r"(.+?),[ ](.+)$", name)
    if lead and (orgs := find_organisations(lead.group(1))) and orgs[0].written == lead.group(1):
        name = lead.group(2)
    name = _after_organisation(name)
    words = name.split()
    for k in range(min(4, len(words) - 1), 0, -1):
        if _owner(words[:k], " ".join(words[k:])):
            words = words[k:]
            if len(words) == 1 and re.search(r"..(?:enhet|avdelning|sektion)$", words[0]):
                # "Fastighetskontorets Markupplåtelseenhet" is the Markupplåtelseenheten.
                words[0] += "en"
            words = _described_kind_dropped(words)
            break
    else:
        # "Enheten Kundservice", and "enhet Drift Söderort" in lower case with its owner left
        # out, read as after the owner ("SISAB:s enhet Drift Söderort"); "Sektion Nord",
        # capitalised, and a preschool's "avdelning Björken" are written as the name.
        lower_part = words[0] == "enhet" and re.match(rf"[{_UP}]", words[-1])
        if len(words) < 2 or not (words[0].capitalize() in PART_WORDS.values() or lower_part):
            return name
        words = [words[0].casefold().removesuffix("en"), *words[1:]]
    part = words[0].casefold() if len(words) > 1 else ""
    if part in PART_WORDS and re.match(rf"[{_UP}]", words[1]):
        words = words[1:]  # "enhet Lokalförsörjning omsorg": the name follows
    elif part in PART_WORDS and words[1] == "för":
        words = [PART_WORDS[part], *words[1:]]  # "enhet för data" is "Enheten för data"
    elif part.removesuffix("en") in PART_WORDS and len(words) > 1:
        words[0] = PART_WORDS[part.removesuffix("en")]
    return " ".join(words)


_SMALL_WORDS = {"i", "på", "vid", "för", "och", "med", "av", "in", "at", "of", "for", "and"}


def _described_kind_dropped(words: list[str]) -> list[str]:
    """After the owner's genitive, lower-case words that say what kind of unit it is, then
    its capitalised name: "Omsorgsbolagets dagliga verksamhet Verkstan Söder" is the unit
    "Verkstan Söder". A single type word stays ("Familjebostäders kundcenter Farsta" is
    "Kundcenter Farsta"), and so does a part word, which the caller reads."""
    lower = 0
    while lower < len(words) and re.match(r"[a-zåäö]", words[lower]):
        lower += 1
    if lower < 2 or lower == len(words) or not re.match(rf"[{_UP}]", words[lower]):
        return words
    if any(w in _SMALL_WORDS for w in words[:lower]):
        return words  # "Familjebostäders kundcenter i Farsta": the place is no name of its own
    if words[0].casefold().removesuffix("en") in PART_WORDS:
        return words
    return words[lower:]


# "Familjebostäder distrikt Solberga", "Stockholmshem område Väst": the organisation,
# then a lower-case word for a part of it and the part's name, which is the unit.
_PART_AFTER = re.compile(rf"[ ](?:distrikt|område|region)[ ][{_UP}0-9]")


# "Norlandia förskolan Trollskogen": the provider, then "the preschool Trollskogen" in lower
# case, the definite form of a unit's type word. "Norlandia Förskolan Humlan", capitalised,
# is written as one name; "Pysslingen förskolor Lindarängen" is the provider's own line.
_DEFINITE_AFTER = re.compile(rf"[ ]([a-zåäö]+(?:n|t))[ ][{_UP}]")


def _after_organisation(name: str) -> str:
    orgs = find_organisations(name)
    if not orgs or orgs[0].position != 0 or orgs[0].weak:
        return name
    part = _PART_AFTER.match(name, len(orgs[0].written))
    if part:
        return name[part.start() + 1 :]
    definite = _DEFINITE_AFTER.match(name, len(orgs[0].written))
    if definite and _definite_type(definite.group(1)):
        return name[definite.start(1) :]
    return name


def _definite_type(word: str) -> bool:
    """ "förskolan", "äldreboendet", "hemtjänsten": a type word with its definite ending."""
    types = _unit_types()
    return word in types and (word[:-1] in types or word[:-2] in types)


@cache
def _unit_types() -> frozenset[str]:
    return frozenset(t.casefold() for t in words_data()["unit_types"])


def tidy_unit(name: str) -> str:
    name = name.split("|")[-1]  # "Principal | Internationella Engelska Skolan Hägersten"
    name = _SIGNUP_LEAD.sub("", GREETING.sub("", name))
    # "Föräldrakooperativet Myrstacken ekonomisk förening": the legal form is the owner's.
    name = re.sub(
        r"(?i)\s+(?:ekonomisk\s+förening|ek\.?\s?för\.?)$", "", name
    )  # "Hej\nFritidsgården Pinnen anmäler sig", run together
    name = without_owner(re.sub(r"\s*\([^)]*\)?", "", unquoted(name)).strip(" ,.;:-–\"“”'"))
    return name[:1].upper() + name[1:]


# Quotation marks around a name ("förskolan "Blåklockan"", «Solrosen», 'Kastanjen') set it
# off in the sentence; they are no part of it. An apostrophe inside a word ("O'Leary") is.
_QUOTED = re.compile(
    r"[\"“”„«»]([^\"“”„«»\n]{1,60})[\"“”„«»]|(?<!\w)['‘’]([^'‘’\n]{1,60}?)['‘’](?!\w)"
)


def unquoted(text: str) -> str:
    """The text with the quotation marks around names taken away."""
    return _QUOTED.sub(lambda m: m.group(1) or m.group(2), text)


def written_lower(name: str, text: str) -> bool:
    """True when the text writes the name from a lower-case letter ("kista hemtjänst"), not
    as the noun after its owner's name ("Familjebostäders kundcenter i Farsta")."""
    lower = name[:1].lower() + name[1:]
    if name in text or lower not in text:
        return False
    before = text[: text.index(lower)].split()
    # "Svenska Bostäders distrikt Husby": the owner may be written in several words.
    return not any(_owner(before[-k:], name) for k in range(1, min(4, len(before)) + 1))
