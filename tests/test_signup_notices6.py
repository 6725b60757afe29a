"""Mail to the award that registers no unit however much it looks like a sign-up: a
supplier's invoice (with its PDF, or in the text), a circular to a group of managers that
passes the award's call on or shows a sign-up as an example, and people signed up for an
event named right after "Anmälan". Real MIME through the app, real database.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.documents.docfactory import make_pdf
from tests.test_signup_receipt import units_of


def _invoice_with_pdf(body: str, subject: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Ekonomi Festlokalen <ekonomi@festlokalen.se>"
    msg["To"] = "kvalitetsutmarkelsen@stockholm.se"
    msg["Subject"] = subject
    msg.set_content(body)
    pdf = make_pdf("FAKTURA 7731\nFestlokalen i Sthlm AB\nAtt betala: 12 400 kr")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="Faktura 7731.pdf")
    return msg.as_bytes()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Faktura 7731",
            "Hej,\n\nBifogar faktura 7731 avseende lokalhyra vid Kvalitetsutmärkelsens "
            "prisutdelning.\n\nMed vänlig hälsning\nEkonomi\nFestlokalen i Sthlm AB\n",
        ),
        (
            "Prisutdelningen 2026",
            "Hej!\n\nAvser blomsterdekorationer till Kvalitetsutmärkelsen.\n\nReferens: "
            "Stadsledningskontoret\nBelopp: 6 300 kr\nFörfallodatum: 2027-03-30\n"
            "Bankgiro: 123-4567\n\nBlomsterhörnan AB\n",
        ),
    ],
)
def test_an_invoice_with_its_pdf_registers_no_unit(app: App, subject: str, body: str) -> None:
    """A bill for the ceremony names the award and carries a PDF: no entry, no unit."""
    put(app, _invoice_with_pdf(body, subject))
    cycle(app)
    assert units_of(app) == []


def test_an_invoice_in_the_text_registers_no_unit(app: App) -> None:
    body = (
        "Hej!\n\nHär kommer faktura 5512 för kaffe och smörgåsar till Kvalitetsutmärkelsens "
        "informationsmöte.\n\nAtt betala: 2 150 kr\nOCR: 55120091\n\nVänliga hälsningar\n"
        "Café Lyktan AB\n"
    )
    put(app, make_mail(body, sender="kassa@lyktan.se", sender_name="Café Lyktan",
                       subject="Faktura 5512"))  # fmt: skip
    cycle(app)
    assert units_of(app) == []


CIRCULAR = """\
Till förskolecheferna i Enskede-Årsta-Vantörs stadsdelsförvaltning

Nu går det att anmäla sig till Kvalitetsutmärkelsen 2027, senast den 22 mars. Vill ni vara med skickar ni ett mejl till kvalitetsutmarkelsen@stockholm.se.

Så här kan en anmälan se ut:
Enhet: Förskolan Namn
Chef: Förnamn Efternamn
Kontaktperson: Förnamn Efternamn, fornamn.efternamn@stockholm.se

Hälsningar
Leila Nasser
Utvecklingsledare, Enskede-Årsta-Vantörs stadsdelsförvaltning
"""

FYI = """\
Hej alla rektorer,

FYI – Kvalitetsutmärkelsen öppnar snart. Prata med mig innan ni anmäler er skola så vi vet vilka som vill vara med.

/Jonas, grundskolechef Söderort

Från: Kvalitetsutmärkelsen <kvalitetsutmarkelsen@stockholm.se>
Skickat: den 1 februari 2027 09:00
Ämne: Kvalitetsutmärkelsen 2027

Nu öppnar anmälan! Skicka enhetens namn, chef och kontaktperson till oss.
"""


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Information om Kvalitetsutmärkelsen 2027", CIRCULAR),
        ("VB: Kvalitetsutmärkelsen 2027", FYI),
    ],
)
def test_a_circular_to_a_group_of_managers_registers_no_unit(
    app: App, subject: str, body: str
) -> None:
    """Greeting managers or colleagues as a group, or showing a sign-up as an example with
    placeholders, the mail tells others how to sign up; the award in copy registers nothing."""
    put(app, make_mail(body, sender="leila.nasser@stockholm.se", sender_name="Leila Nasser",
                       subject=subject))  # fmt: skip
    cycle(app)
    assert units_of(app) == []


def test_a_sign_up_that_greets_the_award_staff_as_colleagues_registers_its_unit(app: App) -> None:
    body = (
        "Hej kollegor på Kvalitetsutmärkelsen!\n\nVi anmäler Fritidsgården Kärrtorp, Skarpnäcks "
        "sdf. Chef och kontakt är jag, 070-118 22 45.\n\nPetra Lund\nEnhetschef\n"
    )
    put(app, make_mail(body, sender="petra.lund@stockholm.se", sender_name="Petra Lund"))
    cycle(app)
    assert [u.unit_name for u in units_of(app)] == ["Fritidsgården Kärrtorp"]


def test_people_signed_up_for_an_event_named_after_anmalan_register_no_unit(app: App) -> None:
    """ "Anmälan Kvalitetsdagen 4/3" with the people listed: the event follows the word."""
    body = (
        "Hej!\nVi kommer två från Boendestödet Farsta:\nLinnea Ek (enhetschef)\n"
        "Omar Said (stödassistent)\nEn vegetarisk lunch.\n/Linnea\n"
    )
    put(app, make_mail(body, sender="linnea.ek@stockholm.se", sender_name="Linnea Ek",
                       subject="Anmälan Inspirationsdagen 12/3"))  # fmt: skip
    cycle(app)
    assert units_of(app) == []


def test_a_sign_up_that_greets_colleagues_and_signs_up_outright_registers_its_unit(
    app: App,
) -> None:
    """The award's staff may be the writer's colleagues: a unit signed up for the award
    outright outweighs a circular's greeting."""
    body = (
        "Hej kollegor,\n\nLönecenter på Serviceförvaltningen anmäler sig till "
        "Kvalitetsutmärkelsen 2027. Chef är Sara Holm. Kontaktperson blir jag, 070-441 28 10."
        "\n\nHälsningar\nNils Ek\n"
    )
    put(app, make_mail(body, sender="nils.ek@stockholm.se", sender_name="Nils Ek"))
    cycle(app)
    assert [u.unit_name for u in units_of(app)] == ["Lönecenter"]


def test_a_unit_named_by_an_event_word_after_the_verb_is_signed_up(app: App) -> None:
    """ "anmäler Evenemangsenheten": a unit whose name holds an event's word, after the verb."""
    body = (
        "Hej!\n\nKulturhuset Stadsteatern anmäler Evenemangsenheten. Chef: Per Ahl. Jag (Lisa "
        "Fors) är kontakt: 070-311 45 62.\n\nLisa\n"
    )
    put(app, make_mail(body, sender="lisa.fors@kulturhusetstadsteatern.se",
                       sender_name="Lisa Fors", subject="Anmälan KU"))  # fmt: skip
    cycle(app)
    assert [u.unit_name for u in units_of(app)] == ["Evenemangsenheten"]
