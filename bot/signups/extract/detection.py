"""Recognise withdrawals, undoing a withdrawal, and mails that sign a unit up."""

from __future__ import annotations

import re

from bot.signups.extract.destination import AWARD, goes_elsewhere, signs_up_elsewhere
from bot.signups.extract.invoices import is_invoice
from bot.signups.extract.labels import label_pass
from bot.signups.extract.notices import is_circular, is_mass_mailing, outright, puts_off
from bot.signups.extract.quoting import strip_quoted
from bot.signups.extract.spelling import readable
from bot.signups.extract.subjectline import without_reply_prefix
from bot.signups.extract.unitnames import typed_units
from bot.signups.extract.unitwords import unit_words
from bot.signups.extract.vocabulary import split_sentences, words_data

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
# "Vi kan inte delta på informationsmötet": the place after "delta" (a few words on).
_AT = re.compile(r"(?i)^\s*(?:på|i|vid)\s+((?:[\w'\"”“-]+\s+){0,3}[\w'\"”“-]+)")
_ABSTAIN_OK = re.compile(
    r"(?i)^\s*(?:$|[.,!]|i\s+år|deltagande|från\s+(?:att\s+)?(?:delta|deltagande|medverka"
    r"|medverkan|söka|tävla|kvalitetsutmärkelsen|anmälan))"
)


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?")


# "Den södra enheten har en annan rektor och deltar inte i år": the sentence is about another
# unit than the writer's, set apart from it by "andra" or a point of the compass.
_ANOTHER_UNIT = re.compile(
    r"(?i)^\s*(?:den|det|de)\s+(?:andra|övriga|norra|södra|östra|västra)\s+[a-zåäö]+(?:en|et|na)\b"
)


def _real_withdrawal(sentence: str, match: re.Match[str]) -> bool:
    before, after = sentence[: match.start()], sentence[match.end() :]
    if _is_question(sentence) or _NEGATED_BEFORE.search(before[-30:]):
        return False
    if _ANOTHER_UNIT.match(before):
        return False
    if match.group(0).lower().startswith("avstå") and not _ABSTAIN_OK.match(after):
        return False
    at = _AT.match(after) if match.group(0).lower().endswith("delta") else None
    return not (at and goes_elsewhere(at.group(1)))


def is_withdrawal(text: str) -> bool:
    """True if the unquoted text withdraws the unit's sign-up ("vi drar tillbaka vår anmälan")."""
    sentences = split_sentences(strip_quoted(text))
    return any(
        _real_withdrawal(sentence, match) and not _another_signed_up(sentence, match, sentences)
        for sentence in sentences
        for match in _WITHDRAWAL.finditer(sentence)
    )


def stays_out(unit: str, text: str) -> bool:
    """The mail says of this unit that it does not take part ("Förskolan Ask (rektor Eva
    Lind) avstår i år"): the unit is named before the words that keep it out."""
    return any(
        unit in sentence[: match.start()] and _real_withdrawal(sentence, match)
        for sentence in split_sentences(strip_quoted(text))
        for match in _WITHDRAWAL.finditer(sentence)
    )


