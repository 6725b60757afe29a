"""Cut the quoted part off a reply, so that only what the unit wrote now is read."""

from __future__ import annotations

import re

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


def strip_quoted(text: str) -> str:
    """Remove quoted reply parts: "> " lines and everything from a reply or forward header."""
    lines = normalise(text).split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _quote_starts(lines, i):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line.rstrip())
    while kept and re.fullmatch(r"\s*[_-]{5,}\s*|\s*", kept[-1]):
        kept.pop()
    return "\n".join(kept)
