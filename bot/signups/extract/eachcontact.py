"""Several units whose own managers are their contacts: "Respektive enhetschef är kontaktperson".

The managers are named with their units; how to reach each is often said once for all of
them ("Katarzyna nås på … och Joost på …"), each person's details following their name.
"""

from __future__ import annotations

import re

from bot.signups.extract.vocabulary import address_in, phone_in

_EACH_MANAGER = re.compile(
    r"(?i)\b(?:respektive|varje|var\s+sin|each|every)\s+(?:unit'?s?\s+)?\w*"
    r"(?:chef|rektor|föreståndare|manager|head|principal)\w*\s+(?:är|blir|is|will\s+be|acts\s+as)"
    r"\s+(?:\w+\s+){0,2}?(?:kontakt|contact)"
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