def _another_signed_up(sentence: str, match: re.Match[str], sentences: list[str]) -> bool:
    """ "- Förskolan Ek anmäls. - Förskolan Ask (rektor Eva Lind) avstår i år": a unit named
    as the one that stays out, in a mail whose other sentence signs up another unit."""
    named = typed_units(sentence[: match.start()])
    if not named:
        return False
    return any(
        other is not sentence
        and _states_signup(other)
        and any(unit not in named for unit in typed_units(other))
        for other in sentences
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
    r"(?i)\banm[äa]l(?:a|er|e?s|an|ning|ningen)\b"
    # The plural only with a count: "två anmälningar", not "samtliga anmälningar" (a request).
    r"|\b(?:två|tre|fyra|fem|\d)\s+anmälningar\b"
    # English: "sign up", "register … for the Quality Award".
    r"|\bsign(?:ing)?[\s-]up\b|\bregist(?:er|ering|ration)\b"
    # Applying for the award or taking part in it, the award named: "söker härmed
    # Kvalitetsutmärkelsen", "vår ansökan till …", "deltar gärna i …", "tävla i …". Not what
    # anyone may do ("Alla enheter kan söka Kvalitetsutmärkelsen").
    r"|(?<!\bkan\s)(?<!\bfår\s)(?<!\bkunna\s)(?<!\bman\s)(?<!\binte\s)(?<!\bej\s)"
    r"(?<!\binte\satt\s)(?<!\bej\satt\s)(?<!\baldrig\s)"
    r"\b(?:(?:an)?sök(?:a|er|an)|tävla[r]?|delta[r]?|medverka[r]?|vara\s+med|är\s+med)"
    r"\s+(?:(?:härmed|gärna|också|nu|i\s+år)\s+)?(?:i\s+|till\s+|om\s+|för\s+)?"
    r"(?:årets\s+|stadens\s+|Stockholms\s+stads\s+)?kvalitetsutmärkelse"
    # In a mail to the award, "Vi vill gärna vara med!" says it without naming the award.
    # Every way of wanting it: "vill", "önskar", "skulle vilja", "tänker".
    r"|\b(?:vill|önskar|skulle\s+vilja|tänker)\s+"
    r"(?:(?:gärna|också|jättegärna|så\s+gärna|mycket\s+gärna|väldigt\s+gärna)\s+)?"
    r"(?:vara\s+med|delta|medverka)\b"
    r"(?=\s*(?:[^\w\s]|$)|\s+i\s+år\b|\s+(?:i|på)\s+(?:årets\s+|den\s+)?(?:\w*utmärkelse|tävling))"
    # "Vi är med i år!": the unit says it takes part, in a mail to the award.
    r"|\b(?:vi|jag)\s+är\s+(?:(?:gärna|också|absolut|självklart)\s+)?med\b"
    r"(?=\s*(?:[^\w\s]|$)|\s+i\s+år\b)"
    # Informal: "Vi på Kryssningsterminalen hänger på", "vi ställer upp i år".
    r"|\b(?:hänger|häng)\s+på\b(?!\s+\w)|\bställer\s+upp\b(?!\s+(?:som|med)\b)"
    # "enter the Stockholm City Quality Award 2027": the award's name may carry the city's.
    # The verb may be borrowed with a Swedish ending: "vi vill joina Kvalitetsutmärkelsen".
    r"|\b(?:participate|take\s+part|join(?:a|ar)?|enter|apply)\s+(?:in\s+|for\s+|to\s+)?"
    r"(?:this\s+year's\s+|the\s+)?(?:[A-Z][\w']*\s+){0,3}(?:kvalitetsutmärkelse|quality\s+award)"
)
_ASKING = re.compile(
    r"(?i)^\s*(?:hur|när|var|vart|vad|kan|får|måste|ska|går|how|when|where|what|can|could|do|does)\b"
    r"|\b(?:undrar|fråga|frågor|funderar|wonder|question)\b"
)
_NOT_A_SIGNUP = re.compile(
    r"(?i)\btack\s+för\b|\bskickade\b|\bskickat\b|\bhar\s+anmält\b|\banmälde\b|\bbekräft"
    # A person signing up for something else, or a unit that will sign up some day.
    r"|\banmäla\s+mig\b|\bsom\s+(?:examinator|bedömare)\b|\blängre\s+fram\b|\bnästa\s+år\b"
    # Others told to sign up ("Missa inte att anmäla er"), a person offering to examine.
    r"|\banmäla?\s+(?:er|ert|era|din|ditt|dina)\b|\bbli\s+(?:examinator|bedömare)\b"
    # The readers' sign-up to come: "Säg till mig innan ni anmäler", "om ni vill vara med".
    r"|\b(?:innan|när|om|ifall|då|förrän)\s+ni\s+(?:\w+\s+)?(?:anmäl|vill|tänker)"
    # The call: "Nu öppnar anmälan till Kvalitetsutmärkelsen 2027!", "Nu går det att anmäla
    # sig till …".
    r"|\böppna[rs]?\s+(?:nu\s+)?(?:för\s+)?anmälan|\bgår\s+(?:det\s+)?(?:nu\s+)?att\s+anmäl"
    # A sign-up promised for later: "Vi hör av oss med en anmälan i mars".
    r"|\b(?:hör\s+av\s+oss|återkommer|kommer\s+tillbaka)\s+med\b"
    # … or once something else is done: "skickar in en anmälan efter det", "anmäler oss
    # efter mötet"; "we might register next year".
    r"|\banm[äa]l\w*\s+(?:\w+\s+){0,2}?efter\s+(?:det|att(?!\s+ha\b)|\w*möte\w*|apt)\b"
    r"|\bnext\s+year\b|\b(?:might|may)\s+(?:register|sign\s+up|apply|enter|take\s+part)\b"
    # Others who sign up on their own, and a mail that says it is none: "Enheterna anmäler
    # sig själva direkt till er, så ni kan bortse från detta mejl som anmälan".
    r"|\banmäler\s+sig\s+själva\b|\bbortse\s+från\s+(?:detta|det\s+här)\s+(?:mejl|mail|meddelande)"
    # A decision not to: "har bestämt att inte anmäla sig i år", "valt att inte delta".
    r"|\b(?:bestämt|beslutat|valt|kommit\s+fram\s+till)\s+att\s+(?:inte|ej)\s+"
    r"(?:anmäla|delta|söka|vara\s+med)\b"
    # Thinking it over: "funderar på att anmäla", "överväger att delta", "considering".
    r"|\b(?:planerar|funderar\s+på|överväger|funderar\s+över\s+om)\s+(?:att|om)\b"
    r"|\b(?:are|am)\s+(?:considering|thinking\s+(?:about|of))\b"
    # The call to all: "Alla enheter som vill vara med i år anmäler sig senast 22 mars".
    r"|\b(?:alla|ni|de|enheter|verksamheter)\s+som\s+(?:\w+\s+)?vill\b"
    # Wanting to but stopped: "vi vill anmäla men jag hittar inte blanketten", "vill anmäla
    # oss men vet inte hur": a question about the way in, not the sign-up.
    r"|\bvill\s+(?:\w+\s+){0,2}?anmäl\w*\s+(?:\w+\s+){0,3}?men\s+(?:\w+\s+){0,2}?"
    r"(?:hittar|vet|förstår|kan|lyckas)\s+(?:\w+\s+)?inte\b"
    # Units not named or counted: "Vi har flera enheter i Kungsholmen som vill anmäla sig".
    r"|\b(?:flera|några|många|fler|ett\s+antal|several|some)\s+(?:\w+\s+)?"
    r"\w*(?:enheter|verksamheter|förskolor|skolor|boenden|grupper|units|schools)\b"
    r"[^.]*?\b(?:som|that|who)\s+(?:\w+\s+)?(?:vill|want|would)\b"
    # The call, not a sign-up: "anmälan öppen till 22 mars", "anmälan till X är inte …".
    r"|(?<!vår\s)(?<!denna\s)(?<!min\s)(?<!er\s)\banmälan(?:\s+till\s+\w+(?:\s+\d{4})?)?"
    r"\s+(?:inte\s+|ej\s+)?(?:är|var|blir|öppen|öppnar|stänger|stängd|görs|sker)\b"
    # "Anmälan till Kvalitetsutmärkelsen 2027 har öppnat": the call, told in the perfect.
    r"|\banmälan(?:\s+till\s+\w+(?:\s+\d{4})?)?\s+har\s+(?:nu\s+)?(?:öppnat|öppnats|stängt)\b"
    # People signed up for an event, not a unit for the award.
    r"|\bdeltagare\b"
    # The call to all, in a newsletter or an invitation: "Dags att anmäla sig till …!".
    r"|\b(?:dags|hög\s+tid|sista\s+chansen|glöm\s+inte|missa\s+inte|passa\s+på|välkomm?e?n?a?)"
    r"\s+(?:\w+\s+){0,2}?att\s+anmäl"
    # The deadline or the way in, told to all: "Sista dag att anmäla sig …", "Sista dag
    # anmälan …", "Anmälan via länken i kalendariet", "Anmälan senast 22 mars".
    r"|\bsista\s+(?:dag(?:en)?|datum(?:et)?)\s+(?:(?:för|att)\s+)?(?:\w+\s+)?anmäl"
    r"|^\W*anmälan\s+(?:görs\s+|sker\s+)?(?:via|senast)\b"
    r"|\b(?:don't|do\s+not)\s+forget\s+to\b|\bremember\s+to\b|\btime\s+to\s+(?:sign|register|enter)"
    r"|\btill\s+(?:\w+\s+){0,2}(?:\w*konferens\w*|seminari\w*|webbinari\w*"
    r"|\w*utbildning\w*|frukostmöte\w*|informationsmöte\w*|skrivarstug\w*)"
)
_CLAUSE_BREAK = re.compile(r"\s[–—]\s|;\s")
# "hur anmälan går till", "sista dag för anmälan", "skicka er anmälan": about signing up.
_ABOUT_SIGNUP = re.compile(
    r"(?i)\b(?:hur|för|om|inför|skicka\s+(?:er|din|era)|ang\.?|angående|beträffande|gällande)\s+$"
)
_SIGNUP_CONTEXT = re.compile(
    r"(?i)utmärkelse|\boss\b|\bvår\b|\bvårt\b|\bhärmed\b|\bvi\b|\bsig\b"
    r"|\bvåra\b|\bwe\b|\bour\b|(?-i:\bI\b)|quality\s+award|\bvill\s+anmäla\b|\bvill\s+(?:gärna\s+)?vara\s+med\b"
    # "Jag skickar denna anmälan för …": the mail points at itself as the sign-up.
    r"|\b(?:denna|den\s+här|bifogade?|this)\s+(?:anmälan|application|registration)\b"
    r"|\bhär\s+(?:kommer|är|kommer\s+nu)\s+(?:\w+\s+)?(?:anmälan|ansökan)\b"
    r"|\b(?:två|tre|fyra|fem|\d)\s+anmälningar\b"
    # "… och skickar in anmälan för en av våra enheter": the writer sends the sign-up now.
    r"|\bskickar\s+(?:härmed\s+)?(?:in\s+)?(?:en\s+|vår\s+|härmed\s+)?anmälan\b"
    r"|\b(?:vill|önskar|skulle\s+vilja|tänker)\s+(?:\w+\s+)?"
    r"(?:vara\s+med|delta|medverka)\b"
    # "Frösunda Omsorg anmäler Personlig assistans Söderort": the unit named after the verb.
    r"|\b(?:anmäl(?:er|s)|register)\s+(?-i:[A-ZÅÄÖ])"
    # "Förskoleområde Högalid anmäler tre förskolor: …": the units, counted.
    r"|\banmäler\s+(?:två|tre|fyra|fem|sex|\d)\s+\w+"
    # "… bett mig skicka in anmälan för mina två förskolor": the writer's own units, counted.
    r"|\banmälan\s+för\s+(?:mina|våra|dessa)\s+(?:två|tre|fyra|fem|sex|\d)\s+\w+"
    # "Jag är chef för Planeringsavdelningen … och anmäler avdelningen".
    r"|\banmäler\s+(?:(?:min|mitt|mina|hela)\s+)?[a-zåäö]+(?:en|et|na)\b(?<!\bintresset)"
    # "anmäler förskolan Lingon, Skarpnäcks sdf": the unit's type in lower case, its name after.
    r"|\banmäler\s+(?:(?:vår|vårt|hela)\s+)?[a-zåäö]+an\s+(?-i:[A-ZÅÄÖ])"
    # "Jag anmäler för Eva Lund som är sjuk": the writer signs up on a named person's behalf.
    r"|\banmäler\s+(?:härmed\s+)?(?:för|åt|på\s+uppdrag\s+av)\s+(?-i:[A-ZÅÄÖ][a-zåäöé]+\s+[A-ZÅÄÖ])"
)


