"""Find the unit's name wherever the mail gives it, as evidence weighed rather than first match.

Candidates come from the sentence that signs up ("Vi på …", "… anmäler sig", "We at …"),
from unit-type phrases in the subject, the body and the signature ("förskolan Humlan",
"Solbackens förskola", "Rinkebyskolan"), each with a weight for how surely that place
names the unit. The type words and titles are data, in `words.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from bot.signups.extract.organisations import find_organisations
from bot.signups.extract.vocabulary import UPPER as _UP
from bot.signups.extract.vocabulary import words_data

_CAP = rf"(?:S:ta?|[{_UP}0-9][\w&'’-]*)"  # "S:t Eriks": Sankt
# "Årsta gård", "Hässelby strand": a place name may end in a lower-case word.
_PLACE_END = r"(?:[ ](?:gård|strand|torg|backe|park|hage|holme|udde|gärde)(?![\w-]))?"
_NAME_PART = rf"{_CAP}(?:[ ](?:{_CAP}|&[ ]{_CAP}|och[ ]{_CAP}))" + "{0,2}" + _PLACE_END


@dataclass(frozen=True)
class UnitCandidate:
    """A name the mail may give for the unit, how surely (weight) and where (evidence)."""

    name: str
    weight: float
    position: int
    source: str


@dataclass(frozen=True)
class _Words:
    typed: re.Pattern[str]
    titles: frozenset[str]
    types: frozenset[str]
    endings: tuple[str, ...]


def _ascii(word: str) -> str:
    return word.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))


@cache
def _words() -> _Words:
    data = words_data()
    # A mail from an ASCII keyboard writes "Forskolan"; the type word is the same.
    unit_types = {*data["unit_types"], *(_ascii(t) for t in data["unit_types"])}
    types = "|".join(re.escape(t) for t in sorted(unit_types, key=len, reverse=True))
    endings = "|".join(
        re.escape(e) for e in {*data["compound_endings"], *map(_ascii, data["compound_endings"])}
    )
    typed = re.compile(
        rf"(?<![\w-])(?:(?i:{types})(?:[ ](?:i|på)(?=[ ][{_UP}]))?[ ]{_NAME_PART}"
        rf"|{_CAP}(?:[ ]{_CAP})?[ ](?i:{types})(?:[ ]{_NAME_PART})?"
        # "Park- och naturenheten", "Torg- och marknadsenheten": two compounds sharing an end.
        rf"|[{_UP}][\w]+-[ ](?:och|&)[ ][\w-]*(?:{endings}|{types})(?:[ ]{_NAME_PART})?"
        rf"|[{_UP}][\w-]{{2,}}(?:{endings})(?:[ ](?!Stockholms stad){_NAME_PART})?"
        rf"|[{_UP}][\w-]{{2,}}(?:{endings}))(?![\w-])"
    )
    return _Words(
        typed,
        frozenset(t.casefold() for t in data["titles"]),
        frozenset(t.casefold() for t in data["unit_types"]),
        tuple({*data["compound_endings"], *(t for t in data["unit_types"] if len(t) >= 5)}),
    )


_CONTEXTS = [
    re.compile(
        r"(?i:\bvi\s+(?:på|vid|i|är|från)|\b(?:från|av)\s+oss\s+(?:på|vid|i)|\bvi\s+som\s+(?:arbetar|jobbar)\s+(?:på|vid|i)"
        r"|\b(?:medarbetarna|personalen|alla)\s+(?:på|vid|i)|\bwe\s+at|\bwe\s+are"
        # "Jag skriver för Parkeringsövervakningen Innerstad": the writer speaks for the unit.
        r"|\bskriver\s+(?:för|å|på\s+uppdrag\s+av)"
        r"|\bon\s+behalf\s+of)\s+(?=(?P<unit>.{3,80}))"
    ),
    re.compile(
        r"(?i:\banmäler\s+sig\s+(?!till\b)|\banm[äa]l(?:a|er|e?s)\s+(?:härmed\s+|gärna\s+)?|\banmälan\s+(?:till\s+(?:årets\s+)?"
        r"kvalitetsutmärkelse\w*(?:\s+20\d\d)?\s+)?(?:för|från|av)\s+|\banmälan\s+(?:avser|gäller)\s+"
        r"|\bregister\s+|\bsign\s+up\s+|(?<!vår\s)(?<!min\s)(?<!er\s)\banmälan\s*:\s+|\bdet\s+gäller\s+"
        # "vi heter Tensta träffpunkt för seniorer", "rätt namn är …": the unit's own name.
        r"|\bvi\s+heter\s+|\b(?:verksamheten|enheten)\s+heter\s+|\b(?:rätt|korrekt)\s+namn\s+är\s+)"
        r"(?=(?P<unit>.{3,80}))"
    ),
    # The unit before the verb: found by the verb, then read backwards (see _before_verb).
    re.compile(
        r"(?i:\bvill\s+(?:gärna\s+|härmed\s+){0,2}(?:anmäla|vara\s+med|delta)"
        r"|\banmäler\s+(?:sig|härmed)|\bdeltar\b|\bwould\s+like\s+to"
        r"|\b(?:wish(?:es)?|wants?|plans?|intends?)\s+to)"
    ),
]
# A verb whose subject is the unit itself ("Parkleken Sätra vill vara med"); "X vill anmäla Y"
# has the one who signs up as its subject, and Y follows the verb.
_OWN_VERB = re.compile(
    r"(?i)\bvill\s+(?:gärna\s+|härmed\s+){0,2}(?:anmäla\s+(?:sig|oss)|vara\s+med|delta|medverka)"
    r"|\banmäler\s+(?:sig|oss)|\bdeltar\b"
    r"|\b(?:would\s+like|wish(?:es)?|wants?|plans?|intends?)\s+to\s+(?:take\s+part|participate|sign\s+up"
    r"|join|register|enter)"
)
_PLAIN = re.compile(_NAME_PART)
_STOP = re.compile(
    r"(?i)^(?:oss|sig|er|vi|jag|härmed|gärna|till|the|our|us|kvalitetsutmärkelse\w*|KU[\s-]?20\d\d"
    r"|stockholms?(?: stad)?|hej|hello)$"
)


_MAX_CANDIDATES = 40
_COMPANY = re.compile(rf"({_CAP}(?:[ ]{_CAP}){{0,3}})[ ](?:AB|ek\.?[ ]?för\.?)(?!\w)")
# A phrase that opens with one of these is a sentence about someone, not a unit's name.
_NOT_SUBJECT = re.compile(
    r"(?i)^(?:vi|jag|hej|hejsan|hello|hi|dear|nu|här|härmed|även|också|det|den|detta|denna"
    r"|som|om|då|så|ja|nej|tack|the|our|we|i|my|alla|en|ett|a|an|this|it|medarbetarna"
    r"|personalen|staff|on\s+behalf)\b"
)
_POSSESSIVE = re.compile(r"(?i)^(?:vår|vårt|våra|sin|sitt|sina|min|mitt|er|ert|our|my|their)\s+")
_VERBISH = re.compile(
    r"(?i)\b(?:vi|jag|oss|som|har|är|ska|kommer|vill|kan|blir|we|is|are|has|will|would)\b"
)
# Where a unit's name ends in a sentence: punctuation, a dash, "till/för/i år", an aside.
_PHRASE_END = re.compile(
    r"\s*(?:[,.;:!?]|\s[-–—]\s|\s(?:till|för|inom|med|sedan|to|for|in|with|at|within|på|vid)\b"
    r"|\s(?:vill|anmäler|anmäla|är|har|ska|kommer|kan|skulle|blir|would|is|are|will|has)\b"
    r"|\s(?:och|and)\s+(?:vill|anmäler|har|är|ska|would|want|are|vi|jag|we|I)\b"
    r"|\s(?:want|wants|wish|I|(?i:vi|jag|we))\b"
    # A picture character ends the phrase as a full stop would: "Trollskogen 🌳 Chef: …".
    r"|\s*[\u2600-\u27bf\U0001f000-\U0001faff])"
)
_LEADING_FILLER = re.compile(r"(?i)^(?:(?:härmed|gärna|nu|också|även|in|vi|we|jag)\s+)+")
_MAX_PHRASE_WORDS = 7


def _proper_name(name: str) -> bool:
    """True when a name holds more than its type words ("Storskogens förskola", not "Öppna
    förskolan"), so that a place after it is only where the unit is."""
    types = "|".join(re.escape(t) for t in sorted(_words().types, key=len, reverse=True))
    rest = re.sub(rf"(?i)(?<![\w-])(?:{types})(?![\w-])", " ", name)
    # "Fältassistenterna i Skarpnäck": people named by their job are no name of their own.
    rest = " ".join(w for w in rest.split() if not _job_plural(w))
    return bool(re.search(rf"[{_UP}0-9]", rest))


def _job_plural(word: str) -> bool:
    """ "Fältassistenterna", "Socialsekreterarna": the people of a title, all together."""
    folded = word.casefold()
    stems = {folded.removesuffix("erna"), folded.removesuffix("na"), folded[:-4] + "are"}
    return folded.endswith("na") and bool(stems & _words().titles)


def _ends_in_type(text: str) -> bool:
    """ "Stadsarkivets enhet", "Mottagningsenheten": a kind of unit that "för …" may name."""
    words = text.casefold().split()
    if not words:
        return False
    endings = ("enheten", "enhet", "avdelningen", "avdelning", "sektionen", "gruppen", "teamet")
    last = words[-1]
    return (
        last in _words().types or " ".join(words[-2:]) in _words().types or last.endswith(endings)
    )


_SMALL_WORDS = frozenset({"och", "i", "för", "på", "vid", "&", "-"})


def _lower_case_name(words: list[str]) -> bool:
    """ "kista hemtjänst", "enheten för markanvisning", "driftgruppen Henriksdal": a name
    written from its first letter in lower case, known by its type word, with more than the
    type word (not "enheten" alone)."""
    folded = [w.casefold().strip(",.") for w in words]
    if folded[0] in _SMALL_WORDS:
        return False
    typed = [w in _words().types or any(w.endswith(e) for e in _words().endings) for w in folded]
    own = [
        w[:1].isupper() or (not t and f not in _SMALL_WORDS) or _task_compound(f)
        for w, f, t in zip(words, folded, typed, strict=True)
    ]
    # The type word opens the name ("enheten för markanvisning") or follows one word
    # ("kista hemtjänst"); a longer run of lower-case words is a sentence going on.
    return any(own) and (
        (typed[0] and len(words) <= 4) or (typed[1:2] == [True] and len(words) == 2)
    )


def _compound_type(word: str) -> bool:
    """ "förvaltningsenhet", "driftgruppen": a type word made specific by what it is joined
    to, so part of a name rather than a description of it."""
    word = word.casefold()
    return any(word.endswith(e) and len(word) > len(e) + 2 for e in _words().endings)


def _task_compound(word: str) -> bool:
    """ "evenemangsservice", "markupplåtelseenheten": a compound that names a unit by its task,
    where "förskolan" or "förvaltningsenhet" only say what kind of unit it is."""
    return _compound_type(word) and word.casefold() not in _words().types


# An English name with the unit's Swedish name after it in brackets.
_SWEDISH_NAME = re.compile(
    r"(?:our\s+\w+,\s+)?[^(),.]{2,50}?\b(?i:library|nursing\s+home|care\s+home|preschool|school"
    r"|home\s+care|youth\s+centre|centre|center|team|unit|department)\s*\(([^)]{3,60})\)"
)


# ", område Söderort", ", avdelning Björken": the part of a larger whole the unit is.
_PART_OF = re.compile(rf"[ ](?:område|avdelning|sektion|enhet)[ ]{_CAP}")
# "Bygglovsavdelningen, enheten för småhus, …": a department, then the unit within it.
_DEPARTMENT_END = re.compile(r"(?i)(?:avdelning|förvaltning|kontor)(?:en|et)?$")
_INNER_PART = re.compile(rf"[ ]*(?:enheten|sektionen|gruppen)[ ](?:för[ ][a-zåäö]|{_CAP})")


def _inner_part(span: str, comma: int) -> bool:
    """True when the comma at `comma` leads from a department to the unit within it."""
    return bool(_DEPARTMENT_END.search(span[:comma].strip()) and _INNER_PART.match(span, comma + 1))


def _phrase(span: str) -> str | None:
    """The unit's name at the start of `span`, in its natural full form, or None.

    Swedish units often carry no type word or write part of the name in lower case
    ("Nätdrift", "Farsta sim- och idrottshall", "Enheten för ekonomiskt bistånd
    Skärholmen"), so the name is the phrase up to where the sentence goes on: a comma,
    "till Kvalitetsutmärkelsen", "på <förvaltningen>". A place after a proper name
    ("Förskolan Vitsippan i Kärrtorp") is where the unit is, not its name; "Öppna
    förskolan i Husby" is named by its place.
    """
    swedish = _SWEDISH_NAME.match(span)
    if swedish and _words().typed.fullmatch(swedish.group(1).strip()):
        return _tidy(swedish.group(1))  # "Hornstull Library (Hornstulls bibliotek)"
    span = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)?", " ", span)).strip()
    span = _LEADING_FILLER.sub("", span)
    # English: "Stokab's Customer Operations team" is the team of that company.
    span = re.sub(rf"^(?:{_CAP}[ ]){{0,3}}{_CAP}['’]s[ ](?=[{_UP}])", "", span)
    owned = _POSSESSIVE.match(span)
    if owned:
        # "sin avdelning Kundservice & Tillstånd": the generic word describes, the name follows.
        rest = span[owned.end() :]
        named = re.match(rf"[a-zåäö][\w-]*(?:[ ]och[ ][\w-]+)?,?[ ](?:the[ ])?(?=[{_UP}])", rest)
        if named and _compound_type(named.group(0).strip(" ,")):
            span = rest  # "vår förvaltningsenhet Söder": a compound is part of the name
        elif not named and _task_compound(rest.split(" ")[0].strip(",.")):
            span = rest  # "sin evenemangsservice": a compound names the unit by its task
        elif not named and not re.match(rf"[{_UP}]", rest):
            return None
        else:
            span = rest[named.end() :] if named else rest  # "vår Förvaltningsenhet Söderort"
    span = re.sub(rf"^(?:the|The)[ ](?=[{_UP}])", "", span)  # "our team, the Network …"
    end = _PHRASE_END.search(span, 1)
    if end and end.group(0).strip() == "," and _inner_part(span, end.start()):
        return _phrase(span[end.end() :])
    owner = re.match(r"(.{3,60}?)[ ](?:på|hos|at)[ ]([^,.;:!?]+)", span)
    if owner and (orgs := find_organisations(owner.group(2))) and orgs[0].position == 0:
        # "Rum för barn på Kulturhuset": the name runs up to the organisation that owns it.
        end = re.compile(r"[ ]").search(span, len(owner.group(1)))
    part = _PART_OF.match(span, end.end()) if end and end.group(0) == "," else None
    if part:
        end = _PHRASE_END.search(span, part.end())  # "Kulturskolan Stockholm, område Söderort"
    if end and end.group(0).strip() == "för" and _ends_in_type(span[: end.start()]):
        # "Enheten för ekonomiskt bistånd", "Stadsarkivets enhet för digital arkivering"
        end = _PHRASE_END.search(span, end.end())
    if end and end.group(0).strip() in {"vid", "på"} and not _proper_name(span[: end.start()]):
        # "driftenheten vid Skogskyrkogården": a unit without a name of its own is named by
        # its place; "Kundservice på Bostadsförmedlingen" is the company's.
        place = _PLAIN.match(span, end.end() + 1)
        if place and not find_organisations(place.group(0)):
            end = _PHRASE_END.search(span, place.end())
    phrase = (span[: end.start()] if end else span).strip()
    place = re.match(rf"(.+?)[ ]i[ ][{_UP}][\w-]*(?:[ ][\w-]+)?$", phrase)
    if place and _proper_name(_without_owner(place.group(1))):
        phrase = place.group(1)  # not "Familjebostäders kundcenter", named by its place
    within = re.match(r"(.+?)[ ]i[ ](.+)$", phrase)
    if within and find_organisations(within.group(2)):
        phrase = within.group(1)  # "Gruppbostaden Åkeshov i Bromma stadsdelsförvaltning"
    phrase = re.sub(r"(?i)[ ](?:team|unit|department|section)$", "", phrase)
    words = phrase.split()
    if not words or len(words) > _MAX_PHRASE_WORDS:
        return None
    own = _without_owner(phrase)
    capital = re.match(rf"[{_UP}0-9]", phrase) or re.match(rf"[{_UP}0-9]", own)
    if not capital and not _lower_case_name(own.split()):
        return None
    if _NOT_SUBJECT.match(phrase) or _VERBISH.search(phrase):
        return None
    return _tidy(phrase)


