"""Answers written into the quoted receipt, beside or under the line they put right.

Some answer the receipt inside it instead of above it:

    > Kontaktperson: Anna Berg

    -> ska vara Sara Lind (förstelärare), Anna har gått över till en annan skola

    > E-post: anna.berg@edu.stockholm.se

    -> sara.lind@edu.stockholm.se

or, in Outlook's quote without marks, "Enhet: Vårbergs vård- och omsorgsboende   <-- vi
heter sedan årsskiftet Vårbergsgården vård- och omsorgsboende". Cutting the quote off loses
them; here each becomes a line of the reply's own: a bare value under its label
("Kontaktperson: Sara Lind (förstelärare)", "Telefon: 08-508 46 231"), a sentence as it is.
"""

from __future__ import annotations

import re

from bot.signups.extract.vocabulary import address_in, normalise, phone_in

# The receipt's lines, as the bot writes them and as a reply quotes them.
_LABEL = re.compile(
    r"(?i)^\s*\**(?P<label>enhet|verksamhet|organisation|förvaltning,\s+bolag\s+eller\s+företag"
    r"|chef|kontaktperson|e-post|telefon"
    r"|unit|manager|contact(?:\s+person)?|e-?mail|phone)\**\s*:\s*(?P<value>.*)$"
)
_ARROW = r"(?:<-+|<=+|←|-+>|=+>|→|»)"
_ARROW_AFTER = re.compile(rf"\s{_ARROW}\s*(?P<answer>\S.*)$")
_ARROW_FIRST = re.compile(rf"^\s*{_ARROW}\s*(?P<answer>\S.*)$")
# "ska vara", "should be", "Rätt:", "Nytt:": what says the words after are the right value.
_PUT_RIGHT = re.compile(
    r"(?i)^(?:(?:ska|skall)\s+vara|should\s+be|ändra\s+till|byt\s+till|rätt(?:at)?\s*:"
    r"|korrekt\s*:|nytt?\s*:|new\s*:)\s*"
)
_QUOTED = re.compile(r"^\s*>")
# "Stämmer.", "Det stämmer!", "OK", "Correct": a yes to the line above, no new value for it.
_CONFIRMS = re.compile(
    r"(?i)^\s*(?:(?:det\s+)?stämmer(?:\s+bra)?|(?:det\s+är\s+)?rätt|korrekt|ok(?:ej|ay)?|japp?"
    r"|ja(?:,?\s+(?:det\s+)?stämmer)?|correct|that'?s\s+right|yes)\s*[.!]*\s*$"
)
_NAMES = {"kontaktperson", "contact", "contact person", "chef", "manager"}
_MAIL = {"e-post", "email", "e-mail"}
_PHONE = {"telefon", "phone"}


def only_confirms(line: str) -> bool:
    """True for an answer under a receipt's line that only says it is right ("Stämmer.",
    "Det är rätt"): the line's value stays, and the word is nobody's name."""
    return bool(_CONFIRMS.match(line))


def _as_line(label: str, answer: str) -> str:
    """The answer to the receipt's `label` line as a line of the reply's own."""
    answer = _PUT_RIGHT.sub("", answer.strip()).strip()
    key = " ".join(label.casefold().split())
    if key in _MAIL and (address := address_in(answer)):
        return f"{label}: {address}"
    if key in _PHONE and (number := phone_in(answer)):
        return f"{label}: {number}"
    if key in _NAMES and answer[:1].isupper():
        # "Sara Lind (förstelärare), Anna har gått över …": the name, not the news after it.
        head, _, rest = answer.partition(", ")
        details = rest if address_in(rest) or phone_in(rest) else ""
        return f"{label}: {', '.join(p for p in (head, details) if p)}"
    if answer[:1].isupper() and key not in _NAMES and not re.search(r"[.!?]$", answer):
        return f"{label}: {answer}"
    return answer if re.search(r"[.!?]$", answer) else f"{answer}."


def inline_answers(text: str) -> list[str]:
    """Each answer written into the quoted receipt, as a line of the reply's own."""
    lines = normalise(text).split("\n")
    quoted_at = [i for i, line in enumerate(lines) if _QUOTED.match(line)]
    answers: list[str] = []
    label: str | None = None
    for i, line in enumerate(lines):
        plain = re.sub(r"^\s*>+\s?", "", line)
        if receipt := _LABEL.match(plain):
            label = receipt.group("label")
            if after := _ARROW_AFTER.search(receipt.group("value")):
                answers.append(_as_line(label, after.group("answer")))
            continue
        if not plain.strip() or only_confirms(plain):
            continue
        first = _ARROW_FIRST.match(plain)
        # "> " quoting: a line without the mark between two quoted lines is the writer's.
        between = not _QUOTED.match(line) and bool(quoted_at) and quoted_at[0] < i < quoted_at[-1]
        if label is not None and (first or between):
            answers.append(_as_line(label, first.group("answer") if first else plain))
            continue
        label = None
    return answers


def with_inline_answers(text: str) -> str:
    """The reply with the answers it wrote into the quoted receipt put above its own text."""
    answers = inline_answers(text)
    return "\n".join([*answers, "", text]) if answers else text
