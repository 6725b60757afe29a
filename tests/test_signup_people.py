"""Issue 17: who is manager and who is contact when a mail says it in a roundabout way.

Each mail is real MIME (built by the tests' `make_mail`, parsed as the bot parses it) and
read by `extract_mail`, as the sign-up flow reads it.
"""

from __future__ import annotations

from bot.mail.parse import parse_mail
from bot.signups.extract import several_units
from tests.conftest import make_mail
from tests.signup_reading import contact_of, read_mime


def test_a_manager_who_points_at_a_colleague_with_him_ni_ska_kontakta() -> None:
    body = (
        "Hej,\n\nVi anmäler Solgläntans äldreboende till Kvalitetsutmärkelsen. Vi hör till"
        " Äldreförvaltningen.\n\nJag är enhetschef men det är vår sjuksköterska Tomas Berglund"
        " som samlar underlaget, så det är honom ni ska kontakta. Hans mejl är"
        " tomas.berglund@stockholm.se. Han har även mobil 073-220 45 19.\n\n"
        "Mvh\nVera Lind\nEnhetschef\nTelefon 08-508 40 100\n"
    )
    fields = read_mime(body, sender_name="Vera Lind", sender="vera.lind@stockholm.se")
    assert fields.manager_name == "Vera Lind"
    assert contact_of(fields) == ("Tomas Berglund", "tomas.berglund@stockholm.se", "073-220 45 19")


def test_a_writer_who_becomes_contact_before_a_clause_about_the_manager() -> None:
    body = (
        "Hej!\nVi vill anmäla Gruppbostaden Lingonvägen i Skarpnäcks stadsdelsförvaltning.\n"
        "Enhetschef är Agneta Rydell. Jag är stödpedagog här och kommer vara kontakt för"
        " anmälan, Agneta har sagt ja till det.\n\nHälsningar\nOmar Haddou\nStödpedagog\n"
        "Mobil: 070-618 22 40\n"
    )
    fields = read_mime(body, sender_name="Haddou Omar", sender="omar.haddou@stockholm.se")
    assert fields.manager_name == "Agneta Rydell"
    assert contact_of(fields) == ("Omar Haddou", "omar.haddou@stockholm.se", "070-618 22 40")


def test_undertecknad_signed_in_capitals_under_an_outlook_surname_first_name() -> None:
    body = (
        "Till Kvalitetsutmärkelsen\n\nSocialförvaltningen, Enheten för familjestöd, anmäler"
        " härmed sin verksamhet.\n\nAnsvarig chef: Per Hallgren, enhetschef.\n"
        "Kontaktperson under arbetet är undertecknad.\n\nMed vänlig hälsning\n\n"
        "ANA SOFÍA GARCÍA RUIZ\nFAMILJEBEHANDLARE\nSOCIALFÖRVALTNINGEN\nTFN 08-508 11 234\n"
    )
    fields = read_mime(
        body, sender_name="García Ruiz Ana Sofía", sender="ana.sofia.garcia@stockholm.se"
    )
    assert fields.manager_name == "Per Hallgren"
    assert contact_of(fields) == (
        "Ana Sofía García Ruiz",
        "ana.sofia.garcia@stockholm.se",
        "08-508 11 234",
    )


def test_a_manager_who_is_contact_signing_in_capitals() -> None:
    body = (
        "Hej\n\nVi vill anmäla Enheten för bostadsanpassning på Stadsbyggnadskontoret. Jag är"
        " chef för enheten och är också kontaktperson.\n\nKAROL NOWAK\nENHETSCHEF\n"
        "STADSBYGGNADSKONTORET\nTEL. 08-508 27 310\n"
    )
    fields = read_mime(body, sender_name="Nowak Karol", sender="karol.nowak@stockholm.se")
    assert fields.manager_name == "Karol Nowak"
    assert contact_of(fields) == ("Karol Nowak", "karol.nowak@stockholm.se", "08-508 27 310")


def test_a_number_written_with_a_non_breaking_hyphen() -> None:
    body = (
        "Hej!\n\nJag är enhetschef för Daglig verksamhet Rosen i Farsta stadsdelsförvaltning"
        " och vill anmäla oss.\n\nNi kan kontakta mig direkt, tfn 08\u201150812345.\n\n"
        "Hälsningar\nMilica Jović\n"
    )
    fields = read_mime(body, sender_name="Milica Jović", sender="milica.jovic@stockholm.se")
    assert contact_of(fields) == ("Milica Jović", "milica.jovic@stockholm.se", "08\u201150812345")


