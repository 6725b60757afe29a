"""Shapes from central staff's busy threads (issue 17, fresh24): a mail that names the
units it will sign up but sends the sign-up itself once a decision is taken."""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of


def test_units_named_for_a_sign_up_sent_after_a_decision_register_nothing(app: App) -> None:
    """ "Vi kommer att anmäla två enheter … Beslutet tas i ledningsgruppen, så anmälan med
    chefer skickar jag efter det": the units are named, but nothing is signed up yet."""
    body = (
        "Hej,\n\nVi kommer att anmäla två enheter från Farsta till Kvalitetsutmärkelsen "
        "2027: Familjecentralen Hökarängen och Fritidsgården Sköndal. Beslutet tas i "
        "ledningsgruppen den 12 mars, så den formella anmälan med chefer och "
        "kontaktpersoner skickar jag efter det.\n\n"
        "Hälsningar\nKarin Ek\nAvdelningschef\nFarsta stadsdelsförvaltning\n"
    )
    put(
        app,
        make_mail(
            body,
            sender="karin.ek@stockholm.se",
            sender_name="Karin Ek",
            subject="Kommande anmälningar",
        ),
    )
    cycle(app)
    assert units_of(app) == []


def test_a_forwarded_reply_that_answers_yes_is_the_sign_up(app: App) -> None:
    """A thread sent on: the manager's "Ja, vi kör! … kan du skicka in anmälan för
    Fritidsgården Ekorren?" answers a question ("Vill Ekorren vara med i år?"); the reply is
    the unit's sign-up, its writer the manager and contact."""
    body = (
        "Skickar vidare enligt önskemål nedan.\n/Sara\n\n"
        "-----Ursprungligt meddelande-----\n"
        "Från: Maria Lind <maria.lind@stockholm.se>\n"
        "Skickat: den 8 februari 2027 09:41\n"
        "Till: Sara Holm <sara.holm@stockholm.se>\n"
        "Ämne: SV: Ekorren och KU 2027\n\n"
        "Ja, vi kör! Sara, kan du skicka in anmälan för Fritidsgården Ekorren (Farsta "
        "stadsdelsförvaltning)? Jag är enhetschef och tar kontaktpersonsrollen själv, nå "
        "mig på 08-508 11 220.\n\nTack!\nMaria\n\n"
        "-----Ursprungligt meddelande-----\n"
        "Från: Jonas Berg <jonas.berg@stockholm.se>\n"
        "Skickat: den 5 februari 2027 16:20\n"
        "Till: Maria Lind <maria.lind@stockholm.se>\n"
        "Ämne: Ekorren och KU 2027\n\n"
        "Hej Maria,\nvill Ekorren vara med i Kvalitetsutmärkelsen i år? Sara kan i så fall "
        "skicka in till brevlådan åt er.\nHälsningar Jonas\nAvdelningschef\n"
    )
    put(
        app,
        make_mail(
            body,
            sender="sara.holm@stockholm.se",
            sender_name="Sara Holm",
            subject="VB: SV: Ekorren och KU 2027",
        ),
    )
    cycle(app)
    assert [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ] == [
        (
            "Fritidsgården Ekorren",
            "Maria Lind",
            "Maria Lind",
            "maria.lind@stockholm.se",
            "08-508 11 220",
        )
    ]
