"""Issue 17: who the contact is and their details, when a mail says it in prose.

Each mail is real MIME (built by the tests' `make_mail`, parsed as the bot parses it) and
read by `extract_mail`, as the sign-up flow reads it.
"""

from __future__ import annotations

import pytest

from tests.signup_reading import contact_of, read_mime


def test_contact_person_written_apart_and_her_details_in_the_next_sentence() -> None:
    body = (
        "Hej,\n\nJag är rektor på Förskolan Lärkan i Hägersten-Älvsjö sdf och vi vill anmäla oss"
        " till Kvalitetsutmärkelsen.\n\nKontakt person är min kollega Sanna Öberg, hon är"
        " förskollärare och leder vårt utvecklingsarbete. Hennes telefon 070-411 22 33 och mail"
        " sanna.oberg@stockholm.se\n\nHälsningar\nKjell Rudin\n"
    )
    fields = read_mime(body, sender_name="Kjell Rudin", sender="kjell.rudin@stockholm.se")
    assert fields.manager_name == "Kjell Rudin"
    assert contact_of(fields) == ("Sanna Öberg", "sanna.oberg@stockholm.se", "070-411 22 33")


def test_the_writers_own_number_in_prose_is_the_contacts_when_the_writer_is_contact() -> None:
    body = (
        "Hej\n\nJag heter Leila Haddad och är enhetschef på Daglig verksamhet Ängen i Farsta"
        " stadsdelsförvaltning. Vi vill vara med i Kvalitetsutmärkelsen.\n\n"
        "Jag är också kontaktperson. Vid frågor går det bra att ringa min mobil"
        " 072-300 40 50.\n\nMvh\nLeila\n"
    )
    fields = read_mime(body, sender_name="Leila Haddad", sender="leila.haddad@stockholm.se")
    assert contact_of(fields) == ("Leila Haddad", "leila.haddad@stockholm.se", "072-300 40 50")


def test_a_writer_asked_to_be_contact_who_says_how_she_is_reached() -> None:
    body = (
        "Hej,\n\nVi på Idrottsförvaltningen anmäler enheten Bokning och service.\n\n"
        "Chef för enheten är Gustav Wahl, och han har bett mig vara kontaktperson. Jag heter"
        " Petra Ny och nås på 08-508 270 10 eller petra.ny@stockholm.se.\n\n"
        "Vänliga hälsningar\nPetra Ny\nHandläggare\n"
    )
    fields = read_mime(body, sender_name="Petra Ny", sender="petra.ny@stockholm.se")
    assert fields.manager_name == "Gustav Wahl"
    assert contact_of(fields) == ("Petra Ny", "petra.ny@stockholm.se", "08-508 270 10")


def test_a_manager_who_keeps_in_touch_herself_gives_her_number_in_the_same_sentence() -> None:
    body = (
        "Hej!\n\nNu anmäler vi Hemtjänst Hässelby Strand till Kvalitetsutmärkelsen.\n\n"
        "Jag som skriver heter Ronja Blom och är enhetschef. Jag sköter gärna själv kontakten"
        " med er, ring på 08-508 051 22.\n\nHälsningar\nRonja Blom\nEnhetschef\n"
        "Hässelby-Vällingby stadsdelsförvaltning\n"
    )
    fields = read_mime(body, sender_name="Ronja Blom", sender="ronja.blom@stockholm.se")
    assert contact_of(fields) == ("Ronja Blom", "ronja.blom@stockholm.se", "08-508 051 22")


def test_a_named_contact_reached_by_first_name_and_a_switchboard_with_a_remark() -> None:
    body = (
        "Hej!\n\nHärmed anmäler vi Familjerätten Söder till Kvalitetsutmärkelsen 2027. Vi hör"
        " till Socialförvaltningen.\n\nAnsvarig chef är Lars Åhman. Kontaktperson är Dalia"
        " Karim, familjerättssekreterare. Dalia nås på dalia.karim@stockholm.se. Telefon"
        " växel 08-508 11 000 (fråga efter Dalia).\n\nMed vänlig hälsning\nLars Åhman\n"
    )
    fields = read_mime(body, sender_name="Lars Åhman", sender="lars.ahman@stockholm.se")
    assert contact_of(fields) == ("Dalia Karim", "dalia.karim@stockholm.se", "08-508 11 000")


def test_contact_details_naming_nobody_are_the_writing_managers_own() -> None:
    body = (
        "Hej,\n\nJag vill anmäla Vardaga Äldreboende Solgläntan till Kvalitetsutmärkelsen.\n\n"
        "Verksamhetschef är jag själv, Agnes Lund. Kontakt: agnes.lund@vardaga.se eller"
        " 070-555 66 77.\n\nHälsningar\nAgnes Lund\n"
    )
    fields = read_mime(body, sender_name="Agnes Lund", sender="agnes.lund@vardaga.se")
    assert contact_of(fields) == ("Agnes Lund", "agnes.lund@vardaga.se", "070-555 66 77")


