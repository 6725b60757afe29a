"""Where a unit's own name begins when something else is written before it: the
organisation before a dash in a subject, or the kind of unit in lower case before a name
that carries its own type word."""

from __future__ import annotations

import re

from bot.signups.extract.organisations import find_organisations
from bot.signups.extract.unitwords import has_type_word, unit_words


def after_organisation(rest: str) -> str:
    """ "Anmälan Miljöförvaltningen – Tillsyn Söder, chef …": a subject that opens with the
    organisation and a dash names the unit after the dash."""
    orgs = find_organisations(rest)
    if not orgs or orgs[0].position != 0:
        return rest
    after = rest[len(orgs[0].written) :]
    dash = re.match(r"\s+[–—-]\s+|\s*/\s*", after)
    return after[dash.end() :] if dash else rest


def own_name(phrase: str | None, span: str) -> str | None:
    """ "vårt äldreboende Attendo Äldreboende Ekbacken": the kind, written in lower case,
    describes; the name after it, with a type word of its own, is the unit's."""
    kind = re.match(r"(\w[\w-]*) (.+)", phrase or "")
    if (
        kind
        and kind.group(1).casefold() in unit_words().types
        and re.search(rf"(?<!\w){re.escape(kind.group(1).casefold())} ", span)
        and has_type_word(kind.group(2))
        and kind.group(2).split()[0].casefold() not in unit_words().types
    ):
        return kind.group(2)
    return phrase
