"""Which of the forms a mail gives for the same unit is the unit's name.

A mail may write one unit several ways: "Hemtjänsten i Bromma Västra" in the body and
"Hemtjänsten Bromma Västra" in the subject, "Kastanjen" in the sentence and "Dagverksamheten
Kastanjen" elsewhere. The candidates come from `unitnames`; this module picks the form.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.signups.extract.unitwords import ends_in_type, has_type_word, unit_words


@dataclass(frozen=True)
class UnitCandidate:
    """A name the mail may give for the unit, how surely (weight) and where (evidence)."""

    name: str
    weight: float
    position: int
    source: str


def chosen_form(candidates: list[UnitCandidate], body: str, elsewhere: str) -> list[UnitCandidate]:
    """The candidates with the form that names the unit first (strongest first otherwise).

    `elsewhere` is the subject and the signature, where a unit writes its own name.
    """
    return _full_form_first(_named_form_first(_body_form_first(candidates), body, elsewhere))


def _named_form_first(
    candidates: list[UnitCandidate], body: str, elsewhere: str
) -> list[UnitCandidate]:
    """ "Familjebostäders kundcenter i Rinkeby vill anmäla sig" under the subject and signature
    "Kundcenter Rinkeby": the sentence describes in lower case ("the customer centre in
    Rinkeby") the unit that the subject and signature name."""
    if not candidates or candidates[0].source != "sentence":
        return candidates
    top = candidates[0]
    words = top.name.casefold().split()
    shortened = [w for w in words if w not in {"i", "på"}]
    lower = top.name[:1].lower() + top.name[1:]
    if len(shortened) == len(words) or top.name in body or lower not in body:
        return candidates
    for c in candidates[1:]:
        named = c.source in {"subject", "signature"} and c.name in elsewhere
        if named and c.name.casefold().split() == shortened:
            return [replace(c, weight=top.weight), *candidates]
    return candidates


def _body_form_first(candidates: list[UnitCandidate]) -> list[UnitCandidate]:
    """ "Anmälan Hemtjänsten Bromma Västra" over "Hemtjänsten i Bromma Västra, …": the subject
    shortens the name the body writes in full."""
    if not candidates or candidates[0].source != "subject":
        return candidates
    short = candidates[0].name.casefold().split()
    for c in candidates[1:]:
        words = c.name.casefold().split()
        shortened = [w for w in words if w not in {"i", "på", "vid"}]
        if c.source != "subject" and len(words) > len(shortened) and shortened == short:
            return [replace(c, weight=candidates[0].weight), *candidates]
    return candidates


def _full_form_first(candidates: list[UnitCandidate]) -> list[UnitCandidate]:
    """ "Kastanjen" first, "Dagverksamheten Kastanjen" elsewhere in the mail: the name in its
    full form, with the type word the mail gives it."""
    if not candidates or ends_in_type(candidates[0].name) or has_type_word(candidates[0].name):
        return candidates
    short = candidates[0].name.casefold()
    # The body's form before the subject's ("Dagverksamheten Kastanjen", not "Anmälan
    # dagverksamhet Kastanjen").
    for c in sorted(candidates[1:], key=lambda c: c.source == "subject"):
        rest = c.name.casefold().replace(short, " ", 1).split()
        if short in c.name.casefold() and rest and all(w in unit_words().types for w in rest):
            return [replace(c, weight=candidates[0].weight), *candidates]
    return candidates
