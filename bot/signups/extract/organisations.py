"""Find the organisation a unit belongs to, by the city's list in `organisations.toml`.

People write the same organisation many ways ("Spånga-Tensta sdf", "SDF: Skarpnäck",
"Äldreförv.", "Micasa"). A registration stores the canonical name, so that examiner
routing's same-organisation rule and the digest's counts see one organisation; the text
as written is kept as evidence. Matching is by words: case and å/ä/ö are folded, a long
word may carry a small typo or another ending (rapidfuzz), and a capitalised
abbreviation must match exactly.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rapidfuzz import fuzz, process

_FOLD = str.maketrans("åäöéèüøáÅÄÖÉÈÜØÁ", "aaoeeuoaAAOEEUOA")
_WORD = re.compile(r"\w+")
# Words shorter than this must match exactly: "Farsta" and "Farstas" are listed apart,
# and a short word one letter off is usually another word.
_FUZZY_LENGTH = 8
_FUZZY_SCORE = 88
# These mention a district without saying it is the administration ("i stadsdelen Farsta").
# "Skarpnäcks stadsdelsområde" is the district's area, where the units work.
_WEAK_DISTRICT_WORDS = {"stadsdel", "stadsdelen", "district", "stadsdelsomrade"}


@dataclass(frozen=True)
class OrganisationMatch:
    """The organisation found: canonical name, the text as written, and if it is on the list."""

    name: str
    written: str
    known: bool
    position: int = 0
    weak: bool = False
    part: bool = False  # one part of a double-named district ("Kista")


@dataclass(frozen=True)
class _Pattern:
    words: tuple[str, ...]
    name: str
    exact: bool  # an abbreviation: case and all
    district: bool
    part: bool = False


def _fold(word: str) -> str:
    return word.casefold().translate(_FOLD)


def _words(text: str, exact: bool = False) -> tuple[str, ...]:
    return tuple(w if exact else _fold(w) for w in _WORD.findall(text))


@dataclass(frozen=True)
class _Catalogue:
    patterns: tuple[_Pattern, ...]
    district_words: frozenset[str]
    long_words: tuple[str, ...]
    names: frozenset[str]
    starts: dict[str, tuple[_Pattern, ...]]
    english_words: frozenset[str]
    business_words: frozenset[str]
    synonyms: dict[str, str]


@cache
def _catalogue() -> _Catalogue:
    raw = files("bot.signups.extract").joinpath("organisations.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    patterns: list[_Pattern] = []
    for org in data["organisation"]:
        name = org["name"]
        patterns += [
            _Pattern(_words(a), name, False, False) for a in [name, *org.get("aliases", [])]
        ]
        patterns += [
            _Pattern(_words(a, True), name, True, False) for a in org.get("abbreviations", [])
        ]
        patterns += [_Pattern(_words(d), name, False, True) for d in org.get("districts", [])]
        patterns += [_Pattern(_words(d), name, False, True, True) for d in org.get("parts", [])]
    # The longest pattern first, so that "Stockholm Vatten och Avfall" beats "Stockholm Vatten".
    patterns.sort(key=lambda p: -len(p.words))
    district_words = frozenset(_fold(w.rstrip(":")) for w in data["district_words"])
    long_words = {w for p in patterns if not p.exact for w in p.words if len(w) >= _FUZZY_LENGTH}
    long_words |= {w for w in district_words if len(w) >= _FUZZY_LENGTH}
    names = frozenset(org["name"] for org in data["organisation"])
    starts: dict[str, tuple[_Pattern, ...]] = {}
    for pattern in patterns:
        starts[pattern.words[0]] = (*starts.get(pattern.words[0], ()), pattern)
    english = frozenset(_fold(w) for w in data["english_words"])
    business = frozenset(data["business_words"])
    synonyms = {_fold(k): _fold(v) for k, v in data.get("english_synonyms", {}).items()}
    return _Catalogue(
        tuple(patterns),
        district_words,
        tuple(sorted(long_words)),
        names,
        starts,
        english,
        business,
        synonyms,
    )


def organisation_names() -> frozenset[str]:
    """Every canonical name on the list."""
    return _catalogue().names


class _Text:
    """A text's words, folded, with a typo-tolerant way to read each as a listed word."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.raw = [text[a:b] for a, b in self.spans]
        self.folded = [self._listed(_fold(w)) for w in self.raw]

    @staticmethod
    @cache
    def _listed(word: str) -> str:
        """The listed word this one is, allowing a typo or another ending in a long word."""
        catalogue = _catalogue()
        word = catalogue.synonyms.get(word, word)
        if len(word) < _FUZZY_LENGTH or word in catalogue.long_words:
            return word
        best = process.extractOne(
            word, catalogue.long_words, scorer=fuzz.ratio, score_cutoff=_FUZZY_SCORE
        )
        return best[0] if best and best[0][:3] == word[:3] else word

    def matches(self, pattern: _Pattern, i: int) -> bool:
        words = tuple((self.raw if pattern.exact else self.folded)[i : i + len(pattern.words)])
        if words == pattern.words:
            return True
        if pattern.exact:
            return len(words) == len(pattern.words) and all(
                map(_same_abbreviation, words, pattern.words)
            )
        # The genitive of a listed name: "Stockholms Hamnars", "Micasas". A district's
        # forms are listed, so that "Söders" is not read into "Söder".
        *first, last = pattern.words
        return (
            not pattern.district
            and len(words) == len(pattern.words)
            and words[:-1] == tuple(first)
            and words[-1] == last + "s"
        )

    def district_word(self, i: int, beside: int | None = None) -> str | None:
        """The administration word at `i`, if there is one on the same line as `beside`.

        "Boendestödet i Bromma" above "Stadsdelsförvaltningen i Bromma" in a signature: the
        next line's word is not the district's above it.
        """
        if not (0 <= i < len(self.folded) and self.folded[i] in _catalogue().district_words):
            return None
        if beside is not None:
            a, b = sorted((i, beside))
            if "\n" in self.text[self.spans[a][1] : self.spans[b][0]]:
                return None
        return self.folded[i]

    def split_district_word(self, i: int) -> bool:
        """True when the words at `i` and `i + 1` are an administration word written as two
        ("stadsdels förvaltning"), as dictation and autocorrect split a compound."""
        if i + 1 >= len(self.raw) or self.text[self.spans[i][1] : self.spans[i + 1][0]] != " ":
            return False
        return _fold(self.raw[i] + self.raw[i + 1]) in _catalogue().district_words

    def written(self, first: int, last: int) -> str:
        return self.text[self.spans[first][0] : self.spans[last][1]]

    def business_end(self, last: int) -> int:
        """The last word of a provider's name that runs on from `last` in capitalised
        business words on the same line ("Vardaga Omsorg", "Nytida Sverige AB", "Humana
        Omsorg AB"); "AB" only after a business word."""
        end, business = last, _catalogue().business_words
        while end + 1 < len(self.raw) and self.raw[end + 1] in business:
            if "\n" in self.text[self.spans[end][1] : self.spans[end + 1][0]]:
                break
            end += 1
        if self.raw[end] in business and end + 1 < len(self.raw) and self.raw[end + 1] == "AB":
            end += 1
        return end


