"""More ways a mail says who the contact and the manager are, for the roles pass.

These are the roundabout ones: the person the unit is told to contact ("det är henne ni ska
kontakta"), the one who does the work ("Den som håller i arbetet är …"), the writer who
heads the team ("I head the team") and a manager who is the subject of a clause of their
own ("Vår verksamhetschef har gett klartecken") rather than a pointer to a name, and a
sentence that opens with "Hon"/"Han" for the person the sentence before named.
"""

from __future__ import annotations

import re

from bot.signups.extract.state import Found
from bot.signups.extract.vocabulary import NAME, UPPER, clean_name

# "det är henne ni ska kontakta", "det är till mig ni kan vända er", "som ni ska prata med är
# Eva Lind", "som ni kan kontakta i första hand är vår förskollärare Eva Lind": the person the unit tells the award to turn to. Followed by the end of the
# clause, or by "är" and the person.
ASKED_TO_CONTACT = (
    r"(?:ni|du|you)\s+(?:ska|skall|kan|bör|får|should|can|may)\s+"
    r"(?:gärna\s+|helst\s+|i\s+första\s+hand\s+)?"
    r"(?:kontakta|prata\s+med|tala\s+med|vända\s+(?:er|dig)(?:\s+till)?"
    r"|höra\s+av\s+(?:er|dig)(?:\s+till)?"
    r"|ringa|mejla|maila|contact|talk\s+to|speak\s+(?:to|with)|reach\s+out\s+to)"
    # "som ni kan kontakta i första hand är …": the same, with "first" after the verb.
    r"(?:\s+(?:i\s+första\s+hand|först|gärna|first))?"
    r"(?=\s*(?:[,.;!)]|$)|\s+(?:är|blir|is)\b)"
)
# "Den som kommer att hålla i arbetet är vår pedagogista, …": the one who does the work.
DOES_THE_WORK = (
    r"\b(?:den|the\s+one|the\s+person)\s+(?:som|who)\s+(?:kommer\s+att\s+|ska\s+|will\s+)?"
    r"(?:håll(?:a|er)\s+i|sköt(?:a|er)|driv(?:a|er)|samordna(?:r)?|lead|coordinate|handle)s?\s+"
    r"(?:\w+\s+){0,2}?(?:arbetet|kvalitetsarbetet|ansökan|anmälan|bidraget|processen|work"
    r"|application|entry)\b"
)
# "Det är jag som blir er kontakt", "she will be your contact": the contact, said to the award.
YOUR_CONTACT = (
    r"(?:blir|bli|vara|är)\s+(?:er|din)\s+kontakt(?:person)?\b"
    r"|(?:be|am|is|are)\s+your\s+(?:main\s+)?contact(?:\s+person)?\b"
)
# "I'll handle the application on our side", "I will coordinate the entry".
HANDLES_IT = (
    r"(?:(?<=I'll\s)|(?<=I’ll\s)|(?<=I\swill\s))(?:handle|coordinate|manage|run)\s+(?:the|our|this)\s+"
    r"(?:application|registration|sign-?up|entry|submission)\b"
)
# "Kontakt tills vidare: Pekka Ek", "Kontaktperson för tillfället:": a label for now.
FOR_NOW = (
    r"\bkontakt(?:person)?\s+(?:tills\s+vidare|för\s+tillfället|för\s+närvarande|just\s+nu"
    r"|tillfälligt|i\s+väntan\s+på\s+\w+(?:\s+\w+)?|(?:for\s+)?now|for\s+the\s+time\s+being)(?=\s*:)"
)
# "Sara Ek som är stödpedagog kommer hålla i själva arbetet": the person just named does the
# work, so is the one to ask about it.
WORKS_ON_IT = (
    r"(?<=\s)(?:som|who)\s+(?:är\s+[\w-]+\s+(?:och\s+)?)?(?:kommer\s+(?:att\s+)?|ska\s+|skall\s+|will\s+)?"
    r"(?:håll(?:a|er)\s+i|sköt(?:a|er)|driv(?:a|er)|samordna(?:r)?|lead|coordinate|handle)s?\s+"
    r"(?:\w+\s+){0,2}?(?:arbetet|kvalitetsarbetet|ansökan|anmälan|bidraget|processen|work"
    r"|application|entry|det|detta|den)\b"
)
# "så tar jag som kvalitetssamordnare hand om ansökan", "Eva tar hand om anmälan": the one
# who takes the application on.
_APPLICATION = r"(?:ansökan|anmälan|anmälningen|arbetet|kvalitetsarbetet|bidraget|processen)\b"
TAKES_IT_ON = (
    r"\b(?:tar|tagit|tog)(?=\s+(?:jag|hon|han|hen)\s+(?:(?!och\b|men\b)[\w-]+\s+){0,3}?"
    rf"hand\s+om\s+(?:\w+\s+)?{_APPLICATION})"
    # The phrase whole where the person stands before it: "Eva tar hand om anmälan".
    rf"|\b(?:tar|tagit|tog)\s+hand\s+om\s+(?:\w+\s+)?{_APPLICATION}"
)
# "maila Sara på sara.ek@…", "ring Pekka på 070-…": the person the award is told to reach,
# with how to reach them.
REACH_NAMED = (
    rf"(?i:mejla|maila|e-?posta|ringa?|kontakta|sms:a|messa|email|e-mail|call|text)"
    rf"(?=\s+[{UPPER}][\w-]+(?:\s+[{UPPER}][\w-]+){{0,2}}\s+(?i:på|via|at|on)\s)"
)
CONTACT_CUES = (
    rf"(?i:{ASKED_TO_CONTACT}|{DOES_THE_WORK}|{YOUR_CONTACT}|{FOR_NOW}|{WORKS_ON_IT}|{TAKES_IT_ON})"
    rf"|{HANDLES_IT}|{REACH_NAMED}"
)

