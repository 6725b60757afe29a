"""What a mail signs up for: this award, or another prize, a conference, a day, a role.

A registrar registers a unit only for Kvalitetsutmärkelsen. A mail to its mailbox may sign a
unit up for the city's environmental prize, people for a quality day, or its writer as an
examiner; it may fill in every field and still sign up for nothing the award keeps. What
tells them apart is where the sign-up goes: "till Stockholms stads miljöpris", "till
kvalitetsdagen den 14 april", "som bedömare".
"""

from __future__ import annotations

import re

# This award, however it is written: "Kvalitetsutmärkelsen 2027", "utmärkelsen", "the
# Quality Award". Its own name wins wherever it is the place the sign-up goes.
# A quality prize with no other giver named is this award by another name; "Svenska
# kvalitetspriset" and "SIQ:s kvalitetspris" are the national one.
AWARD = re.compile(
    r"(?i)kvalitetsutmärkelse|\butmärkelse(?:n)?\b|\bquality\s+award"
    r"|(?<!svenska\s)(?<!sveriges\s)(?<!siq:s\s)(?<!siqs\s)\bkvalitetspris(?:et)?\b"
)
# Days that are no event: "på fredag", "i vardags".
_WEEKDAY = r"(?:mån|tis|ons|tors|fre|lör|sön|var|helg|hel)dag(?:en|ar|s)?"
# Somewhere else to sign up to: another prize or diploma, or an event for people.
_ELSEWHERE = re.compile(
    r"(?i)\b(?!" + _WEEKDAY + r"\b)(?:"
    r"\w*pris(?:et|er|erna)?|\w*priset|\w*diplomering\w*|\w*certifiering\w*|\w*nominering\w*"
    r"|\w+award|\w{3,}dag(?:en|ar|arna)?|\w*konferens\w*|\w*seminari\w*|\w*webbinari\w*"
    r"|\w*utbildning\w*|kurs(?:en|er|erna)?|\w*mässa(?:n)?|gala(?:n)?|\w*frukost\w*"
    r"|\w*informationsmöte\w*|\w*träff(?:en|ar|arna)?|\w+möte(?:t|n|na)?|\w*nätverk(?:et|sträff\w*)?|workshop\w*|skrivarstug\w*"
    r"|\w*föreläsning\w*|studiebesök\w*|evenemang\w*"
    r"|prize|conference|seminar\w*|webinar\w*|training|course|meeting|information\s+session"
    r")\b"
)
# The place a sign-up goes: "till …", "i …", "to …", "for …", up to a few words on.
# Overlapping: "Lingonet i Skarpnäck till Stockholms stads miljöpris" has two places.
_PLACE = re.compile(r"(?i)(?=\b(?:till|i|to|for|in)\s+((?:[\w'\"”“-]+[ \t]+){0,4}[\w'\"”“-]+))")
# Not a unit: people ("följande personer", "tre medarbetare") or a person as examiner.
_PEOPLE = re.compile(
    r"(?i)^\s*(?:\w+\s+){0,2}?(?:personer|deltagare|kollegor|kollegorna|medarbetare|mig\s+själv"
    r"|people|staff|colleagues|participants|attendees|members|myself)\b"
)
_EXAMINER = re.compile(
    r"(?i)\b(?:som|bli|vara|att\s+vara|as|become|be)\s+(?:\w+\s+)?"
    r"(?:examinator\w*|bedömare|granskare|jurymedlem\w*|juryn|assessor\w*|examiner\w*)\b"
)

# The event or prize named straight after the word, as a form's or subject's title does.
_HEADED = re.compile(r"\s*[:–-]?\s*(\w+)")
# A title naming the city's own other prize: "Anmälan – Stockholms stads tillgänglighetspris".
_CITY_PRIZE = re.compile(
    r"(?i)\s*[:–-]?\s*(?:stockholms\s+stads|stadens)\s+(?!kvalitet)\w*(?:pris|priset|stipendium)\b"
)
_TITLE_WORD = re.compile(r"(?i)(?:anmälan|anmälning|registration)$")


def goes_elsewhere(place: str) -> bool:
    """True when the words after "till" (or a withdrawal's "delta på") name another prize
    or event before this award."""
    other, ours = _ELSEWHERE.search(place), AWARD.search(place)
    if other is None:
        return False
    return ours is None or other.start() < ours.start()


def signs_up_elsewhere(sentence: str, after: int) -> bool:
    """True when the sign-up whose verb ends at `after` is for something the award does not
    keep: another prize or an event, people rather than a unit, or the writer as examiner."""
    rest = sentence[after:]
    if _PEOPLE.match(rest) or _EXAMINER.search(rest):
        return True
    headed = _HEADED.match(rest) if _TITLE_WORD.search(sentence[:after]) else None
    if headed and _ELSEWHERE.fullmatch(headed.group(1)):
        # A title: "Anmälan Inspirationsdag Kvalitet 2027", "Anmälan: Frukostseminarium". A
        # meeting place is a unit's name as often as an event's ("Anmälan Träffen Vällingby"),
        # and after the verb comes the unit ("… anmäler Evenemangsavdelningen").
        return not headed.group(1).casefold().startswith("träff")
    if headed and _CITY_PRIZE.match(rest):
        return True  # "Anmälan – Stockholms stads miljöpris 2027": the city's other prize
    places = [m.group(1) for m in _PLACE.finditer(rest)]
    if any(AWARD.search(place) and not goes_elsewhere(place) for place in places):
        return False
    return any(goes_elsewhere(place) for place in places)


def titled_elsewhere(form: str) -> bool:
    """True for an attached form whose title is another prize's or an event's
    ("Anmälningsblankett – Stockholms stads miljöpris 2027") and that never names the award:
    it carries the sign-up labels, but for something else."""
    title = " ".join([line for line in form.split("\n") if line.strip()][:3])
    return bool(_ELSEWHERE.search(title)) and not AWARD.search(form)
