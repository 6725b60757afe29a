"""Forwarded sign-ups: an administrator sends on a mail a unit wrote to someone else.

quotequail finds the forwarded message and its header block, and its patterns already
know Outlook's Swedish "Från: … Skickat: … Till: … Ämne:" and Gmail's "Vidarebefordrat
meddelande", so there is no parallel parser here. What it cannot know is that Outlook
writes the same block above a *reply*: a block is taken for a forward only when the
subject says so (Fwd, Fw, VB, WG) or the separator does, and never in a reply to the
bot's own receipt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from email.utils import parseaddr

import quotequail

from bot.signups.extract.addressee import addressee_as_contact
from bot.signups.extract.assent import says_yes
from bot.signups.extract.extract import SignupFields, extract_signup
from bot.signups.extract.organisations import find_organisations
from bot.signups.extract.orgwritten import registered_form
from bot.signups.extract.quoting import strip_quoted
from bot.signups.extract.signature import split_signature
from bot.signups.extract.thread import contact_from_thread, quoted_part
from bot.signups.extract.vocabulary import (
    NAME,
    normalise,
    phone_in,
    same_person,
    split_sentences,
)

_FORWARD_SUBJECT = re.compile(r"(?i)^\s*(?:(?:re|sv|aw)\s*:\s*)*(?:fwd?|vb|wg|vs)\s*:")
_FORWARD_SEPARATOR = re.compile(
    r"(?i)-{2,}\s*(?:vidarebefordrat meddelande|forwarded message|ursprungligt meddelande"
    r"|original message)"
)
# The award's own mailbox, as a quoted layer's sender: "Kvalitetsutmärkelsen <kvalitetsutm…>".
_FROM_AWARD = re.compile(r"(?i)\bkvalitetsutm")
_REPLY_TO_BOT = re.compile(r"(?i)anmälan\s+mottagen|KU-\d{4}-\d+")
_MAX_DEPTH = 4


@dataclass(frozen=True)
class Forwarded:
    """The innermost forwarded message, who wrote it, and what the forwarders added on top."""

    text: str
    sender_name: str
    sender_email: str | None
    subject: str
    notes: str
    # Each forwarder's note with who wrote it, outermost first: the mail's own sender's
    # (unnamed here) above, then a colleague's who forwarded it on ("Yusuf Demirtaş").
    layers: tuple[tuple[str, str, str | None], ...] = ()
    # Whom the innermost message was written to: "du" in it is this person.
    addressee: tuple[str, str | None] = ("", None)


def _is_forward(subject: str, text: str) -> bool:
    if _REPLY_TO_BOT.search(subject):
        return False
    return bool(_FORWARD_SUBJECT.match(subject) or _FORWARD_SEPARATOR.search(text))


def unwrap_forward(subject: str, text: str) -> Forwarded | None:
    """The forwarded message inside a forward (the innermost of several); None otherwise."""
    text = normalise(text)
    if not _is_forward(subject, text):
        return None
    notes: list[str] = []
    authors: list[tuple[str, str | None]] = [("", None)]
    inner: dict[str, str] | None = None
    current = text
    for _ in range(_MAX_DEPTH):
        found = quotequail.unwrap(current)
        if not found or found.get("type") != "forward" or not found.get("text"):
            break
        inner = found
        notes.append(strip_quoted(found.get("text_top") or ""))
        author, author_address = parseaddr(found.get("from", ""))
        authors.append((author, author_address or None))
        current = found["text"]
    if inner is None:
        return None
    layers = list(zip(notes, authors, strict=False))
    text_now = strip_quoted(current)
    if len(layers) > 1 and layers[-1][1][0] and _answers_yes(subject, layers[-1][0], text_now):
        # "Ja, vi kör! Ulrika, kan du skicka in anmälan för …" above a manager's question
        # "Vill Pilen vara med i år?": the reply is the unit's sign-up, the question is not.
        (reply, (writer, writer_address)), layers = layers[-1], layers[:-1]
        return Forwarded(
            reply,
            writer,
            writer_address,
            inner.get("subject", ""),
            "\n\n".join(n for n, _ in layers),
            tuple((n, *a) for n, a in layers),
        )
    name, address = parseaddr(inner.get("from", ""))
    # Outlook writes "Efternamn Förnamn"; the inner signature gives the name as written.
    return Forwarded(
        strip_quoted(current),
        name,
        address or None,
        inner.get("subject", ""),
        "\n\n".join(notes),
        tuple((note, *author) for note, author in zip(notes, authors, strict=False)),
        _name_and_address(inner.get("to", "")),
    )


def _answers_yes(subject: str, note: str, question: str) -> bool:
    """True when a reply in the thread says yes and signs up, and the message it answers
    does not: the reply is the unit's own sign-up."""
    from bot.signups.extract.detection import looks_like_signup

    return (
        says_yes(note)
        and looks_like_signup(subject, note)
        and not looks_like_signup(subject, question)
    )


