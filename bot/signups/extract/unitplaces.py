"""Where a unit is, as against what it is called: "Förskolan Ekbacken, Hässelby" names the
Förskolan Ekbacken, which lies in Hässelby; "Mottagningsenheten barn och unga" names, in
lower-case words after the type word, whom the unit is for, and that is part of its name.
"""

from __future__ import annotations

import re

from bot.signups.extract.organisations import find_organisations
from bot.signups.extract.unitwords import PART_OF, PLAIN_NAME, has_type_word, proper_name


def without_place(name: str) -> str:
    """The name without a place set after a comma ("Ekbacken vård- och omsorgsboende,
    Hässelby"), when what comes before is a name of its own. A part of a larger whole
    (", område Söderort") stays, and so does a place that alone says which unit it is
    ("Hemtjänsten, Bromma")."""
    head, comma, place = name.rpartition(",")
    place = place.strip()
    if not comma or not head.strip() or PART_OF.match(f" {place}"):
        return name
    if not PLAIN_NAME.fullmatch(place) or has_type_word(place) or not proper_name(head):
        return name
    return head.strip()


def with_whom_for(typed: str, phrase: str | None) -> str:
    """The phrase when it is the typed name going on in lower-case words that say whom or what
    the unit is for ("Mottagningsenheten barn och unga", "Daglig verksamhet Vällingby
    centrum"); else the typed name. A capitalised word after it would be another name."""
    if not phrase or not phrase.startswith(f"{typed} "):
        return typed
    rest = phrase[len(typed) :].split()
    if len(rest) <= 4 and all(re.fullmatch(r"[a-zåäöéü][\w-]*|&", w) for w in rest):
        return phrase
    return typed


_DASHED = re.compile(r"^(?P<head>.+?)\s[–—-]\s(?P<tail>.+)$")
_RUN_BY = re.compile(r"(?i)^(?:drivs|driven|drivet|i\s+regi|på\s+uppdrag|run\s+by)\b")


def without_dashed_owner(name: str) -> str:
    """The name without who runs the unit or where it belongs, set after a dash:
    "Vård- och omsorgsboendet Lärkan – drivs av Omsorgsbolaget på uppdrag av Bromma" and
    "Gruppbostaden Linden – Skarpnäck" name the Vård- och omsorgsboendet Lärkan and the
    Gruppbostaden Linden. A dash before anything else ("Kulturskolan – Dans & Cirkus") is
    part of the name."""
    dashed = _DASHED.match(name)
    if dashed is None:
        return name
    head, tail = dashed.group("head").strip(), dashed.group("tail").strip(" .,")
    if not (has_type_word(head) or proper_name(head)):
        return name
    if _RUN_BY.match(tail):
        return head
    orgs = find_organisations(tail, bare_districts=True)
    if orgs and orgs[0].position == 0 and len(orgs[0].written) >= len(tail) - 1:
        return head
    return name
