"""Cut the quoted part off a reply, so that only what the unit wrote now is read."""

from __future__ import annotations

import re

from bot.signups.extract.inline import only_confirms
from bot.signups.extract.labels import label_key
from bot.signups.extract.vocabulary import normalise

_QUOTE_SEPARATOR = re.compile(
    r"(?i)^\s*-{2,}\s*(?:ursprungligt meddelande|original message|vidarebefordrat meddelande"
    r"|forwarded message)\s*-{2,}"
)
_HEADER_FROM = re.compile(r"(?i)^\s*\**(?:från|from)\s*:\**\s")
_HEADER_NEXT = re.compile(r"(?i)^\s*\**(?:skickat|sent|datum|date|till|to)\s*:")
_WROTE = re.compile(r"(?i)^.*\b(?:wrote|skrev)\b[^\n]{0,80}:\s*$")
# A reply header carries an address, a clock time or a year; "som rektorn skrev:" does not.
_HEADER_DETAIL = re.compile(r"@|\b\d{1,2}[:.]\d\d\b|\b20\d\d\b")


def _quote_starts(lines: list[str], i: int) -> bool:
    line = lines[i]
    if _QUOTE_SEPARATOR.match(line):
        return True
    if _HEADER_FROM.match(line):
        following = lines[i : i + 5]
        return any(_HEADER_NEXT.match(x) for x in following) or bool(
            re.search(r"(?i)\b(?:skickat|sent):", line)
        )
    # Gmail wraps "Den tis 12 mars 2024 kl 10:15 skrev Anna Berg <…>:" over two lines.
    two_lines = line + (" " + lines[i + 1] if i + 1 < len(lines) else "")
    header = line if _WROTE.match(line) else two_lines if _WROTE.match(two_lines) else ""
    return bool(_HEADER_DETAIL.search(header))


def _quoted_below(lines: list[str], i: int) -> bool:
    """A "… skrev:" header whose message follows in "> " lines: what the writer types between
    those lines is their own ("> Telefon: 08-508 46 000" over "Det där är växeln – mitt
    direktnummer är …"), unlike the unmarked quote under an Outlook "Från:" block."""
    if not (_WROTE.match(lines[i]) or _WROTE.match(" ".join(lines[i : i + 2]))):
        return False
    below = [x for x in lines[i + 1 : i + 3] if x.strip() and not _WROTE.match(x)]
    return bool(below) and below[0].lstrip().startswith(">")


# "> Kontaktperson: Anna Berg" over "-> ska vara Sara Lind": the quoted label answered.
_QUOTED_LABEL = re.compile(r"^\s*>\s*(?P<label>[^\W\d_][^:>]{1,40}):\s*\S")
_ARROW = re.compile(r"^\s*(?:-+>|=>|→)\s*")


def _answering(lines: list[str], i: int) -> str:
    """An inline answer under a quoted "Label: value" line, as a line with that label
    ("Kontaktperson: ska vara Sara Lind"): the answer puts that value right."""
    line = lines[i].rstrip()
    above = next((x for x in reversed(lines[:i]) if x.strip()), "")
    quoted = _QUOTED_LABEL.match(above)
    if not line.strip() or quoted is None or label_key(quoted.group("label")) is None:
        return line
    if only_confirms(line):  # "> Kontaktperson: Anna Berg" over "Stämmer.": nothing to change
        return line
    answer = _ARROW.sub("", line)
    return answer if label_key(answer.partition(":")[0]) else f"{quoted.group('label')}: {answer}"


def strip_quoted(text: str) -> str:
    """Remove quoted reply parts: "> " lines and everything from a reply or forward header,
    except the writer's own lines between the "> " lines of a quote answered inline."""
    lines = normalise(text).split("\n")
    kept: list[str] = []
    inline = False
    header_end = 0  # past the "… skrev:" header of a quote answered inline
    for i, line in enumerate(lines):
        if i < header_end:
            continue
        if inline and not line.lstrip().startswith(">") and _quote_starts(lines, i):
            break
        if not inline and _quote_starts(lines, i):
            if not _quoted_below(lines, i):
                break
            # A header wrapped over two lines, or read with the line above it, is both.
            inline, header_end = True, i + (1 if _WROTE.match(line) else 2)
            continue
        if not line.lstrip().startswith(">"):
            kept.append(_answering(lines, i) if inline else line.rstrip())
    while kept and re.fullmatch(r"\s*[_-]{5,}\s*|\s*", kept[-1]):
        kept.pop()
    return "\n".join(kept)
