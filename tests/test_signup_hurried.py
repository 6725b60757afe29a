"""Hurried sign-ups (issue 17, fresh19): phone mails in lower case that name the unit right
after "anmäler" ("anmäler fsk Tallkotten"), short labels ("rektor o kontakt:"), a name
followed by who runs the unit after a dash, a sector word that is no unit, an earlier
year's "återkopplingsprotokoll" that is no minutes, two units counted in "anmälan för mina
två förskolor", and a surname-first sender whose unit's contact is told of with "Hon"."""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put, sent
from tests.test_signup_receipt import units_of

_IPHONE = "\n\nSkickat från min iPhone\n"


def _fields(app: App) -> list[tuple[str | None, ...]]:
    return [
        (
            u.unit_name,
            u.organisation,
            u.manager_name,
            u.contact_name,
            u.contact_email,
            u.contact_phone,
        )
        for u in units_of(app)
    ]


def test_a_lower_case_phone_mail_naming_the_unit_after_the_verb_signs_it_up(app: App) -> None:
    """No "vi", no award named in the sentence: "anmäler förskolan Lingonet" says it, and the
    lower-case label after the sentence ("rektor o kontakt:") gives both people."""
    body = (
        "hej, anmäler förskolan Lingonet, Skarpnäck. rektor o kontakt: Tuula Niemi"
        "\n/tuula" + _IPHONE
    )
    put(
        app,
        make_mail(
            body, sender="tuula.niemi@stockholm.se", sender_name="Tuula Niemi", subject="anmälan"
        ),
    )
    cycle(app)
    tuula = ("Tuula Niemi", "Tuula Niemi", "tuula.niemi@stockholm.se", None)
    assert _fields(app) == [("Förskolan Lingonet", "Skarpnäcks stadsdelsförvaltning", *tuula)]


def test_a_unit_type_in_short_form_after_the_verb_signs_the_unit_up(app: App) -> None:
    """ "Anmäler fsk Tallkotten (Förskolan Tallkotten)": the short form shows a unit is named;
    "kontakt också jag" gives the writer's number to the contact."""
    body = (
        "Hej! Anmäler fsk Tallkotten (Förskolan Tallkotten), Bromma sdf. "
        "Rektor Per Sundin. kontakt också jag, tel 070-4417720\n/Lina" + _IPHONE
    )
    put(
        app,
        make_mail(body, sender="lina.sjoberg@stockholm.se", sender_name="Lina Sjöberg"),
    )
    cycle(app)
    assert _fields(app) == [
        (
            "Förskolan Tallkotten",
            "Bromma stadsdelsförvaltning",
            "Per Sundin",
            "Lina Sjöberg",
            "lina.sjoberg@stockholm.se",
            "070-4417720",
        )
    ]


def test_anmalan_opening_the_mail_is_no_part_of_the_units_name(app: App) -> None:
    body = (
        "Hej\nAnmälan Förskolan Kastanjen, Farsta sdf.\nEC/rektor: Sara Lind (jag)\n"
        "kontakt: bitr rektor Omar Said, omar.said@stockholm.se\nmvh Sara" + _IPHONE
    )
    put(app, make_mail(body, sender="sara.lind@stockholm.se", sender_name="Sara Lind"))
    cycle(app)
    assert [u.unit_name for u in units_of(app)] == ["Förskolan Kastanjen"]


def test_who_runs_the_unit_after_a_dash_is_no_part_of_its_name(app: App) -> None:
    """ "Enhet: X – drivs av A på uppdrag av B" and "X – <district>" name the X."""
    body = (
        "Hej,\n\nEnhet: Vård- och omsorgsboendet Lärkan – drivs av Attendo på uppdrag av "
        "Bromma\nverksamhetschef – Eva Holm\nkontakt (jag): eva.holm@attendo.se, 070-611 20 01"
        "\n\nHälsningar\nEva Holm\n"
    )
    put(app, make_mail(body, sender="eva.holm@attendo.se", sender_name="Eva Holm"))
    body = (
        "Hej,\n\nEnhet: Gruppbostaden Linden – Skarpnäck\nchef/kontakt: Ali Kaya, 070-804 11 22\n"
    )
    put(app, make_mail(body, sender="ali.kaya@stockholm.se", sender_name="Ali Kaya"))
    cycle(app)
    names = [u.unit_name for u in units_of(app)]
    assert names == ["Vård- och omsorgsboendet Lärkan", "Gruppbostaden Linden"]


def test_a_sector_in_the_subject_is_no_unit_and_kontakt_slash_title_labels_the_contact(
    app: App,
) -> None:
    body = (
        "Hej,\n\nAnmälan till Kvalitetsutmärkelsen 2027 –\n"
        "Gruppbostaden Björken (LSS, 5 boende) – Bromma\n"
        "enhetschef: Jonas Berg (undertecknad)\n"
        "kontakt/samordnare: Anna Vik – anna.vik@stockholm.se\n\nHälsningar\nJonas\n"
    )
    put(
        app,
        make_mail(
            body,
            sender="jonas.berg@stockholm.se",
            sender_name="Berg Jonas",
            subject="LSS – anmälan",
        ),
    )
    cycle(app)
    assert _fields(app) == [
        (
            "Gruppbostaden Björken",
            "Bromma stadsdelsförvaltning",
            "Jonas Berg",
            "Anna Vik",
            "anna.vik@stockholm.se",
            None,
        )
    ]