def test_the_writer_who_becomes_your_contact_over_several_sentences() -> None:
    body = (
        "Hejsan\n\nEnskedeskolan vill anmäla sig till kvalitetsutmärkelsen! Rektor är Sara"
        " Lindqvist, hon har bett mig sköta det praktiska.\nJag heter Jonatan Ek och är"
        " förstelärare. Det är alltså jag som blir er kontakt.\nMin mejl är"
        " jonatan.ek3@edu.stockholm.se.\n\nSkolan tillhör utbildningsförvaltningen.\n\n"
        "Mvh Jonatan\n\n--\nJonatan Ek\nFörstelärare\nEnskedeskolan\nMobil: +46 (0)70 512 34 56\n"
    )
    fields = read_mime(body, sender_name="Ek Jonatan", sender="jonatan.ek3@edu.stockholm.se")
    assert fields.manager_name == "Sara Lindqvist"
    assert contact_of(fields) == (
        "Jonatan Ek",
        "jonatan.ek3@edu.stockholm.se",
        "+46 (0)70 512 34 56",
    )


def test_english_head_of_team_and_a_writer_who_handles_the_application() -> None:
    head = (
        "Dear organisers,\n\nI would like to register our team, Digital Services, at the"
        " City Executive Office for this year's quality award. I head the team.\n\n"
        "Our analyst, Priya Nair, will be your contact person. Her e-mail is"
        " priya.nair@stockholm.se.\n\nKind regards,\nMarcus Holm\nHead of Digital Services\n"
    )
    fields = read_mime(head, sender_name="Marcus Holm", sender="marcus.holm@stockholm.se")
    assert fields.manager_name == "Marcus Holm"
    assert contact_of(fields) == ("Priya Nair", "priya.nair@stockholm.se", None)
    handles = (
        "Hi,\n\nPlease register Visitor Services for the quality award. We are a unit within"
        " Stockholm Business Region. Head of unit is Karin Wall; I'll handle the application"
        " on our side.\n\nPhone +46 73 555 12 34\n\nBest,\nTom Reed\nAdvisor\n"
    )
    fields = read_mime(handles, sender_name="Tom Reed", sender="tom.reed@stockholm.se")
    assert fields.manager_name == "Karin Wall"
    assert contact_of(fields) == ("Tom Reed", "tom.reed@stockholm.se", "+46 73 555 12 34")


def test_the_one_who_does_the_work_and_whom_you_should_talk_to() -> None:
    body = (
        "Hej!\n\nJag är rektor på Förskolan Blåklockan och vill anmäla oss. Den som kommer att"
        " hålla i arbetet är vår ateljerista, Hanna Vik. Mejla henne gärna direkt:"
        " hanna.vik@stockholm.se\n\nHälsningar\nLinnea Ström\nRektor\n"
    )
    fields = read_mime(body, sender_name="Linnea Ström", sender="linnea.strom@stockholm.se")
    assert fields.manager_name == "Linnea Ström"
    assert contact_of(fields) == ("Hanna Vik", "hanna.vik@stockholm.se", None)
    talk = (
        "Hej!\n\nJag hjälper Hägerstens bibliotek i Kulturförvaltningen med anmälan.\n\n"
        "Biblioteket leds av Eva Sund. Den som ni ska prata med är bibliotekarien Nils Ahl,"
        " tel. 08-508 30 111. Ring honom hellre än att mejla.\n\nTack!\nAnna Kron\n"
        "Kommunikatör\n"
    )
    fields = read_mime(talk, sender_name="Anna Kron", sender="anna.kron@stockholm.se")
    assert fields.manager_name == "Eva Sund"
    assert contact_of(fields) == ("Nils Ahl", None, "08-508 30 111")


def test_a_post_that_is_the_subject_of_its_own_clause_names_no_manager() -> None:
    body = (
        "Hej!\n\nJag vill anmäla vår avdelning, Rehabavdelningen på Stiftelsen Hemmet, till"
        " Kvalitetsutmärkelsen. Vår verksamhetschef har godkänt det och jag är"
        " kontaktperson.\n\nLisa Tran\nFysioterapeut\nTel 08-617 00 12\n"
    )
    fields = read_mime(body, sender_name="Lisa Tran", sender="lisa.tran@hemmet.se")
    assert fields.manager_name is None
    assert fields.contact_name == "Lisa Tran"


def test_an_address_pattern_is_no_address() -> None:
    body = (
        "Hej,\n\nStockholm Vatten och Avfall anmäler vår Kundservice till"
        " Kvalitetsutmärkelsen 2027.\n\nChef är Johan Rask. Kontakt: jag, Mei Lin,"
        " kundservicesamordnare. Ni når mig på förnamn.efternamn@svoa.se eller via växeln"
        " 08-522 120 00.\n\nHälsningar\nMei\n"
    )
    fields = read_mime(body, sender_name="Mei Lin", sender="mei.lin@svoa.se")
    assert fields.contact_name == "Mei Lin"
    assert fields.contact_email == "mei.lin@svoa.se"


