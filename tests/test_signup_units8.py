"""Unit names and people in the shapes of fresh18/fresh20: a lower-case "enhet" before a
name, a provider's genitive and lower-case type words before a capitalised name, two
departments named by their task with a place after a comma, English manager labels, a
manager said to be away, "samma enhet" pointing at a name, an English "Our unit, X,", a
subject joining a department and its preschool, and the writer's work address given from
a private one."""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of


def _rows(app: App) -> list[tuple[str | None, ...]]:
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]


def test_a_lower_case_unit_word_after_the_owner_is_no_part_of_the_name(app: App) -> None:
    body = (
        "Hej!\n\nPå uppdrag av vår chef Per Holm anmäler jag Micasas enhet Fastighetsservice "
        "Norr till Kvalitetsutmärkelsen 2027.\n\nMvh\nSara Lind\nAssistent\nMicasa Fastigheter\n"
    )
    put(app, make_mail(body, sender="sara.lind@micasa.se", sender_name="Sara Lind"))
    cycle(app)
    assert [u.unit_name for u in units_of(app)] == ["Fastighetsservice Norr"]


def test_a_providers_kind_of_unit_in_lower_case_before_its_name(app: App) -> None:
    body = (
        "Hej,\n\nAttendos dagliga verksamhet Verkstan Söder anmäler sig till "
        "Kvalitetsutmärkelsen 2027. Jag är chef.\n\nKontaktperson är Lina Berg, 070-112 23 34.\n\n"
        "Mvh Olle Sand\nAttendo\n"
    )
    put(app, make_mail(body, sender="olle.sand@attendo.se", sender_name="Olle Sand"))
    cycle(app)
    assert _rows(app) == [("Verkstan Söder", "Olle Sand", "Lina Berg", None, "070-112 23 34")]


def test_two_departments_named_by_their_task_and_place(app: App) -> None:
    body = (
        "Hej,\n\nVi på Trafikkontoret anmäler två avdelningar:\n\n"
        "Avdelningen för gatudrift, Västerort\nChef och kontakt: Nils Ek, 08-508 261 10\n\n"
        "Avdelningen för gatudrift, Söderort\nChef och kontakt: Maja Holm, maja.holm@stockholm.se\n"
        "\nHälsningar\nNils Ek\nAvdelningschef\nTrafikkontoret\n"
    )
    put(app, make_mail(body, sender="nils.ek@stockholm.se", sender_name="Nils Ek"))
    cycle(app)
    assert _rows(app) == [
        ("Avdelningen för gatudrift, Västerort", "Nils Ek", "Nils Ek", "nils.ek@stockholm.se",
         "08-508 261 10"),
        ("Avdelningen för gatudrift, Söderort", "Maja Holm", "Maja Holm",
         "maja.holm@stockholm.se", None),
    ]  # fmt: skip


def test_an_english_title_over_the_manager_is_a_manager_label(app: App) -> None:
    body = (
        "Hello,\n\nWe would like to register Guest Services, the visitor team at Kulturhuset "
        "Stadsteatern, for the Quality Award 2027.\n\nHead of Guest Services: Karl Strand\n"
        "Contact person: Emma Wood\nPhone: +46 8 506 200 11\n\nKind regards,\nEmma Wood\n"
    )
    put(
        app, make_mail(body, sender="emma.wood@kulturhusetstadsteatern.se", sender_name="Emma Wood")
    )
    cycle(app)
    assert [u.manager_name for u in units_of(app)] == ["Karl Strand"]


def test_a_manager_away_names_no_manager(app: App) -> None:
    body = (
        "Hej,\n\nJag är handläggare på Mottagningsenheten Söder och vill anmäla oss till "
        "Kvalitetsutmärkelsen 2027. Vår chef är på semester just nu, jag återkommer med "
        "hennes namn.\n\nNi når mig på 08-508 111 22.\n\nMvh Tove Ring\n"
    )
    put(app, make_mail(body, sender="tove.ring@stockholm.se", sender_name="Tove Ring"))
    cycle(app)
    assert [(u.manager_name, u.contact_name) for u in units_of(app)] == [(None, "Tove Ring")]


def test_the_same_unit_as_last_year_is_the_one_named_after_it(app: App) -> None:
    body = (
        "Hej!\n\nVi anmäler oss igen i år! Samma enhet som förra året, "
        "Bullerenheten på Miljöförvaltningen. Enhetschef är Eva Sten och kontaktperson är jag.\n"
        "\nBo Dahl\nUtredare\nTfn 08-508 28 700\n"
    )
    put(app, make_mail(body, sender="bo.dahl@stockholm.se", sender_name="Bo Dahl",
                       subject="Frågor och anmälan"))  # fmt: skip
    cycle(app)
    assert [u.unit_name for u in units_of(app)] == ["Bullerenheten"]


def test_an_english_unit_set_off_after_our_unit(app: App) -> None:
    body = (
        "Hi,\n\nI'm writing to register our unit for the Quality Award 2027. Our unit, "
        "Visit Söder, is part of Stockholm Business Region AB. Our Head of Unit is Anna Kroon. "
        "I will be the contact person, on +46 8 508 280 99.\n\nBest regards,\nTom Baker\n"
    )
    put(app, make_mail(body, sender="tom.baker@stockholmbusinessregion.se", sender_name="Tom Baker",
                       subject="Registration – Quality Award 2027"))  # fmt: skip
    cycle(app)
    assert [u.unit_name for u in units_of(app)] == ["Visit Söder"]


def test_the_whole_preschool_signs_up_not_the_writers_department(app: App) -> None:
    body = (
        "Hej!\n\nJag jobbar på avdelning Myran på förskolan Ekbacken. Det är hela förskolan "
        "som vill anmäla sig, inte bara vår avdelning.\n\nFörskolechef är Eva Holm. Jag är "
        "kontaktperson, 070-529 00 11.\n\nHälsningar\nLisa Ahl\nFörskollärare\n"
    )
    put(app, make_mail(body, sender="lisa.ahl@stockholm.se", sender_name="Lisa Ahl",
                       subject="Myran/Ekbacken – Kvalitetsutmärkelsen"))  # fmt: skip
    cycle(app)
    assert [u.unit_name for u in units_of(app)] == ["Förskolan Ekbacken"]


def test_the_writers_work_address_given_from_a_private_one(app: App) -> None:
    body = (
        "Hej, skriver från privata mejlen. Svara gärna till min jobbadress "
        "ali.noor@stockholm.se.\n\nVi vill anmäla Fältgruppen City (Socialförvaltningen) till "
        "Kvalitetsutmärkelsen 2027. Chef är Johan Lilja. Jag är kontaktperson, mobil "
        "0733-11 22 33.\n\nAli Noor\n"
    )
    put(app, make_mail(body, sender="ali.noor77@gmail.com", sender_name="Ali Noor"))
    cycle(app)
    assert [(u.contact_name, u.contact_email) for u in units_of(app)] == [
        ("Ali Noor", "ali.noor@stockholm.se")
    ]
