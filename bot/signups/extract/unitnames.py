"""Find the unit's name wherever the mail gives it, as evidence weighed rather than first match.

Candidates come from the sentence that signs up ("Vi på …", "… anmäler sig", "We at …"),
from unit-type phrases in the subject, the body and the signature ("förskolan Humlan",
"Solbackens förskola", "Rinkebyskolan"), each with a weight for how surely that place
names the unit. The type words and titles are data, in `words.toml`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from bot.signups.extract.organisations import find_organisations
from bot.signups.extract.unitforms import UnitCandidate, chosen_form
from bot.signups.extract.unitkinds import after_organisation, own_name
from bot.signups.extract.unitlonger import longest_form
from bot.signups.extract.unitowners import GREETING, tidy_unit, unquoted, written_lower
from bot.signups.extract.unitplaces import with_whom_for
from bot.signups.extract.unitwords import (
    CAP,
    NAME_PART,
    PART_OF,
    PLAIN_NAME,
    corrected,
    ends_in_type,
    has_type_word,
    inner_part,
    phrase_name,
    unit_words,
    usable_name,
)
from bot.signups.extract.vocabulary import UPPER as _UP

# "vill", "önskar", "skulle vilja": the words a unit wants with, before "delta" or "anmäla".
_WANT = r"(?:vill|önskar|skulle\s+vilja)"

_CONTEXTS = [
    re.compile(
        r"(?i:\bvi\s+(?:på|vid|i|är|från)|\b(?:från|av)\s+oss\s+(?:på|vid|i)|\bvi\s+som\s+(?:arbetar|jobbar)\s+(?:på|vid|i)"
        r"|\b(?:medarbetarna|personalen|alla)\s+(?:på|vid|i)|\bwe\s+at|\bwe\s+are"
        # "Jag skriver för Parkeringsövervakningen Innerstad", "Jag skriver från
        # Mottagningsenheten vuxna": the writer speaks for the unit.
        r"|\bskriver\s+(?:för|från|å|på\s+uppdrag\s+av)"
        r"|\bon\s+behalf\s+of"
        # "Our unit, Invest Nord, is part of …", "vår enhet, Kundtjänst, …": the name set off.
        r"|\b(?:our|vår|vårt)\s+(?:unit|team|department|section|enhet|verksamhet|avdelning),)"
        r"\s+(?=(?P<unit>.{3,80}))"
    ),
    re.compile(
        r"(?i:\banmäler\s+sig\s+(?!till\b)|\banm[äa]l(?:a|er|e?s)\s+(?:härmed\s+|gärna\s+)?|\banmälan\s+(?:till\s+(?:årets\s+)?"
        r"kvalitetsutmärkelse\w*(?:\s+20\d\d)?\s+)?(?:för|från|av)\s+|\banmälan\s+(?:avser|gäller)\s+"
        r"|\bregister(?:ing|s)?\s+|\bsign(?:ing|s)?\s+up\s+|(?<!vår\s)(?<!min\s)(?<!er\s)\banmälan\s*:\s+|\bdet\s+gäller\s+"
        # "Stiftelsen X driver Boendet Y och vill …": a provider runs the unit.
        r"|\bdriver\s+"
        # "vi heter Tensta träffpunkt för seniorer", "rätt namn är …": the unit's own name.
        # "Alltså: Avdelningen för X, Y-förvaltningen.": a long mail's summing-up names it.
        r"|\b(?:alltså|kort\s+sagt|sammanfattningsvis|in\s+short|so)\s*:\s+"
        r"|\bvi\s+heter\s+|\b(?:verksamheten|enheten)\s+heter\s+|\b(?:rätt|korrekt)\s+namn\s+är\s+)"
        r"(?=(?P<unit>.{3,80}))"
    ),
    # The unit before the verb: found by the verb, then read backwards (see _before_verb).
    re.compile(
        rf"(?i:\b{_WANT}\s+(?:gärna\s+|härmed\s+){{0,2}}(?:anmäla|vara\s+med|delta|medverka)"
        r"|\banmäler\s+(?:sig|härmed)|\bdeltar\b|\bwould\s+like\s+to"
        r"|\b(?:wish(?:es)?|wants?|plans?|intends?)\s+to)"
    ),
]

# A verb whose subject is the unit itself ("Parkleken Sätra vill vara med"); "X vill anmäla Y"
# has the one who signs up as its subject, and Y follows the verb.
_OWN_VERB = re.compile(
    rf"(?i)\b{_WANT}\s+(?:gärna\s+|härmed\s+){{0,2}}(?:anmäla\s+(?:sig|oss)|vara\s+med|delta|medverka)"
    # "X anmäler härmed sin verksamhet": a reflexive possessive is the unit signing itself up.
    r"|\banmäler\s+(?:härmed\s+)?(?:sig|oss|sin|sitt|sina)\b|\bdeltar\b"
    r"|\b(?:would\s+like|wish(?:es)?|wants?|plans?|intends?)\s+to\s+(?:take\s+part|participate|sign\s+up"
    r"|join|register|enter)"
)

_MAX_CANDIDATES = 40

_COMPANY = re.compile(rf"({CAP}(?:[ ]{CAP}){{0,3}})[ ](?:AB|ek\.?[ ]?för\.?)(?!\w)")


@cache
def _called() -> re.Pattern[str]:
    """ "Boendet heter …", "Förskolan heter …": a kind of unit, then the unit's own name."""
    kinds = "|".join(re.escape(t) for t in sorted(unit_words().types, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w-])(?:{kinds})\s+heter\s+(?=(?P<unit>.{{3,80}}))")


