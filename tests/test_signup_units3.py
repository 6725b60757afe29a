"""The unit and its organisation in hard natural mail (issue 17): phone typing without
å/ä/ö or capitals, dictation that splits compounds, English office names, partners named
beside the owner, a sentence that opens with words that are not the unit's name."""

from __future__ import annotations

from bot.runner import App
from tests.signup_reading import units_named

_SIGN = "\n\nVänliga hälsningar\nLinnea Holm\nlinnea.holm@stockholm.se\n"


def test_a_phone_typed_mail_without_dots_or_capitals_names_unit_and_district(app: App) -> None:
    body = (
        "hej vi pa forskolan blavingen i tensta vill anmala oss till kvalitetsutmarkelsen. "
        "chef ar sara holm och jag ar kontakt, ring 0701 23 45 67\n/jonna\n\n"
        "Skickat från min iPhone\n"
    )
    [(unit, org, written)] = units_named(
        app, body, subject="anmalan", sender="jonna.ek@stockholm.se", sender_name="Jonna Ek"
    )
    assert (unit or "").casefold() == "forskolan blavingen"
    assert (org, (written or "").casefold()) == ("Spånga-Tensta stadsdelsförvaltning", "tensta")


def test_a_compound_split_in_two_by_dictation_is_the_listed_name(app: App) -> None:
    body = (
        "Hej jag skriver med rösten. Björkhagsskolan vill anmäla sig till kvalitets "
        "utmärkelsen. Vi är en grundskola under utbildnings förvaltningen. Rektor är "
        "Linnea Holm och hon är kontaktperson." + _SIGN
    )
    [(unit, org, written)] = units_named(app, body, subject="Anmälan Björkhagsskolan")
    assert (unit, org, written) == (
        "Björkhagsskolan",
        "Utbildningsförvaltningen",
        "utbildnings förvaltningen",
    )


def test_an_english_department_is_the_administration_of_that_name(app: App) -> None:
    body = (
        "Dear team,\n\nWe are Hornstull bibliotek, a branch library which is part of the "
        "Cultural Affairs Department of the City of Stockholm. I am the library manager and "
        "your contact person.\n\nKind regards,\nLinnea Holm\nPhone: +46 8 555 123 40\n"
    )
    [(_, org, written)] = units_named(app, body, subject="Registration (Hornstull bibliotek)")
    assert (org, written) == ("Kulturförvaltningen", "Cultural Affairs Department")


def test_a_partner_the_unit_works_with_is_not_its_organisation(app: App) -> None:
    body = (
        "Hej!\n\nJobbtorg Farsta vill anmäla sig. Vi tillhör arbetsmarknadsförvaltningen och "
        "har ett nära samarbete med Farsta stadsdelsförvaltning kring unga vuxna.\n\n"
        "Jag är enhetschef och kontaktperson, tel 08-555 123 40." + _SIGN
    )
    [(unit, org, _)] = units_named(app, body, subject="Anmälan Jobbtorg Farsta")
    assert (unit, org) == ("Jobbtorg Farsta", "Arbetsmarknadsförvaltningen")


def test_a_department_after_a_comma_in_the_organisation_field_is_not_its_name(
    app: App,
) -> None:
    body = (
        "Hej!\n\nVerksamhetens namn: Enheten för försörjningsstöd\n"
        "Förvaltning: Farsta sdf, avdelningen för individ och familj\n"
        "Ansvarig chef: Linnea Holm\nKontaktperson: Oskar Lind\nTfn: 08-555 123 41\n" + _SIGN
    )
    [(_, org, written)] = units_named(app, body, subject="Anmälan KU 2027")
    assert (org, written) == ("Farsta stadsdelsförvaltning", "Farsta sdf")


def test_the_clause_before_a_colon_or_a_smiley_is_not_the_units_name(app: App) -> None:
    body = (
        "Hej!\n\nEfter mötet i går har vi bestämt oss: kundtjänstavdelningen på "
        "trafikkontoret anmäler sig. Avdelningschef är Linnea Holm.\n\nKontakt: Oskar Lind, "
        "08-555 123 42" + _SIGN
    )
    [(unit, org, _)] = units_named(app, body, subject="Re: Kvalitetsutmärkelsen")
    assert (unit, org) == ("Kundtjänstavdelningen", "Trafikkontoret")


