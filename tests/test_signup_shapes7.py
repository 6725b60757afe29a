"""Several units in one mail, in the shapes people write them (issue 17, fresh14): a
forwarded message that signs up two units with their managers shared out in one sentence,
units listed one a line without marks under a lead-in, numbered unit labels ("Enhet 1:"),
and unit blocks whose last line is the unit's manager."""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of


def _people(app: App) -> list[tuple[str | None, ...]]:
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]


def test_a_forwarded_mail_with_two_units_is_read_as_its_writers_own(app: App) -> None:
    """The forwarder only sends it on; "jag" in the forwarded message is its writer, and
    "Jag leder Rinkeby och Omid Sharifi Tensta" shares the managers out."""
    body = (
        "Hej, skickar vidare Lenas anmälan.\n/Tove\n\n"
        "---------- Vidarebefordrat meddelande ---------\n"
        "Från: Lena Virtanen <lena.virtanen@stockholm.se>\n"
        "Datum: tis 2 mars 2027 kl 10:12\n"
        "Ämne: Kvalitetsutmärkelsen\n"
        "Till: Tove Ahl <tove.ahl@stockholm.se>\n\n"
        "Hej Tove!\n\n"
        "Vi på Rinkeby-Kista stadsdelsförvaltning anmäler både Familjecentralen Rinkeby och "
        "Familjecentralen Tensta. Jag är chef för Rinkeby och Omid Sharifi för Tensta. "
        "Jag är kontaktperson för båda, 070-412 88 31.\n\n"
        "Kan du skicka in det?\n\n"
        "Hälsningar\nLena Virtanen\nAvdelningschef\n"
    )
    put(
        app,
        make_mail(
            body,
            sender="tove.ahl@stockholm.se",
            sender_name="Tove Ahl",
            subject="VB: Kvalitetsutmärkelsen",
        ),
    )
    cycle(app)
    lena = ("Lena Virtanen", "lena.virtanen@stockholm.se", "070-412 88 31")
    assert _people(app) == [
        ("Familjecentralen Rinkeby", "Lena Virtanen", *lena),
        ("Familjecentralen Tensta", "Omid Sharifi", *lena),
    ]


def test_units_listed_a_line_each_under_a_lead_in_are_each_registered(app: App) -> None:
    """No dashes or numbers: the names stand alone on their lines under "anmäler härmed:",
    and "Chef för båda" says the mail signs up more than one."""
    body = (
        "Hej\n\nAttendo anmäler härmed:\nGruppbostaden Lärkstigen\nKorttidsboendet Ekudden\n\n"
        "Chef för båda: Tomas Holm (undertecknad), nås på 073-520 14 66.\n\n"
        "Tomas Holm\nVerksamhetschef\nAttendo Sverige AB\n"
    )
    put(app, make_mail(body, sender="tomas.holm@attendo.se", sender_name="Tomas Holm"))
    cycle(app)
    tomas = ("Tomas Holm", "Tomas Holm", "tomas.holm@attendo.se", "073-520 14 66")
    assert _people(app) == [
        ("Gruppbostaden Lärkstigen", *tomas),
        ("Korttidsboendet Ekudden", *tomas),
    ]


def test_numbered_unit_labels_open_each_units_block(app: App) -> None:
    """ "Enhet 1: …", "Enhet 2: …" with each unit's people labelled below."""
    body = (
        "Hej!\n\nVi på Miljöförvaltningen anmäler två enheter:\n\n"
        "Enhet 1: Livsmedelskontrollen Söder\nChef: Pia Lund\n"
        "Kontaktperson: Ali Noori, ali.noori@stockholm.se, 08-508 28 810\n\n"
        "Enhet 2: Tillsyn Bullerfrågor\nChef: Sven Falk\n"
        "Kontaktperson: Sven Falk, sven.falk@stockholm.se\n\n"
        "MVH\nPia Lund\n"
    )
    put(app, make_mail(body, sender="pia.lund@stockholm.se", sender_name="Pia Lund"))
    cycle(app)
    assert _people(app) == [
        (
            "Livsmedelskontrollen Söder",
            "Pia Lund",
            "Ali Noori",
            "ali.noori@stockholm.se",
            "08-508 28 810",
        ),
        ("Tillsyn Bullerfrågor", "Sven Falk", "Sven Falk", "sven.falk@stockholm.se", None),
    ]


