"""Where a mail lists the units it signs up: counted in a sentence ("två förskolor, Eken och
Linden"), one a line or a list item, under headings, in label blocks ("Enhet: …") or in a
table with a column of units. `several` then reads each unit's own lines.
"""

from __future__ import annotations

import re
from functools import cache

from bot.signups.extract.labels import is_unit_kind, label_key
from bot.signups.extract.names import similar_names
from bot.signups.extract.organisations import find_organisations
from bot.signups.extract.unitnames import typed_units
from bot.signups.extract.unitwords import FOR_TASK, is_unit_name
from bot.signups.extract.vocabulary import UPPER, words_data

SEVERAL = re.compile(
    r"(?i)\b(?P<count>två|tre|fyra|fem|båda|bägge|2|3|4|both|two|three|four)\s+"
    # "tre av våra verksamheter", "två av våra dagliga verksamheter"
    r"(?:(?:av|of)\s+(?:våra|vår|our|dessa|de)\s+)?(?:\w+\s+)?"
    # "två av våra LSS-verksamheter": a compound written with a hyphen.
    r"(?:\w+-)?(?:\w*förskolor|\w*skolor|\w*enheter|\w*verksamheter|vård-\s+och\s+omsorgsboenden"
    r"|\w*grupper|parklekar|units|preschools|schools|\w*boenden|\w*ställen|anmälningar"
    r"|ansökningar|distrikt(?=en\b)|distrikt)(?:na)?\b"
)

COUNTS = {"två": 2, "båda": 2, "bägge": 2, "2": 2, "both": 2, "two": 2, "tre": 3, "3": 3}

_SENTENCE_END = re.compile(rf"(?<=[.!?])\s+(?=[{UPPER}])")

# Between the names of a list in a sentence: "A, B och C", "A, där …, och B, där …".
# "vård- och omsorgsboende" is one word cut by a hyphen, not two names.
_LIST_BETWEEN = re.compile(r"\s*(?:,\s*(?:och|samt|and)\s+|(?<!-)\s+(?:och|samt|and)\s+|,\s*)")

# "Bromma hemtjänst Västerled som leds av …": a clause that goes on about the unit named.
_ABOUT_IT = re.compile(r"(?i)\s+(?:som|där|vilken|vilket|which|where|led\s+by)\s.*$")

LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+|^\s*(?i:verksamhet|enhet|unit)\s*:")


def sentences_of(lines: list[str]) -> list[str]:
    """The lines, each cut into its sentences."""
    return [part for line in lines for part in _SENTENCE_END.split(line)]


def counted_units(sentences: list[str]) -> list[tuple[int, str]]:
    """(sentence, unit) for the names a sentence lists after saying how many it signs up:
    "två grupper …: Hemtjänst Hökarängen och Hemtjänst Fagersjö", "Vi är två förskolor,
    Blåsippan och Lärkan, som …". The names must be as many as the number says."""
    for i, sentence in enumerate(sentences):
        for several in SEVERAL.finditer(sentence):
            tail = sentence[several.end() :]
            if ":" in tail:
                tail = tail.split(":", 1)[1]
            elif tail.startswith(","):
                tail = tail[1:]
            else:
                continue
            chunks = _LIST_BETWEEN.split(re.sub(r"\([^)]*\)", " ", tail).strip(" .!?"))
            chunks = [_ABOUT_IT.sub("", c) for c in chunks]
            chunks = [_named_before(c, sentence[: several.start()]) for c in chunks]
            names = [
                c.strip(" .")
                for c in chunks
                if re.match(rf"[{UPPER}]", c)
                and len(c.split()) <= 5
                and is_unit_name(c.strip(" ."))
            ]
            if len(names) == COUNTS.get(several.group("count").casefold()):
                return [(i, name) for name in names]
    return []


def _named_before(chunk: str, before: str) -> str:
    """ "Gärdesskolan anmäler två enheter: skolan och …": "skolan" is the school named before."""
    word = chunk.strip(" .").casefold()
    if word not in unit_types():
        return chunk
    named = [n for n in typed_units(before) if n.casefold().endswith(word) and n.casefold() != word]
    return named[-1] if named else chunk


