"""Tests for reading sign-ups, withdrawals and unit names out of units' Swedish mail."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from bot.runner import App
from bot.signups.extract import (
    SignupFields,
    extract_mail,
    extract_signup,
    is_undo_withdrawal,
    is_withdrawal,
    looks_like_signup,
    read_reply,
    several_units,
    signup_text,
    similar_names,
    strip_quoted,
)
from bot.signups.extract.spelling import restore_spelling
from bot.signups.extract.vocabulary import clean_name
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of

# --- Labelled sign-ups -------------------------------------------------------------------

LABELLED_COLON = """\
Hej!

Vi vill anmäla oss till Kvalitetsutmärkelsen 2025.

Verksamhet: Förskolan Trollskogen
Förvaltning: Skarpnäcks stadsdelsförvaltning
Chef: Anna Berg
Kontaktperson: Olle Ek
E-post: olle.ek@stockholm.se
Telefon: 08-508 123 45

Med vänliga hälsningar
Olle Ek
"""


def test_labelled_lines_give_every_field() -> None:
    fields = extract_signup(LABELLED_COLON, sender_email="olle.ek@stockholm.se")
    assert fields == SignupFields(
        unit_name="Förskolan Trollskogen",
        manager_name="Anna Berg",
        contact_name="Olle Ek",
        contact_email="olle.ek@stockholm.se",
        contact_phone="08-508 123 45",
        organisation="Skarpnäcks stadsdelsförvaltning",
    )
    assert fields.missing() == []


LABEL_VARIANTS = [
    (
        "long labels",
        """Verksamhetens namn: Bagarmossens skola
Ansvarig chef: Anna Berg
Kontaktperson: Olle Ek
Mejl: olle.ek@edu.stockholm.se
Tel: 08-508 123 45
Förvaltning/bolag: Utbildningsförvaltningen""",
        (
            "Bagarmossens skola",
            "Anna Berg",
            "Olle Ek",
            "olle.ek@edu.stockholm.se",
            "08-508 123 45",
            "Utbildningsförvaltningen",
        ),
    ),
    (
        "dash separators",
        """Enhet - Vinsta äldreboende
Enhetschef - Märta Sjöberg
Kontakt - Göran Åkesson
Mail - goran.akesson@stockholm.se
Mobil - 070-123 45 67
Stadsdelsförvaltning - Hässelby-Vällingby stadsdelsförvaltning""",
        (
            "Vinsta äldreboende",
            "Märta Sjöberg",
            "Göran Åkesson",
            "goran.akesson@stockholm.se",
            "070-123 45 67",
            "Hässelby-Vällingby stadsdelsförvaltning",
        ),
    ),
    (
        "tab separators",
        "Namn på verksamheten\tFörskolan Solstrålen\nFörskolechef\tKarin Lindqvist\n"
        "Kontaktperson\tÅsa Öberg\nE-post\tasa.oberg@stockholm.se\n"
        "Förvaltning\tNorrmalms stadsdelsförvaltning",
        (
            "Förskolan Solstrålen",
            "Karin Lindqvist",
            "Åsa Öberg",
            "asa.oberg@stockholm.se",
            None,
            "Norrmalms stadsdelsförvaltning",
        ),
    ),
    (
        "bullet list",
        """Här kommer vår anmälan:
• Verksamhet: Renseriet, Stockholm Vatten och Avfall AB
• Rektor: saknas, vi är ett bolag
• Verksamhetschef: Lars Öhman
• Kontaktperson: Pia Ström, pia.strom@svoa.se, 08-522 120 00""",
        (
            "Renseriet",
            "Lars Öhman",
            "Pia Ström",
            "pia.strom@svoa.se",
            "08-522 120 00",
            "Stockholm Vatten och Avfall AB",
        ),
    ),
    (
        "numbered list with company label",
        """1. Enhet: Fastighetsförvaltning Söder
2. Avdelningschef: Nils Håkansson
3. Kontaktperson: Eva Lindström (eva.lindstrom@micasa.se, +46 8 508 360 00)
4. Bolag: Micasa Fastigheter i Stockholm AB""",
        (
            "Fastighetsförvaltning Söder",
            "Nils Håkansson",
            "Eva Lindström",
            "eva.lindstrom@micasa.se",
            "+46 8 508 360 00",
            "Micasa Fastigheter i Stockholm AB",
        ),
    ),
    (
        "value on the next line",
        """Verksamhet:
Förskolan Ekorren

Förskolechef:
Lena Nyström

Kontaktperson:
Sofia Järvinen
sofia.jarvinen@stockholm.se
08-508 234 56

Stadsdelsförvaltning:
Enskede-Årsta-Vantörs stadsdelsförvaltning""",
        (
            "Förskolan Ekorren",
            "Lena Nyström",
            "Sofia Järvinen",
            "sofia.jarvinen@stockholm.se",
            "08-508 234 56",
            "Enskede-Årsta-Vantörs stadsdelsförvaltning",
        ),
    ),
    (
        "private company as huvudman",
        """Förskolans namn: Förskolan Lärkan
Förskolerektor: Maria Håkansson
Kontaktperson: Jonas Ek, jonas.ek@pysslingen.se
Huvudman: Pysslingen Förskolor och Skolor AB""",
        (
            "Förskolan Lärkan",
            "Maria Håkansson",
            "Jonas Ek",
            "jonas.ek@pysslingen.se",
            None,
            "Pysslingen Förskolor och Skolor",
        ),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=name) for name, text, expected in LABEL_VARIANTS],
)
def test_label_variants_are_read(text: str, expected: tuple[str | None, ...]) -> None:
    fields = extract_signup(text)
    got = (
        fields.unit_name,
        fields.manager_name,
        fields.contact_name,
        fields.contact_email,
        fields.contact_phone,
        fields.organisation,
    )
    assert got == expected


def test_details_after_the_manager_line_belong_to_the_manager() -> None:
    text = """Verksamhet: Hammarbyhöjdens skola
Rektor: Anna Berg
E-post: anna.berg@edu.stockholm.se
Kontaktperson: Olle Ek
E-post: olle.ek@edu.stockholm.se
Telefon: 08-508 111 22
Förvaltning: Utbildningsförvaltningen"""
    fields = extract_signup(text)
    assert fields.contact_name == "Olle Ek"
    assert fields.contact_email == "olle.ek@edu.stockholm.se"


def test_greeting_opening_is_no_signature_and_combined_label_names_both_roles() -> None:
    text = """Hälsningar från oss alla på Trollskogen!
Verksamhet: Förskolan Trollskogen
Förvaltning: Skarpnäcks stadsdelsförvaltning
Kontaktperson och förskolechef: Karin Ek, karin.ek@stockholm.se"""
    fields = extract_signup(text)
    assert fields.unit_name == "Förskolan Trollskogen"
    assert (fields.manager_name, fields.contact_name) == ("Karin Ek", "Karin Ek")
    assert fields.contact_email == "karin.ek@stockholm.se"


def test_bold_labels_from_html_and_contact_details_label() -> None:
    text = """Hej, här är vår anmälan.\r
**Verksamhet:** Vinsta äldreboende\r
**Bolag:** Micasa Fastigheter i Stockholm AB\r
Kontaktuppgifter: Olle\xa0Ek, olle.ek@micasa.se, 08-508\xa0360 10\r
\r
Med vänliga hälsningar\r
Rektor Anna Berg"""
    fields = extract_signup(text)
    assert fields == SignupFields(
        unit_name="Vinsta äldreboende",
        manager_name="Anna Berg",
        contact_name="Olle Ek",
        contact_email="olle.ek@micasa.se",
        contact_phone="08-508 360 10",
        organisation="Micasa Fastigheter i Stockholm AB",
    )


def test_deputy_head_label_is_not_the_manager() -> None:
    text = """Verksamhet: Hammarbyhöjdens skola
Biträdande rektor: Olle Ek
Förvaltning: Utbildningsförvaltningen"""
    assert extract_signup(text).manager_name is None


# --- Contact is another role -------------------------------------------------------------


def test_contact_same_as_manager_takes_the_managers_name_and_details() -> None:
    text = """Verksamhet: Förskolan Trollskogen
Förskolechef: Karin Lindqvist, karin.lindqvist@stockholm.se, 08-508 222 33
Kontaktperson: samma som chef
Förvaltning: Skarpnäcks stadsdelsförvaltning"""
    fields = extract_signup(text, sender_email="someone.else@stockholm.se")
    assert fields.contact_name == "Karin Lindqvist"
    assert fields.contact_email == "karin.lindqvist@stockholm.se"
    assert fields.contact_phone == "08-508 222 33"
    assert not fields.contact_email_from_sender
    assert fields.missing() == []


def test_manager_line_saying_also_contact_makes_the_manager_contact() -> None:
    text = """Enhet: Hemtjänsten Kungsholmen
Enhetschef: Birgitta Sandström (även kontaktperson)
Telefon: 076-123 45 67
Förvaltning: Kungsholmens stadsdelsförvaltning"""
    fields = extract_signup(text)
    assert fields.contact_name == "Birgitta Sandström"
    assert fields.contact_phone == "076-123 45 67"


def test_contact_jag_is_the_signer_of_the_mail() -> None:
    text = """Verksamhet: Förskolan Humlan
Förskolechef: Karin Lindqvist
Kontaktperson: jag
Förvaltning: Bromma stadsdelsförvaltning

Hälsningar
Sara Björk
Pedagogisk utvecklare
sara.bjork@stockholm.se
070-987 65 43"""
    fields = extract_signup(text, sender_name="Sara Björk", sender_email="sara.bjork@stockholm.se")
    assert fields.contact_name == "Sara Björk"
    assert fields.contact_email == "sara.bjork@stockholm.se"
    assert fields.contact_phone == "070-987 65 43"
    assert not fields.contact_email_from_sender
    assert fields.manager_name == "Karin Lindqvist"


def test_contact_jag_without_signature_uses_the_senders_display_name() -> None:
    text = """Verksamhet: Förskolan Humlan
Förskolechef: Karin Lindqvist
Kontaktperson: jag
Förvaltning: Bromma stadsdelsförvaltning"""
    fields = extract_signup(text, sender_name="Sara Björk", sender_email="sara.bjork@stockholm.se")
    assert fields.contact_name == "Sara Björk"
    assert fields.contact_email == "sara.bjork@stockholm.se"
    assert fields.contact_email_from_sender


def test_sender_display_name_is_never_guessed_as_contact() -> None:
    text = """Verksamhet: Förskolan Humlan
Förskolechef: Karin Lindqvist
Förvaltning: Bromma stadsdelsförvaltning"""
    fields = extract_signup(text, sender_name="Sara Björk", sender_email="sara.bjork@stockholm.se")
    assert fields.contact_name is None
    assert fields.contact_email is None
    assert fields.missing() == ["contact_name", "contact_details"]


# --- Prose ---------------------------------------------------------------------------------

PROSE = """Hej!

Jag heter Anna Berg och är rektor på Bagarmossens skola i Skarpnäcks stadsdelsförvaltning.
Vi vill gärna anmäla oss till Kvalitetsutmärkelsen 2025. Kontaktperson är Olle Ek,
olle.ek@edu.stockholm.se, 08-508 123 45.

Vänliga hälsningar
Anna Berg
"""


def test_prose_sign_up_is_read() -> None:
    fields = extract_signup(
        PROSE, sender_name="Anna Berg", sender_email="anna.berg@edu.stockholm.se"
    )
    assert fields == SignupFields(
        unit_name="Bagarmossens skola",
        manager_name="Anna Berg",
        contact_name="Olle Ek",
        contact_email="olle.ek@edu.stockholm.se",
        contact_phone="08-508 123 45",
        organisation="Skarpnäcks stadsdelsförvaltning",
    )


def test_prose_with_third_person_manager_and_unit_before_verb() -> None:
    text = """Hej,
Vinsta äldreboende vill anmäla sig till årets Kvalitetsutmärkelse. Vi tillhör
Äldreförvaltningen. Vår enhetschef heter Märta Sjöberg. Göran Åkesson är vår
kontaktperson och nås på goran.akesson@stockholm.se eller 08-508 456 78.
"""
    fields = extract_signup(text)
    assert fields.unit_name == "Vinsta äldreboende"
    assert fields.organisation == "Äldreförvaltningen"
    assert fields.manager_name == "Märta Sjöberg"
    assert fields.contact_name == "Göran Åkesson"
    assert fields.contact_email == "goran.akesson@stockholm.se"
    assert fields.contact_phone == "08-508 456 78"


def test_prose_writer_who_is_manager_and_contact() -> None:
    text = """Hej!
Härmed anmäler vi Förskolan Gläntan till Kvalitetsutmärkelsen. Jag är förskolechef
och jag är också kontaktperson. Du når mig på 070-222 33 44.
Förskolan tillhör Spånga-Tensta stadsdelsförvaltning.

Mvh
Helena Åström"""
    fields = extract_signup(text, sender_email="helena.astrom@stockholm.se")
    assert fields.unit_name == "Förskolan Gläntan"
    assert fields.manager_name == "Helena Åström"
    assert fields.contact_name == "Helena Åström"
    assert fields.contact_phone == "070-222 33 44"
    assert fields.contact_email == "helena.astrom@stockholm.se"
    assert fields.contact_email_from_sender
    assert fields.organisation == "Spånga-Tensta stadsdelsförvaltning"


def test_prose_deputy_head_is_not_taken_as_manager() -> None:
    text = """Hej! Vi på Västertorps skola vill anmäla oss. Olle Ek är biträdande rektor
och kontaktperson, olle.ek@edu.stockholm.se. Rektor är Lisa Holm.
Vi tillhör Utbildningsförvaltningen."""
    fields = extract_signup(text)
    assert fields.unit_name == "Västertorps skola"
    assert fields.manager_name == "Lisa Holm"
    assert fields.contact_name == "Olle Ek"
    assert fields.contact_email == "olle.ek@edu.stockholm.se"


def test_prose_contact_is_the_writer_with_name_and_details() -> None:
    text = """Hej! Vi på Förskolan Ekorren i Hägersten-Älvsjö stadsdelsförvaltning vill anmäla oss.
Förskolechef är Lena Nilsson och kontaktperson är jag, Sara Holm, sara.holm@stockholm.se,
070-123 45 67. Tack!"""
    fields = extract_signup(text, sender_name="Sara Holm", sender_email="sara.holm@stockholm.se")
    assert fields == SignupFields(
        unit_name="Förskolan Ekorren",
        manager_name="Lena Nilsson",
        contact_name="Sara Holm",
        contact_email="sara.holm@stockholm.se",
        contact_phone="070-123 45 67",
        organisation="Hägersten-Älvsjö stadsdelsförvaltning",
    )


# --- Signature only ------------------------------------------------------------------------

SIGNATURE_ONLY = """Hej!

Vi vill anmäla oss till Kvalitetsutmärkelsen 2025.

Med vänliga hälsningar

Karin Lindqvist
Förskolechef, Förskolan Solstrålen
Norrmalms stadsdelsförvaltning
Stockholms stad
Telefon: 08-508 098 76
karin.lindqvist@stockholm.se
"""


def test_signature_only_sign_up_names_the_signer_as_manager_and_contact() -> None:
    fields = extract_signup(SIGNATURE_ONLY, sender_email="karin.lindqvist@stockholm.se")
    assert fields == SignupFields(
        unit_name="Förskolan Solstrålen",
        manager_name="Karin Lindqvist",
        contact_name="Karin Lindqvist",
        contact_email="karin.lindqvist@stockholm.se",
        contact_phone="08-508 098 76",
        organisation="Norrmalms stadsdelsförvaltning",
    )


def test_signature_without_closing_phrase_is_found() -> None:
    text = """Hej, vi vill vara med i Kvalitetsutmärkelsen i år och anmäler oss härmed.

