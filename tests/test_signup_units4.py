"""The unit, the number of units and the organisation in careless everyday mail (issue 17):
a short name in the sentence and the full one in a long signature, a unit called only by its
kind and its place, a company's unit set off by commas, units listed in one sentence with a
clause about each, a department that signs up the units it counts, a clipped office name."""

from __future__ import annotations

from bot.runner import App
from tests.signup_reading import units_named


def test_the_signature_gives_the_full_name_of_one_of_two_units_it_lists(app: App) -> None:
    body = (
        "Hej!\n\nVi på Tallkotten vill vara med i år. Vår pedagog Sanna Ek skriver "
        "ansökan, sanna.ek@stockholm.se.\n\nJag är rektor för både Tallkotten och Lingonet "
        "men bara Tallkotten anmäler sig nu.\n\nHälsningar\nOla\n\nOla Strand\nRektor\n"
        "Förskolan Tallkotten och Förskolan Lingonet\nHässelby-Vällingby stadsdelsförvaltning\n"
        "Växel: 08-508 00 000\n"
    )
    [(unit, org, _)] = units_named(app, body, subject="Anmälan", sender_name="Ola Strand")
    assert (unit, org) == ("Förskolan Tallkotten", "Hässelby-Vällingby stadsdelsförvaltning")


def test_a_unit_called_only_by_its_kind_is_named_with_its_place(app: App) -> None:
    body = (
        "Hej!\n\nParkenheten på Norra begravningsplatsen anmäler sig till utmärkelsen. "
        "Chef Jonas Ahl, kontakt Eva Lund (eva.lund@stockholm.se).\n\nJonas\n"
    )
    [(unit, _, _)] = units_named(app, body, subject="Utmärkelsen", sender_name="Jonas Ahl")
    assert unit == "Parkenheten på Norra begravningsplatsen"


def test_a_companys_unit_set_off_by_commas_is_named_whole(app: App) -> None:
    body = (
        "Hej,\n\nVi på Attendo, enheten Boendestöd Järva norr, vill anmäla oss. "
        "Verksamhetschef: Sara Lind. Kontakt: Per Holm, tel 010-555 12 34.\n\n"
        "Med vänlig hälsning\nSara Lind\nVerksamhetschef\n"
    )
    [(unit, org, _)] = units_named(app, body, subject="Anmälan", sender_name="Sara Lind")
    assert (unit, org) == ("Boendestöd Järva norr", "Attendo")


def test_units_listed_in_one_sentence_with_a_clause_about_each(app: App) -> None:
    body = (
        "Hej,\n\nFrån äldreomsorgen anmäler vi två enheter i år: Solhemmets vård- och "
        "omsorgsboende, där Lena Berg är enhetschef, och Hemtjänst Åkeshov som leds av "
        "Omar Said.\n\nKontaktperson för båda är Eva Lund, eva.lund@stockholm.se.\n\n"
        "Vänliga hälsningar\nMaria Ek\nAvdelningschef\nBromma stadsdelsförvaltning\n"
    )
    units = units_named(app, body, subject="Anmälan två enheter")
    assert [u for u, _, _ in units] == ["Solhemmets vård- och omsorgsboende", "Hemtjänst Åkeshov"]


def test_the_department_that_signs_up_the_units_it_counts_is_not_one(app: App) -> None:
    body = (
        "Hej,\n\nFörskoleavdelningen i Älvsjö anmäler två förskolor:\n\n"
        "Förskolan Ugglan – rektor Anna Berg\n"
        "Tranbärets förskola, där rektorstjänsten är vakant\n\n"
        "Kontaktperson för båda är jag, ring 08-508 00 111.\n\n"
        "Hälsningar\nLinnea Holm\nHägersten-Älvsjö stadsdelsförvaltning\n"
    )
    units = units_named(app, body, subject="Anmälan två förskolor", sender_name="Linnea Holm")
    assert [u for u, _, _ in units] == ["Förskolan Ugglan", "Tranbärets förskola"]


def test_an_office_clipped_at_its_first_part_is_written_so(app: App) -> None:
    body = (
        "Hej!\n\nBygglovsenheten Väst på stadsbyggn.kontoret vill gärna vara med. "
        "Chef är Anna Berg och kontakt är jag, 08-508 27 000.\n\n/Per\n\n"
        "Per Holm | Handläggare | Stadsbyggnadskontoret | Stockholms stad\n"
    )
    [(_, org, written)] = units_named(
        app, body, subject="Kvalitetsutmärkelsen", sender_name="Per Holm"
    )
    assert (org, written) == ("Stadsbyggnadskontoret", "stadsbyggn.kontoret")


def test_a_property_companys_area_named_like_a_district_is_the_companys(app: App) -> None:
    body = (
        "Hej!\n\nVi på Förvaltningsområde Väst anmäler oss till kvalitetsutmärkelsen. Jag är "
        "chef och kontaktperson, mobil 070-111 22 33.\n\n/Lars\n\nLars Ivarsson\n"
        "Förvaltningschef\nFörvaltningsområde Väst\nMicasa Fastigheter\n"
    )
    [(unit, org, written)] = units_named(app, body, subject="Anmälan", sender_name="Lars Ivarsson")
    assert (unit, org, written) == (
        "Förvaltningsområde Väst",
        "Micasa Fastigheter i Stockholm AB",
        "Micasa Fastigheter",
    )
