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


def _units(app: App, body: str, **mail: str) -> list[tuple[str | None, ...]]:
    put(app, make_mail(body, **mail))
    cycle(app)
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_phone, u.signup_status)
        for u in units_of(app)
    ]


def test_units_each_under_their_kind_as_label_are_registered_each(app: App) -> None:
    """A table's cells, one per line: "Boende:" heads each unit's block as "Enhet:" would."""
    body = (
        "Hej!\n\nVi anmäler två av våra boenden till Kvalitetsutmärkelsen 2027:\n\n\n"
        "Boende: Gruppbostaden Ekbacken\nEnhetschef: Sofia Rask\nKontaktperson: Sofia Rask\n"
        "Telefon: 08-508 40 120\n\nBoende: Gruppbostaden Lönnvägen\nEnhetschef: Sofia Rask\n"
        "Kontaktperson: Pelle Ahl\nTelefon: 08-508 40 133\n\n\nHälsningar\n\nSofia Rask\n\n"
        "Enhetschef\n\nHässelby-Vällingby stadsdelsförvaltning\n"
    )
    units = _units(app, body, subject="Anmälan boenden", sender_name="Sofia Rask")
    assert [u[:4] for u in units] == [
        ("Gruppbostaden Ekbacken", "Sofia Rask", "Sofia Rask", "08-508 40 120"),
        ("Gruppbostaden Lönnvägen", "Sofia Rask", "Pelle Ahl", "08-508 40 133"),
    ]


def test_a_vacant_managers_post_is_not_filled_by_the_writer(app: App) -> None:
    body = (
        "Hej,\n\nVi anmäler härmed två enheter till Kvalitetsutmärkelsen 2027:\n\n\n"
        "Enhet: Hemtjänst Vantör\nChef: Amira Said\nKontaktperson: Amira Said\n"
        "Telefon: 08-508 22 310\n\nEnhet: Träffpunkt Rågsved\nChef: vakant, rekrytering pågår\n"
        "Kontaktperson: Olle Berg\nTelefon: 08-508 22 355\n\n\nMvh\n\nKarin Lind\n\n"
        "Avdelningschef, Äldreomsorg\n\nEnskede-Årsta-Vantörs stadsdelsförvaltning\n"
    )
    units = _units(app, body, subject="Anmälan två enheter", sender_name="Karin Lind")
    assert [(u[0], u[1], u[4]) for u in units] == [
        ("Hemtjänst Vantör", "Amira Said", "registered"),
        ("Träffpunkt Rågsved", None, "incomplete"),
    ]


def test_a_second_unit_in_a_paragraph_of_its_own_that_also_signs_up(app: App) -> None:
    """No count says there are two; "också" and the "båda" that sums them up do."""
    body = (
        "Hej!\n\nFritidsgården Tornet i Bagarmossen vill gärna anmäla sig. Chef är Nils Ek och "
        "kontaktperson blir jag, Rosa Lind, rosa.lind@stockholm.se, 070-123 45 67.\n\n"
        "Vår grannverksamhet Fritidsgården Ljuset vill också vara med. Där är det samma chef, "
        "men kontakt är Omid Rahimi, omid.rahimi@stockholm.se, 070-765 43 21.\n\n"
        "Båda tillhör Skarpnäcks stadsdelsförvaltning.\n\nHälsningar\nRosa\n"
    )
    units = _units(app, body, subject="Anmälan Tornet och Ljuset", sender_name="Rosa Lind")
    assert [u[:4] for u in units] == [
        ("Fritidsgården Tornet", "Nils Ek", "Rosa Lind", "070-123 45 67"),
        ("Fritidsgården Ljuset", "Nils Ek", "Omid Rahimi", "070-765 43 21"),
    ]