# "Kan du anmäla vår gruppbostad till stadens kvalitetsutmärkelse?": a unit asks a colleague
# to sign it up, and the colleague's forward to the award does so. Asked of one person ("du"),
# not of the award's staff ("Kan ni …" asks whether a thing can be done).
_REQUEST = re.compile(
    r"(?i)(?:^|[,!:]\s*)(?:hej\s+\w+[,!]?\s+)?(?:kan|kunde|skulle)\s+du\s+"
    r"(?:(?:vara\s+snäll\s+(?:och|att)|hjälpa\s+(?:mig|oss)\s+(?:att|och)|även|också)\s+)?"
    r"(?:anmäla\s+(?!(?:er|dig|mig|sig)\b)"
    r"|skicka\s+(?:in\s+|vidare\s+)?(?:en|vår|vårt|min|denna|den\s+här|enhetens)\s+anmälan\b"
    # "Ulrika, kan du skicka in anmälan för Fritidsgården Pilen?": the unit named after it.
    r"|skicka\s+(?:in\s+|vidare\s+)?anmälan\s+(?:för|av)\s+(?=[A-ZÅÄÖ]))"
    r"|\b(?:can|could|would)\s+you\s+(?:please\s+)?(?:sign\s+(?:us|our|\w+)|register|enter|submit)\b"
)


