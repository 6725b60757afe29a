"""Sign-ups and replies in the shapes people write them (issue 17, fresh13–18): a borrowed
"signar upp", a lower-case "anmäler förskolan X", a colleague greeting that signs up outright,
the call or another city prize that signs nothing up, a reply that takes its change back,
"Kontaktperson där är …" for a unit just named, and a contact named by first name whose
details stand in the quoted thread below."""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put, sent
from tests.test_signup_receipt import units_of


def _fields(app: App) -> list[tuple[str | None, ...]]:
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]


def _reply(app: App, body: str, sender: str, sender_name: str) -> None:
    receipt = sent(app)[0]
    put(app, make_mail(body, subject=f"SV: {receipt['Subject']}", sender=sender,
                       sender_name=sender_name,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)


def test_a_unit_that_signar_upp_is_signed_up(app: App) -> None:
    body = (
        "Hej! Tallkrogens fritidsgård signar upp för kvalitetsutmärkelsen. Chef: Olof Nyberg. "
        "Kontakt: Elin Sköld, elin.skold@stockholm.se. Tack!\n"
    )
    put(app, make_mail(body, sender="olof.nyberg@stockholm.se", sender_name="Olof Nyberg"))
    cycle(app)
    assert _fields(app) == [
        ("Tallkrogens fritidsgård", "Olof Nyberg", "Elin Sköld", "elin.skold@stockholm.se", None)
    ]


def test_a_lower_case_sign_up_of_a_preschool_is_read(app: App) -> None:
    body = "anmäler förskolan Blåbäret, Farsta sdf. jag är chef. 070-611 23 45\n"
    put(app, make_mail(body, sender="tove.lind@stockholm.se", sender_name="Tove Lind",
                       subject="anmälan"))  # fmt: skip
    cycle(app)
    tove = ("Tove Lind", "Tove Lind", "tove.lind@stockholm.se", "070-611 23 45")
    assert _fields(app) == [("Förskolan Blåbäret", *tove)]


def test_colleagues_greeted_and_a_unit_signed_up_outright_is_a_sign_up(app: App) -> None:
    body = (
        "Hej kollegor!\n\nVi är med i år :) Juridiska avdelningen på SLK anmäler sig härmed.\n\n"
        "Avdelningschef: Karin Ådahl\nKontaktperson: Nils Berg, nils.berg@stockholm.se\n"
        "Tel: 08-508 29 100\n\n/Nils\n"
    )
    put(app, make_mail(body, sender="nils.berg@stockholm.se", sender_name="Nils Berg"))
    cycle(app)
    assert _fields(app) == [
        (
            "Juridiska avdelningen",
            "Karin Ådahl",
            "Nils Berg",
            "nils.berg@stockholm.se",
            "08-508 29 100",
        )
    ]


def test_news_that_the_sign_up_has_opened_signs_nothing_up(app: App) -> None:
    body = (
        "Hej alla,\n\nAnmälan till Kvalitetsutmärkelsen 2027 har öppnat (sista dag 22 mars). "
        "Jag tycker att vi borde vara med, men vi beslutar på ledningsgruppen.\n\n/Petra\n"
    )
    put(app, make_mail(body, sender="petra.ek@stockholm.se", sender_name="Petra Ek",
                       subject="Ska vi vara med?"))  # fmt: skip
    cycle(app)
    assert units_of(app) == []


def test_a_sign_up_titled_for_another_city_prize_signs_nothing_up(app: App) -> None:
    body = (
        "Hej!\n\nVi vill nominera oss till Stockholms stads miljöpris 2027.\n\n"
        "Enhet: Solviks badplats\nFörvaltning: Idrottsförvaltningen\nChef: Lars Ek\n"
        "Kontaktperson: Mona Ek, 08-508 111 00\n\nHälsningar Mona\n"
    )
    put(app, make_mail(body, sender="mona.ek@stockholm.se", sender_name="Mona Ek",
                       subject="Anmälan – Stockholms stads miljöpris 2027"))  # fmt: skip
    cycle(app)
    assert units_of(app) == []


def test_a_reply_that_takes_its_change_back_changes_only_what_it_keeps(app: App) -> None:
    sender = {"sender": "ida.holm@stockholm.se", "sender_name": "Ida Holm"}
    first = (
        "Hej!\n\nVi anmäler Enheten för markfrågor på Exploateringskontoret.\n"
        "Chef: Karl Brink\nKontakt: Ida Holm, 08-508 27 100\n\nIda\n"
    )
    put(app, make_mail(first, **sender))
    cycle(app)
    _reply(
        app,
        "Hej!\n\nKontaktperson byts till Omar Said från och med maj... nej förresten, vi har "
        "pratat ihop oss och jag står kvar som kontaktperson. Däremot har mitt nummer "
        "ändrats: 076-111 22 33.\n\nIda\n",
        **sender,
    )
    assert _fields(app) == [
        (
            "Enheten för markfrågor",
            "Karl Brink",
            "Ida Holm",
            "ida.holm@stockholm.se",
            "076-111 22 33",
        )
    ]


def test_the_contact_of_a_unit_added_in_a_reply_is_read_from_kontaktperson_dar(
    app: App,
) -> None:
    sender = {"sender": "eva.lund@stockholm.se", "sender_name": "Eva Lund"}
    first = (
        "Hej,\n\nJag vill anmäla Förskolan Myran till Kvalitetsutmärkelsen 2027. Jag är "
        "förskolechef och kontaktperson, tel 08-508 22 100.\n\nEva Lund\nFörskolechef\n"
        "Enskede-Årsta-Vantör sdf\n"
    )
    put(app, make_mail(first, **sender))
    cycle(app)
    _reply(
        app,
        "Tack!\n\nVi vill även anmäla Förskolan Syrsan, som jag också är chef för. "
        "Kontaktperson där är Maja Öst, maja.ost@stockholm.se, 08-508 22 199.\n\n"
        "Hälsningar\nEva Lund\nFörskolechef\nEnskede-Årsta-Vantör sdf\n",
        **sender,
    )
    eva = ("Eva Lund", "Eva Lund", "eva.lund@stockholm.se", "08-508 22 100")
    assert _fields(app) == [
        ("Förskolan Myran", *eva),
        ("Förskolan Syrsan", "Eva Lund", "Maja Öst", "maja.ost@stockholm.se", "08-508 22 199"),
    ]


def test_a_contact_named_by_first_name_is_completed_from_the_quoted_answer(app: App) -> None:
    body = (
        "Hej!\n\nJag anmäler härmed Stadsdelsteamet Bagarmossen till Kvalitetsutmärkelsen "
        "2027 och lägger utmärkelsen i kopia. Lisa blir kontaktperson enligt nedan.\n\n"
        "Jonas Falk\nEnhetschef\nSkarpnäcks stadsdelsförvaltning\n\n"
        "Från: Lisa Norén <lisa.noren@stockholm.se<mailto:lisa.noren@stockholm.se>>\n"
        "Skickat: den 17 februari 2027 08:55\n"
        "Till: Jonas Falk <jonas.falk@stockholm.se<mailto:jonas.falk@stockholm.se>>\n"
        "Ämne: SV: Kvalitetsutmärkelsen\n\n"
        "Hej Jonas,\njag kan gärna vara kontaktperson om vi anmäler oss!\n\n"
        "Lisa Norén\nSamordnare\nMobil 070-233 44 55\n\n"
        "Från: Jonas Falk <jonas.falk@stockholm.se<mailto:jonas.falk@stockholm.se>>\n"
        "Skickat: den 16 februari 2027 17:30\n"
        "Till: Lisa Norén <lisa.noren@stockholm.se<mailto:lisa.noren@stockholm.se>>\n"
        "Ämne: Kvalitetsutmärkelsen\n\n"
        "Ska vi anmäla oss i år? Någon behöver vara kontaktperson.\n/J\n"
    )
    put(app, make_mail(body, sender="jonas.falk@stockholm.se", sender_name="Jonas Falk",
                       subject="SV: Kvalitetsutmärkelsen"))  # fmt: skip
    cycle(app)
    assert _fields(app) == [
        (
            "Stadsdelsteamet Bagarmossen",
            "Jonas Falk",
            "Lisa Norén",
            "lisa.noren@stockholm.se",
            "070-233 44 55",
        )
    ]
