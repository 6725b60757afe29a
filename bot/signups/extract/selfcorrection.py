"""A writer who corrects themself mid-sentence: "Gruppbostad Storgatan? nej förlåt – Gruppbostad
Sköndal", "070-123 45 67, jag menar 070-123 45 76". Only what the writer meant is kept.
"""

from __future__ import annotations

import re

from bot.signups.extract.vocabulary import UPPER

# The words that take back what was just written. "förlåt" or "sorry" alone is an apology
# ("Förlåt att jag skriver sent"), so it counts only with "nej" or "jag menar"; "jag menar"
# counts only after a break, not in "och jag menar att …".
_TAKE_BACK = re.compile(
    r"(?P<mark>\s*(?:[?!,;]|\s[–—-])\s*[(–—-]?\s*(?i:"
    r"(?:nej|nä|no)[,!]?\s+(?:förlåt|ursäkta|jag\s+menar|menar\s+jag|sorry|I\s+mean)"
    r"(?:[,!]?\s+(?:jag\s+menar|I\s+mean))?"
    r"|(?:förlåt|ursäkta|sorry)[,!]?\s+(?:jag\s+menar|I\s+mean)"
    r"|jag\s+menar|menar\s+jag|rättare\s+sagt|eller\s+snarare|I\s+mean)"
    r"\s*[,:–—-]*\s*)"
    rf"(?=[{UPPER}0-9+])"
)
_TOKEN = re.compile(r"\S+")
# A whole statement taken back: "Kontaktperson byts till Per Ek... nej förresten, det var rätt
# från början". What follows is no replacement for a few words, so the sentence so far goes.
_STATEMENT_TAKEN_BACK = re.compile(
    r"(?i)(?:\.{2,}|…|[,;.!?]|\s[–—-])\s*(?:nej|nä)[,!]?\s+(?:förresten|vänta|glöm\s+det|strunta\s+i\s+det)"
    r"\b[,.!:–—-]*\s*"
)


def _said_again(before: str, after: str) -> int | None:
    """Where the taken-back words begin, when the correction starts with a word written before
    it in the same sentence ("Nytida Gruppbostad Storgatan? nej förlåt – Nytida …")."""
    first = after.split()[0].strip(",.")
    sentence_start = max(before.rfind(". "), before.rfind("\n"), -1) + 1
    found = [
        m.start() for m in re.finditer(rf"(?<!\S){re.escape(first)}(?!\w)", before[sentence_start:])
    ]
    return sentence_start + found[-1] if found else None


def _same_length(before: str, after: str) -> int | None:
    """Where the taken-back words begin otherwise: as many words before the correction as the
    correction's own run of names or number gives ("Anna Berg, nej förlåt, Lisa Holm")."""
    digits = after[:1].isdigit() or after.startswith("+")
    run = 0
    for token in after.split():
        word = token.strip(",.;:")
        if not (re.match(r"[+\d]", word) if digits else re.match(rf"[{UPPER}]", word)):
            break
        run += 1
        if token != word:
            break  # the run ends at its punctuation
    tokens = list(_TOKEN.finditer(before))
    return tokens[-run].start() if run and len(tokens) >= run else None


def _fix_once(text: str) -> str | None:
    match = _TAKE_BACK.search(text)
    if match is None:
        return None
    before, after = text[: match.start()], text[match.end() :]
    start = _said_again(before, after)
    if start is None:
        start = _same_length(before, after)
    if start is None:
        return None
    return text[:start] + after


def _drop_taken_back(text: str) -> str:
    """The text without each statement its writer took back, from the sentence's start to
    the "nej förresten" that ends it."""
    for _ in range(5):
        match = _STATEMENT_TAKEN_BACK.search(text)
        if match is None:
            break
        before = text[: match.start()]
        start = max(before.rfind(". "), before.rfind("! "), before.rfind("? "), before.rfind("\n"))
        start = start + 1 if start < 0 or before[start] == "\n" else start + 2
        text = text[:start] + text[match.end() :]
    return text


def take_back_corrected(text: str) -> str:
    """The text with each mid-sentence self-correction applied: the words taken back go and
    the correction stands in their place."""
    text = _drop_taken_back(text)
    for _ in range(5):  # a handful at most; each pass removes one
        fixed = _fix_once(text)
        if fixed is None:
            return text
        text = fixed
    return text