# "I head the team", "Jag leder enheten": the writer heads the unit.
_UNIT_OBJECT = (
    r"(?:the|our|this)\s+(?:team|unit|school|preschool|centre|center|department|service)"
    r"|enheten|verksamheten|skolan|förskolan|boendet|avdelningen|gruppen|teamet|biblioteket"
)
MANAGER_CUES = (
    rf"(?:(?<=\bI\s)(?:head|lead|manage|run)|(?<=\bjag\s)(?i:leder))(?=\s+(?:{_UNIT_OBJECT})\b)"
    # "På uppdrag av stadsarkivarie Eva Lind anmäler jag …": the one an administrator signs
    # up for is the head, whatever their title; a district that buys care is no person.
    # ("on behalf of" in English mails is more often a department's).
    rf"|(?i:på\s+uppdrag\s+av)(?=\s+(?:[a-zåäö]+\s+)?{NAME}\b)"
)

# "Vår verksamhetschef har gett klartecken": the post as the subject of a verb of its own;
# it points at nobody after it ("… och jag är kontaktperson" is the writer, not the chief).
_OWN_CLAUSE_BEFORE = re.compile(r"(?i)(?:^|[\s,])(?:vår|min|er|our|my|their|deras)\s+$")
_OWN_CLAUSE_AFTER = re.compile(
    r"(?i)\s+(?:har|hade|ska|skall|kommer|vill|kan|måste|gav|has|had|will|would|gave|agreed)\b"
)


# "Our manager position is vacant – … I will send you the name", "Rektorstjänsten är
# vakant just nu": a post said to stand empty names nobody, neither the writer who
# promises the name later nor anyone else in the sentence. Only the words straight after
# the post count, so "tf. rektor är Eva Lind" after the vacancy still names her. A post
# still to be filled ("an interim manager will be appointed") names nobody yet either.
_VACANT_AFTER = re.compile(
    r"(?i)(?:[\s-]*(?:tjänsten|posten|position|post|role|job|seat))?\s+"
    r"(?:(?:är|is|står|remains)\s+(?:\w+\s+){0,2}?"
    r"(?:vakant|obesatt|under\s+rekrytering|vacant|unfilled|empty|not\s+(?:yet\s+)?filled"
    r"|inte\s+(?:tillsatt|utsedd))"
    r"|(?:will\s+be|is\s+(?:still\s+)?being|is\s+to\s+be|ska|kommer\s+att)\s+(?:\w+\s+)?"
    r"(?:appointed|recruited|named|tillsättas|rekryteras|utses|utnämnas))\b"
)


def post_names_nobody(sentence: str, start: int, end: int) -> bool:
    """The role word at sentence[start:end] points at no person: it is the subject of its own
    clause, or its post is said to stand vacant."""
    return bool(
        _OWN_CLAUSE_BEFORE.search(sentence[:start]) and _OWN_CLAUSE_AFTER.match(sentence, end)
    ) or bool(_VACANT_AFTER.match(sentence, end))


# "Birgitta har godkänt det": a name that opens a clause with a finite verb of its own.
_OPENS_CLAUSE = re.compile(
    r"(?i)\s+(?:har|hade|är|var|blir|kommer|ska|skall|kan|vill|får|has|had|is|was|will)\b"
)


def opens_clause(sentence: str, name_start: int, name_end: int, cue_end: int) -> bool:
    """A name after a comma that is the subject of the next clause, not the role's person:
    "jag … kommer vara kontakt för anmälan, Birgitta har godkänt det"."""
    between = sentence[cue_end:name_start]
    return "," in between and bool(_OPENS_CLAUSE.match(sentence, name_end))


# "henne"/"honom" anywhere; "han"/"hon" opening a clause after a comma: "Sektionschef är
# Omar Ali, han är också kontakt, omar.ali@…".
_OBJECT = re.compile(r"(?<!\w)(?:henne|honom)(?!\w)|(?<=,\s)(?:han|hon|hen)(?=\s+(?:är|blir)\s)")


def objects_named(sentence: str) -> str:
    """ "… Leyla Karataş som driver arbetet, så det är henne ni ska kontakta": "henne" and
    "honom" as the person the sentence named just before them."""
    names = [
        (m.end(), name) for m in re.finditer(NAME, sentence) if (name := clean_name(m.group(0)))
    ]

    def named(pronoun: re.Match[str]) -> str:
        before = [name for end, name in names if end <= pronoun.start()]
        return before[-1] if before else pronoun.group(0)

    return _OBJECT.sub(named, sentence)


# "Föreståndare är Eva Lind. Hon är också kontaktperson", "… Hon tar också över som
# kontaktperson": the sentence opens with the person just named.
_PRONOUN_SUBJECT = re.compile(
    r"^(?:Hon|Han|Hen|She|He)"
    r"(?=\s+(?:är|blir|var|tar\s+(?:(?:också|även)\s+)?över|is|will|takes\s+over)\b)"
)


def pronoun_named(sentence: str, found: Found, previous: str = "") -> str:
    """The sentence with an opening "Hon"/"Han" replaced by the person the sentence before
    named, when it named one. With no role given yet, the last full name in the sentence
    before stands for it: "Jag skriver för min kollega Eva Lind. Hon är enhetschef på …"."""
    named = (
        getattr(found, found.last_person) if found.last_person in ("manager", "contact") else None
    )
    if named is None:
        names = [n for m in re.finditer(NAME, previous) if (n := clean_name(m.group(0)))]
        named = names[-1] if names else None
    return _PRONOUN_SUBJECT.sub(lambda _: named, sentence, count=1) if named else sentence
