"""Sign-up shapes from fresh parts 11, 14, 17 and 19: a district named alone in the mail's
own text over a signature's full administration name, on-call services ("-jouren") as
units, a sign-up made "på uppdrag av" a titled head, a manager named only in the subject,
a "Direktnummer" line under the contact sentence and cues joined by "+"."""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of


def _people(app: App) -> list[tuple[str | None, ...]]:
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]


def test_a_district_named_alone_is_the_organisation_as_written(app: App) -> None:
    """ "en av de minsta förskolorna i Farsta" above "Farsta stadsdelsförvaltning" in the
    signature: the district named alone is how the mail's own text writes it."""
    body = (
        "Hej,\n\nVi vill anmäla Förskolan Lönnen till Kvalitetsutmärkelsen. Förskolan Lönnen "
        "är en av de minsta förskolorna i Farsta, med tre avdelningar.\n\n"
        "Jag är rektor och kontaktperson.\n\n"
        "Med vänliga hälsningar\n\nKarin Öst\nRektor\nFörskolan Lönnen\n"
        "Farsta stadsdelsförvaltning\nStockholms stad\nDirekt: 08-508 181 20\n"
    )
    put(app, make_mail(body, sender="karin.ost@stockholm.se", sender_name="Karin Öst"))
    cycle(app)
    [unit] = units_of(app)
    assert unit.organisation == "Farsta stadsdelsförvaltning"
    assert unit.organisation_as_written == "Farsta"
    assert _people(app) == [
        ("Förskolan Lönnen", "Karin Öst", "Karin Öst", "karin.ost@stockholm.se", "08-508 181 20")
    ]


def test_on_call_services_are_units_with_their_task(app: App) -> None:
    """ "Socialjouren", "Nattjouren för unga": an on-call service is named as a compound,
    and "för …" tells which one."""
    body = (
        "Hej,\n\nVi på Socialförvaltningen anmäler Kvällsjouren för vuxna till "
        "Kvalitetsutmärkelsen. Jag är chef och kontaktperson, 076-411 20 30.\n\n"
        "/Petra Nyberg\n"
    )
    put(app, make_mail(body, sender="petra.nyberg@stockholm.se", sender_name="Petra Nyberg"))
    cycle(app)
    assert _people(app) == [
        (
            "Kvällsjouren för vuxna",
            "Petra Nyberg",
            "Petra Nyberg",
            "petra.nyberg@stockholm.se",
            "076-411 20 30",
        )
    ]


def test_a_sign_up_on_behalf_of_a_titled_head_names_the_manager(app: App) -> None:
    """ "På uppdrag av stadsbibliotekarie Olof Berg anmäler jag …": the administrator signs
    up for the head, whatever the title; the contact comes later."""
    body = (
        "Hej,\n\nPå uppdrag av stadsbibliotekarie Olof Berg anmäler jag härmed "
        "Stadsbiblioteket, Kulturförvaltningen, till Kvalitetsutmärkelsen 2027.\n\n"
        "Kontaktperson meddelas senare.\n\n"
        "Med vänlig hälsning\n\nLena Sund\nAdministratör\nKulturförvaltningen\n"
    )
    put(app, make_mail(body, sender="lena.sund@stockholm.se", sender_name="Lena Sund"))
    cycle(app)
    [unit] = units_of(app)
    assert (unit.unit_name, unit.manager_name, unit.contact_name) == (
        "Stadsbiblioteket",
        "Olof Berg",
        None,
    )


def test_a_manager_named_only_in_the_subject_is_read_from_it(app: App) -> None:
    """ "Anmälan KU 2027 / Kundtjänst Miljö / chef Per Ek" over "Se ämnesraden"."""
    put(
        app,
        make_mail(
            "Hej! Se ämnesraden. Kontaktperson är jag, Moa. 08-508 291 40\n\nMoa Lind\n",
            sender="moa.lind@stockholm.se",
            sender_name="Moa Lind",
            subject="Anmälan KU 2027 / Kundtjänsten Miljö / chef Per Ek",
        ),
    )
    cycle(app)
    assert _people(app) == [
        ("Kundtjänsten Miljö", "Per Ek", "Moa Lind", "moa.lind@stockholm.se", "08-508 291 40")
    ]


def test_a_direct_number_line_under_the_contact_sentence_is_theirs(app: App) -> None:
    """ "Kontaktperson är jag, …, teamledare.\\nDirektnummer 08-…": the writer's number."""
    body = (
        "Hej!\n\nVi på Servicecenter Syd (Serviceförvaltningen) vill anmäla oss.\n\n"
        "Avdelningschef är Tuula Rantanen.\nKontaktperson är jag, Amir Haddad, teamledare.\n"
        "Direktnummer 08-508 11 250\n\nMvh\nAmir\n"
    )
    put(app, make_mail(body, sender="amir.haddad@stockholm.se", sender_name="Amir Haddad"))
    cycle(app)
    assert _people(app) == [
        (
            "Servicecenter Syd",
            "Tuula Rantanen",
            "Amir Haddad",
            "amir.haddad@stockholm.se",
            "08-508 11 250",
        )
    ]


def test_roles_joined_by_a_plus_point_at_one_person(app: App) -> None:
    """ "rektor+kontakt Nina Holm" in a quick note: she is both."""
    body = (
        "hej\nförskolan Tallkotten (Bromma sdf) anmäler sig. rektor+kontakt Nina Holm :) "
        "tel 070-377 11 22\nmvh\n\nSkickat från min iPhone\n"
    )
    put(app, make_mail(body, sender="nina.holm@stockholm.se", sender_name="Nina Holm"))
    cycle(app)
    assert _people(app) == [
        (
            "Förskolan Tallkotten",
            "Nina Holm",
            "Nina Holm",
            "nina.holm@stockholm.se",
            "070-377 11 22",
        )
    ]


def test_the_one_to_contact_first_is_the_contact_not_the_writer(app: App) -> None:
    """ "som ni kan kontakta i första hand är vår förskollärare och kvalitetsombud …": the
    sentence names no unit and ends with the person; the writer is the manager."""
    body = (
        "Hej,\n\nFörskolan Blåklockan vill gärna vara med i Kvalitetsutmärkelsen i år.\n\n"
        "Ansvarig chef är undertecknad. Den som samordnar arbetet och som ni kan kontakta i "
        "första hand är vår förskollärare och kvalitetsombud Omar Said. Ring honom gärna på "
        "076-198 11 22.\n\nMed vänliga hälsningar\n\nEva Strand\nRektor\nFörskolan Blåklockan\n"
    )
    put(app, make_mail(body, sender="eva.strand@stockholm.se", sender_name="Eva Strand"))
    cycle(app)
    assert _people(app) == [
        ("Förskolan Blåklockan", "Eva Strand", "Omar Said", None, "076-198 11 22")
    ]
