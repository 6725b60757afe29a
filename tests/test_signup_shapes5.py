"""Sign-ups in the shapes units send them in (issue 17): attached forms, tables and several
units, and mail shaped like a form that signs nothing up."""

from __future__ import annotations

import io
from email.message import EmailMessage

import docx

from bot.runner import App
from tests.conftest import cycle, put
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
