"""Several units in one mail: a coordinator signs up two preschools, or three boenden.

The mail must say it signs up more than one ("två förskolor", "tre boenden", "both"), or
list the units one per line or paragraph. Each unit's own block (from its name to the
next unit's) is read first; what the mail says for all of them (the organisation, "jag är
kontaktperson för alla tre", the signature) fills what a block leaves open.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.signups.extract.extract import SignupFields, extract_signup
from bot.signups.extract.signature import split_signature
from bot.signups.extract.unitnames import typed_units

_SEVERAL = re.compile(
    r"(?i)\b(?:två|tre|fyra|fem|båda|bägge|2|3|4|both|two|three|four)\s+(?:\w+\s+)?"
    r"(?:förskolor|skolor|enheter|verksamheter|boenden|vård-\s+och\s+omsorgsboenden|grupper"
    r"|\w*grupper|parklekar|units|preschools|schools|\w*boenden|\w*ställen|anmälningar)\b"
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+|^\s*(?i:verksamhet|enhet|unit)\s*:")


def _units_by_line(lines: list[str]) -> list[tuple[int, str]]:
    """(line, unit) for the first new unit named on each line, in order."""
    seen: list[str] = []
    found = []
    for i, line in enumerate(lines):
        for name in typed_units(line):
            # Not similar_names: "Vård- och omsorgsboendet Hässelbygården" and "… Fruängsgården"
            # are alike in most letters yet two units.
            if not any(
                name.casefold() in o.casefold() or o.casefold() in name.casefold() for o in seen
            ):
                seen.append(name)
                found.append((i, name))
    return found


def _blocks(lines: list[str], units: list[tuple[int, str]]) -> tuple[list[str], str]:
    """Each unit's own lines, and the lines that belong to none (said for all)."""
    starts = [i for i, _ in units]
    blocks = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        # A unit's block ends at the first blank line after it, unless its list goes on.
        block: list[str] = []
        for line in lines[start:end]:
            if not line.strip() and block and k + 1 == len(starts):
                break
            block.append(line)
        blocks.append("\n".join(block))
    used = {i for k, s in enumerate(starts) for i in range(s, s + blocks[k].count("\n") + 1)}
    shared = "\n".join(line for i, line in enumerate(lines) if i not in used)
    return blocks, shared


def several_units(
    text: str, *, sender_name: str, sender_email: str | None, subject: str = ""
) -> list[SignupFields]:
    """The units a mail signs up when it signs up more than one; [] for a single unit."""
    lines, signature = split_signature(text.split("\n"))
    units = _units_by_line(lines)
    listed = sum(1 for i, _ in units if _LIST_ITEM.match(lines[i]))
    if len(units) < 2 or not (_SEVERAL.search(text) or listed >= 2):
        return []
    if len({i for i, _ in units}) < len(units):
        return []  # named in one sentence: nothing tells the units' details apart
    blocks, shared = _blocks(lines, units)
    common = extract_signup(
        shared + "\n" + "\n".join(signature), sender_name=sender_name, sender_email=sender_email
    )
    result = []
    for (_, name), block in zip(units, blocks, strict=True):
        own = extract_signup(block, sender_name=sender_name, sender_email=None)
        merged = replace(common, unit_name=None).merged(replace(own, unit_name=name))
        result.append(merged)
    return result