@cache
def _department() -> re.Pattern[str]:
    sectors = "|".join(re.escape(s) for s in sorted(words_data()["sectors"], key=len, reverse=True))
    return re.compile(rf"(?i)(?:avdelning|enhet|sektion|område)\w*[ ]för[ ](?:{sectors})")


def _usable(name: str) -> bool:
    if len(name) < 3 or _STOP.match(name) or name.casefold() in _words().titles:
        return False
    if name.casefold().removesuffix("en") in _PART_WORDS:
        return False  # "Enheten" alone names no unit
    if _department().fullmatch(name):
        return False
    orgs = find_organisations(name, bare_districts=True)
    if not (orgs and orgs[0].written.casefold() == name.casefold()):
        return True
    # "Förvaltningsområde Söder" of a property company: the type word says it is a unit.
    return name.split()[0].casefold() in _words().types and not orgs[0].weak


_GREETING = re.compile(r"(?i)^(?:hej|hejsan|hallå|tjena|hello|hi|dear|god\s+(?:morgon|dag))[\s,!]+")
# Words for a part of an organisation that only say what kind of part the name is:
# "Fastighetskontorets enhet Lokalförsörjning", "Avdelningen Kundservice".
_PART_WORDS = {"enhet": "Enheten", "avdelning": "Avdelningen", "sektion": "Sektionen"}
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