Per Lundgren
Enhetschef
Gruppbostaden Tallen
Socialförvaltningen
Mobil: 070-555 66 77"""
    fields = extract_signup(text, sender_email="per.lundgren@stockholm.se")
    assert fields.unit_name == "Gruppbostaden Tallen"
    assert fields.manager_name == "Per Lundgren"
    assert fields.organisation == "Socialförvaltningen"
    assert fields.contact_phone == "070-555 66 77"
    assert fields.contact_email == "per.lundgren@stockholm.se"
    assert fields.contact_email_from_sender


def test_outlook_signature_with_bars_address_and_mailto() -> None:
    text = """Hej!

Bagarmossens skola anmäler sig härmed till Kvalitetsutmärkelsen 2025.

Med vänlig hälsning

Anna Berg | Rektor
Bagarmossens skola | Skarpnäcks stadsdelsförvaltning
Stockholms stad
Besöksadress: Lagavägen 3, 128 41 Bagarmossen
Telefon: 08-508 123 45 Mobil: 070-111 22 33
anna.berg@edu.stockholm.se<mailto:anna.berg@edu.stockholm.se>
"""
    fields = extract_signup(text, sender_email="anna.berg@edu.stockholm.se")
    assert fields == SignupFields(
        unit_name="Bagarmossens skola",
        manager_name="Anna Berg",
        contact_name="Anna Berg",
        contact_email="anna.berg@edu.stockholm.se",
        contact_phone="08-508 123 45",
        organisation="Skarpnäcks stadsdelsförvaltning",
    )


def test_first_name_signature_uses_the_senders_full_name() -> None:
    text = """Verksamhet: Förskolan Trollskogen
Förvaltning: Skarpnäcks stadsdelsförvaltning
Rektor: Olle Ek

Hälsningar
Olle"""
    fields = extract_signup(text, sender_name="Olle Ek", sender_email="olle.ek@stockholm.se")
    assert fields.contact_name == "Olle Ek"
    assert fields.contact_email_from_sender


def test_a_writer_who_only_signs_for_the_manager_is_not_the_contact() -> None:
    text = """Verksamhet: Förskolan Trollskogen
Förvaltning: Skarpnäcks stadsdelsförvaltning
Chef: Anna Berg

Hälsningar
Olle"""
    fields = extract_signup(text, sender_name="Olle Ek", sender_email="olle.ek@stockholm.se")
    assert fields.contact_name is None
    assert fields.contact_email is None
    assert "contact_name" in fields.missing()


def test_first_name_signature_of_someone_else_is_not_used() -> None:
    text = "Verksamhet: Förskolan Trollskogen\n\nHälsningar\nOlle"
    fields = extract_signup(text, sender_name="Anna Berg", sender_email="anna.berg@stockholm.se")
    assert fields.contact_name is None


# --- Mixed and quoted ----------------------------------------------------------------------


def test_mixed_labels_prose_and_signature() -> None:
    text = """Hej Kvalitetsenheten!

Jag heter Mohammed Al-Hassan och är verksamhetschef. Vi anmäler härmed
Rinkeby-Kista daglig verksamhet till Kvalitetsutmärkelsen.

Förvaltning: Rinkeby-Kista stadsdelsförvaltning
Kontaktperson: Fatima Yilmaz, 08-508 012 34

Hälsningar
Mohammed Al-Hassan
mohammed.al-hassan@stockholm.se"""
    fields = extract_signup(text, sender_email="mohammed.al-hassan@stockholm.se")
    assert fields.unit_name == "Rinkeby-Kista daglig verksamhet"
    assert fields.manager_name == "Mohammed Al-Hassan"
    assert fields.organisation == "Rinkeby-Kista stadsdelsförvaltning"
    assert fields.contact_name == "Fatima Yilmaz"
    assert fields.contact_phone == "08-508 012 34"
    # The sender is not the contact, so the From address is not the contact's (issue 17).
    assert fields.contact_email is None
    assert not fields.contact_email_from_sender


QUOTED_REPLY = """Hej igen! Förvaltningen är Farsta stadsdelsförvaltning.

Mvh Eva

-----Ursprungligt meddelande-----
Från: Kvalitetsutmärkelsen <kvalitetsutmarkelsen@stockholm.se>
Skickat: den 4 mars 2025 10:12
Till: Eva Lindström <eva.lindstrom@stockholm.se>
Ämne: Komplettera er anmälan KU-2025-014

Verksamhet: Förskolan Rosen
Förvaltning: (saknas)
Utbildningsförvaltningen
"""


def test_quoted_original_is_ignored() -> None:
    fields = extract_signup(
        QUOTED_REPLY, sender_name="Eva Lindström", sender_email="eva.lindstrom@stockholm.se"
    )
    assert fields.organisation == "Farsta stadsdelsförvaltning"
    assert fields.unit_name is None
    # Eva only signs; she neither offers herself nor is the manager, so no contact is read.
    assert fields.contact_name is None


@pytest.mark.parametrize(
    "quote",
    [
        "> Verksamhet: Förskolan Rosen\n> Chef: Anna Berg",
        "Den tis 4 mars 2025 kl 10:12 skrev Kvalitetsutmärkelsen <\n"
        "kvalitetsutmarkelsen@stockholm.se>:\n\nVerksamhet: Förskolan Rosen",
        "2025-03-04 10:12 skrev Anna Berg <anna.berg@stockholm.se>:\nVerksamhet: Förskolan Rosen",
        "On Tue, 4 Mar 2025 at 10:12, Kvalitetsutmärkelsen <ku@stockholm.se> wrote:\n"
        "Verksamhet: Förskolan Rosen",
        "________________________________\nFrån: Anna Berg <anna.berg@stockholm.se>\n"
        "Skickat: tisdag 4 mars 2025 10:12\nVerksamhet: Förskolan Rosen",
    ],
    ids=["angle-brackets", "gmail-swedish", "thunderbird", "gmail-english", "outlook"],
)
def test_strip_quoted_removes_every_reply_style(quote: str) -> None:
    text = "Rektor: Lisa Holm\n\n" + quote
    assert strip_quoted(text) == "Rektor: Lisa Holm"


@pytest.mark.parametrize(
    "text",
    ["Som vår rektor skrev i förra veckan:\nVi vill delta.", "Den 12 mars skrev vi:\nVi deltar."],
)
def test_strip_quoted_keeps_prose_that_mentions_skrev(text: str) -> None:
    assert strip_quoted(text) == text


# --- Missing fields ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        (
            "Vi vill anmäla oss till Kvalitetsutmärkelsen!",
            ["unit_name", "manager_name", "contact_name", "contact_details", "organisation"],
        ),
        (
            "Verksamhet: Förskolan Trollskogen\nChef: Anna Berg",
            ["contact_name", "contact_details", "organisation"],
        ),
        (
            "Verksamhet: Förskolan Trollskogen\nChef: Anna Berg\nKontaktperson: Olle Ek\n"
            "Förvaltning: Skarpnäcks stadsdelsförvaltning",
            ["contact_details"],
        ),
        (
            "Verksamhet: Förskolan Trollskogen\nKontaktperson: Olle Ek, 08-508 123 45\n"
            "Förvaltning: Skarpnäcks stadsdelsförvaltning",
            ["manager_name"],
        ),
        (
            "Chef: Anna Berg\nKontaktperson: Olle Ek, olle.ek@stockholm.se\n"
            "Bolag: Stockholm Vatten och Avfall AB",
            ["unit_name"],
        ),
    ],
    ids=["nothing", "no-contact-no-org", "contact-without-details", "no-manager", "no-unit"],
)
def test_missing_lists_exactly_the_absent_items(text: str, missing: list[str]) -> None:
    assert extract_signup(text).missing() == missing


def test_contact_name_without_email_falls_back_to_sender() -> None:
    text = """Verksamhet: Förskolan Trollskogen
Chef: Anna Berg
Kontaktperson: Olle Ek
Förvaltning: Skarpnäcks stadsdelsförvaltning"""
    fields = extract_signup(text, sender_name="Olle Ek", sender_email="olle.ek@stockholm.se")
    assert fields.contact_email == "olle.ek@stockholm.se"
    assert fields.contact_email_from_sender
    assert fields.missing() == []


def test_merged_fills_gaps_from_a_reply() -> None:
    first = extract_signup("Verksamhet: Förskolan Rosen\nChef: Anna Berg")
    reply = extract_signup(
        "Kontaktperson: Olle Ek, olle.ek@stockholm.se\nFörvaltning: Farsta stadsdelsförvaltning"
    )
    merged = first.merged(reply)
    assert merged.unit_name == "Förskolan Rosen"
    assert merged.manager_name == "Anna Berg"
    assert merged.contact_email == "olle.ek@stockholm.se"
    assert merged.missing() == []


def test_merged_newer_explicit_email_clears_sender_fallback() -> None:
    old = SignupFields(contact_email="a@stockholm.se", contact_email_from_sender=True)
    new = SignupFields(contact_email="b@stockholm.se", award_years=(2019,))
    merged = old.merged(new)
    assert merged.contact_email == "b@stockholm.se"
    assert not merged.contact_email_from_sender
    assert merged.award_years == (2019,)


# --- Employees and earlier awards ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "employees"),
    [
        ("Vi är 4 anställda inklusive chef.", 4),
        ("Antal medarbetare: 12", 12),
        ("Verksamheten har fyra medarbetare och en chef.", 4),
        ("Antal anställda i maj\t37", 37),
        ("Vi har 60 barn på förskolan.", None),
    ],
)
def test_number_of_employees(text: str, employees: int | None) -> None:
    assert extract_signup(text).employees == employees


@pytest.mark.parametrize(
    ("text", "awards", "mentions"),
    [
        ("Vi fick Kvalitetsutmärkelsen 2023.", (2023,), ()),
        ("Förskolan vann Kvalitetsutmärkelsen 2019 och 2022.", (2019, 2022), ()),
        ("Vi fick ett hedersomnämnande 2023.", (), (2023,)),
        ("Vi fick hedersomnämnande i Kvalitetsutmärkelsen 2022.", (), (2022,)),
        ("Vi fick hedersomnämnande 2021 och Kvalitetsutmärkelsen 2023.", (2023,), (2021,)),
        ("Vi deltog 2022 och fick ett hedersomnämnande.", (), (2022,)),
        ("Vi vill anmäla oss till Kvalitetsutmärkelsen 2025 och fick mycket hjälp.", (), ()),
        ("Vi deltog 2021 men fick inte utmärkelsen.", (), ()),
        ("Vi fick information om Kvalitetsutmärkelsen 2025 på mötet.", (), ()),
        ("Vi fick en utmärkelse av Arbetsmiljöverket 2023.", (), ()),
        ("Förskolan har tidigare vunnit Kvalitetsutmärkelsen (2020).", (2020,), ()),
        (
            "Tidigare utmärkelser: Kvalitetsutmärkelsen 2018, hedersomnämnande 2022",
            (2018,),
            (2022,),
        ),
    ],
)
def test_award_and_honourable_mention_years(
    text: str, awards: tuple[int, ...], mentions: tuple[int, ...]
) -> None:
    fields = extract_signup(text)
    assert (fields.award_years, fields.honourable_mention_years) == (awards, mentions)


# --- Withdrawals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hej, vi drar tillbaka vår anmälan till Kvalitetsutmärkelsen.",
        "Vi återkallar härmed vår anmälan.",
        "Tyvärr kommer vi inte att delta i år på grund av personalbrist.",
        "Vi har diskuterat i ledningsgruppen och vi avstår i år.",
        "Vi hoppar av, det blev för mycket.",
        "Vi avanmäler oss från Kvalitetsutmärkelsen 2025.",
        "Vi vill ta tillbaka anmälan för Förskolan Trollskogen.",
        "Stryk vår anmälan, tack.",
        "Vi kan tyvärr inte delta.",
        "Vi har beslutat att inte delta i år.",
        "Vi väljer att avstå från att delta.",
        "Återkallande av anmälan",
        "Vi kan inte delta i Kvalitetsutmärkelsen i år.",
        "Tyvärr kan vi inte delta i kvalitetspriset detta år.",
        "Vi kommer inte att kunna delta på grund av sjukskrivningar.",
    ],
)
def test_withdrawal_phrases_are_recognised(text: str) -> None:
    assert is_withdrawal(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vi kommer att delta och ser fram emot skrivarstugan!",
        "Vi kan tyvärr inte delta på informationsmötet den 14 februari.",
        "Vi drar tillbaka förra mejlet, det hade fel bilaga.",
        "Vi kommer inte att dra tillbaka vår anmälan.",
        "Hur drar man tillbaka en anmälan?",
        "Vi avstår från att skicka med bilder.",
        "Vi kommer inte att delta på skrivarstugan.",
        "Vi kan tyvärr inte delta på kvalitetsdagen i april.",
        "Vi kan inte delta i webbinariet om bedömningen.",
        "Vi kommer inte att delta på frukostseminariet den 3 mars.",
        "Vi vet inte om vi hoppar av.",
        "Vi deltar gärna.\n\n> Vi drar tillbaka vår anmälan",
    ],
)
def test_non_withdrawals_are_not_taken_for_withdrawals(text: str) -> None:
    assert not is_withdrawal(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ÅNGRA", True),
        ("ångra", True),
        ("Vi ångrar oss, vi vill delta ändå!", True),
        ("Vi deltar ändå.", True),
        ("Vi ångrar inte beslutet.", False),
        ("Tack för bekräftelsen.\n\n> Svara ÅNGRA om ni vill delta ändå.", False),
    ],
)
def test_undo_withdrawal(text: str, expected: bool) -> None:
    assert is_undo_withdrawal(text) is expected


# --- Is it a sign-up at all? ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Anmälan till Kvalitetsutmärkelsen 2025", "Se nedan.\nVerksamhet: Förskolan Rosen"),
        ("Anmälan", "Hej! Här kommer uppgifterna.\n\nMvh Anna Berg"),
        ("Hej", "Vi vill anmäla oss till Kvalitetsutmärkelsen."),
        ("Kvalitetsutmärkelsen", "Härmed anmäler vi Bagarmossens skola."),
        ("Hej", "Vi på Förskolan Solstrålen vill gärna vara med i Kvalitetsutmärkelsen i år!"),
        ("", "Verksamhet: Förskolan Rosen\nChef: Anna Berg"),
        ("SV: Anmälan Förskolan Trollskogen", "Förvaltningen är Farsta stadsdelsförvaltning."),
        ("Kvalitetsutmärkelsen", "Hej! Öppna förskolan Kotten vill gärna vara med.\n\nMvh Eva"),
        ("Utmärkelsen", "Boendestödet i Tensta vill delta i år. Chef är Rami Aziz."),
        (
            "Fråga",
            "Vi undrar om vi som kooperativ får vara med – i så fall anmäler vi gärna "
            "Förskolan Myran till Kvalitetsutmärkelsen!",
        ),
        ("Team Vasastan", "Hej!\nTeam Vasastan i Norrmalm vill vara med! Chefen vet om det."),
        ("Anmälan hemtjänst", "Hemtjänst Fruängen, Hägersten-Älvsjö sdf, vill gärna vara med."),
    ],
)
def test_sign_up_mails_are_recognised(subject: str, text: str) -> None:
    assert looks_like_signup(subject, text)


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Fråga", "Hur anmäler man sig?"),
        ("Anmälan", "Hej! Hur anmäler man sig till Kvalitetsutmärkelsen?"),
        ("Fråga om anmälan", "Jag undrar om vi kan anmäla oss fast vi bara är fyra anställda."),
        ("Kvalitetsutmärkelsen", "När är sista dagen för anmälan?"),
        ("Fråga", "Hur kan vi delta i Kvalitetsutmärkelsen?"),
        ("Kvalitetsutmärkelsen", "Vi kan tyvärr inte delta i Kvalitetsutmärkelsen i år."),
        ("Anmälan", "Vi drar tillbaka vår anmälan."),
        ("Skrivarstuga", "Vi anmälde oss förra veckan. När är skrivarstugan?"),
        ("Re: Mottagen anmälan", "Tack för bekräftelsen av vår anmälan!"),
        ("Bidrag", "Med vänliga hälsningar\nAnna Berg\nTel: 08-508 123 45\nanna.berg@stockholm.se"),
        ("Kvalitetsutmärkelsen", "Vi vill gärna vara med, men vi måste först prata med chefen."),
        ("Hej", "Vi vill delta i år. Vi återkommer med den riktiga anmälan efter APT."),
        ("Fråga", "Kan en enhet med två team anmälas? Vi väntar med anmälan tills vi vet."),
        ("Fråga", "Vi har ramavtal med staden. Tacksam för svar innan vi anmäler oss."),
        ("Nyhetsbrev", "* Kvalitetsutmärkelsen 2027 – anmälan öppen till 22 mars\n* Nytt stöd"),
        ("Info", "Observera att anmälan till Bokveckan inte är anmälan till Kvalitetsutmärkelsen."),
        ("Utmärkelsen", "Alla enheter som vill vara med i år anmäler sig senast 22 mars."),
        ("Informationsmöte", "Vi vill delta på informationsmötet om utmärkelsen den 3 mars."),
        ("Kvalitetsutmärkelsen", "Vi vill gärna vara med nästa år, när vi har flyttat."),
        ("Fråga", "Kan en parklek vara med? Vi vill vara med men undrar om vi är för små."),
    ],
)
def test_questions_and_other_mails_are_not_sign_ups(subject: str, text: str) -> None:
    assert not looks_like_signup(subject, text)


FORWARD_WITH_NOTE = """\
Hej,

