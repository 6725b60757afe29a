"""Mails that name the award and a unit but sign nothing up now: a newsletter sent to many,
a unit that has not decided, a writer who says the mail is no sign-up.

A registrar reads these as news or a question for the staff, however many of the unit's
details they carry: "Vi har inte bestämt oss än, så se det inte som en anmälan."
"""

from __future__ import annotations

import re

# A sign-up promised for later makes the whole mail a notice, however keen its other
# sentences: "Vi vill gärna vara med, men vi måste först stämma av på APT".
_LATER = re.compile(
    r"(?i)\b(?:återkommer|hör\s+av\s+oss|kommer\s+tillbaka)\s+med\s+(?:\w+\s+){0,3}anmälan"
    r"|\banmäler\s+(?:vi\s+)?oss\s+(?:senare|längre\s+fram|efter)\b"
    r"|\b(?:innan|förrän|tills)\s+(?:vi|jag)\s+(?:\w+\s+)?anmäl"
    r"|\bväntar\s+med\s+(?:att\s+anmäla|anmälan)"
    # A sign-up to come: "tänker anmäla sig senare i vår", "vill anmäla oss när vi har haft
    # APT", "så snart vi fått klartecken" ("anmäla oss nu när …" is the sign-up now).
    r"|\banmäla\s+(?:sig|oss|enheten|verksamheten)\s+(?:senare|längre\s+fram|så\s+snart|när)\b"
    # Maybe: "vill eventuellt anmäla oss", "kanske anmäler vi oss", "troligen vara med".
    r"|\b(?:eventuellt|kanske|möjligen|troligen|troligtvis|förmodligen)\s+(?:att\s+)?"
    r"(?:anmäl\w*|delta|vara\s+med|söka|medverka)\b"
    r"|\bmen\s+(?:(?:vi|jag)\s+)?(?:måste|behöver|ska|vill)\s+(?:\w+\s+){0,6}?först\b"
    # Nothing given yet: "Återkommer senast 15 mars med alla uppgifter".
    r"|\b(?:återkommer|hör\s+av\s+(?:oss|mig))\s+(?:\w+\s+){0,4}?med\s+(?:alla|samtliga)\s+"
    r"uppgifter(?:na)?\b"
    # The sign-up itself to be sent once something else is done: "den formella anmälan med
    # chefer och kontaktpersoner skickar jag efter det", "anmälan skickas efter mötet".
    r"|\banmälan\s+(?:[\w-]+\s+){0,5}?(?:skickar|skickas|kommer|lämnar|lämnas)\s+"
    r"(?:(?:jag|vi|in|den|sedan|sen)\s+){0,3}(?:efter|senare|längre\s+fram|så\s+snart)\b"
    # The decision still to be taken: "Beslutet tas i ledningsgruppen den 10 mars".
    r"|\bbeslutet\s+(?:tas|fattas|kommer\s+att\s+(?:tas|fattas))\s+(?:i|på|av|vid|den)\b"
    # The English forms: "we would probably like to sign up later this month".
    r"|\b(?:probably|perhaps|maybe|possibly|likely)\s+(?:\w+\s+){0,3}?(?:apply|enter|register"
    r"|sign\s+up|take\s+part|participate|join)\b"
    r"|\b(?:apply|enter|register|sign\s+up|join)\s+(?:\w+\s+)?(?:later|after|once|when)\b"
    # An intention told in the pluperfect is one not carried out: "Enheten hade tänkt anmäla
    # sig men …", "vi hade planerat att söka", "we had planned to apply".
    r"|\bhade\s+(?:\w+\s+)?(?:tänkt|planerat|hoppats|velat|tänkt\s+oss)\s+(?:på\s+)?(?:att\s+)?"
    r"(?:\w+\s+)?(?:anmäl\w*|delta|vara\s+med|söka|medverka|tävla)\b"
    r"|\bhad\s+(?:planned|intended|hoped|meant|wanted)\s+to\s+(?:apply|enter|register|sign\s+up"
    r"|take\s+part|participate)\b"
    # Undecided about taking part: "Vi har inte bestämt oss än", "inte tagit beslut om vi ska
    # delta", "haven't decided whether to apply". Not a detail left open ("inte bestämt oss
    # för vem som blir kontakt"), which a sign-up may well say.
    r"|\b(?:inte|ej)\s+(?:\w+\s+)?(?:bestämt|beslutat)\s+(?:oss|om\s+vi)\b"
    r"(?!\s+(?:för\s+)?(?:vem|vilk\w*|vad|hur|när)\b)"
    # "Vi har inte bestämt om enheterna ska anmäla sig": undecided about the units signed.
    r"|\b(?:inte|ej)\s+(?:\w+\s+)?(?:bestämt|beslutat)\s+(?:oss\s+)?(?:om|huruvida)\s+"
    r"(?:vi|\w+(?:en|et|na))\s+(?:ska|skall|vill|kommer\s+att)\s+(?:\w+\s+)?"
    r"(?:anmäl|delta|söka|vara\s+med|medverka)"
    r"|\b(?:inte|ej)\s+(?:tagit|fattat)\s+(?:något\s+|ett\s+)?beslut\s+om\s+(?:vi|att)\s+"
    r"(?:ska\s+)?(?:anmäl|delta|söka|vara\s+med|medverka)"
    r"|\b(?:haven't|have\s+not|not\s+yet)\s+decided\s+(?:yet\s+)?(?:whether|if)\b"
    # The writer says so: "se det inte som en anmälan", "detta är ingen anmälan (ännu)",
    # "räkna inte det här som en anmälan", "this is not a registration yet".
    r"|\b(?:inte|ej)\s+(?:\w+\s+){0,2}?som\s+(?:en\s+)?(?:\w+\s+)?anmälan\b"
    r"|\b(?:är|blir)\s+(?:alltså\s+|därför\s+|än\s+så\s+länge\s+)?"
    r"(?:ingen|inte\s+(?:en|någon))\s+(?:\w+\s+)?anmälan\b"
    r"|\bnot\s+(?:yet\s+)?(?:a|an|our)\s+(?:\w+\s+)?(?:registration|application|sign[\s-]?up)\b"
)