def _without_owner(name: str) -> str:
    """The unit's own name without the organisation that owns it, where the mail joins the
    two: "Kundcenter på Stockholm Parkering", "Drift och underhåll hos Stokab" and
    "Stadsledningskontorets enhet för data och analys" name "Kundcenter", "Drift och
    underhåll" and "Enheten för data och analys"."""
    at = re.match(r"(.+?)[ ](?:på|hos|vid|inom|at)[ ](.+)$", name)
    if at and (orgs := find_organisations(at.group(2))) and orgs[0].written == at.group(2):
        name = at.group(1)
    words = name.split()
    for k in range(min(4, len(words) - 1), 0, -1):
        if _owner(words[:k], " ".join(words[k:])):
            words = words[k:]
            if len(words) == 1 and re.search(r"..(?:enhet|avdelning|sektion)$", words[0]):
                # "Fastighetskontorets Markupplåtelseenhet" is the Markupplåtelseenheten.
                words[0] += "en"
            break
    else:
        if len(words) < 2 or words[0].capitalize() not in _PART_WORDS.values():
            return name
        words = [words[0].casefold().removesuffix("en"), *words[1:]]
    part = words[0].casefold() if len(words) > 1 else ""
    if part in _PART_WORDS and re.match(rf"[{_UP}]", words[1]):
        words = words[1:]  # "enhet Lokalförsörjning omsorg": the name follows
    elif part in _PART_WORDS and words[1] == "för":
        words = [_PART_WORDS[part], *words[1:]]  # "enhet för data" is "Enheten för data"
    elif part.removesuffix("en") in _PART_WORDS and len(words) > 1:
        words[0] = _PART_WORDS[part.removesuffix("en")]
    return " ".join(words)


