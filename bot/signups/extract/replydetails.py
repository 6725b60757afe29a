"""The registered number or address put right in a reply that names nobody.

"Telefonnumret blev fel från min sida, det ska vara 08-508 08 551", "Numret är fel, rätt är
…": the registration has one number and one address, the contact's, so "the number" a reply
corrects is that one, whoever writes it, unless the sentence says whose else it is.
"""

from __future__ import annotations

import re

from bot.signups.extract.vocabulary import (
    MAIL_W,
    NAME,
    PHONE_W,
    address_in,
    phone_in,
    same_person,
    split_sentences,
)

_NUMBER_WORD = re.compile(
    rf"(?i)\b(?:{PHONE_W}|telefonnumret|numret|nummer|numren|siffrorna|phone(?:\s+number)?|number)\b"
)
# "vår funktionsbrevlåda", "den gemensamma brevlådan": a shared address is one too.
_ADDRESS_WORD = re.compile(
    rf"(?i)\b(?:{MAIL_W}|e-?postadressen|mejladressen|adressen|address|\w*brevlåd(?:a|an)|mailbox)\b"
)
# What says the value was wrong and this one is right.
# "Nytt mobilnr: 072-…", "använd hellre det": a new value, to be used instead, is one too.
_PUT_RIGHT = re.compile(
    r"(?i)\b(?:fel|felaktig\w*|felskriv\w*|ska\s+vara|skall\s+vara|rätt\w*|korrekt\w*"
    r"|bytt\s+plats|omkastad\w*|inte|ej|should\s+be|wrong|correct\w*|typo"
    # A value that replaces the registered one: "Nytt mobilnr: 072-…", "Min nya adress är …",
    # "numret ändras, använd 070-… istället".
    r"|ny|nytt?|nya|new|ändra[st]?|ändrade?|hellre|istället|i\s+stället|instead|numera|hädanefter"
    # "Vi byter till vår funktionsbrevlåda, skicka till … i fortsättningen".
    r"|byter|i\s+fortsättningen|framöver|from\s+now\s+on"
    # The value the receipt asked for: "Här kommer telefonnumret som ni bad om: 08-…",
    # "Numret som saknades är …", "Here is the number you asked for".
    r"|bad\s+om|efterfrågade?|saknade?s?|saknas|asked\s+for|requested|missing)\b"
)
# "Mitt nummer", "my number": the writer's own, which is the contact's only when the writer is.
_OWN = re.compile(r"(?i)\b(?:mitt|min|mina|my)\s+(?:\w+)?(?:nummer|number|adress|address)")
# "Chefens nummer", "Annas nummer": another person's, not the registration's.
_SOMEONE_ELSES = re.compile(
    r"(?i)\b(?!kontakt)(?:\w+chefens|rektorns|hans|hennes|\w+s)\s+(?:\w+)?(?:nummer|adress)\b"
)


# "Växelns nummer är …": the unit's switchboard, nobody's own number.
_SWITCHBOARD = re.compile(r"(?i)\b(?:växel\w*|switchboard|reception\w*|fax\w*)\b")


def _clause_of(sentence: str, word: re.Pattern[str]) -> str:
    """The clause that holds the number or address: "Det där är växeln – mitt direktnummer
    är 08-…": the switchboard is the registered number, the clause after gives the new one."""
    clauses = re.split(r"\s[–—-]\s|;", sentence)
    return next((c for c in clauses if word.search(c)), sentence)


def _names_another(sentence: str, contact: str | None) -> bool:
    """True when the sentence names a person other than the registered contact."""
    return any(not same_person(m.group(), contact) for m in re.finditer(NAME, sentence))


def _put_right(sentence: str, word: re.Pattern[str], contact: str | None, writer: bool) -> bool:
    if not (word.search(sentence) and _PUT_RIGHT.search(sentence)):
        return False
    if _OWN.search(sentence) and not writer:
        return False
    if _SOMEONE_ELSES.search(sentence) or _SWITCHBOARD.search(_clause_of(sentence, word)):
        return False
    return not _names_another(sentence, contact)


def corrected_details(
    text: str, contact: str | None, *, writer_is_contact: bool
) -> tuple[str | None, str | None]:
    """(e-mail, phone) a reply gives as the registration's own, put right."""
    email = phone = None
    for sentence in split_sentences(text):
        number, address = phone_in(sentence), address_in(sentence)
        if number and _put_right(sentence, _NUMBER_WORD, contact, writer_is_contact):
            phone = phone or number
        if address and _put_right(sentence, _ADDRESS_WORD, contact, writer_is_contact):
            email = email or address
    return email, phone