def _requests_signup(sentence: str) -> bool:
    word = _SIGNUP_WORD.search(sentence)
    return (
        bool(_REQUEST.search(sentence))
        and bool(AWARD.search(sentence) or _names_a_unit(sentence[word.end() :] if word else ""))
        and word is not None
        and not signs_up_elsewhere(sentence, word.end())
    )


def _states_signup(sentence: str, *, need_context: bool = True) -> bool:
    word = _SIGNUP_WORD.search(sentence)
    if word is None or _NOT_A_SIGNUP.search(sentence):
        return False
    if _requests_signup(sentence):
        return True
    if _is_question(sentence) or signs_up_elsewhere(sentence, word.end()):
        return False
    # "Vi undrar om vi får vara med – i så fall anmäler vi oss": the question is another clause.
    clause = _CLAUSE_BREAK.split(sentence[: word.start()])[-1]
    if _ASKING.search(clause) or re.search(r"(?i)avanmäl", sentence):
        return False
    if _ABOUT_SIGNUP.search(sentence[: word.start()]):
        return False
    return (
        not need_context
        or bool(_SIGNUP_CONTEXT.search(sentence))
        or _names_a_unit(sentence[word.end() :])
    )


def _names_a_unit(after: str) -> bool:
    """True when the sign-up word is followed at once by a unit, its type word in any case
    or short form: "anmäler förskolan Tallkotten", "Anmälan Förskolan Tallkotten, Bromma
    sdf", "Anmäler fsk Tallkotten". A hurried mail says whom it signs up, not "vi"."""
    after = re.sub(r"(?i)^\s*(?:härmed\s+|hermed\s+)?(?:av\s+|för\s+)?", "", after)
    if unit_words().typed.match(after):
        return True
    short = "|".join(re.escape(w) for w in words_data()["short_unit_types"])
    return bool(re.match(rf"(?i:{short})\.?\s+[A-ZÅÄÖ]", after))