def _tidy(name: str) -> str:
    name = name.split("|")[-1]  # "Principal | Internationella Engelska Skolan Hägersten"
    name = _GREETING.sub("", name)
    # "Föräldrakooperativet Myrstacken ekonomisk förening": the legal form is the owner's.
    name = re.sub(
        r"(?i)\s+(?:ekonomisk\s+förening|ek\.?\s?för\.?)$", "", name
    )  # "Hej\nFritidsgården Pinnen anmäler sig", run together
    name = _without_owner(re.sub(r"\s*\([^)]*\)?", "", name).strip(" ,.;:-–\"“”'"))
    return name[:1].upper() + name[1:]


def _written_lower(name: str, text: str) -> bool:
    """True when the text writes the name from a lower-case letter ("kista hemtjänst"), not
    as the noun after its owner's name ("Familjebostäders kundcenter i Farsta")."""
    lower = name[:1].lower() + name[1:]
    if name in text or lower not in text:
        return False
    before = text[: text.index(lower)].split()
    return not (before and _owner(before[-1:], name))


# "Tensta gymnasium – nej förlåt, Tensta grundskola": the writer puts a slip right at once.
_SELF_CORRECTION = re.compile(
    r"(?i)\s*[-–—,]?\s*(?:\bnej|\bnä)?[,\s]*\b(?:förlåt|ursäkta|jag\s+menar|menar\s+jag"
    rf"|rättare\s+sagt|eller\s+snarare|I\s+mean|sorry)\b(?:[,:]\s*|\s+(?=(?-i:[{_UP}0-9\"“])))"
)


