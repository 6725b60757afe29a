"""What a unit's name looks like: its type words ("förskolan", "-enheten"), how a phrase
that names a unit is cut down to the name ("Kundcenter på Stockholm Parkering" is the
"Kundcenter"), and what is no unit's name (a title, a department over many units).

`unitnames` finds where a mail gives the name; the words are data, in `words.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.signups.extract.organisations import find_organisations
from bot.signups.extract.unitowners import PART_WORDS, tidy_unit, without_owner
from bot.signups.extract.vocabulary import UPPER as _UP
from bot.signups.extract.vocabulary import words_data

CAP = rf"(?:S:ta?|[{_UP}0-9][\w&'’-]*)"  # "S:t Eriks": Sankt

# "Årsta gård", "Hässelby strand": a place name may end in a lower-case word.
# "Vällingby centrum", "Hammarby sjöstad", "Spånga kyrka" too.
_PLACE_END = (
    r"(?:[ ](?:gård|strand|torg|backe|park|hage|holme|udde|gärde|centrum|sjöstad|kyrka|allé"
    r"|hamn|äng|dal|skog)(?![\w-]))?"
)

NAME_PART = rf"{CAP}(?:[ ](?:{CAP}|&[ ]{CAP}|och[ ]{CAP}))" + "{0,2}" + _PLACE_END


# "Östermalms förskolor område 2", "Hemtjänsten Bromma distrikt Nord": the numbered or named
# part of a larger whole belongs to the name.
_PART_TAIL = (
    rf"(?:[ ](?:område|distrikt|avdelning|sektion|enhet)[ ](?:\d+[A-Za-z]?|{CAP})(?![\w-]))?"
)


@dataclass(frozen=True)
class _Words:
    typed: re.Pattern[str]
    titles: frozenset[str]
    types: frozenset[str]
    endings: tuple[str, ...]


def _ascii(word: str) -> str:
    return word.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))


@cache
def unit_words() -> _Words:
    data = words_data()
    # A mail from an ASCII keyboard writes "Forskolan"; the type word is the same.
    unit_types = {*data["unit_types"], *(_ascii(t) for t in data["unit_types"])}
    types = "|".join(re.escape(t) for t in sorted(unit_types, key=len, reverse=True))
    endings = "|".join(
        re.escape(e) for e in {*data["compound_endings"], *map(_ascii, data["compound_endings"])}
    )
    typed = re.compile(
        rf"(?<![\w-])(?:(?i:{types})(?:[ ](?:i|på)(?=[ ][{_UP}]))?[ ]{NAME_PART}{_PART_TAIL}"
        rf"|{CAP}(?:[ ]{CAP})?[ ](?i:{types})(?:[ ]{NAME_PART})?{_PART_TAIL}"
        # "Park- och naturenheten", "Torg- och marknadsenheten": two compounds sharing an end.
        rf"|[{_UP}][\w]+-[ ](?:och|&)[ ][\w-]*(?:{endings}|{types})(?:[ ]{NAME_PART})?"
        rf"|[{_UP}][\w-]{{2,}}(?:{endings})(?:[ ](?!Stockholms stad){NAME_PART})?"
        rf"|[{_UP}][\w-]{{2,}}(?:{endings}))(?![\w-])"
    )
    return _Words(
        typed,
        frozenset(t.casefold() for t in data["titles"]),
        frozenset(t.casefold() for t in data["unit_types"]),
        tuple({*data["compound_endings"], *(t for t in data["unit_types"] if len(t) >= 5)}),
    )


PLAIN_NAME = re.compile(NAME_PART)

_STOP = re.compile(
    r"(?i)^(?:oss|sig|er|vi|jag|härmed|gärna|till|the|our|us|kvalitetsutmärkelse\w*|KU[\s-]?20\d\d"
    r"|stockholms?(?: stad)?|hej|hello)$"
)

# A phrase that opens with one of these is a sentence about someone, not a unit's name.
_NOT_SUBJECT = re.compile(
    r"(?i)^(?:vi|jag|hej|hejsan|hello|hi|dear|nu|här|härmed|även|också|det|den|detta|denna"
    # "it", not "IT Support": the letters in capitals are a unit's name.
    r"|som|om|då|så|ja|nej|tack|the|our|we|i|my|alla|en|ett|a|an|this|(?-i:[Ii]t)|medarbetarna"
    r"|personalen|staff|on\s+behalf)\b"
)

_POSSESSIVE = re.compile(
    r"(?i)^(?:vår|vårt|våra|sin|sitt|sina|min|mitt|er|ert|our|my|their|its)\s+"
)

_VERBISH = re.compile(
    r"(?i)\b(?:vi|jag|oss|som|har|är|ska|kommer|vill|kan|blir|driver|drivs|we|is|are|has|will|would)\b"
)

# Where a unit's name ends in a sentence: punctuation, a dash, "till/för/i år", an aside.
# Not the colon of a genitive: "SISAB:s Driftområde City" runs on to the unit's own name.
_PHRASE_END = re.compile(
    r"\s*(?:[,.;!?]|:(?!s\b)|\s[-–—]\s|\s(?:till|för|inom|med|sedan|to|for|in|with|at|within|på|vid)\b"
    r"|\s(?:vill|önskar|anmäler|anmäla|är|har|ska|kommer|kan|skulle|blir|would|is|are|will|has)\b"
    # "Hemtjänsten Y och hör till …": where it belongs, lies or is run is the sentence going on.
    r"|\s(?:tillhör|hör\s+till|ingår|ligger|finns|drivs|belongs|is\s+part)\b"
    r"|\s(?:och|and)\s+(?:vill|önskar|anmäler|har|är|ska|hör|tillhör|ingår|ligger|finns|drivs"
    r"|arbetar|jobbar|skickar|skriver|sänder|söker|hoppas|undrar|would|want|are|belongs?|vi|jag"
    r"|we|I)\b"
    r"|\s(?:want|wants|wish|I|(?i:vi|jag|we))\b"
    # "Träffpunkt Tallkrogen också vara med": an adverb is the sentence going on.
    r"|\s(?:också|även|gärna|härmed|redan|nu|verkligen|also|too)\b"
    # A picture character ends the phrase as a full stop would: "Trollskogen 🌳 Chef: …".
    r"|\s*[\u2600-\u27bf\U0001f000-\U0001faff])"
)

_LEADING_FILLER = re.compile(r"(?i)^(?:(?:härmed|gärna|nu|också|även|in|vi|we|jag)\s+)+")

_MAX_PHRASE_WORDS = 7


def proper_name(name: str) -> bool:
    """True when a name holds more than its type words ("Storskogens förskola", not "Öppna
    förskolan"), so that a place after it is only where the unit is."""
    types = "|".join(re.escape(t) for t in sorted(unit_words().types, key=len, reverse=True))
    rest = re.sub(rf"(?i)(?<![\w-])(?:{types})(?![\w-])", " ", name)
    # "Fältassistenterna i Skarpnäck": people named by their job are no name of their own.
    rest = " ".join(w for w in rest.split() if not _job_plural(w))
    return bool(re.search(rf"[{_UP}0-9]", rest))


def _job_plural(word: str) -> bool:
    """ "Fältassistenterna", "Socialsekreterarna": the people of a title, all together."""
    folded = word.casefold()
    stems = {folded.removesuffix("erna"), folded.removesuffix("na"), folded[:-4] + "are"}
    return folded.endswith("na") and bool(stems & unit_words().titles)


def ends_in_type(text: str) -> bool:
    """ "Stadsarkivets enhet", "Mottagningsenheten", "Nattjouren": a kind of unit that
    "för …" may name."""
    words = text.casefold().split()
    if not words:
        return False
    endings = (
        "enheten",
        "enhet",
        "avdelningen",
        "avdelning",
        "sektionen",
        "gruppen",
        "teamet",
        "jouren",
    )
    last = words[-1]
    return (
        last in unit_words().types
        or " ".join(words[-2:]) in unit_words().types
        or last.endswith(endings)
    )


_SMALL_WORDS = frozenset({"och", "i", "för", "på", "vid", "&", "-"})


def _lower_case_name(words: list[str]) -> bool:
    """ "kista hemtjänst", "enheten för markanvisning", "driftgruppen Henriksdal": a name
    written from its first letter in lower case, known by its type word, with more than the
    type word (not "enheten" alone)."""
    folded = [w.casefold().strip(",.") for w in words]
    if folded[0] in _SMALL_WORDS:
        return False
    typed = [
        w in unit_words().types or any(w.endswith(e) for e in unit_words().endings) for w in folded
    ]
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
    return any(word.endswith(e) and len(word) > len(e) + 2 for e in unit_words().endings)


def _named_by_place(head: str) -> bool:
    """ "Driftenheten på Norra begravningsplatsen": a unit called only by what kind it is, a
    type word or one compound of one ("Driftenheten", "Parkavdelningen"), takes its name from
    its place."""
    words = head.split()
    # A team is its people ("Terminalteamet på Värtaterminalen" is the terminal's); an
    # office's part is no one's and takes the place's name.
    word = words[0].strip(",.").casefold() if len(words) == 1 else ""
    lone = _compound_type(word) and word.endswith(("enheten", "avdelningen", "sektionen"))
    return lone or not proper_name(head)


def _task_compound(word: str) -> bool:
    """ "evenemangsservice", "markupplåtelseenheten": a compound that names a unit by its task,
    where "förskolan" or "förvaltningsenhet" only say what kind of unit it is."""
    return _compound_type(word) and word.casefold() not in unit_words().types


# An English name with the unit's Swedish name after it in brackets, the English one perhaps
# with its place ("customer centre in Hagsätra (Kundcenter Hagsätra)").
_SWEDISH_NAME = re.compile(
    r"(?:our\s+\w+,\s+)?[^(),.]{2,50}?\b(?i:library|nursing\s+home|care\s+home|preschool|school"
    r"|home\s+care|youth\s+centre|centre|center|team|unit|department|office|division|section)"
    r"(?:\s+(?:in|at)\s+[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?)?\s*\(([^)]{3,60})\)"
)
# "(Enheten för ställföreträdarstöd)": a Swedish unit named by its task is a name too.
FOR_TASK = re.compile(
    r"(?:Enheten|Avdelningen|Sektionen|Gruppen|Byrån|Kontoret)\s+för\s+[a-zåäö][\w-]+"
    r"(?:\s+(?:och\s+)?[a-zåäö][\w-]+){0,3}"
)

# ", område Söderort", ", avdelning Björken": the part of a larger whole the unit is.
PART_OF = re.compile(rf"[ ](?:område|avdelning|sektion|enhet)[ ]{CAP}")

# "Bygglovsavdelningen, enheten för småhus, …": a department, then the unit within it.
# "Miljöförvaltningens avdelning för tillsyn, enheten Livsmedel och hälsa": the department may
# carry its field after "för".
_DEPARTMENT_END = re.compile(
    r"(?i)(?:avdelning|förvaltning|kontor)(?:en|et)?(?:[ ]för[ ][\w-]+(?:[ ](?:och|&)[ ][\w-]+)?)?$"
)

_INNER_PART = re.compile(
    rf"[ ]*(?:enheten|sektionen|gruppen|verksamheten|teamet)[ ](?:för[ ][a-zåäö]|{CAP})"
)


def inner_part(span: str, comma: int) -> bool:
    """True when the comma at `comma` leads from a department, or from the organisation
    itself ("Vi på Omsorgsbolaget, enheten Boende syd, …"), to the unit within it."""
    head = span[:comma].strip()
    if not _INNER_PART.match(span, comma + 1):
        return False
    orgs = find_organisations(head) if head else []
    whole_org = bool(orgs) and orgs[0].written.casefold() == head.casefold()
    return bool(_DEPARTMENT_END.search(head)) or whole_org


def phrase_name(span: str) -> str | None:
    """The unit's name at the start of `span`, in its natural full form, or None.

    Swedish units often carry no type word or write part of the name in lower case
    ("Nätdrift", "Farsta sim- och idrottshall", "Enheten för ekonomiskt bistånd
    Skärholmen"), so the name is the phrase up to where the sentence goes on: a comma,
    "till Kvalitetsutmärkelsen", "på <förvaltningen>". A place after a proper name
    ("Förskolan Vitsippan i Kärrtorp") is where the unit is, not its name; "Öppna
    förskolan i Husby" is named by its place.
    """
    swedish = _SWEDISH_NAME.match(span)
    bracketed = swedish.group(1).strip() if swedish else ""
    if swedish and (unit_words().typed.fullmatch(bracketed) or FOR_TASK.fullmatch(bracketed)):
        return tidy_unit(swedish.group(1))  # "Hornstull Library (Hornstulls bibliotek)"
    span = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)?", " ", span)).strip()
    span = _LEADING_FILLER.sub("", span)
    # English: "Stokab's Customer Operations team" is the team of that company.
    span = re.sub(rf"^(?:{CAP}[ ]){{0,3}}{CAP}['’]s[ ](?=[{_UP}])", "", span)
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
    if end and end.group(0).strip() == "för" and ends_in_type(span[: end.start()]):
        # "Enheten för ekonomiskt bistånd", "Stadsarkivets enhet för digital arkivering"
        end = _PHRASE_END.search(span, end.end())
    if end and end.group(0).strip() == "," and inner_part(span, end.start()):
        return phrase_name(span[end.end() :])
    # The run stops at a comma: "Hyresgästmottagningen, avdelningen Kund och marknad på
    # Micasa" is the Hyresgästmottagningen; the department after the comma is where it sits.
    owner = re.match(r"([^,]{3,60}?)[ ](?:på|hos|at)[ ]([^,.;:!?]+)", span)
    if owner and (orgs := find_organisations(owner.group(2))) and orgs[0].position == 0:
        # "Rum för barn på Kulturhuset": the name runs up to the organisation that owns it.
        end = re.compile(r"[ ]").search(span, len(owner.group(1)))
    part = PART_OF.match(span, end.end()) if end and end.group(0) == "," else None
    if part:
        end = _PHRASE_END.search(span, part.end())  # "Kulturskolan Stockholm, område Söderort"
    if end and end.group(0).strip() in {"vid", "på"} and _named_by_place(span[: end.start()]):
        # "driftenheten vid Skogskyrkogården": a unit without a name of its own is named by
        # its place; "Kundservice på Bostadsförmedlingen" is the company's.
        place = PLAIN_NAME.match(span, end.end() + 1)
        if place and not find_organisations(place.group(0)):
            end = _PHRASE_END.search(span, place.end())
    phrase = (span[: end.start()] if end else span).strip()
    place = re.match(rf"(.+?)[ ]i[ ][{_UP}][\w-]*(?:[ ][\w-]+)?$", phrase)
    if place and proper_name(without_owner(place.group(1))):
        phrase = place.group(1)  # not "Familjebostäders kundcenter", named by its place
    within = re.match(r"(.+?)[ ]i[ ](.+)$", phrase)
    if within and find_organisations(within.group(2)):
        phrase = within.group(1)  # "Gruppbostaden Åkeshov i Bromma stadsdelsförvaltning"
    # "the Network Operations team" is Network Operations; "Operations Department" keeps its
    # type word, or one everyday word would be left.
    if len(phrase.split()) > 2:
        phrase = re.sub(r"(?i)[ ](?:team|unit|department|section)$", "", phrase)
    words = phrase.split()
    if not words or len(words) > _MAX_PHRASE_WORDS:
        return None
    own = without_owner(phrase)
    capital = re.match(rf"[{_UP}0-9]", phrase) or re.match(rf"[{_UP}0-9]", own)
    if not capital and not _lower_case_name(own.split()):
        return None
    if _NOT_SUBJECT.match(phrase) or _VERBISH.search(phrase):
        return None
    return tidy_unit(phrase)


