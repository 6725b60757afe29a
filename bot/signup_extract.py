"""Read a unit's sign-up (anmälan) for Kvalitetsutmärkelsen out of the plain text of a mail.

Units sign up by free-form Swedish mail: labelled lines ("Verksamhet: …"), prose ("Jag heter
Anna Berg och är rektor på …") or only a signature. :func:`extract_signup` runs three
passes over the unquoted text (labels, prose, signature) and trusts them in that order. The
module also recognises withdrawals, undoing a withdrawal and sign-up mails, and compares
unit names. Everything here is pure: strings in, values out. A value that is not in the
text stays None, because the workflow asks the unit rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from difflib import SequenceMatcher

__all__ = [
    "SignupFields",
    "extract_signup",
    "is_undo_withdrawal",
    "is_withdrawal",
    "looks_like_signup",
    "similar_names",
    "strip_quoted",
]


@dataclass(frozen=True)
class SignupFields:
    """What a sign-up mail says; None (or empty) where it says nothing."""

    unit_name: str | None = None
    manager_name: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    organisation: str | None = None
    contact_email_from_sender: bool = False
    employees: int | None = None
    award_years: tuple[int, ...] = ()
    honourable_mention_years: tuple[int, ...] = ()

    def missing(self) -> list[str]:
        """Required items not present, in the order the reply to the unit lists them."""
        absent = [
            ("unit_name", self.unit_name),
            ("manager_name", self.manager_name),
            ("contact_name", self.contact_name),
            ("contact_details", self.contact_email or self.contact_phone),
            ("organisation", self.organisation),
        ]
        return [key for key, value in absent if not value]

    def merged(self, newer: SignupFields) -> SignupFields:
        """Fields of `newer` that are not None replace ours; award years accumulate."""
        changes: dict[str, object] = {
            f.name: getattr(newer, f.name)
            for f in fields(self)
            if f.name != "contact_email_from_sender" and getattr(newer, f.name) is not None
        }
        if newer.contact_email is not None:
            changes["contact_email_from_sender"] = newer.contact_email_from_sender
        changes["award_years"] = tuple(sorted({*self.award_years, *newer.award_years}))
        changes["honourable_mention_years"] = tuple(
            sorted({*self.honourable_mention_years, *newer.honourable_mention_years})
        )
        return replace(self, **changes)  # type: ignore[arg-type]


# --- Shared vocabulary -------------------------------------------------------------------

_UP = "A-ZÅÄÖÉÜØ"
_LOW = "a-zåäöéüøáèë"
_WORD = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_PARTICLE = r"(?:(?:von|af|de|van|der|la) )"
# A person's name in prose: two to four capitalised words, as Swedish names are written.
_NAME = rf"{_WORD}(?: {_PARTICLE}?{_WORD}){{1,3}}"
# In a labelled value a lone first name is still what the unit wrote.
_LABEL_NAME = re.compile(rf"{_WORD}(?: {_PARTICLE}?{_WORD}){{0,3}}")

_MANAGER_WORDS = (
    r"förskolechef|förskolerektor|rektor|enhetschef|verksamhetschef|avdelningschef"
    r"|sektionschef|gruppchef|skolchef|förvaltningschef|föreståndare|vd|chef"
)
_MODIFIERS = (
    r"biträdande|bitr\.?|ställföreträdande|vice|tillförordnad|t\.f\.|tf|ansvarig|administrativ"
)
_TITLE = rf"(?i:(?:(?:{_MODIFIERS})\s+)?(?:{_MANAGER_WORDS}))\b"
# These make a title someone other than the unit's manager (a deputy or an administrator).
_NOT_MANAGER = re.compile(r"(?i)biträdande|bitr\b|ställföreträdande|\bvice\b|administrativ")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 08-508 123 45, 070-123 45 67, +46 8 508 123 45: a leading 0 or +46, then 6 to 12 digits.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+46[ \t-]?(?:\(0\)[ \t]?)?|0)\d{1,3}(?:[ \t\-–]{0,3}\d){5,9}(?!\d)"
)

_ORG = re.compile(
    rf"\b[{_UP}]\w+(?:-[{_UP}]\w+){{0,3}}[ ]stadsdelsförvaltning(?:en)?\b"
    rf"|\b(?i:stadsdelsförvaltning(?:en)?)[ ][{_UP}]\w+(?:-[{_UP}]\w+){{0,3}}"
    rf"|\b[{_UP}]\w*(?:förvaltningen|kontoret|nämnden)\b"
    rf"|\bAB(?:[ ][{_UP}]\w+)+"
    rf"|\b[{_UP}][\w&.-]*(?:[ ](?:[{_UP}][\w&.-]*|i|och|&|för)){{0,6}}[ ]AB\b"
)
_UNIT_TYPES = (
    r"förskola|förskolor|skola|grundskola|gymnasium|gymnasieskola|äldreboende|vårdboende"
    r"|vård- och omsorgsboende|servicehus|gruppbostad|fritidshem|fritidsgård|bibliotek"
    r"|hemtjänst|dagverksamhet|daglig verksamhet|mottagning|enhet|boende"
)
# Repetitions are bounded throughout so that a long run of capitalised words cannot make a
# search quadratic.
_UNIT = rf"[{_UP}][\w-]*(?:[ ](?:[{_UP}][\w-]*|(?:{_UNIT_TYPES})\b)){{0,5}}"
# A signature line names a unit only if it says what kind of unit it is.
_UNIT_HINT = re.compile(
    r"(?i)förskol|skolan?\b|gymnasi|boende|servicehus|gruppbostad|fritids|bibliotek"
    r"|hemtjänst|mottagning|\benhet|verksamhet"
)
_NOT_UNIT = re.compile(r"(?i)^(?:kvalitetsutmärkelsen|stockholms? stad|stockholm|vi|jag|oss|hej)$")
_NOT_PERSON = re.compile(
    r"(?i)förskol|skola|förvaltning|kontoret|nämnd|\bab\b|stad\b|stockholm|kvalitet"
    r"|hälsning|hej|tack|boende|enhet|verksamhet|gymnasi"
)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\u200b", "")


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0).strip(" .,;") if match else None


def _tidy(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" \t.,;:-–")


def _is_manager_title(title: str) -> bool:
    return bool(re.search(rf"(?i){_MANAGER_WORDS}", title)) and not _NOT_MANAGER.search(title)


def _clean_name(name: str | None) -> str | None:
    """Drop title words that a capitalised sentence start glued onto a name ("Rektor Anna")."""
    if not name:
        return None
    words = name.split()
    while words and re.fullmatch(rf"(?i)vår|min|{_MODIFIERS}|{_MANAGER_WORDS}", words[0]):
        words = words[1:]
    cleaned = " ".join(words)
    return cleaned if cleaned and not _NOT_PERSON.search(cleaned) else None


# --- Quoted replies ----------------------------------------------------------------------

_QUOTE_SEPARATOR = re.compile(
    r"(?i)^\s*-{2,}\s*(?:ursprungligt meddelande|original message|vidarebefordrat meddelande"
    r"|forwarded message)\s*-{2,}"
)
_HEADER_FROM = re.compile(r"(?i)^\s*\**(?:från|from)\s*:\**\s")
_HEADER_NEXT = re.compile(r"(?i)^\s*\**(?:skickat|sent|datum|date|till|to)\s*:")
_WROTE = re.compile(r"(?i)^.*\b(?:wrote|skrev)\b[^\n]{0,80}:\s*$")
# A reply header carries an address, a clock time or a year; "som rektorn skrev:" does not.
_HEADER_DETAIL = re.compile(r"@|\b\d{1,2}[:.]\d\d\b|\b20\d\d\b")


def _quote_starts(lines: list[str], i: int) -> bool:
    line = lines[i]
    if _QUOTE_SEPARATOR.match(line):
        return True
    if _HEADER_FROM.match(line):
        following = lines[i : i + 5]
        return any(_HEADER_NEXT.match(x) for x in following) or bool(
            re.search(r"(?i)\b(?:skickat|sent):", line)
        )
    # Gmail wraps "Den tis 12 mars 2024 kl 10:15 skrev Anna Berg <…>:" over two lines.
    two_lines = line + (" " + lines[i + 1] if i + 1 < len(lines) else "")
    header = line if _WROTE.match(line) else two_lines if _WROTE.match(two_lines) else ""
    return bool(_HEADER_DETAIL.search(header))


def strip_quoted(text: str) -> str:
    """Remove quoted reply parts: "> " lines and everything from a reply or forward header."""
    lines = _normalise(text).split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _quote_starts(lines, i):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line.rstrip())
    while kept and re.fullmatch(r"\s*[_-]{5,}\s*|\s*", kept[-1]):
        kept.pop()
    return "\n".join(kept)


# --- The extraction's working state --------------------------------------------------------


@dataclass
class _Found:
    """What one pass found. `*_ref` says a role is another person ("manager" or "writer")."""

    unit: str | None = None
    organisation: str | None = None
    manager: str | None = None
    manager_ref: str | None = None
    manager_email: str | None = None
    manager_phone: str | None = None
    contact: str | None = None
    contact_ref: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    writer: str | None = None
    writer_is_manager: bool = False
    writer_email: str | None = None
    writer_phone: str | None = None
    employees: int | None = None
    used_lines: set[int] = field(default_factory=set)

    def put(self, name: str, value: object) -> None:
        """Set a field unless an earlier line already did: the first statement wins."""
        if value not in (None, "", False) and getattr(self, name) in (None, False):
            setattr(self, name, value)


def _combine(passes: list[_Found]) -> _Found:
    combined = _Found()
    for found in passes:
        for f in fields(_Found):
            if f.name != "used_lines":
                combined.put(f.name, getattr(found, f.name))
    return combined


# --- Pass 1: labelled lines --------------------------------------------------------------

_MAIL_W = r"e-?post(?:adress)?|e-?mail(?:adress)?|mejl(?:adress)?|mail(?:adress)?"
_PHONE_W = r"telefon(?:nummer)?|tel\.?(?: ?nr\.?)?|telnr|tfn|mobil(?:telefon|nummer|nr)?"
_ORG_W = (
    r"(?:stadsdels|fack)?förvaltning(?:en)?|bolag(?:et)?|företag(?:et)?|nämnd(?:en)?"
    r"|huvudman(?:nen)?|organisation(?:en)?|arbetsgivare|stadsdel(?:sområde)?"
)
_DETAILS_W = rf"(?:{_MAIL_W}|{_PHONE_W})(?:\s*(?:/|,|och)\s*(?:{_MAIL_W}|{_PHONE_W}))*"
_LABEL_RULES = [
    (key, re.compile(pattern))
    for key, pattern in (
        ("manager_details", rf"(?:chefens|rektorns|rektors) (?:{_DETAILS_W})"),
        ("details", rf"(?:kontaktpersonens |kontakt)?(?:{_DETAILS_W})"),
        (
            "contact",
            r"(?:namn på )?kontakt(?:person)?(?:ens)?(?: namn)?(?: för anmälan)?|kontaktuppgifter",
        ),
        (
            "both",
            rf"(?:kontaktperson|kontakt) (?:och|/) (?:ansvarig )?(?:{_MANAGER_WORDS})"
            rf"|(?:ansvarig )?(?:{_MANAGER_WORDS}) (?:och|/) kontaktperson",
        ),
        (
            "manager",
            rf"(?:namn på )?(?:ansvarig |närmaste )?(?:{_MANAGER_WORDS})(?:ens|ns|s)?(?: namn)?"
            r"(?: för (?:verksamheten|enheten))?",
        ),
        ("organisation", rf"(?:{_ORG_W})(?:\s*(?:/|,|eller|och)\s*(?:{_ORG_W}))*"),
        (
            "unit",
            r"(?:namn på )?(?:verksamhet|enhet|förskola|skola|arbetsplats)(?:en|ens|n|ns|s)?"
            r"(?: namn)?(?:\s*/\s*(?:verksamhet|enhet)(?:en)?)?",
        ),
        ("employees", r"(?:antal )?(?:anställda|medarbetare|årsarbetare)(?: i maj)?"),
    )
]
_BULLET = re.compile(r"^\s*(?:[-*•·–—▪►]+|\d{1,2}[.)])\s+")
_SEPARATORS = (r":", r"\t+", r"\s+[-–—]\s+", r" {2,}")
_GENERIC_UNIT = re.compile(r"(?i)förskola|skola|grundskola|gymnasium|äldreomsorg|socialtjänst")
_SELF = re.compile(r"(?i)jag|jag själv|mig|mig själv|undertecknad|undertecknade|avsändaren")
_SAME_AS_MANAGER = re.compile(
    rf"(?i)(?:samma(?: person)?(?: som)?|se)(?: ovan| (?:ansvarig )?(?:{_MANAGER_WORDS})(?:en|n)?)?"
    rf"|(?:ansvarig )?(?:{_MANAGER_WORDS})(?:en|n)?"
)


def _label_key(label: str) -> str | None:
    text = re.sub(r"\([^)]*\)", " ", label.lower())
    text = re.sub(r"\s+", " ", text).strip(" .:-")
    return next((key for key, rule in _LABEL_RULES if rule.fullmatch(text)), None)


def _label_of(line: str) -> tuple[str, str] | None:
    """(field key, value) if the line is "Label: value" (or tab/dash/spaces separated)."""
    # Mail converted from HTML often keeps bold labels as "**Verksamhet:**".
    text = _BULLET.sub("", line.replace("*", "")).strip()
    for separator in _SEPARATORS:
        match = re.match(rf"^([^:\t]{{1,60}}?)\s*{separator}\s*(.*)$", text)
        key = _label_key(match.group(1)) if match else None
        if match and key:
            return key, match.group(2).strip()
    return None


def _only_details(line: str) -> bool:
    rest = _PHONE.sub("", _EMAIL.sub("", line))
    rest = re.sub(rf"(?i){_MAIL_W}|{_PHONE_W}|[\s,;:/|()<>]", "", rest)
    return rest == "" and line.strip() != ""


def _attach_details(found: _Found, person: str, text: str) -> None:
    found.put(f"{person}_email", _first(_EMAIL, text))
    found.put(f"{person}_phone", _first(_PHONE, _EMAIL.sub(" ", text)))


def _person_value(found: _Found, person: str, value: str) -> None:
    """Read "Anna Berg, rektor, anna.berg@…" or "samma som chef" / "jag" into a role."""
    _attach_details(found, person, value)
    rest = re.sub(r"\([^)]*\)", " ", _PHONE.sub(" ", _EMAIL.sub(" ", value)))
    for part in re.split(r"[,;/|]|\s[-–]\s", rest):
        match = _LABEL_NAME.match(_tidy(part))
        name = _clean_name(match.group(0)) if match else None
        if name:
            found.put(person, name)
            break
    words = _tidy(rest).lower()
    if getattr(found, person) is None and _SELF.fullmatch(words):
        found.put(f"{person}_ref", "writer")
    elif person == "contact" and found.contact is None and _SAME_AS_MANAGER.fullmatch(words):
        found.put("contact_ref", "manager")
    if person == "manager" and re.search(r"(?i)kontaktperson", value):
        found.put("contact_ref", "manager")


def _unit_value(found: _Found, value: str) -> None:
    org = _first(_ORG, value)
    unit = _tidy(re.sub(r"\([^)]*\)", " ", _ORG.sub(" ", value) if org else value))
    unit = re.sub(r"(?i)\s+(?:i|inom|på)$", "", unit)
    if unit and not _GENERIC_UNIT.fullmatch(unit):
        found.put("unit", unit)
    found.put("organisation", org)


def _number(value: str) -> int | None:
    digits = re.search(r"\d{1,5}", value)
    if digits:
        return int(digits.group(0))
    word = re.search(rf"(?i)\b({'|'.join(_NUMBER_WORDS)})\b", value)
    return _NUMBER_WORDS[word.group(1).lower()] if word else None


_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        re.split(
            " ",
            "noll ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton"
            " sexton sjutton arton nitton tjugo",
        )
    )
}


def _apply_label(found: _Found, key: str, value: str, person: str | None) -> str | None:
    """Store one labelled value; returns whose e-mail/phone a following bare line gives."""
    if key in ("manager", "contact"):
        _person_value(found, key, value)
        return key
    if key == "both":
        _person_value(found, "manager", value)
        found.put("contact_ref", "manager")
        return "manager"
    if key == "details":
        _attach_details(found, person or "contact", value)
        return person
    if key == "manager_details":
        _attach_details(found, "manager", value)
    elif key == "unit":
        _unit_value(found, value)
    elif key == "organisation":
        found.put("organisation", _tidy(value))
    elif key == "employees":
        found.put("employees", _number(value))
    return None


def _next_value(lines: list[str], i: int) -> tuple[str, int | None]:
    """The value of a label that stands alone on its line is on the next non-blank line."""
    for j in range(i + 1, min(i + 3, len(lines))):
        if lines[j].strip():
            return ("", None) if _label_of(lines[j]) else (_tidy(_BULLET.sub("", lines[j])), j)
    return "", None


def _label_pass(lines: list[str]) -> _Found:
    found = _Found()
    person: str | None = None
    for i, line in enumerate(lines):
        if i in found.used_lines:
            continue
        hit = _label_of(line)
        if hit is None:
            if not line.strip():
                person = None
            elif person and _only_details(line):
                _attach_details(found, person, line)
                found.used_lines.add(i)
            continue
        key, value = hit
        found.used_lines.add(i)
        if not value:
            value, j = _next_value(lines, i)
            found.used_lines.update({j} if j is not None else set())
        person = _apply_label(found, key, value, person)
    return found


# --- Pass 2: prose -----------------------------------------------------------------------

_WRITER_NAME = re.compile(rf"(?i:\bjag\s+heter|\bmitt\s+namn\s+är)\s+({_NAME})")
_WRITER_TITLE = re.compile(
    rf"(?i:\bjag\s+(?:är|jobbar\s+som|arbetar\s+som)|\bjag\s+heter\s+{_NAME}\s+och\s+"
    rf"(?:är|jobbar\s+som|arbetar\s+som))\s+(?i:(?:ny|nytillträdd)\s+)?({_TITLE})"
    rf"(?:\s+(?i:på|för|vid)\s+({_UNIT}))?"
)
_MANAGER_PATTERNS = [
    re.compile(
        rf"(?P<name>{_NAME})\s+(?i:är\s+(?:vår\s+|ansvarig\s+|verksamhetens\s+)?)"
        rf"(?P<title>{_TITLE})"
    ),
    re.compile(
        rf"(?i:(?:vår|ansvarig|verksamhetens|förskolans|skolans|enhetens)\s+)?(?P<title>{_TITLE}"
        rf"(?i:\s+för\s+(?:verksamheten|enheten|förskolan|skolan))?)\s+(?i:är|heter)\s+"
        rf"(?P<name>{_NAME})"
    ),
]
_CONTACT_NAMED = [
    re.compile(
        rf"(?i:kontaktperson(?:\s+för\s+\w+)?\s+(?:är|blir))\s+"
        rf"(?i:(?:vår|min)\s+(?:kollega\s+)?)?(?:{_TITLE}\s+)?({_NAME})"
    ),
    re.compile(rf"({_NAME})\s+(?:\([^)]*\)\s+)?(?i:är\s+(?:[\wåäö]+\s+){{0,4}}?kontaktperson)"),
]
_CONTACT_SELF = re.compile(
    r"(?i:\bjag\s+(?:är|blir)\s+(?:[\wåäö]+\s+){0,5}?kontaktperson"
    rf"|kontaktperson(?:\s+för\s+\w+)?\s+(?:är|blir)\s+(?:jag|undertecknad)\b)(?:,?\s+({_NAME}))?"
)
_CONTACT_MANAGER = re.compile(
    rf"(?i)kontaktperson(?:\s+för\s+\w+)?\s+(?:är|blir)\s+(?:samma\s+som\s+|också\s+|även\s+)?"
    rf"(?:vår\s+|ansvarig\s+)?(?:{_MANAGER_WORDS})(?:en|n)?\b"
)
_WRITER_DETAILS = re.compile(r"(?i)\bnå(?:r)?\s+mig|kontakta\s+mig|mig\s+når\s+(?:du|ni)")
_UNIT_PATTERNS = [
    re.compile(
        rf"(?i:\banmäl(?:a|er)|\banmälan\s+(?:för|från|av))\s+"
        rf"(?:(?i:vi|härmed|gärna|nu|också)\s+){{0,3}}({_UNIT})"
    ),
    re.compile(rf"(?i:\bvi\s+(?:på|vid)|\bjag\s+(?:arbetar|jobbar)\s+(?:på|vid))\s+({_UNIT})"),
    re.compile(rf"({_UNIT})\s+(?i:vill\s+(?:gärna\s+)?anmäla\s+sig|anmäler\s+(?:sig|härmed))"),
    re.compile(
        rf"(?i:(?:verksamheten|enheten|förskolan|skolan)\s+heter|namn\s+på\s+verksamheten)"
        rf"\s*[:\-–]?\s+({_UNIT})"
    ),
]


def _sentence_after(text: str, start: int, end: int) -> str:
    """From `start` to the end of the sentence holding `end`; e-mail dots are no sentence end."""
    stop = re.search(r"[.!?](?=\s|$)|\n", text[end:])
    return text[start : end + (stop.start() if stop else len(text))]


def _plausible_unit(unit: str) -> bool:
    return not _NOT_UNIT.match(unit) and not _ORG.fullmatch(unit) and len(unit) > 2


def _prose_people(text: str, found: _Found) -> None:
    writer = _WRITER_NAME.search(text)
    found.put("writer", _clean_name(writer.group(1)) if writer else None)
    title = _WRITER_TITLE.search(text)
    if title and _is_manager_title(title.group(1)):
        found.put("writer_is_manager", True)
    if title and title.group(2) and _plausible_unit(title.group(2)):
        found.put("unit", title.group(2))
    for pattern in _MANAGER_PATTERNS:
        for match in pattern.finditer(text):
            if _is_manager_title(match.group("title")):
                found.put("manager", _clean_name(match.group("name")))


def _prose_contact(text: str, found: _Found) -> None:
    for pattern in _CONTACT_NAMED:
        match = pattern.search(text)
        if match and _clean_name(match.group(1)) and found.contact is None:
            found.put("contact", _clean_name(match.group(1)))
            _attach_details(found, "contact", _sentence_after(text, match.start(), match.end()))
    itself = _CONTACT_SELF.search(text)
    if itself:
        found.put("contact_ref", "writer")
        found.put("writer", _clean_name(itself.group(1)))
        _attach_details(found, "writer", _sentence_after(text, itself.start(), itself.end()))
    elif _CONTACT_MANAGER.search(text):
        found.put("contact_ref", "manager")
    details = _WRITER_DETAILS.search(text)
    if details:
        _attach_details(found, "writer", _sentence_after(text, details.start(), details.end()))


def _prose_pass(text: str) -> _Found:
    found = _Found()
    # The sentence that signs the unit up names it most reliably, so it goes first.
    for pattern in _UNIT_PATTERNS:
        match = pattern.search(text)
        if match and _plausible_unit(match.group(1)):
            found.put("unit", match.group(1))
    _prose_people(text, found)
    _prose_contact(text, found)
    found.put("organisation", _first(_ORG, text))
    return found


def _prose_text(lines: list[str], used: set[int]) -> str:
    """Body text with labelled lines removed and wrapped lines joined into paragraphs."""
    kept = ["" if i in used else line.strip() for i, line in enumerate(lines)]
    paragraphs = re.split(r"\n\s*\n", "\n".join(kept))
    return "\n".join(re.sub(r"\s+", " ", p).strip() for p in paragraphs)


# --- Pass 3: the signature ---------------------------------------------------------------

# A closing may carry the name ("Mvh Anna Berg", "/Anna") but not a sentence: "Hälsningar
# från oss alla på Trollskogen" opens a mail and "Vänligen kontakta mig" is a request.
_CLOSING = re.compile(
    r"(?:(?i:(?:med\s+)?(?:vänliga|vänlig|bästa|varma|hjärtliga|glada|många)?\s*hälsning(?:ar)?"
    rf"|mvh|vänligen)\b[\s,.!]*|/\s*)((?:{_WORD}(?: \S+){{0,3}})?)[\s,.!]*"
)
_SIGNATURE_LABEL = re.compile(rf"(?i)^\s*(?:{_MAIL_W}|{_PHONE_W}|direkt|växel)\s*[:.]?\s*")


def _person_line(line: str) -> bool:
    name = line.split(",")[0].strip()
    return bool(re.fullmatch(_NAME, name)) and not _NOT_PERSON.search(name)


def _split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """(body lines, signature lines): the signature follows a closing, or is a last name block."""
    for i in range(len(lines) - 1, -1, -1):
        closing = _CLOSING.fullmatch(lines[i].strip())
        if closing:
            head = [closing.group(1)] if closing.group(1) else []
            return lines[:i], [*head, *(x.strip() for x in lines[i + 1 :] if x.strip())][:10]
    tail = [i for i, x in enumerate(lines) if x.strip()][-8:]
    for i in tail:
        if _person_line(lines[i]) and not (i and lines[i - 1].rstrip().endswith(":")):
            return lines[:i], [x.strip() for x in lines[i:] if x.strip()]
    return lines, []


def _signature_name(text: str, sender_name: str) -> str | None:
    text = _tidy(text)
    if re.fullmatch(_NAME, text):
        return _clean_name(text)
    sender = sender_name.strip()
    # "Anna" under a mail from "Anna Berg": the signature is the sender's, so her full name.
    if re.fullmatch(_WORD, text) and sender and sender.split()[0].casefold() == text.casefold():
        return sender if re.fullmatch(_NAME, sender) else None
    return None


def _signature_place(text: str, found: _Found, after_title: bool) -> None:
    org = _first(_ORG, text)
    found.put("organisation", org)
    rest = _tidy(_ORG.sub(" ", text) if org else text)
    rest = re.sub(r"(?i)^(?:på|vid|för)\s+", "", rest)
    named_unit = after_title or _UNIT_HINT.search(rest)
    if rest and named_unit and not re.search(r"\d|(?i:stockholms stad)", rest):
        found.put("unit", rest if _plausible_unit(rest) else None)


def _signature_line(line: str, found: _Found) -> None:
    _attach_details(found, "writer", line)
    text = _tidy(_SIGNATURE_LABEL.sub("", _PHONE.sub(" ", _EMAIL.sub(" ", line))))
    if not text or re.search(r"(?i)adress|box\b|org\.?\s*nr|fax", text):
        return
    title = re.match(rf"({_TITLE})[\s,|–-]*(.*)$", text)
    if title:
        found.put("writer_is_manager", _is_manager_title(title.group(1)))
        _signature_place(title.group(2), found, after_title=True)
    else:
        _signature_place(text, found, after_title=False)


def _signature_pass(lines: list[str], sender_name: str) -> _Found:
    found = _Found()
    if not lines:
        return found
    # "Anna Berg, rektor" / "Anna Berg | Rektor": the name, then maybe the title.
    name, *title_part = re.split(r"\s*[,|]\s*|\s+[-–]\s+", lines[0], maxsplit=1)
    title = title_part[0] if title_part else ""
    found.writer = _signature_name(name, sender_name)
    found.put("writer_is_manager", bool(re.match(_TITLE, name)) and _is_manager_title(name))
    rest = ([title] if title.strip() else []) + lines[1:] if found.writer else lines
    for line in rest:
        _signature_line(line, found)
    return found


# --- Employees and earlier awards ----------------------------------------------------------

_EMPLOYEES = re.compile(
    rf"(?i)\b(\d{{1,4}}|{'|'.join(_NUMBER_WORDS)})\s+(?:st\.?\s+)?"
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


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*(?:[-*•]\s|[^\n:]{1,40}:))", text)
    return [re.sub(r"\s+", " ", p).strip() for p in parts if p.strip()]


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


def _award_years(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    awards: set[int] = set()
    mentions: set[int] = set()
    for sentence in _sentences(text):
        if _AWARD_VERB.search(sentence):
            _clause_years(sentence, awards, mentions)
    return tuple(sorted(awards)), tuple(sorted(mentions - awards))


# --- Putting the passes together -----------------------------------------------------------


def _same_person(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.casefold() == b.casefold())


def _resolve_people(found: _Found, sender_name: str) -> tuple[str | None, str | None]:
    """(manager, contact) names, following "jag" and "samma som chef" to the person meant."""
    # The From display name stands for the writer only where the mail points at the writer.
    writer = found.writer or _tidy(sender_name) or None
    manager = found.manager
    if manager is None and (found.manager_ref == "writer" or found.writer_is_manager):
        manager = writer
    contact = found.contact
    if contact is None and found.contact_ref == "manager":
        contact = manager
    elif contact is None and found.contact_ref == "writer":
        contact = writer
    elif contact is None and found.contact_email is None and found.contact_phone is None:
        contact = found.writer  # a sign-up signed by a person names that person as contact
    return manager, contact


def _contact_details(
    found: _Found, manager: str | None, contact: str | None
) -> tuple[str | None, str | None]:
    """The contact's (e-mail, phone), taken from the manager or writer when that is who it is."""
    email, phone = found.contact_email, found.contact_phone
    writer = found.writer or (contact if found.contact_ref == "writer" else None)
    if _same_person(contact, manager) or (contact and found.contact_ref == "manager"):
        email, phone = email or found.manager_email, phone or found.manager_phone
    if _same_person(contact, writer):
        email, phone = email or found.writer_email, phone or found.writer_phone
    return email, phone