def _corrected(span: str) -> str:
    """The span from the name the writer put right in its place, if the sentence does so."""
    fix = _SELF_CORRECTION.search(span)
    if fix is None or re.search(r"[.!?\n]", span[: fix.start()]):
        return span
    return span[fix.end() :]


@cache
def _called() -> re.Pattern[str]:
    """ "Boendet heter …", "Förskolan heter …": a kind of unit, then the unit's own name."""
    kinds = "|".join(re.escape(t) for t in sorted(_words().types, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w-])(?:{kinds})\s+heter\s+(?=(?P<unit>.{{3,80}}))")


def _after_lead_in(text: str) -> list[UnitCandidate]:
    """ "Vi på förskolan Humlan …", "anmäla Parkleken Sätra …": the unit follows."""
    found = []
    for pattern in (*_CONTEXTS[:2], _called()):
        for match in pattern.finditer(text):
            span, start = _corrected(match.group("unit").split("\n")[0]), match.start("unit")
            typed = _words().typed.match(span)
            phrase = _phrase(span)
            if phrase:
                # A name written in lower case gives way to a capitalised one in the sentence.
                weight = 3.9 if _written_lower(phrase, span) else 4.2
                found.append(UnitCandidate(phrase, weight, start, "sentence"))
            if typed:
                found.append(UnitCandidate(_tidy(typed.group(0)), 4.0, start, "sentence"))
            elif plain := _PLAIN.match(span):
                found.append(UnitCandidate(_tidy(plain.group(0)), 3.0, start, "sentence"))
    return found + _managed(text)


