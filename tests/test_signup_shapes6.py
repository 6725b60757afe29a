"""Sign-ups in the technical shapes a mailbox gets (issue 17, fresh14): a Word form's table
of several units, label and value pairs four to a row, a city web form's notification, and
short Word or PDF letters that are neither a form nor an entry."""

from __future__ import annotations

import io
from email.message import EmailMessage

import docx
from sqlalchemy import select

from bot.demo.pdf import TextRun, write_pdf
from bot.models import InboundMessage
from bot.runner import App
from tests.conftest import cycle, put
from tests.test_signup_receipt import units_of

_DOCX = "vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(paragraphs: list[str], rows: list[list[str]], footer: str = "") -> bytes:
    """A Word document: paragraphs, then one table of the given rows, then a footer line."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    if footer:
        document.add_paragraph(footer)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _mail(body: str, sender: str, subject: str, *files: tuple[str, bytes]) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "kvalitetsutmarkelsen@stockholm.se"
    msg["Subject"] = subject
    msg.set_content(body)
    for name, data in files:
        msg.add_attachment(data, maintype="application", subtype=_DOCX, filename=name)
    return msg.as_bytes()


def _people(app: App) -> list[tuple[str | None, ...]]:
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]


def test_a_forms_table_of_units_registers_each_row_with_its_own_contact(app: App) -> None:
    """One row a unit under a heading row ("E-post kontaktperson" among the headings), the
    organisation in the title above the table."""
    form = _docx(
        [
            "Enskede-Årsta-Vantörs stadsdelsförvaltning – anmälan till Kvalitetsutmärkelsen",
            "Följande fritidsgårdar anmäler sig:",
        ],
        [
            ["Fritidsgård", "Enhetschef", "Kontaktperson", "E-post kontaktperson", "Telefon"],
            ["Fritidsgården Tornet", "Leif Ramstedt", "Nina Ek", "nina.ek@stockholm.se", ""],
            ["Fritidsgården Kupolen", "Leif Ramstedt", "Omar Haddad", "", "070-311 20 45"],
        ],
    )
    body = "Hej!\nBifogar vår anmälan för två gårdar.\n\nLeif Ramstedt\nEnhetschef\n"
    sender = "Leif Ramstedt <leif.ramstedt@stockholm.se>"
    put(app, _mail(body, sender, "Anmälan", ("Anmälan fritidsgårdar.docx", form)))
    cycle(app)
    assert _people(app) == [
        ("Fritidsgården Tornet", "Leif Ramstedt", "Nina Ek", "nina.ek@stockholm.se", None),
        ("Fritidsgården Kupolen", "Leif Ramstedt", "Omar Haddad", None, "070-311 20 45"),
    ]
    assert {u.organisation for u in units_of(app)} == {"Enskede-Årsta-Vantörs stadsdelsförvaltning"}


def test_a_form_with_label_and_value_pairs_four_to_a_row(app: App) -> None:
    form = _docx(
        ["Kvalitetsutmärkelsen 2027 – anmälningsblankett"],
        [
            ["Enhet", "Hemtjänsten Årstadal", "Förvaltning", "Enskede-Årsta-Vantörs sdf"],
            ["Chef", "Ingrid Palm", "Kontaktperson", "Rasmus Höög"],
            ["E-post", "rasmus.hoog@stockholm.se", "Telefon", ""],
        ],
    )
    sender = "Rasmus Höög <rasmus.hoog@stockholm.se>"
    put(app, _mail("Se bifogad anmälan.\n/Rasmus", sender, "Anmälan", ("blankett.docx", form)))
    cycle(app)
    assert _people(app) == [
        ("Hemtjänsten Årstadal", "Ingrid Palm", "Rasmus Höög", "rasmus.hoog@stockholm.se", None)
    ]


def test_a_forms_manager_same_as_the_contact(app: App) -> None:
    """ "Chef: samma som kontaktperson", the district under "Stadsdelsnämnd / förvaltning"."""
    form = _docx(
        ["ANMÄLAN – Kvalitetsutmärkelsen"],
        [
            ["Verksamhetens namn", "Dagverksamheten Kastanjen"],
            ["Kontaktperson", "Tuula Koskinen"],
            ["Chef", "samma som kontaktperson"],
            ["Stadsdelsnämnd / förvaltning", "Älvsjö sdn"],
            ["Telefon", "070-218 44 90"],
        ],
    )
    body = "Hej, skickar vidare Tuulas blankett.\n\nMvh\nKent Ljung\nAdministratör\n"
    sender = "Kent Ljung <kent.ljung@stockholm.se>"
    put(app, _mail(body, sender, "VB: Anmälan", ("Anmälan Kastanjen.docx", form)))
    cycle(app)
    [unit] = units_of(app)
    assert (unit.unit_name, unit.manager_name, unit.contact_name, unit.contact_phone) == (
        "Dagverksamheten Kastanjen",
        "Tuula Koskinen",
        "Tuula Koskinen",
        "070-218 44 90",
    )
    assert unit.organisation_as_written == "Älvsjö sdn"


_WEB_FORM = """<html><body><h2>Formulär: Anmälan Kvalitetsutmärkelsen 2027</h2>
<p>Ett nytt formulär har skickats in 2027-03-02 kl. 21:40.</p><table>
<tr><td><b>Enhetens namn</b></td><td>Öppna förskolan Gläntan</td></tr>
<tr><td><b>Förvaltning eller bolag</b></td><td>Spånga-Tensta sdf</td></tr>
<tr><td><b>Chef för enheten</b></td><td>Maja Grönlund</td></tr>
<tr><td><b>Kontaktperson</b></td><td>Sara Lindh</td></tr>
<tr><td><b>Kontaktpersonens e-postadress</b></td><td>sara.lindh@stockholm.se</td></tr>
<tr><td><b>Övrigt</b></td><td>Vi vill även anmäla Öppna förskolan Bäcken. Samma chef och
kontaktperson som ovan.</td></tr>
<tr><td><b>Jag godkänner att uppgifterna behandlas enligt dataskyddsförordningen</b></td>
<td>Ja</td></tr></table>
<p>Detta meddelande skickades automatiskt från e-tjänsten Formulär.</p></body></html>"""


def test_a_web_forms_notification_with_a_second_unit_in_its_free_text_field(app: App) -> None:
    """HTML only, a field/value table whose last label is a long consent sentence; the
    "Övrigt" field signs up a second unit with the same manager and contact."""
    msg = EmailMessage()
    msg["From"] = "Stockholms stad <noreply@stockholm.se>"
    msg["To"] = "kvalitetsutmarkelsen@stockholm.se"
    msg["Subject"] = "Formulär: Anmälan Kvalitetsutmärkelsen 2027"
    msg.set_content(_WEB_FORM, subtype="html")
    put(app, msg.as_bytes())
    cycle(app)
    person = ("Maja Grönlund", "Sara Lindh", "sara.lindh@stockholm.se", None)
    assert _people(app) == [
        ("Öppna förskolan Gläntan", *person),
        ("Öppna förskolan Bäcken", *person),
    ]
    assert {u.organisation for u in units_of(app)} == {"Spånga-Tensta stadsdelsförvaltning"}


def _kinds(app: App) -> list[str | None]:
    with app.sessions() as session:
        return list(session.scalars(select(InboundMessage.kind).order_by(InboundMessage.id)))


def test_a_short_word_letter_from_an_unknown_sender_is_no_entry(app: App) -> None:
    """A newsletter as a Word file names units and people: it registers nothing."""
    letter = _docx(
        ["Nyhetsbrev från Kvalitetsrådet – februari", "Årets Kvalitetsutmärkelse"],
        [["Vinnare 2026", "Förskolan Tallen, chef Eva Holm"]],
        "Anmälan är öppen till den 22 mars. Kontakt: Lisa Mård, lisa.mard@stockholm.se",
    )
    body = "Hej alla!\nHär kommer februarinumret av nyhetsbrevet som Word-fil.\n\nLisa Mård\n"
    sender = "Lisa Mård <lisa.mard@stockholm.se>"
    put(app, _mail(body, sender, "Nyhetsbrev februari", ("Nyhetsbrev.docx", letter)))
    cycle(app)
    assert units_of(app) == []
    assert _kinds(app) == ["question"]


def test_a_sign_up_in_the_body_beside_a_business_plan_is_a_sign_up(app: App) -> None:
    plan = _docx(
        ["Verksamhetsplan 2027", "Mål för året"],
        [["Mål", "Fler barn i utevistelse"], ["Uppföljning", "Varje termin"]],
    )
    body = (
        "Hej!\n\nVi vill anmäla Förskolan Lärkan, Hägersten-Älvsjö stadsdelsförvaltning, "
        "till Kvalitetsutmärkelsen. Jag är förskolechef och kontaktperson, 08-508 22 310. "
        "Vår verksamhetsplan bifogas för kännedom.\n\nHälsningar\nPia Sund\nFörskolechef\n"
    )
    sender = "Pia Sund <pia.sund@stockholm.se>"
    put(app, _mail(body, sender, "Anmälan", ("Verksamhetsplan 2027.docx", plan)))
    cycle(app)
    assert _people(app) == [
        ("Förskolan Lärkan", "Pia Sund", "Pia Sund", "pia.sund@stockholm.se", "08-508 22 310")
    ]
    assert _kinds(app) == ["signup"]


def _pdf_table(above: list[str], columns: list[list[str]]) -> bytes:
    """A PDF form: lines of text, then a table drawn a column at a time, a cell that does
    not fit wrapped onto a second line of its own (as a PDF printer lays a table out)."""
    runs = [TextRun(tuple(above), 40, 800, 10, leading=14)]
    y = 800 - 14 * (len(above) + 1)
    runs += [
        TextRun(tuple(cells), x, y, 9, leading=12)
        for x, cells in zip((40, 150, 250, 350, 490), columns, strict=True)
    ]
    return write_pdf([runs])


def test_a_pdf_forms_table_of_units_with_wrapped_cells_registers_each_row(app: App) -> None:
    pdf = _pdf_table(
        ["Anmälan - Kvalitetsutmärkelsen 2027", "Förvaltning: Idrottsförvaltningen"],
        [
            ["Verksamhet", "", "Eriksdalsbadets", "simskola", "Kampementsbadet"],
            ["Chef", "", "Lotta Berg", "", "Per Ekdahl"],
            ["Kontaktper", "son", "Jonas Wik", "", "Per Ekdahl"],
            ["E-post", "", "jonas.wik@stockholm.se", "", "per.ekdahl@stockholm.se"],
            ["Telefon", "", "076-112 33 44", "", "08-508 27 100"],
        ],
    )
    msg = EmailMessage()
    msg["From"] = "Lotta Berg <lotta.berg@stockholm.se>"
    msg["To"] = "kvalitetsutmarkelsen@stockholm.se"
    msg["Subject"] = "Anmälan två enheter"
    msg.set_content("Hej, bifogar vår anmälan.\n/Lotta")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="Anmalan.pdf")
    put(app, msg.as_bytes())
    cycle(app)
    assert _people(app) == [
        (
            "Eriksdalsbadets simskola",
            "Lotta Berg",
            "Jonas Wik",
            "jonas.wik@stockholm.se",
            "076-112 33 44",
        ),
        ("Kampementsbadet", "Per Ekdahl", "Per Ekdahl", "per.ekdahl@stockholm.se", "08-508 27 100"),
    ]
    assert {u.organisation for u in units_of(app)} == {"Idrottsförvaltningen"}


def test_one_contact_for_all_units_over_lines_that_name_the_writer_as_manager(app: App) -> None:
    """A unit's line naming the writer as its manager makes her its contact only for want of
    another: "Kontaktperson för alla tre är …" names one for all."""
    body = (
        "Hej!\n\nFarsta stadsdelsförvaltning anmäler tre boenden till Kvalitetsutmärkelsen "
        "2027:\n\nServicehuset Tallkrogen (chef: Greta Holm)\nServicehuset Hökarängen (chef: "
        "Greta Holm)\nServicehuset Sköndal (chef: Ivan Petrov)\n\nKontaktperson för alla tre "
        "är vår kvalitetsutvecklare Elin Åkesson, elin.akesson@stockholm.se, 08-508 18 200."
        "\n\nHälsningar\nGreta Holm\nEnhetschef\n"
    )
    put(app, _mail(body, "Greta Holm <greta.holm@stockholm.se>", "Anmälan tre boenden"))
    cycle(app)
    contact = ("Elin Åkesson", "elin.akesson@stockholm.se", "08-508 18 200")
    assert _people(app) == [
        ("Servicehuset Tallkrogen", "Greta Holm", *contact),
        ("Servicehuset Hökarängen", "Greta Holm", *contact),
        ("Servicehuset Sköndal", "Ivan Petrov", *contact),
    ]


def test_a_web_forms_notification_for_an_event_registers_nothing(app: App) -> None:
    """The city's form service sends every form's notification alike: "Anmälan
    Frukostseminarium" with a workplace, a manager and an address is for the event."""
    html = (
        "<html><body><h2>Formulär: Anmälan Frukostseminarium Kvalitet 2027</h2><table>"
        "<tr><td>Namn</td><td>Jens Ek</td></tr><tr><td>Arbetsplats</td>"
        "<td>Förskolan Ugglan</td></tr><tr><td>Förvaltning</td><td>Bromma sdf</td></tr>"
        "<tr><td>Chef</td><td>Ulla Sten</td></tr><tr><td>E-post</td>"
        "<td>jens.ek@stockholm.se</td></tr><tr><td>Specialkost</td><td>Vegetarisk</td></tr>"
        "</table></body></html>"
    )
    msg = EmailMessage()
    msg["From"] = "Stockholms stad <noreply@stockholm.se>"
    msg["To"] = "kvalitetsutmarkelsen@stockholm.se"
    msg["Subject"] = "Formulär: Anmälan Frukostseminarium Kvalitet 2027"
    msg.set_content(html, subtype="html")
    put(app, msg.as_bytes())
    cycle(app)
    assert units_of(app) == []


def test_a_unit_named_after_the_verb_like_an_event_is_still_signed_up(app: App) -> None:
    """Only a title ("Anmälan Inspirationsdag") names the event; after the verb comes the unit."""
    body = (
        "Hej!\n\nStockholm Globe Arena Fastigheter anmäler Evenemangsteknik. Chef: Ola Berg. "
        "Jag är kontakt: 070-311 98 76.\n\nHälsningar\nMona Lind\n"
    )
    put(app, _mail(body, "Mona Lind <mona.lind@sgaf.se>", "Anmälan KU"))
    cycle(app)
    assert _people(app) == [
        ("Evenemangsteknik", "Ola Berg", "Mona Lind", "mona.lind@sgaf.se", "070-311 98 76")
    ]