Se nedan – vi vill anmäla Vårbergsbadet. Jonas blir kontaktperson.

/Maria

Från: Jonas Ek <jonas.ek@stockholm.se>
Skickat: den 3 mars 2027 09:12
Till: Maria Berg <maria.berg@stockholm.se>
Ämne: SV: Utmärkelsen

Hej Maria,

Absolut, jag tar gärna kontakten. Nå mig på 08-508 111 22.

Jonas Ek
"""


TWICE_FORWARDED = """\
Hej,

Se nedan, från hemtjänsten. Jag skickar bara vidare.

Mvh
Lisa Holm
Registrator

________________________________
Från: Ek Anders <anders.ek@stockholm.se>
Skickat: den 2 mars 2027 15:10
Till: Holm Lisa <lisa.holm@stockholm.se>
Ämne: VB: utmärkelsen

Lisa, kan du skicka in vår anmälan av Team Tranan? Kontaktperson blir Nora, se nedan.

Anders Ek
Enhetschef, hemtjänsten
Farsta sdf

________________________________
Från: Berg Nora <nora.berg@stockholm.se>
Skickat: den 1 mars 2027 08:30
Till: Ek Anders <anders.ek@stockholm.se>
Ämne: utmärkelsen

Hej Anders! Jag är gärna kontaktperson för Team Tranan. Mitt nummer är 070-111 22 33.
/Nora Berg
"""


def test_each_forwarders_note_is_read_as_its_writers_own() -> None:
    subject = "VB: VB: utmärkelsen"
    fields = extract_mail(
        subject, TWICE_FORWARDED, sender_name="Holm Lisa", sender_email="lisa.holm@stockholm.se"
    )
    assert fields.manager_name == "Anders Ek"  # the unit's manager, not the registrar
    assert fields.organisation == "Farsta stadsdelsförvaltning"


FORWARD_OF_QUOTED_TEXT = """\
Hej,
Skickar vidare från vår chef.
/Ulla

Ulla Berg
Nämndsekreterare, Kansliavdelningen
Bromma stadsdelsförvaltning

Från: Omar Said <omar.said@stockholm.se>
Skickat: den 4 mars 2027 08:30
Till: Ulla Berg <ulla.berg@stockholm.se>
Ämne: Utmärkelsen

Ulla, kan du skicka in det här åt mig?
"Mottagningsenheten vuxna vill anmäla sig till Kvalitetsutmärkelsen 2027. Enhetschef och \
kontaktperson är Omar Said, tel 08-508 06 100."
Tack!
Omar
"""


def test_a_forwarded_quoted_signup_is_the_unit_not_the_forwarders_department() -> None:
    fields = extract_mail(
        "VB: Utmärkelsen",
        FORWARD_OF_QUOTED_TEXT,
        sender_name="Ulla Berg",
        sender_email="ulla.berg@stockholm.se",
    )
    assert fields.unit_name == "Mottagningsenheten vuxna"
    assert (fields.manager_name, fields.contact_name) == ("Omar Said", "Omar Said")
    assert fields.organisation == "Bromma stadsdelsförvaltning"


FORWARD_NAMING_THE_INNER_WRITER = """\
Hej,

Se nedan – vi anmäler Vällingbybadet. Jag har bett Ann-Sofie att vara kontaktperson.

/Mats

Mats Holm
Badchef Vällingbybadet
Idrottsförvaltningen

Från: Ann-Sofie von Platen <ann-sofie.vonplaten@stockholm.se>
Skickat: den 2 mars 2027 13:05
Till: Holm Mats <mats.holm@stockholm.se>
Ämne: SV: Utmärkelsen

Hej Mats, visst, det gör jag gärna. Mitt direktnummer är 08-508 477 12.

Ann-Sofie von Platen
Driftledare
"""

RESENT_SIGNUP = """\
Hej,

Jag skickade detta till fel adress, så jag skickar vidare.

/Nadia

-----Ursprungligt meddelande-----
Från: Nadia Karimi <nadia.karimi@edu.stockholm.se>
Skickat: den 1 mars 2027 10:00
Till: kvalitet@stockholm.se
Ämne: Anmälan

Hej!

Västertorps skola vill anmäla sig till Kvalitetsutmärkelsen 2027. Rektor är Per Ek. Jag är \
kontaktperson, 08-508 222 33.

Nadia Karimi
Utbildningsförvaltningen

-----Ursprungligt meddelande-----
Från: Ek Per <per.ek@edu.stockholm.se>
Skickat: den 28 februari 2027 16:00
Till: Nadia Karimi <nadia.karimi@edu.stockholm.se>
Ämne: SV: utmärkelsen

Gör det! Du får gärna vara kontakt.
/Per
"""


def test_a_note_that_names_the_forwarded_writer_as_contact_gives_their_details() -> None:
    fields = extract_mail(
        "VB: SV: Utmärkelsen",
        FORWARD_NAMING_THE_INNER_WRITER,
        sender_name="Holm Mats",
        sender_email="mats.holm@stockholm.se",
    )
    assert (fields.manager_name, fields.contact_name) == ("Mats Holm", "Ann-Sofie von Platen")
    assert (fields.contact_email, fields.contact_phone) == (
        "ann-sofie.vonplaten@stockholm.se",
        "08-508 477 12",
    )


def test_a_forwarder_who_offers_themselves_in_their_own_words_is_the_contact() -> None:
    fields = extract_mail(
        "VB: Anmälan",
        RESENT_SIGNUP,
        sender_name="Nadia Karimi",
        sender_email="nadia.karimi@edu.stockholm.se",
    )
    assert (fields.unit_name, fields.manager_name) == ("Västertorps skola", "Per Ek")
    assert (fields.contact_name, fields.contact_email, fields.contact_phone) == (
        "Nadia Karimi",
        "nadia.karimi@edu.stockholm.se",
        "08-508 222 33",
    )


def test_a_forwarders_own_words_can_sign_the_forwarded_unit_up() -> None:
    subject = "VB: SV: Utmärkelsen"
    assert looks_like_signup(subject, signup_text(subject, FORWARD_WITH_NOTE))


ASKED_COLLEAGUE = """\
Hej,

Vi vill gärna anmäla Vårbergs bibliotek. Jag har bett Ann-Sofi att vara kontaktperson,
hon svarade nedan.

/Björn

Björn Ek
Enhetschef Vårbergs bibliotek
Kulturförvaltningen

Från: Ann-Sofi von Post <ann-sofi.von.post@stockholm.se>
Skickat: den 3 mars 2027 09:12
Till: Ek Björn <bjorn.ek@stockholm.se>
Ämne: SV: utmärkelsen

Hej Björn! Visst, jag tar kontakten. Mitt mobilnummer är 070-444 55 66.

Ann-Sofi von Post
Bibliotekarie
"""


@pytest.mark.parametrize("subject", ["VB: SV: utmärkelsen", "Anmälan Vårbergs bibliotek"])
def test_a_colleague_asked_by_first_name_is_named_in_full_by_her_quoted_answer(
    subject: str,
) -> None:
    fields = extract_mail(
        subject, ASKED_COLLEAGUE, sender_name="Ek Björn", sender_email="bjorn.ek@stockholm.se"
    )
    assert (fields.manager_name, fields.contact_name) == ("Björn Ek", "Ann-Sofi von Post")
    assert (fields.contact_email, fields.contact_phone) == (
        "ann-sofi.von.post@stockholm.se",
        "070-444 55 66",
    )


def test_a_contact_named_in_full_takes_the_details_of_her_quoted_answer() -> None:
    text = ASKED_COLLEAGUE.replace(
        "Jag har bett Ann-Sofi att vara kontaktperson,", "Kontaktperson blir Ann-Sofi von Post,"
    )
    assert "Kontaktperson blir Ann-Sofi von Post" in text
    fields = extract_mail(
        "SV: utmärkelsen", text, sender_name="Ek Björn", sender_email="bjorn.ek@stockholm.se"
    )
    assert fields.contact_name == "Ann-Sofi von Post"
    assert (fields.contact_email, fields.contact_phone) == (
        "ann-sofi.von.post@stockholm.se",
        "070-444 55 66",
    )


RESENT_OWN_MAIL = """\
Hej, jag skickade detta till fel adress först. Se nedan.

/Tove

-----Ursprungligt meddelande-----
Från: Tove Lindahl <tove.lindahl@edu.stockholm.se>
Skickat: den 2 mars 2027 14:10
Till: kvalitet@stockholm.se
Ämne: Anmälan

Hej! Skärholmens gymnasium vill anmäla sig till Kvalitetsutmärkelsen. Rektor är Nils Ahl.
Jag är kontaktperson, 08-508 33 100.

Tove Lindahl
Utvecklingsledare
Utbildningsförvaltningen

-----Ursprungligt meddelande-----
Från: Ahl Nils <nils.ahl@edu.stockholm.se>
Skickat: den 1 mars 2027 16:00
Till: Tove Lindahl <tove.lindahl@edu.stockholm.se>
Ämne: SV: utmärkelsen

