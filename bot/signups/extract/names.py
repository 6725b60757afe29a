"""Compare unit names, allowing for the small differences in how units write them."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_FOLD = str.maketrans("åäöéèüø", "aaoeeuo")
_KIND_FORMS = {
    "forskolan": "forskola",
    "skolan": "skola",
    "grundskolan": "grundskola",
    "gymnasiet": "gymnasium",
    "aldreboendet": "aldreboende",
    "boendet": "boende",
    "hemtjansten": "hemtjanst",
    "servicehuset": "servicehus",
    "fritidshemmet": "fritidshem",
    "forvaltningen": "forvaltning",
    "stadsdelsforvaltningen": "stadsdelsforvaltning",
    "omsorgsboendet": "omsorgsboende",
    "serviceboendet": "serviceboende",
}
# "Vård- och omsorgsboendet" is one kind in three words; its "vård" and "och" say nothing
# about which unit it is.
_KINDS = {*_KIND_FORMS.values(), "forskolor", "gruppbostad", "vardboende", "ab", "vard"}


def _name_key(name: str) -> tuple[frozenset[str], str]:
    """(kinds of unit named, the rest) with case, accents, word order and genitive -s folded."""
    words = re.sub(r"[^\w\s]", " ", name.casefold().translate(_FOLD)).split()
    words = [_KIND_FORMS.get(w, w) for w in words if w != "och"]
    kinds = frozenset(w for w in words if w in _KINDS)
    rest = [w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words if w not in _KINDS]
    return kinds, " ".join(sorted(rest))


def similar_names(a: str, b: str) -> bool:
    """Same unit allowing small spelling differences ("Förskolan X" = "X förskola")."""
    kinds_a, key_a = _name_key(a or "")
    kinds_b, key_b = _name_key(b or "")
    if not key_a or not key_b or (kinds_a and kinds_b and kinds_a != kinds_b):
        return False
    return SequenceMatcher(None, key_a, key_b).ratio() >= 0.85
