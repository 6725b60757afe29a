"""A yes to a quoted proposal to sign up: the reply-all that answers a colleague's "ska vi
anmäla Kista träff till Kvalitetsutmärkelsen i år?" with "Ja, vi kör!" signs the unit up.

The proposal is a question and so no sign-up by itself, and the yes names nothing; together
they are what a registrar reads as the unit's decision.
"""

from __future__ import annotations

import re

from bot.signups.extract.destination import AWARD, signs_up_elsewhere
from bot.signups.extract.quoting import strip_quoted
from bot.signups.extract.thread import quoted_part
from bot.signups.extract.vocabulary import split_sentences

_GREETING = re.compile(
    r"^\s*(?i:hej|hejsan|hallå|hi|hello|god\s+morgon)(?:\s+[A-ZÅÄÖ][\w-]*)?\s*[,!.]?\s*"
)
# "Ja, vi kör!", "Absolut, det gör vi.", "Självklart!", "Yes, let's do it".
_YES = re.compile(
    r"(?i)^\s*(?:ja(?:pp|visst|absolut)?|absolut|självklart|givetvis|definitivt|gärna|kör"
    r"|vi\s+kör|det\s+gör\s+vi|yes|sure|of\s+course|absolutely)\b"
)
# "Ja, men inte i år", "Ja, fast först efter APT": a yes that puts it off is no decision.
_BUT = re.compile(r"(?i)\b(?:men|fast|but|inte|ej|not|nästa\s+år|längre\s+fram|senare|later)\b")
# "ska vi anmäla Kista träff till Kvalitetsutmärkelsen i år?", "Should we enter …?"
_PROPOSAL = re.compile(
    r"(?i)\b(?:ska|skall|borde|bör|vill|kanske)\s+vi\s+(?:\w+\s+)?"
    r"(?P<verb>anmäla|delta|vara\s+med|söka|medverka)\b"
    r"|\b(?:shall|should)\s+we\s+(?P<en>enter|apply|sign\s+up|take\s+part|participate)\b"
)


def _proposes_signup(sentence: str) -> bool:
    proposal = _PROPOSAL.search(sentence)
    return (
        proposal is not None
        and sentence.rstrip().endswith("?")
        and bool(AWARD.search(sentence))
        and not signs_up_elsewhere(sentence, proposal.end())
    )


def says_yes(text: str) -> bool:
    """True when the text's own first sentence, after a greeting, says yes without a but:
    "Ja, vi kör!", not "Ja, men inte i år"."""
    own = split_sentences(_GREETING.sub("", strip_quoted(text).strip(), count=1))
    return bool(own) and bool(_YES.match(own[0])) and not _BUT.search(own[0])


def agrees_to_quoted_signup(text: str) -> bool:
    """True when a reply's own first sentence says yes and the message it quotes proposes
    signing the unit up for the award."""
    own = split_sentences(_GREETING.sub("", strip_quoted(text).strip(), count=1))
    if not own or not _YES.match(own[0]) or _BUT.search(own[0]):
        return False
    return any(_proposes_signup(s) for s in split_sentences(quoted_part(text)))
