"""Give a mail typed without å/ä/ö, or all in lower case, the spelling the passes read.

The passes find units, titles and people by their words and capitals: "förskolan",
"är", "Lena Berg". A mail from a phone or a foreign keyboard may write "forskolan",
"ar" and "lena berg". Rather than teach every pattern both spellings, the mail's known
words (`words.toml`, `organisations.toml`) get their letters back, and in a mail with no
capitals at all the words that are not everyday words are taken for names.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import cache
from importlib.resources import files

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.signups.extract.language import is_english
from bot.signups.extract.loanwords import swedish_verbs
from bot.signups.extract.quoting import strip_quoted
from bot.signups.extract.selfcorrection import take_back_corrected
from bot.signups.extract.vocabulary import EMAIL, NAME, words_data

_ASCII = str.maketrans("åäöéÅÄÖÉ", "aaoeAAOE")
_NORDIC = re.compile(r"[åäöÅÄÖ]")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# An ASCII form that is itself a word ("har", has) or stands for two ("ar": år or är) is
# left alone, except where a sign-up means one of them far more often.
_PREFERRED = {"ar": "är", "for": "för", "hor": "hör", "pa": "på", "nar": "når"}
# A word no longer than this is not read as a compound with a known ending.
_MIN_STEM = 3
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n[\s/]*)([^\W\d_]+)")  # "/anna" signs a line
_MIN_STARTS = 3
# Words this long may carry a typo (one slip in eight letters); shorter ones may not.
_TYPO_LENGTH = 8
_TYPO_SCORE = 0.87
_LOWER_STARTS = 0.75
# "Skickat från min iPhone": the phone's footer, not the writer's spelling or capitals.
_DEVICE_FOOTER = re.compile(
    r"(?im)^[ \t]*(?:skickat\s+från|sänt\s+från|sent\s+from|hämta|get)\s+(?:min|my)?\s*"
    r"(?:iphone|ipad|samsung|galaxy|huawei|android|outlook|mobil|mobile|telefon|phone"
    r"|smartphone)\b.*$"
)
# "vår chef Sanna Mäkelä tyckte": a full name in capitals inside a lower-case sentence, and
# the word after it.
_AFTER_NAME = re.compile(rf"(?<=[a-zåäö,] ){NAME} ([a-zåäö]+)")


@cache
def _everyday() -> frozenset[str]:
    """The words written in lower case: everything in `words.toml`, never a place's name."""
    data = words_data()
    keys = ("unit_types", "compound_endings", "titles", "sectors", "common_words")
    return frozenset(w.casefold() for key in keys for phrase in data[key] for w in phrase.split())


def everyday_word(word: str) -> bool:
    """True for a word of `words.toml` (a title, a unit type, a common word), never a name."""
    return word.casefold() in _everyday()


def _known_words() -> set[str]:
    words = set(_everyday())
    raw = files("bot.signups.extract").joinpath("organisations.toml").read_text(encoding="utf-8")
    catalogue = tomllib.loads(raw)
    words |= set(catalogue["district_words"])
    for org in catalogue["organisation"]:
        for text in [
            org["name"],
            *org.get("aliases", []),
            *org.get("districts", []),
            *org.get("parts", []),
        ]:
            words |= set(text.split())
    return {w.casefold().strip(".,:()") for phrase in words for w in phrase.split()}


@cache
def _restorable() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """(ASCII word → its Swedish spelling, (ASCII ending, Swedish ending) longest first)."""
    words = _known_words()
    plain = {w for w in words if w.translate(_ASCII) == w}
    spellings: dict[str, set[str]] = {}
    for word in words:
        ascii_form = word.translate(_ASCII)
        if ascii_form != word and ascii_form not in plain:
            spellings.setdefault(ascii_form, set()).add(word)
    restore = {a: next(iter(s)) for a, s in spellings.items() if len(s) == 1}
    restore.update(_PREFERRED)
    endings = {
        e.translate(_ASCII): e
        for e in (
            *words_data()["compound_endings"],
            *words_data()["unit_types"],
            "förvaltningen",
            "förvaltning",
            "förskolan",
            "förskola",
            "förskolor",
            "hälsningar",
            "chef",
            "chefen",
        )
        if " " not in e and e.translate(_ASCII) != e
    }
    return restore, tuple(sorted(endings.items(), key=lambda kv: -len(kv[0])))