def _name_and_address(header: str) -> tuple[str, str | None]:
    name, address = parseaddr(header)
    return name, address or None


# The bot's own receipt signs with the quality unit's office; that is not the unit's.
_OWN_MAIL = re.compile(r"(?i)^\s*(?:från|from)\s*:.*kvalitetsutm", re.MULTILINE)


def _organisation_from_thread(fields: SignupFields, subject: str, text: str) -> SignupFields:
    """A reply that names no organisation takes it from the mail it answers, when that mail
    names one plainly ("Hej alla chefer inom Östermalms stadsdelsförvaltning!") and is not
    the bot's own."""
    quoted = quoted_part(text)
    if not quoted.strip() or _REPLY_TO_BOT.search(subject) or _OWN_MAIL.search(quoted):
        return fields
    strong = [m for m in find_organisations(quoted) if not m.weak]
    if not strong:
        return fields
    return replace(
        fields,
        organisation=strong[0].name,
        organisation_as_written=registered_form(strong[0].written),
        organisation_known=True,
    )


def readable_text(subject: str, text: str) -> str:
    """The text a sign-up is read from: a forward's inner message, else the unquoted text."""
    forwarded = unwrap_forward(subject, text)
    return forwarded.text if forwarded else strip_quoted(text)


def signup_text(subject: str, text: str) -> str:
    """The text that says whether a mail signs up: a forwarder's own words count as well as
    the forwarded message ("Se nedan – vi vill anmäla Eriksdalsbadet")."""
    forwarded = unwrap_forward(subject, text)
    if forwarded is None:
        return strip_quoted(text)
    return f"{forwarded.notes}\n\n{forwarded.text}"


# "kan du skicka in det här? "Enheten för … vill anmäla sig …"": the writer quotes the
# sign-up they want sent on, a paragraph in quotation marks.
_QUOTED_PARAGRAPH = re.compile(
    r'(?m)^[ \t]*["”“»](?P<text>[^"”“»\n]+(?:\n[^"”“»\n]+)*)["”“»][ \t]*$'
)


def _unquoted(text: str) -> str:
    """The text with a paragraph's quotation marks taken off: it is the sign-up itself."""
    return _QUOTED_PARAGRAPH.sub(lambda m: m.group("text"), text)


def _note(note: str, author: str, subject: str, address: str | None) -> SignupFields:
    """A forwarder's note read as its writer's mail. A unit its signature alone names
    ("Administratör, Socialtjänstavdelningen") is the forwarder's own workplace."""
    fields = extract_signup(note, sender_name=author, sender_email=address, subject=subject)
    own, signature = split_signature(note.split("\n"))
    unit = (fields.unit_name or "").casefold()
    if unit and unit in "\n".join(signature).casefold() and unit not in "\n".join(own).casefold():
        fields = replace(fields, unit_name=None)
    return fields


# "Jag är alltså kontaktperson", "jag blir också kontakt": an adverb may stand between.
_SELF_CONTACT = re.compile(
    r"(?i)\bjag\s+(?:är|blir|står\s+som|tar\s+(?:gärna\s+)?)\s*"
    r"(?:(?:alltså|också|även|då|ju|fortfarande|själv)\s+)?(?:er\s+)?kontakt"
    r"|\bkontakt\w*\s+(?:är|blir)\s+jag\b|\bmig\s+som\s+kontakt"
    r"|\bI\s+(?:am|will\s+be)\s+(?:the\s+|your\s+)?contact"
)
_CONTACT_WORD = re.compile(r"(?i)\bkontakt\w*|\bcontact\b")


def _offers_self(note: str) -> bool:
    return any(_SELF_CONTACT.search(sentence) for sentence in split_sentences(note))


def _names_as_contact(note: str, person: str) -> bool:
    """True when a sentence of the note makes `person` the contact, by any of their names."""
    names = [re.escape(w) for w in person.split() if len(w) > 2 and w[:1].isupper()]
    if not names:
        return False
    named = re.compile(rf"(?<![\w-])(?:{'|'.join(names)})(?![\w-])")
    return any(
        named.search(s) and _CONTACT_WORD.search(s) and not _SELF_CONTACT.search(s)
        for s in split_sentences(note)
    )


