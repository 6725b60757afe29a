"""The organisation as written and the unit's own name where the mail writes the two together
(issue 17): a genitive ending ("SISAB:s", "fastighetskontorets"), two forms with one in
brackets, an abbreviation in the writer's own capitals, "HV sdf", a provider's name before
"förskolan X", and a unit described in the sentence but named in the subject."""

from __future__ import annotations

import pytest

from bot.runner import App
from tests.signup_reading import units_named

GENITIVES = [
    (
        "Vi på Lokalenheten Söderort, fastighetskontorets avdelning för lokaler, vill anmäla "
        "oss till Kvalitetsutmärkelsen 2027. Enhetschef är Per Wall.",
        ("Lokalenheten Söderort", "Fastighetskontoret", "fastighetskontoret"),
    ),
    (
        "Micasa Fastigheters förvaltningsområde Västerort anmäler sig härmed. Förvaltningschef "
        "Per Wall.",
        ("Förvaltningsområde Västerort", "Micasa Fastigheter i Stockholm AB", "Micasa Fastigheter"),
    ),
    # The colon of "SISAB:s" is no end of the unit's name, which follows it.
    (
        "Vi på SISAB:s Driftområde Norr anmäler oss till Kvalitetsutmärkelsen 2027. Chef är "
        "Per Wall.",
        ("Driftområde Norr", "Skolfastigheter i Stockholm AB", "SISAB"),
    ),
    (
        "Hemtjänsten Kärrtorp i Skarpnäcks stadsdelsförvaltnings äldreomsorg anmäler sig. "
        "Enhetschef är Per Wall.",
        ("Hemtjänsten Kärrtorp", "Skarpnäcks stadsdelsförvaltning", "Skarpnäcks stadsdelsförvaltning"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), GENITIVES)
def test_the_organisation_in_the_genitive_is_written_without_its_ending(
    app: App, sentence: str, expected: tuple[str, str, str]
) -> None:
    body = f"Hej,\n\n{sentence}\n\nKontakt: Lisa Ek, 070-123 45 67.\n\nMvh\nLisa Ek\n"
    assert units_named(app, body, subject="Anmälan", sender_name="Lisa Ek") == [expected]


def test_of_two_forms_the_second_in_brackets_the_first_is_written(app: App) -> None:
    body = (
        "Hej!\n\nJobbtorg Kista på AMF (Arbetsmarknadsförvaltningen) vill anmäla sig till "
        "Kvalitetsutmärkelsen 2027. Enhetschef är Per Wall.\n\nKontaktperson: Lisa Ek, "
        "08-508 35 500\n\nMed vänlig hälsning\nLisa\n"
    )
    assert units_named(app, body, subject="Anmälan Jobbtorg Kista", sender_name="Lisa Ek") == [
        ("Jobbtorg Kista", "Arbetsmarknadsförvaltningen", "AMF")
    ]


@pytest.mark.parametrize(
    ("written", "organisation"),
    [
        ("UtbF", "Utbildningsförvaltningen"),  # the writer's own capitals
        ("SoF", "Socialförvaltningen"),
        ("HV sdf", "Hässelby-Vällingby stadsdelsförvaltning"),  # the district's initials
    ],
)
def test_an_abbreviation_as_the_writer_types_it_is_the_organisation(
    app: App, written: str, organisation: str
) -> None:
    body = (
        f"Hej. Fritidsklubben Vågen anmäler sig ({written}). Chef Per Wall, kontakt jag.\n"
        "Lisa E\n070-123 45 67\n"
    )
    assert units_named(app, body, subject="fritidsklubben", sender_name="Lisa Ek") == [
        ("Fritidsklubben Vågen", organisation, written)
    ]


def test_two_capitals_alone_are_not_a_districts_initials(app: App) -> None:
    body = (
        "Hej! Fritidsklubben Vågen anmäler sig, vi samarbetar med HV i helgerna. Chef Per "
        "Wall, kontakt jag.\nLisa E\n070-123 45 67\n"
    )
    [(_, organisation, _)] = units_named(app, body, subject="klubben", sender_name="Lisa Ek")
    assert organisation is None


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        # "the preschool Trollsländan", in lower case after the provider: the provider's.
        ("Norlandia förskolan Trollsländan anmäler sig", "Förskolan Trollsländan"),
        ("Nytida gruppbostaden Eken anmäler sig", "Gruppbostaden Eken"),
        # Capitalised, or the provider's own line in the indefinite, it is one name.
        ("Norlandia Förskolan Trollsländan anmäler sig", "Norlandia Förskolan Trollsländan"),
        ("Nytida gruppbostad Eken anmäler sig", "Nytida gruppbostad Eken"),
    ],
)
def test_a_providers_name_before_the_unit_in_the_definite_is_not_the_units(
    app: App, sentence: str, unit: str
) -> None:
    body = (
        f"Hej!\n\n{sentence} till Kvalitetsutmärkelsen 2027.\nChef och kontaktperson: Lisa Ek, "
        "070-123 45 67.\n\nHälsningar Lisa\n"
    )
    [(name, _, _)] = units_named(app, body, subject="Anmälan", sender_name="Lisa Ek")
    assert name == unit


