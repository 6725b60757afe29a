"""Pass 3 of the sign-up extraction: the signature under a closing or a last name block."""

from __future__ import annotations

import re

from bot.signups.extract.footers import without_legal_footer
from bot.signups.extract.labels import label_key
from bot.signups.extract.state import Found, attach_details
from bot.signups.extract.unitwords import is_title
from bot.signups.extract.vocabulary import (
    EMAIL,
    MAIL_W,
    NAME,
    NOT_PERSON,
    ORG,
    PHONE,
    PHONE_W,
    TITLE,
    UNIT_HINT,
    WORD,
    clean_name,
    first,
    is_manager_title,
    phone_in,
    plausible_unit,
    tidy,
)

# A closing may carry the name ("Mvh Anna Berg", "/Anna") but not a sentence: "Hälsningar
# från oss alla på Trollskogen" opens a mail and "Vänligen kontakta mig" is a request.
_CLOSING = re.compile(
    r"(?:(?i:(?:med\s+)?(?:vänliga|vänlig|bästa|varma|hjärtliga|glada|många)?\s*hälsning(?:ar)?"
    # "kram Aga", "kramar": the warm closing of a mail between colleagues.
    r"|mvh|kram(?:ar)?|vänligen|tack(?:\s+på\s+förhand|\s+så\s+mycket)?|(?:kind|best|warm)\s+(?:regards|wishes)|regards|cheers|sincerely)\b[\s,.!]*"
    rf"|/{{1,2}}\s*)((?:{WORD}(?: \S+){{0,3}})?)[\s,.!]*"
    # "mvh anna berg 070-111 22 33": the details may follow the name on the closing's line.
    rf"((?:[\s,|]*(?:{PHONE.pattern}|{EMAIL.pattern}))*)[\s,.!]*"
)
_SIGNATURE_LABEL = re.compile(rf"(?i)^\s*(?:{MAIL_W}|{PHONE_W}|direkt|växel)\s*[:.]?\s*")


# Words that join a unit's name and never stand in a person's: "STÖDCENTRUM FÖR UNGA".
_JOINING = frozenset(("för", "och", "i", "på", "av", "med", "till", "vid", "the", "of", "and"))


def in_capitals(text: str) -> str:
    """ "MICHAŁ WÓJCIK", a signature set in capitals, as the name is written ("Michał Wójcik");
    other text as it is."""
    words = text.split()
    if not text.isupper() or any(w.casefold() in _JOINING for w in words):
        return text
    # "HEMTJÄNST BROMMA", "KULTURFÖRVALTNINGEN": a unit or an office, not a person.
    return text.title() if clean_name(text.title()) else text


def _person_line(line: str) -> bool:
    if len(line.strip()) > 80 or re.search(r"[.!?](?:\s|$)", line.strip()):
        return False  # a sentence, not "Anna Berg, rektor"
    name = in_capitals(line.split(",")[0].strip())
    # "Chef Publiktjänst" under the name: a title and the unit, not a person.
    if re.match(rf"{TITLE}\s", name):
        return False
    return bool(re.fullmatch(NAME, name)) and not NOT_PERSON.search(name)


# "PS. Gülşens mejl är …", "P.S.": a postscript under the signature.
_POSTSCRIPT = re.compile(r"^\s*(?:P\.?\s?S\.?|PS)(?=[\s:.,]|$)[\s:.,]*")


def split_mail(lines: list[str]) -> tuple[list[str], list[str]]:
    """(body lines, signature lines). A postscript under the signature ("PS. Gülşens mejl är
    …") is the body's: the writer adds to the mail, not to the signature it stands below. A
    legal footer under the signature is neither."""
    lines = without_legal_footer(lines)
    for i, line in enumerate(lines):
        if not (i and _POSTSCRIPT.match(line)):
            continue
        body, signature = split_signature(lines[:i])
        if signature:
            return [*body, "", _POSTSCRIPT.sub("", line), *lines[i + 1 :]], signature
    return split_signature(lines)


def _details_line(line: str) -> bool:
    """ "070-301 12 98", "Mobil: 070-…", "eva.lind@…": a line of details and nothing else."""
    rest = _SIGNATURE_LABEL.sub("", PHONE.sub(" ", EMAIL.sub(" ", line)))
    return bool(PHONE.search(line) or EMAIL.search(line)) and not rest.strip(" ,;|/")