def _after_lead_in(text: str) -> list[UnitCandidate]:
    """ "Vi på förskolan Humlan …", "anmäla Parkleken Sätra …": the unit follows."""
    found = []
    for pattern in (*_CONTEXTS[:2], _called()):
        for match in pattern.finditer(text):
            span, start = corrected(match.group("unit").split("\n")[0]), match.start("unit")
            span, start = _after_writer(span, start)
            typed = unit_words().typed.match(span)
            if typed is None and _WRITES_FROM.search(match.group(0)):
                continue  # "Jag skriver från Gmail": where from, unless a unit's name follows
            phrase = own_name(phrase_name(span), span)
            if phrase:
                # A name written in lower case gives way to a capitalised one in the sentence.
                weight = 3.9 if written_lower(phrase, span) else 4.2
                found.append(UnitCandidate(phrase, weight, start, "sentence"))
            if typed:
                found.append(UnitCandidate(tidy_unit(typed.group(0)), 4.0, start, "sentence"))
            elif plain := PLAIN_NAME.match(span):
                found.append(UnitCandidate(tidy_unit(plain.group(0)), 3.0, start, "sentence"))
    return found + _managed(text)


_WRITES_FROM = re.compile(r"(?i)\bskriver\s+från\s*$")

# "en anmälan från Eva Lind på Hemtjänst Norr": the one who signs, then the unit she is at.
_WRITER_AT = re.compile(rf"{CAP}(?:[ ]{CAP}){{0,4}}[ ](?:på|vid|at)[ ]")


def _after_writer(span: str, start: int) -> tuple[str, int]:
    """The unit after a name that has no type word, when what follows "på" has one."""
    at = _WRITER_AT.match(span)
    if at and not has_type_word(at.group(0)) and unit_words().typed.match(span, at.end()):
        return span[at.end() :], start + at.end()
    return span, start


# "Jag är chef för Kista träff", "rektor på Rinkebyskolan": the unit the writer leads. It
# says less than a sentence that signs the unit up, and more than a name in the body.
_MANAGER_OF = re.compile(
    r"(?i)(?:\b(?:jag|och)\s+är\s+(?:\w+\s+){0,2}?(?:\w*chef|\w*rektor|föreståndare)\s+(?:för|på|vid)\s+"
    # "I'm the manager of Customer Service at …": the same in English.
    # "I am Head of Unit for Team X": the title's own "of Unit" is not the unit.
    r"|\bI(?:'m|’m|\s+am)\s+(?:the\s+)?(?:head\s+of\s+(?:the\s+)?(?:unit|department|section"
    r"|division|operations|service)\s+|(?:\w+\s+)?(?:manager|head|director|principal)\s+)"
    r"(?:of|for)\s+)"
    r"(?=(?P<unit>.{3,80}))"
)


