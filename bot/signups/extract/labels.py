"""Pass 1 of the sign-up extraction: labelled lines such as "Verksamhet: Förskolan X".

It is the most trusted pass; the lines it uses are left out of the prose pass.
"""

from __future__ import annotations

import re

from bot.signups.extract.state import Found, attach_details
from bot.signups.extract.unitplaces import without_place
from bot.signups.extract.vocabulary import (
    CONTACT_LATER,
    EMAIL,
    LABEL_NAME,
    MAIL_W,
    MANAGER_WORDS,
    NAME,
    ORG,
    PHONE,
    PHONE_W,
    clean_name,
    first,
    is_title_word,
    number,
    same_person,
    tidy,
    words_data,
)

_ORG_W = (
    r"(?:stadsdels|fack)?(?:förvaltning|nämnd)(?:en)?|bolag(?:et)?|företag(?:et)?|nämnd(?:en)?"
    r"|huvudman(?:nen)?|organisation(?:en)?|arbetsgivare|stadsdel(?:sområde)?"
)
_DETAILS_W = rf"(?:{MAIL_W}|{PHONE_W})(?:\s*(?:/|,|och)\s*(?:{MAIL_W}|{PHONE_W}))*"
_LABEL_RULES = [
    (key, re.compile(pattern))
    for key, pattern in (
        ("manager_details", rf"(?:chefens|rektorns|rektors) (?:{_DETAILS_W})"),
        # "E-post kontaktperson": a form's column heading, the whose after the what.
        ("details", rf"(?:kontaktpersonens |kontakt)?(?:{_DETAILS_W})(?: kontaktperson(?:en)?)?"),
        ("details", r"(?:contact )?(?:e-?mail(?: address)?|phone(?: number)?|telephone|mobile)"),
        ("contact", r"contact(?: person)?(?:'s name)?"),
        ("manager", r"(?:name of )?(?:the )?(?:manager|principal|head(?: teacher)?|director)"),
        # "Museum Director:", "Head of Box Office:": an English title naming what is led.
        (
            "manager",
            r"(?!(?:deputy|assistant|acting|vice|project|quality|hr|it|account)\b)"
            r"(?:[a-z]+ ){1,2}(?:director|manager)|head of (?!(?:quality|science|hr|it)\b)[a-z ]{2,30}",
        ),
        ("organisation", r"organi[sz]ation|administration|company|employer|provider"),
        ("unit", r"(?:name of (?:the )?)?(?:unit|workplace|team|preschool|school)(?: name)?"),
        (
            "contact",
            r"(?:namn på )?(?:gemensam )?kontakt(?:[ -]?person)?(?:ens|er|erna)?(?: namn)?"
            r"(?: för (?:anmälan|[\w -]{2,40}))?|kontaktuppgifter",
        ),
        (
            "both",
            rf"(?:kontaktperson|kontakt) (?:och|/) (?:ansvarig )?(?:{MANAGER_WORDS})"
            rf"|(?:ansvarig )?(?:{MANAGER_WORDS}) (?:och|/) kontaktperson",
        ),
        (
            "manager",
            # "Rektor/förskolechef", "Chef/rektor": two words for one manager.
            rf"(?:namn på |verksamhetens |enhetens )?(?:ansvarig |närmaste )?"
            rf"(?:{MANAGER_WORDS})(?:ens|ns|s)?(?:\s*/\s*(?:{MANAGER_WORDS}))?(?: namn)?"
            # "Chef för den kommunala delen", "Rektor för Vasaparken".
            r"(?: för (?:verksamheten|enheten|[\w -]{2,40}))?",
        ),
        ("organisation", rf"(?:{_ORG_W})(?:\s*(?:/|,|eller|och)\s*(?:{_ORG_W}))*"),
        (
            "unit",
            r"(?:namn på )?(?:verksamhet|enhet|förskola|skola|arbetsplats|anläggning)(?:en|ens|n|ns|s)?"
            r"(?: namn)?(?:\s*/\s*(?:verksamhet|enhet)(?:en)?)?",
        ),
        ("employees", r"(?:antal )?(?:anställda|medarbetare|årsarbetare)(?: i maj)?"),
        ("manager", r"ansvarig"),
        ("details", r"direkt(?:nummer|nr)?"),
    )
]
_BULLET = re.compile(r"^\s*(?:[-*•·–—▪►]+|\d{1,2}[.)])\s+")
_SEPARATORS = (r":", r"\t+", r"\s+[-–—]\s+", r" {2,}")
_GENERIC_UNIT = re.compile(r"(?i)förskola|skola|grundskola|gymnasium|äldreomsorg|socialtjänst")
# "Kontakt: jag själv tills vidare": for the time being is still the writer.
_SELF = re.compile(
    r"(?i)(?:jag|jag själv|mig|mig själv|undertecknad|undertecknade|avsändaren|me|myself|I am"
    # "Kontaktperson: se signatur": the one who signs.
    r"|se\s+(?:min\s+)?(?:signatur(?:en)?|underskrift(?:en)?)(?:\s+nedan)?|see\s+(?:my\s+)?signature)"
    r"(?:,?\s*(?:tills\s+vidare|tillsvidare|än\s+så\s+länge|tillfälligt|för\s+tillfället|så\s+länge|for\s+now))?"
)
_SAME_AS_MANAGER = re.compile(
    rf"(?i)(?:samma(?: person)?(?: som)?|se|densamma|detsamma|dito|same(?: as)?)"
    rf"(?: ovan| above| (?:ansvarig )?(?:{MANAGER_WORDS}|manager)(?:en|n)?)?"
    rf"|(?:ansvarig )?(?:{MANAGER_WORDS})(?:en|n)?"
)

