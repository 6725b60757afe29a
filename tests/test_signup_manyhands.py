"""Sign-ups from many hands (fresh23's kinds): a hurried mail headed "Anmälan.", a borrowed
"joina", a unit label that goes on in prose, a sign-up made on a named colleague's behalf
("Hon är rektor på …"), details only in the subject line ("Se ämnesraden"), and "han är
också kontakt" after a comma."""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of


def _people(app: App) -> list[tuple[str | None, ...]]:
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]


def test_a_bare_heading_and_a_subject_of_one_word_sign_up(app: App) -> None:
    """ "anmälan." is the mail's heading, not a question about signing up."""
    body = (
        "anmälan. fsk Tallkotten, chef jag. /Eva\n\n--\nEva Lund\n"
        "Förskolechef, Förskolan Tallkotten\nSkarpnäcks stadsdelsförvaltning\n"
        "Tel 08-508 22 310\n"
    )
    put(
        app,
        make_mail(body, sender="eva.lund@stockholm.se", sender_name="Eva Lund", subject="anmälan"),
    )
    cycle(app)
    assert _people(app) == [
        ("Förskolan Tallkotten", "Eva Lund", "Eva Lund", "eva.lund@stockholm.se", "08-508 22 310")
    ]


def test_a_borrowed_join_signs_up_and_the_label_stops_before_the_prose(app: App) -> None:
    """ "We vill joina Kvalitetsutmärkelsen"; "Team name: X, vi sitter på Y" names X."""
    body = (
        "Hej!\n\nWe vill joina Kvalitetsutmärkelsen med vårt team. Team name: Lönecenter "
        "Syd, vi sitter på Serviceförvaltningen. Manager är Ola Persson. Contact person: me, "
        "Tran Van Minh, mobile 070-318 22 41.\n\nThanks / Tack!\nMinh\n"
    )
    put(
        app,
        make_mail(
            body,
            sender="van.minh.tran@stockholm.se",
            sender_name="Tran Van Minh",
            subject="Signup KU2027",
        ),
    )
    cycle(app)
    [unit] = units_of(app)
    assert (unit.unit_name, unit.organisation, unit.manager_name) == (
        "Lönecenter Syd",
        "Serviceförvaltningen",
        "Ola Persson",
    )
    assert (unit.contact_name, unit.contact_phone) == ("Tran Van Minh", "070-318 22 41")


def test_a_sign_up_on_a_named_colleagues_behalf(app: App) -> None:
    """ "Jag anmäler för Eva Lind som är sjuk. Hon är rektor på …": she is the manager."""
    body = (
        "Hej,\n\nJag anmäler för Sofia Berglund som är sjukskriven den här veckan. Hon är "
        "rektor på Rinkebyskolan (Utbildningsförvaltningen) och vill själv vara "
        "kontaktperson: sofia.berglund@edu.stockholm.se.\n\nVänligen\nPer Ek\nSkoladministratör\n"
    )
    put(
        app,
        make_mail(
            body,
            sender="per.ek@edu.stockholm.se",
            sender_name="Per Ek",
            subject="Anmälan Rinkebyskolan",
        ),
    )
    cycle(app)
    assert _people(app) == [
        (
            "Rinkebyskolan",
            "Sofia Berglund",
            "Sofia Berglund",
            "sofia.berglund@edu.stockholm.se",
            None,
        )
    ]


def test_details_only_in_the_subject_line_are_read(app: App) -> None:
    """ "Se ämnesraden :)": the subject carries the unit, the manager and the contact."""
    put(
        app,
        make_mail(
            "Se ämnesraden :)\n\n/Maja\n",
            sender="maja.holm@stockholm.se",
            sender_name="Maja Holm",
            subject="Anmälan KU 2027: Förskolan Myran, Bromma sdf, chef Ida Sjö, kontakt "
            "Maja Holm 08-508 07 412",
        ),
    )
    cycle(app)
    [unit] = units_of(app)
    assert (unit.unit_name, unit.organisation, unit.manager_name, unit.contact_name) == (
        "Förskolan Myran",
        "Bromma stadsdelsförvaltning",
        "Ida Sjö",
        "Maja Holm",
    )
    assert unit.contact_phone == "08-508 07 412"


def test_he_is_also_the_contact_after_a_comma(app: App) -> None:
    """ "Sektionschef är X, han är också kontakt, mejl, telefon": X is the contact."""
    body = (
        "Hej hej,\n\nVi på Jobbtorg Kista vill anmäla. Vi är Arbetsmarknadsförvaltningen. "
        "Sektionschef är Karim Haddad, han är också kontakt, karim.haddad@stockholm.se, "
        "08-508 355 12. Jag bara skriver för han har inte tid idag.\n\nRania\n"
    )
    put(
        app,
        make_mail(
            body,
            sender="rania.saleh@stockholm.se",
            sender_name="Rania Saleh",
            subject="Jobbtorg anmälan",
        ),
    )
    cycle(app)
    assert _people(app) == [
        (
            "Jobbtorg Kista",
            "Karim Haddad",
            "Karim Haddad",
            "karim.haddad@stockholm.se",
            "08-508 355 12",
        )
    ]
