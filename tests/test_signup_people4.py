"""Issue 17: the people in careless everyday prose under long Outlook signatures (a fourth
round).

A legal footer under the signature, the colleague who will do the work ("X som är … kommer
hålla i arbetet, maila X på …"), "kontakt kan vara X", the writer who takes the application
on ("tar jag hand om ansökan"), a first name before the full name in its own paragraph, a
lower-case address after "kontakt:", and two managers each named before the unit they head.
Each mail is real MIME (built by the tests' `make_mail`, parsed as the bot parses it) and read
as the sign-up flow reads it.
"""

from __future__ import annotations

from bot.signups.extract import several_units
from tests.signup_reading import contact_of, read_mime

_FOOTER = (
    "\n\nNär du skickar e-post till Stockholms stad sparar och behandlar vi dina"
    " personuppgifter\nenligt dataskyddsförordningen (GDPR). Läs mer på"
    " https://start.stockholm/personuppgifter\n"
)


def test_a_colleague_who_does_the_work_and_is_to_be_mailed_under_a_long_signature() -> None:
    body = (
        "Hej\n\nBoendet Lärkan (LSS, Farsta sdf) anmäler sig härmed. Jag är enhetschef här och"
        " på Boendet Svalan men vi anmäler bara Lärkan i år. Maja Ekström-Lind som är"
        " arbetsterapeut kommer hålla i själva arbetet, maila Maja på"
        " maja.ekstrom-lind@stockholm.se\n\nTove\n\nTove von Post\nEnhetschef\n"
        "Stöd och service, LSS-boenden Farsta\nFarsta stadsdelsförvaltning\n"
        "Besöksadress: Farstaplan 2\nTelefon 08-508 40 100\nMobil 070-440 12 12\n"
        "tove.vonpost@stockholm.se\n[Stockholms stad]" + _FOOTER
    )
    fields = read_mime(body, sender_name="Tove von Post", sender="tove.vonpost@stockholm.se")
    assert fields.manager_name == "Tove von Post"
    assert contact_of(fields) == ("Maja Ekström-Lind", "maja.ekstrom-lind@stockholm.se", None)


def test_who_the_contact_may_be_in_a_lower_case_mail() -> None:
    body = (
        "hej\n\nvi vill anmäla fritidsgården Gnistan (farsta sdf) till kvalitetsutmärkelsen."
        " jag är enhetschef. kontakt kan vara Noor Haddad som jobbar som fritidsledare här,"
        " hon nås på 08-508 41 222 eller noor.haddad@stockholm.se\n\nmvh pelle\n\n"
        "Pelle Strand\nEnhetschef\nFritidsgården Gnistan\nTfn 08-508 41 200\n"
    )
    fields = read_mime(body, sender_name="Pelle Strand", sender="pelle.strand@stockholm.se")
    assert fields.manager_name == "Pelle Strand"
    assert contact_of(fields) == ("Noor Haddad", "noor.haddad@stockholm.se", "08-508 41 222")


def test_the_writer_who_takes_the_application_on() -> None:
    body = (
        "Hej!\n\nVi på Kungsholmens hemtjänst vill anmäla oss till Kvalitetsutmärkelsen."
        " Enhetschef är Rut Almqvist, men eftersom hon är tjänstledig i vår så tar jag som"
        " utvecklingsledare hand om ansökan. Hör av er!\n\nBästa hälsningar\nLinnea\n\n"
        "Linnea Sund\nUtvecklingsledare\nKungsholmens hemtjänst\n"
        "Kungsholmens stadsdelsförvaltning\nVäxel: 08-508 08 000\nDirekt: 08-508 08 417\n"
        "E-post: linnea.sund@stockholm.se\n"
    )
    fields = read_mime(body, sender_name="Linnea Sund", sender="linnea.sund@stockholm.se")
    assert fields.manager_name == "Rut Almqvist"
    assert contact_of(fields) == ("Linnea Sund", "linnea.sund@stockholm.se", "08-508 08 417")


def test_a_first_name_before_the_full_name_in_its_paragraph() -> None:
    body = (
        "Hej,\n\nFrån Hägerstens sdf anmäler vi Dagverksamheten Vinbäret, där Ola Berg är"
        " enhetschef.\n\nDet är Robin som håller i det för oss (Robin Falk, utvecklare hos"
        " oss), robin.falk@stockholm.se, 08-508 20 515. Jag finns med som stöd men Robin är"
        " den ni ska vända er till.\n\nVänliga hälsningar\nGun Ahl\nAvdelningschef\n"
    )
    fields = read_mime(body, sender_name="Gun Ahl", sender="gun.ahl@stockholm.se")
    assert fields.manager_name == "Ola Berg"
    assert contact_of(fields) == ("Robin Falk", "robin.falk@stockholm.se", "08-508 20 515")


def test_a_lower_case_address_after_kontakt_and_a_colon() -> None:
    body = (
        "Hej!\n\nServiceboendet Ljuset i Bagarmossen vill anmäla sig. Vi har ingen ordinarie"
        " chef just nu. Jag är samordnare och kontakt: vera.lund@omsorgab.se\n\nHa det bra\n"
        "Vera\n\nSkickat från min iPhone\n"
    )
    fields = read_mime(body, sender_name="Vera Lund", sender="vera.lund@omsorgab.se")
    assert fields.manager_name is None
    assert contact_of(fields)[:2] == ("Vera Lund", "vera.lund@omsorgab.se")


def test_two_managers_each_named_before_the_unit_they_head() -> None:
    mail = (
        "Hej!\n\nVi anmäler två av våra hemtjänstgrupper, Hemtjänst Solberga och Hemtjänst"
        " Liseberg, till kvalitetsutmärkelsen. Jag (Ines Borg) är enhetschef för Solberga och"
        " Teo Nyman är chef för Liseberg, vi har arbetat tillsammans. Kontaktperson för båda"
        " blir jag, 08-508 22 101.\n\nHälsningar Ines\n"
    )
    units = several_units(mail, sender_name="Ines Borg", sender_email="ines.borg@stockholm.se")
    assert [(u.unit_name, u.manager_name, u.contact_name) for u in units] == [
        ("Hemtjänst Solberga", "Ines Borg", "Ines Borg"),
        ("Hemtjänst Liseberg", "Teo Nyman", "Ines Borg"),
    ]


def test_a_footer_run_into_the_signature_leaves_the_writers_number() -> None:
    body = (
        "Hej,\n\nEnheten för bostadsstöd på Socialförvaltningen vill delta i"
        " Kvalitetsutmärkelsen. Enhetschef är Åke Moberg. Jag är kontaktperson.\n\n"
        "Med vänlig hälsning\nIrma Lukić\nHandläggare\nSocialförvaltningen\n"
        "Tfn: 08-508 25 318\nirma.lukic@stockholm.se\nStockholms stad\n"
        "När du skickar e-post till Stockholms stad behandlar vi dina personuppgifter enligt"
        " dataskyddsförordningen.\n"
    )
    fields = read_mime(body, sender_name="Irma Lukić", sender="irma.lukic@stockholm.se")
    assert fields.manager_name == "Åke Moberg"
    assert contact_of(fields) == ("Irma Lukić", "irma.lukic@stockholm.se", "08-508 25 318")
