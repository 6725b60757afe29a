"""Whether a mail is written in English: a count of common words, nothing heavier.

A sign-up in English is registered as any other; only the answer changes, with one English
sentence at the top. A language-detection library would be a heavy dependency for one
yes/no, and it stumbles on short mails full of Swedish names ("Förskolan Lyktan,
Spånga-Tensta"). The function words of each language are what tell them apart, and
names carry none.
"""

from __future__ import annotations

import re

_ENGLISH = frozenset(
    "the and to of we our us would like please is are be for with this that you your "
    "my i am will have has it in on as at by from best regards thanks thank kind dear hi "
    "hello contact person manager unit sign up register registering".split()
)
_SWEDISH = frozenset(
    "och att är vi för med på som det en ett till av har jag oss vår vårt våra ni er "
    "hej hälsningar vänliga mvh tack kontaktperson chef anmäla anmäler anmälan vill "
    "gärna härmed den de kan ska också".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Enough words to tell, and clearly more English than Swedish ones.
_MIN_ENGLISH = 6
_RATIO = 2


def is_english(text: str) -> bool:
    """True when ``text`` (a mail's own words, quotes removed) is written in English."""
    words = [w.casefold() for w in _WORD.findall(text)]
    english = sum(1 for w in words if w in _ENGLISH)
    swedish = sum(1 for w in words if w in _SWEDISH)
    return english >= _MIN_ENGLISH and english >= _RATIO * swedish