Ja, gör det! Du får vara kontakt.
/Nils
"""


def test_a_writer_who_sends_on_her_own_earlier_sign_up_is_its_contact() -> None:
    fields = extract_mail(
        "VB: Anmälan",
        RESENT_OWN_MAIL,
        sender_name="Tove Lindahl",
        sender_email="tove.lindahl@edu.stockholm.se",
    )
    assert (fields.manager_name, fields.contact_name) == ("Nils Ahl", "Tove Lindahl")
    assert (fields.contact_email, fields.contact_phone) == (
        "tove.lindahl@edu.stockholm.se",
        "08-508 33 100",
    )


# --- Unit names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Förskolan Trollskogen", "förskolan trollskogen"),
        ("Förskolan Trollskogen", "Trollskogens förskola"),
        ("Förskolan Solstrålen", "Forskolan Solstralen"),
        ("Förskolan Trollskogen", "Förskolan Trolskogen"),
        ("Bagarmossens skola", "Bagarmossen skola."),
        ("Skarpnäcks stadsdelsförvaltning", "Skarpnäck stadsdelsförvaltning"),
        ("Stockholm Vatten och Avfall AB", "Stockholm Vatten & Avfall AB"),
    ],
)
def test_similar_names_allow_small_differences(a: str, b: str) -> None:
    assert similar_names(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Förskolan Trollskogen", "Förskolan Trollstigen"),
        ("Bagarmossens skola", "Bagarmossens förskola"),
        ("Skarpnäcks stadsdelsförvaltning", "Farsta stadsdelsförvaltning"),
        ("Förskolan Rosen", ""),
    ],
)
def test_similar_names_keep_different_units_apart(a: str, b: str) -> None:
    assert not similar_names(a, b)


# --- Robustness ----------------------------------------------------------------------------


def _cpu_seconds_to_read(text: str) -> float:
    started = time.thread_time()
    extract_signup(text, sender_name="Anna Berg", sender_email="anna.berg@stockholm.se")
    looks_like_signup("Anmälan", text)
    return time.thread_time() - started


@pytest.mark.parametrize(
    ("piece", "count"),
    [("Förskolan Trollskogen Bagarmossen Skarpnäck Och ", 5000), ("Anna Berg, ", 20000)],
    ids=["capitalised-words", "names"],
)
def test_long_untrusted_text_is_handled_in_linear_time(piece: str, count: int) -> None:
    # Four times the text may cost about four times the CPU, never the sixteen times of a
    # quadratic reader. A ratio of this thread's CPU time, so neither the machine's speed
    # nor other processes decide it; the better of two tries absorbs a stray hiccup.
    quarter = min(_cpu_seconds_to_read(piece * (count // 4)) for _ in range(2))
    whole = min(_cpu_seconds_to_read(piece * count) for _ in range(2))
    assert whole < 9 * quarter


# --- Units, people and details as Swedish units write them (issue 17) ----------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Hej!\nNätdrift på Stokab vill vara med i Kvalitetsutmärkelsen i år.", "Nätdrift"),
        (
            "Hej!\nIdrottsförvaltningen anmäler Farsta sim- och idrottshall.",
            "Farsta sim- och idrottshall",
        ),
        (
            "Enheten för ekonomiskt bistånd Skärholmen anmäler sig till Kvalitetsutmärkelsen.",
            "Enheten för ekonomiskt bistånd Skärholmen",
        ),
        ("Lantmäterimyndigheten (Stadsbyggnadskontoret) vill delta i år.", "Lantmäterimyndigheten"),
        ("Unga Klara, barn- och ungdomsteatern, vill anmäla sig.", "Unga Klara"),
        ("Hej! Parkleken Sätra vill gärna vara med i Kvalitetsutmärkelsen.", "Parkleken Sätra"),
        (
            "Vi på Boendestödet i Farsta vill anmäla oss till Kvalitetsutmärkelsen.",
            "Boendestödet i Farsta",
        ),
        (
            "Härmed anmäler vi Daglig verksamhet Sörgården till årets utmärkelse.",
            "Daglig verksamhet Sörgården",
        ),
        ("Vi på Hemtjänst Gamla stan vill anmäla oss.", "Hemtjänst Gamla stan"),
        ("Förskolan Vitsippan i Kärrtorp anmäler sig.", "Förskolan Vitsippan"),
        (
            "Öppna förskolan i Husby anmäler sig till Kvalitetsutmärkelsen!",
            "Öppna förskolan i Husby",
        ),
        (
            "Stockholm Parkering vill anmäla sin avdelning Kundservice & Tillstånd.",
            "Kundservice & Tillstånd",
        ),
        ("Vi på Kundservice på Bostadsförmedlingen vill anmäla oss.", "Kundservice"),
        (
            "Anmälan till Kvalitetsutmärkelsen från Park- och naturenheten.",
            "Park- och naturenheten",
        ),
        (
            "Attendo Fruängen, vårt vård- och omsorgsboende i Hägersten, vill anmäla sig.",
            "Attendo Fruängen",
        ),
        (
            "Invest Stockholm, part of Stockholm Business Region, would like to take part.",
            "Invest Stockholm",
        ),
        ("Hej, Växelservice på Stockholm Parkering anmäler sig härmed.", "Växelservice"),
        ("Vi på Fiberdrift hos Stokab vill gärna delta i år.", "Fiberdrift"),
        (
            "Micasas förvaltningsområde Väst vill anmäla sig till utmärkelsen.",
            "Förvaltningsområde Väst",
        ),
        (
            "Vi på Stadsbyggnadskontorets enhet Digitala tjänster vill anmäla oss.",
            "Digitala tjänster",
        ),
        ("Kulturförvaltningens enhet för evenemang anmäler sig i år.", "Enheten för evenemang"),
        ("Avdelningen Kundtjänst på Stockholmshem anmäler sig härmed.", "Kundtjänst"),
        (
            "Reningsverksavdelningens driftgrupp Syd på Stockholm Vatten och Avfall anmäler sig.",
            "Driftgrupp Syd",
        ),
        (
            "Bygglovsavdelningens registratur på Stadsbyggnadskontoret anmäler sig härmed.",
            "Bygglovsavdelningens registratur",
        ),
        ("hej vill anmäla rinkeby hemtjänst till utmärkelsen, jag är chef", "Rinkeby hemtjänst"),
        (
            "I would like to register Skärholmen Library (Skärholmens bibliotek) for the award.",
            "Skärholmens bibliotek",
        ),
        (
            "We would like to register our team, the Digital Service Centre at Micasa, this year.",
            "Digital Service Centre",
        ),
        (
            "Vi vill anmäla Träffpunkt Hässelby gård till årets utmärkelse.",
            "Träffpunkt Hässelby gård",
        ),
        ("Vi vill vara med i år. Det gäller Myrstacken, en av våra förskolor.", "Myrstacken"),
        (
            "Omsorgsbolaget AB vill anmäla enheten Lindens hemtjänst Spånga till utmärkelsen.",
            "Lindens hemtjänst Spånga",
        ),
        (
            '"Enheten för försörjningsstöd, Farsta, vill anmäla sig."',
            "Enheten för försörjningsstöd",
        ),
        (
            "Stadsmissionen Stockholm, område Norrort, vill anmäla sig till utmärkelsen.",
            "Stadsmissionen Stockholm, område Norrort",
        ),
        ("Vi på S:t Görans förskola vill anmäla oss till utmärkelsen.", "S:t Görans förskola"),
        ("Musik för unga på Kulturhuset vill anmäla sig i år.", "Musik för unga"),
        (
            "Vi är Förskolan Kotten i Vällingby. Vi vill gärna delta!\nHälsningar från alla på Kotten",
            "Förskolan Kotten",
        ),
        (
            "Hej, anmäler gruppbostaden Sveavägen 12 (LSS) till kvalitetsutmärkelsen.",
            "Gruppbostaden Sveavägen 12",
        ),
        (
            "Vi vill anmäla enheten för bygglovsrådgivning till Kvalitetsutmärkelsen.",
            "Enheten för bygglovsrådgivning",
        ),
        (
            "Anmälan från oss på parkenheten vid Norra begravningsplatsen.",
            "Parkenheten vid Norra begravningsplatsen",
        ),
        (
            "hej! vi på familjebostäders områdeskontor i kista vill vara med.",
            "Områdeskontor i kista",
        ),
        (
            "Hej! Vi vill anmäla vår förvaltningsenhet Norr. Chef är Bo Ek.",
            "Förvaltningsenhet Norr",
        ),
        (
            "Vi på hemtjänsten i Farsta, närmare bestämt Hemtjänst Sköndal, vill anmäla oss.",
            "Hemtjänst Sköndal",
        ),
        (
            "Förskoleenheten Ugglan anmäler sig. Vi anmäler hela enheten gemensamt eftersom vi "
            "har en plan.",
            "Förskoleenheten Ugglan",
        ),
    ],
)
def test_a_unit_is_named_by_the_sentence_that_signs_it_up(text: str, unit: str) -> None:
    assert extract_signup(text, sender_name="Eva Lind").unit_name == unit


@pytest.mark.parametrize(
    "text",
    [
        "En ändring i vår anmälan: Lisa slutar hos oss, ny kontaktperson är Bo Ek, 070-111 22 33.",
        "En uppdatering till min anmälan: Karl Berg går i pension och Eva Holm är ny rektor.",
    ],
)
def test_a_change_to_our_sign_up_names_people_not_a_unit(text: str) -> None:
    assert extract_signup(text, sender_name="Eva Lind").unit_name is None


def test_a_unit_named_only_in_the_subject_needs_no_type_word() -> None:
    text = "Hej,\nVi vill anmäla oss till årets Kvalitetsutmärkelse.\nChef: Lars Holm\n/Eva Nord"
    fields = extract_signup(text, sender_name="Eva Nord", subject="Anmälan – Nätverksteamet")
    assert fields.unit_name == "Nätverksteamet"


def test_a_department_named_after_its_sector_is_not_the_unit() -> None:
    text = (
        "Hej!\n\nVi vill gärna anmäla vår förskola. Jag är rektor och kontaktperson.\n\n"
        "Vänliga hälsningar\nKatarina Sjö\nRektor\nFarsta stadsdelsförvaltning\n"
        "Avdelningen för förskola\n08-508 18 433"
    )
    fields = extract_signup(text, sender_name="Katarina Sjö")
    assert fields.unit_name is None
    assert fields.manager_name == fields.contact_name == "Katarina Sjö"


@pytest.mark.parametrize(
    ("text", "manager", "contact", "phone"),
    [
        (
            "Förskolan Tranan, Östermalms sdf, vill anmäla sig. Rektor Elisabet Grip. "
            "Jag är kontakt: 070-452 10 08.",
            "Elisabet Grip",
            "Malin Åhlund",
            "070-452 10 08",
        ),
        (
            "Vi vill anmäla Förskolan Ugglebo.\n\nRektor och kontaktperson är jag, Pia Forsberg.\n"
            "Tel 070-455 12 12",
            "Pia Forsberg",
            "Pia Forsberg",
            "070-455 12 12",
        ),
        (
            "Kontaktcenter Norr anmäler sig. Vår chef är Anette Ström. Kontaktperson är Jussi "
            "Mäki, tel. 08-508 11 700 (växel) eller direkt 08-508 11 742.",
            "Anette Ström",
            "Jussi Mäki",
            "08-508 11 742",
        ),
        (
            "Hemtjänst Bagarmossen anmäler sig.\nChef för den kommunala delen: Annelie Wass\n"
            "Kontaktperson: Malin Åhlund, 08/508 123 45\n\nTack,\nMalin Åhlund",
            "Annelie Wass",
            "Malin Åhlund",
            "08/508 123 45",
        ),
    ],
)
def test_people_are_read_as_units_write_them(
    text: str, manager: str, contact: str, phone: str
) -> None:
    fields = extract_signup(text, sender_name="Malin Åhlund", sender_email="malin@stockholm.se")
    assert (fields.manager_name, fields.contact_name, fields.contact_phone) == (
        manager,
        contact,
        phone,
    )


def test_details_in_the_sentence_after_the_contact_are_the_contacts() -> None:
    text = (
        "Bygglovsavdelningens kundtjänst anmäler sig härmed. Ansvarig chef är Karl Sand, "
        "enhetschef. Kontaktperson för anmälan är Anna-Karin Blom. Nås på "
        "anna-karin.blom@stockholm.se eller 08-508 27 455."
    )
    fields = extract_signup(text, sender_name="Karl Sand", sender_email="karl.sand@stockholm.se")
    assert fields.contact_name == "Anna-Karin Blom"
    assert (fields.contact_email, fields.contact_phone) == (
        "anna-karin.blom@stockholm.se",
        "08-508 27 455",
    )


def test_a_writer_who_asks_to_be_called_is_the_contact() -> None:
    text = "Hej!\n\nJag vill anmäla Öppna förskolan Regnbågen. Ring mig gärna på 0736-12 88 45.\n\nMvh Nadia Benali"
    fields = extract_signup(text, sender_name="Nadia Benali", sender_email="nadia@example.se")
    assert (fields.contact_name, fields.contact_phone) == ("Nadia Benali", "0736-12 88 45")


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Dženan Mehmedović", "Dženan Mehmedović"),
        ("Ayşe Yılmaz", "Ayşe Yılmaz"),
        ("Søren Müller", "Søren Müller"),
        ("Zoë Lefèvre", "Zoë Lefèvre"),
        ("Yusuf al-Hassan", "Yusuf al-Hassan"),
        ("Harbour Master Jakob Strand", "Jakob Strand"),
    ],
)
def test_names_come_out_whole_and_without_titles(written: str, name: str) -> None:
    text = (
        f"Vi på Förskolan Ängen anmäler oss.\nChef: {written}\nKontaktperson: Ida Ny, 070-111 22 33"
    )
    assert extract_signup(text).manager_name == name


def test_the_person_after_instead_of_is_not_the_contact() -> None:
    text = (
        "Hi again,\nPlease put my colleague Priya Raman as the contact person instead of me "
        "(priya.raman@stokab.se, +46 8 508 50 742).\nThanks,\nJames"
    )
    fields = extract_signup(text, sender_name="James Holloway", sender_email="james@stokab.se")
    assert (fields.contact_name, fields.contact_email) == ("Priya Raman", "priya.raman@stokab.se")


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        (
            "Jag är ordförande i Föräldrakooperativet Myran ek. för. och vill anmäla Förskolan Myran.",
            "Föräldrakooperativet Myran ek. för.",
        ),
        (
            "Hej. Daglig verksamhet Kista Torg anmäler sig. Chef: Marko Ilić (jag). Rinkeby-Kista",
            "Rinkeby-Kista stadsdelsförvaltning",
        ),
        (
            "Jag är enhetschef för Råcksta träffpunkt i Hässelby-Vällingby och vill anmäla oss.",
            "Hässelby-Vällingby stadsdelsförvaltning",
        ),
    ],
)
def test_an_organisation_is_read_where_the_mail_gives_it(text: str, organisation: str) -> None:
    assert extract_signup(text).organisation == organisation


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (
            "Information",
            "Information från Äldreförvaltningen: Hemtjänsten Solna har fått nya lokaler. "
            "Kontaktperson är Eva Lind, 08-508 00 100.",
        ),
        (
            "Fråga",
            "Hej! Vi på Förskolan Eken undrar om vi kan anmäla oss trots ett underskott? "
            "Mvh Eva Lind, rektor",
        ),
        (
            "Nyhetsbrev februari",
            "Hej alla! Förra året fick Förskolan Linnéa utmärkelsen. Anmäl er senast 22 mars "
            "till kvalitetsutmarkelsen@stockholm.se.",
        ),
    ],
)
def test_a_mail_that_only_names_a_unit_signs_nothing_up(subject: str, text: str) -> None:
    assert not looks_like_signup(subject, text)


def test_an_english_mail_that_takes_part_is_a_signup() -> None:
    text = (
        "Hi,\nThe Cycle Planning team (Cykelkansliet) at Trafikkontoret would like to "
        "participate in this year's Kvalitetsutmärkelsen. I'm the contact person.\nLukas"
    )
    assert looks_like_signup("Quality award", text)


REGISTERED = SignupFields(
    unit_name="Hemtjänsten Norrmalm",
    manager_name="Mette Kristensen",
    contact_name="Hamid Rostami",
    contact_email="hamid.rostami@stockholm.se",
    organisation="Norrmalms stadsdelsförvaltning",
)


def test_a_correction_gives_its_details_to_the_person_it_talks_about() -> None:
    text = (
        "Hej!\n\nHamid har bytt mejlkonto: hamid.r2@stockholm.se. Telefon till honom är "
        "08-508 09 388.\n\nVänliga hälsningar\nMette Kristensen\nEnhetschef"
    )
    read = extract_signup(text, sender_name="Mette Kristensen", sender_email="mette@stockholm.se")
    fields = read_reply(read, REGISTERED, text, sender_name="Mette Kristensen")
    assert fields.contact_name is None  # the writer did not make herself the contact
    assert (fields.contact_email, fields.contact_phone) == (
        "hamid.r2@stockholm.se",
        "08-508 09 388",
    )


def test_a_correction_naming_a_new_contact_changes_the_contact() -> None:
    text = "Kontaktperson ska vara Lina Ek 0701234567, inte jag. Mvh Mette"
    read = extract_signup(text, sender_name="Mette Kristensen", sender_email="mette@stockholm.se")
    fields = read_reply(read, REGISTERED, text, sender_name="Mette Kristensen")
    assert (fields.contact_name, fields.contact_phone) == ("Lina Ek", "0701234567")
    assert fields.contact_email is None


@pytest.mark.parametrize(
    ("text", "registered", "manager", "contact"),
    [
        (
            "Chefen heter Mette, inte Metta. Förlåt!",
            ("Metta Kristensen", "Hamid Rostami"),
            "Mette Kristensen",
            "Hamid Rostami",
        ),
        (
            "Efternamnet stavas Rostami, inte Rostamy.",
            ("Mette Kristensen", "Hamid Rostamy"),
            "Mette Kristensen",
            "Hamid Rostami",
        ),
        (
            "Kontaktpersonen heter Hamid Rostami, inte Hamid Rostam.",
            ("Mette Kristensen", "Hamid Rostam"),
            "Mette Kristensen",
            "Hamid Rostami",
        ),
        (
            "Han heter Hamid Rostami-Lind, inte Rostami.",
            ("Mette Kristensen", "Hamid Rostami"),
            "Mette Kristensen",
            "Hamid Rostami-Lind",
        ),
        (
            "Hi, please note that Hamid's surname is spelled Róstami. Thanks!",
            ("Mette Kristensen", "Hamid Rostami"),
            "Mette Kristensen",
            "Hamid Róstami",
        ),
        (
            "Mette vill att hennes namn skrivs rätt: Mette Kristensén (med é). Tack!",
            ("Mette Kristensen", "Hamid Rostami"),
            "Mette Kristensén",
            "Hamid Rostami",
        ),
    ],
)
def test_a_name_put_right_corrects_the_person_who_had_it(
    text: str, registered: tuple[str, str], manager: str, contact: str
) -> None:
    current = replace(REGISTERED, manager_name=registered[0], contact_name=registered[1])
    read = extract_signup(text, sender_name="Eva Ek", sender_email="eva.ek@stockholm.se")
    fields = read_reply(read, current, text, sender_name="Eva Ek")
    assert (fields.manager_name or current.manager_name) == manager
    assert (fields.contact_name or current.contact_name) == contact
    # The contact put right is the same person: the registered address stays.
    assert fields.contact_email in (None, current.contact_email)


def test_a_reply_about_a_person_leaving_does_not_rename_the_unit() -> None:
    text = "Hamid slutar i april, så byt kontaktperson till Sara Lind, sara.lind@stockholm.se."
    read = extract_signup(text, sender_name="Mette Kristensen", sender_email="mette@stockholm.se")
    fields = read_reply(read, REGISTERED, text, sender_name="Mette Kristensen")
    assert fields.unit_name is None
    assert fields.contact_name == "Sara Lind"


# --- Mails typed without å/ä/ö or without capitals ---------------------------------------

NO_DOTS = """\
Hej!

Vi pa forskolan Blaklockan i Farsta vill anmala oss till kvalitetsutmarkelsen.
Forskolechef ar Lena Holm och kontaktperson ar Jonas Eklof, jonas.eklof@stockholm.se,
tel 070-312 44 18. Vi tillhor Farsta stadsdelsforvaltning.

