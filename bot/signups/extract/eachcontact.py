"""Several units, each with a contact of its own: "Respektive enhetschef är kontaktperson".

The managers are named with their units; how to reach each is often said once for all of
them ("Katarzyna nås på … och Joost på …"), each person's details following their name.
Or each unit has its own contact, named on the unit's line ("varje förskola har en egen
kontaktperson:" over "Förskolan Ugglan – Eva Lind, eva.lind@…, 08-…").
"""

from __future__ import annotations

import re

from bot.signups.extract.vocabulary import NAME, address_in, clean_name, phone_in

_EACH_MANAGER = re.compile(
    r"(?i)\b(?:respektive|varje|var\s+sin|each|every)\s+(?:unit'?s?\s+)?\w*"
    r"(?:chef|rektor|föreståndare|manager|head|principal)\w*\s+(?:är|blir|is|will\s+be|acts\s+as)"
    r"\s+(?:\w+\s+){0,2}?(?:kontakt|contact)"
    # "Kontaktperson för respektive enhet är enhetschefen", "the contact for each unit is
    # its manager": the same said the other way round.
    r"|\b(?:kontakt\w*|contact(?:\s+person)?)\s+(?:för|for)\s+(?:respektive|varje|each|every)"
    r"\s+\w+\s+(?:är|blir|is|will\s+be)\s+(?:\w+\s+)?\w*(?:chef|rektor|föreståndare|manager|head"
    r"|principal)"
)


def each_manager_is_contact(text: str) -> bool:
    """The mail makes each unit's manager that unit's contact."""
    return bool(_EACH_MANAGER.search(text))


def details_after(name: str, others: list[str], text: str) -> tuple[str | None, str | None]:
    """(e-mail, phone) that follow the person's name (full or first) in the text, up to the
    next of the other people or the end of the sentence."""
    names = {name, name.split()[0]}
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    start = re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text)
    if start is None:
        return None, None
    rest = text[start.end() :]
    stops = [n for other in others if other != name for n in (other, other.split()[0])]
    stop = re.search(
        r"[.!?](?=\s|$)|\n" + "".join(rf"|(?<!\w){re.escape(n)}(?!\w)" for n in stops),
        rest,
    )
    segment = rest[: stop.start()] if stop else rest
    return address_in(segment), phone_in(segment)


# "varje förskola har en egen biträdande förskolechef som blir kontaktperson", "each school
# has its own contact person": the person the mail names with each unit is its contact.
_EACH_OWN = re.compile(
    r"(?i)\b(?:varje|respektive|var\s+och\s+en\s+av\s+\w+|each|every)\s+(?:\w+\s+)?"
    r"(?:har|has)\s+(?:en\s+|an?\s+)?(?:egen|sin\s+egen|own|its\s+own)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:(?:som\s+(?:blir|är|fungerar\s+som)|who\s+(?:is|will\s+be|acts\s+as))\s+(?:the\s+)?)?"
    r"(?:kontakt|contact)"
)


def each_unit_has_own_contact(text: str) -> bool:
    """The mail says each unit has a contact of its own, named with the unit."""
    return bool(_EACH_OWN.search(text))


def person_with_unit(block: str, unit: str) -> tuple[str, str | None, str | None] | None:
    """(name, e-mail, phone) of the person named after the unit in its block ("Förskolan
    Ugglan – Eva Lind, eva.lind@…, 08-…"); None if the block names nobody."""
    at = block.find(unit)
    rest = block[at + len(unit) :] if at >= 0 else block
    for match in re.finditer(NAME, rest):
        if name := clean_name(match.group(0)):
            return name, *details_after(name, [], rest)
    return None