def test_a_unit_described_in_the_sentence_is_named_as_the_subject_and_signature_name_it(
    app: App,
) -> None:
    body = (
        "Hej!\nSvenska Bostäders kundcenter i Husby vill anmäla sig. Områdeschef Per Wall, "
        "kontakt Lisa Ek (jag).\n\nMvh Lisa Ek\nKundcenter Husby, AB Svenska Bostäder\n"
        "Tel 08-508 370 00\n"
    )
    [(unit, organisation, written)] = units_named(
        app, body, subject="Anmälan – Kundcenter Husby", sender_name="Lisa Ek"
    )
    assert (unit, organisation, written) == (
        "Kundcenter Husby",
        "AB Svenska Bostäder",
        "Svenska Bostäder",
    )


def test_a_unit_described_in_the_sentence_alone_is_named_so(app: App) -> None:
    body = (
        "Hej!\nSvenska Bostäders kundcenter i Husby vill anmäla sig. Områdeschef Per Wall, "
        "kontakt Lisa Ek (jag).\n\nMvh Lisa Ek\nAB Svenska Bostäder\nTel 08-508 370 00\n"
    )
    [(unit, _, _)] = units_named(app, body, subject="Anmälan", sender_name="Lisa Ek")
    assert unit == "Kundcenter i Husby"


def test_the_unit_the_writer_writes_from_is_named_whole(app: App) -> None:
    body = (
        "Hej,\n\nJag skriver från Boendeenheten unga vuxna på Farsta sdf:s socialtjänst. Vi "
        "vill anmäla oss till Kvalitetsutmärkelsen 2027. Vår enhetschef heter Per Wall.\n\n"
        "Jag är kontaktperson, ring gärna 08-508 123 45.\n\nMvh\nLisa Ek\n"
    )
    assert units_named(app, body, sender_name="Lisa Ek") == [
        ("Boendeenheten unga vuxna", "Farsta stadsdelsförvaltning", "Farsta sdf")
    ]


def test_writing_from_somewhere_that_is_no_unit_names_none(app: App) -> None:
    body = (
        "Hej,\n\nJag skriver från Gmail idag. Förskolan Ugglan vill anmäla sig till "
        "Kvalitetsutmärkelsen 2027. Chef är Per Wall, kontakt jag, 070-123 45 67.\n\nMvh\nLisa Ek\n"
    )
    [(unit, _, _)] = units_named(app, body, sender_name="Lisa Ek")
    assert unit == "Förskolan Ugglan"


def test_the_district_the_writers_speak_as_is_the_form_written(app: App) -> None:
    body = (
        "Hej,\n\nVi i Skarpnäck vill anmäla Fritidsgården Vinden till Kvalitetsutmärkelsen "
        "2027. Chef är Per Wall, kontakt jag, 08-508 15 000.\n\nMed vänlig hälsning\nLisa Ek\n"
        "Fritidsledare\nSkarpnäcks stadsdelsförvaltning\n"
    )
    assert units_named(app, body, sender_name="Lisa Ek") == [
        ("Fritidsgården Vinden", "Skarpnäcks stadsdelsförvaltning", "Skarpnäck")
    ]