def test_contact_details_of_someone_else_do_not_make_the_writer_the_contact() -> None:
    body = (
        "Hej,\n\nJag vill anmäla Vardaga Äldreboende Solgläntan till Kvalitetsutmärkelsen.\n\n"
        "Verksamhetschef är jag själv, Agnes Lund. Kontakt: linnea.falk@vardaga.se.\n\n"
        "Hälsningar\nAgnes Lund\n"
    )
    fields = read_mime(body, sender_name="Agnes Lund", sender="agnes.lund@vardaga.se")
    assert fields.contact_name is None


@pytest.mark.parametrize(
    "details",
    [
        "Mitt telefon 072-300 40 50",
        "Min tel. 072-300 40 50",
        "Mitt direktnummer är 072-300 40 50",
        "Mina kontaktuppgifter: 072-300 40 50",
        "Jag är nåbar på 072-300 40 50",
    ],
)
def test_the_writers_own_details_in_any_of_the_usual_words(details: str) -> None:
    body = (
        "Hej\n\nJag är enhetschef på Gruppbostaden Tallen i Spånga-Tensta"
        " stadsdelsförvaltning och vill anmäla oss.\n\nKontakt person: jag\n"
        f"{details}\n\nHälsningar\nNoor Aziz\n"
    )
    fields = read_mime(body, sender_name="Noor Aziz", sender="noor.aziz@stockholm.se")
    assert contact_of(fields) == ("Noor Aziz", "noor.aziz@stockholm.se", "072-300 40 50")


@pytest.mark.parametrize(
    "reached",
    [
        "Hon nås på 070-818 20 30.",
        "Ni når henne på 070-818 20 30.",
        "Hennes mobil är 070-818 20 30.",
        "Dalias nummer är 070-818 20 30.",
    ],
)
def test_a_sentence_about_the_contact_just_named_gives_her_details(reached: str) -> None:
    body = (
        "Hej!\n\nVi anmäler Familjerätten Söder, Socialförvaltningen. Ansvarig chef är Lars"
        f" Åhman. Kontaktperson är Dalia Karim, dalia.karim@stockholm.se. {reached}\n\n"
        "Med vänlig hälsning\nLars Åhman\n"
    )
    fields = read_mime(body, sender_name="Lars Åhman", sender="lars.ahman@stockholm.se")
    assert contact_of(fields) == ("Dalia Karim", "dalia.karim@stockholm.se", "070-818 20 30")


def test_a_colleague_who_is_reached_is_not_the_writer() -> None:
    body = (
        "Hej!\n\nJag är rektor för Enskededalens skola och vi anmäler oss. Jag har bett Sara"
        " Holm att vara kontaktperson för anmälan och hon nås på 08-508 333 44.\n\n"
        "Hälsningar\nBo Ek\nRektor\n"
    )
    fields = read_mime(body, sender_name="Bo Ek", sender="bo.ek@edu.stockholm.se")
    assert contact_of(fields) == ("Sara Holm", None, "08-508 333 44")


def test_an_administrator_who_gives_her_own_address_as_the_contact_is_the_contact() -> None:
    body = (
        "Hej!\n\nHärmed anmäls Ungdomsmottagningen Liljeholmen, Hägersten-Älvsjö"
        " stadsdelsförvaltning. Enhetschef är Bo Sjö.\n\nKontakt: mira.tal@stockholm.se,"
        " 08-508 230 40.\n\nMvh\nMira Tal\nAdministratör\n"
    )
    fields = read_mime(body, sender_name="Mira Tal", sender="mira.tal@stockholm.se")
    assert fields.manager_name == "Bo Sjö"
    assert contact_of(fields) == ("Mira Tal", "mira.tal@stockholm.se", "08-508 230 40")


def test_a_contact_said_to_have_a_number_in_the_next_sentence() -> None:
    body = (
        "Hej!\n\nVi anmäler Familjerätten Söder, Socialförvaltningen. Ansvarig chef är Lars"
        " Åhman. Kontaktperson är Dalia Karim, dalia.karim@stockholm.se. Hon har"
        " mobilnummer 070-818 20 30.\n\nMed vänlig hälsning\nLars Åhman\n"
    )
    fields = read_mime(body, sender_name="Lars Åhman", sender="lars.ahman@stockholm.se")
    assert contact_of(fields) == ("Dalia Karim", "dalia.karim@stockholm.se", "070-818 20 30")