def _cased_like(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _restore_word(word: str) -> str:
    restore, endings = _restorable()
    folded = word.casefold()
    if folded in restore:
        return _cased_like(restore[folded], word)
    if word[:1].isupper():
        return word  # "Sorgarden" may be the unit's own spelling; only known words change
    for ascii_end, end in endings:
        if folded.endswith(ascii_end) and len(folded) - len(ascii_end) >= _MIN_STEM:
            return word[: len(word) - len(ascii_end)] + _cased_like(end, word[-len(ascii_end) :])
    return word


def _map_words(text: str, change: Callable[[str], str]) -> str:
    """`change` applied to every word of `text` outside its e-mail addresses."""
    addresses = [(m.start(), m.end()) for m in EMAIL.finditer(text)]

    def one(match: re.Match[str]) -> str:
        if any(a <= match.start() < b for a, b in addresses):
            return match.group(0)
        return change(match.group(0))

    return _WORD.sub(one, text)


def _capitalise(word: str) -> str:
    if all(p in _everyday() for p in word.casefold().split("-")):
        return word
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def _all_lower_case(text: str) -> bool:
    """True for a mail that starts its lines and sentences in lower case ("hej vi på …"),
    however many names it capitalises."""
    text = EMAIL.sub(" ", text)
    starts = [m.group(1) for m in _SENTENCE_START.finditer(text)]
    lower = sum(1 for w in starts if w[0].islower())
    return len(starts) >= _MIN_STARTS and lower >= _LOWER_STARTS * len(starts)


def _typed_without_nordic(text: str) -> bool:
    """True when the writer's own words have no å/ä/ö: the part above a quote (when it has
    words) without the mail app's footer, for the quote (the bot's receipt, a colleague's
    mail) and the footer are spelled by someone else."""
    own = _DEVICE_FOOTER.sub("", strip_quoted(text))
    return not _NORDIC.search(own if _WORD.search(own) else text)


def restore_spelling(text: str, *, english: bool = False) -> str:
    """The text with å/ä/ö given back to known words (when the writer typed none) and names
    capitalised (when it has no capitals); any other text unchanged."""
    written = _DEVICE_FOOTER.sub("", text)
    if not english and _typed_without_nordic(text):
        text = _map_words(text, _restore_word)
    if _all_lower_case(written):
        text = _capitalised(text)
    return text


def _capitalised(text: str) -> str:
    """Every word that is no everyday word capitalised, except the word after a name the
    writer capitalised: the writer ended the name there ("Sanna Mäkelä tyckte")."""
    capitalised = _map_words(text, _capitalise)
    if len(capitalised) != len(text):
        return capitalised
    letters = list(capitalised)
    for match in _AFTER_NAME.finditer(text):
        letters[match.start(1)] = text[match.start(1)]
    return "".join(letters)


@cache
def _long_words() -> tuple[str, ...]:
    return tuple(sorted(w for w in _everyday() if len(w) >= _TYPO_LENGTH and w.isalpha()))


@cache
def _corrected(word: str) -> str:
    """A known word's typo put right ("kontaktpreson", "enhetshcef"); any other word as is.

    Only a slip inside the word, or two letters swapped, counts: a word that differs from a
    known one in its last letters is another form of it ("kontakten", "kontakta").
    """
    folded = word.casefold()
    if len(folded) < _TYPO_LENGTH or folded in _everyday():
        return word
    best = process.extractOne(
        folded,
        _long_words(),
        scorer=DamerauLevenshtein.normalized_similarity,  # a swapped pair is one slip
        score_cutoff=_TYPO_SCORE,
    )
    if best is None:
        return word
    known: str = best[0]
    differs = next(
        (i for i, (a, b) in enumerate(zip(folded, known, strict=False)) if a != b), len(known)
    )
    swapped = sorted(folded) == sorted(known)  # "förskolecehf": letters swapped, not an ending
    if differs < 3 or (differs >= min(len(folded), len(known)) - 3 and not swapped):
        return word
    return _cased_like(known, word)


def readable(text: str) -> str:
    """`restore_spelling` for a mail whose language is read from the text itself, with the
    typos of known words put right, what the writer took back left out and a borrowed
    verb ("signar upp") read as the Swedish one."""
    text = take_back_corrected(text)
    english = is_english(text)
    text = restore_spelling(text, english=english)
    return text if english else swedish_verbs(_map_words(text, _corrected))


def display_name(name: str) -> str:
    """A From display name typed in lower case ("stina karlsson") as the name is written."""
    if not name or any(c.isupper() for c in name):
        return name
    return " ".join(w[:1].upper() + w[1:] if "@" not in w else w for w in name.split())


def as_written(value: str | None, original: str) -> str | None:
    """A value read from the restored text, in the letters the mail itself used.

    Restoring changes letters one for one (a → å, l → L), so the value's span is found in
    the original by comparing folded letters; the value keeps its capitals ("Forskolan
    Bjorkhagen", not "Förskolan Bjorkhagen", for a unit that wrote its name without dots).
    """
    if not value:
        return value
    folded = original.casefold().translate(_ASCII)
    at = folded.find(value.casefold().translate(_ASCII))
    if at < 0 or len(original) != len(folded):
        return value
    span = original[at : at + len(value)]
    return "".join(
        o.upper() if v.isupper() else o.lower() for o, v in zip(span, value, strict=True)
    )