def _managed(text: str) -> list[UnitCandidate]:
    found = []
    for match in _MANAGER_OF.finditer(text):
        span = match.group("unit").split("\n")[0]
        typed = unit_words().typed.match(span)
        phrase = phrase_name(span)
        name = with_whom_for(tidy_unit(typed.group(0)), phrase) if typed else phrase
        if name and re.match(rf"[{_UP}0-9]", name):
            found.append(UnitCandidate(name, 3.2, match.start("unit"), "sentence"))
    return found


# A clause whose subject is a pronoun: "Kul att ni vill vara med", "Så bra att vi deltar".
_PERSON_SUBJECT = re.compile(r"(?i)\b(?:att|that)\s+(?:ni|vi|du|jag|de|dom|you|we|they)$")


def _before_verb(text: str) -> list[UnitCandidate]:
    """ "Parkleken Sätra vill gärna vara med": the unit ends where the verb starts."""
    found = []
    for match in _CONTEXTS[2].finditer(text):
        start = _clause_start(text, match.start())
        subject = corrected(GREETING.sub("", text[start : match.start()].strip()))
        subject = re.sub(r"(?i)[ ,]+(?:och|samt|and)$", "", subject)  # "X och vill vara med"
        if _PERSON_SUBJECT.search(subject):
            continue  # "Toppen att ni vill vara med": people want, not a unit named before
        head = subject.split(",")[0]
        whole = PART_OF.match(subject, len(head) + 1) or inner_part(subject, len(head))
        head = subject if whole else head
        apposition = None if whole else _apposition(subject)
        phrase = phrase_name(head) if _OWN_VERB.match(text, match.start()) else None
        if phrase and _dashed_name(head):
            phrase = tidy_unit(head)  # "Kulturskolan – Dans & Cirkus vill vara med"
        if apposition and _OWN_VERB.match(text, match.start()):
            phrase = tidy_unit(apposition)
        if phrase:
            weight = 3.9 if written_lower(phrase, subject) else 4.5
            found.append(UnitCandidate(phrase, weight, start, "sentence"))
        span = corrected(text[max(start, match.start() - 80) : match.start()].rstrip())
        # "Kundcenter i Farsta (Område Söder) vill …": an aside in brackets is not the subject.
        span = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), span).rstrip()
        typed = list(unit_words().typed.finditer(span))
        plain = re.search(rf"{NAME_PART}$", span)
        # "Förskolan Regnbågen i Bagarmossen anmäler sig": the typed name, not the place.
        if typed:
            name = tidy_unit(typed[-1].group(0))
            # "… Mottagningsenheten barn och unga och anmäler": lower-case words of the name.
            tail = re.sub(r"(?i)[ ,]+(?:och|samt|and)$", "", span[typed[-1].end() :])
            name = with_whom_for(name, phrase_name(name + tail) if tail else None)
            found.append(UnitCandidate(name, 4.0, start, "sentence"))
        elif plain:
            found.append(UnitCandidate(tidy_unit(plain.group(0)), 3.0, start, "sentence"))
    return found


# Where the clause that ends in the verb begins: after a sentence's end, a line's, a colon
# that opens a clause ("… kom vi fram till: X anmäler sig") or a smiley ("… :) X vill").
_CLAUSE_END = re.compile(r"[.!?\n]|:(?=\s)|[:;]-?[()DP](?!\w)|[\U0001F300-\U0001FAFF]")


def _clause_start(text: str, verb: int) -> int:
    ends = list(_CLAUSE_END.finditer(text, 0, verb))
    return ends[-1].end() if ends else 0


