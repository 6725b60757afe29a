"""English verbs that Swedish writers borrow for signing up, given their Swedish form.

"Kunskapsskolan Kista signar upp för kvalitetsutmärkelsen", "vi signar upp oss": the
passes read "anmäler", so the borrowed verb is read as that verb before they run.
"""

from __future__ import annotations

import re

# "signar upp oss", "signa upp", "signat upp": the verb, its form kept (present,
# infinitive, supine), with "för" turned into the "till" that goes with "anmäla".
_SIGN_UP = re.compile(r"(?i)\bsign(ar|a|at)\s+upp\b(\s+(?:oss|sig|mig)\b)?(\s+för\b)?")
_SWEDISH = {"ar": "anmäler", "a": "anmäla", "at": "anmält"}


def _swedish(match: re.Match[str]) -> str:
    verb = _SWEDISH[match.group(1).casefold()]
    verb = verb.capitalize() if match.group(0)[0].isupper() else verb
    we = re.search(r"(?i)\bvi\s+(?:\w+\s+)?$", match.string[: match.start()])
    reflexive = match.group(2) or ((" oss" if we else " sig") if match.group(3) else "")
    return verb + reflexive + (" till" if match.group(3) else "")


def swedish_verbs(text: str) -> str:
    """The text with "signar upp (för)" read as "anmäler sig (till)"."""
    return _SIGN_UP.sub(_swedish, text)