def _same_abbreviation(written: str, listed: str) -> bool:
    """ "UtbF" is "UTBF" and "SoF" is "SOF": an abbreviation's capitals vary from writer to
    writer. Two capitals at least, so that a word ("Tk", "sof") is not read as one."""
    capitals = sum(c.isupper() for c in written)
    return written == listed or (written.casefold() == listed.casefold() and capitals >= 2)


def is_listed_word(word: str) -> bool:
    """True when the word is one the list names organisations by ("Fastighetskontoret",
    "Micasa", "stadsdelsförvaltning", "SISAB"), allowing a small typo in a long word."""
    catalogue = _catalogue()
    if any(p.exact and word in p.words for p in catalogue.patterns):
        return True
    listed = _Text._listed(_fold(word))
    return listed in catalogue.district_words or any(
        listed in p.words for p in catalogue.patterns if not p.exact
    )


def read_with_typo(written: str) -> bool:
    """True when the organisation was matched only by forgiving a typo in one of its words."""
    words = _Text(written)
    return any(_fold(raw) != folded for raw, folded in zip(words.raw, words.folded, strict=True))


def _district(text: _Text, pattern: _Pattern, i: int, bare: bool) -> OrganisationMatch | None:
    """A district is the administration only beside a word that says so (or in a label)."""
    end = i + len(pattern.words) - 1
    before = next((j for j in (i - 1, i - 2) if text.district_word(j, i)), None)
    after = end + 1 if text.district_word(end + 1, end) else None
    if text.split_district_word(end + 1):
        after = end + 2  # "Spånga Tensta stadsdels förvaltning": the compound split in two
    if after is not None and text.district_word(after + 1, after):
        after += 1  # "district administration"
    # "EÅV" in capitals is the administration's abbreviation, never a place's name. Two
    # capitals ("HV") are too often something else; beside "sdf" they are the district's.
    initials = len(pattern.words) == 1 and len(text.raw[i]) <= 2
    abbreviation = len(pattern.words) == 1 and text.raw[i].isupper() and not initials
    if before is None and after is None and (initials or not (bare or abbreviation)):
        return None
    word = text.district_word(after if after is not None else before or 0) or ""
    if after is not None and text.split_district_word(after - 1):
        word = _fold(text.raw[after - 1] + text.raw[after])
    first, last = (before if before is not None else i), (after if after is not None else end)
    weak = word in _WEAK_DISTRICT_WORDS or (before is None and after is None and not abbreviation)
    start = text.spans[i][0]
    written = text.written(first, last)
    return OrganisationMatch(pattern.name, written, True, start, weak, pattern.part)


