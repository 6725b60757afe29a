"""Pass 2 of the sign-up extraction: sentences such as "Jag heter Anna Berg och är rektor"."""

from __future__ import annotations

import re
from itertools import pairwise

from bot.signups.extract.rolecues import objects_named
from bot.signups.extract.state import Found, attach_details
from bot.signups.extract.vocabulary import (
    CONTACT_LATER,
    EMAIL,
    MAIL_W,
    MANAGER_WORDS,
    NAME,
    ORG,
    PHONE,
    PHONE_W,
    TITLE,
    UNIT,
    clean_name,
    first,
    is_manager_title,
    plausible_unit,
)

_WRITER_NAME = re.compile(rf"(?i:\bjag\s+heter|\bmitt\s+namn\s+är)\s+({NAME})")
_WRITER_TITLE = re.compile(
    rf"(?i:\bjag\s+(?:är|jobbar\s+som|arbetar\s+som)|\bjag\s+heter\s+{NAME}\s+och\s+"
    rf"(?:är|jobbar\s+som|arbetar\s+som))\s+(?i:(?:ny|nytillträdd)\s+)?({TITLE})"
    rf"(?:\s+(?i:på|för|vid)\s+({UNIT}))?"
)
_MANAGER_PATTERNS = [
    re.compile(
        rf"(?P<name>{NAME})\s+(?i:är\s+(?:vår\s+|ansvarig\s+|verksamhetens\s+)?)"
        rf"(?P<title>{TITLE})"
    ),
    re.compile(
        rf"(?i:(?:vår|ansvarig|verksamhetens|förskolans|skolans|enhetens)\s+)?(?P<title>{TITLE}"
        rf"(?i:\s+för\s+(?:verksamheten|enheten|förskolan|skolan))?)\s+(?i:är|heter)\s+"
        rf"(?P<name>{NAME})"
    ),
]
_CONTACT_NAMED = [
    re.compile(
        rf"(?i:kontaktperson(?:\s+för\s+\w+)?\s+(?:är|blir))\s+"
        rf"(?i:(?:vår|min)\s+(?:kollega\s+)?)?(?:{TITLE}\s+)?({NAME})"
    ),
    # "Eva Lind är också kontaktperson"; not "Eva Lind är ansvarig och jag är kontaktperson".
    # A hurried "Eva Lind är också kontakt" says the same; "är i kontakt med oss" does not.
    re.compile(
        rf"({NAME})\s+(?:\([^)]*\)\s+)?"
        rf"(?i:är\s+(?:(?!och\b|samt\b|men\b|jag\b|vi\b|är\b)[\wåäö]+\s+){{0,4}}?"
        rf"kontakt(?:person)?\b(?!\s+med\b))"
    ),
]
_CONTACT_SELF = re.compile(
    r"(?i:\bjag\s+(?:är|blir)\s+(?:[\wåäö]+\s+){0,5}?kontaktperson"
    rf"|kontaktperson(?:\s+för\s+\w+)?\s+(?:är|blir)\s+(?:jag|undertecknad)\b)(?:,?\s+({NAME}))?"
)
_CONTACT_MANAGER = re.compile(
    rf"(?i)kontaktperson(?:\s+för\s+\w+)?\s+(?:är|blir)\s+(?:samma\s+som\s+|också\s+|även\s+)?"
    rf"(?:vår\s+|ansvarig\s+)?(?:{MANAGER_WORDS})(?:en|n)?\b"
)
# "Chef: Ana Ruiz. Kontakt samma. 073 550 21 88.": the contact is the manager, and the
# details straight after are theirs.
_CONTACT_SAME = re.compile(
    r"(?i)\bkontakt(?:person)?:?\s+(?:samma|densamma|dito)(?:\s+som\s+(?:chef|rektor)\w*)?"
    rf"[\s.,;:]*(?P<details>(?:(?:{PHONE_W}|{MAIL_W})[\s:.]*)?(?:{PHONE.pattern}|{EMAIL.pattern}))?"
)
_CONTACT_LATER = re.compile(
    rf"(?i:kontaktperson(?:en)?|kontakt|contact(?:\s+person)?)[\s:]+(?:\w+\s+){{0,2}}?"
    rf"(?:{CONTACT_LATER.pattern})"
)
# Details the writer gives as their own, whoever else the mail names: the possessive ("Mitt
# telefon 073-…", "mina kontaktuppgifter") or the writer as the subject of "nås" ("Jag heter
# Tarik Ek och nås på …", but not "jag har bett Eva, som nås på …").
_WRITER_DETAILS = re.compile(
    r"(?i)\bnå(?:r)?\s+(?:(?:du|ni)\s+)?mig|kontakta\s+mig|mig\s+når\s+(?:du|ni)"
    # "Svara gärna till min jobbadress …": the writer's work address, not the one written from.
    rf"|\b(?:mitt|min|mina)\s+(?:direkt|jobb|arbets)?(?:{PHONE_W}|{MAIL_W}|adress|nummer|nr"
    r"|direktnummer|kontaktuppgifter)(?!\w)"
    r"|\bmy\s+(?:direct\s+|mobile\s+|work\s+)?(?:phone\s+|telephone\s+)?number"
    r"|\bmy\s+(?:e-?mail|phone|mobile|contact\s+details)"
    r"|\bjag\b(?:(?!\b(?:hon|han|hen|som|men|de|ni|hennes|hans)\b)[^.;!?\n])*?"
    r"\b(?:nås|är\s+nåbar)\b"
    # "Mitt namn Grace Ek, nummer 072-…", "My name is Ann Lee, phone …": the writer introduces
    # herself with her details.
    rf"|(?i:\bmitt\s+namn(?:\s+är)?|\bjag\s+heter|\bmy\s+name\s+is)\s+{NAME}\s*,?\s*"
    rf"(?i:(?:och\s+|and\s+)?(?:mitt\s+|min\s+|my\s+)?(?:{PHONE_W}|{MAIL_W}|nummer|nr|number|phone))\b"
)
_UNIT_PATTERNS = [
    re.compile(
        rf"(?i:\banmäl(?:a|er)|\banmälan\s+(?:för|från|av))\s+"
        rf"(?:(?i:vi|härmed|gärna|nu|också)\s+){{0,3}}({UNIT})"
    ),
    re.compile(rf"(?i:\bvi\s+(?:på|vid)|\bjag\s+(?:arbetar|jobbar)\s+(?:på|vid))\s+({UNIT})"),
    re.compile(rf"({UNIT})\s+(?i:vill\s+(?:gärna\s+)?anmäla\s+sig|anmäler\s+(?:sig|härmed))"),
    re.compile(
        rf"(?i:(?:verksamheten|enheten|förskolan|skolan)\s+heter|namn\s+på\s+verksamheten)"
        rf"\s*[:\-–]?\s+({UNIT})"
    ),
]