def test_an_earlier_years_feedback_protocol_is_no_board_minutes(app: App) -> None:
    body = (
        "Hej,\n\nFörskolorna i Bagarmossen vill gärna vara med i Kvalitetsutmärkelsen i år. "
        "Vi deltog 2023 och fick ett värdefullt återkopplingsprotokoll.\n\n"
        "Chef och kontakt är undertecknad, 070-123 45 67.\n\n"
        "Med vänliga hälsningar\nKarin Ek\nRektor\nSkarpnäcks stadsdelsförvaltning\n"
    )
    put(app, make_mail(body, sender="karin.ek@stockholm.se", sender_name="Karin Ek"))
    cycle(app)
    assert [u.unit_name for u in units_of(app)] == ["Förskolorna i Bagarmossen"]


def test_two_units_counted_after_anmalan_for_are_each_registered(app: App) -> None:
    body = (
        "Hej,\n\nFörvaltningen har bett mig som rektor skicka in anmälan för mina två "
        "förskolor själv:\n\n"
        "* Förskolan Ugglan – kontakt Maja Ek, maja.ek@stockholm.se, 070-218 40 01\n"
        "* Förskolan Räven – kontakt Leo Ås, leo.as@stockholm.se, 070-218 40 02\n\n"
        "Rektor för båda: Nina Berg\n\nVänligen\nNina Berg\n"
    )
    put(app, make_mail(body, sender="nina.berg@stockholm.se", sender_name="Berg Nina"))
    cycle(app)
    assert [(u.unit_name, u.manager_name, u.contact_name) for u in units_of(app)] == [
        ("Förskolan Ugglan", "Nina Berg", "Maja Ek"),
        ("Förskolan Räven", "Nina Berg", "Leo Ås"),
    ]


def test_a_surname_first_sender_and_a_contact_told_of_with_hon(app: App) -> None:
    """Outlook's "Lund Vera" is the "Vera Lund" of the signature in every unit's block, and
    "Hon … når ni på …" after a unit's sentence gives that unit's contact's details."""
    body = (
        "Hej!\n\nJag är rektor för två förskoleenheter, Tallens förskolor och Granens "
        "förskolor, och vill härmed anmäla båda enheterna till Kvalitetsutmärkelsen 2027.\n\n"
        "För Tallens förskolor kommer förskolläraren Lisa Holm att vara kontaktperson. Hon "
        "har lett arbetet och når ni på lisa.holm@stockholm.se eller 070-311 50 01.\n\n"
        "För Granens förskolor är jag själv kontaktperson.\n\n"
        "Med vänliga hälsningar\n\nVera Lund\nRektor\nFarsta stadsdelsförvaltning\n"
        "Direkt: 08-508 015 00\n"
    )
    put(app, make_mail(body, sender="vera.lund@stockholm.se", sender_name="Lund Vera"))
    cycle(app)
    assert [(u.unit_name, u.contact_name, u.contact_phone) for u in units_of(app)] == [
        ("Tallens förskolor", "Lisa Holm", "070-311 50 01"),
        ("Granens förskolor", "Vera Lund", "08-508 015 00"),
    ]


def test_a_reply_asking_to_change_the_units_name_renames_it(app: App) -> None:
    """ "Kan ni ändra enhetsnamnet till X?" puts the name right, and the other unit that
    "deltar inte i år" is not the writer's: no withdrawal."""
    body = (
        "Hej,\n\nJag anmäler härmed Förskoleenhet Bergsvik i Skärholmens "
        "stadsdelsförvaltning till Kvalitetsutmärkelsen 2027. Jag är rektor och "
        "kontaktperson, 070-508 24 09.\n\nHälsningar\nIda Ström\n"
    )
    sender = {"sender": "ida.strom@stockholm.se", "sender_name": "Ida Ström"}
    put(app, make_mail(body, **sender))
    cycle(app)
    receipt = sent(app)[0]
    reply = (
        "Hej,\n\nDet var mitt misstag – sedan januari finns det två enheter i Bergsvik. "
        "Den södra enheten har en annan rektor och deltar inte i år.\n\n"
        "Kan ni ändra enhetsnamnet till Bergsviks förskoleenhet norra? Övriga uppgifter "
        "stämmer.\n\nMed vänliga hälsningar\nIda Ström\n"
    )
    put(
        app,
        make_mail(
            reply,
            subject=f"Sv: {receipt['Subject']}",
            in_reply_to=str(receipt["Message-ID"]).strip().strip("<>"),
            **sender,
        ),
    )
    cycle(app)
    [unit] = units_of(app)
    assert (unit.unit_name, unit.signup_status) == ("Bergsviks förskoleenhet norra", "registered")
