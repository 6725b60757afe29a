"""Shapes a later rule must not take from an earlier one: a dashed list whose last unit's
manager "has two units", ordinal paragraphs each with its own people, a writer who is only
acting and asks for the ordinary manager, and a .docx form whose label is "Chef för enheten"."""

from __future__ import annotations

import io
from email.message import EmailMessage

import docx

from bot.runner import App
from tests.conftest import cycle, make_mail, put, sent
from tests.test_signup_receipt import units_of


def _people(app: App) -> list[tuple[str | None, ...]]:
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]


def test_a_count_in_the_last_list_items_aside_is_no_lead_in(app: App) -> None:
    """ "– Servicebostaden …, chef Eva Lind (hon har två enheter)" is the list's last unit,
    not the writer's group that leads in to the others."""
    body = (
        "Hej!\n\nAttendo anmäler tre av våra LSS-enheter i Stockholm:\n\n"
        "– Gruppbostaden Solrosen, chef Eva Lind\n"
        "– Gruppbostaden Vallmon, chef Kerstin Moberg\n"
        "– Servicebostaden Blåklinten, chef Eva Lind (hon har två enheter)\n\n"
        "Kontaktperson för alla tre är jag.\n\n"
        "Johan Alm, kvalitetsansvarig, Attendo\njohan.alm@attendo.se, 073-111 22 33\n"
    )
    put(app, make_mail(body, sender="johan.alm@attendo.se", sender_name="Johan Alm"))
    cycle(app)
    contact = ("Johan Alm", "johan.alm@attendo.se", "073-111 22 33")
    assert _people(app) == [
        ("Gruppbostaden Solrosen", "Eva Lind", *contact),
        ("Gruppbostaden Vallmon", "Kerstin Moberg", *contact),
        ("Servicebostaden Blåklinten", "Eva Lind", *contact),
    ]


def test_ordinal_paragraphs_keep_each_units_later_sentences(app: App) -> None:
    """ "Den första är …" and "Den andra är …" each open a paragraph: "Olle är själv
    kontaktperson …" in the second paragraph is the second unit's, not said for all."""
    body = (
        "Hej,\n\nNorrmalms stadsdelsförvaltning vill anmäla två enheter.\n\n"
        "Den första är Förskolan Ekorren på Vasastan. Förskolechef är Lena Ström och "
        "kontaktperson är vår pedagogista Sam Nilsson (sam.nilsson@stockholm.se, "
        "08-508 11 111).\n\n"
        "Den andra är Hemtjänsten Norrmalm Östra, där Olle Hed är enhetschef. Olle är själv "
        "kontaktperson och nås på olle.hed@stockholm.se eller 076-222 33 44.\n\n"
        "Vänligen\nKarin Ek\nKvalitetsutvecklare\nNorrmalms stadsdelsförvaltning\n"
    )
    put(app, make_mail(body, sender="karin.ek@stockholm.se", sender_name="Karin Ek"))
    cycle(app)
    assert _people(app) == [
        (
            "Förskolan Ekorren",
            "Lena Ström",
            "Sam Nilsson",
            "sam.nilsson@stockholm.se",
            "08-508 11 111",
        ),
        (
            "Hemtjänsten Norrmalm Östra",
            "Olle Hed",
            "Olle Hed",
            "olle.hed@stockholm.se",
            "076-222 33 44",
        ),
    ]


def test_a_writer_only_acting_asks_for_the_ordinary_manager(app: App) -> None:
    """ "jag är bara tf chef till och med februari. Ordinarie förskolechef är X, kan ni
    ändra till henne?": the ordinary manager is registered, the contact stays."""
    sender = {"sender": "per.lund@stockholm.se", "sender_name": "Per Lund"}
    signup = (
        "Hej!\n\nSkarpnäcks stadsdelsförvaltning anmäler Förskolan Snäckan.\n"
        "Chef: Per Lund\nKontaktperson: Mona Berg, mona.berg@stockholm.se, 08-508 15 100\n\n"
        "Mvh Per\n"
    )
    put(app, make_mail(signup, **sender))
    cycle(app)
    receipt = sent(app)[0]
    answer = (
        "Hej, en sak: jag är bara tf chef till och med februari. Ordinarie förskolechef är "
        "Ingrid Sand, kan ni ändra till henne? Kontaktperson är fortfarande Mona.\n\nPer\n"
    )
    put(app, make_mail(answer, subject=f"SV: {receipt['Subject']}", **sender,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    assert _people(app) == [
        ("Förskolan Snäckan", "Ingrid Sand", "Mona Berg", "mona.berg@stockholm.se", "08-508 15 100")
    ]


def test_a_docx_forms_long_manager_label_in_its_own_cell(app: App) -> None:
    """A form's table: "Chef för enheten" in one cell, the name in the next."""
    document = docx.Document()
    document.add_heading("Anmälan – Kvalitetsutmärkelsen 2027", level=1)
    rows = (
        ("Enhetens namn", "Förskolan Penseln"),
        ("Förvaltning/bolag", "Kungsholmens sdf"),
        ("Chef för enheten", "Ewa Malinowska"),
        ("Kontaktperson", "Jonas Falk"),
        ("Kontaktpersonens e-post", "jonas.falk@stockholm.se"),
        ("Telefon", "08-508 08 100"),
    )
    table = document.add_table(rows=len(rows), cols=2)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    data = io.BytesIO()
    document.save(data)
    msg = EmailMessage()
    msg["From"] = "Charlotte Berg <charlotte.berg@stockholm.se>"
    msg["To"] = "kvalitetsutmarkelsen@stockholm.se"
    msg["Subject"] = "Anmälan"
    msg.set_content("Hej, bifogar vår ifyllda blankett.\n\nMvh Charlotte\n")
    msg.add_attachment(
        data.getvalue(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="anmalan.docx",
    )
    put(app, msg.as_bytes())
    cycle(app)
    assert _people(app) == [
        (
            "Förskolan Penseln",
            "Ewa Malinowska",
            "Jonas Falk",
            "jonas.falk@stockholm.se",
            "08-508 08 100",
        )
    ]
    assert units_of(app)[0].organisation == "Kungsholmens stadsdelsförvaltning"