def test_a_smiley_ends_the_clause_before_the_unit(app: App) -> None:
    body = (
        "Hej!\n\nSitter på tåget så det blir kort ;-) Fältgruppen City (socialförvaltningen) "
        "anmäler sig härmed till Kvalitetsutmärkelsen 2027. Chef är Linnea Holm." + _SIGN
    )
    [(unit, org, _)] = units_named(app, body, subject="Anmälan")
    assert (unit, org) == ("Fältgruppen City", "Socialförvaltningen")


def test_a_sentence_that_opens_with_a_type_word_is_no_table_row(app: App) -> None:
    body = (
        "Hej!\n\nFörskolan Gläntan i Årsta vill anmäla sig till Kvalitetsutmärkelsen 2027.\n\n"
        "Förskolechef är Linnea Holm. Kontaktperson är jag.\n\nVi tillhör EÅV.\n\n"
        "Hälsningar\nOskar Lind\nFörskolan Gläntan\nTel 08-555 123 43\n"
    )
    [(unit, org, written)] = units_named(app, body, subject="Förskolan Gläntan anmäler sig")
    assert (unit, org, written) == (
        "Förskolan Gläntan",
        "Enskede-Årsta-Vantörs stadsdelsförvaltning",
        "EÅV",
    )


def test_the_writer_named_before_her_unit_is_not_the_unit(app: App) -> None:
    body = (
        "Hej,\n\nDet här är en anmälan från Ana Lucía Pérez Soto på Hemtjänst Högalid, "
        "Södermalms stadsdelsförvaltning. Vår enhetschef Linnea Holm står bakom anmälan." + _SIGN
    )
    [(unit, _, _)] = units_named(
        app, body, subject="Anmälan", sender="ana.perez@stockholm.se", sender_name="Ana Pérez"
    )
    assert unit == "Hemtjänst Högalid"


def test_a_company_then_its_district_names_the_district(app: App) -> None:
    body = (
        "Hej,\nFamiljebostäder distrikt Solberga anmäler sig härmed.\n"
        "Distriktschef: Linnea Holm\nKontakt: Oskar Lind, 08-555 123 44\n/Oskar\n"
    )
    [(unit, org, _)] = units_named(app, body, subject="Anmälan")
    assert (unit, org) == ("Distrikt Solberga", "AB Familjebostäder")


def test_a_described_preschool_keeps_its_providers_name_before_its_own(app: App) -> None:
    body = (
        "Hej,\n\nJag skriver om vår förskola Vittra Förskolan Myran i Bromma. Vi vill delta i "
        "er utmärkelse. Vår rektor heter Linnea Holm och hon är kontakt, 08-555 123 45.\n"
    )
    [(unit, org, _)] = units_named(app, body, subject="Anmälan Myran")
    assert (unit, org) == ("Vittra Förskolan Myran", "Vittra")


def test_several_units_take_the_shared_form_where_their_own_lines_name_a_place(
    app: App,
) -> None:
    body = (
        "Hej,\n\nFrån vår avdelning vill två enheter anmäla sig. Jag är kontaktperson för "
        "båda.\n\n1. Hemtjänst Midsommarkransen – chef Linnea Holm\n"
        "2. Träffpunkt Solgården i Älvsjö – chef Oskar Lind\n\n"
        "Båda tillhör Hägersten-Älvsjö stadsdelsförvaltning.\n\nHälsningar\nMaja Berg\n"
        "maja.berg@stockholm.se\n"
    )
    units = units_named(app, body, subject="Anmälan två enheter")
    assert [w for _, _, w in units] == ["Hägersten-Älvsjö stadsdelsförvaltning"] * 2


def test_the_group_that_signs_up_its_units_is_not_one_of_them(app: App) -> None:
    body = (
        "Hej!\n\nVi i förskoleenhet Norr i EÅV vill anmäla våra två förskolor till "
        "kvalitetsutmärkelsen. Jag är förskolechef för båda och kontaktperson.\n\n"
        "Förskolan Lodjuret – rektor Oskar Lind\nFörskolan Tranan – rektor Maja Berg\n\n"
        "Hälsningar\nLinnea Holm\nFörskolechef, förskoleenhet Norr\n"
        "Enskede-Årsta-Vantörs stadsdelsförvaltning\n"
    )
    units = units_named(app, body, subject="Anmälan två förskolor")
    assert units == [
        ("Förskolan Lodjuret", "Enskede-Årsta-Vantörs stadsdelsförvaltning", "EÅV"),
        ("Förskolan Tranan", "Enskede-Årsta-Vantörs stadsdelsförvaltning", "EÅV"),
    ]