# "två förskolor i Bredäng", "Förskolorna i Enskede", "våra enheter": a plural type word that
# opens the name, follows a count or a pronoun, or is definite names the group. After a proper
# name it is one unit's name: "Sätra förskolor", "Hökarängens förskolor" (a förskoleenhet).
_PLURAL = r"\w*(?:skolor|enheter|verksamheter|boenden|grupper|hemtjänster)"
_GROUP = re.compile(
    rf"(?i)^(?:(?:två|tre|fyra|fem|sex|sju|åtta|båda|bägge|alla|samtliga|flera|några|många"
    rf"|fler|andra|övriga|vissa|olika|våra|era|mina|deras|dessa|de|sådana|kommunala"
    rf"|fristående|privata|nya|\d+)\s+)?{_PLURAL}\b|^(?:\w+\s+)?{_PLURAL}na\b"
)

# "Varje förskola har en egen kontaktperson", "Respektive enhet": any of the units, none.
_EVERY = re.compile(r"(?i)^(?:varje|respektive|samtliga|each|every)\s")

# A line said for every unit: "Kontaktperson för båda är jag", "… för alla tre".
FOR_ALL = re.compile(
    r"(?i)\b(?:båda|bägge|samtliga|alla\s+(?:två|tre|fyra|fem)|both|all\s+(?:two|three|four))\b"
)


@cache
def unit_types() -> frozenset[str]:
    return frozenset(t.casefold() for t in words_data()["unit_types"])


# "Enhet 1", "Verksamhet 2", "Unit B" over a block of labels: a type word and an ordinal
# number the blocks, the name is in the block's "Namn:" line.
_ORDINAL = re.compile(r"(?i)^(?P<type>[\w-]+)\s+(?:nr\.?\s*)?(?:\d{1,2}|[a-h]|i{1,3}|iv|v)[.:]?$")


def _numbered_heading(name: str) -> bool:
    ordinal = _ORDINAL.match(name.strip())
    return ordinal is not None and ordinal.group("type").casefold() in unit_types()


# "Vi i förskoleenhet Årsta vill anmäla våra tre förskolor": the writers' group that owns
# the units it counts, not one of them.
_OUR_COUNTED = re.compile(
    r"(?i)\b(?:våra|our)\s+(?:två|tre|fyra|fem|sex|alla|samtliga|\d+|two|three|four|five|six)\s+\w"
)


# "Förskoleavdelningen i Skärholmen anmäler tre förskolor": the one that signs up the units
# it counts is over them, not one of them.
_SIGNS_UP_COUNTED = re.compile(
    r"(?i)\b(?:anmäler|registers|signs\s+up)\s+(?:härmed\s+)?(?:vi\s+|we\s+)?(?:våra\s+|our\s+)?"
    r"(?:två|tre|fyra|fem|sex|samtliga|\d+|two|three|four|five|six)\s+\w"
)


def _writers_group(name: str, line: str) -> bool:
    counted = _OUR_COUNTED.search(line)
    at = re.search(rf"(?i)\b(?:vi|we)\s+(?:i|på|vid|inom|at|in)\s+{re.escape(name)}", line)
    if counted and at and at.end() <= counted.start():
        return True
    signs = _SIGNS_UP_COUNTED.search(line)
    opens = re.match(rf"\s*(?:(?i:från|inom|vi\s+(?:i|på|vid|inom))\s+)?{re.escape(name)}\b", line)
    return bool(signs and opens and opens.end() <= signs.start())


# "Avdelningen för bygglov, Söderort" alone on its line: the place after the comma is part
# of the name, and tells it from "Avdelningen för bygglov, Innerstaden" on the next.
_PLACE_AFTER = re.compile(rf",[ ]([{UPPER}][\w-]+(?:[ ][{UPPER}][\w-]+)?)\s*$")


def _with_place(name: str, line: str) -> str:
    at = line.find(name)
    place = _PLACE_AFTER.fullmatch(line, at + len(name)) if at >= 0 else None
    return f"{name}, {place.group(1)}" if place and not line[:at].strip(" -*•") else name


