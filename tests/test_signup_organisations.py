"""The city's organisations as data: every alias leads to its canonical name (issue 17)."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from bot.runner import App
from bot.signups.extract import extract_signup
from bot.signups.extract.organisations import find_organisations, organisation_names
from bot.signups.extract.ownership import canonical_organisation
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of

DATA = tomllib.loads(
    files("bot.signups.extract").joinpath("organisations.toml").read_text(encoding="utf-8")
)


def test_the_list_holds_every_district_office_and_company_of_the_brief() -> None:
    kinds = [org["kind"] for org in DATA["organisation"]]
    assert kinds.count("stadsdelsförvaltning") == 13
    assert kinds.count("fackförvaltning") == 15
    assert kinds.count("bolag") == 14  # with Stockholms Stadshus AB, the parent company
    assert len(organisation_names()) == len(DATA["organisation"])


@pytest.mark.parametrize(
    "org",
    [o for o in DATA["organisation"] if o["kind"] != "stadsdelsförvaltning"],
    ids=lambda o: o["name"],
)
def test_every_alias_and_abbreviation_finds_its_own_organisation(org: dict[str, list[str]]) -> None:
    for alias in [*org.get("aliases", []), *org.get("abbreviations", [])]:
        found = find_organisations(f"Vi tillhör {alias}.")
        assert [m.name for m in found][:1] == [org["name"]], alias


@pytest.mark.parametrize(
    "org",
    [o for o in DATA["organisation"] if o["kind"] == "stadsdelsförvaltning"],
    ids=lambda o: o["name"],
)
def test_every_district_with_an_administration_word_is_its_office(
    org: dict[str, list[str]],
) -> None:
    for district in org["districts"]:
        for written in (
            f"{district} sdf",
            f"SDF: {district}",
            f"stadsdelsförvaltningen {district}",
        ):
            assert [m.name for m in find_organisations(written)] == [org["name"]], written


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Spånga-Tensta sdf", "Spånga-Tensta stadsdelsförvaltning"),
        ("Rinkeby-Kista sdn", "Rinkeby-Kista stadsdelsförvaltning"),
        ("Äldreförv.", "Äldreförvaltningen"),
        ("Arbetsmarknadsförv.", "Arbetsmarknadsförvaltningen"),
        ("Kungsholmens stadsdelsförvalting", "Kungsholmens stadsdelsförvaltning"),
        ("Hagersten-Alvsjo sdf", "Hägersten-Älvsjö stadsdelsförvaltning"),
        # A short form.
        ("soc.förv", "Socialförvaltningen"),
        ("Hägersten-Liljeholmens sdn", "Hägersten-Älvsjö stadsdelsförvaltning"),
        ("Utbildningsförvaltningens", "Utbildningsförvaltningen"),
    ],
)
def test_written_forms_typos_and_old_names_give_the_canonical_name(
    written: str, canonical: str
) -> None:
    match = canonical_organisation(None, f"Vi hör till {written} och vill vara med.")
    assert match is not None
    assert (match.name, match.written.rstrip("."), match.known) == (
        canonical,
        written.rstrip("."),
        True,
    )


def test_a_district_named_as_a_place_is_not_its_office() -> None:
    match = canonical_organisation(None, "Vi är en förskola i Farsta som drivs av Pysslingen.")
    assert match is not None and match.name == "Pysslingen Förskolor och Skolor"
    assert canonical_organisation(None, "Vi ligger mitt i Farsta.") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Öppna förskolan Lönnen i Skarpnäck vill vara med.", "Skarpnäcks stadsdelsförvaltning"),
        ("Vi på Team Ekhagen på Östermalm anmäler oss.", "Östermalms stadsdelsförvaltning"),
        ("Hälsningar\nElin Berg\nUTBF", "Utbildningsförvaltningen"),
        (
            "Best regards\nTom Hill\nSports Administration, City of Stockholm",
            "Idrottsförvaltningen",
        ),
    ],
)
def test_a_district_after_the_units_name_or_an_everyday_form_is_the_organisation(
    text: str, name: str
) -> None:
    match = canonical_organisation(None, text)
    assert match is not None and match.name == name


def test_the_subject_names_the_organisation_when_the_text_does_not() -> None:
    match = canonical_organisation(None, "Härmed vår anmälan!", "Anmälan: Pysslingen Ekbacken")
    assert match is not None and match.name == "Pysslingen Förskolor och Skolor"


def test_the_organisation_is_written_as_the_mail_above_the_signature_writes_it() -> None:
    fields = extract_signup(
        "Hej!\n\nSISAB:s driftgrupp Väst anmäler sig. Chef är Eva Lund, jag är kontakt.\n\n"
        "Mvh\nOla Berg\nSkolfastigheter i Stockholm AB\nola.berg@sisab.se"
    )
    assert (fields.organisation, fields.organisation_as_written) == (
        "Skolfastigheter i Stockholm AB",
        "SISAB",
    )
    # A district named alone above the signature gives that word (the register's rule).
    fields = extract_signup(
        "Hej!\n\nFörskolan Ekorren på Kungsholmen anmäler sig. Chef: Eva Lund.\n\n"
        "Mvh\nOla Berg\nKungsholmens sdf"
    )
    assert fields.organisation_as_written == "Kungsholmen"


def test_a_name_in_the_genitive_is_the_organisation_as_written() -> None:
    [match] = find_organisations("Stockholms Hamnars färjeterminal i Frihamnen anmäler sig.")
    assert (match.name, match.written) == ("Stockholms Hamn AB", "Stockholms Hamnars")
    # A district's genitive is listed; "Söders" is not read into "Söder" by the rule.
    assert [m.written for m in find_organisations("Micasas boende på Söder")] == ["Micasas"]


def test_an_administration_word_on_the_next_line_is_not_the_districts_above() -> None:
    found = find_organisations("Mvh\nTeam Kista\nStadsdelsförvaltningen i Rinkeby-Kista\n")
    assert [m.written for m in found] == ["Stadsdelsförvaltningen i Rinkeby-Kista"]
    found = find_organisations("Mvh\nHemtjänst Farsta\nStadsdelsförvaltningen i Farsta\n")
    assert [m.written for m in found] == ["Stadsdelsförvaltningen i Farsta"]


def test_a_districts_area_is_a_place_not_the_administration() -> None:
    fields = extract_signup(
        "Hej!\n\nUngdomsmottagningen i Farsta vill anmäla sig. Vi arbetar i hela Farsta "
        "stadsdelsområde och hör till Farsta stadsdelsförvaltning. Chef är Eva Lund.\n\n"
        "Mvh\nEva Lund"
    )
    assert fields.organisation_as_written == "Farsta stadsdelsförvaltning"


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        # Of two forms, the second in brackets: the first.
        ("Vi hör till SOF (Socialförvaltningen), enheten för stöd.", "SOF"),
        ("Vi hör till Socialförvaltningen (SOF), enheten för stöd.", "Socialförvaltningen"),
        # An English form with the Swedish in brackets: the first, as for any bracket
        # (dev/README.md's rule since 2026-12-01); beside it after a slash: the Swedish one.
        (
            "We belong to the Farsta district administration (Farsta stadsdelsförvaltning).",
            "Farsta district administration",
        ),
        ("Our office is part of the City Executive Office / Stadsledningskontoret.",
         "Stadsledningskontoret"),
    ],
)  # fmt: skip
def test_two_forms_side_by_side(sentence: str, written: str) -> None:
    fields = extract_signup(f"Hej!\n\nTeam Kompassen anmäler sig. {sentence}\n\nMvh\nEva Lund")
    assert fields.organisation_as_written == written


def test_a_labelled_organisation_is_written_as_the_label_gives_it() -> None:
    fields = extract_signup(
        "Verksamhet: Gruppbostaden Linden\nOrganisation: Attendo LSS Söderort\n"
        "Chef: Eva Lund\n\nMvh\nOla Berg\nAttendo"
    )
    assert (fields.organisation, fields.organisation_as_written) == (
        "Attendo",
        "Attendo LSS Söderort",
    )
    fields = extract_signup("Verksamhet: Dagverksamheten Linden\nFörvaltning: Socialförv.\n")
    assert fields.organisation_as_written == "Socialförv."


def test_an_address_is_not_a_mention_of_the_organisation() -> None:
    assert find_organisations("Min nya adress är eva.lind@micasa.se, se www.vittra.se") == []


def test_an_abbreviation_keeps_its_full_stop() -> None:
    [match] = find_organisations("Vi på Kulturförv. i Söderort")
    assert match.written == "Kulturförv."


def test_a_foundation_not_on_the_list_is_kept_as_written() -> None:
    fields = extract_signup(
        "Stiftelsen Solrosen driver Korttidshemmet Solrosen och vill anmäla det.\n"
        "Föreståndare: Ann Lind"
    )
    assert (fields.organisation, fields.organisation_known) == ("Stiftelsen Solrosen", False)


def test_an_unknown_organisation_is_kept_as_written_and_marked() -> None:
    fields = extract_signup(
        "Verksamhet: Förskolan Ugglan\nHuvudman: Ugglebo Pedagogik AB\nRektor: Ann Lind"
    )
    assert fields.organisation == "Ugglebo Pedagogik AB"
    assert fields.organisation_known is False


def test_lower_case_abbreviations_inside_words_do_not_count() -> None:
    assert find_organisations("Vi har en gamf-grupp och en sbkurs.") == []


@pytest.mark.parametrize(
    "name",
    [
        "Amra Petrović",
        "Emir Hadžić",
        "Ayşe Yılmaz",
        "Søren Østergaard",
        "Hélène Dubois",
        "Jürgen Müller",
        "Ahmed al-Hassan",
        "Carl af Klint",
        "Fredrik von Essen",
    ],
)
def test_unicode_names_come_out_whole(name: str) -> None:
    text = (
        f"Vi på Förskolan Ugglan vill anmäla oss. Rektor är {name}. "
        "Kontaktperson är Lena Berg, lena.berg@stockholm.se.\n\nFarsta sdf"
    )
    fields = extract_signup(text, sender_name="Lena Berg", sender_email="lena.berg@stockholm.se")
    assert fields.manager_name == name
    assert fields.contact_name == "Lena Berg"


# --- Through the app, from real MIME ----------------------------------------------------

PROVIDERS = [
    # A church charity or mission that runs a unit for the city is the unit's organisation,
    # though the district is named in the unit's own name.
    (
        "Hej,\n\nBräcke diakoni driver Gruppbostaden Lärkan Farsta på uppdrag av Stockholms "
        "stad och vill anmäla den till Kvalitetsutmärkelsen 2027.\n\nVerksamhetschef är Kim "
        "Berg och kontaktperson är undertecknad.\n\nVänliga hälsningar\nJosef Al-Amin\n"
        "Bräcke diakoni\njosef.alamin@brackediakoni.se | 08-714 11 22\n",
        ("Bräcke diakoni", "Bräcke diakoni", "Gruppbostaden Lärkan Farsta"),
    ),
    (
        "Hej!\n\nStockholms Stadsmission driver Boendet Hornstull och vill vara med i "
        "Kvalitetsutmärkelsen.\n\nFöreståndare: Lena Holm\nKontaktperson: Lena Holm, "
        "lena.holm@stadsmissionen.se\n",
        ("Stockholms Stadsmission", "Stockholms Stadsmission", "Boendet Hornstull"),
    ),
    # A listed provider with its line of business after its name is written so.
    (
        "Hej!\n\nAttendo Omsorg har ett vård- och omsorgsboende på Kungsholmen, Vård- och "
        "omsorgsboendet Lindhagen, som vi vill anmäla.\n\nVerksamhetschef är Eva Kron. "
        "Kontaktperson är jag, Pia Lund, 070-123 45 67.\n\nHälsningar\nPia Lund\nAttendo\n",
        ("Attendo", "Attendo Omsorg", "Vård- och omsorgsboendet Lindhagen"),
    ),
]


@pytest.mark.parametrize(("body", "expected"), PROVIDERS)
def test_a_provider_is_registered_as_the_mail_names_it(
    app: App, body: str, expected: tuple[str, str, str]
) -> None:
    put(app, make_mail(body, sender="skribent@example.se", sender_name="Skribent Sson"))
    cycle(app)
    [unit] = units_of(app)
    assert (unit.organisation, unit.organisation_as_written, unit.unit_name) == expected


def test_a_providers_name_of_its_own_beside_the_units_is_the_form_written(app: App) -> None:
    body = (
        "Hej!\n\nVittra Hammarbyhöjden vill anmäla sig till Kvalitetsutmärkelsen 2027. Vi är en av "
        "Vittras skolor i Stockholm.\n\nRektor är Emma Falk och kontaktperson är Jon Ek, "
        "jon.ek@vittra.se.\n\nHälsningar\nJon Ek\n"
    )
    put(app, make_mail(body, sender="jon.ek@vittra.se", sender_name="Jon Ek"))
    cycle(app)
    [unit] = units_of(app)
    assert (unit.unit_name, unit.organisation_as_written) == ("Vittra Hammarbyhöjden", "Vittra")
