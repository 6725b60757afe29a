"""A second unit told in a paragraph of its own: "Vår systerförskola Planeten vill också vara
med. Där är det samma rektor, men kontakt är …".

No count ("två förskolor") says there are several; the "också" and the "båda" that sums them up
do. The later unit's "samma rektor" is the manager named for the unit before it.
"""

from __future__ import annotations

import re

from bot.signups.extract.notices import puts_off
from bot.signups.extract.vocabulary import MANAGER_WORDS, split_sentences

# "X vill också vara med", "Y anmäler sig också", "även Z vill delta"; "Båda tillhör …".
_ALSO = re.compile(
    r"(?i)\b(?:också|även|likaså)\s+(?:gärna\s+)?(?:vara\s+med|anmäla|delta|medverka|söka)\b"
    r"|\b(?:anmäler|anmäla|vill)\s+(?:sig\s+|oss\s+)?(?:också|även)\b"
    r"|\b(?:also|too)\s+(?:like\s+to\s+)?(?:take\s+part|join|sign\s+up|register|enter)\b"
    r"|(?:^|[.!]\s+)(?:båda|bägge|both|alla\s+(?:tre|fyra))\s+(?:tillhör|hör|har|ligger|är|belong|are)\b"
    # "Vi anmäler två avdelningar:": departments signed up, not ones a preschool "har".
    r"|\banmäl(?:er|a)\s+(?:härmed\s+)?(?:två|tre|fyra|båda|bägge)\s+(?:\w+\s+)?\w*avdelningar\b"
)
_SAME_MANAGER = re.compile(
    rf"(?i)\bsamma\s+(?:{MANAGER_WORDS})\b|\bsame\s+(?:manager|principal|head)\b"
)


def also_signs_up(text: str) -> bool:
    """True when a sentence tells of another unit that signs up too, not as a maybe, or
    signs up a number of departments."""
    return any(_ALSO.search(s) and not puts_off(s) for s in split_sentences(text))


# "Samma chef och kontaktperson som ovan", "samma kontakt": the unit before's contact.
_SAME_CONTACT = re.compile(
    rf"(?i)\bsamma\s+(?:(?:{MANAGER_WORDS})\s+(?:och|&)\s+)?kontakt(?:person)?\b"
    r"|\bsame\s+(?:(?:manager|principal|head)\s+(?:and|&)\s+)?contact(?:\s+person)?\b"
)
_SAME_MANAGER_TOO = re.compile(
    rf"(?i)\bsamma\s+(?:{MANAGER_WORDS}|kontakt(?:person)?)\s+(?:och|&)\s+(?:{MANAGER_WORDS})\b"
    r"|\bsame\s+contact(?:\s+person)?\s+(?:and|&)\s+(?:manager|principal|head)\b"
)


def same_contact(block: str) -> bool:
    """True when a unit's block says its contact is the one named for the unit before it."""
    return bool(_SAME_CONTACT.search(block))


def signs_up_too(text: str, unit: str) -> bool:
    """True when a sentence that names `unit` signs it up too: "Vi vill även anmäla
    Förskolan Humlan, som jag också är chef för"."""
    return any(
        _ALSO.search(s) and not puts_off(s) and unit.casefold() in s.casefold()
        for s in split_sentences(text)
    )


def same_manager(block: str) -> bool:
    """True when a unit's block says its manager is the one named before it."""
    return bool(_SAME_MANAGER.search(block) or _SAME_MANAGER_TOO.search(block))