def split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """(body lines, signature lines): the signature follows a closing, or is a last name block."""
    for i in range(len(lines) - 1, -1, -1):
        closing = _CLOSING.fullmatch(lines[i].strip())
        if closing:
            head = [g.strip(" ,|") for g in closing.groups() if g and g.strip(" ,|")]
            return lines[:i], [*head, *(x.strip() for x in lines[i + 1 :] if x.strip())][:10]
    filled = [i for i, x in enumerate(lines) if x.strip()]
    # "Jonas\n070-301 12 98" under the last sentence: a first name alone with only its
    # details below it signs the mail as much as a first name on the last line does.
    details = 0
    while details < len(filled) - 2 and details < 2 and _details_line(lines[filled[~details]]):
        details += 1
    # "… 070-441 22 18\nMehmet": a first name alone on the last line signs the mail.
    # Not a title under a full name: "Sabina Ek\nBovärd" is a name block.
    if len(filled) > details + 1:
        name_at = filled[-1 - details]
        lone = re.fullmatch(WORD, lines[name_at].strip())
        if lone and not _person_line(lines[filled[-2 - details]]):
            return lines[:name_at], [x.strip() for x in lines[name_at:] if x.strip()]
    for k, i in enumerate(filled[-8:], start=max(0, len(filled) - 8)):
        above = lines[filled[k - 1]].strip() if k else ""
        # A name under "Kontaktperson:" (or under a table cell "Chef") is a label's value; not
        # under a sentence ("Kontaktperson för alla tre är jag.").
        cell = label_key(above) and not re.search(r"[.!?]$", above)
        if _person_line(lines[i]) and not (above.endswith(":") or cell):
            return lines[:i], [x.strip() for x in lines[i:] if x.strip()]
    return _name_block(lines)


def _name_block(lines: list[str]) -> tuple[list[str], list[str]]:
    """A long Outlook signature (name, title, unit, office, addresses, numbers, logo) is the
    last paragraph when it opens with a name on its own line."""
    start = len(lines)
    while start and not lines[start - 1].strip():
        start -= 1
    while start and lines[start - 1].strip():
        start -= 1
    block = [x.strip() for x in lines[start:] if x.strip()]
    if start and block and len(block) <= 14 and _person_line(block[0]):
        return lines[:start], block
    return lines, []


def _signature_name(text: str, sender_name: str) -> str | None:
    text = in_capitals(tidy(text))
    if re.fullmatch(NAME, text):
        return clean_name(text)
    sender = sender_name.strip()
    # "Anna" under a mail from "Anna Berg": the signature is the sender's, so her full name.
    if re.fullmatch(WORD, text) and sender and sender.split()[0].casefold() == text.casefold():
        return sender if re.fullmatch(NAME, sender) else None
    return None


def _full_name(first_name: str, below: list[str]) -> str | None:
    """ "/Tomasz" over a block "Tomasz Wiśniewski": the block's full name, every letter kept
    (the From header may have dropped some)."""
    if not re.fullmatch(WORD, first_name.strip()):
        return None
    for line in below:
        name = in_capitals(tidy(re.split(r"\s*[,|]\s*|\s+[-–]\s+", line, maxsplit=1)[0]))
        if re.fullmatch(NAME, name) and name.split()[0] == first_name.strip():
            return clean_name(name)
    return None


def _signature_place(text: str, found: Found, after_title: bool) -> None:
    org = first(ORG, text)
    found.put("organisation", org)
    rest = tidy(ORG.sub(" ", text) if org else text)
    rest = re.sub(r"(?i)^(?:på|vid|för)\s+", "", rest)
    # "Boendevärd | Micasa AB": the field left beside the organisation is the writer's
    # title, without the bar that set it off.
    rest = rest.strip(" |,–-")
    named_unit = after_title or UNIT_HINT.search(rest)
    if (
        rest
        and not is_title(rest)
        and named_unit
        and not re.search(r"\d|(?i:stockholms stad)", rest)
    ):
        found.put("unit", rest if plausible_unit(rest) else None)


def _signature_line(line: str, found: Found) -> None:
    attach_details(found, "writer", line)
    text = tidy(_SIGNATURE_LABEL.sub("", PHONE.sub(" ", EMAIL.sub(" ", line))))
    if not text or re.search(r"(?i)adress|box\b|org\.?\s*nr|fax", text):
        return
    title = re.match(rf"({TITLE})[\s,|–-]*(.*)$", text)
    if title:
        found.put("writer_is_manager", is_manager_title(title.group(1)))
        _signature_place(title.group(2), found, after_title=True)
    else:
        _signature_place(text, found, after_title=False)


def signature_pass(lines: list[str], sender_name: str) -> Found:
    found = Found()
    if not lines:
        return found
    # "Anna Berg, rektor" / "Anna Berg | Rektor": the name, then maybe the title.
    name, *title_part = re.split(r"\s*[,|]\s*|\s+[-–]\s+", lines[0], maxsplit=1)
    title = title_part[0] if title_part else ""
    found.writer = _full_name(name, lines[1:4]) or _signature_name(name, sender_name)
    found.put("writer_is_manager", bool(re.match(TITLE, name)) and is_manager_title(name))
    rest = ([title] if title.strip() else []) + lines[1:] if found.writer else lines
    # The whole block is weighed, not line by line: "Växel: …" above "Mobil: …" is not hers.
    found.put("writer_phone", phone_in("\n".join(rest)))
    for line in rest:
        _signature_line(line, found)
    return found
