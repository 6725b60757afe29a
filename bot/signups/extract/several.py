"""Several units in one mail: a coordinator signs up two preschools, or three boenden.

The mail must say it signs up more than one ("två förskolor", "tre boenden", "both"),
list the units one per line or paragraph, or join them in one sentence ("Förskolan Eken
och Förskolan Linden"). Each unit's own block (from its name to the next unit's, or the
lines that name it alone: "Rektor Linden: …", "Eken – Anna Berg, …") is read first; what
the mail says for all of them (the organisation, "jag är kontaktperson för alla tre", the
signature) fills what a block leaves open.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.signups.extract.alsosigns import also_signs_up, same_contact, same_manager
from bot.signups.extract.eachcontact import (
    each_manager_is_contact,
    each_unit_has_own_contact,
)
from bot.signups.extract.extract import SignupFields, extract_signup, name_order
from bot.signups.extract.gapping import gap_filled
from bot.signups.extract.labels import label_key
from bot.signups.extract.severalnames import ordinal_in_running_text, without_the_group
from bot.signups.extract.severalpeople import contact_above, contact_with_unit, managers_as_contacts
from bot.signups.extract.signature import split_signature
from bot.signups.extract.spelling import display_name, readable
from bot.signups.extract.unitlists import (
    COUNTS,
    FOR_ALL,
    LIST_ITEM,
    SEVERAL,
    bare_list,
    counted_units,
    headed_units,
    labelled_units,
    listed_units,
    sentences_of,
    tab_table,
    unit_types,
    units_by_line,
)
from bot.signups.extract.vacancy import manager_vacant
from bot.signups.extract.vocabulary import phone_in, same_person, words_data

COUNTS |= {"three": 3, "fyra": 4, "4": 4, "four": 4, "fem": 5}


def _blocks(lines: list[str], units: list[tuple[int, str]]) -> tuple[list[str], str]:
    """Each unit's own lines, and the lines that belong to none (said for all)."""
    starts = [i for i, _ in units]
    blocks = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        # A unit's block ends at the first blank line after it, unless its list goes on.
        block: list[str] = []
        for line in lines[start:end]:
            last = k + 1 == len(starts)
            if last and block and (not line.strip() or FOR_ALL.search(line)):
                break  # the last unit's lines end where the mail speaks for all again
            block.append(line)
        blocks.append("\n".join(block))
    used = {i for k, s in enumerate(starts) for i in range(s, s + blocks[k].count("\n") + 1)}
    shared = "\n".join(line for i, line in enumerate(lines) if i not in used)
    return blocks, shared


def _table_blocks(lines: list[str], units: list[tuple[int, str]]) -> tuple[list[str], int] | None:
    """Each unit's row of a table whose text part has one cell a paragraph: the headings
    ("Förskola", "Förskolechef", "Kontaktperson", …) stand before the first unit's name, and
    each row's cells are read as "heading: cell"."""
    starts = [i for i, _ in units]
    ends = [*starts[1:], len(lines)]
    rows = [[c.strip() for c in lines[a:b] if c.strip()] for a, b in zip(starts, ends, strict=True)]
    width = len(rows[0])
    headings = [c.strip() for c in lines[: starts[0]] if c.strip()][-width:]
    if width < 3 or len(headings) < width or headings[0].casefold() not in unit_types():
        return None
    if not all(label_key(h) for h in headings[1:]):
        return None
    blocks = [
        "\n".join(f"{h}: {c}" for h, c in zip(headings[1:], row[1:width], strict=False))
        for row in rows
    ]
    filled = [i for i in range(starts[-1], len(lines)) if lines[i].strip()]
    return blocks, filled[width - 1] + 1 if len(filled) >= width else len(lines)


def _key(name: str) -> str:
    """What tells a unit from its siblings: its name without the type word ("Stjärnan")."""
    types = {t.casefold() for t in words_data()["unit_types"]}
    words = name.split()
    while len(words) > 1 and words[0].casefold() in types:
        words = words[1:]
    return " ".join(words)


def _kind(name: str) -> str | None:
    """The kind of unit a name says, in the definite form a mail calls it by: "skolan" for
    "Gärdesskolan", "fritidshemmet" for "Gärdesskolans fritidshem"."""
    last = name.split()[-1].casefold()
    types = unit_types()
    endings = words_data()["compound_endings"]
    if last not in types:
        return next(
            (e for e in endings if last.endswith(e) and e.endswith(("en", "an", "et"))), None
        )
    if last.endswith(("en", "an", "et")):
        return last
    definite = sorted(t for t in types if t.startswith(last) and 0 < len(t) - len(last) <= 3)
    return definite[0] if definite else None