def test_a_units_block_that_ends_with_its_manager_is_not_a_signature(app: App) -> None:
    """ "Gruppbostad Fridhemsgatan\\nChef: Gunilla Lind" looks like a name block, yet the
    mail's signature is further down: the manager is the unit's."""
    body = (
        "Hej,\n\nNytida vill anmäla följande två verksamheter:\n\n"
        "Daglig verksamhet Hornstull\nChef: Emir Hadžić\n\n"
        "Gruppbostad Sankt Eriksgatan\nChef: Gunilla Ström-Lind\n\n"
        "Kontaktperson för båda är jag, tel. 070-663 11 28.\n\n"
        "Vänliga hälsningar\nKarin Nyqvist\nVerksamhetsutvecklare\nNytida\n"
    )
    put(app, make_mail(body, sender="karin.nyqvist@nytida.se", sender_name="Karin Nyqvist"))
    cycle(app)
    karin = ("Karin Nyqvist", "karin.nyqvist@nytida.se", "070-663 11 28")
    assert _people(app) == [
        ("Daglig verksamhet Hornstull", "Emir Hadžić", *karin),
        ("Gruppbostad Sankt Eriksgatan", "Gunilla Ström-Lind", *karin),
    ]


def test_units_with_their_managers_after_a_comma_and_contacts_told_apart(app: App) -> None:
    """ "Unit, verksamhetschef Person" a line each, and one sentence below that gives each
    unit its own contact: "Kontaktperson för A är X (…) och för B är det jag"."""
    body = (
        "Hej!\n\nFrån Ersta anmäler vi två enheter till årets Kvalitetsutmärkelse:\n\n"
        "Hospice Ersta, verksamhetschef Johan Ekdahl\n"
        "Rehabiliteringen Ersta, verksamhetschef Annika Borg\n\n"
        "Kontaktperson för Hospice Ersta är Linnea Falk (linnea.falk@erstadiakoni.se) och "
        "för Rehabiliteringen Ersta är det jag.\n\n"
        "Vänliga hälsningar\nMaja Sundin\nKvalitetschef\nErsta diakoni\n"
        "Direkt 08-714 61 22\n"
    )
    put(app, make_mail(body, sender="maja.sundin@erstadiakoni.se", sender_name="Maja Sundin"))
    cycle(app)
    assert _people(app) == [
        ("Hospice Ersta", "Johan Ekdahl", "Linnea Falk", "linnea.falk@erstadiakoni.se", None),
        (
            "Rehabiliteringen Ersta",
            "Annika Borg",
            "Maja Sundin",
            "maja.sundin@erstadiakoni.se",
            "08-714 61 22",
        ),
    ]


def test_units_introduced_as_the_one_and_the_other_in_running_text(app: App) -> None:
    """ "Den ena är X, där … Den andra är Y med … som chef": each unit in its own sentence."""
    body = (
        "Hej!\n\nVi på Miljöförvaltningen anmäler två enheter till Kvalitetsutmärkelsen "
        "2027. Den ena är Tillsyn Norrort, där Per-Arne Lind är enhetschef och Sara Holm är "
        "kontaktperson (sara.holm@stockholm.se, 08-508 28 440). Den andra är Miljöanalysenheten "
        "med Jonas Berg som chef; där är han själv kontaktperson, jonas.berg@stockholm.se.\n\n"
        "Hälsningar\nElin Ragnarsson\nRegistrator\nMiljöförvaltningen\n"
    )
    put(app, make_mail(body, sender="elin.ragnarsson@stockholm.se", sender_name="Elin Ragnarsson"))
    cycle(app)
    assert _people(app) == [
        (
            "Tillsyn Norrort",
            "Per-Arne Lind",
            "Sara Holm",
            "sara.holm@stockholm.se",
            "08-508 28 440",
        ),
        ("Miljöanalysenheten", "Jonas Berg", "Jonas Berg", "jonas.berg@stockholm.se", None),
    ]


