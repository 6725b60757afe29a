"""The number of employees a mail states, and the years the unit was awarded before."""

from __future__ import annotations

import re

from bot.signups.extract.vocabulary import NUMBER_WORDS, split_sentences

EMPLOYEES = re.compile(
    rf"(?i)\b(\d{{1,4}}|{'|'.join(NUMBER_WORDS)})\s+(?:st\.?\s+)?"
    r"(?:anställda|medarbetare|årsarbetare|tillsvidareanställda)\b"
)
_AWARD_VERB = re.compile(
    r"(?i)\b(?:fick|fått|vann|vunnit|tilldelades|tilldelats|tilldelad|mottog|mottagit|erhöll"
    r"|erhållit|belönades|belönats|blev|tidigare)\b"
)
_AWARD_WORD = re.compile(
    r"(?i)kvalitetsutmärkelse|utmärkelsen\b|\bpriset\b|\bvann\b|\bvunnit\b|\bvinnare\b"
)
# "Vi fick information om Kvalitetsutmärkelsen 2025" receives no award.
_NOT_RECEIVING = re.compile(
    r"(?i)anmäl|information|inbjudan|mejl|\bmail|frågor|tips|inspiration|hjälp"
)
_MENTION_WORD = re.compile(r"(?i)hedersomnämn")
# Taking part is no award, but its year may be the year of the award named next.
_TAKING_PART = re.compile(r"(?i)\bdelt(?:a|og|agit|ar)\b|\bsök")
_NEGATION = re.compile(r"(?i)\b(?:inte|ej|aldrig|ingen|inget)\b")
_YEAR = re.compile(r"\b(20\d\d)\b")


def _clause_years(sentence: str, awards: set[int], mentions: set[int]) -> None:
    kind: str | None = None
    verb_seen = False
    pending: list[int] = []  # "vi deltog 2022 och fick ett hedersomnämnande"
    for clause in re.split(r",|;|\boch\b|\bsamt\b|\bmen\b", sentence):
        years = [int(y) for y in _YEAR.findall(clause)]
        verb_seen = verb_seen or bool(_AWARD_VERB.search(clause))
        if _NOT_RECEIVING.search(clause) or _TAKING_PART.search(clause):
            kind = None
            pending += [] if _NOT_RECEIVING.search(clause) else years
            continue
        if verb_seen and _MENTION_WORD.search(clause):
            kind = "mention"
        elif verb_seen and _AWARD_WORD.search(clause):
            kind = "award"
        if kind and not _NEGATION.search(clause):
            (mentions if kind == "mention" else awards).update(years or pending)
            pending = []


def award_years(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    awards: set[int] = set()
    mentions: set[int] = set()
    for sentence in split_sentences(text):
        if _AWARD_VERB.search(sentence):
            _clause_years(sentence, awards, mentions)
    return tuple(sorted(awards)), tuple(sorted(mentions - awards))
