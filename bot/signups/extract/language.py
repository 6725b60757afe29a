"""Whether a mail is written in English: a count of common words, nothing heavier.

A sign-up in English is registered as any other; only the answer changes, with one English
sentence at the top. A language-detection library would be a heavy dependency for one
yes/no, and it stumbles on short mails full of Swedish names ("Förskolan Lyktan,
Spånga-Tensta"). The function words of each language are what tell them apart, and
names carry none. The words are in `language.toml`.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    raw = files("bot.signups.extract").joinpath("language.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    return frozenset(data["english"]), frozenset(data["swedish"])


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Enough words to tell, and clearly more English than Swedish ones.
_MIN_ENGLISH = 6
_RATIO = 2


def is_english(text: str) -> bool:
    """True when ``text`` (a mail's own words, quotes removed) is written in English."""
    words = [w.casefold() for w in _WORD.findall(text)]
    english_words, swedish_words = _vocabulary()
    english = sum(1 for w in words if w in english_words)
    swedish = sum(1 for w in words if w in swedish_words)
    return english >= _MIN_ENGLISH and english >= _RATIO * swedish