def extract_signup(
    text: str, *, sender_name: str = "", sender_email: str | None = None
) -> SignupFields:
    """The sign-up fields the mail's plain-text body states; None where it states nothing."""
    body = strip_quoted(text)
    lines, signature = _split_signature(body.split("\n"))
    labelled = _label_pass(lines)
    prose = _prose_pass(_prose_text(lines, labelled.used_lines))
    found = _combine([labelled, prose, _signature_pass(signature, sender_name)])
    found.put("employees", _number(m.group(1)) if (m := _EMPLOYEES.search(body)) else None)
    manager, contact = _resolve_people(found, sender_name)
    email, phone = _contact_details(found, manager, contact)
    from_sender = email is None and bool(sender_email) and bool(contact or found.writer)
    awards, mentions = _award_years(body)
    return SignupFields(
        unit_name=found.unit,
        manager_name=manager,
        contact_name=contact,
        contact_email=sender_email if from_sender else email,
        contact_phone=phone,
        organisation=found.organisation,
        contact_email_from_sender=from_sender,
        employees=found.employees,
        award_years=awards,
        honourable_mention_years=mentions,
    )


# --- Withdrawals and sign-up detection -----------------------------------------------------

_WITHDRAWAL = re.compile(
    r"(?i)\b(?:"
    r"(?:drar|dra|drog)\s+(?:härmed\s+|tyvärr\s+)?tillbaka\s+(?:vår|min|er|den|vårt|denna)?\s*"
    r"(?:anmälan|anmälningen|deltagande|deltagandet)"
    r"|(?:drar|dra)\s+oss\s+(?:ur|tillbaka)"
    r"|återkall(?:a|ar|at|ande)\s+(?:av\s+)?(?:härmed\s+)?(?:vår|min|den|er)?\s*anmälan"
    r"|att\s+inte\s+delta"
    r"|(?:kommer|kan|vill)\s+(?:vi\s+)?(?:tyvärr\s+)?(?:inte|ej)\s+(?:längre\s+)?(?:att\s+)?"
    r"(?:kunna\s+)?delta"
    r"|deltar\s+(?:tyvärr\s+)?(?:inte|ej)"
    r"|avstår|avstå|hoppar\s+av|avanmäl(?:er|a|an|ning)"
    r"|(?:ta|tar)\s+tillbaka\s+(?:vår|min|den|er)?\s*anmälan"
    r"|stryk\s+(?:vår\s+anmälan|oss)|ta\s+bort\s+(?:vår\s+anmälan|oss\s+från)"
    r"|(?:inte|ej)\s+(?:att\s+)?lämna\s+in\s+(?:något\s+|ett\s+)?bidrag"
    r")"
)
_NEGATED_BEFORE = re.compile(r"(?i)(?:\b(?:inte|ej|aldrig)\b(?:\s+att)?|\b(?:om|ifall)\s+vi)\s*$")
_OTHER_EVENT = re.compile(
    r"(?i)^\s*(?:på|i|vid)\s+(?:\w+\s+){0,2}?"
    r"(?:info\w*|\w*möte\w*|skrivarstug\w*|workshop\w*|träff\w*|webbinar\w*|utbildning\w*)"
)
_ABSTAIN_OK = re.compile(
    r"(?i)^\s*(?:$|[.,!]|i\s+år|deltagande|från\s+(?:att\s+)?(?:delta|deltagande|medverka"
    r"|medverkan|söka|tävla|kvalitetsutmärkelsen|anmälan))"
)


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?")