_SAME_AS_CONTACT = re.compile(
    r"(?i)(?:samma(?: person)?(?: som)?|se|densamma|same(?: as)?)"
    r" (?:kontakt(?:person)?(?:en)?|contact(?: person)?)"
)

# "Samordnare (kontakt)", "Bibliotekarie och kontaktperson": a title marked as the contact's.
# A hurried mail shortens "och" to "o" or "+": "Rektor o kontakt: …", "rektor+kontakt: …".
_TITLE_AS_CONTACT = re.compile(
    r"(?P<title>[\w.-]+(?: [\w.-]+)?)\s*(?:\(\s*(?:kontakt(?:person)?|contact(?: person)?)\s*\)"
    r"|(?:och|/|&|\+|and|(?<=\s)o\.?(?=\s))\s*(?:kontakt(?:person)?|contact(?: person)?))"
)


# "Kontakt/samordnare", "kontaktperson och rektor": the same, the contact named first; only
# with a known title after it, not "Kontakt/e-post", which labels the contact's details.
_CONTACT_AS_TITLE = re.compile(
    r"(?:kontakt(?:person)?|contact(?: person)?)\s*(?:och|/|&|and|(?<=\s)o\.?(?=\s))\s*"
    r"(?P<title>[\w.-]+(?: [\w.-]+)?)"
)


def label_key(label: str) -> str | None:
    """The field a label names ("Kontaktpersonens e-post" → details), or None."""
    plain = re.sub(r"\s+", " ", label.lower()).strip(" .:-")
    marked = _TITLE_AS_CONTACT.fullmatch(plain)
    after = _CONTACT_AS_TITLE.fullmatch(plain)
    if marked is None and after and is_title_word(after.group("title")):
        marked = after
    pronoun = r"(?:jag|vi|du|ni|han|hon|hen|de|mig|oss|i|we|me|you|he|she|they)\b"
    if marked and not re.match(rf"{pronoun}|.*[\d@]", marked.group("title")):
        # "Fsk-chef och kontakt", "enh.chef/kontakt": the abbreviated compounds too.
        manager = re.fullmatch(
            rf"(?:ansvarig )?(?:\w+[-.] ?)?(?:{MANAGER_WORDS})", marked.group("title")
        )
        return "both" if manager else "contact"
    text = re.sub(r"\([^)]*\)", " ", label.lower())
    text = re.sub(r"\s+", " ", text).strip(" .:-")
    return next((key for key, rule in _LABEL_RULES if rule.fullmatch(text)), None)


# Words for a part of an organisation that holds units, not a unit: "Område: Järva".
_OVER_UNITS = re.compile(r"område|distrikt|avdelning|sektion|kansli|förvaltning")


def _unit_kind_label(label: str, separator: str) -> str | None:
    """ "Bibliotek:", "Boende<tab>": a unit's kind as the label over its name, as a table of
    several libraries or homes heads its column. Only with a colon or a tab: run together,
    "Dagverksamheten Linden" is the unit's name itself."""
    return "unit" if separator in (":", r"\t+") and is_unit_kind(label) else None