# "Jag är chef för Kista träff", "rektor på Rinkebyskolan": the unit the writer leads. It
# says less than a sentence that signs the unit up, and more than a name in the body.
_MANAGER_OF = re.compile(
    r"(?i)\bjag\s+är\s+(?:\w+\s+){0,2}?(?:\w*chef|\w*rektor|föreståndare)\s+(?:för|på|vid)\s+"
    r"(?=(?P<unit>.{3,80}))"
)


def _managed(text: str) -> list[UnitCandidate]:
    found = []
    for match in _MANAGER_OF.finditer(text):
        span = match.group("unit").split("\n")[0]
        typed = _words().typed.match(span)
        name = _tidy(typed.group(0)) if typed else _phrase(span)
        if name and re.match(rf"[{_UP}0-9]", name):
            found.append(UnitCandidate(name, 3.2, match.start("unit"), "sentence"))
    return found


def _before_verb(text: str) -> list[UnitCandidate]:
    """ "Parkleken Sätra vill gärna vara med": the unit ends where the verb starts."""
    found = []
    for match in _CONTEXTS[2].finditer(text):
        start = max(text.rfind(c, 0, match.start()) for c in ".!?\n") + 1
        subject = _corrected(_GREETING.sub("", text[start : match.start()].strip()))
        head = subject.split(",")[0]
        whole = _PART_OF.match(subject, len(head) + 1) or _inner_part(subject, len(head))
        head = subject if whole else head
        phrase = _phrase(head) if _OWN_VERB.match(text, match.start()) else None
        if phrase:
            weight = 3.9 if _written_lower(phrase, subject) else 4.5
            found.append(UnitCandidate(phrase, weight, start, "sentence"))
        span = _corrected(text[max(start, match.start() - 80) : match.start()].rstrip())
        # "Kundcenter i Farsta (Område Söder) vill …": an aside in brackets is not the subject.
        span = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), span).rstrip()
        typed = list(_words().typed.finditer(span))
        plain = re.search(rf"{_NAME_PART}$", span)
        # "Förskolan Regnbågen i Bagarmossen anmäler sig": the typed name, not the place.
        if typed:
            found.append(UnitCandidate(_tidy(typed[-1].group(0)), 4.0, start, "sentence"))
        elif plain:
            found.append(UnitCandidate(_tidy(plain.group(0)), 3.0, start, "sentence"))
    return found


