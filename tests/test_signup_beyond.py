"""Units that are neither schools nor care homes (issue 17, fresh20): English sign-ups whose
unit is named in capitals ("IT Support", "Operations Department", "Team X") and whose
contact is given after an English title ("our Quality Coordinator, Eva Lind"), a district's
citizen office named by its place, a letter's addressee line, an English greeting
naming its reader in a forward, a colleague asked to send a sign-up on, and mails that
only speak of a sign-up: one promised after a staff meeting, one decided against, a question
that might lead to one next year, another prize's receipt sent to the wrong address, and an information letter forwarded
"for kännedom"."""

from __future__ import annotations

import pytest

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of


def _fields(app: App) -> list[tuple[str | None, ...]]:
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]


def test_an_english_unit_in_capitals_is_read_with_its_manager_and_contact(app: App) -> None:
    """ "IT Helpdesk at the …" is the unit ("IT" is no pronoun), and "our Service
    Coordinator, Lars Ek" is the contact, not a person called "Service Coordinator"."""
    body = (
        "Hi,\n\nIT Helpdesk at the Education Administration would like to sign up for the "
        "Quality Award 2027.\n\nThe head of unit is Petra Nyström. Our contact person will be "
        "our Service Coordinator, Lars Ek (lars.ek@stockholm.se, +46 8 508 331 20).\n\n"
        "Best regards,\nPetra Nyström\nHead of Unit, IT Helpdesk\n"
    )
    put(app, make_mail(body, sender="petra.nystrom@stockholm.se", sender_name="Petra Nyström"))
    cycle(app)
    assert _fields(app) == [
        ("IT Helpdesk", "Petra Nyström", "Lars Ek", "lars.ek@stockholm.se", "+46 8 508 331 20")
    ]


def test_head_of_unit_for_a_team_reads_the_team_and_the_writer_as_manager(app: App) -> None:
    """ "I am Head of Unit for Team Norr": the title's "of Unit" is not the unit, and "Team
    Norr" after "for" is the place the writer heads, not a person."""
    body = (
        "Hello,\n\nI am Head of Unit for Team Tillsyn Norr at the Environment Administration, "
        "and we would like to take part in the Quality Award 2027.\n\n"
        "Many thanks,\nKarin Holm\nHead of Unit, Team Tillsyn Norr\n08-508 287 40\n"
    )
    put(app, make_mail(body, sender="karin.holm@stockholm.se", sender_name="Karin Holm"))
    cycle(app)
    (unit,) = units_of(app)
    assert (unit.unit_name, unit.manager_name) == ("Team Tillsyn Norr", "Karin Holm")


def test_a_department_registered_in_an_english_letter_keeps_its_type_word(app: App) -> None:
    """ "registers its Maintenance Department": the one word left without "Department"
    would name nothing."""
    body = (
        "Arena Fastigheter AB hereby registers its Maintenance Department for the Quality "
        "Award 2027.\n\nHead of Maintenance: Olof Berg\nContact person: Nina Sjö "
        "(nina.sjo@arena.se, 070-221 45 90)\n\nYours faithfully,\nOlof Berg\n"
    )
    put(app, make_mail(body, sender="olof.berg@arena.se", sender_name="Olof Berg"))
    cycle(app)
    (unit,) = units_of(app)
    assert unit.unit_name == "Maintenance Department"


def test_a_citizen_office_is_named_with_its_place(app: App) -> None:
    body = (
        "Hej!\n\nMedborgarkontoret i Rinkeby vill anmäla sig till Kvalitetsutmärkelsen 2027. "
        "Vår chef är Sara Lund och jag, Eva Berg, är kontaktperson. Telefon 08-508 011 22.\n\n"
        "Med vänlig hälsning\nEva Berg\n"
    )
    put(app, make_mail(body, sender="eva.berg@stockholm.se", sender_name="Eva Berg"))
    cycle(app)
    (unit,) = units_of(app)
    assert unit.unit_name == "Medborgarkontoret i Rinkeby"


def test_a_forwarded_request_to_send_in_a_sign_up_registers_the_unit(app: App) -> None:
    """ "Kan du skicka in en anmälan till Kvalitetsutmärkelsen för …?" asks a colleague to
    sign the unit up; the colleague's forward does."""
    body = (
        "Hej,\n\nVidarebefordrar enligt önskemål nedan.\n\nLisa Ek\n\n"
        "Från: Ali Hassan <ali.hassan@stockholm.se>\n"
        "Skickat: den 19 februari 2027 16:40\n"
        "Till: Lisa Ek <lisa.ek@stockholm.se>\n"
        "Ämne: Kvalitetsutmärkelsen\n\n"
        "Hej Lisa,\n\nKan du skicka in en anmälan till Kvalitetsutmärkelsen för Enheten för "
        "försörjningsstöd, Spånga-Tensta stadsdelsförvaltning? Jag är chef och står som "
        "kontaktperson. Mitt nummer är 08-508 033 44.\n\nTack!\nAli\n"
    )
    put(
        app,
        make_mail(
            body,
            sender="lisa.ek@stockholm.se",
            sender_name="Lisa Ek",
            subject="VB: Kvalitetsutmärkelsen",
        ),
    )
    cycle(app)
    (unit,) = units_of(app)
    assert (unit.unit_name, unit.manager_name, unit.contact_email) == (
        "Enheten för försörjningsstöd",
        "Ali Hassan",
        "ali.hassan@stockholm.se",
    )