def is_unit_kind(label: str) -> bool:
    """True for a unit's kind ("Bibliotek", "Boende") that is not a part over units."""
    text = re.sub(r"\s+", " ", label.casefold()).strip(" .:-")
    kinds = {kind.casefold() for kind in words_data()["unit_types"]}
    return text in kinds and not _OVER_UNITS.search(text)


def _label_of(line: str) -> tuple[str, str] | None:
    """(field key, value) if the line is "Label: value" (or tab/dash/spaces separated)."""
    # Mail converted from HTML often keeps bold labels as "**Verksamhet:**".
    text = _BULLET.sub("", line.replace("*", "")).strip()
    if len(text.split()) <= 3 and re.match(r"[^\W\d_]", text) and label_key(text):
        return label_key(text) or "", ""  # a table cell of its own: "Verksamhet", then the value
    for separator in _SEPARATORS:
        match = re.match(rf"^([^:\t]{{1,60}}?)\s*{separator}\s*(.*)$", text)
        key = (label_key(match[1]) or _unit_kind_label(match[1], separator)) if match else None
        if match and key:
            return key, match.group(2).strip()
    return None


def _only_details(line: str) -> bool:
    rest = PHONE.sub("", EMAIL.sub("", line))
    rest = re.sub(rf"(?i){MAIL_W}|{PHONE_W}|[\s,;:/|()<>.]", "", rest)
    return rest == "" and line.strip() != ""


_OWN_PERSON = re.compile(
    r"(?i)\b(?:jag|mig|min|mitt|me|my|kontakt\w*|contact\w*|\w*chef\w*|\w*rektor\w*|manager)\b"
    r"|\bI\b"
)


def _details_sentence(lines: list[str], i: int, found: Found) -> bool:
    """ "Kontaktperson: Eva Lind. Använd helst jobbmejlen eva.lind@…": a sentence straight
    after a labelled person that gives details and names nobody else gives that person's."""
    line = lines[i]
    if i - 1 not in found.used_lines or not (EMAIL.search(line) or PHONE.search(line)):
        return False
    if _OWN_PERSON.search(EMAIL.sub(" ", line)):
        return False  # "Jag är kontaktperson; tel …": a person of its own
    return not any(clean_name(m.group(0)) for m in re.finditer(NAME, line))


def _own_part(value: str, name: str | None) -> str:
    """ "Amir Haddad, men under april Pia Ek (pia.ek@…)": the value up to another person's
    name, whose details are theirs."""
    others = [
        m.start()
        for m in re.finditer(NAME, value)
        if (other := clean_name(m.group(0)))
        and not (name and same_person(other, name))
        and not any(is_title_word(w) for w in other.split())  # "…, Vice Principal, 08-…"
    ]
    return value[: others[0]] if name and others else value


def _person_value(found: Found, person: str, value: str) -> None:
    """Read "Anna Berg, rektor, anna.berg@…" or "samma som chef" / "jag" into a role."""
    rest = re.sub(r"\([^)]*\)", " ", PHONE.sub(" ", EMAIL.sub(" ", value)))
    name = None
    for part in re.split(r"[,;/|]|\s[-–]\s", rest):
        # "bibliotekarie Nasrin Karimi": a title in lower case before the name.
        part = re.sub(r"^(?:[a-zåäö][\w-]*\s+){1,3}(?=[^\W\d_])", "", tidy(part))
        match = LABEL_NAME.match(tidy(part))
        name = clean_name(match.group(0)) if match else None
        if name:
            break
    earlier = getattr(found, person)
    if earlier and name and not same_person(earlier, name):
        return  # a second "Kontakt:" for another unit: its person's details are not ours
    attach_details(found, person, _own_part(value, name))
    found.put(person, name)
    words = tidy(rest).lower()
    if getattr(found, person) is None and _SELF.fullmatch(words):
        found.put(f"{person}_ref", "writer")
    elif person == "contact" and found.contact is None and _SAME_AS_MANAGER.fullmatch(words):
        found.put("contact_ref", "manager")
    elif person == "contact" and found.contact is None and CONTACT_LATER.search(words):
        found.put("contact_ref", "later")
    elif person == "manager" and found.manager is None and _SAME_AS_CONTACT.fullmatch(words):
        found.put("manager_ref", "contact")  # a form's "Chef: samma som kontaktperson"
    if person == "manager" and re.search(r"(?i)kontaktperson", value):
        found.put("contact_ref", "manager")