# "Anmälan." alone on its line: a heading in a hurried mail, naming what it is, never asking.
_HEADING = re.compile(r"(?i)^\W*anmälan\W*$")


def _asks_about_signup(sentences: list[str]) -> bool:
    return any(
        _SIGNUP_WORD.search(s) and not _HEADING.match(s) and not _states_signup(s)
        for s in sentences
    )


def _labelled_fields(body: str) -> int:
    found = label_pass(body.split("\n"))
    roles = (
        found.unit,
        found.organisation,
        found.manager or found.manager_ref,
        found.contact or found.contact_ref,
    )
    return sum(1 for role in roles if role)


def _elsewhere(sentence: str) -> bool:
    word = _SIGNUP_WORD.search(sentence)
    return word is not None and signs_up_elsewhere(sentence, word.end())


def _for_another(subject: str, sentences: list[str]) -> bool:
    """True when the mail signs up for another prize or event and nowhere for this award:
    "Vi vill anmäla Förskolan Lingonet till Stockholms stads miljöpris", however many of
    the award's fields it then fills in."""
    if not any(_elsewhere(s) for s in [subject, *sentences]):
        return False
    return not any(_states_signup(s) and AWARD.search(s) for s in sentences)


def signs_up_for_another(subject: str, text: str) -> bool:
    """True when the mail (with its attached forms' text) signs up for another prize or
    event and nowhere for this award."""
    sentences = split_sentences(readable(strip_quoted(text)))
    return _for_another(readable(subject), sentences)


# Another prize or a nomination named: "Bekräftelse: nominering Årets badhus 2027".
_OTHER_PRIZE = re.compile(r"(?i)\bnominer\w*|\b\w*pris(?:et)?\b|\bårets\s+\w+")


def _another_prize_only(subject: str, body: str) -> bool:
    """True when a mail of labelled fields names another prize and never this award: a
    nomination's receipt ("Tack för er nominering till Årets badhus. Anläggning: …,
    Kontaktperson: …") forwarded to the award's mailbox signs nothing up for it."""
    text = f"{subject}\n{body}"
    return bool(_OTHER_PRIZE.search(text)) and not AWARD.search(text)


def looks_like_signup(subject: str, text: str) -> bool:
    """True for a sign-up mail; False for questions about signing up and for withdrawals."""
    body, subject = readable(strip_quoted(text)), readable(subject)
    if is_withdrawal(body) or is_withdrawal(subject):
        return False
    sentences = split_sentences(body)
    if is_mass_mailing(subject, body) or is_invoice(subject, body):
        return False
    # "Hej kollegor, … HR-service anmäler sig till Kvalitetsutmärkelsen": a circular's
    # greeting, but the award's staff greeted, and a unit signed up outright.
    # So does "Hej kollegor! … Kommunikationsavdelningen anmäler sig härmed": said outright.
    if is_circular(body) and not any(
        _states_signup(s) and (AWARD.search(s) or outright(s)) for s in sentences
    ):
        return False
    if any(puts_off(s) for s in [subject, *sentences]) and not any(
        outright(s) and _states_signup(s) for s in sentences
    ):
        return False
    if _for_another(subject, sentences):
        return False
    if any(_states_signup(s) for s in sentences):
        return True
    if _labelled_fields(body) >= 2:
        return not _another_prize_only(subject, body)
    subject_says = _states_signup(without_reply_prefix(subject), need_context=False)
    return subject_says and not _asks_about_signup(sentences)