# "Vi anmäler härmed …", "We hereby register …": the sign-up stated outright, now.
_OUTRIGHT = re.compile(r"(?i)\b(?:härmed|hereby)\b")


def outright(sentence: str) -> bool:
    """True when the sentence says it signs up here and now; a maybe about another unit
    elsewhere in the mail ("Eventuellt anmäler vi även …") does not undo it."""
    return bool(_OUTRIGHT.search(sentence)) and not puts_off(sentence)


def puts_off(sentence: str) -> bool:
    """True when the sentence puts the sign-up off, leaves it undecided or says the mail is
    none: the whole mail is then a notice or a question."""
    return bool(_LATER.search(sentence))


# A mail sent to many carries a way to stop getting it; a unit's sign-up never does.
_UNSUBSCRIBE = re.compile(
    r"(?i)\bavsluta\s+(?:din\s+)?prenumeration|\bavregistrera\s+dig\b|\bsäg\s+upp\s+"
    r"(?:din\s+)?prenumeration|\bunsubscribe\b|\bdu\s+får\s+(?:det\s+här|detta)\s+"
    r"(?:nyhetsbrev|utskick|mejl|mail)"
)
_REPLY_OR_FORWARD = re.compile(r"(?i)^\s*(?:re|sv|vs|fw|fwd|vb|aw|wg)\s*:")
# The subject opens with what the mailing is ("Nyhetsbrev februari: …", "HR-nyhetsbrevet
# nr 2", "Stadens nyhetsbrev"); a unit's own "Angående nyhetsbrevet – vi vill vara med"
# only mentions one.
_NEWSLETTER = re.compile(
    r"(?i)^\W*(?:[\w-]+s\s+)?[\w-]*(?:nyhetsbrev|newsletter|månadsbrev|veckobrev)\w*\b"
)


def is_mass_mailing(subject: str, body: str) -> bool:
    """True for a newsletter or other mailing to many: it may name last year's winners and
    tell everyone to sign up, but it signs no unit up. A reply or forward is a person's own
    mail, whatever its subject says."""
    if _REPLY_OR_FORWARD.match(subject):
        return False
    return bool(_NEWSLETTER.match(subject) or _UNSUBSCRIBE.search(body))


# A circular to a unit head's own managers, passing the award's call on: "Hej alla
# enh.chefer, FYI – fundera på om ni vill vara med", "Till enhetschefer inom Farsta
# stadsdelsförvaltning". Its first line greets a group; a sign-up greets the award.
_TO_A_GROUP = re.compile(
    r"(?i)^\W*(?:(?:hej|hejsan|hallå|god\s+morgon|kära|till|to|dear|hi)\s+)?(?:alla\s+|all\s+)?"
    r"(?:[\w.-]*chefer|rektorer|kollegor|medarbetare|colleagues|managers)\b"
    # "… inom Farsta stadsdelsförvaltning": the group's own place, not the award's staff.
    r"(?:\s+(?:inom|i|på|och)\s+(?![^.!?\n]*(?:kvalitet|utmärkelse|stadsledning|SLK))"
    r"[^.!?\n]*)?[,.!:]?\s*$"
)
# A sign-up shown as an example to copy ("Exempel:" above labelled lines of placeholders).
_EXAMPLE = re.compile(
    r"(?im)^\W*(?:exempel|till\s+exempel|mall|example|så\s+här\s+kan\s+(?:det|en\s+anmälan)"
    r"\s+se\s+ut)\s*:\s*$|\bförnamn\s+efternamn\b|\bfornamn\.efternamn@"
)


def is_circular(body: str) -> bool:
    """True for a mail to a group of managers or colleagues (the award in copy) that tells
    them how to sign up, or shows a sign-up as an example: it signs no unit up."""
    lines = [line for line in body.split("\n") if line.strip()]
    return bool((lines and _TO_A_GROUP.match(lines[0])) or _EXAMPLE.search(body))
