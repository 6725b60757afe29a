"""Shapes from central staff's busy threads (issue 17, fresh24): a mail that names the
units it will sign up but sends the sign-up itself once a decision is taken."""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of


def test_units_named_for_a_sign_up_sent_after_a_decision_register_nothing(app: App) -> None:
    """"Vi kommer att anmäla två enheter … Beslutet tas i ledningsgruppen, så anmälan med
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