def _real_withdrawal(sentence: str, match: re.Match[str]) -> bool:
    before, after = sentence[: match.start()], sentence[match.end() :]
    if _is_question(sentence) or _NEGATED_BEFORE.search(before[-30:]):
        return False
    if match.group(0).lower().startswith("avstå") and not _ABSTAIN_OK.match(after):
        return False
    return not (match.group(0).lower().endswith("delta") and _OTHER_EVENT.match(after))


def is_withdrawal(text: str) -> bool:
    """True if the unquoted text withdraws the unit's sign-up ("vi drar tillbaka vår anmälan")."""
    return any(
        _real_withdrawal(sentence, match)
        for sentence in _sentences(strip_quoted(text))
        for match in _WITHDRAWAL.finditer(sentence)
    )


_UNDO = re.compile(
    r"(?i)(?<!\w)(?:ångra[rt]?|ångrade)(?!\w)(?!\s+(?:inte|ej)\b)"
    r"|\bvill\s+(?:ändå\s+)?delta\s+ändå\b|\bvill\s+ändå\s+delta\b|\bdeltar\s+ändå\b"
    r"|\bstår\s+kvar\s+vid\s+(?:vår\s+)?anmälan|\bvill\s+vara\s+kvar\b"
)


def is_undo_withdrawal(text: str) -> bool:
    """True if the unit takes back its withdrawal ("ÅNGRA", "vi vill delta ändå")."""
    return bool(_UNDO.search(strip_quoted(text)))


