"""The unit's full name and its organisation as written, where the mail shortens one of them
(issue 17): the subject names the unit short and the body in full, the body cuts the name at
"för" where the subject runs on, a provider's abbreviation inside the unit's name, the
organisation's abbreviation after the unit in the subject, a list of short lines after a colon,
an administration word split in two, an English form with the Swedish in brackets, and a
foundation's house name ("Sjukhemmet")."""

from __future__ import annotations

from bot.runner import App
from tests.signup_reading import units_named


def test_the_subject_gives_the_whole_name_the_sentence_cuts_at_for(app: App) -> None:
    body = (
        "Hej!\n\nVi vill anmäla Mottagningen för äldre anhöriga (Socialförvaltningen) till "
        "Kvalitetsutmärkelsen. Chef är Per Holm. Jag är kontaktperson, 070-123 45 67.\n\n"
        "Eva Lund\n"
    )
    subject = "Anmälan Mottagningen för äldre anhöriga"
    [(unit, org, _)] = units_named(app, body, subject=subject, sender_name="Eva Lund")
    assert (unit, org) == ("Mottagningen för äldre anhöriga", "Socialförvaltningen")


def test_the_subjects_short_name_runs_on_in_the_body(app: App) -> None:
    body = (
        "Hej,\n\njag anmäler på uppdrag av avdelningschef Per Holm avdelningen Biljettservice "
        "Norrort till Kvalitetsutmärkelsen 2027. Kontakt: Eva Lund, eva.lund@stockholm.se.\n\n"
        "Vänliga hälsningar\nEva Lund\nTrafikkontoret\n"
    )
    [(unit, _, _)] = units_named(app, body, subject="Anmälan Biljettservice")
    assert unit == "Biljettservice Norrort"


def test_a_compound_type_word_before_the_subjects_name_belongs_to_it(app: App) -> None:
    body = (
        "Hej,\n\nDet är bara vår enhet, korttidsenheten Eken, som anmäler sig i år. Chef är "
        "Lena Berg och jag är kontaktperson.\n\nMvh\nOmar Said\nTel 072-111 22 33\nVardaga\n"
    )
    [(unit, org, _)] = units_named(
        app, body, subject="Anmälan Eken", sender="omar.said@vardaga.se", sender_name="Omar Said"
    )
    assert (unit, org) == ("Korttidsenheten Eken", "Vardaga")


def test_the_providers_abbreviation_in_the_subject_is_written_out_in_the_body(app: App) -> None:
    body = (
        "Dear award team,\n\nI am the deputy principal at Internationella Engelska Skolan "
        "Liljeholmen. Our principal, Anna Berg, has asked me to register the school and to be "
        "the contact person.\n\nKind regards,\nSam Hill\n+46 70 111 22 33\n"
    )
    [(unit, org, _)] = units_named(
        app, body, subject="Quality Award 2027 – IES Liljeholmen", sender="sam.hill@engelska.se",
        sender_name="Sam Hill",
    )  # fmt: skip
    assert (unit, org) == (
        "Internationella Engelska Skolan Liljeholmen",
        "Internationella Engelska Skolan",
    )


def test_the_organisations_abbreviation_after_the_unit_in_the_subject(app: App) -> None:
    body = "Hej! Allt står i ämnesraden. Kontaktperson är jag, 08-508 000 11.\n\nMaja Ek\n"
    subject = "Anmälan KU 2027 / Ekonomiservice ÖFV / chef Leif Holm"
    [(unit, org, written)] = units_named(app, body, subject=subject, sender_name="Maja Ek")
    assert (unit, org, written) == ("Ekonomiservice", "Överförmyndarförvaltningen", "ÖFV")


def test_short_lines_after_a_colon_are_not_one_wrapped_line(app: App) -> None:
    body = (
        "Hej\n\nNytida anmäler härmed:\nGruppbostaden Eken\nDaglig verksamhet Verkstan\n\n"
        "Chef för båda: Per Holm, 072-411 00 00.\n\nPer Holm\n"
    )
    units = units_named(app, body, subject="Anmälan (2 enheter)", sender="per.holm@nytida.se")
    # The first name ends at its line ("Gruppbostaden Eken Daglig" before); that the list
    # registers both is the multi-unit reader's part.
    assert [u for u, _, _ in units][:1] == ["Gruppbostaden Eken"]


def test_an_administration_word_split_in_two_is_kept_as_written(app: App) -> None:
    body = (
        "Hej\n\nJag jobbar på Träffpunkt Rinkeby. Vi vill anmäla oss. Vi är del av Rinkeby "
        "Kista stadsdels förvaltning. Chef är Leila Said. Jag är kontakt, 070-812 00 01.\n\n"
        "Hodan Ali\nRinkeby-Kista stadsdelsförvaltning\n"
    )
    [(_, org, written)] = units_named(app, body, subject="anmälan Träffpunkt Rinkeby")
    assert (org, written) == (
        "Rinkeby-Kista stadsdelsförvaltning",
        "Rinkeby Kista stadsdels förvaltning",
    )


def test_an_english_form_with_the_swedish_in_brackets_is_written_first(app: App) -> None:
    body = (
        "Hello,\n\nWe would like to sign up Jobbtorg Norr, Labour Market Administration "
        "(Arbetsmarknadsförvaltningen), for the Quality Award 2027. The manager is Per Holm; "
        "I am the contact person, +46 70 111 00 00.\n\nEva Lund\n"
    )
    [(_, org, written)] = units_named(app, body, subject="Sign-up", sender_name="Eva Lund")
    assert (org, written) == ("Arbetsmarknadsförvaltningen", "Labour Market Administration")


def test_the_foundations_house_name_is_its_organisation_as_written(app: App) -> None:
    body = (
        "Hej,\n\nGeriatriska avdelningen 2 på Sjukhemmet vill anmäla sig. Jag är "
        "vårdenhetschef och kontaktperson.\n\nAnna Berg\nVårdenhetschef\n"
        "Stiftelsen Stockholms Sjukhem\nTel 08-617 00 00\n"
    )
    [(unit, org, written)] = units_named(
        app, body, subject="Anmälan", sender="anna.berg@stockholmssjukhem.se"
    )
    assert (unit, org, written) == (
        "Geriatriska avdelningen 2", "Stiftelsen Stockholms Sjukhem", "Sjukhemmet",
    )  # fmt: skip
