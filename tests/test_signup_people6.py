"""Issue 17: the people in mail that needs a registrar's judgement (a sixth round).

Questions put to the writer ("Frågor om anmälan kan ni ställa till mig"), "ni kan ringa mig
… om ni har frågor", an English deputy who is not the head, an acting (tf.) manager in place
of an ordinary or former one the mail also names, and a writer who takes back the contact
given above ("Nej förresten, kontaktperson blir … istället"). Each mail is real MIME (built
by the tests' `make_mail`, parsed as the bot parses it) and read as the sign-up flow reads it.
"""

from __future__ import annotations

from tests.signup_reading import contact_of, read_mime


def test_questions_put_to_the_writer_make_her_the_contact() -> None:
    body = (
        "Hej,\n\njag är biträdande rektor på Solbackens skola och anmäler oss till"
        " Kvalitetsutmärkelsen 2027. Rektor är Per Ek, han står bakom anmälan.\n\n"
        "Frågor om anmälan kan ni ställa till mig, lisa.holm@edu.stockholm.se eller"
        " 073-111 22 33.\n\nSkolan hör till Utbildningsförvaltningen.\n\nHälsningar\n"
        "Lisa Holm\nBiträdande rektor\n"
    )
    fields = read_mime(body, sender_name="Lisa Holm", sender="lisa.holm@edu.stockholm.se")
    assert fields.manager_name == "Per Ek"
    assert contact_of(fields) == ("Lisa Holm", "lisa.holm@edu.stockholm.se", "073-111 22 33")


def test_ring_me_on_a_number_gives_the_writers_number() -> None:
    body = (
        "Hej!\n\nVi vill delta i Kvalitetsutmärkelsen 2027. Vår verksamhet heter Träffpunkt"
        " Lunden, en mötesplats i Farsta stadsdelsförvaltning. Chefen är Eva Lind, jag heter"
        " Omar Ali och jag är samordnare, ni kan ringa mig 08-508 11 222 om ni har frågor,"
        " jag är kontaktperson.\n\nHälsningar\nOmar\n"
    )
    fields = read_mime(body, sender_name="Omar Ali", sender="omar.ali@stockholm.se")
    assert fields.manager_name == "Eva Lind"
    assert contact_of(fields) == ("Omar Ali", "omar.ali@stockholm.se", "08-508 11 222")


def test_an_english_deputy_is_not_the_head() -> None:
    body = (
        "Dear team,\n\nI am the Deputy Principal at Vittra Sollentuna. Our Principal, John"
        " Smith, has asked me to register the school for the award and I will be your"
        " contact.\n\nYou can reach me on +46 70 111 22 33.\n\nKind regards,\nMary Jones\n"
        "Deputy Principal\n"
    )
    fields = read_mime(body, sender_name="Mary Jones", sender="mary.jones@vittra.se")
    assert fields.manager_name == "John Smith"
    assert contact_of(fields) == ("Mary Jones", "mary.jones@vittra.se", "+46 70 111 22 33")


def test_the_acting_manager_in_place_of_the_one_on_leave() -> None:
    body = (
        "Hej,\n\nOrdinarie rektor Ulf Berg är föräldraledig sedan januari och jag är tf. rektor"
        " under tiden. Jag anmäler härmed Solängsskolan (Utbildningsförvaltningen) till"
        " Kvalitetsutmärkelsen 2027 och är kontaktperson för anmälan.\n\nMed vänlig hälsning\n"
        "Anna Vik\ntf. rektor\nMobil: 070-555 12 12\n"
    )
    fields = read_mime(body, sender_name="Anna Vik", sender="anna.vik@edu.stockholm.se")
    assert fields.manager_name == "Anna Vik"
    assert contact_of(fields) == ("Anna Vik", "anna.vik@edu.stockholm.se", "070-555 12 12")