# "en liten fristående förskola i X", "vårt vård- och omsorgsboende", "Our preschool": a
# description of the unit, not its name.
_DESCRIBER = r"(?:en|ett|vår|vårt|våra|min|mitt|sin|sitt|er|ert|our|my|a|an|the)"
_DESCRIBED = re.compile(rf"(?i)(?<!\w){_DESCRIBER}[ ](?:[a-zåäö][\w-]*[ ]){{0,2}}$")


def _named(text: str) -> list[re.Match[str]]:
    return [
        m
        for m in _words().typed.finditer(text)
        if not re.match(rf"(?i){_DESCRIBER}[ ]", m.group(0))
        and not (
            m.group(0)[0].islower() and _DESCRIBED.search(text[max(0, m.start() - 40) : m.start()])
        )
    ]


def _typed(text: str, weight: float, source: str) -> list[UnitCandidate]:
    return [UnitCandidate(_tidy(m.group(0)), weight, m.start(), source) for m in _named(text)]


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
        w[0].isupper() or w[0].isdigit() or w.casefold() in _words().types or w in small
        for w in name.split()
    )


def unit_candidates(subject: str, body: str, signature: str) -> list[UnitCandidate]:
    """Every candidate for the unit's name, strongest first (then earliest)."""
    subject = re.sub(r"(?i)^\s*(?:(?:re|sv|vs|vb|fw|fwd)\s*:\s*)+", "", subject)
    subject = re.sub(
        r"(?i)\b(?:anmälan|anmäler\s+sig|anmälning|kvalitetsutmärkelse\w*|KU(?:[\s-]?20\d\d)?|sign[\s-]?up"
        r"|registration|quality\s+award|20\d\d)\b",
        " ",
        subject,
    )
    # "Anmälan – Nätverksteamet": the subject alone may name a unit without a type word.
    rest = re.sub(
        r"(?i)^[\s\-–—:,.!|/]*(?:(?:till|för|från|to|for)\b[\s\-–—:,.!|/]*)*", "", subject
    )
    named = _phrase(rest)
    if named and not _subject_name(named):
        named = None
    candidates = [
        *_after_lead_in(body),
        *_before_verb(body),
        *_typed(subject, 3.5, "subject"),
        *([UnitCandidate(named, 2.5, 0, "subject")] if named else []),
        *_typed(body, 2.0, "body"),
        *_typed(signature, 1.5, "signature"),
    ]
    ranked = sorted(candidates, key=lambda c: (-c.weight, c.position))
    # A company the mail names with its "AB" elsewhere ("Aleris Omsorg AB") is the
    # organisation even where the mail leaves the "AB" out.
    companies = {m.group(1).casefold() for m in _COMPANY.finditer(f"{body}\n{signature}")}
    usable = [
        c
        for c in ranked[:_MAX_CANDIDATES]
        if _usable(c.name) and c.name.casefold() not in companies
    ]
    return _full_form_first(_body_form_first(usable))


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
    if not candidates or _ends_in_type(candidates[0].name) or _has_type(candidates[0].name):
        return candidates
    short = candidates[0].name.casefold()
    # The body's form before the subject's ("Dagverksamheten Kastanjen", not "Anmälan
    # dagverksamhet Kastanjen").
    for c in sorted(candidates[1:], key=lambda c: c.source == "subject"):
        rest = c.name.casefold().replace(short, " ", 1).split()
        if short in c.name.casefold() and rest and all(w in _words().types for w in rest):
            return [replace(c, weight=candidates[0].weight), *candidates]
    return candidates


def _has_type(name: str) -> bool:
    return any(w in _words().types for w in name.casefold().split())


def is_unit_name(text: str) -> bool:
    """True unless the text is a title, an organisation or a department over many units."""
    return _usable(text) and not is_title(text)


def is_title(text: str) -> bool:
    """True when the text is only a job title ("Förskollärare"), never a unit's name."""
    first = re.split(r"[,/|]", text)[0].strip().casefold()
    return first in _words().titles


def typed_units(text: str) -> list[str]:
    """The unit names in a text that say what kind of unit they are, in order."""
    # "Förskolan Stjärnan och Förskolan Månen" is two names, each with its type word.
    types = "|".join(re.escape(t) for t in sorted(_words().types, key=len, reverse=True))
    text = re.sub(rf"[ ](och|samt|&)[ ](?=(?i:{types})[ ])", r", \1 ", text)
    names = (_tidy(m.group(0)) for m in _named(text))
    return [name for name in names if _usable(name)]
