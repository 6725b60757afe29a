"""A clause that leaves out the words the clause before it said: "Jag är chef för Hässelby
och Peter Lundqvist för Vällingby" means "Peter Lundqvist är chef för Vällingby"."""

from __future__ import annotations

_PREPOSITIONS = frozenset({"för", "på", "vid", "inom", "for", "at"})


def gap_filled(words: list[str], first: list[str]) -> str:
    """A unit's part with the words left out put back from the first unit's part: "Fagersjö
    av Pekka" after "Hökarängen leds av Ayşe" is "Fagersjö leds av Pekka"; "Peter Lundqvist
    för Vällingby" after "Jag är chef för Hässelby" is "Peter Lundqvist är chef för …"."""
    # "… och för Palliativ slutenvård är det jag" after "Kontaktperson för Geriatriska
    # kliniken är …": the words before the preposition are left out.
    if words and words[0] in _PREPOSITIONS and words[0] in first[1:]:
        return " ".join([*first[: first.index(words[0], 1)], *words])
    # The first part's subject runs to its first word in lower case ("Jag", "Hökarängen").
    verb = next((i for i, w in enumerate(first) if w[:1].islower()), 0)
    # The part's own subject runs to its first word in lower case ("Peter Lundqvist").
    j = next((i for i, w in enumerate(words) if not w[:1].isupper()), 0)
    if j and words[j] in first[verb + 1 :]:
        gap = first[verb : first.index(words[j], verb + 1)]
        return " ".join([*words[:j], *gap, *words[j:]])
    return " ".join(words)