Halsningar
Jonas
"""


def test_a_mail_without_dots_is_read_and_keeps_its_own_spelling() -> None:
    fields = extract_signup(NO_DOTS, sender_name="Jonas Eklof", subject="Anmalan")
    assert fields.unit_name == "Forskolan Blaklockan"  # as the unit wrote it
    assert fields.manager_name == "Lena Holm"
    assert fields.contact_name == "Jonas Eklof"
    assert fields.contact_email == "jonas.eklof@stockholm.se"
    assert fields.contact_phone == "070-312 44 18"
    assert fields.organisation == "Farsta stadsdelsförvaltning"


ALL_LOWER = """\
hej vi på vård- och omsorgsboendet tallbacken i hässelby vill vara med i \
kvalitetsutmärkelsen i år. vi hör till hässelby-vällingby sdf.
enhetschef är maria sjöberg och kontakt är jag, amir hadžić, 08-508 51 202.
/amir
"""


def test_an_all_lower_case_mail_is_read_with_its_names_capitalised() -> None:
    fields = extract_signup(
        ALL_LOWER, sender_name="amir hadžić", sender_email="amir.hadzic@stockholm.se"
    )
    assert fields.unit_name is not None
    assert fields.unit_name.casefold() == "vård- och omsorgsboendet tallbacken"
    assert fields.manager_name == "Maria Sjöberg"
    assert fields.contact_name == "Amir Hadžić"
    assert fields.contact_email == "amir.hadzic@stockholm.se"
    assert fields.contact_phone == "08-508 51 202"
    assert fields.organisation == "Hässelby-Vällingby stadsdelsförvaltning"


def test_a_mail_without_dots_or_capitals_signs_up_each_listed_unit() -> None:
    mail = (
        "hej,\nvi vill anmala tva forskolor till kvalitetsutmarkelsen: forskolan Myran och"
        " forskolan Slandan.\nrektor for bada ar eva berg, eva.berg@stockholm.se, 08-508 111 22.\n"
        "enskede-arsta-vantors sdf\nmvh eva berg\n"
    )
    assert looks_like_signup("anmalan", mail)
    units = several_units(mail, sender_name="eva berg", sender_email="eva.berg@stockholm.se")
    assert [u.unit_name for u in units] == ["Förskolan Myran", "Förskolan Slandan"]
    assert {(u.manager_name, u.contact_phone) for u in units} == {("Eva Berg", "08-508 111 22")}
    assert {u.organisation for u in units} == {"Enskede-Årsta-Vantörs stadsdelsförvaltning"}


def test_restoring_spelling_leaves_ordinary_and_english_mail_alone() -> None:
    assert restore_spelling(LABELLED_COLON) == LABELLED_COLON
    english = "We at Farsta library would like to sign up for the award.\nBest regards\nAnn Lee"
    assert restore_spelling(english, english=True) == english
    # "har" (has) stays; "harmed" is "härmed"; a capitalised name is never respelt.
    assert restore_spelling("Vi har harmed anmalt Sorgarden") == "Vi har härmed anmält Sorgarden"


def test_a_greeting_line_run_into_the_sentence_does_not_hide_the_manager() -> None:
    mail = (
        "Hej\nEnhetschefen Goran Jurić på Dagliga verksamheten Sörgården anmäler härmed"
        " verksamheten.\nKontaktperson är Nina Hadžić, nina.hadzic@stockholm.se.\n"
        "Vi hör till Södermalms stadsdelsförvaltning.\n"
    )
    fields = extract_signup(mail, sender_name="Nina Hadžić")
    assert fields.manager_name == "Goran Jurić"
    assert fields.contact_name == "Nina Hadžić"


def test_a_passive_sign_up_names_its_unit_and_the_writer_who_takes_questions() -> None:
    mail = (
        "Hej!\nHärmed anmäls Vårbergs hemtjänst till Kvalitetsutmärkelsen.\n"
        "Vår chef heter Fatima Osman. Frågor om anmälan kan ställas till mig.\n\n"
        "Med vänlig hälsning\nErik Nyberg | Samordnare | Vårbergs hemtjänst | Skärholmens"
        " stadsdelsförvaltning\nTfn: +46 (0)8-508 24 311 | erik.nyberg@stockholm.se\n"
    )
    assert looks_like_signup("Anmälan", mail)
    fields = extract_signup(mail, sender_name="Erik Nyberg", sender_email="x@stockholm.se")
    assert fields.unit_name == "Vårbergs hemtjänst"
    assert fields.manager_name == "Fatima Osman"
    assert fields.contact_name == "Erik Nyberg"
    assert fields.contact_email == "erik.nyberg@stockholm.se"


def test_a_unit_named_for_its_task_keeps_the_whole_name() -> None:
    mail = (
        "Hej,\n\nStadsarkivets enhet för digital arkivering vill delta. Enhetschef är Johan"
        " af Klint (johan.afklint@stockholm.se). Jag är kontaktperson.\n\nBästa hälsningar\n"
        "Sara Lindqvist\nArkivarie, Stadsarkivet\nKulturförvaltningen, Stockholms stad\n"
        "Telefon: 08-508 283 00 (växel), direkt 08-508 283 47\n"
    )
    fields = extract_signup(mail, sender_name="Sara Lindqvist", subject="Anmälan")
    assert fields.unit_name == "Stadsarkivets enhet för digital arkivering"
    assert fields.manager_name == "Johan af Klint"
    assert (fields.contact_name, fields.contact_phone) == ("Sara Lindqvist", "08-508 283 47")


def test_a_greeting_run_into_the_first_sentence_is_not_part_of_the_unit() -> None:
    mail = (
        "Hej\nFritidsgården Pinnen i Skärholmen anmäler sig. Ansvarig chef: Leila Haddad.\n"
        "Skärholmens sdf\n/Leila\n"
    )
    assert extract_signup(mail, sender_name="Leila Haddad").unit_name == "Fritidsgården Pinnen"


def test_an_english_writer_names_the_unit_after_a_comma() -> None:
    mail = (
        "Hello,\n\nI am writing to register our unit, Kista Library, for the Quality Award"
        " 2027.\nOur manager is Priya Raman. Please contact me with any questions:"
        " john.smith@stockholm.se, +46 70 444 55 66.\nWe are part of the Culture"
        " Administration (Kulturförvaltningen).\n\nKind regards,\nJohn Smith\nLibrarian\n"
    )
    fields = extract_signup(mail, sender_name="John Smith", subject="Registration")
    assert fields.unit_name == "Kista Library"
    assert (fields.manager_name, fields.contact_name) == ("Priya Raman", "John Smith")
    assert fields.organisation == "Kulturförvaltningen"


# --- Phrasings and slips of real writers ---------------------------------------------------


def test_the_switchboard_above_the_mobile_in_a_signature_is_not_the_contacts_number() -> None:
    mail = (
        "Hej!\nVi på gruppbostaden Vinkeln vill anmäla oss. Jag är kontaktperson och vår chef"
        " är Tove Sandell.\n\nHälsningar\nRasmus Hed\nStödpedagog\nGruppbostaden Vinkeln\n"
        "Bromma stadsdelsförvaltning\nVäxel: 08-508 06 000\nMobil: 072-310 44 56\n"
    )
    fields = extract_signup(mail, sender_name="Rasmus Hed", sender_email="r.hed@stockholm.se")
    assert (fields.contact_name, fields.contact_phone) == ("Rasmus Hed", "072-310 44 56")


def test_a_terse_or_informal_sign_up_is_a_sign_up() -> None:
    terse = "Hej. Anmäler Kartenheten, Stadsbyggnadskontoret. Chef Åsa Ling. Kontakt jag, 070-200 31 31.\n/Nils"
    assert looks_like_signup("Anmälan KU", terse)
    fields = extract_signup(terse, sender_name="Nils Berg", sender_email="nils.berg@stockholm.se")
    assert (fields.unit_name, fields.organisation) == ("Kartenheten", "Stadsbyggnadskontoret")
    assert (fields.manager_name, fields.contact_name) == ("Åsa Ling", "Nils Berg")
    assert fields.contact_phone == "070-200 31 31"
    informal = "Tjenare! Vi på Båtklubbens fritidsgård hänger på. Jag är kontakt.\n/Mira"
    assert looks_like_signup("vi hänger på", informal)


def test_slips_in_role_words_do_not_hide_the_people() -> None:
    mail = (
        "Hej!\nVi vill anmäla Mottagningsenheten för nyanlända, Östermalms sdn. Enhetshcef"
        " är Omar Said och kontaktpreson blir Lea Roth, lea.roth@stockholm.se"
        " tel 08-508 10 777.\n"
    )
    fields = extract_signup(mail, sender_name="Kim Ek")
    assert fields.unit_name == "Mottagningsenheten för nyanlända"
    assert (fields.manager_name, fields.contact_name) == ("Omar Said", "Lea Roth")
    assert fields.contact_phone == "08-508 10 777"


def test_a_manager_who_keeps_the_contact_gives_her_number_in_the_next_sentence() -> None:
    mail = (
        "Hej!\nFörskolan Nyckelpigan i Hökarängen vill anmäla sig. Jag är rektor och sköter"
        " kontakten. Mobil 073-655 20 19.\n\nHa det gott!\nEbba Lind\n"
    )
    fields = extract_signup(mail, sender_name="Ebba Lind", sender_email="ebba.lind@gmail.com")
    assert (fields.manager_name, fields.contact_name) == ("Ebba Lind", "Ebba Lind")
    assert fields.contact_phone == "073-655 20 19"


def test_a_provider_running_a_unit_for_a_district_is_the_units_organisation() -> None:
    mail = (
        "Hej!\nVi på Humana Kransen (gruppbostad LSS) vill anmäla oss.\nVerksamhetschef: Dan"
        " Ek\nKontaktperson: Li Wu, 070-100 20 30\nVi driver gruppbostaden på uppdrag av"
        " Farsta stadsdelsförvaltning.\n\nHälsningar\nLi Wu\nHumana AB\n"
    )
    assert extract_signup(mail, sender_name="Li Wu").organisation == "Humana"


@pytest.mark.parametrize(
    "mail",
    [
        "Hej,\nVi på Förskolan Lyran är nyfikna men vill prata med personalen först. Vi hör av"
        " oss med en anmälan efter sportlovet.\n\nTina Ek\nRektor, Farsta stadsdelsförvaltning",
        "Hej,\nJag vill anmäla tre deltagare från Hemtjänsten Sköndal till frukostmötet om"
        " kvalitet den 2 mars: Ida Ek, Bo Ek och Li Ek.\n\nHälsningar\nIda Ek",
    ],
    ids=["sign-up-promised-for-later", "people-to-an-event"],
)
def test_a_promise_or_an_event_registration_is_no_sign_up(mail: str) -> None:
    assert not looks_like_signup("Kvalitetsutmärkelsen", mail)


def test_units_named_after_the_writer_speaks_for_them_or_in_english_with_wishes() -> None:
    mail = (
        "Hej,\nJag skriver för Trafiksäkerhetsenheten City inom Trafikkontoret. Chef är Eva"
        " Holm och kontaktperson Jan Rask, jan.rask@stockholm.se, 08-508 27 101.\n\nMia Ljung\n"
        "Kommunikatör\n"
    )
    fields = extract_signup(mail, sender_name="Mia Ljung", subject="Anmälan")
    assert (fields.unit_name, fields.manager_name) == ("Trafiksäkerhetsenheten City", "Eva Holm")
    assert fields.contact_name == "Jan Rask"
    english = (
        "Dear organisers,\n\nField Services North at Stokab wishes to take part in the Quality"
        " Award 2027. Manager: Olle Stenberg. Our principal contact is Maarten van der Linde,"
        " +46 8 508 855 10.\n\nRegards,\nMaarten van der Linde\n"
    )
    fields = extract_signup(english, sender_name="Maarten van der Linde", subject="Sign-up")
    assert fields.unit_name == "Field Services North"
    assert fields.contact_name == "Maarten van der Linde"


def test_a_parent_cooperatives_legal_form_belongs_to_its_organisation_not_its_name() -> None:
    mail = (
        "Hej!\nFöräldrakooperativet Ugglan ekonomisk förening i Bromma vill anmäla sig."
        " Förskolechef: Maj Lund. Kontakt: Per Al, 070-111 00 11.\n\nMvh Per\n"
    )
    assert extract_signup(mail, sender_name="Per Al").unit_name == "Föräldrakooperativet Ugglan"


def test_several_units_without_type_words_each_in_its_own_paragraph() -> None:
    mail = (
        "Hej,\n\nJag samordnar två anmälningar.\n\nKundtjänst City (Trafikkontoret): chef Ola"
        " Bark, kontaktperson Rut Elm, rut.elm@stockholm.se.\n\nPlanering Söder på Stockholm"
        " Parkering – chef Ali Ekinci, kontaktperson Gun Ros, 070-500 60 70.\n\nHälsningar\nRut Elm\n"
    )
    assert looks_like_signup("Anmälningar", mail)
    units = several_units(mail, sender_name="Rut Elm", sender_email="rut.elm@stockholm.se")
    assert [(u.unit_name, u.organisation, u.manager_name, u.contact_name) for u in units] == [
        ("Kundtjänst City", "Trafikkontoret", "Ola Bark", "Rut Elm"),
        ("Planering Söder", "Stockholm Parkering AB", "Ali Ekinci", "Gun Ros"),
    ]


def _people(mail: str, sender: str) -> list[tuple[str | None, ...]]:
    address = sender.lower().replace(" ", ".") + "@stockholm.se"
    units = several_units(mail, sender_name=sender, sender_email=address)
    return [(u.unit_name, u.manager_name, u.contact_name) for u in units]


def test_units_listed_in_a_sentence_after_their_number() -> None:
    mail = (
        "Hej!\n\nJag är chef för tre förskolor i Skarpnäck och vill anmäla alla tre, var för sig:"
        " Ekorren, Hackspetten och Nötväckan. Kontaktperson för alla tre är jag.\n\n"
        "Hälsningar\nSara Lind\nFörskolechef\nSkarpnäcks stadsdelsförvaltning\n"
    )
    assert [u[0] for u in _people(mail, "Sara Lind")] == ["Ekorren", "Hackspetten", "Nötväckan"]
    # The umbrella before the number is not one of the units.
    mail = (
        "Hej,\n\nHemtjänsten i Bromma har två grupper som vill vara med: Hemtjänst Ulvsunda och"
        " Hemtjänst Åkeshov. Jag samordnar anmälan.\n\nMvh\nPer Holm\nBromma sdf\n"
    )
    assert [u[0] for u in _people(mail, "Per Holm")] == ["Hemtjänst Ulvsunda", "Hemtjänst Åkeshov"]


@pytest.mark.parametrize(
    ("mail", "sender", "expected"),
    [
        (
            "Hej,\nJag vill anmäla två av våra verksamheter:\nBromma hemtjänst, där Åsa Berg är"
            " enhetschef. Dagverksamheten Linden, enhetschef är Omar Ali.\nJag är kontaktperson"
            " för båda.\n\nHälsningar\nPer Holm\nBromma stadsdelsförvaltning\n",
            "Per Holm",
            [
                ("Bromma hemtjänst", "Åsa Berg", "Per Holm"),
                ("Dagverksamheten Linden", "Omar Ali", "Per Holm"),
            ],
        ),
        (
            "Hej!\nVi anmäler två enheter inom socialtjänsten: Mottagning vuxna, där jag (Eva Berg)"
            " är enhetschef, och Mottagning unga, där Kim Lund är enhetschef. Jag är kontakt för"
            " båda.\n\nMvh\nEva Berg\nFarsta stadsdelsförvaltning\n",
            "Eva Berg",
            [
                ("Mottagning vuxna", "Eva Berg", "Eva Berg"),
                ("Mottagning unga", "Kim Lund", "Eva Berg"),
            ],
        ),
    ],
)
def test_each_unit_in_its_own_sentence_or_clause_has_its_own_manager(
    mail: str, sender: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _people(mail, sender) == expected


def test_a_table_with_one_cell_a_paragraph_gives_each_unit_its_row() -> None:
    cells = [
        "Förskola", "Förskolechef", "Kontaktperson", "E-post",
        "Förskolan Sippan", "Ann Ek", "Bo Ek", "bo.ek@stockholm.se",
        "Förskolan Mossen Årsta", "Cia Al", "Dan Al", "dan.al@stockholm.se",
    ]  # fmt: skip
    mail = (
        "Hej!\n\nJag anmäler två förskolor i Farsta.\n\n"
        + "\n\n".join(cells)
        + "\n\nTack och vänliga hälsningar\nEva Lind\nFarsta stadsdelsförvaltning\n"
    )
    units = several_units(mail, sender_name="Eva Lind", sender_email="eva.lind@stockholm.se")
    assert [(u.unit_name, u.manager_name, u.contact_name, u.contact_email) for u in units] == [
        ("Förskolan Sippan", "Ann Ek", "Bo Ek", "bo.ek@stockholm.se"),
        ("Förskolan Mossen Årsta", "Cia Al", "Dan Al", "dan.al@stockholm.se"),
    ]


def test_listed_units_without_type_words_and_a_group_that_is_no_unit() -> None:
    mail = (
        "Hej!\n\nVi vill anmäla tre av våra förskolor i Stockholm:\n\n- Humlan, chef Ida Ek\n"
        "- Myran, chef Ida Ek\n- Bävern, chef Ola Sten (tf)\n\nJag är kontaktperson för alla"
        " tre.\n\nHälsningar\nLea Berg\nFörskoleföretaget\n"
    )
    units = _people(mail, "Lea Berg")
    assert units == [
        ("Humlan", "Ida Ek", "Lea Berg"),
        ("Myran", "Ida Ek", "Lea Berg"),
        ("Bävern", "Ola Sten", "Lea Berg"),
    ]
    mail = (
        "Hej,\n– Natthärbärget Söder, enhetschef Per Ek. Kontakt: Per, per.ek@stockholm.se.\n"
        "– Stödboendet Årsta, enhetschef Åsa Ek. Kontakt: Åsa, asa.ek@stockholm.se.\n\n"
        "Tack!\nMia Lund\nSocialförvaltningen\n"
    )
    assert [u[0] for u in _people(mail, "Mia Lund")] == ["Natthärbärget Söder", "Stödboendet Årsta"]


def test_a_table_written_with_tabs_gives_each_unit_its_row() -> None:
    mail = (
        "Hej!\nVi anmäler härmed två anläggningar.\nAnläggning\tChef\tKontakt\tE-post\n"
        "Farsta IP\tAnn Ek\tAnn Ek\tann.ek@stockholm.se\n"
        "Zinkensdamms IP\tAnn Ek\tBo Al\tbo.al@stockholm.se\n"
        "Med vänlig hälsning\nAnn Ek\nIdrottsförvaltningen\n"
    )
    assert _people(mail, "Ann Ek") == [
        ("Farsta IP", "Ann Ek", "Ann Ek"),
        ("Zinkensdamms IP", "Ann Ek", "Bo Al"),
    ]


def test_a_list_of_units_written_after_their_providers() -> None:
    mail = (
        "Hej!\nJag skickar tre anmälningar från vårt nätverk:\n"
        "Vittra Liljeholmen: rektor Ebba Sten, kontakt Ebba Sten, ebba.sten@vittra.se\n"
        "Humana, boendestödet Sköndal: chef Jon Bo, kontakt Jon Bo, 070-300 40 50\n"
        "Stockholms Sjukhem, hemsjukvården: chef Ann Ny, kontakt Kim Ny, kim.ny@sjukhem.se\n\nMia\n"
    )
    units = several_units(mail, sender_name="Mia Ek", sender_email="mia@gmail.com")
    assert [(u.unit_name, u.organisation) for u in units] == [
        ("Vittra Liljeholmen", "Vittra"),
        ("Boendestödet Sköndal", "Humana"),
        ("Hemsjukvården", "Stiftelsen Stockholms Sjukhem"),
    ]


def test_the_writer_is_the_contact_when_the_manager_is_named_before_in_the_sentence() -> None:
    mail = (
        "Hej!\nVi på Kunskapsskolan Liljeholmen vill delta. Rektor Ida Palm är ansvarig och jag"
        " är kontaktperson, tel 08-510 077 30.\n\nBo-Erik Sand\nKunskapsskolan i Sverige AB\n"
    )
    fields = extract_signup(mail, sender_name="Bo-Erik Sand", sender_email="b@kunskapsskolan.se")
    assert (fields.manager_name, fields.contact_name) == ("Ida Palm", "Bo-Erik Sand")
    assert fields.contact_phone == "08-510 077 30"


def test_a_number_at_the_end_of_a_one_line_mail_signed_with_a_first_name() -> None:
    mail = (
        "Hej, Husby träffpunkt anmäler sig. Jag är enhetschef och kontaktperson."
        " Rinkeby-Kista sdf. 070-441 33 19\nSelma\n"
    )
    fields = extract_signup(mail, sender_name="Selma Ek", sender_email="selma.ek@stockholm.se")
    assert (fields.contact_name, fields.contact_phone) == ("Selma Ek", "070-441 33 19")


def test_a_manager_who_signs_up_her_department_in_the_first_person() -> None:
    mail = (
        "Hej! Jag är chef för Kartavdelningen på Stadsbyggnadskontoret och anmäler avdelningen."
        " Kontaktperson är Jonna Rud.\nAnn Sol\n"
    )
    assert looks_like_signup("Anmälan", mail)
    assert extract_signup(mail, sender_name="Ann Sol").unit_name == "Kartavdelningen"


def test_an_organisation_the_writer_takes_back_gives_way_to_the_right_one() -> None:
    mail = (
        "Hej!\nJag skrev Socialförvaltningen i anmälan men sedan i januari ligger Boendestödet"
        " Vasastan under Norrmalms stadsdelsförvaltning.\nMaja Eng\n"
    )
    assert (
        extract_signup(mail, sender_name="Maja Eng").organisation
        == "Norrmalms stadsdelsförvaltning"
    )


def test_a_correction_that_says_only_what_is_right() -> None:
    fields = extract_signup("Hej, fel nummer blev det. Rätt är 070-814 62 90.\nDaniel\n")
    assert fields.contact_phone == "070-814 62 90"


def test_a_forms_cell_under_its_label_is_the_value_even_when_it_opens_with_a_label_word() -> None:
    from bot.signups.extract.labeltables import mark_labels

    form = "Verksamhet\nEnheten för tillsyn\nChef\nKontaktperson Mona Berg\nE-post m@stockholm.se"
    fields = extract_signup(mark_labels(form))
    assert fields.unit_name == "Enheten för tillsyn"
    assert (fields.manager_name, fields.contact_name) == (None, "Mona Berg")


def test_a_reply_that_gives_the_units_whole_name() -> None:
    reply = (
        "Hej, vi heter Rinkeby bibliotek för unga, inte bara Rinkeby bibliotek. Kan ni ändra?\nAli"
    )
    assert extract_signup(reply, sender_name="Ali Nur").unit_name == "Rinkeby bibliotek för unga"


def test_a_switchboard_marked_vx_and_a_contact_who_is_the_same_as_the_manager() -> None:
    mail = (
        "Hej!\n\nAnmälan avser: Familjecentralen Husby\nEnhetschef: Hodan Ali\n"
        "Kontaktperson: densamma\nTelefon: 08 508 01 000 (vx), 070 - 212 32 42 (mobil)\n"
        "Rinkeby-Kista stadsdelsförvaltning\n"
    )
    fields = extract_signup(mail, sender_name="Hodan Ali", sender_email="hodan.ali@stockholm.se")
    assert (fields.manager_name, fields.contact_name) == ("Hodan Ali", "Hodan Ali")
    assert fields.contact_phone == "070 - 212 32 42"


def test_an_english_please_register_and_a_switchboard_marked_after_its_number() -> None:
    english = (
        "Dear Quality Award team,\n\nPlease register Husby Youth Centre (Rinkeby-Kista district"
        " administration). The unit manager is Hassan Abdi and I, Laura Kim, will be the"
        " contact person (laura.kim@stockholm.se).\n\nBest wishes,\nLaura Kim\n"
    )
    assert looks_like_signup("Sign-up", english)
    swedish = (
        "Hej, Jobbtorg Söder vill delta. Jag är chef. Tel 08-508 35 000 vx, 070-711 22 19 mobil."
        "\nArbetsmarknadsförvaltningen\nOmar\n"
    )
    fields = extract_signup(swedish, sender_name="Omar Ali", sender_email="omar.ali@stockholm.se")
    assert (fields.contact_name, fields.contact_phone) == ("Omar Ali", "070-711 22 19")


@pytest.mark.parametrize(
    "closing",
    [
        "Mvh Anna\n070-111 22 33\nHägersten-Älvsjö stadsdelsförvaltning",
        "mvh Anna Berg 070-111 22 33\nHägersten-Älvsjö sdf",
        "Hälsningar, Anna Berg | Rektor | Förskolan Skatan | Älvsjö sdf | 070-111 22 33",
    ],
    ids=["first-name-only", "details-on-the-closing-line", "one-line-signature"],
)
def test_outlooks_surname_first_sender_is_the_person_the_signature_names(closing: str) -> None:
    mail = f"Hej! Förskolan Skatan vill vara med. Jag är rektor och kontaktperson.\n\n{closing}\n"
    fields = extract_signup(mail, sender_name="Berg Anna", sender_email="anna.berg@stockholm.se")
    assert (fields.manager_name, fields.contact_name) == ("Anna Berg", "Anna Berg")
    assert fields.contact_phone == "070-111 22 33"
    assert fields.organisation == "Hägersten-Älvsjö stadsdelsförvaltning"


@pytest.mark.parametrize(
    ("subject", "mail"),
    [
        ("Examinator", "Hej! Jag anmäler härmed intresse för att bli examinator i år. /Per Ek"),
        (
            "Nyhetsbrev",
            "Nyhetsbrev från Äldreförvaltningen. Missa inte att anmäla er till"
            " Kvalitetsutmärkelsen senast 22 mars!",
        ),
        ("Ang. anmälan", "Hej, vi har inte fått någon bekräftelse. Förskolan Ugglan."),
    ],
    ids=["would-be-examiner", "newsletter-urging-others", "question-about-a-sign-up"],
)
def test_mail_about_signing_up_that_signs_nobody_up(subject: str, mail: str) -> None:
    assert not looks_like_signup(subject, mail)


def test_a_table_whose_cells_ran_together_is_read_row_by_row() -> None:
    mail = (
        "Hej, här är vår anmälan.\nVerksamhet Enheten för försörjningsstöd Älvsjö\n"
        "Förvaltning Hägersten-Älvsjö stadsdelsförvaltning\nChef Lena Öberg\n"
        "Kontaktperson Per Lind\nE-post per.lind@stockholm.se\nTelefon 08-508 18 100\n"
    )
    fields = extract_signup(mail, sender_name="Per Lind", sender_email="per.lind@stockholm.se")
    assert fields.unit_name == "Enheten för försörjningsstöd Älvsjö"
    assert (fields.manager_name, fields.contact_name) == ("Lena Öberg", "Per Lind")
    assert fields.contact_phone == "08-508 18 100"


def test_a_logos_content_id_is_no_address() -> None:
    # Outlook's text part shows the signature's logo as its content id, which looks like an
    # address ("image001.png@01DA7C2E.5F3A1B20"); email-validator knows it is none.
    text = """Hej,

