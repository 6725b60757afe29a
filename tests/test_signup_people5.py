"""Issue 17: the people in mail written in a hurry (a fifth round).

An abbreviated title that is the contact too ("Fsk-chef och kontakt:"), a mobile beside a
switchboard marked after its number ("08-… vx / 070-…", "08-… (växel) el 070-…"), a first
name with only a number under it, the writer who is "pedagog och kontakt" or "kan vara
kontakt", "Kontakt samma." with the number after it, a deputy's title before the contact's
name, and a colleague named as the contact and copied in (Cc). Each mail is real MIME (built
by the tests' `make_mail`, parsed as the bot parses it) and read as the sign-up flow reads it.
"""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.signup_reading import contact_of, read_mime
from tests.test_signup_receipt import units_of


def test_an_abbreviated_title_that_is_the_contact_too() -> None:
    body = (
        "Hej, Förskolan Myrstacken i Bromma sdf anmäler sig. Fsk-chef och kontakt: Tuula"
        " Niemi, 08-508 06 314.\n/Tuula\n"
    )
    fields = read_mime(body, sender_name="Tuula Niemi", sender="tuula.niemi@stockholm.se")
    assert fields.manager_name == "Tuula Niemi"
    assert contact_of(fields) == ("Tuula Niemi", "tuula.niemi@stockholm.se", "08-508 06 314")


def test_a_mobile_beside_a_switchboard_marked_after_its_number() -> None:
    slash = (
        "Hej, vi på Kundtjänst (Micasa) anmäler oss. Chef Petra Lund, kontakt Sven Ek,"
        " sven.ek@micasa.se, 08-508 20 000 vx / 073-612 40 18.\n/Petra\n"
    )
    fields = read_mime(slash, sender_name="Petra Lund", sender="petra.lund@micasa.se")
    assert contact_of(fields) == ("Sven Ek", "sven.ek@micasa.se", "073-612 40 18")
    bracket = (
        "Medborgarkontoret, Kulturförv, anmäler sig. Chef: Petra Lund. Kontakt: Sven Ek,"
        " 08-508 31 500 (växel) el 076-118 20 44. skickat från mobilen\n"
    )
    fields = read_mime(bracket, sender_name="Petra Lund", sender="petra.lund@stockholm.se")
    assert contact_of(fields) == ("Sven Ek", None, "076-118 20 44")


def test_a_first_name_with_only_a_number_under_it_signs_the_mail() -> None:
    body = (
        "Hej! Vi i Älvsjö vill anmäla Tallbackens förskola. Jag är chef där, hör av er om"
        " något saknas.\nGöran\n08-50812345\n"
    )
    fields = read_mime(body, sender_name="Göran Lilja", sender="goran.lilja@stockholm.se")
    assert fields.manager_name == "Göran Lilja"
    assert contact_of(fields) == ("Göran Lilja", "goran.lilja@stockholm.se", "08-50812345")


def test_the_writer_whose_title_and_contact_go_together() -> None:
    titled = (
        "Hej, anmäler Förskolan Blåklockan, Enskede-Årsta-Vantör sdf. Jag är förskollärare"
        " och kontakt, 073-202 11 87. Chefen återkommer vi om.\nMaja\n"
    )
    fields = read_mime(titled, sender_name="Maja Björk", sender="maja.bjork@stockholm.se")
    assert contact_of(fields) == ("Maja Björk", "maja.bjork@stockholm.se", "073-202 11 87")
    offered = (
        "Tjena\nVi på Fritidsgården Ljusglimten (Skärholmens sdf) vill anmäla oss! Jag är"
        " fritidsledare och kan vara kontakt. Chefen är på semester.\nAdam\n070-411 28 90\n"
    )
    fields = read_mime(offered, sender_name="Adam Nyström", sender="adam.nystrom@stockholm.se")
    assert contact_of(fields) == ("Adam Nyström", "adam.nystrom@stockholm.se", "070-411 28 90")


def test_contact_same_as_the_manager_with_the_number_after_it() -> None:
    body = (
        "Vill anmäla Mottagningsenheten vuxna, sdf Norrmalm. Chef: Leena Virtanen. Kontakt"
        " samma. 072 301 44 90. Ses på kickoffen!\n"
    )
    fields = read_mime(body, sender_name="Leena Virtanen", sender="leena.virtanen@stockholm.se")
    assert fields.manager_name == "Leena Virtanen"
    assert contact_of(fields) == ("Leena Virtanen", "leena.virtanen@stockholm.se", "072 301 44 90")


def test_a_deputys_title_before_the_contacts_name() -> None:
    body = (
        "Förskolan Ekorren, Hägersten-Älvsjö sdf – vi anmäler oss!\n"
        "rektor Björn Sand, kontakt: bitr. rektor Fatima Yusuf 070-552 18 03\n//Björn\n"
    )
    fields = read_mime(body, sender_name="Björn Sand", sender="bjorn.sand@stockholm.se")
    assert fields.manager_name == "Björn Sand"
    assert contact_of(fields) == ("Fatima Yusuf", None, "070-552 18 03")


def test_the_contact_copied_in_is_reached_at_the_copied_address(app: App) -> None:
    body = (
        "Anmäler Förskolan Lodjuret, Spånga-Tensta stadsdelsförvaltning. Jag är förskolechef."
        " Ulla Dahlén (pedagogista, i kopia) blir kontakt och håller i arbetet, hon nås på"
        " 076-401 22 19.\nEsra\n"
    )
    mail = make_mail(
        body,
        sender="esra.kaya@stockholm.se",
        sender_name="Esra Kaya",
        headers={"Cc": "Ulla Dahlén <ulla.dahlen@stockholm.se>, Bo Ek <bo.ek@stockholm.se>"},
    )
    put(app, mail)
    cycle(app)
    [unit] = units_of(app)
    assert unit.manager_name == "Esra Kaya"
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Ulla Dahlén",
        "ulla.dahlen@stockholm.se",
        "076-401 22 19",
    )


def test_a_home_care_group_per_line_with_its_manager_and_contact(app: App) -> None:
    body = (
        "Hej,\nvi vill anmäla två hemtjänstgrupper i Enskede-Årsta-Vantörs"
        " stadsdelsförvaltning:\n"
        "Hemtjänst Årsta, enh.chef Helena Strand (jag) – kontakt jag, 073-540 19 22\n"
        "Hemtjänst Bandhagen, enh.chef Oskar Ljung – kontakt Oskar, oskar.ljung@stockholm.se\n"
        "/Helena\n"
    )
    put(app, make_mail(body, sender="helena.strand@stockholm.se", sender_name="Helena Strand"))
    cycle(app)
    people = [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]
    assert people == [
        (
            "Hemtjänst Årsta",
            "Helena Strand",
            "Helena Strand",
            "helena.strand@stockholm.se",
            "073-540 19 22",
        ),
        ("Hemtjänst Bandhagen", "Oskar Ljung", "Oskar Ljung", "oskar.ljung@stockholm.se", None),
    ]