def units_by_line(lines: list[str]) -> list[tuple[int, str]]:
    """(line, unit) for the first new unit named on each line, in order."""
    seen: list[str] = []
    found = []
    for i, line in enumerate(lines):
        # "Avdelningen för bygglov, Söderort" opening its line is named by its task.
        task = FOR_TASK.match(line.lstrip(" -*•"))
        for name in typed_units(line) or ([task.group(0)] if task else []):
            name = _with_place(name, line)
            if (
                _GROUP.match(name)
                or _EVERY.match(name)
                or name.casefold() in unit_types()
                or _numbered_heading(name)
                or _writers_group(name, line)
            ):
                continue  # a group, a table's heading "Förskola", a block's "Enhet 1"
            if seen and f"{seen[-1]}, {name[:1].lower()}{name[1:]}" in line:
                continue  # "Kulturskolan Stockholm, område Söderort" is one unit
            # Not similar_names: "Vård- och omsorgsboendet Hässelbygården" and "… Fruängsgården"
            # are alike in most letters yet two units.
            if not any(
                name.casefold() in o.casefold() or o.casefold() in name.casefold() for o in seen
            ):
                seen.append(name)
                found.append((i, name))
    return found


# "Navet Järva (Arbetsmarknadsförvaltningen): chef …", "Publikservice på Kulturhuset
# Stadsteatern – chef …": a paragraph that opens with a unit's name and goes on to its people.
_HEADED = re.compile(
    rf"^\s*(?:(?:[-*•]|\d{{1,2}}[.)])\s*)?(?P<name>[{UPPER}][\w&'’-]*(?:,?[ ][\w&'’-]+){{0,4}}?)"
    r"\s*(?:\(|[ ][–—-][ ]|:|[ ](?:på|vid|inom|hos|at)[ ]"
    # "Geriatriska kliniken, verksamhetschef Hamid Tehrani": the role after a comma.
    r"|,(?=[ ](?i:\w*chef|rektor|föreståndare|head|manager)\b))"
)

_LISTED = re.compile(
    rf"^\s*(?:[-*•·–]|\d{{1,2}}[.)])\s+(?P<name>[{UPPER}][\w&'’-]*(?:[ ][\w&'’-]+){{0,3}}?),"
)

_ROLE = re.compile(r"(?i)chef|rektor|kontakt|manager|contact")


def headed_units(lines: list[str]) -> list[tuple[int, str]]:
    """(line, unit) for each paragraph that opens with a name and names the unit's people,
    for units without a type word in their name."""
    found = []
    for i, line in enumerate(lines):
        # "- Tallkotten, chef Ingela Holm": a list item's name ends at its comma.
        head = (_LISTED.match(line) if LIST_ITEM.match(line) else None) or _HEADED.match(line)
        if head is None or not _ROLE.search(line[head.end() :]):
            continue
        name = head.group("name").strip()
        owner, _, rest = name.partition(", ")
        if rest and find_organisations(owner):
            name = rest[:1].upper() + rest[1:]  # "Stockholms Sjukhem, palliativa slutenvården"
        if "," not in name and not label_key(name) and is_unit_name(name):
            found.append((i, name))
    return found


# "1. Hökarängens förskolor" alone on its line: a list item that is only a name.
_NAME_ITEM = re.compile(
    rf"^\s*(?:\d{{1,2}}[.)]|[-*•·–])\s+(?P<name>[{UPPER}0-9][^:\t@]{{1,80}}?)\s*[.:]?\s*$"
)
_ROLE_LABEL = re.compile(r"^\s*(?P<label>[^:\t]{2,40}):")


def _names_people(lines: list[str]) -> bool:
    """True when the lines label the unit's people ("Chef: …", "Kontaktperson: …")."""
    return any(
        (label := _ROLE_LABEL.match(line)) and label_key(label.group("label")) in _PEOPLE
        for line in lines
    )


_PEOPLE = ("manager", "contact", "both")


def listed_units(lines: list[str]) -> list[tuple[int, str]]:
    """(line, unit) for each list item that is only a name and is followed by labelled lines
    for its people: a registrar's numbered list of units, whatever their names look like
    ("3. Socialtjänstens mottagningsenhet Farsta" has no type word a reader knows)."""
    items = [
        (i, m.group("name").strip())
        for i, line in enumerate(lines)
        if (m := _NAME_ITEM.match(line))
    ]
    ends = [i for i, _ in items[1:]] + [len(lines)] if items else []
    found = []
    for (i, name), end in zip(items, ends, strict=True):
        block = lines[i + 1 : end]
        # The item's own lines: up to the first blank line after some text.
        own = block[
            : next((k for k, line in enumerate(block) if k and not line.strip()), len(block))
        ]
        if len(name.split()) <= 8 and not label_key(name) and _names_people(own):
            found.append((i, name))
    return found