def test_the_contacts_address_in_a_postscript_under_the_signature() -> None:
    body = (
        "Hej!\n\nEnheten Ekonomiskt bistånd Skärholmen anmäler sig härmed. Jag är enhetschef."
        "\n\nKontaktperson blir min kollega Selin Aydın, socialsekreterare. Hennes nummer är"
        " 08-508 24 455.\n\nMehmet Kaya\nEnhetschef, Ekonomiskt bistånd Skärholmen\n"
        "Skärholmens stadsdelsförvaltning\n08-508 24 000 (vx)\n\n"
        "PS. Selins mejl är selin.aydin@stockholm.se\n"
    )
    fields = read_mime(body, sender_name="Kaya Mehmet", sender="mehmet.kaya@stockholm.se")
    assert fields.manager_name == "Mehmet Kaya"
    assert contact_of(fields) == ("Selin Aydın", "selin.aydin@stockholm.se", "08-508 24 455")


def test_a_sentence_naming_the_writer_contact_above_the_signature_line() -> None:
    body = (
        "Hej!\n\nVardaga anmäler Gruppbostaden Tallbacken, chef Anneli Skog.\n\n"
        "Kontaktperson för enheten är jag.\n\n"
        "Yonas Tekle, kvalitetsansvarig, Vardaga region Stockholm\n"
        "yonas.tekle@vardaga.se, 073-410 55 21\n"
    )
    fields = read_mime(body, sender_name="Yonas Tekle", sender="yonas.tekle@vardaga.se")
    assert fields.manager_name == "Anneli Skog"
    assert contact_of(fields) == ("Yonas Tekle", "yonas.tekle@vardaga.se", "073-410 55 21")


def test_the_contacts_description_goes_on_with_a_number_for_her_team() -> None:
    body = (
        "Hej,\nVi på Hemtjänsten Kungsholmen Norra vill anmäla oss till Kvalitetsutmärkelsen."
        " Vi hör till Kungsholmens stadsdelsförvaltning.\n\nEnhetschef: Maria von Post\n"
        "Kontaktperson: Sofie Lund, planerare.\n\nSofie delar funktionsbrevlådan med de andra"
        " planerarna, så svara gärna till hemtjanst.kungsholmen@stockholm.se. Telefon till"
        " planeringen 08-508 08 314.\n\nHälsningar\nSofie L / Planeringen\n"
    )
    fields = read_mime(
        body, sender_name="Kungsholmen hemtjänst", sender="hemtjanst.kungsholmen@stockholm.se"
    )
    assert fields.manager_name == "Maria von Post"
    assert contact_of(fields) == (
        "Sofie Lund",
        "hemtjanst.kungsholmen@stockholm.se",
        "08-508 08 314",
    )


def test_each_units_own_manager_is_its_contact_reached_as_said_after_each_name() -> None:
    body = (
        "Hej!\n\nJag är regionchef på Humana och vill anmäla två av våra enheter i Stockholm:\n\n"
        "Humana Gruppbostad Tallkrogen – enhetschef Lovisa Brandt\n"
        "Humana Gruppbostad Gubbängen – enhetschef Ahmed Noor\n\n"
        "Respektive enhetschef är kontaktperson. Lovisa nås på lovisa.brandt@humana.se /"
        " 070-318 22 01 och Ahmed på ahmed.noor@humana.se / 070-318 22 09.\n\n"
        "Med vänlig hälsning\nKerstin Alm\nRegionchef Stockholm, Humana\n"
    )
    mail = parse_mail(make_mail(body, sender="kerstin.alm@humana.se", sender_name="Kerstin Alm"))
    units = several_units(mail.text, sender_name=mail.from_name, sender_email=mail.from_addr)
    assert [(u.unit_name, u.manager_name) for u in units] == [
        ("Humana Gruppbostad Tallkrogen", "Lovisa Brandt"),
        ("Humana Gruppbostad Gubbängen", "Ahmed Noor"),
    ]
    assert [contact_of(u) for u in units] == [
        ("Lovisa Brandt", "lovisa.brandt@humana.se", "070-318 22 01"),
        ("Ahmed Noor", "ahmed.noor@humana.se", "070-318 22 09"),
    ]


def test_a_contact_for_each_unit_named_by_its_short_name() -> None:
    body = (
        "Hej!\n\nVi vill anmäla två förskolor i Skarpnäcks stadsdelsförvaltning: Linden och"
        " Eken. Båda leds av mig, Sara Holm.\n\n"
        "Kontakt för Linden: Oskar Berg, oskar.berg@stockholm.se, 08-508 15 221.\n"
        "Kontakt för Eken blir Jenny Lo – hon har inte fått mejl ännu, så det kommer senare.\n\n"
        "Hälsningar\nSara Holm\nRektor\n"
    )
    mail = parse_mail(make_mail(body, sender="sara.holm@stockholm.se", sender_name="Sara Holm"))
    units = several_units(mail.text, sender_name=mail.from_name, sender_email=mail.from_addr)
    assert [(u.unit_name, u.manager_name) for u in units] == [
        ("Linden", "Sara Holm"),
        ("Eken", "Sara Holm"),
    ]
    assert [contact_of(u) for u in units] == [
        ("Oskar Berg", "oskar.berg@stockholm.se", "08-508 15 221"),
        ("Jenny Lo", None, None),
    ]