def _match(words: _Text, pattern: _Pattern, i: int, bare: bool) -> OrganisationMatch | None:
    if pattern.district:
        return _district(words, pattern, i, bare)
    last = words.business_end(i + len(pattern.words) - 1)
    written = words.written(i, last)
    after = words.text[words.spans[last][1] :]
    # "Kulturförv." is written with its full stop: the abbreviation's, not the sentence's.
    if _ABBREVIATED.search(written) and after[:1] == ".":
        written += "."
    if _COLON_GENITIVE.match(after):  # "SISAB:s förvaltningsområde": the genitive as written
        written += ":s"
    return OrganisationMatch(pattern.name, written, True, words.spans[i][0])


def find_organisations(text: str, *, bare_districts: bool = False) -> list[OrganisationMatch]:
    """Every listed organisation the text names, in the order written.

    An address is not a mention: "maria@frosunda.se" names a mail server, and a reply
    that gives it does not move the unit to that organisation. Addresses are blanked to
    keep every position.
    """
    words = _Text(_ADDRESS.sub(lambda m: " " * len(m.group()), text))
    starts = _catalogue().starts
    # Only the positions whose word begins some pattern (or its genitive, "Micasas") are
    # tried, longest pattern first.
    tries = sorted(
        (
            (pattern, i)
            for i in range(len(words.raw))
            for word in {
                words.raw[i],
                words.raw[i].upper(),
                words.folded[i],
                words.raw[i][:-1],
                words.folded[i][:-1],
            }
            for pattern in starts.get(word, ())
        ),
        key=lambda t: (-len(t[0].words), t[1]),
    )
    found: list[OrganisationMatch] = []
    taken: set[int] = set()
    for pattern, i in tries:
        span = range(i, i + len(pattern.words))
        if taken.intersection(span) or not words.matches(pattern, i):
            continue
        match = _match(words, pattern, i, bare_districts)
        if match is not None:
            found.append(match)
            taken.update(span)
    found += _split_compounds(words, taken)
    found += _clipped_compounds(words, taken)
    return sorted(found, key=lambda m: m.position)


def _split_compounds(words: _Text, taken: set[int]) -> list[OrganisationMatch]:
    """A one-word name written as two words: dictation and phones' autocorrect split a
    compound ("kultur förvaltningen", "Familje bostäder"); joined, it is the listed word."""
    found: list[OrganisationMatch] = []
    for i in range(len(words.raw) - 1):
        between = words.text[words.spans[i][1] : words.spans[i + 1][0]]
        if taken.intersection((i, i + 1)) or between not in (" ", "-"):
            continue
        joined = _Text._listed(_fold(words.raw[i] + words.raw[i + 1]))
        patterns = _catalogue().starts.get(joined, ())
        if any(len(p.words) == 1 and not p.exact and not p.district for p in patterns):
            name = next(p.name for p in patterns if len(p.words) == 1 and not p.exact)
            found.append(OrganisationMatch(name, words.written(i, i + 1), True, words.spans[i][0]))
            taken.update((i, i + 1))
    return found


def _clipped_compounds(words: _Text, taken: set[int]) -> list[OrganisationMatch]:
    """A one-word name clipped at its first part: "expl.kontoret", "utb.förv.", "soc.förv":
    the start of a listed compound, a full stop, and the end it is known by."""
    found: list[OrganisationMatch] = []
    for i in range(len(words.raw) - 1):
        between = words.text[words.spans[i][1] : words.spans[i + 1][0]]
        if taken.intersection((i, i + 1)) or between != "." or len(words.raw[i]) < 3:
            continue
        first, last = _fold(words.raw[i]), _fold(words.raw[i + 1])
        end = "forvaltningen" if last == "forv" else last
        names = {
            p.name
            for p in _catalogue().patterns
            if len(p.words) == 1
            and not p.exact
            and not p.district
            and p.words[0].startswith(first)
            and p.words[0].endswith(end)
            and len(p.words[0]) > len(first) + len(end)
        }
        if len(names) == 1:
            last_end = words.spans[i + 1][1]
            dotted = words.text[last_end : last_end + 1] == "." and last == "forv"
            written = words.written(i, i + 1) + ("." if dotted else "")
            found.append(OrganisationMatch(names.pop(), written, True, words.spans[i][0]))
            taken.update((i, i + 1))
    return found


_ABBREVIATED = re.compile(r"(?i)förv$")
_COLON_GENITIVE = re.compile(r":s\b")
_ADDRESS = re.compile(r"[\w.+-]+@[\w.-]+|\bhttps?://\S+|\bwww\.\S+")


def english_words() -> frozenset[str]:
    """Words that make a form of a name English ("Ports of Stockholm"), folded."""
    return _catalogue().english_words


def fold(word: str) -> str:
    """The word as the list compares it: case and å/ä/ö folded."""
    return _fold(word)
