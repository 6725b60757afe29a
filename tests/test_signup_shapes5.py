"""Sign-ups in the shapes units send them in (issue 17): attached forms, tables and several
units, and mail shaped like a form that signs nothing up."""

from __future__ import annotations

import io
from email.message import EmailMessage

import docx

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of


def _docx(title: str, rows: list[tuple[str, str]], footer: str = "") -> bytes:
    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    if footer:
        document.add_paragraph(footer)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _mail_with_form(body: str, form: bytes, *, sender: str, subject: str = "Anmälan") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "Kvalitetsutmärkelsen <kvalitetsutmarkelsen@stockholm.se>"
    msg["Subject"] = subject
    msg.set_content(body)
    msg.add_attachment(
        form,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="Anmalningsblankett.docx",
    )
    return msg.as_bytes()


def test_the_awards_own_address_on_a_half_filled_form_is_not_the_contacts(app: App) -> None:
    form = _docx(
        "Anmälan till Kvalitetsutmärkelsen",
        [
            ("Verksamhetens namn", "Bygglovsenheten Söder"),
            ("Förvaltning", "Stadsbyggnadskontoret"),
            ("Chef", "Tomas Engqvist"),
            ("Kontaktperson", ""),
            ("E-postadress", ""),
            ("Telefonnummer", ""),
        ],
        "Skicka blanketten till kvalitetsutmarkelsen@stockholm.se.",
    )
    body = (
        "Hej,\n\nJag skickar bifogad anmälan för Bygglovsenheten Söder på uppdrag av vår "
        "enhetschef Tomas Engqvist.\n\nMvh\nBirgitta Sand\nHandläggare\n"
    )
    put(app, _mail_with_form(body, form, sender="Birgitta Sand <birgitta.sand@stockholm.se>"))
    cycle(app)
    [unit] = units_of(app)
    assert (unit.unit_name, unit.manager_name) == ("Bygglovsenheten Söder", "Tomas Engqvist")
    assert unit.contact_email != "kvalitetsutmarkelsen@stockholm.se"
    assert unit.signup_status == "incomplete"


def test_a_report_that_carries_the_units_reference_is_no_sign_up_form(app: App) -> None:
    """The reference is given at sign-up: a labelled document that carries one comes after."""
    report = _docx(
        "Kvalitetsutmärkelsen 2027 – Lägesrapport",
        [
            ("Verksamhet", "Fritidsgården Stjärnan"),
            ("Förvaltning", "Hägersten-Älvsjö stadsdelsförvaltning"),
            ("Enhetschef", "Roger Falk"),
            ("Kontaktperson", "Ines Blom"),
            ("Referensnummer", "KU-2027-044"),
        ],
        "1. Ledarskap\nUnder året har vi arbetat med en gemensam värdegrund.",
    )
    body = (
        "Hej,\n\nVi är redan anmälda (KU-2027-044) och skickar här vår lägesrapport.\n\n"
        "Roger Falk\nEnhetschef, Fritidsgården Stjärnan\n"
    )
    put(
        app,
        _mail_with_form(
            body,
            report,
            sender="Roger Falk <roger.falk@stockholm.se>",
            subject="Lägesrapport Fritidsgården Stjärnan",
        ),
    )
    cycle(app)
    assert units_of(app) == []


def _registers_nothing(app: App, body: str, subject: str, sender_name: str) -> None:
    put(app, make_mail(body, subject=subject, sender_name=sender_name))
    cycle(app)
    assert units_of(app) == []


def test_a_unit_that_will_sign_up_once_it_has_checked_registers_nothing(app: App) -> None:
    body = (
        "Hej! Förskolan Lönnen kommer att anmäla sig, men jag vill prata med arbetslagen på "
        "APT nästa vecka först. Återkommer i mars med alla uppgifter.\n\nEva Ström\nRektor\n\n"
        "Skickat från min iPhone\n"
    )
    _registers_nothing(app, body, "Utmärkelsen", "Eva Ström")


def test_an_english_question_that_may_sign_up_later_registers_nothing(app: App) -> None:
    body = (
        "Hi,\n\nI manage Sunny Hill care home, run by a private provider. Are private homes "
        "allowed to take part in Kvalitetsutmärkelsen? If they are, we will probably sign up "
        "in April.\n\nKind regards,\nOlivia Grant\nManager, Sunny Hill care home\n"
    )
    _registers_nothing(app, body, "Question about the award", "Olivia Grant")


def test_people_signed_up_for_a_meeting_about_the_award_register_no_unit(app: App) -> None:
    body = (
        "Hej!\n\nVi anmäler två personer till frukostträffen om Kvalitetsutmärkelsen den 12 "
        "mars:\n\nNamn: Tove Berg\nEnhet: Hemtjänst Vällingby\nE-post: tove.berg@stockholm.se\n\n"
        "Namn: Ali Noor\nEnhet: Hemtjänst Vällingby\nE-post: ali.noor@stockholm.se\n\n"
        "Vi har inte bestämt om enheten ska anmäla sig till utmärkelsen i år.\n\n"
        "Hälsningar\nTove Berg\nEnhetschef\n"
    )
    _registers_nothing(app, body, "Anmälan till frukostträffen", "Tove Berg")