_SIGNUP_WORD = re.compile(
    r"(?i)\banmäl(?:a|er|an|ning|ningen)\b"
    r"|\b(?:delta|vara\s+med|medverka)\s+i\s+(?:årets\s+)?kvalitetsutmärkelse"
)
_ASKING = re.compile(
    r"(?i)^\s*(?:hur|när|var|vart|vad|kan|får|måste|ska|går)\b|\b(?:undrar|fråga|frågor|funderar)\b"
)
_NOT_A_SIGNUP = re.compile(
    r"(?i)\btack\s+för\b|\bskickade\b|\bskickat\b|\bhar\s+anmält\b|\banmälde\b|\bbekräft"
)
_SIGNUP_CONTEXT = re.compile(r"(?i)utmärkelse|\boss\b|\bvår\b|\bvårt\b|\bhärmed\b|\bvi\b|\bsig\b")


def _states_signup(sentence: str, *, need_context: bool = True) -> bool:
    word = _SIGNUP_WORD.search(sentence)
    if word is None or _is_question(sentence) or _NOT_A_SIGNUP.search(sentence):
        return False
    if _ASKING.search(sentence[: word.start()]) or re.search(r"(?i)avanmäl", sentence):
        return False
    return not need_context or bool(_SIGNUP_CONTEXT.search(sentence))


