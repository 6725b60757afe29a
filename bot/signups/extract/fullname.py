"""A registered person's name given in full in a reply: "Åsa påpekade att hon officiellt
heter Åsa-Lena Rydén" of the registered "Åsa Rydén".

The reply names the same person, for every word of the registered name is still there in
order, whole or as a part of a double name; what it adds (a second first name, a second
surname) is the name the person wants on the registration.
"""

from __future__ import annotations

import re

from bot.signups.extract.vocabulary import NAME, split_sentences

# A sentence about what someone is called: "hon heter …", "hennes fullständiga namn är …",
# "skriv ut hela namnet", "his full name is …".
_ABOUT_NAME = re.compile(
    r"(?i)\b(?:heter|hette|kallas|stavas|skrivs|\w*namn\w*|name[ds]?|called)\b"
)


def _parts(name: str) -> list[str]:
    return [p.casefold() for p in re.split(r"[\s-]+", name) if p]


def _in_order(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(any(word == part for part in rest) for word in short)


def fuller(written: str, registered: str) -> bool:
    """True when `written` is `registered` with more to it: each registered word in order,
    first and last name kept ("Åsa-Lena Rydén", "Åsa Lena Rydén" for "Åsa Rydén")."""
    short, long = _parts(registered), _parts(written)
    return (
        len(short) >= 2
        and len(long) > len(short)
        and long[0] == short[0]
        and (long[-1] == short[-1] or _in_order(short[1:], long[1:]))
        and _in_order(short, long)
    )


def named_in_full(registered: str | None, text: str) -> str | None:
    """The fuller form of the registered name that a sentence about a name gives, or None."""
    if not registered:
        return None
    for sentence in split_sentences(text):
        if not _ABOUT_NAME.search(sentence):
            continue
        for match in re.finditer(NAME, sentence):
            if fuller(match.group(), registered):
                return match.group()
    return None