def _sentence_after(text: str, start: int, end: int) -> str:
    """From `start` to the end of the sentence holding `end`; e-mail dots are no sentence end."""
    stop = re.search(r"[.!?](?=\s|$)|\n", text[end:])
    return text[start : end + (stop.start() if stop else len(text))]


def _prose_people(text: str, found: Found) -> None:
    writer = _WRITER_NAME.search(text)
    found.put("writer", clean_name(writer.group(1)) if writer else None)
    title = _WRITER_TITLE.search(text)
    if title and is_manager_title(title.group(1)):
        found.put("writer_is_manager", True)
    if title and title.group(2) and plausible_unit(title.group(2)):
        found.put("unit", title.group(2))
    for pattern in _MANAGER_PATTERNS:
        for match in pattern.finditer(text):
            if is_manager_title(match.group("title")):
                found.put("manager", clean_name(match.group("name")))


def _prose_contact(text: str, found: Found) -> None:
    # "Chef är Omar Ali, han är också kontakt": the pronoun read as the person it stands for.
    named = objects_named(text)
    for pattern in _CONTACT_NAMED:
        match = pattern.search(named)
        if match and clean_name(match.group(1)) and found.contact is None:
            found.put("contact", clean_name(match.group(1)))
            attach_details(found, "contact", _sentence_after(named, match.start(), match.end()))
    itself = _CONTACT_SELF.search(text)
    if itself:
        found.put("contact_ref", "writer")
        found.put("writer", clean_name(itself.group(1)))
        attach_details(found, "writer", _sentence_after(text, itself.start(), itself.end()))
    elif _CONTACT_MANAGER.search(text):
        found.put("contact_ref", "manager")
    elif same := _CONTACT_SAME.search(text):
        found.put("contact_ref", "manager")
        attach_details(found, "contact", same.group("details") or "")
    later = _CONTACT_LATER.search(text)
    if later and found.contact is None:
        found.put("contact_ref", "later")
    # The first of them that gives a detail counts ("kontakta mig gärna!" gives none).
    for details in _WRITER_DETAILS.finditer(text):
        attach_details(found, "writer", _sentence_after(text, details.start(), details.end()))


def prose_pass(text: str) -> Found:
    found = Found()
    # The sentence that signs the unit up names it most reliably, so it goes first.
    for pattern in _UNIT_PATTERNS:
        match = pattern.search(text)
        if match and plausible_unit(match.group(1)):
            found.put("unit", match.group(1))
    _prose_people(text, found)
    _prose_contact(text, found)
    found.put("organisation", first(ORG, text))
    return found


def prose_text(lines: list[str], used: set[int]) -> str:
    """Body text with labelled lines removed and wrapped lines joined into paragraphs."""
    kept = ["" if i in used else re.sub(r"\s+", " ", line).strip() for i, line in enumerate(lines)]
    width = max((len(line) for line in kept), default=0)
    # "Hälsningar från oss alla på Kastanjen" over "Eleni": a closing is a line of its own,
    # not wrapped into the name below it.
    kept = [f"{line}\n" if _GREETING_LINE.match(line) else line for line in kept]
    paragraphs = re.split(r"\n\s*\n", "\n".join(kept))
    return "\n".join(_joined(p.split("\n"), width) for p in paragraphs)


_GREETING_LINE = re.compile(
    r"(?i)^(?:(?:med\s+)?(?:vänliga?|bästa|varma|många|glada)?\s*hälsning(?:ar)?|mvh|kram)\b"
)


_NARROWEST_WRAP = 50


def _joined(rows: list[str], width: int) -> str:
    """A paragraph's lines as one line. A line the writer ended although the next word would
    have fit is a line of its own ("… – enhetschef Eva Lind" over "Förskolan Ugglan – …"):
    it is joined with a tab, which no name or unit name runs across."""
    rows = [row.strip() for row in rows if row.strip()]
    text = rows[0] if rows else ""
    for above, row in pairwise(rows):
        # "Humana anmäler härmed:" over "Korttidsboendet Sjöudden" over "Daglig verksamhet
        # Ateljé Blå": lines after a colon, or a text no wider than a list, were never wrapped
        # by a mail program (they wrap at 60 characters or more).
        wrapped = (
            len(above) + 1 + len(row.split()[0]) > width
            and width >= _NARROWEST_WRAP
            and not above.endswith(":")
        )
        text += (" " if wrapped else "\t") + row
    return text