def _joined(line: str, names: list[str]) -> bool:
    """True when the names stand in one list: "Förskolan Eken och Förskolan Linden"."""
    between = r"\s*(?:,|och|samt|and|&)\s*(?:,|och|samt|and|&)?\s*"
    pattern = between.join(re.escape(n) for n in names)
    return bool(re.search(pattern, line, re.IGNORECASE))


def _own_line(line: str, key: str, heading: str | None) -> str:
    """A line about one unit, as a line about a single unit: "Rektor Linden: Anna" → "Rektor:
    Anna"; "Eken – Anna Berg, …" under "Kontaktpersoner:" → "Kontaktpersoner: Anna Berg, …"."""
    # "Kontakt för Ängen: Petra Lund" → "Kontakt: Petra Lund": the preposition goes with it.
    before = r"(?:(?<!\w)(?i:för|på|vid|inom|for|at)\s+)?"
    rest = re.sub(rf"{before}(?<!\w){re.escape(key)}(?!\w)", " ", line, count=1)
    rest = re.sub(r"\s+:", ":", re.sub(r"^\s*[-–—:,]\s*", "", rest.strip())).strip()
    label = rest.split(":", 1)[0] if ":" in rest else ""
    if label and label_key(label):
        return rest
    return f"{heading}: {rest}" if heading else rest


