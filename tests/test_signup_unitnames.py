"""The unit's name as a registrar writes it, and the organisation as the mail writes it
(issue 17): where the name ends, what belongs to it and what is only said about it."""

from __future__ import annotations

from bot.runner import App
from tests.signup_reading import units_named

_SIGN = "\n\nVänliga hälsningar\nLinnea Holm\nlinnea.holm@stockholm.se\n"


def test_a_clause_about_where_the_unit_belongs_is_not_its_name(app: App) -> None:
    body = (
        "Hej!\n\nJag anmäler vår enhet. Enheten heter Hemtjänsten Skarpnäck och tillhör "
        "Skarpnäcks stadsdelsförvaltning. Chef är Linnea Holm, som också är kontaktperson." + _SIGN
    )
    [(unit, org, _)] = units_named(
        app, body, sender="linnea.holm@stockholm.se", sender_name="Linnea Holm"
    )
    assert (unit, org) == ("Hemtjänsten Skarpnäck", "Skarpnäcks stadsdelsförvaltning")


def test_a_unit_set_off_by_commas_after_its_organisation_is_named_whole(app: App) -> None:
    body = (
        "Arbetsmarknadsförvaltningen, Centrum för vuxnas lärande, anmäler härmed sin "
        "verksamhet till Kvalitetsutmärkelsen 2027.\n\nAnsvarig chef: Linnea Holm" + _SIGN
    )
    [(unit, org, _)] = units_named(app, body, subject="Anmälan – Centrum")
    assert (unit, org) == ("Centrum för vuxnas lärande", "Arbetsmarknadsförvaltningen")


def test_lower_case_words_after_the_type_word_say_whom_the_unit_is_for(app: App) -> None:
    body = (
        "Hej,\n\nJag är sektionschef för Utredningsenheten vuxna och anmäler härmed enheten. "
        "Vi hör till Farsta stadsdelsförvaltning. Jag är själv kontaktperson." + _SIGN
    )
    [(unit, _, _)] = units_named(app, body, subject="Kvalitetsutmärkelsen")
    assert unit == "Utredningsenheten vuxna"


def test_a_place_name_ending_in_a_lower_case_word_is_whole(app: App) -> None:
    body = (
        "Hej!\n\nJag är enhetschef för Daglig verksamhet Farsta centrum sedan i höstas. "
        "Vi vill anmäla oss till Kvalitetsutmärkelsen 2027." + _SIGN
    )
    [(unit, _, _)] = units_named(app, body, subject="Anmälan daglig verksamhet")
    assert unit == "Daglig verksamhet Farsta centrum"


def test_a_place_after_a_comma_in_the_unit_field_is_where_the_unit_is(app: App) -> None:
    body = (
        "Hej!\n\nEnhet: Tallbackens vård- och omsorgsboende, Bagarmossen\nUtförare: Vardaga\n"
        "Verksamhetschef: Linnea Holm\nKontaktperson: Linnea Holm\nTelefon: 08-555 123 40\n"
    )
    [(unit, org, _)] = units_named(app, body)
    assert (unit, org) == ("Tallbackens vård- och omsorgsboende", "Vardaga")


def test_an_english_manager_of_a_team_at_a_company_names_the_team(app: App) -> None:
    body = (
        "Hello,\n\nI'm the manager of Tenant Support at Svenska Bostäder and we would like to "
        "take part in Kvalitetsutmärkelsen 2027. Please use me as contact person.\n\n"
        "Best regards\nLinnea Holm\nManager, Tenant Support\nSvenska Bostäder\n"
    )
    [(unit, org, _)] = units_named(app, body, subject="Quality award sign up")
    assert (unit, org) == ("Tenant Support", "AB Svenska Bostäder")


def test_the_name_a_sentence_registers_is_the_full_form_not_the_subjects_short_one(
    app: App,
) -> None:
    body = (
        "Hi,\n\nOn behalf of our principal, Grace Whitfield, I'm registering Internationella "
        "Engelska Skolan Hässelby for Kvalitetsutmärkelsen 2027.\n\nBest wishes,\nTom Reed\n"
    )
    [(unit, _, _)] = units_named(app, body, subject="Registration – IES Hässelby")
    assert unit == "Internationella Engelska Skolan Hässelby"


def test_a_provider_unit_that_wishes_to_take_part_is_the_unit_not_the_subject(app: App) -> None:
    body = (
        "Hej\n\nVardaga Hemtjänst Liljeholmen önskar delta i Kvalitetsutmärkelsen 2027.\n\n"
        "Verksamhetschef: Linnea Holm" + _SIGN
    )
    [(unit, _, _)] = units_named(app, body, subject="Intresseanmälan Vardaga")
    assert unit == "Vardaga Hemtjänst Liljeholmen"


def test_an_administrations_abbreviation_is_the_form_written_beside_the_unit(app: App) -> None:
    body = (
        "Hej!\n\nVi på Gatuavdelningen på TK anmäler oss till Kvalitetsutmärkelsen 2027. "
        "Avdelningschef är Linnea Holm.\n\nHälsningar\nOskar Lind\nTrafikkontoret\n"
    )
    [(unit, org, written)] = units_named(app, body, subject="Anmälan")
    assert (unit, org, written) == ("Gatuavdelningen", "Trafikkontoret", "TK")


def test_numbered_blocks_count_the_units_and_name_none(app: App) -> None:
    body = (
        "Hej! Här kommer anmälan till Kvalitetsutmärkelsen 2027 från Farsta sdf för två "
        "enheter:\n\nEnhet 1\nNamn: Förskolan Lärkträdet\nChef: Linnea Holm\n"
        "Kontaktperson: Linnea Holm\nE-post: linnea.holm@stockholm.se\nTelefon: 08-555 123 41\n\n"
        "Enhet 2\nNamn: Farsta träffpunkt\nChef: Oskar Lind\nKontaktperson: Oskar Lind\n"
        "E-post: oskar.lind@stockholm.se\nTelefon: 08-555 123 42\n\nMaja Berg\nKvalitetssamordnare\n"
        "Farsta stadsdelsförvaltning\n"
    )
    units = units_named(app, body, subject="Anmälan två enheter")
    assert [u for u, _, _ in units] == ["Förskolan Lärkträdet", "Farsta träffpunkt"]