def _as_in_text(name: str, text: str) -> str:
    """The name as the text writes it ("Karl-Henrik af Klercker"), else as the header does."""
    for match in re.finditer(NAME, text):
        if same_person(match.group(), name):
            return match.group()
    return name


def extract_mail(
    subject: str, text: str, *, sender_name: str, sender_email: str | None
) -> SignupFields:
    """The sign-up a mail gives, reading a forward's inner message as the unit's own mail.

    A forwarder's note may add the unit, its manager or organisation ("De glömde skriva vem
    som är chef – det är …"), and makes the forwarder the contact only by their own word
    ("Jag är kontaktperson"); a note that makes the forwarded mail's writer the contact by
    name ("Jag har bett Karl-Henrik att vara kontakt") gives that writer's details.
    """
    forwarded = unwrap_forward(subject, text)
    if forwarded is None:
        fields = extract_signup(
            strip_quoted(text), sender_name=sender_name, sender_email=sender_email, subject=subject
        )
        fields = contact_from_thread(fields, text)
        return fields if fields.organisation else _organisation_from_thread(fields, subject, text)
    inner = extract_signup(
        _unquoted(forwarded.text),
        sender_name=forwarded.sender_name,
        sender_email=forwarded.sender_email,
        subject=forwarded.subject or subject,
    )
    # "Du får gärna stå som kontaktperson": the forwarded mail's addressee.
    inner = addressee_as_contact(inner, forwarded.text, *forwarded.addressee)
    # Each note is read as its writer's own mail, the innermost (closest to the unit) last
    # so that it counts most: a manager's "Kontaktperson blir Şebnem" above a registrar's
    # "Se nedan".
    notes = SignupFields()
    offered = False
    own = False
    for note, author, address in forwarded.layers:
        if _FROM_AWARD.search(f"{author or ''} {address or ''}"):
            # The award office's own answer in the thread ("Ja, alla verksamheter kan delta
            # … Birgitta, Stadsledningskontoret") says nothing of the unit.
            continue
        read = _note(note, author or sender_name, subject, address or sender_email)
        notes = notes.merged(read)
        # "Jag är kontaktperson": a forwarder who offers themselves in their own words.
        offered = offered or (bool(read.contact_name) and _offers_self(note))
        # "Skickade till fel adress, se nedan": the forwarder sends on her own earlier mail,
        # whose header names her; what that mail says about her is her own word.
        own = own or (bool(author) and same_person(author, sender_name))
        if _names_as_contact(note, forwarded.sender_name) and not inner.contact_name:
            # "Jag har bett Karl-Henrik att vara kontaktperson": the forwarded mail's writer.
            inner = replace(
                inner,
                contact_name=_as_in_text(forwarded.sender_name, forwarded.text),
                contact_email=inner.contact_email or forwarded.sender_email,
                contact_phone=inner.contact_phone or phone_in(forwarded.text),
            )
    # A contact the notes name (an attached form read above the forward) is the unit's; the
    # forwarder only by their own word, which the From header does not give.
    named = bool(notes.contact_name) and (
        offered or own or not same_person(notes.contact_name, sender_name)
    )
    if offered:
        inner = replace(inner, contact_name=None, contact_email=None, contact_phone=None)
    added = SignupFields(
        unit_name=notes.unit_name,
        manager_name=notes.manager_name,
        contact_name=notes.contact_name if named else None,
        contact_email=notes.contact_email if named else None,
        contact_phone=notes.contact_phone if named else None,
        organisation=notes.organisation,
        organisation_as_written=notes.organisation_as_written,
        organisation_known=notes.organisation_known,
    )
    return _forwarder_as_contact(
        contact_from_thread(added.merged(inner), text), sender_name, sender_email
    )


def _forwarder_as_contact(
    fields: SignupFields, sender_name: str, sender_email: str | None
) -> SignupFields:
    """ "Kontakt: Ida Karlsson (du!)": the forwarded mail makes the forwarder the contact, and
    the forwarder is the From person, so the From address is the contact's."""
    if (
        fields.contact_email
        or not sender_email
        or not same_person(fields.contact_name, sender_name)
    ):
        return fields
    return replace(fields, contact_email=sender_email, contact_email_from_sender=True)