def _clauses(line: str, keys: list[str], names: list[str]) -> list[str]:
    """A sentence about several units cut where each unit's part begins: "Hökarängen leds av
    Ayşe Güneş och Fagersjö av Pekka Laaksonen" → the part before the first unit, "Hökarängen
    leds av Ayşe Güneş", "Fagersjö leds av Pekka Laaksonen" (the verb left out is put back)."""
    starts = sorted(
        m.start()
        for name, key in zip(names, keys, strict=True)
        if (
            m := re.search(
                rf"(?:^|(?<=[\s,:;–-]))(?:och\s+|samt\s+)?(?:{re.escape(name)}|{re.escape(key)})(?!\w)",
                line,
                re.IGNORECASE,
            )
        )
    )
    named = [k for k, key in enumerate(keys) if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", line)]
    if (
        len(starts) < 2
        or _joined(line, [keys[k] for k in named])
        or _joined(line, [names[k] for k in named])
    ):
        return [line]  # "Förskolan Eken och förskolan Linden vill båda …" is said for both
    starts = _clause_starts(line, starts)
    parts = [line[: starts[0]]]
    parts += [line[a:b] for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]
    parts = [re.sub(r"^(?:och|samt)\s+|[\s,;]+(?:och|samt)?\s*$", "", p.strip()) for p in parts]
    first = parts[1].split()
    for k in range(2, len(parts)):
        parts[k] = gap_filled(parts[k].split(), first)
    return [p for p in parts if p]


# "… är enhetschef för Årsta och Mikael Ek är chef för Dalen": a unit named after a
# preposition is the object of its clause, which began after the "och" or the comma before.
_OBJECT_OF = re.compile(r"(?i)(?<!\w)(?:för|på|vid|inom|of|at|for)\s+$")
_CLAUSE_BREAK = re.compile(r"\s(?:och|samt|and)\s+|;\s*|,\s+(?=[A-ZÅÄÖ])")


def _clause_starts(line: str, starts: list[int]) -> list[int]:
    """Each unit's part starts at its clause when the unit is the object of a role in it
    ("Jag är chef för Årsta och Mikael är chef för Dalen"), else at the unit's name."""
    moved = []
    floor = 0
    for start in starts:
        if _OBJECT_OF.search(line[floor:start]):
            breaks = list(_CLAUSE_BREAK.finditer(line, floor, start))
            moved.append(breaks[-1].end() if breaks else floor)
        else:
            moved.append(start)
        floor = start + 1
    return moved


# "där", "there": a sentence that names no unit speaks of the one the sentence before named.
_THERE = re.compile(r"(?i)(?<!\w)(?:där|there)(?!\w)")


_PERSON_BEFORE = re.compile(r"(?i)\s*(?:hon|han|hen|henne|honom|she|he)\b")


def _blocks_by_key(lines: list[str], names: list[str]) -> tuple[list[str], str]:
    """Each unit's lines (those that name it and no other), and the lines said for all."""
    keys = [_key(name) for name in names]
    kinds = [_kind(name) for name in names]
    # "Kontaktperson för fritidshemmet är …": a unit called by its kind, when no other is.
    aliases = [k if k and kinds.count(k) == 1 else None for k in kinds]
    own: list[list[str]] = [[] for _ in names]
    shared: list[str] = []
    heading: str | None = None
    lines = [part for line in lines for part in _clauses(line, keys, names)]
    last: int | None = None
    for line in lines:
        hits = [
            k
            for k, key in enumerate(keys)
            if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", line)
            or (aliases[k] and re.search(rf"(?i)(?<!\w){aliases[k]}(?!\w)", line))
        ]
        if not hits and last is not None and _THERE.search(line) and not FOR_ALL.search(line):
            # "Tensta simhall hör till …. Chef och kontakt där är Kerstin Wall": read without
            # the "där", as the unit's own line.
            hits, line = [last], " ".join(_THERE.sub(" ", line).split())
        elif not hits and last is not None and _PERSON_BEFORE.match(line):
            # "… Eva Lind blir kontaktperson. Hon nås på …": the person of the unit's line.
            hits = [last]
        last = hits[0] if len(hits) == 1 else None
        if len(hits) == 1:
            own[hits[0]].append(_own_line(line, keys[hits[0]], heading))
            continue
        shared.append(line)
        label = re.fullmatch(r"\s*([^:]{2,40}):\s*", line)
        heading = label.group(1) if label and label_key(label.group(1)) else None
        if label:
            shared.pop()  # a heading over the units' lines says nothing by itself
    return ["\n".join(block) for block in own], "\n".join(shared)


def _told_apart(blocks: list[str], shared: str, names: list[str]) -> tuple[list[str], str]:
    """ "Kontaktperson för Geriatriska kliniken är Marie Öhman och för Palliativ slutenvård
    är det jag" below the units' lines: a sentence that tells each unit's person apart is
    cut into the units' parts, each added to its unit's block."""
    keys = [_key(name) for name in names]
    apart = [
        s
        for s in sentences_of(shared.split("\n"))
        if sum(bool(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", s)) for k in keys) >= 2
    ]
    if not apart:
        return blocks, shared
    own, left = _blocks_by_key(apart, names)
    for sentence in apart:
        shared = shared.replace(sentence, "")
    blocks = [
        f"{block}\n\n{part}" if part else block for block, part in zip(blocks, own, strict=True)
    ]
    return blocks, f"{shared}\n{left}"


def _same_line(lines: list[str], units: list[tuple[int, str]]) -> bool:
    by_line: dict[int, list[str]] = {}
    for i, name in units:
        by_line.setdefault(i, []).append(name)
    return any(len(names) > 1 and _joined(lines[i], names) for i, names in by_line.items())


def several_units(
    text: str, *, sender_name: str, sender_email: str | None, subject: str = ""
) -> list[SignupFields]:
    """The units a mail signs up when it signs up more than one; [] for a single unit."""
    text = readable(text)
    # Outlook's "Berg Anna" as the whole mail writes it: a unit's block may not name her.
    sender_name = name_order(display_name(sender_name), text)
    lines, _ = split_signature(text.split("\n"))  # the signature with its closing, below
    units = units_by_line(lines)
    # Two names on one line ("Publikservice på Kulturhuset Stadsteatern") may be a unit and
    # its owner: paragraphs that each open with a unit say more.
    if len({i for i, _ in units}) < 2 and SEVERAL.search(text):
        headed = headed_units(lines)
        units = headed if len(headed) > len({i for i, _ in units}) else units
    # A list whose items are names, each over its own "Chef:"/"Kontaktperson:" lines, gives
    # the units however their names look.
    if len(name_items := listed_units(lines)) > len({i for i, _ in units}):
        units = name_items
    units = without_the_group(lines, units)
    labelled = labelled_units(lines)
    # A block of labelled lines for each unit; a name in the lead-in above them ("Inom
    # grundskoleavdelningen, område Nordväst, har tre skolor …") is the group they are in.
    later = {i for i, _ in units if labelled and i >= labelled[0][0]}
    if len(labelled) >= 2 and len(labelled) >= len(later):
        units = labelled
    listed = sum(1 for unit in units if LIST_ITEM.match(lines[unit[0]]) or unit in labelled)
    listed = max(listed, bare_list(lines, units))
    one_line = len({i for i, _ in units}) < len(units)
    joined = one_line and _same_line(lines, units)
    sentences = sentences_of(lines)
    if tabbed := tab_table(lines):
        units, one_line, joined = tabbed[0], False, True  # a table's rows
    elif counted := counted_units(sentences) or ordinal_in_running_text(sentences, units):
        units, one_line, joined = counted, True, True  # the sentences name them
    elif one_line and not joined:
        # "Vällingby hemtjänst, där … Dagverksamheten Solgläntan, …": one sentence each.
        by_sentence = units_by_line(sentences)
        joined = bool(SEVERAL.search(text)) and (
            len({i for i, _ in by_sentence}) == len(by_sentence) == len(units)
        )
    if len(units) < 2 or not (SEVERAL.search(text) or listed >= 2 or joined or also_signs_up(text)):
        return []
    if one_line and not joined:
        return []  # named apart in one sentence: nothing tells the units' details apart
    names = [name for _, name in units]
    blocks, shared = _blocks_by_key(sentences, names) if one_line else _blocks(lines, units)
    if tabbed:
        blocks, shared = tabbed[1], "\n".join(lines[: tabbed[2]] + lines[tabbed[3] :])
    below = text.split("\n")[len(lines) :]  # the signature, with its closing
    if not one_line and (table := _table_blocks(text.split("\n"), units)):
        # A signature found among the last row's cells is not one: the row ends the table.
        blocks, end = table
        shared, below = "\n".join(lines[: units[0][0]]), text.split("\n")[end:]
    elif not one_line and not tabbed:
        blocks, shared = _told_apart(blocks, shared, names)
    common = extract_signup(
        shared + "\n" + "\n".join(below),
        sender_name=sender_name,
        sender_email=sender_email,
    )
    common = replace(common, unit_name=None)
    # The writer's own number, in the signature: a unit whose contact is the writer has it.
    signed = phone_in("\n".join(below))
    result: list[SignupFields] = []
    # "Gruppbostad Fridhemsgatan\nChef: Gunilla Lind" looks like a signed name block: the
    # signature was cut off above, so a block's last lines are the unit's own.
    owns = [
        extract_signup(b, sender_name=sender_name, sender_email=sender_email, signed=False)
        for b in blocks
    ]
    if each_manager_is_contact(shared):
        owns = managers_as_contacts(owns, shared, blocks)
    elif each_unit_has_own_contact(text):
        owns = [contact_with_unit(own, b, n) for own, b, n in zip(owns, blocks, names, strict=True)]
    for name, own, block in zip(names, owns, blocks, strict=True):
        written = own.organisation_as_written
        district = (own.organisation or "").endswith("stadsdelsförvaltning")
        if written and district and written.casefold() in name.casefold():
            # "Natthärbärget Kungsholmen" names a place, not the unit's owner.
            own = replace(own, organisation=None, organisation_as_written=None)
        own = _shared_form(own, common, name)
        if "contact_name" in own.weak and common.contact_name:
            # "Hemtjänsten Årsta (chef: Kaisa Berg)" from Kaisa herself makes her the contact
            # only for want of another; "Kontaktperson för alla tre är Nour Khalil" names one.
            own = replace(
                own,
                contact_name=None,
                contact_email=None,
                contact_phone=None,
                contact_email_from_sender=False,
            )
        base = common
        if own.contact_name and own.contact_name != common.contact_name:
            # Another contact for this unit: the shared contact's details are not theirs.
            base = replace(
                common, contact_email=None, contact_phone=None, contact_email_from_sender=False
            )
        if same_person(own.contact_name, sender_name) and not own.contact_phone:
            own = replace(own, contact_phone=signed)  # "Kontakt: jag själv (se nedan)"
        if result and own.manager_name is None and same_manager(block):
            own = replace(own, manager_name=result[-1].manager_name)  # "samma rektor"
        if result and own.contact_name is None and same_contact(block):
            own = contact_above(own, result[-1])  # "samma kontaktperson som ovan"
        unit = base.merged(replace(own, unit_name=name))
        result.append(replace(unit, manager_name=None) if manager_vacant(block) else unit)
    return result


def _shared_form(own: SignupFields, common: SignupFields, name: str) -> SignupFields:
    """The organisation as the shared text writes it, where the unit's own lines name the
    same one only as a place ("Träffpunkt X i Tensta") or inside the unit's name
    ("Norrgården förskolor Eken" under "Norrgården anmäler två förskolor")."""
    written = own.organisation_as_written
    if not (written and common.organisation_as_written and own.organisation == common.organisation):
        return own
    if "organisation" in own.weak or written.casefold() in name.casefold():
        return replace(own, organisation_as_written=common.organisation_as_written)
    return own