@cache
def _sectors() -> frozenset[str]:
    return frozenset(s.casefold() for s in words_data()["sectors"])


@cache
def _department() -> re.Pattern[str]:
    sectors = "|".join(re.escape(s) for s in sorted(words_data()["sectors"], key=len, reverse=True))
    return re.compile(rf"(?i)(?:avdelning|enhet|sektion|område)\w*[ ]för[ ](?:{sectors})")


def usable_name(name: str) -> bool:
    if len(name) < 3 or _STOP.match(name) or name.casefold() in unit_words().titles:
        return False
    if re.match(r"(?i)(?:samma|same|annan|another)[ ]", name):
        return False  # "Samma enhet som förra året, X": it points at a unit named elsewhere
    if name.casefold().removesuffix("en") in PART_WORDS:
        return False  # "Enheten" alone names no unit
    if re.fullmatch(r"(?i)(?:enhet|enheten|unit|verksamhet|verksamheten)[ ]\d{1,2}[.:]?", name):
        return False  # "Enhet 1" over a block of a list counts the units; it names none
    if _department().fullmatch(name):
        return False
    if name.casefold() in _sectors():
        return False  # "LSS", "Äldreomsorg": a field of work over many units names none
    orgs = find_organisations(name, bare_districts=True)
    if not (orgs and orgs[0].written.casefold() == name.casefold()):
        return True
    if re.search(r"(?:^|[ ])AB(?:[ ]|$)", name):
        return False  # a listed company written with its legal form "AB" is the company itself
    # "Förvaltningsområde Söder" of a property company: the type word says it is a unit.
    return name.split()[0].casefold() in unit_words().types and not orgs[0].weak


# "Tensta gymnasium – nej förlåt, Tensta grundskola": the writer puts a slip right at once.
_SELF_CORRECTION = re.compile(
    r"(?i)\s*[-–—,]?\s*(?:\bnej|\bnä)?[,\s]*\b(?:förlåt|ursäkta|jag\s+menar|menar\s+jag"
    rf"|rättare\s+sagt|eller\s+snarare|I\s+mean|sorry)\b(?:[,:]\s*|\s+(?=(?-i:[{_UP}0-9\"“])))"
)


def corrected(span: str) -> str:
    """The span from the name the writer put right in its place, if the sentence does so."""
    fix = _SELF_CORRECTION.search(span)
    if fix is None or re.search(r"[.!?\n]", span[: fix.start()]):
        return span
    return span[fix.end() :]


def has_type_word(name: str) -> bool:
    return any(w in unit_words().types for w in name.casefold().split())


def is_unit_name(text: str) -> bool:
    """True unless the text is a title, an organisation or a department over many units."""
    return usable_name(text) and not is_title(text)


def is_title(text: str) -> bool:
    """True when the text is only a job title ("Förskollärare"), never a unit's name."""
    first = re.split(r"[,/|]", text)[0].strip().casefold()
    return first in unit_words().titles