_ABBREVIATED = re.compile(r"(?i)förv\.\s*$")


# "Team name: Digitala tjänster, vi sitter på Serviceförvaltningen": after the name, a
# clause of its own ("vi …", "som …") goes on in prose; the organisation may be in it.
_PROSE_AFTER = re.compile(r"(?i),\s+(?:vi|we|och\s+vi|som|där|which|that)\s")


def _unit_value(found: Found, value: str) -> None:
    org = first(ORG, value)
    value = _PROSE_AFTER.split(value, maxsplit=1)[0]
    unit = tidy(re.sub(r"\([^)]*\)", " ", ORG.sub(" ", value) if org else value))
    unit = without_place(re.sub(r"(?i)\s+(?:i|inom|på)$", "", unit))
    if unit and not _GENERIC_UNIT.fullmatch(unit):
        found.put("unit", unit)
    found.put("organisation", org)


def _apply_label(found: Found, key: str, value: str, person: str | None) -> str | None:
    """Store one labelled value; returns whose e-mail/phone a following bare line gives."""
    if key in ("manager", "contact"):
        _person_value(found, key, value)
        return key
    if key == "both":
        _person_value(found, "manager", value)
        found.put("contact_ref", "manager")
        return "manager"
    if key == "details":
        attach_details(found, person or "contact", value)
        return person
    if key == "manager_details":
        attach_details(found, "manager", value)
    elif key == "unit":
        _unit_value(found, value)
    elif key == "organisation":
        # "Förvaltning: Äldreförv.": the abbreviation keeps its full stop.
        found.put("organisation", tidy(value) + ("." if _ABBREVIATED.search(value) else ""))
    elif key == "employees":
        found.put("employees", number(value))
    return None


def _next_value(lines: list[str], i: int) -> tuple[str, int | None]:
    """The value of a label that stands alone on its line is on the next non-blank line."""
    for j in range(i + 1, min(i + 3, len(lines))):
        if lines[j].strip():
            return ("", None) if _label_of(lines[j]) else (tidy(_BULLET.sub("", lines[j])), j)
    return "", None


def split_labelled_sentences(lines: list[str]) -> list[str]:
    """A labelled line that goes on with a sentence ("Chef: X. Kontaktperson är jag.") as
    one line per sentence, so that the label's value ends where its sentence does."""
    out: list[str] = []
    for line in lines:
        sentences = _SENTENCE_END.split(line) if _label_of(line) else [line]
        out.extend(part for sentence in sentences for part in _person_labels(sentence))
    return out


_SENTENCE_END = re.compile(r"(?<=[a-zåäöéü)])\.\s+(?=[A-ZÅÄÖ])")
# "Chef: Malin Vik (jag), kontakt: Rickard Ståhl, …": another person's label after a comma.
_NEXT_LABEL = re.compile(r"[,;]\s+(?=[^\W\d_][\w -]{0,30}:\s)")
_PERSON_KEYS = {"manager", "contact", "both"}


def _person_labels(line: str) -> list[str]:
    """A labelled line that goes on with another person's label after a comma, as one line
    per label, so that the first person's value ends where the next label begins."""
    if _label_of(line) is None:
        return [line]
    out, start = [], 0
    for match in _NEXT_LABEL.finditer(line):
        hit = _label_of(line[match.end() :])
        if hit and hit[0] in _PERSON_KEYS:
            out.append(line[start : match.start()])
            start = match.end()
    return [*out, line[start:]]


def label_pass(lines: list[str]) -> Found:
    found = Found()
    person: str | None = None
    for i, line in enumerate(lines):
        if i in found.used_lines:
            continue
        hit = _label_of(line)
        if hit is None:
            # A block of bare details under the labels, after a blank line too, is the last
            # labelled person's; any other line ends that person's block.
            if person and (_only_details(line) or _details_sentence(lines, i, found)):
                attach_details(found, person, line)
                found.used_lines.add(i)
            elif line.strip():
                person = None
            continue
        key, value = hit
        found.used_lines.add(i)
        if not value:
            value, j = _next_value(lines, i)
            found.used_lines.update({j} if j is not None else set())
        person = _apply_label(found, key, value, person)
    return found