def _apposition(subject: str) -> str | None:
    """ "Socialförvaltningen, Stödcentrum för unga brottsoffer, anmäler …": the organisation,
    then the unit set off by commas, whole, small words and all."""
    parts = [p.strip() for p in subject.rstrip(" ,").split(",")]
    if len(parts) != 2 or not re.match(rf"[{_UP}]", parts[1]):
        return None
    orgs = find_organisations(parts[0])
    if not (orgs and orgs[0].written.casefold() == parts[0].casefold()):
        return None
    name = parts[1]
    if len(name.split()) > 6 or re.search(r"(?i)\b(?:vi|jag|som|och\s+(?:vi|jag))\b", name):
        return None
    return name


# A dash between two names that together open the sentence joins a unit to its part:
# "Kulturskolan – Dans & Cirkus vill vara med", "Biblioteket – Unga vuxna anmäler sig".
_DASHED = re.compile(rf"(?P<whole>{NAME_PART})[ ][–—-][ ](?P<part>{NAME_PART})")


def _dashed_name(head: str) -> bool:
    dashed = _DASHED.fullmatch(head.strip())
    if dashed is None:
        return False
    return all(
        usable_name(side) and not re.search(r"(?i)kvalitetsutmärkelse|20\d\d", side)
        for side in (dashed.group("whole"), dashed.group("part"))
    )


# "en liten fristående förskola i X", "vårt vård- och omsorgsboende", "Our preschool": a
# description of the unit, not its name.
_DESCRIBER = r"(?:en|ett|vår|vårt|våra|min|mitt|sin|sitt|er|ert|our|my|a|an|the)"

_DESCRIBED = re.compile(rf"(?i)(?<!\w){_DESCRIBER}[ ](?:[a-zåäö][\w-]*[ ]){{0,2}}$")


def _named(text: str) -> list[re.Match[str]]:
    return [
        m
        for m in unit_words().typed.finditer(text)
        if not re.match(rf"(?i){_DESCRIBER}[ ]", m.group(0))
        and not (
            m.group(0)[0].islower() and _DESCRIBED.search(text[max(0, m.start() - 40) : m.start()])
        )
    ]


def _typed(text: str, weight: float, source: str) -> list[UnitCandidate]:
    text = _paired(text)
    return [
        UnitCandidate(tidy_unit(_with_task(text, m)), weight, m.start(), source)
        for m in _named(text)
    ]


def _with_task(text: str, match: re.Match[str]) -> str:
    """ "Nattjouren för unga", "Mottagningen för våldsutsatta": a name that ends in a type
    word goes on with the task it is for, as far as a phrase of its own runs."""
    name = match.group(0)
    if not text.startswith(" för ", match.end()) or not ends_in_type(name):
        return name
    longer = phrase_name(text[match.start() :])
    return longer if longer and longer.startswith(name) else name


def _paired(text: str) -> str:
    """ "Förskolan Stjärnan och Förskolan Månen" is two names, each with its type word; a
    comma keeps them apart (and each keeps its place in the text, near enough)."""
    types = "|".join(re.escape(t) for t in sorted(unit_words().types, key=len, reverse=True))
    return re.sub(rf"[ ](och|samt|&)[ ](?=(?i:{types})[ ])", r", \1 ", text)


