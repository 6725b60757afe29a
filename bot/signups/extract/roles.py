"""Who is the unit's manager and who its contact, read from sentences in any word order.

A sentence is cut at its role words ("rektor", "ansvarig chef", "kontaktperson",
"contact person"). The person a role word points at is the first name, or "jag", after
it; failing that, the nearest one just before it ("Maria Sjöberg är rektor"). Addresses
and numbers that follow a person up to the next role word are that person's. The writer
("jag", "undertecknad", "I") is resolved later, from the signature or the From header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.signups.extract.followup import follow_contact
from bot.signups.extract.rolecues import (
    CONTACT_CUES,
    MANAGER_CUES,
    objects_named,
    opens_clause,
    post_names_nobody,
    pronoun_named,
)
from bot.signups.extract.roleplaces import (
    GENITIVE_POST,
    NAME_RUNS_ON,
    PLACE_AFTER,
    PLACE_ASIDE,
    PLACE_BEFORE,
    POST_AFTER_PREPOSITION,
)
from bot.signups.extract.rolewords import CONTACT_WORDS, DETAILS_WORDS, MANAGER_WORDS
from bot.signups.extract.spelling import everyday_word
from bot.signups.extract.state import Found
from bot.signups.extract.vocabulary import (
    EMAIL,
    MAIL_W,
    NAME,
    PHONE,
    PHONE_W,
    UPPER,
    WORD,
    address_in,
    clean_name,
    phone_in,
    split_sentences,
)

# "Vi har ingen (ordinarie) rektor just nu": a vacant post names nobody; "återkommer med
# vem som blir kontaktperson": a question still open ("vem", never a relative pronoun)
# names nobody either. An acting manager ("tf. enhetschef", tillförordnad) stands in the
# post, so is the manager, not a deputy.
_DEPUTY = re.compile(
    r"(?i)\b(?:biträdande|bitr\.?|vice|ställföreträdande|deputy|assistant)\s*$"
    r"|\b(?:ingen|saknar|no|without)\s+(?:[a-zåäö]+\s+)?$"
    r"|\bvem\s+(?:som\s+)?(?:\w+\s+){0,3}$"
)
_CUE = re.compile(
    rf"(?P<manager>{MANAGER_WORDS}|{MANAGER_CUES})|(?P<contact>{CONTACT_WORDS}|{CONTACT_CUES})"
    rf"|(?P<details>{DETAILS_WORDS})"
)
# "Nej förresten, … kontaktperson blir Mattias Ek istället": a contact in place of the one before.
_INSTEAD = re.compile(r"(?i)\b(?:istället|i\s+stället|förresten|instead)\b")
# "tf. enhetschef", "tillförordnad rektor", "acting head of unit": the one in the post now.
# "jag är bara tf. chef till februari. Ordinarie chef är Eva Lund, kan ni ändra till henne?":
# one who is "only" acting defers to the ordinary manager the mail names; no acting post.
_ACTING = re.compile(
    r"(?i)(?<!\bbara\s)(?<!\bonly\s)(?<!\bjust\s)(?<!\bendast\s)(?<!\benbart\s)"
    r"(?:\btf\.?|\bt\.f\.|\btillförordnad|\bacting|\binterim)\s*$"
)
# "jag", "jag själv, Maria Sjöberg", "undertecknad", English "I"/"me".
_SELF = re.compile(
    rf"(?<!\w)(?:(?i:jag|mig|undertecknad|undertecknade|me|myself)|I(?=\s+(?:am|will|would|have|work|head|lead|manage|run|coordinate|handle|can|shall)\b|['’]))(?!\w)"
    rf"(?:\s+själv)?(?:\s*,?\s*(?P<name>{NAME})|\s*\((?P<bracketed>{NAME})\))?"
)
# "Jag har bett Karl-Henrik att vara kontaktperson": a colleague asked by first name alone.
# "Maria blir kontaktperson enligt nedan": a first name alone that opens the sentence, the
# colleague's full name and details left to the quoted thread below (see `thread.py`). Not
# "Sofia är kontaktperson, det stämmer": "är" may confirm the registered contact.
_ASKED = (
    r"(?:(?:(?<=\bbett\s)|(?<=\bfrågat\s)|(?<=\bber\s))(?=\S+\s+(?:att\s+)?(?:vara|bli|ta)\b)"
    r"|(?:^|(?<=[.!?]\s)|(?<=\n))(?=\S+\s+blir\s+(?:också\s+)?kontakt(?:person)?\b)"
    r"(?!(?i:hon|han|hen|det|den|denna|detta|vem|vi|ni|de|hen|she|he)\b))"
    rf"(?P<asked>{WORD})"
)
_PERSON = re.compile(rf"(?P<self>{_SELF.pattern})|(?P<named>{NAME})|{_ASKED}")
_ONLY_DETAILS = re.compile(
    rf"(?:(?i:{MAIL_W}|{PHONE_W}|direkt(?:nummer|nr)?|växel|vxl?|mobile?|cell|(?:tele)?phone|or|eller|och)\b[\s:.,/()]*"
    rf"|{EMAIL.pattern}(?:<mailto:[^>\s]*>)?[\s,;/.]*"
    rf"|{PHONE.pattern}[\s,;/.]*)+"
)
_NOT_THIS_ONE = re.compile(
    r"(?i)\b(?:inte|ej|snarare\s+än|i\s*stället\s+för|istället\s+för|instead\s+of|not|rather\s+than)\s+$"
)
# "där" opens a clause when its own subject follows ("rektor där jag arbetar"); followed by
# the verb it points back at the unit just named ("Kontaktperson där är Eva Lind").
_NEW_CLAUSE = re.compile(
    r"(?i)\b(?:som|så|men|eftersom|därför|där(?!\s+(?:är|blir)\b)|who|where|but|so|because)\b"
)
_BECOMES = re.compile(
    r"(?i)\b(?:är|blir|vara|bli|står\s+(?:\w+\s+)?som|fungerar\s+som|is|will\s+be)\s*"
)
_IS_WRITER = re.compile(
    r"(?i)\s*(?:\((?:jag|det är jag|me|myself)\)|,?\s*(?:det är|that's|that is) (?:jag|me)\b)"
)
_REACH = re.compile(
    r"(?i)(?:(?:bäst|enklast|lättast|helst)\s+)?(?:(?:ni|du|man)\s+)?(?:kan\s+)?(?:ring|ringa|mejla|maila|nås|når|nå|kontakta|svara"
    r"|skriv|sms:a|messa|call|e-?mail|reach|text|contact)\b"
)
# "… nås på", "… kan också nås via", "… can be reached at": how a named person is reached.
_REACHED = r"(?i:(?:kan\s+)?(?:också\s+|även\s+|bäst\s+)?(?:nås|can\s+(?:also\s+)?be\s+reached))\b"
# "Rektor och kontaktperson är jag", "contact our Head of Swedish, Malin Ek": both cues
# point at the second one's person; so do "rektor+kontakt Eva Lind" in a quick note.
_JOINED = re.compile(r"(?i)\s*(?:och|samt|and|&|/|\+|,|our|vår|min|my)\s*")
# "Anna Berg är rektor", "Anna Berg, som är vår rektor": only a copula between a person and
# the role word that follows them; "med Anna Berg som rektor": "som" alone does it too.
_COPULA_BEFORE = re.compile(
    r"(?i),?\s+(?:som\s+(?:(?:är|blir|var)\s+)?|(?:är|blir|var|is|was|will\s+be)\s+)"
    r"(?:(?:vår|er|ny|nya|our|the|new)\s+)?"
)
# "vill jag att ni har …", "föreslår jag att": the writer wants someone else in the role.
_WANTS_THAT = re.compile(r"(?i)\s+(?:gärna\s+)?att\b")
_GIVES_NAME = re.compile(r"(?i)\b(?:är|blir|heter|stavas|ska\s+vara|is)\b")
# How far before a role word its person may stand ("Jag är gruppchef och kontaktperson").
_LOOKBACK = 45


@dataclass(frozen=True)
class _Person:
    start: int
    end: int
    name: str | None  # None: the writer
    writer_name: str | None = None


def _matches(text: str) -> list[re.Match[str]]:
    """Every person mention; a run of capitals that is no name as a whole ("Hej Enhetschefen
    Goran Jurić", a greeting line run into the sentence) is read again from its next word."""
    found: list[re.Match[str]] = []
    position = 0
    while (match := _PERSON.search(text, position)) is not None:
        named = match.group("named")
        if named and clean_name(named) is None and " " in named:
            position = match.start() + named.index(" ") + 1
            continue
        found.append(match)
        position = match.end()
    return found


def _people(text: str) -> list[_Person]:
    people = []
    for match in _matches(text):
        if _NOT_THIS_ONE.search(text[max(0, match.start() - 20) : match.start()]):
            continue  # "Lina Ek, inte jag", "instead of me"
        if match.group("self") and _WANTS_THAT.match(text, match.end()):
            continue  # "Som kontaktperson vill jag att ni har Eva Lind": the person wanted
        if match.group("self"):
            named = _SELF.match(match.group(0))
            written = named and (named.group("name") or named.group("bracketed"))
            writer = clean_name(written) if written else None
            # "jag (Hamid Jafari)": the writer, named in brackets, is a named person.
            bracketed = bool(named and named.group("bracketed"))
            people.append(
                _Person(match.start(), match.end(), writer if bracketed else None, writer)
            )
        elif match.group("asked"):
            asked = match.group("asked")
            if everyday_word(asked) or re.fullmatch(MANAGER_WORDS, asked):
                continue  # "Rektorn blir kontaktperson": a post, not a first name
            people.append(_Person(match.start(), match.end(), match.group("asked")))
        elif PLACE_BEFORE.search(
            text[max(0, match.start() - 14) : match.start()]
        ) or PLACE_ASIDE.search(text[max(0, match.start() - 80) : match.start()]):
            continue
        elif (name := clean_name(match.group("named"))) is not None:
            # "Zeynep Öztürk, det är jag", "Jonas Åkesson (jag)": the writer, named.
            writer = name if _IS_WRITER.match(text, match.end()) else None
            people.append(_Person(match.start(), match.end(), name, writer))
    return people


def _pointed_at(
    people: list[_Person], start: int, end: int, cue_start: int, sentence: str = ""
) -> _Person | None:
    # "Rektor Elisabet Grip": the name read with its title glued on starts at the cue.
    after = [p for p in people if start <= p.start < end or cue_start <= p.start < start < p.end]
    if place := PLACE_AFTER.match(sentence, start):
        # "rektor för Norrmalms förskolor område 3 (Sankt Eriksplan)": the place the role is
        # of; its person comes after a verb or a comma.
        after = [p for p in after if p.start >= place.end()]
    before = [
        p
        for p in people
        if cue_start - _LOOKBACK <= p.end <= cue_start and not NAME_RUNS_ON.match(sentence, p.end)
    ]
    if POST_AFTER_PREPOSITION.search(sentence[max(0, cue_start - 12) : cue_start]) or (
        GENITIVE_POST.search(sentence[cue_start:start])
    ):
        # "på uppdrag av enhetschefen", "Jag stavade fel på chefens namn": the post, not
        # the person named before it.
        before = []
    if GENITIVE_POST.search(sentence[cue_start:start]):
        # "Chefens namn blev fel av mig, det är Eva Lund": the post's name is said after a
        # verb that gives it; the one who wrote it wrong is not the manager.
        after = [p for p in after if _GIVES_NAME.search(sentence[start : p.start])]
    # "jag är enhetschef, Amra Mujić": a name straight after the role word is in apposition.
    apposition = bool(after) and not sentence[start : after[0].start].strip(" ,:")
    copula = bool(before) and _COPULA_BEFORE.fullmatch(sentence[before[-1].end : cue_start])
    if copula and not apposition:
        # "där Ayşe Demir är enhetschef och Sven-Erik Palm kontaktperson": the person the role
        # word is said of; the name after it opens the next clause, its verb left out.
        return before[-1]
    # "en ny rektor som börjar i mars, så jag …": a clause between, not the role's person.
    if after and not _NEW_CLAUSE.search(sentence[start : after[0].start]):
        return after[0]
    return before[-1] if before else None


def _subject(people: list[_Person], sentence: str, cue: re.Match[str]) -> _Person | None:
    """ "Jag, Faduma Ali, är samordnare här och kommer att vara kontaktperson": the person the
    sentence opens with, when nobody else stands between and a verb makes them the contact."""
    opener = next((p for p in people if p.end <= cue.start()), None)
    if opener is None or sentence[: opener.start].strip(" –-"):
        return None
    if any(opener.start < p.start < cue.start() for p in people):
        return None
    gap = sentence[opener.end : cue.start()]
    # "I coordinate … and will be your contact": the cue may carry the verb's last word.
    becomes = _BECOMES.search(gap + cue.group(0))
    return opener if becomes and not _NEW_CLAUSE.search(gap) else None


def _assign(found: Found, role: str, person: _Person, details: str, acting: bool = False) -> None:
    if person.writer_name:
        found.put("writer", person.writer_name)
    if acting and not found.manager_acting:
        # "Ordinarie verksamhetschef Ulla Berg är sjukskriven och jag är tf. verksamhetschef",
        # "Chef är Jan Ek – fast vänta, det är Eva Lund som är tf. chef nu": the acting one.
        found.manager = found.manager_ref = found.manager_email = found.manager_phone = None
        found.manager_acting = True
    current = getattr(found, role)
    # A name said outright beats "jag" for the manager ("Jag är gruppchef. Min chef är X").
    if current is None and (person.name or getattr(found, f"{role}_ref") is None):
        if person.name:
            found.put(role, person.name)
        else:
            found.put(f"{role}_ref", "writer")
        target = role if person.name else "writer"
        found.put(f"{target}_email", address_in(details))
        found.put(f"{target}_phone", phone_in(details))
        found.last_person = target
    elif person.name is None:
        # "… blir kontaktperson. Ring mig på …": the role is known; the number is the writer's.
        found.put("writer_email", address_in(details))
        found.put("writer_phone", phone_in(details))


# "Vår chef är på semester just nu, jag återkommer med hennes namn": the one away is not
# named, and the "jag" of the next clause is not the manager.
_AWAY = re.compile(
    r"(?i)\s+(?:är|is)\s+(?:(?:just\s+nu|currently)\s+)?(?:på\s+semester|\w*ledig|sjuk\w*|borta"
    r"|bortrest|on\s+(?:leave|holiday|vacation)|away|off\s+sick)\b"
)


def _sentence_roles(sentence: str, found: Found) -> None:
    cues = [
        c
        for c in _CUE.finditer(sentence)
        if not _DEPUTY.search(sentence[: c.start()])
        and not (c.group("manager") and post_names_nobody(sentence, c.start(), c.end()))
        and not _AWAY.match(sentence, c.end())
    ]
    people = _people(sentence)
    for i, cue in enumerate(cues):
        if cue.group("details"):
            details = sentence[cue.end() :]
            found.put("contact_email", address_in(details))
            found.put("contact_phone", phone_in(details))
            continue
        role = "manager" if cue.group("manager") else "contact"
        end = next((c.start() for c in cues[i + 1 :] if c.lastgroup != role), len(sentence))
        stop = cues[i + 1].start() if i + 1 < len(cues) else len(sentence)
        person = _pointed_at(people, cue.end(), stop, cue.start(), sentence)
        if person is None and i + 1 < len(cues) and _JOINED.fullmatch(sentence[cue.end() : stop]):
            # "Rektor och kontaktperson är jag": both roles point at the next cue's person.
            following = cues[i + 1]
            later = cues[i + 2].start() if i + 2 < len(cues) else len(sentence)
            person = _pointed_at(people, following.end(), later, following.start())
            end = later
        if role == "contact" and (person is None or _opens_clause(person, sentence, cue)):
            person = _subject(people, sentence, cue) or person
        if person is None and stop < end:
            continue  # "Ansvarig chef för parkleken är enhetschef Goran Jurić": the next cue
        if person is None:
            continue
        details = sentence[max(person.end, cue.end()) : end]
        acting = role == "manager" and bool(_ACTING.search(sentence[: cue.start()]))
        if role == "contact" and person.name and _INSTEAD.search(sentence):
            found.contact = found.contact_email = found.contact_phone = None
            found.contact_ref, found.contact_instead = None, True
        _assign(found, role, person, details, acting)


def _opens_clause(person: _Person, sentence: str, cue: re.Match[str]) -> bool:
    return person.start >= cue.end() and opens_clause(sentence, person.start, person.end, cue.end())


def roles_pass(text: str) -> Found:
    """Manager and contact named in the prose, with the details that follow each."""
    found = Found()
    text = _first_names_in_full(text)
    # Each line of the prose text is a paragraph of its own (see prose_text).
    sentences = [s for paragraph in text.split("\n") for s in split_sentences(paragraph)]
    for previous, sentence in zip(["", *sentences], sentences, strict=False):
        before = found.last_person
        _sentence_roles(objects_named(pronoun_named(sentence, found, previous)), found)
        if (
            before
            and found.last_person == before
            and (_details_only(sentence) or _about_person(sentence, getattr(found, before, None)))
        ):
            # "Rektor och kontaktperson är jag, Pia Forsberg. Tel 070-455 12 12": the line
            # of details under a person is that person's; so is "Omid nås på …".
            found.put(f"{before}_email", address_in(sentence))
            found.put(f"{before}_phone", phone_in(sentence))
    follow_contact(found, text)
    return found


def _first_names_in_full(text: str) -> str:
    """ "Områdeschef är Reza Moradi. Reza är också kontaktperson": a first name alone, after
    the full name (or before it in brackets), is that person, when only one person named so
    has been named."""
    full: dict[str, set[str]] = {}
    for match in _matches(text):
        # "jag, Anna Pettersson" names a person too: two Annas make "Anna" alone nobody's.
        written = match.group("named") or match.group("name") or match.group("bracketed")
        if name := clean_name(written) if written else None:
            full.setdefault(name.split()[0], set()).add(name)
    for first_name, names in full.items():
        if len(names) != 1:
            continue
        name = names.pop()
        rest = re.escape(name[len(first_name) :].strip())
        # "Anna P" under the mail: a first name with a surname's initial is someone's in full.
        alone = rf"(?<![\w.@-]){re.escape(first_name)}(?![\w@-]|\s+{rest}|\.\w|[ \t]+[{UPPER}])"
        # "Det är Kim som håller i det (Kim Sandberg, …)": a name spelled out in brackets
        # explains the first name used before it in the paragraph.
        start = text.find(name)
        if start > 0 and text[start - 1] == "(":
            start = text.rfind("\n", 0, start) + 1
        if start >= 0:
            text = text[:start] + re.sub(alone, name, text[start:])
    return text


# "Telefon växel 08-… (be att bli kopplad).": a remark in brackets after the details.
_REMARK = re.compile(r"\s*\([^()]{1,60}\)[\s.]*$")


def _details_only(sentence: str) -> bool:
    """Only details, or a request to use them that names nobody ("Nås på 070-…", "Ring gärna
    08-… eller mejla"): they belong to the person named just before."""
    if _ONLY_DETAILS.fullmatch(_REMARK.sub("", sentence)):
        return True
    # "Mobil 070-…, jag sitter mycket i möten men svarar på sms": the details, then a remark
    # on reaching the person that names nobody else.
    opening = _ONLY_DETAILS.match(sentence)
    if opening and (EMAIL.search(opening.group(0)) or PHONE.search(opening.group(0))):
        return not any(p.name for p in _people(sentence[opening.end() :]))
    if not _REACH.match(sentence) or not (EMAIL.search(sentence) or PHONE.search(sentence)):
        return False
    return not any(p.name for p in _people(sentence))


def _about_person(sentence: str, name: str | None) -> bool:
    """ "Omid nås på …", "Hon nås på …": a sentence that opens with the person just named
    (first name or pronoun) and tells how to reach them, naming nobody else."""
    if not name or not (EMAIL.search(sentence) or PHONE.search(sentence)):
        return False
    person = rf"(?:{re.escape(name)}|{re.escape(name.split()[0])})"
    # "Omid nås på …", "Hon har mobilnummer 070-…".
    has = rf"(?i:har|has)\s+(?:(?i:också|även|dessutom|also)\s+)?(?:(?i:{PHONE_W}|{MAIL_W}|nummer|direktnummer)|(?=[+0-9]))"
    opener = rf"(?:{person}|Hon|Han|Hen|She|He)\s+(?:{_REACHED}|{has})"
    # "Ni når henne på …", "Hennes mobil är …", "Omids nummer är …".
    reached = rf"(?:Ni|Du|Man)\s+(?:kan\s+)?når?\s+(?:henne|honom|hen|{person})\b"
    theirs = rf"(?:Hennes|Hans|Hens|{person}s)\s+(?i:{PHONE_W}|{MAIL_W}|nummer|direktnummer)\b"
    if not re.match(f"{opener}|{reached}|{theirs}", sentence):
        return False
    return all(p.name in (None, name) for p in _people(sentence))
