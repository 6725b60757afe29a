"""The Swedish words and patterns the sign-up passes share, and small text helpers.

Names, manager titles, e-mail addresses, phone numbers, organisations and unit names
are written the same way whichever pass reads them, so their patterns live here once.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from importlib.resources import files

from email_validator import EmailNotValidError, validate_email


def _letters(test: str) -> str:
    """A character class body of every letter for which str.<test>() holds (Python's re has
    no \\p{Lu}), so that Petrović, Hadžić and Yılmaz are read whole."""
    chars = [chr(c) for c in range(0x41, 0x2000) if getattr(chr(c), test)() and chr(c).isalpha()]
    return "".join(re.escape(c) for c in chars)


_UP = _letters("isupper")
_LOW = _letters("islower") + "ʼ"
UPPER = _UP  # every capital letter, for other modules' patterns
# "O'Connor", "MacLeod", "McKenzie", "FitzGerald", "DiMarco", "LaTorre": a surname's prefix
# glued to a capital.
_GLUED_PREFIX = rf"(?:Ma?c|Fitz|D[aeiu]|L[ae])(?=[{_UP}][{_LOW}])"
WORD = rf"(?:[{_UP}]['’](?=[{_UP}])|{_GLUED_PREFIX})?[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
# Particles stand before a surname in lower case ("af Klint", "von Essen", "al-Hassan").
_PARTICLE = r"(?:(?:(?:von|af|de|van|der|den|la|da|di|del|dos|bin|ibn|el|al|ul)[ -]){1,2})"
# A person's name in prose: two to four capitalised words, as Swedish names are written.
NAME = rf"{WORD}(?: {_PARTICLE}?{WORD}){{1,3}}"
# In a labelled value a lone first name is still what the unit wrote.
LABEL_NAME = re.compile(rf"{WORD}(?: {_PARTICLE}?{WORD}){{0,3}}")

MANAGER_WORDS = (
    r"förskolechef|förskolerektor|rektor|enhetschef|verksamhetschef|avdelningschef"
    r"|sektionschef|gruppchef|skolchef|förvaltningschef|föreståndare|vd|chef"
)
_MODIFIERS = (
    r"biträdande|bitr\.?|ställföreträdande|vice|tillförordnad|t\.f\.|tf\.?|ansvarig|administrativ"
)
# A compound ending in a manager word is a manager's title too: "anläggningschef", "gymnasierektor".
TITLE = rf"(?i:(?:(?:{_MODIFIERS})\s+)?(?:{MANAGER_WORDS}|\w+chef|\w+rektor))\b"
# These make a title someone other than the unit's manager (a deputy or an administrator).
_NOT_MANAGER = re.compile(r"(?i)biträdande|bitr\b|ställföreträdande|\bvice\b|administrativ")

# The words that label an e-mail address or a phone number.
MAIL_W = r"e-?post(?:adress)?|e-?mail(?:adress)?|mejl(?:adress)?|mail(?:adress)?"
PHONE_W = r"telefon(?:nummer)?|tel\.?(?: ?nr\.?)?|telnr|tfn|mobil(?:telefon|nummer|nr)?"

# Finds what looks like an address (`address_in` keeps only what email-validator takes).
# The last part of the domain is letters: "image001.png@01DA7C2E.5F3A1B20", an Outlook
# signature's picture, is no address.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# A shared mailbox reaches the unit, not a person: never a person's own address.
SHARED_MAILBOX = re.compile(
    r"(?i)^(?:info|kontakt|contact|reception|registrator|registratur|post|office|kansli"
    r"|no-?reply|admin|hello|hej|mail|support|kundtjanst|kundservice)@"
)
# 08-508 123 45, 070-123 45 67, +46 8 508 123 45: a leading 0 or +46, then 6 to 12 digits.
# Also "08/508 123 45", "08.508.123.45" and "(08) 508 123 45", as people write them, and with
# the typographic hyphens and dashes Word puts in ("08‑50804771" has a non-breaking hyphen).
_SEP = "[ \t\\-\u2010\u2011\u2012\u2013\u2212/.]"
PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+46[ \t\-\u2011]?(?:\(0\)[ \t]?)?|0)\d{{1,3}}(?:{_SEP}{{0,3}}\d){{5,9}}"
    rf"|\(0\d{{1,3}}\)[ \t]?\d(?:{_SEP}{{0,3}}\d){{4,8}})(?!\d)"
)

ORG = re.compile(
    rf"\b[{_UP}]\w+(?:-[{_UP}]\w+){{0,3}}[ ]stadsdelsförvaltning(?:en)?\b"
    rf"|\b(?i:stadsdelsförvaltning(?:en)?)[ ][{_UP}]\w+(?:-[{_UP}]\w+){{0,3}}"
    rf"|\b[{_UP}]\w*(?:förvaltningen|kontoret|nämnden)\b"
    rf"|\bAB(?:[ ][{_UP}]\w+)+"
    rf"|\b[{_UP}][\w&.-]*(?:[ ](?:[{_UP}][\w&.-]*|i|och|&|för)){{0,6}}[ ]AB\b"
    # A foundation, association or church charity that runs units for the city: "Stiftelsen
    # Solrosen", "Föreningen Gemenskap", "Bräcke diakoni", "Solrosens stiftelse".
    rf"|\b(?:Stiftelsen|Föreningen)(?:[ ][{_UP}]\w+){{1,3}}"
    rf"|\b[{_UP}]\w+(?:[ ][{_UP}]\w+){{0,2}}[ ](?i:diakoni|stiftelse|stadsmission|ideell[ ]förening)\b"
    # A parent cooperative or other economic association: "Föräldrakooperativet Myran ek. för."
    rf"|\b[{_UP}][\w&-]*(?:[ ][{_UP}][\w&-]*){{0,4}}[ ](?:ek\.[ ]?för\.|ekonomisk[ ]förening\b)"
)
_UNIT_TYPES = (
    r"förskola|förskolor|skola|grundskola|gymnasium|gymnasieskola|äldreboende|vårdboende"
    r"|vård- och omsorgsboende|servicehus|gruppbostad|fritidshem|fritidsgård|bibliotek"
    r"|hemtjänst|dagverksamhet|daglig verksamhet|mottagning|enhet|boende"
)
# Repetitions are bounded throughout so that a long run of capitalised words cannot make a
# search quadratic.
UNIT = rf"[{_UP}][\w-]*(?:[ ](?:[{_UP}][\w-]*|(?:{_UNIT_TYPES})\b)){{0,5}}"
# A signature line names a unit only if it says what kind of unit it is.
UNIT_HINT = re.compile(
    r"(?i)förskol|skolan?\b|gymnasi|boende|servicehus|gruppbostad|fritids|bibliotek"
    r"|hemtjänst|mottagning|\benhet|verksamhet"
)
_NOT_UNIT = re.compile(r"(?i)^(?:kvalitetsutmärkelsen|stockholms? stad|stockholm|vi|jag|oss|hej)$")
NOT_PERSON = re.compile(
    r"(?i)förskol|skola|förvaltning|kontoret|nämnd|\bab\b|\bstad\b|\bsdf\b|\bsdn\b|stadsdel|stockholm|kvalitet"
    r"|hälsning|hej|tack|boende|enhet|verksamhet|gymnasi|hemtjänst|^team(?:et)?\b|quality\s+award"
    r"|^(?:hi|hello|dear)\b"
)


_PLAIN_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae"})


def _plain(name: str) -> list[str]:
    """The words of a name without accents: the From header often drops them ("Mujic")."""
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_PLAIN_LETTERS))
    return sorted("".join(c for c in folded if not unicodedata.combining(c)).split())


def same_person(a: str | None, b: str | None) -> bool:
    """The same name in any word order (Outlook writes "Ghorbani Mahnaz" for Mahnaz Ghorbani)
    and with or without its accents (Amra Mujić, Amra Mujic)."""
    return bool(a and b and _plain(a) == _plain(b))


# "Kontaktperson meddelas senare": no contact yet, and not the writer by default either.
CONTACT_LATER = re.compile(
    r"(?i:\b(?:meddelas|utses|bestäms|kommer|återkommer\s+vi\s+med|följer)\s+(?:senare|längre\s+fram"
    r"|inom\s+kort|snart)\b|\b(?:tbd|to\s+be\s+confirmed|will\s+follow)\b|\binte\s+(?:utsedd|klar)\b)"
)


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\u200b", "")


def first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    if not match:
        return None
    value = match.group(0).strip(" ,;")
    # The full stop of "ek. för." is the name's own; a sentence's is not.
    return value if re.search(r"\bek\.[ ]?för\.$", value) else value.rstrip(".")


# "förnamn.efternamn@stockholmshem.se": how the organisation forms its addresses, a pattern
# that reaches nobody, not anyone's address.
_PLACEHOLDER = re.compile(
    r"(?i)^(?:(?:för|for|first|given|sur|last|efter|family)?(?:namn|name)"
    r"|fornamn|initial(?:er)?|x+)(?:[._-](?:(?:för|for|first|given|sur|last|efter|family)?"
    r"(?:namn|name)|fornamn|initial(?:er)?|x+))*@"
)


def address_in(text: str) -> str | None:
    """The first e-mail address in a text that a mail server would take. The pattern finds
    candidates; email-validator judges their syntax and domain, so that the content id of an
    Outlook signature's logo ("[cid:image001.png@01DA7C2E.5F3A1B20]") or "anna..berg@…" is
    no contact's address. Nothing is looked up (no DNS): a unit's address is as it wrote it."""
    for match in EMAIL.finditer(text):
        candidate = match.group(0).rstrip(".")
        if _PLACEHOLDER.match(candidate):
            continue
        try:
            validate_email(candidate, check_deliverability=False)
        except EmailNotValidError:
            continue
        return candidate
    return None


# "08-508 11 700 (växel) eller direkt 08-508 11 742": the switchboard reaches nobody in person.
_SWITCHBOARD = re.compile(r"(?i)växel|\bvx(?:l)?\b|switchboard")


# A switchboard's number ends in round zeros: 08-508 15 000, 08-737 00 00, 08-522 120 00.
_ROUND = re.compile(r"(?:0[ \t-]?0[ \t-]?0|00[ \t-]00|\d{3}[ \t-]00)$")


_BETWEEN_NUMBERS = r"[,;|\n/]|\b(?i:el|eller|or)\b"


def phone_in(text: str) -> str | None:
    """The person's own number in a text: the first that is not the switchboard's (said so,
    or with the round number switchboards have), else the first."""
    text = EMAIL.sub(" ", text)
    numbers = list(PHONE.finditer(text))

    def rank(match: re.Match[str]) -> int:
        # Only the words between this number and its neighbours speak of it: in "08-… (vx),
        # 070-… (mobil)" the "vx" is the first number's.
        before = re.split(r"\d", text[max(0, match.start() - 10) : match.start()])[-1]
        # "(vx)" after a number is that number's, so is the rest of a bracket cut off by the
        # ten characters ("08-508 11 800 (växel) el 070-…"); "08-… vx, 070-…", "08-… vx /
        # 070-…", "08-… växel eller 070-…": so is a word before a comma, slash or "eller".
        before = re.sub(r"\([^)]*\)?|^[^(]*\)", " ", before)
        before = re.split(_BETWEEN_NUMBERS, before)[-1]
        after = re.split(
            _BETWEEN_NUMBERS, re.split(r"\d", text[match.end() : match.end() + 12])[0]
        )[0]
        around = before + after
        if _SWITCHBOARD.search(around):
            return 2
        return 1 if _ROUND.search(match.group(0).strip(" .,;")) else 0

    best = min(numbers, key=rank, default=None)  # min keeps the first of equal rank
    return best.group(0).strip(" .,;") if best else None


def tidy(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" \t.,;:-–")


def is_manager_title(title: str) -> bool:
    return bool(re.search(rf"(?i){MANAGER_WORDS}", title)) and not _NOT_MANAGER.search(title)


@cache
def words_data() -> dict[str, list[str]]:
    """The word lists of `words.toml`: unit types, compound endings and titles."""
    raw = files("bot.signups.extract").joinpath("words.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


@cache
def _titles() -> frozenset[str]:
    return frozenset(t.casefold() for t in words_data()["titles"])


def is_title_word(word: str) -> bool:
    """ "Förskolläraren", "Producer": a title, in its definite form too."""
    folded = word.casefold()
    return folded in _titles() or re.sub(r"(?:en|n|et)$", "", folded) in _titles()


# A compound title or a contact word that a sentence glued onto the name after it: no
# Swedish name ends in "-chef" or "-rektor".
_GLUED_ROLE = r"(?i)\w+chef(?:en|s)?|\w+rektor(?:n|s)?|kontakt(?:person(?:en)?)?"


def clean_name(name: str | None) -> str | None:
    """Drop title words that a capitalised sentence start glued onto a name ("Rektor Anna",
    "Harbour Master Jakob Strandberg")."""
    if not name:
        return None
    words = name.split()
    while words:
        if re.fullmatch(rf"(?i)vår|min|{_MODIFIERS}|(?:{MANAGER_WORDS})(?:en|n)?", words[0]):
            words = words[1:]  # "Enhetschefen Eva Lind"
        elif re.fullmatch(_GLUED_ROLE, words[0]):
            words = words[1:]  # "Områdeschef Eva Lind", "Kontakt Eva Lind"
        elif len(words) > 3 and " ".join(words[:2]).casefold() in _titles():
            words = words[2:]
        elif len(words) > 2 and is_title_word(words[0]):
            words = words[1:]
        else:
            break
    cleaned = " ".join(words)
    # "Quality Coordinator", "Operations Manager": a title in capitals ends in its title word.
    if words and is_title_word(words[-1]):
        return None
    # "Träffpunkt Årsta", "Bad Hornstull": a word that says what kind of unit is no name's.
    if any(w.casefold() in _single_unit_types() for w in words):
        return None
    return cleaned if cleaned and not NOT_PERSON.search(cleaned) else None


@cache
def _single_unit_types() -> frozenset[str]:
    return frozenset(t.casefold() for t in words_data()["unit_types"] if " " not in t)


NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        re.split(
            " ",
            "noll ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton"
            " sexton sjutton arton nitton tjugo",
        )
    )
}


def number(value: str) -> int | None:
    digits = re.search(r"\d{1,5}", value)
    if digits:
        return int(digits.group(0))
    word = re.search(rf"(?i)\b({'|'.join(NUMBER_WORDS)})\b", value)
    return NUMBER_WORDS[word.group(1).lower()] if word else None


def plausible_unit(unit: str) -> bool:
    return not _NOT_UNIT.match(unit) and not ORG.fullmatch(unit) and len(unit) > 2


# Abbreviations whose full stop ends no sentence: "tel. 08-…", "t.ex. …", "ek. för.".
_ABBREVIATION = re.compile(
    r"(?i)(?:^|[\s(])(?:tel|tfn|mob|nr|dir|tex|t\.ex|bl\.a|ca|ev|inkl|resp|ek|tf|t\.f|bitr|fr\.o\.m|f\.d)\.$"
)


def split_sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*(?:[-*•]\s|[^\n:]{1,40}:))", text)
    sentences: list[str] = []
    # A tab is kept: prose_text joins a line the writer ended on purpose with one.
    for part in (re.sub(r"[^\S\t]+", " ", p).strip() for p in parts if p.strip()):
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + part
        else:
            sentences.append(part)
    return sentences