def test_the_writers_group_before_the_count_is_no_unit_and_each_manager_is_contact(
    app: App,
) -> None:
    """ "Avdelningen Vuxen på … vill anmäla två enheter:" names the writer's group; "Kontakt-
    person för respektive enhet är enhetschefen" makes each manager the contact, reached on
    the number on the unit's line."""
    body = (
        "Hej,\n\nAvdelningen Vuxen på Farsta stadsdelsförvaltning vill anmäla två enheter "
        "till Kvalitetsutmärkelsen 2027:\n\n"
        "Boendestödet Farsta – enhetschef Nora Lund, 076-120 33 01\n"
        "Mottagningen Farsta – enhetschef Ivan Petrov, 076-120 33 02\n\n"
        "Kontaktperson för respektive enhet är enhetschefen.\n\n"
        "Med vänlig hälsning\nGöran Ek\nAvdelningschef\nFarsta stadsdelsförvaltning\n"
    )
    put(app, make_mail(body, sender="goran.ek@stockholm.se", sender_name="Göran Ek"))
    cycle(app)
    assert _people(app) == [
        ("Boendestödet Farsta", "Nora Lund", "Nora Lund", None, "076-120 33 01"),
        ("Mottagningen Farsta", "Ivan Petrov", "Ivan Petrov", None, "076-120 33 02"),
    ]


def test_each_preschool_is_no_unit_and_a_vacant_post_in_a_sentence_leaves_no_manager(
    app: App,
) -> None:
    """ "Varje förskola har en egen kontaktperson" names none of them; "där är
    förskolechefstjänsten vakant just nu" leaves that unit without a manager."""
    body = (
        "Hej!\n\nVi vill anmäla två av våra förskolor. Varje förskola har en egen "
        "kontaktperson:\n\n"
        "1. Förskolan Almen, förskolechef Camilla Rask, kontakt Ebba Lind, ebba.lind@stockholm.se\n"
        "2. Förskolan Björken – där är förskolechefstjänsten vakant just nu, kontakt Ola Berg, "
        "ola.berg@stockholm.se\n\n"
        "Med vänliga hälsningar\nMartin Sund\nAvdelningschef förskola\n"
        "Skarpnäcks stadsdelsförvaltning\n"
    )
    put(app, make_mail(body, sender="martin.sund@stockholm.se", sender_name="Martin Sund"))
    cycle(app)
    assert _people(app) == [
        ("Förskolan Almen", "Camilla Rask", "Ebba Lind", "ebba.lind@stockholm.se", None),
        ("Förskolan Björken", None, "Ola Berg", "ola.berg@stockholm.se", None),
    ]


def test_a_sentence_that_says_there_belongs_to_the_unit_named_before_it(app: App) -> None:
    """Two units of two administrations, each in a sentence of its own, and the people in
    the next sentence: "Chef och kontakt där är …" speaks of the unit just named."""
    body = (
        "Hej!\n\nRinkeby bibliotek och Rinkeby sporthall delar hus, så vi anmäler oss samtidigt "
        "– men som två enheter.\n\n"
        "Rinkeby bibliotek hör till Kulturförvaltningen. Där är jag chef och står som kontakt.\n\n"
        "Rinkeby sporthall hör till Idrottsförvaltningen. Chef och kontakt där är Lars Wik, "
        "lars.wik@stockholm.se, 08-508 277 10.\n\n"
        "Vänligen\nSamir Haddad\nBibliotekschef Rinkeby bibliotek\n08-508 311 40\n"
    )
    put(app, make_mail(body, sender="samir.haddad@stockholm.se", sender_name="Samir Haddad"))
    cycle(app)
    assert _people(app) == [
        (
            "Rinkeby bibliotek",
            "Samir Haddad",
            "Samir Haddad",
            "samir.haddad@stockholm.se",
            "08-508 311 40",
        ),
        ("Rinkeby sporthall", "Lars Wik", "Lars Wik", "lars.wik@stockholm.se", "08-508 277 10"),
    ]
    assert [u.organisation for u in units_of(app)] == [
        "Kulturförvaltningen",
        "Idrottsförvaltningen",
    ]