_UNIT_LABEL = re.compile(r"^\s*(?:[-*•]\s*)?(?P<label>[^:\t]{2,30}):\s*(?P<name>\S.{1,80})$")


_NUMBERED = re.compile(r"(?i)\s+(?:nr\.?\s*)?\d{1,2}$")


def labelled_units(lines: list[str]) -> list[tuple[int, str]]:
    """(line, unit) for each "Anläggning: Östermalms IP" that opens a unit's labelled block."""
    found: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        label = _UNIT_LABEL.match(line)
        # "Enhet 1: Trafikantservice", "Enhet 2: …": the number only counts the units.
        heading = _NUMBERED.sub("", label.group("label")) if label else ""
        if label and (label_key(heading) == "unit" or is_unit_kind(heading)):
            name = label.group("name").strip(" .")
            # "Verksamhet: Solbacken" and later "Enhet: Solbackens förskola" name one unit.
            if is_unit_name(name) and not any(similar_names(name, n) for _, n in found):
                found.append((i, name))
    return found


def tab_table(lines: list[str]) -> tuple[list[tuple[int, str]], list[str], int, int] | None:
    """(units, their rows as "heading: cell" lines, first and past-last line) of a table
    written with tabs whose first heading is the unit's ("Anläggning\tChef\tKontakt…"), or
    the units' kind ("Fritidsgård\tEnhetschef\tKontaktperson")."""
    for i, line in enumerate(lines):
        headings = [c.strip() for c in line.split("\t")]
        if len(headings) < 3 or not (label_key(headings[0]) == "unit" or is_unit_kind(headings[0])):
            continue
        if not all(label_key(h) for h in headings[1:]):
            continue
        rows = []
        for j in range(i + 1, len(lines)):
            cells = [c.strip() for c in lines[j].split("\t")]
            if len(cells) != len(headings) or not is_unit_name(cells[0]):
                break
            rows.append((j, cells))
        if len(rows) >= 2:
            blocks = [
                "\n".join(f"{h}: {c}" for h, c in zip(headings[1:], cells[1:], strict=True))
                for _, cells in rows
            ]
            return [(j, cells[0]) for j, cells in rows], blocks, i, rows[-1][0] + 1
    return None


def bare_list(lines: list[str], units: list[tuple[int, str]]) -> int:
    """How many units stand in a list without marks: each name alone on its line, under a
    lead-in that ends in a colon ("Humana anmäler härmed:\nKorttidsboendet Sjöudden\nDaglig
    verksamhet Ateljé Blå") or under another such name."""
    alone = {i for i, name in units if lines[i].strip(" .,;") == name}
    listed: set[int] = set()
    for i in alone:
        above = next((k for k in range(i - 1, -1, -1) if lines[k].strip()), None)
        if above in alone:
            listed |= {above, i}
        elif above is not None and lines[above].rstrip().endswith(":"):
            listed.add(i)
    return len(listed)


# "Den ena är Bygglov Ytterstad, där … Den andra är Geodataenheten med …": each unit
# introduced by its place in the count, in a sentence of its own.
_COUNTED_OFF = re.compile(
    rf"(?i:\b(?:den|det)\s+(?:ena|första|andra|tredje|sista)\s+(?:är|heter)\s+)"
    rf"(?P<name>[{UPPER}][\w&'’-]*(?:[ ][\w&'’-]+){{0,4}}?)"
    r"(?=\s*(?:[,;.(]|$)|\s+(?:där|med|som|och|i|på|vid|inom|under)\s)"
)


def ordinal_units(sentences: list[str]) -> list[tuple[int, str]]:
    """(sentence, unit) for each "Den ena är X", "den andra är Y" that names a unit."""
    found = [
        (i, m.group("name"))
        for i, sentence in enumerate(sentences)
        for m in _COUNTED_OFF.finditer(sentence)
        if is_unit_name(m.group("name"))
    ]
    return found if len(found) >= 2 else []