def test_the_letters_addressee_line_names_no_organisation_of_the_unit(app: App) -> None:
    """A letter headed by its administration and addressed "Till: Kvalitetsutmärkelsen,
    Stadsledningskontoret": the organisation is the sender's, not the addressee's."""
    body = (
        "IDROTTSFÖRVALTNINGEN\nSTOCKHOLMS STAD\n\n"
        "Till: Kvalitetsutmärkelsen, Stadsledningskontoret\n\n"
        "Ärende: Anmälan till Kvalitetsutmärkelsen 2027\n\n"
        "Härmed anmäler vi Farsta sporthall till Kvalitetsutmärkelsen "
        "2027.\n\nAnsvarig chef är driftchef Leo Berg. Kontaktperson är Mia Ek, "
        "mia.ek@stockholm.se, 08-508 330 19.\n\nMed vänlig hälsning\nLeo Berg\nDriftchef\n"
    )
    put(app, make_mail(body, sender="leo.berg@stockholm.se", sender_name="Leo Berg"))
    cycle(app)
    (unit,) = units_of(app)
    assert (unit.unit_name, unit.organisation) == ("Farsta sporthall", "Idrottsförvaltningen")


def test_an_english_greeting_with_a_name_is_no_person(app: App) -> None:
    """ "Hi Sofia," opens a forwarded English sign-up; the greeting is no name, so the
    writer signing below is the one who says "I'll be the contact person"."""
    body = (
        "Hej, skickar vidare Omars anmälan.\n/Sofia\n\n"
        "---------- Forwarded message ---------\n"
        "From: Omar Said <omar.said@stockholm.se>\n"
        "Date: Thu, 18 Mar 2027 at 16:02\n"
        "Subject: Quality Award registration\n"
        "To: Sofia Lind <sofia.lind@stockholm.se>\n\n"
        "Hi Sofia,\n\nWe want to register Farsta sporthall for the Quality Award. Head of "
        "Unit is Bo Ek. I'll be the contact person, phone 08-508 278 11.\n\n"
        "Thanks,\nOmar Said\nOperations Manager\n"
    )
    put(
        app,
        make_mail(
            body,
            sender="sofia.lind@stockholm.se",
            sender_name="Sofia Lind",
            subject="FW: Quality Award registration",
        ),
    )
    cycle(app)
    assert _fields(app) == [
        ("Farsta sporthall", "Bo Ek", "Omar Said", "omar.said@stockholm.se", "08-508 278 11")
    ]


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Kvalitetsutmärkelsen – vi återkommer",
            "Hej!\n\nVi på Bredängs bibliotek är intresserade av att vara med. Vi tar upp det "
            "på APT nästa vecka och skickar in en anmälan efter det om alla är med på det.\n\n"
            "Hälsningar\nMaja Ek\nBibliotekschef\n",
        ),
        (
            "Kvalitetsutmärkelsen 2027",
            "Hej,\n\nVi fick frågan om att delta, men Gatudrift Norr har bestämt att inte "
            "anmäla sig i år på grund av omorganisationen.\n\nHälsningar\nPer Ek\nEnhetschef\n",
        ),
        (
            "Question about size",
            "Hi,\n\nWe are a team of two at the Parks Unit. Is there a minimum size for a unit "
            "to take part? If we are eligible we might register next year.\n\nBest,\nAnn Lee\n",
        ),
        (
            "VB: Bekräftelse: nominering Årets simhall 2027",
            "Hej Olle,\n\nHär är bekräftelsen, för kännedom!\n\n/Eva\n\n"
            "-----Ursprungligt meddelande-----\n"
            "Från: Simhallsförbundet <nominering@simhall.se>\n"
            "Skickat: den 4 mars 2027 15:02\n"
            "Ämne: Bekräftelse: nominering Årets simhall 2027\n\n"
            "Tack för er nominering till Årets simhall 2027!\n\n"
            "Anläggning: Forsbergs simhall\nHuvudman: Idrottsförvaltningen\n"
            "Anläggningschef: Eva Ljung\nKontaktperson: Olle Ek, 08-508 275 00\n",
        ),
        (
            "VB: Information om Kvalitetsutmärkelsen 2027",
            "Hej,\n\nFör kännedom: vi har skickat informationen nedan till alla enheter. "
            "Enheterna anmäler sig själva till er, så ni kan bortse från detta mejl som "
            "anmälan.\n\n/Eva\n\nFrån: Eva Ek\nSkickat: den 16 mars 2027 11:32\n"
            "Till: Alla enhetschefer\nÄmne: Information om Kvalitetsutmärkelsen 2027\n\n"
            "Hej alla!\n\nSista dag att anmäla sig är 22 mars. Förra året deltog "
            "Förskolan Ankan och Hemtjänsten Väster från oss.\n",
        ),
    ],
)
def test_mails_that_only_speak_of_a_sign_up_register_nothing(
    app: App, subject: str, body: str
) -> None:
    put(app, make_mail(body, sender="someone@stockholm.se", sender_name="Someone", subject=subject))
    cycle(app)
    assert units_of(app) == []