def test_the_acting_manager_named_after_the_writer_thinks_again() -> None:
    body = (
        "Hej!\n\nVi på Trafikkontoret anmäler Bullerenheten till Kvalitetsutmärkelsen 2027."
        " Chef är Per Holm – fast vänta, Per slutade i december, det är Karin Ek som är tf."
        " enhetschef nu. Hon har godkänt anmälan.\n\nKontaktperson: jag, Sara Nord,"
        " 08-508 26 200.\n\nMvh Sara\n"
    )
    fields = read_mime(body, sender_name="Sara Nord", sender="sara.nord@stockholm.se")
    assert fields.manager_name == "Karin Ek"
    assert contact_of(fields) == ("Sara Nord", "sara.nord@stockholm.se", "08-508 26 200")


def test_a_contact_taken_back_below_the_labels() -> None:
    body = (
        "Hej!\n\nFritidsgården Stjärnan anmäler sig till Kvalitetsutmärkelsen 2027.\n"
        "Chef: Ola Berg\nKontaktperson: Tove Lind (jag), tove.lind@stockholm.se\n\n"
        "Nej förresten, jag är tjänstledig från maj, så kontaktperson blir Jonas Ek istället –"
        " jonas.ek@stockholm.se, 070-222 33 44. Förlåt!\n\n/Tove\nFritidsledare\n"
        "Farsta stadsdelsförvaltning\n"
    )
    fields = read_mime(body, sender_name="Tove Lind", sender="tove.lind@stockholm.se")
    assert fields.manager_name == "Ola Berg"
    assert contact_of(fields) == ("Jonas Ek", "jonas.ek@stockholm.se", "070-222 33 44")


def test_i_coordinate_and_will_be_your_contact() -> None:
    body = (
        "Dear Quality Award team,\n\nVittra would like to register Vittra Kista for"
        " Kvalitetsutmärkelsen 2027. The principal is Helen Ward.\n\nI coordinate quality"
        " work for our schools and will be your contact for the application: 070-830 11 22."
        "\n\nKind regards,\nNikos Pappas\nQuality Coordinator\n"
    )
    fields = read_mime(body, sender_name="Nikos Pappas", sender="nikos.pappas@vittra.se")
    assert fields.manager_name == "Helen Ward"
    assert contact_of(fields) == ("Nikos Pappas", "nikos.pappas@vittra.se", "070-830 11 22")


def test_a_warm_closing_is_no_name() -> None:
    body = (
        "hej hej!\nvi på Björkhagens äldreboende (Vardaga) vill vara med i år :)\njag är"
        " enhetschef, Malgorzata Nowak, och ni kan ringa mig på 070 5511223 om det är nåt.\n"
        "kram Gosia\n"
    )
    fields = read_mime(body, sender_name="Malgorzata Nowak", sender="malgorzata.nowak@vardaga.se")
    assert fields.manager_name == "Malgorzata Nowak"
    assert contact_of(fields) == (
        "Malgorzata Nowak",
        "malgorzata.nowak@vardaga.se",
        "070 5511223",
    )


FORWARDER_SAYS_SHE_IS_THE_CONTACT = """\
Hej!

Skickar från min privata mejl, jag kommer inte åt jobbmejlen hemifrån. Se nedan från Per.
Jag är alltså kontaktperson, ni når mig på 073-400 12 34.

Hälsningar
Sofia Lind
förskollärare, Förskolan Tallen

---------- Forwarded message ---------
From: Per Stål <per.stal@pysslingen.se>
Date: tis 16 feb. 2027 kl 14:22
Subject: Kvalitetsutmärkelsen
To: Personal Förskolan Tallen <personal.tallen@pysslingen.se>


Hej alla!

Nu anmäler vi Förskolan Tallen till Kvalitetsutmärkelsen. Sofia, kan du vara kontaktperson
och skicka in anmälan? Jag står som rektor.

Per Stål
Rektor
Pysslingen Förskolor
"""


def test_a_forwarder_who_says_she_is_the_contact_after_all() -> None:
    fields = read_mime(
        FORWARDER_SAYS_SHE_IS_THE_CONTACT, sender_name="Sofia Lind", sender="sofia.lind@gmail.com"
    )
    assert fields.manager_name == "Per Stål"
    assert contact_of(fields) == ("Sofia Lind", "sofia.lind@gmail.com", "073-400 12 34")