@cache
def _described_then_named() -> re.Pattern[str]:
    kinds = "|".join(re.escape(t) for t in sorted(unit_words().types, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?i:{_DESCRIBER})[ ](?i:{kinds})[ ](?P<name>{NAME_PART})")


def _described(text: str) -> list[UnitCandidate]:
    """ "vår förskola Norrgårdens Förskolan Eken": the description, then the unit's own name,
    which may open with its provider's."""
    return [
        UnitCandidate(tidy_unit(m.group("name")), 3.0, m.start("name"), "sentence")
        for m in _described_then_named().finditer(text)
        if has_type_word(m.group("name")) or ends_in_type(m.group("name"))
    ]


# Words a subject opens with that say what the mail is, not whom it is from.
_SUBJECT_WORDS = re.compile(
    r"(?i)^(?:fråga|frågor|angående|ang|info|information|påminnelse|tack|svar|ändring|rättelse|sen"
    r"|försenad|late"
    r"|komplettering|inbjudan|välkommen|nyhetsbrev|question|reminder|invitation|thanks)\b"
)


def _subject_name(name: str) -> bool:
    """True when a subject's phrase reads as a name: capitalised words, type words and the
    small words between them ("Farsta hemtjänst"), not "Fråga om" or "Påminnelse"."""
    if _SUBJECT_WORDS.match(name):
        return False
    small = {"och", "i", "för", "&", "-", "på"}
    return all(
        w[0].isupper() or w[0].isdigit() or w.casefold() in unit_words().types or w in small
        for w in name.split()
    )


def _without_organisation(name: str) -> str:
    """ "Anmälan KU 2027 / Kundtjänst ÖFV / chef Leif Andersson": a subject puts the
    organisation's abbreviation after the unit's name; it says whose the unit is."""
    orgs = find_organisations(name)
    last = orgs[-1] if orgs else None
    if last is None or not last.written.isupper() or not name.endswith(" " + last.written):
        return name
    return name[: -len(last.written)].strip()


# "det är hela förskolan som vill anmäla sig, inte bara vår avdelning": the writer's
# department ("avdelning Ugglan") is not what signs up.
_WHOLE = re.compile(
    r"(?i)\bhela\s+(?:förskolan|skolan|enheten|verksamheten|boendet)\b"
    r"|\bthe\s+whole\s+(?:preschool|school|unit)\b"
)
_DEPARTMENT = re.compile(r"(?i)avdelning(?:en)?[ ](?!för[ ])")


def unit_candidates(subject: str, body: str, signature: str) -> list[UnitCandidate]:
    """Every candidate for the unit's name, strongest first (then earliest)."""
    subject, body, signature = unquoted(subject), unquoted(body), unquoted(signature)
    subject = re.sub(r"(?i)^\s*(?:(?:re|sv|vs|vb|fw|fwd)\s*:\s*)+", "", subject)
    subject = re.sub(
        r"(?i)\b(?:\w*anmälan|anmäler\s+sig|anmälning|kvalitetsutmärkelse\w*|KU(?:[\s-]?20\d\d)?|sign[\s-]?up"
        r"|registration|quality\s+award|20\d\d)\b",
        " ",
        subject,
    )
    # "Anmälan – Nätverksteamet": the subject alone may name a unit without a type word.
    rest = re.sub(
        r"(?i)^[\s\-–—:,.!|/]*(?:(?:till|för|från|to|for)\b[\s\-–—:,.!|/]*)*", "", subject
    )
    named = phrase_name(after_organisation(rest))
    # "Ugglan/Skogsbacken": a subject joining two names (a department and its preschool)
    # names neither alone; the body says which one signs up.
    if named and (not _subject_name(named) or re.search(r"\w/\w", named)):
        named = None
    candidates = [
        *_after_lead_in(body),
        *_before_verb(body),
        *_described(body),
        *_typed(subject, 3.5, "subject"),
        *([UnitCandidate(named, 2.5, 0, "subject")] if named else []),
        *_typed(body, 2.0, "body"),
        *_typed(signature, 1.5, "signature"),
    ]
    candidates = [
        replace(c, name=_without_organisation(c.name)) if c.source == "subject" else c
        for c in candidates
    ]
    ranked = sorted(candidates, key=lambda c: (-c.weight, c.position))
    # A company the mail names with its "AB" elsewhere ("Aleris Omsorg AB") is the
    # organisation even where the mail leaves the "AB" out.
    companies = {m.group(1).casefold() for m in _COMPANY.finditer(f"{body}\n{signature}")}
    usable = [
        c
        for c in ranked[:_MAX_CANDIDATES]
        if usable_name(c.name) and c.name.casefold() not in companies
    ]
    if _WHOLE.search(body):
        usable = [c for c in usable if not _DEPARTMENT.match(c.name)] or usable
    chosen = chosen_form(usable, body, f"{subject}\n{signature}")
    return longest_form(chosen, rest, f"{body}\n{signature}")


def typed_units(text: str) -> list[str]:
    """The unit names in a text that say what kind of unit they are, in order."""
    text = _paired(text)
    names = (tidy_unit(_with_task(text, m)) for m in _named(text))
    return [name for name in names if usable_name(name)]