Daglig verksamhet Kvarnen vill vara med i Kvalitetsutmärkelsen 2027. Jag är enhetschef och
kontaktperson.

Med vänlig hälsning
Ahmed El-Sayed
Enhetschef, Daglig verksamhet Kvarnen
Skarpnäcks stadsdelsförvaltning
[cid:image001.png@01DA7C2E.5F3A1B20]
ahmed.el-sayed@stockholm.se | 08-508 14 233
"""
    fields = extract_signup(text, sender_email="ahmed.el-sayed@stockholm.se")
    assert fields.contact_name == "Ahmed El-Sayed"
    assert fields.contact_email == "ahmed.el-sayed@stockholm.se"
    assert fields.contact_phone == "08-508 14 233"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kontaktperson: Eva Lind, eva..lind@stockholm.se, tel 08-508 100 20", None),
        (
            "Kontaktperson: Eva Lind, eva.lind@stockholm.se., tel 08-508 100 20",
            "eva.lind@stockholm.se",
        ),
    ],
)
def test_only_a_valid_address_is_the_contacts(text: str, expected: str | None) -> None:
    fields = extract_signup(f"Förskolan Lärkan anmäler sig.\n\n{text}\n", sender_email=None)
    assert fields.contact_email == expected


# --- People: kinds read the way a registrar reads them -----------------------------------

PEOPLE_KINDS = [
    (
        "the writer named in brackets, a typo in the title, details later",
        "Hej\nVill anmäla hemtjänst Årsta till utmärkelsen. enhetsschef är Lejla Hodžić (jag)"
        " tel 070 - 311 22 90\n\ntack på förhand\nLejla\nSdf Enskede",
        ("Lejla Hodzic", "lejla.hodzic@stockholm.se"),
        ("Lejla Hodžić", "Lejla Hodžić", "lejla.hodzic@stockholm.se", "070 - 311 22 90"),
    ),
    (
        "EC is the enhetschef; the writer named after jag",
        "Hej anmäler Gruppbostaden Tallen (Farsta sdf) till KU. EC = jag, Bo Lindqvist."
        " mobil 0703-12 44 87. Hör av er om ni behöver mer\n\n/Bo",
        ("Bo Lindqvist", "bo.lindqvist@stockholm.se"),
        ("Bo Lindqvist", "Bo Lindqvist", "bo.lindqvist@stockholm.se", "0703-12 44 87"),
    ),
    (
        "a request to reach the writer that names nobody gives the writer's number",
        "Hej!\nVi på Kista hemtjänst vill vara med. Chef är Oskar Berg, det är jag."
        " Nås bäst på 070-123 45 67.\n\nOskar",
        ("Oskar Berg", "oskar.berg@stockholm.se"),
        ("Oskar Berg", "Oskar Berg", "oskar.berg@stockholm.se", "070-123 45 67"),
    ),
    (
        "a person named again by the first name alone",
        "Hej,\nVi anmäler Boendeenheten Väst till Kvalitetsutmärkelsen.\n\nDriftchef är Omid"
        " Karimi, omid.karimi@familjebostader.se. Omid är också kontaktperson, telefon"
        " 08-508 11 235.\n\nMvh\nLena Ek\nAssistent",
        ("Lena Ek", "lena.ek@familjebostader.se"),
        ("Omid Karimi", "Omid Karimi", "omid.karimi@familjebostader.se", "08-508 11 235"),
    ),
    (
        "an Outlook picture reference is no e-mail address",
        "Hej!\nFörskolan Lärkan vill anmäla sig. Jag som skriver är rektor, Sara Holm.\n\n"
        "Mvh\nSara Holm\nRektor\n[cid:image001.png@01DB12AB.3C4D5E60]",
        ("Sara Holm", "sara.holm@stockholm.se"),
        ("Sara Holm", "Sara Holm", "sara.holm@stockholm.se", None),
    ),
    (
        "a shared info@ mailbox under the signature is not the writer's own address",
        "Hej!\nVi vill anmäla Hemtjänsten Solen. Jag är verksamhetschef, Nadia Farah,"
        " 070-555 12 12.\n\nMvh\nNadia Farah\nSolen Omsorg AB\ninfo@solenomsorg.se",
        ("Nadia Farah", "nadia.farah@solenomsorg.se"),
        ("Nadia Farah", "Nadia Farah", "nadia.farah@solenomsorg.se", "070-555 12 12"),
    ),
    (
        "the writer who coordinates the application and can be reached is the contact",
        "Hej!\nJag skriver för Servicecenter Syd. Avdelningschefen Eva Strand står bakom,"
        " och jag samordnar arbetet med ansökan.\n\nJag nås på 076-100 20 30.\n\n"
        "Hälsningar\nMira Sandberg\nTeamledare",
        ("Mira Sandberg", "mira.sandberg@stockholm.se"),
        ("Eva Strand", "Mira Sandberg", "mira.sandberg@stockholm.se", "076-100 20 30"),
    ),
    (
        "questions go to a named colleague",
        "Hej,\nHärmed anmäler vi Mottagningen vuxna.\n\nFrågor kan ställas till vår"
        " handläggare, Jonas Vik (jonas.vik@stockholm.se, 08-508 10 200).\n\nMvh\n\n"
        "Karin Dahl\nEnhetschef\nMottagningen vuxna",
        ("Karin Dahl", "karin.dahl@stockholm.se"),
        ("Karin Dahl", "Jonas Vik", "jonas.vik@stockholm.se", "08-508 10 200"),
    ),
    (
        "a contact to be named later is none yet, not the writer",
        "Hej,\nMiljöförvaltningen anmäler enheten för tillsyn. Jag är chef för enheten."
        " Kontaktperson meddelas senare.\n\nMvh\nPer Ahl\nEnhetschef\n08-508 28 410",
        ("Per Ahl", "per.ahl@stockholm.se"),
        ("Per Ahl", None, None, None),
    ),
    (
        "a vacant post names no manager; the deputy who writes is the contact",
        "Hej! Östbergahallen vill anmäla sig. Vi har ingen anläggningschef just nu men jag"
        " som biträdande är kontakt. Nås på 070-661 88 12.\n\nMvh Goran Ilić",
        ("Goran Ilic", "goran.ilic@stockholm.se"),
        (None, "Goran Ilić", "goran.ilic@stockholm.se", "070-661 88 12"),
    ),
    (
        "the full name in the signature block beats the From header without accents",
        "Hej!\nVi på Hökarängens bibliotek vill anmäla oss. Jonna Falk är chef här."
        " Hör av er till mig om ni undrar något.\n\n/Łukasz\n\n--\nŁukasz Wiśniewski\n"
        "Bibliotekarie\n08-508 309 77",
        ("Lukasz Wisniewski", "lukasz.wisniewski@stockholm.se"),
        ("Jonna Falk", "Łukasz Wiśniewski", "lukasz.wisniewski@stockholm.se", "08-508 309 77"),
    ),
    (
        "a title line under the name block is no first-name signature",
        "Hej!\nVi på distrikt Norr vill anmäla oss. Distriktschef är Pia Holm."
        " Mig når ni på 070-226 00 14.\n\nSelma Begović\nBovärd",
        ("Selma Begovic", "selma.begovic@stockholmshem.se"),
        ("Pia Holm", "Selma Begović", "selma.begovic@stockholmshem.se", "070-226 00 14"),
    ),
    (
        "the writer the sentence opens with becomes the contact further on",
        "Hej,\nVi på Öppna förskolan Bagarmossen vill vara med. Ansvarig chef är Leila Amini."
        " Jag, Hanna Roos, är pedagog och samordnare här och kommer att vara kontaktperson."
        "\nhanna.roos@stockholm.se\nTel 08-508 14 555\n\nHälsningar\nHanna Roos",
        ("Hanna Roos", "hanna.roos@stockholm.se"),
        ("Leila Amini", "Hanna Roos", "hanna.roos@stockholm.se", "08-508 14 555"),
    ),
    (
        "a new manager not yet started is nobody; the writer stands as contact for now",
        "Hej,\nFörskolan Sälgen anmäler sig härmed. Vi får en ny rektor som börjar i april,"
        " så jag står som kontakt tills vidare.\n\nHälsningar\nAne Dahl\nFörskollärare",
        ("Ane Dahl", "ane.dahl@stockholm.se"),
        (None, "Ane Dahl", "ane.dahl@stockholm.se", None),
    ),
    (
        "an English request to contact a named colleague by title",
        "Hello,\nEnskilda Gymnasiet would like to sign up. Our principal, Ruth Meyer, asked me"
        " to write. For questions, please contact our Head of Science, Omar Said, at"
        " omar.said@enskilda.se or on 070-733 10 10.\n\nBest regards,\nTom Hall",
        ("Tom Hall", "tom.hall@enskilda.se"),
        ("Ruth Meyer", "Omar Said", "omar.said@enskilda.se", "070-733 10 10"),
    ),
    (
        "a unit joined to another after 'chef för' is no person",
        "Hej,\nJag är chef för Dagverksamheten Vitsippan och Mötesplats Hagsätra och vill"
        " anmäla Vitsippan till Kvalitetsutmärkelsen.\n\nHälsningar\nAino Virtanen\nEnhetschef",
        ("Aino Virtanen", "aino.virtanen@stockholm.se"),
        ("Aino Virtanen", "Aino Virtanen", "aino.virtanen@stockholm.se", None),
    ),
    (
        "a compound manager title in the signature makes the writer the manager",
        "Hej,\nVi vill anmäla Husbybadet till Kvalitetsutmärkelsen. Nå mig på 070-410 22 33."
        "\n\n/Ville\n\nVille Heikkilä\nAnläggningschef Husbybadet\nIdrottsförvaltningen",
        ("Ville Heikkila", "ville.heikkila@stockholm.se"),
        ("Ville Heikkilä", "Ville Heikkilä", "ville.heikkila@stockholm.se", "070-410 22 33"),
    ),
    (
        "a contact given by first name alone is the person named in full before",
        "Hej!\nVi anmäler Stödboendet Ängsvägen, enhetschef Milan Kostić.\nKontakt: Milan själv,"
        " 076-144 20 20.\n\nTack!\nSiv Berg\nVerksamhetschef",
        ("Siv Berg", "siv.berg@stockholm.se"),
        ("Milan Kostić", "Milan Kostić", None, "076-144 20 20"),
    ),
    (
        "a 'där' clause after the title speaks of another unit's manager",
        "Hej!\nVi anmäler Boendestöd Vällingby, där jag (Saga Lund) är enhetschef, och inte"
        " Boendestöd Hässelby, där Ola Ek är enhetschef. Ring mig på 070-200 30 40.\n\n/Saga",
        ("Saga Lund", "saga.lund@stockholm.se"),
        ("Saga Lund", "Saga Lund", "saga.lund@stockholm.se", "070-200 30 40"),
    ),
    (
        "a surname ending in -stad is still a name; details under the labels after a blank",
        "Enhet: Rågsveds vård- och omsorgsboende\nEnhetschef: Kari Nordstad\n"
        "Kontaktperson: samma\n\nkari.nordstad@stockholm.se\n08-508 14 777\n\nHälsningar\nKari",
        ("Kari Nordstad", "kari.nordstad@stockholm.se"),
        ("Kari Nordstad", "Kari Nordstad", "kari.nordstad@stockholm.se", "08-508 14 777"),
    ),
    (
        "a compound title glued onto the name, and 'Kontakt' without a colon",
        "Hej! Vi på Bostadsbolagets kundtjänst i Skärholmen anmäler oss. Regionchef Tove"
        " Lindqvist-Ek. Kontakt Rasmus Öberg 08-123 45 67. /Rasmus",
        ("Rasmus Öberg", "rasmus.oberg@bostad.se"),
        ("Tove Lindqvist-Ek", "Rasmus Öberg", "rasmus.oberg@bostad.se", "08-123 45 67"),
    ),
    (
        "a contact introduced by a title in lower case",
        "Hej\nBiblioteket i Hagsätra vill vara med. Chef Maja Rönn. Kontakt bibliotekarie"
        " Emir Hadžić, emir.hadzic@stockholm.se, 08-508 11 222.\n\nHälsningar\nMaja",
        ("Maja Rönn", "maja.ronn@stockholm.se"),
        ("Maja Rönn", "Emir Hadžić", "emir.hadzic@stockholm.se", "08-508 11 222"),
    ),
    (
        "a colleague's 'Head of Quality' is no manager, and 'Ms.' is no part of her name",
        "Hello,\nI am the principal of Lindö International School and we wish to register."
        " Our contact person will be our Head of Quality, Ms. Grace Otieno"
        " (grace.otieno@lindo.se, +46 70 111 22 33).\n\nKind regards,\nPaul Weber\nPrincipal",
        ("Paul Weber", "paul.weber@lindo.se"),
        ("Paul Weber", "Grace Otieno", "grace.otieno@lindo.se", "+46 70 111 22 33"),
    ),
    (
        "a number on the line after 'Chef: jag.' is the writer's",
        "Hej! Vi anmäler Fruängens bibliotek. Chef: jag. Tel 08-508 11 333.\nLena Brandt",
        ("Lena Brandt", "lena.brandt@stockholm.se"),
        ("Lena Brandt", "Lena Brandt", "lena.brandt@stockholm.se", "08-508 11 333"),
    ),
    (
        "'Jag Name title är kontakt tel …' typed on a phone",
        "Hej! Hemtjänsten Bagarmossen anmäler sig. Chef Goran Ilić. Jag Päivi Laine"
        " undersköterska är kontakt tel 070 111 22 44.",
        ("Päivi Laine", "paivi.laine@stockholm.se"),
        ("Goran Ilić", "Päivi Laine", "paivi.laine@stockholm.se", "070 111 22 44"),
    ),
    (
        "'Bäst når ni mig på …' gives the writer's number",
        "Hej!\nFältgruppen i Rinkeby vill anmäla sig. Chef är Olle Hed. Kontaktperson är"
        " jag, Sara Nyström. Bäst når ni mig på 070-222 33 44.\n\nHälsningar\nSara",
        ("Sara Nyström", "sara.nystrom@stockholm.se"),
        ("Olle Hed", "Sara Nyström", "sara.nystrom@stockholm.se", "070-222 33 44"),
    ),
    (
        "a sentence of details after a labelled contact is the contact's, not the sender's",
        "Hej!\nJag skriver hemifrån. Vi på Förskolan Lärkan anmäler oss.\n\n"
        "Förskolechef: Nina Berg\nKontaktperson: Ida Holm (jag). Använd helst jobbadressen"
        " ida.holm@edu.stockholm.se. Tel 08-508 22 111.\n\nHälsningar Ida",
        ("Ida Holm", "idaholm77@gmail.com"),
        ("Nina Berg", "Ida Holm", "ida.holm@edu.stockholm.se", "08-508 22 111"),
    ),
    (
        "a unit's line that ends in its manager's name does not run into the next line",
        "Hej,\nVi vill anmäla två av våra gruppbostäder till Kvalitetsutmärkelsen 2027 och"
        " hoppas att det går bra att skicka dem i samma mejl:\n\n"
        "Gruppbostaden Ekbacken – chef Anna Lind\nGruppbostaden Tallbacken – chef Ola Berg\n\n"
        "Kontakt för båda är jag, Eva Sund, 070-333 44 55.",
        ("Eva Sund", "eva.sund@stockholm.se"),
        ("Anna Lind", "Eva Sund", "eva.sund@stockholm.se", "070-333 44 55"),
    ),
    (
        "'leds av' names the manager; 'Contact: me' is the writer",
        "Hello,\nTensta Library would like to register. It is led by Omar Nur. Contact: me."
        "\n\nBest regards,\nLinn Berg",
        ("Linn Berg", "linn.berg@stockholm.se"),
        ("Omar Nur", "Linn Berg", "linn.berg@stockholm.se", None),
    ),
    (
        "'Förskolan leds av mig, Name'",
        "Hej! Vi anmäler Förskolan Tallen i Farsta. Förskolan leds av mig, Pia Holm.\n"
        "Kontakt: Karin Ek, karin.ek@stockholm.se",
        ("Pia Holm", "pia.holm@stockholm.se"),
        ("Pia Holm", "Karin Ek", "karin.ek@stockholm.se", None),
    ),
    (
        "'Kontakt: jag själv tills vidare' is the writer for the time being",
        "Hej,\nVi anmäler Dagverksamheten Eken.\nEnhetschef: Omid Karimi\n"
        "Kontakt: jag själv tills vidare (vi rekryterar).\n\nHälsningar\nSiv Ahlgren",
        ("Siv Ahlgren", "siv.ahlgren@stockholm.se"),
        ("Omid Karimi", "Siv Ahlgren", "siv.ahlgren@stockholm.se", None),
    ),
    (
        "a second 'Kontakt:' naming someone else does not give the first contact its details",
        "Hej!\nVi anmäler Förskolan Vitsippan.\nFörskolechef: Rut Falk\n"
        "Kontakt: Rut Falk, 08-508 40 400\nVid frånvaro i mars:\n"
        "Kontakt: pedagog Olle Krantz, olle.krantz@edu.stockholm.se\n\nHälsningar\nRut Falk",
        ("Rut Falk", "rut.falk@edu.stockholm.se"),
        ("Rut Falk", "Rut Falk", "rut.falk@edu.stockholm.se", "08-508 40 400"),
    ),
    (
        "'kontakten sköts av' names the contact",
        "Hej,\nDet här är en anmälan för Boendestödet Vasastan. Chefen heter Amina Warsame"
        " och kontakten sköts av Linus Ek (linus.ek@stockholm.se).\n\nHälsningar Linus",
        ("Linus Ek", "linus.ek@stockholm.se"),
        ("Amina Warsame", "Linus Ek", "linus.ek@stockholm.se", None),
    ),
    (
        "an English 'please reach out to our coordinator' names the contact",
        "Hello!\nWe would like to register the Youth Guidance Unit in Kista. The unit manager"
        " is Carlos Ruiz. For questions please reach out to our coordinator Aisha Bello at"
        " aisha.bello@stockholm.se.\n\nThanks,\nCarlos",
        ("Carlos Ruiz", "carlos.ruiz@stockholm.se"),
        ("Carlos Ruiz", "Aisha Bello", "aisha.bello@stockholm.se", None),
    ),
    (
        "'Hör gärna av er till mig' offers the writer as contact",
        "Hej!\nVi anmäler Förskolan Snäckan. Rektor: Stig Ahl. Hör gärna av er till mig på"
        " 070-515 15 15 om något är oklart.\n\nHälsningar\nMona Ek\nPedagogista",
        ("Mona Ek", "mona.ek@edu.stockholm.se"),
        ("Stig Ahl", "Mona Ek", "mona.ek@edu.stockholm.se", "070-515 15 15"),
    ),
    (
        "a title label marked '(kontakt)' labels the contact",
        "Hej!\nVi anmäler Boendet Björkhagen.\nEnhetschef: Nora Berg\n"
        "Samordnare (kontakt): Kalle Ek, kalle.ek@stockholm.se\n\nHälsningar Nora",
        ("Nora Berg", "nora.berg@stockholm.se"),
        ("Nora Berg", "Kalle Ek", "kalle.ek@stockholm.se", None),
    ),
    (
        "'Kontaktperson: se signatur' is the one who signs",
        "Hej!\nVi anmäler Förskolan Kardemumma. Rektor: Sanna Ek. Kontaktperson: se signatur."
        "\n\nMvh\nTea Lund\nFörskollärare\n08-508 12 121\ntea.lund@edu.stockholm.se",
        ("Tea Lund", "tea.lund@edu.stockholm.se"),
        ("Sanna Ek", "Tea Lund", "tea.lund@edu.stockholm.se", "08-508 12 121"),
    ),
    (
        "'Kontaktuppgifter till mig nedan' offers the writer as contact",
        "Hej!\nVi anmäler Förskolan Kanelen. Rektor: Sanna Ek. Kontaktuppgifter till mig nedan."
        "\n\nMvh\nTea Lund\nFörskollärare\n08-508 12 122",
        ("Tea Lund", "tea.lund@edu.stockholm.se"),
        ("Sanna Ek", "Tea Lund", "tea.lund@edu.stockholm.se", "08-508 12 122"),
    ),
    (
        "'Hon är också vår kontaktperson' after the manager is named",
        "Hej,\nVi vill delta med Boendet Klara. Föreståndare är Kristina Berg. Hon är också vår"
        " kontaktperson och nås på 08-684 23 311.\n\nMed vänlig hälsning\nOla Ek",
        ("Ola Ek", "ola.ek@stadsmissionen.se"),
        ("Kristina Berg", "Kristina Berg", None, "08-684 23 311"),
    ),
    (
        "an address after a second person in the contact's label is that person's",
        "Hej\nHemtjänsten Liljeholmen anmäler sig. Chef: Amir Haddad.\nKontaktperson: Amir"
        " Haddad, men under april Pia Ek (pia.ek@stockholm.se).\n/Amir",
        ("Amir Haddad", "amir.haddad@stockholm.se"),
        ("Amir Haddad", "Amir Haddad", "amir.haddad@stockholm.se", None),
    ),
    (
        "a title after the contact's name is no second person",
        "Hello,\nLindö School would like to register. Our principal is Ruth Meyer.\n"
        "Contact person: Aoife Byrne, Vice Principal, 08-555 100 20.\n\nThanks,\nAoife",
        ("Aoife Byrne", "aoife.byrne@lindo.se"),
        ("Ruth Meyer", "Aoife Byrne", "aoife.byrne@lindo.se", "08-555 100 20"),
    ),
    (
        "'Vid frågor, kontakta X' names the contact",
        "Hej!\nVi anmäler Kulturskolan Söder. Ansvarig chef är Erik Sand. Vid frågor, kontakta"
        " Lena Holm, 08-508 27 270.\nMvh Erik",
        ("Erik Sand", "erik.sand@stockholm.se"),
        ("Erik Sand", "Lena Holm", None, "08-508 27 270"),
    ),
]


@pytest.mark.parametrize(
    ("text", "sender", "expected"), [c[1:] for c in PEOPLE_KINDS], ids=[c[0] for c in PEOPLE_KINDS]
)
def test_people_kinds(text: str, sender: tuple[str, str], expected: tuple[str | None, ...]) -> None:
    name, address = sender
    fields = extract_signup(text, sender_name=name, sender_email=address)
    got = (fields.manager_name, fields.contact_name, fields.contact_email, fields.contact_phone)
    assert got == expected


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("Team Fridhem", None),
        ("Teamet Norr", None),
        ("Träffpunkt Årsta", None),
        ("Ingrid Bjørnstad", "Ingrid Bjørnstad"),
        ("Sdf Södermalm", None),
        ("Anna Teamsson", "Anna Teamsson"),
    ],
)
def test_a_team_unit_or_district_is_no_persons_name(words: str, name: str | None) -> None:
    assert clean_name(words) == name


# --- Unit names, second round: slips, "heter", owners, places and departments ---------------

UNIT_KINDS = [
    (
        "a slip the writer puts right at once",
        "Hej! Vi på Rinkeby gymnasium – nej förlåt, Rinkeby grundskola 7-9 vill gärna vara med.",
        "",
        "Rinkeby grundskola 7-9",
    ),
    (
        "'förlåt för' is an apology, not a slip put right",
        "Vi på Förskolan Lönnen – förlåt för sen anmälan – vill vara med i år.",
        "",
        "Förskolan Lönnen",
    ),
    (
        "a kind of unit, then 'heter' and its name",
        "Hej\nJag vill anmäla vårt boende. Boendet heter Sköndalsgårdens vård och omsorgsboende"
        " och vi hör till Farsta.",
        "",
        "Sköndalsgårdens vård och omsorgsboende",
    ),
    (
        "'heter' with a bare name takes the full form the mail gives later",
        "Förlåt, jag skrev fel. Förskolan heter Björkdungen med d, så det ska stå Förskolan"
        " Björkdungen.",
        "",
        "Förskolan Björkdungen",
    ),
    (
        "an owner's genitive before a unit named by its place",
        "Vi på Stockholmshems kundcenter i Skärholmen (Region Syd) vill anmäla oss.",
        "",
        "Kundcenter i Skärholmen",
    ),
    (
        "people named by their title belong with their place",
        "Socialsekreterarna i Rinkeby vill anmäla sig till utmärkelsen!",
        "",
        "Socialsekreterarna i Rinkeby",
    ),
    (
        "a picture character ends the name",
        "Micasa anmäler Servicehuset Rosen i Hässelby strand 🌷 Enhetschef: Eva Lind.",
        "",
        "Servicehuset Rosen",
    ),
    (
        "the body's full form over the subject's short one",
        "Hej!\nHär kommer vår anmälan:\n\nHemtjänsten i Hässelby Gård, äldreomsorgen i"
        " Hässelby-Vällingby. Chef: Eva Lind.",
        "Anmälan Hemtjänsten Hässelby Gård",
        "Hemtjänsten i Hässelby Gård",
    ),
    (
        "a department, then the unit within it",
        "Planavdelningen, enheten för detaljplaner, på Stadsbyggnadskontoret anmäler sig.",
        "",
        "Enheten för detaljplaner",
    ),
    (
        "a compound unit after its owner takes its definite form",
        "Vi på Trafikkontorets Tillståndsenhet vill anmäla oss. Jag är chef.",
        "",
        "Tillståndsenheten",
    ),
    (
        "a unit named by its task after 'sin'",
        "Stockholms Hamnar anmäler sin passagerarservice till utmärkelsen. Chef: Eva Lind.",
        "Anmälan KU2027",
        "Passagerarservice",
    ),
    (
        "the unit the writer leads, in a mail that signs up without naming it again",
        "Ja, vi kör! Kontaktperson blir Bo Ek, bo.ek@stockholm.se.\n\nJag är chef för Husby"
        " träff. Vi tillhör Rinkeby-Kista sdf.",
        "Sv: Kvalitetsutmärkelsen?",
        "Husby träff",
    ),
    (
        "the unit the writer leads ends where the sentence goes on",
        "Jag är ny rektor på Skolan Backen sedan i höstas och anmäler oss härmed gärna.",
        "",
        "Skolan Backen",
    ),
    (
        "the award's name in the subject is no unit, with or without its ending",
        "Jag är chef på Attendo Dagverksamhet Solsidan. Vi vill gärna anmäla oss.",
        "Kvalitetsutmärkelse 2027",
        "Attendo Dagverksamhet Solsidan",
    ),
]


@pytest.mark.parametrize(
    ("text", "subject", "unit"), [c[1:] for c in UNIT_KINDS], ids=[c[0] for c in UNIT_KINDS]
)
def test_unit_kinds(text: str, subject: str, unit: str) -> None:
    assert extract_signup(text, sender_name="Eva Lind", subject=subject).unit_name == unit


def test_a_forms_unit_cell_that_opens_with_a_type_word_is_the_units_name() -> None:
    from bot.signups.extract.labeltables import mark_labels

    form = "Enhetens namn\nFörskolan Kastanjen Midsommarkransen\nAnsvarig chef\nEva Lind"
    fields = extract_signup(mark_labels(form))
    assert (fields.unit_name, fields.manager_name) == (
        "Förskolan Kastanjen Midsommarkransen",
        "Eva Lind",
    )


def test_a_count_of_units_signed_up_and_a_unit_named_by_its_activity() -> None:
    mail = (
        "Hej!\n\nParkleksområde Söder anmäler två verksamheter:\n\n"
        "- Parkleken Tanto. Chef: Eva Lind (jag). Kontakt: Eva Lind, 08-508 11 111.\n"
        "- Ungdomsverksamheten Tanto Unga. Kontakt: Ali Nur, ali.nur@stockholm.se.\n\n"
        "Mvh Eva\n"
    )
    assert looks_like_signup("Anmälan", mail)
    units = several_units(mail, sender_name="Eva Lind", sender_email="eva.lind@stockholm.se")
    assert [(u.unit_name, u.contact_name) for u in units] == [
        ("Parkleken Tanto", "Eva Lind"),
        ("Ungdomsverksamheten Tanto Unga", "Ali Nur"),
    ]


def test_two_units_each_with_its_owner_on_its_own_line() -> None:
    mail = (
        "Hej!\n\nVi anmäler två verksamheter:\n\n"
        "Kundservice på Stockholmshem – chef Bo Ek, kontaktperson Eva Lind (jag), 08-508 11 111.\n\n"
        "Fiberdrift på Stokab – chef Ali Nur, kontaktperson Sara Berg, sara.berg@stokab.se.\n\n"
        "Hälsningar Eva\n"
    )
    units = several_units(mail, sender_name="Eva Lind", sender_email="eva.lind@stockholmshem.se")
    assert [(u.unit_name, u.manager_name) for u in units] == [
        ("Kundservice", "Bo Ek"),
        ("Fiberdrift", "Ali Nur"),
    ]


def test_a_closing_from_everyone_at_the_unit_does_not_run_into_the_writers_name() -> None:
    mail = (
        "Hej!\nVi på Dagverksamheten Linden i Vasastan vill gärna vara med i år. Chef är Bo Ek.\n\n"
        "Hälsningar från oss alla på Linden\nSara\n\nNorrmalms stadsdelsförvaltning | Äldreomsorg\n"
    )
    assert extract_signup(mail, sender_name="Sara Holm").unit_name == "Dagverksamheten Linden"


def test_units_called_by_their_kind_after_the_mail_names_them() -> None:
    mail = (
        "Hej,\n\nBrännkyrkaskolan vill anmäla två enheter: skolan (F–9) och Brännkyrkaskolans"
        " fritidshem, som har en egen plan.\n\nRektor för båda är jag, Eva Lind. Kontaktperson"
        " för skolan är jag själv, 08-508 11 111. Kontaktperson för fritidshemmet är Ali Nur,"
        " ali.nur@edu.stockholm.se.\n\nHälsningar\nEva Lind\nRektor Brännkyrkaskolan\n"
    )
    units = several_units(mail, sender_name="Eva Lind", sender_email="eva.lind@edu.stockholm.se")
    assert [(u.unit_name, u.manager_name, u.contact_name) for u in units] == [
        ("Brännkyrkaskolan", "Eva Lind", "Eva Lind"),
        ("Brännkyrkaskolans fritidshem", "Eva Lind", "Ali Nur"),
    ]


def test_each_unit_in_its_own_block_of_labelled_lines() -> None:
    mail = (
        "Hej!\n\nInom idrottsavdelningen, område Söder, anmäler vi två anläggningar.\n\n"
        "Anläggning: Vasaparkens IP\nChef: Eva Lind\nKontakt: Eva Lind\nTelefon: 08-508 11 111\n\n"
        "Anläggning: Johannesbadet\nChef: Eva Lind\nKontakt: Ali Nur\n"
        "E-post: ali.nur@stockholm.se\n\nMvh\nEva Lind\n"
    )
    units = several_units(mail, sender_name="Eva Lind", sender_email="eva.lind@stockholm.se")
    assert [(u.unit_name, u.contact_name, u.contact_phone) for u in units] == [
        ("Vasaparkens IP", "Eva Lind", "08-508 11 111"),
        ("Johannesbadet", "Ali Nur", None),
    ]


def test_one_unit_labelled_twice_is_one_unit() -> None:
    mail = (
        "Verksamhet: Solbacken\nChef: Eva Lind\n\nEnhet: Solbackens förskola\nKontakt: Eva Lind\n"
    )
    assert several_units(mail, sender_name="Eva Lind", sender_email="eva.lind@stockholm.se") == []


def test_a_unit_whose_contact_is_the_writer_for_now_has_the_writers_signature_number() -> None:
    mail = (
        "Hej!\n\nJag anmäler härmed två av våra enheter.\n\n"
        "1. Hemtjänst Enskede – enhetschef Bo Ek. Kontakt: Sara Berg, sara.berg@stockholm.se.\n\n"
        "2. Dagverksamheten Vide – enhetschef Ali Nur. Kontakt: jag själv tills vidare.\n\n"
        "Med vänlig hälsning\n\nEva Lind\nKvalitetsutvecklare\nTelefon: 08-508 11 111\n"
    )
    units = several_units(mail, sender_name="Eva Lind", sender_email="eva.lind@stockholm.se")
    assert [(u.contact_name, u.contact_email, u.contact_phone) for u in units] == [
        ("Sara Berg", "sara.berg@stockholm.se", None),
        ("Eva Lind", "eva.lind@stockholm.se", "08-508 11 111"),
    ]


# --- A writer who corrects themself ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        (
            "Vi anmäler Förskolan Ugglan? nej förlåt – Förskolan Uven.",
            "Vi anmäler Förskolan Uven.",
        ),
        (
            "Kontakt: Ola Berg, nej förlåt, Siv Lund, 08-12 34 56.",
            "Kontakt: Siv Lund, 08-12 34 56.",
        ),
        ("Ring 070-111 22 33, jag menar 070-111 22 44.", "Ring 070-111 22 44."),
        ("Förlåt att jag skriver sent. Vi anmäler Förskolan Uven.", None),
        ("Vi har jobbat länge och jag menar att vi är redo.", None),
    ],
)
def test_a_correction_mid_sentence_replaces_what_it_takes_back(
    written: str, meant: str | None
) -> None:
    from bot.signups.extract.selfcorrection import take_back_corrected

    assert take_back_corrected(written) == (meant or written)


# --- The unit's name as a registrar writes it (real MIME through the app) -----------------

NAMED_UNITS = [
    # Quotation marks set the name off in the sentence; they are no part of it.
    (
        "Hej,\n\nJag vill anmäla förskolan «Smörblomman» i Hägersten till Kvalitetsutmärkelsen "
        "2027.\n\nRektor är Ingrid Holm och kontaktperson är Per Lundell, per.lundell@stockholm.se."
        "\n\nHälsningar\nPer Lundell\nHägersten-Älvsjö stadsdelsförvaltning\n",
        "Förskolan Smörblomman",
        "Ingrid Holm",
    ),
    # A dash between the unit and its part, both opening the sentence, joins one name.
    (
        "Hej!\n\nKulturskolan – Dans & Cirkus vill vara med i Kvalitetsutmärkelsen i år. Vi hör "
        "till Kulturförvaltningen.\n\nChef är Jonas Vik och kontaktperson är Lea Sund, "
        "lea.sund@stockholm.se.\n\nMvh\nLea Sund\n",
        "Kulturskolan – Dans & Cirkus",
        "Jonas Vik",
    ),
    # The department after a comma is where the unit sits, not part of its name.
    (
        "Hej!\n\nVi på Hyresgästmottagningen, avdelningen Kund och marknad på Stockholmshem, vill "
        "vara med i Kvalitetsutmärkelsen 2027.\n\nGruppchef är Maja Ström och kontaktperson "
        "blir Omar Said, omar.said@stockholmshem.se.\n\nOmar Said\n",
        "Hyresgästmottagningen",
        "Maja Ström",
    ),
    # An adverb after the name is the sentence going on.
    (
        "Hej!\n\nNu vill vi på Träffpunkt Tallkrogen också vara med! Vi tillhör Skarpnäcks "
        "stadsdelsförvaltning.\n\nEnhetschef är Britt Ek, kontaktperson är Sam Lo, "
        "sam.lo@stockholm.se.\n\nHälsningar\nSam Lo\n",
        "Träffpunkt Tallkrogen",
        "Britt Ek",
    ),
    # A numbered part belongs to the name; the place in brackets after it is no person.
    (
        "Hej!\n\nJag heter Karin Ekbom och är rektor för Östermalms förskolor område 2 (Gärdet). "
        "Vi anmäler oss gärna till Kvalitetsutmärkelsen 2027!\n\nKontaktperson blir Tove "
        "Lind, tove.lind@stockholm.se.\n\nKarin\nÖstermalms stadsdelsförvaltning\n",
        "Östermalms förskolor område 2",
        "Karin Ekbom",
    ),
    # The organisation, then the part of it that signs up: the part is the unit.
    (
        "Hej!\n\nStockholmshem, område Västerort, vill anmäla sig till Kvalitetsutmärkelsen."
        "\n\nOmrådeschef är Lars Berg. Kontaktperson är Nina Holm, nina.holm@stockholmshem.se."
        "\n\nNina Holm\n",
        "Område Västerort",
        "Lars Berg",
    ),
    # An owner written in several words, in the genitive, before a lower-case part.
    (
        "Hej,\n\nStockholm Parkerings distrikt Nord i Brommaområdet anmäler sig till "
        "Kvalitetsutmärkelsen 2027.\n\nAnsvarig: Eva Dahlin, distriktschef\nKontaktperson: Ali "
        "Khan, ali.khan@stockholmparkering.se\n\nHälsningar Ali\n",
        "Distrikt Nord",
        "Eva Dahlin",
    ),
    # A department that carries its field ("avdelning för tillsyn"), then the unit in it.
    (
        "Hej!\n\nMiljöförvaltningens avdelning för tillsyn, enheten Livsmedel och hälsa, vill "
        "anmäla sig till Kvalitetsutmärkelsen 2027.\n\nEnhetschef: Anna Ros\nKontaktperson: "
        "Ida Ek, ida.ek@stockholm.se\n\nHälsningar\nIda Ek\n",
        "Livsmedel och hälsa",
        "Anna Ros",
    ),
]


@pytest.mark.parametrize(("body", "unit", "manager"), NAMED_UNITS)
def test_the_unit_is_registered_by_its_own_name(
    app: App, body: str, unit: str, manager: str
) -> None:
    put(app, make_mail(body, sender="skribent@stockholm.se", sender_name="Skribent Sson"))
    cycle(app)
    [registered] = units_of(app)
    assert (registered.unit_name, registered.manager_name) == (unit, manager)
