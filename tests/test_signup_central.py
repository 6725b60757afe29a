"""Sign-ups sent by staff who are not at the unit (fresh24): an area manager's labelled
blocks where each manager is the contact, numbered units with "chef och kontaktperson" on
the unit's line, a hyphenated "LSS-verksamheter" count, a youth centre's name, one unit
joining and another staying out, and a cheer for the people above the sign-up."""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of


def _people(app: App) -> list[tuple[str | None, ...]]:
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]


def test_each_managers_labelled_lines_are_their_own_details(app: App) -> None:
    """ "Varje enhetschef är själv kontaktperson" over blocks of "Enhet:", "Enhetschef:",
    "E-post:", "Telefon:": the labelled details below the manager are the manager's."""
    body = (
        "Hej,\n\nSom avdelningschef anmäler jag nedanstående två enheter till "
        "Kvalitetsutmärkelsen 2027. Varje enhetschef är själv kontaktperson för sin enhet.\n\n"
        "Enhet: Hemtjänsten Bagarmossen\nEnhetschef: Lotta Ek\n"
        "E-post: lotta.ek@stockholm.se\nTelefon: 08-508 11 234\n\n"
        "Enhet: Servicehuset Skarpnäck\nEnhetschef: Omar Said\n"
        "E-post: omar.said@stockholm.se\nTelefon: 070-111 22 33\n\n"
        "Hälsningar\nKjell Berg\nAvdelningschef\nSkarpnäcks stadsdelsförvaltning\n"
    )
    put(app, make_mail(body, sender="kjell.berg@stockholm.se", sender_name="Kjell Berg"))
    cycle(app)
    assert _people(app) == [
        (
            "Hemtjänsten Bagarmossen",
            "Lotta Ek",
            "Lotta Ek",
            "lotta.ek@stockholm.se",
            "08-508 11 234",
        ),
        (
            "Servicehuset Skarpnäck",
            "Omar Said",
            "Omar Said",
            "omar.said@stockholm.se",
            "070-111 22 33",
        ),
    ]


def test_numbered_units_with_manager_and_contact_on_their_line(app: App) -> None:
    """ "1) Kassan Hötorget entré – chef och kontaktperson …": a name that runs on into
    a lower-case word (or a place in brackets) before the dash is the unit, not a person."""
    body = (
        "Hej,\n\nStadsbiblioteket AB anmäler två enheter till Kvalitetsutmärkelsen 2027:\n\n"
        "1) Kassan Hötorget entré – chef och kontaktperson Lena Ahl, lena.ahl@sbab.se\n"
        "2) Läsesalen Kajen (vår filial i Högdalen) – chef och kontaktperson Erik Moe, "
        "erik.moe@sbab.se, 08-555 123 45\n\n"
        "Jag skickar in på deras uppdrag.\n\nHälsningar\nSara Lind\nHR-partner\n"
    )
    put(app, make_mail(body, sender="sara.lind@sbab.se", sender_name="Sara Lind"))
    cycle(app)
    assert _people(app) == [
        ("Kassan Hötorget entré", "Lena Ahl", "Lena Ahl", "lena.ahl@sbab.se", None),
        ("Läsesalen Kajen", "Erik Moe", "Erik Moe", "erik.moe@sbab.se", "08-555 123 45"),
    ]


def test_a_hyphenated_count_and_a_youth_centre_sign_up_two(app: App) -> None:
    """ "två av våra LSS-verksamheter" counts units; "Ungdomens hus Kista" is a unit."""
    body = (
        "Hej!\n\nJag är regional kvalitetschef och anmäler två av våra LSS-verksamheter:\n\n"
        "Gruppbostaden Almen\nVerksamhetschef: Maria Holm (kontaktperson)\n"
        "maria.holm@omsorg.se, 08-599 111 22\n\n"
        "Ungdomens hus Kista\nVerksamhetschef: Jon Vik\n"
        "Kontaktperson: Amina Noor, 073-600 11 22\n\n"
        "Med vänlig hälsning\nPeter Ek\nRegional kvalitetschef\n"
    )
    put(app, make_mail(body, sender="peter.ek@omsorg.se", sender_name="Peter Ek"))
    cycle(app)
    assert _people(app) == [
        (
            "Gruppbostaden Almen",
            "Maria Holm",
            "Maria Holm",
            "maria.holm@omsorg.se",
            "08-599 111 22",
        ),
        ("Ungdomens hus Kista", "Jon Vik", "Amina Noor", None, "073-600 11 22"),
    ]


def test_one_unit_joins_and_another_stays_out(app: App) -> None:
    """ "Förskolan Ek anmäls … Förskolan Ask (rektor …) avstår i år": no withdrawal; only
    the unit that joins is registered."""
    body = (
        "Hej,\n\nVi har stämt av med båda förskolorna:\n\n"
        "- Förskolan Eken anmäls till Kvalitetsutmärkelsen 2027. Rektor är Nora Blom, som "
        "också är kontaktperson (nora.blom@stockholm.se).\n"
        "- Förskolan Asken (rektor Pelle Dahl) avstår i år på grund av ombyggnaden.\n\n"
        "Med vänlig hälsning\nRut Falk\nAvdelningschef\nFarsta stadsdelsförvaltning\n"
    )
    put(app, make_mail(body, sender="rut.falk@stockholm.se", sender_name="Rut Falk"))
    cycle(app)
    assert _people(app) == [
        ("Förskolan Eken", "Nora Blom", "Nora Blom", "nora.blom@stockholm.se", None),
    ]


def test_a_cheer_for_people_names_no_unit_and_som_gives_the_roles(app: App) -> None:
    """ "Kul att ni vill vara med" has people, not a unit, before its verb; "med Lisa Holm
    som rektor och Jonas Berg som kontaktperson" gives each their role."""
    body = (
        "Hej Lisa och Jonas!\n\nKul att ni vill vara med. Jag lägger brevlådan på kopia:\n\n"
        "Förskolan Solen i Farsta anmäls härmed, med Lisa Holm som rektor och Jonas Berg som "
        "kontaktperson (jonas.berg@stockholm.se, 070-123 45 67).\n\nLycka till!\n\n"
        "Eva Strand\nAvdelningschef\nFarsta stadsdelsförvaltning\n"
    )
    put(app, make_mail(body, sender="eva.strand@stockholm.se", sender_name="Eva Strand"))
    cycle(app)
    assert _people(app) == [
        ("Förskolan Solen", "Lisa Holm", "Jonas Berg", "jonas.berg@stockholm.se", "070-123 45 67"),
    ]