def _asks_about_signup(sentences: list[str]) -> bool:
    return any(_SIGNUP_WORD.search(s) and not _states_signup(s) for s in sentences)


def _labelled_fields(body: str) -> int:
    found = _label_pass(body.split("\n"))
    roles = (
        found.unit,
        found.organisation,
        found.manager or found.manager_ref,
        found.contact or found.contact_ref,
    )
    return sum(1 for role in roles if role)


def looks_like_signup(subject: str, text: str) -> bool:
    """True for a sign-up mail; False for questions about signing up and for withdrawals."""
    body = strip_quoted(text)
    if is_withdrawal(body) or is_withdrawal(subject):
        return False
    sentences = _sentences(body)
    if any(_states_signup(s) for s in sentences) or _labelled_fields(body) >= 2:
        return True
    subject_says = _states_signup(
        re.sub(r"(?i)^\s*(?:(?:re|sv|vs|fw|fwd)\s*:\s*)+", "", subject), need_context=False
    )
    return subject_says and not _asks_about_signup(sentences)


# --- Comparing unit names ------------------------------------------------------------------

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
}
_KINDS = {*_KIND_FORMS.values(), "forskolor", "gruppbostad", "vardboende", "ab"}


def _name_key(name: str) -> tuple[frozenset[str], str]:
    """(kinds of unit named, the rest) with case, accents, word order and genitive -s folded."""
    words = re.sub(r"[^\w\s]", " ", name.casefold().translate(_FOLD)).split()
    words = [_KIND_FORMS.get(w, w) for w in words]
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
