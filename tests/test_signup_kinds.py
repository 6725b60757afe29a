"""Issue 17: each kind of sign-up that used to go wrong, on realistic mails of the dev corpus.

Every case goes through the real pipeline (a fresh app on SQLite, the embedded Maildir, one
cycle per mail) exactly as bench/bench_signups.py measures it, and the registered units
must equal the corpus truth. The held-out corpus is never used here.
"""

from __future__ import annotations

import io
import json
import re
from email.message import EmailMessage
from typing import Any

import docx
import pytest
from sqlalchemy import select

from bench.bench_signups import CORPUS, FIELDS, run_case
from bot.models import Unit
from bot.runner import App
from tests.conftest import body_text, cycle, make_mail, put, sent

DEV = CORPUS / "dev"
TRUTH: dict[str, Any] = json.loads((DEV / "truth.json").read_text(encoding="utf-8"))
KINDS = {
    "unit without a capitalised type word": [
        "d001-prose-forskola",
        "d034-stokab",
        "d063-english-unga-klara",
        "d089-inc-no-manager-library",
        "d095-long-disclaimer",
        "d109-slk-alias",
        "d004-oppna-forskolan",
        "d005-parkleken",
        "d006-boendestodet",
        "d007-daglig-verksamhet",
    ],
    "unit only in the subject": ["d003-unit-only-in-subject"],
    "people in prose, the contact is not the sender": [
        "d001-prose-forskola",
        "d002-prose-vob-det-vill-saga-jag",
        "d010-contact-email-differs",
        "d037-humana",
        "d008-office-sbk",
        "d012-gmail-unknown-private",
        "d024-service-two-phones",
        "d091-inc-no-org-no-manager",
    ],
    "unicode names (ć ž ı ø é ü, al-, particles)": [
        "d007-daglig-verksamhet",
        "d011-school-bosnian-names",
        "d018-vietnamese-names",
        "d020-al-particle",
        "d021-danish-german",
        "d022-kyrkogard",
    ],
    "organisation aliases and abbreviations": [
        "d027-amf",
        "d028-sisab",
        "d029-svoa",
        "d105-farsta-sdn-alias",
        "d107-eav-typo-alias",
        "d120-sdf-sodermalm-alias",
        "d101-aleris-unknown-private",
    ],
    "forwarded mail": [
        "d046-fwd-outlook-registrator",
        "d047-fwd-gmail-own-mail",
        "d048-fwd-ursprungligt",
        "d050-fwd-admin-adds-manager",
        "d051-fwd-double",
        "d052-fwd-outlook-mobile-english-headers",
        "d053-fwd-with-docx",
    ],
    "english": [
        "d062-english-preschool",
        "d060-english-sbr",
        "d061-english-hamn",
        "d083-inc-english-no-manager",
    ],
    "html table": [
        "d064-table-2col-cells",
        "d065-table-2col-tabs",
        "d068-table-html-only",
        "d070-table-horizontal",
    ],
    "attached form": [
        "d072-attached-docx",
        "d073-attached-pdf",
        "d074-attached-docx-slk",
        "d075-attached-pdf-signature-only",
    ],
    "several units": [
        "d054-two-units-same-manager",
        "d055-two-units-shared-contact",
        "d088-inc-two-units-one-incomplete",
        "d056-three-units-numbered",
        "d057-two-units-two-orgs",
        "d058-two-units-bullets",
        "d066-table-rows-two-units",
        "d067-table-rows-three-units",
    ],
    "a correction in prose, from a registered address": [
        "d149-corr-organisation",
        "d151-corr-email",
        "d153-corr-iphone-contact",
        "d154-corr-english",
        "d155-corr-add-contact-details",
        "d160-corr-add-phone-and-email",
    ],
    "organisation from the thread, a cooperative, a district alone": [
        "d098-reply-to-info-mail",
        "d100-parent-cooperative",
        "d121-samsung-short",
    ],
    "not a sign-up": [
        "d122-ns-newsletter",
        "d123-ns-question-two-entries",
        "d129-ns-examiner-volunteer",
        "d130-ns-internal-reminder-cc",
        "d136-ns-conference-signup",
        "d140-ns-private-eligibility",
        "d145-ns-lunch-seminar",
    ],
    "manager named, contact missing: asked, not filled from the sender": [
        "d077-inc-contact-no-details",
        "d080-inc-admin-no-contact",
        "d086-inc-contact-later",
    ],
}
CASES = [(kind, case) for kind, cases in KINDS.items() for case in cases]


def _norm(name: str, value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return re.sub(r"\D", "", text) if name == "phone" else " ".join(text.split()).casefold()


@pytest.mark.parametrize(("kind", "case"), CASES, ids=[f"{k}: {c}" for k, c in CASES])
def test_the_registered_units_are_the_truth(kind: str, case: str) -> None:
    truth = TRUTH[case]
    before, units = run_case(DEV, case)
    if truth["kind"] == "not-signup":
        assert units[before:] == []
        return
    assert len(units) == len(truth["units"])
    for got, want in zip(units, truth["units"], strict=True):
        assert {f: _norm(f, got[f]) for f in FIELDS} == {f: _norm(f, want[f]) for f in FIELDS}


TWO_IN_ONE_SENTENCE = """Hej!

Vi vill anmäla Förskolan Eken och Förskolan Linden till Kvalitetsutmärkelsen 2027. Båda hör
till Bromma stadsdelsförvaltning, och jag är rektor för dem båda.

Kontaktpersoner:
Eken – Ann Berg, ann.berg@stockholm.se, 08-508 06 311
Linden – Bo Ek, bo.ek@stockholm.se, 08-508 06 322

Vänliga hälsningar
Eva Lind
Rektor
"""


def test_two_units_in_one_sentence_get_a_reference_each_and_one_receipt(app: App) -> None:
    put(app, make_mail(TWO_IN_ONE_SENTENCE, sender="eva.lind@stockholm.se", sender_name="Eva Lind"))
    cycle(app)
    with app.sessions() as session:
        units = list(session.scalars(select(Unit).order_by(Unit.id)))
        got = [
            (u.reference, u.unit_name, u.manager_name, u.contact_name, u.contact_phone)
            for u in units
        ]
    assert got == [
        ("KU-2027-001", "Förskolan Eken", "Eva Lind", "Ann Berg", "08-508 06 311"),
        ("KU-2027-002", "Förskolan Linden", "Eva Lind", "Bo Ek", "08-508 06 322"),
    ]
    [receipt] = sent(app)
    assert receipt["X-Kvalitetsbot-Kind"] == "signup-several"
    text = body_text(receipt)
    assert "KU-2027-001" in text and "KU-2027-002" in text
    assert "Förskolan Eken" in text and "Förskolan Linden" in text


# --- How many units a mail registers ------------------------------------------------------


def _registered_units(app: App, body: str, **mail: str) -> list[tuple[Any, ...]]:
    put(app, make_mail(body, **mail))
    cycle(app)
    with app.sessions() as session:
        return [
            (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
            for u in session.scalars(select(Unit).order_by(Unit.id))
        ]


NUMBERED_BLOCKS = """\
Hej,

Enskede-Årsta-Vantör sdf anmäler följande fyra enheter till Kvalitetsutmärkelsen 2027.

1. Årstadalens förskolor
   Chef: Lovisa Strand, rektor
   Kontaktperson: Pontus Lind, pontus.lind@stockholm.se, 08-508 140 11

2. Boendestödet Vantör
   Chef: Selma Husić
   Kontaktperson: Selma Husić (samma), selma.husic@stockholm.se

3. Socialtjänstens mottagning Vantör
   Chef: Tomas Wik, sektionschef
   Kontaktperson: Nora Ali, tel. 08-508 140 77

4. Träffpunkt Rågsved
   Chef: Gun Alm
   Kontaktperson: meddelas senare

Med vänlig hälsning
Maj Ek
Registrator
"""


def test_a_numbered_list_of_name_items_registers_every_unit_with_its_own_people(app: App) -> None:
    """A list item that is only a name, over its own "Chef:"/"Kontaktperson:" lines, is a
    unit: with or without a type word, and a proper name before a plural type word
    ("Årstadalens förskolor") names one unit, not a group."""
    got = _registered_units(
        app, NUMBERED_BLOCKS, sender="registrator.eav@stockholm.se", sender_name="Maj Ek"
    )
    assert got == [
        (
            "Årstadalens förskolor",
            "Lovisa Strand",
            "Pontus Lind",
            "pontus.lind@stockholm.se",
            "08-508 140 11",
        ),
        ("Boendestödet Vantör", "Selma Husić", "Selma Husić", "selma.husic@stockholm.se", None),
        ("Socialtjänstens mottagning Vantör", "Tomas Wik", "Nora Ali", None, "08-508 140 77"),
        ("Träffpunkt Rågsved", "Gun Alm", None, None, None),
    ]


OWN_AND_NEIGHBOUR = """\
Hej!

Vi på Rösjöns förskolor vill anmäla oss till Kvalitetsutmärkelsen 2027. Rektor är Iben Holm och jag, Tove Sand, är biträdande rektor och kontaktperson för oss (08-508 330 12).

Jag anmäler också grannenheten Mälarhöjdens förskolor, som har bett mig om det. Där är Gustav Berg rektor och själv kontaktperson, gustav.berg@stockholm.se, 070-441 20 18.

Båda enheterna hör till Hägersten-Älvsjö stadsdelsförvaltning.

Hälsningar
Tove
"""


def test_a_unit_and_the_unit_it_signs_up_beside_it_are_two_units(app: App) -> None:
    got = _registered_units(
        app, OWN_AND_NEIGHBOUR, sender="tove.sand@stockholm.se", sender_name="Tove Sand"
    )
    assert got == [
        ("Rösjöns förskolor", "Iben Holm", "Tove Sand", "tove.sand@stockholm.se", "08-508 330 12"),
        (
            "Mälarhöjdens förskolor",
            "Gustav Berg",
            "Gustav Berg",
            "gustav.berg@stockholm.se",
            "070-441 20 18",
        ),
    ]


PROSE_PARAGRAPHS = """\
Hej,

Avdelningen för individ- och familjeomsorg i Hässelby-Vällingby stadsdelsförvaltning anmäler två verksamheter:

Familjecentralen Vällingby, där Rut Sjöholm är enhetschef och Ali Rahimi kontaktperson (ali.rahimi@stockholm.se, 08-508 050 17).

Öppenvården Hässelby, chef Kerstin Ahl, som själv är kontaktperson, kerstin.ahl@stockholm.se.

Hälsningar
Mats Ulf
Avdelningschef
"""


def test_a_role_said_of_the_person_before_it_is_theirs_when_the_next_clause_drops_its_verb(
    app: App,
) -> None:
    """ "där Rut Sjöholm är enhetschef och Ali Rahimi kontaktperson": the manager is the person
    the role word is said of, not the name that opens the next clause."""
    got = _registered_units(
        app, PROSE_PARAGRAPHS, sender="mats.ulf@stockholm.se", sender_name="Mats Ulf"
    )
    assert got == [
        (
            "Familjecentralen Vällingby",
            "Rut Sjöholm",
            "Ali Rahimi",
            "ali.rahimi@stockholm.se",
            "08-508 050 17",
        ),
        ("Öppenvården Hässelby", "Kerstin Ahl", "Kerstin Ahl", "kerstin.ahl@stockholm.se", None),
    ]


ON_BEHALF = """\
Hej!

Jag skickar denna anmälan för Hemtjänst Östermalm Norr på uppdrag av enhetschefen.

Enhetschef är Marta Nowak, hon nås på 08-508 100 21.
Kontaktperson är Jonas Brink, samordnare, nås på 070-618 22 40.

Vi hör till Östermalms sdf.

Mvh
Pia Holm
Administratör
"""


def test_a_mail_that_calls_itself_the_sign_up_registers_the_unit(app: App) -> None:
    """ "Jag skickar denna anmälan för …" signs the unit up though it says neither "vi" nor
    the award; "på uppdrag av enhetschefen" names the post, not the unit before it."""
    got = _registered_units(
        app,
        ON_BEHALF,
        sender="pia.holm@stockholm.se",
        sender_name="Pia Holm",
        subject="Anmälan hemtjänst",
    )
    assert got == [
        ("Hemtjänst Östermalm Norr", "Marta Nowak", "Jonas Brink", None, "070-618 22 40")
    ]


ENGLISH_ENTER = """\
Dear Sir/Madam,

Kunskapsskolan Liljeholmen would like to enter the Stockholm City Quality Award 2027. Our principal is Emma Ward and the contact person will be Daniel Osei, who can be reached at daniel.osei@kunskapsskolan.se or 08-410 220 30.

Kind regards,
Emma Ward
Principal
"""


def test_an_english_mail_that_enters_the_award_under_its_full_name_registers_the_unit(
    app: App,
) -> None:
    got = _registered_units(
        app,
        ENGLISH_ENTER,
        sender="emma.ward@kunskapsskolan.se",
        sender_name="Emma Ward",
        subject="Application - Stockholm Quality Award 2027",
    )
    assert got == [
        (
            "Kunskapsskolan Liljeholmen",
            "Emma Ward",
            "Daniel Osei",
            "daniel.osei@kunskapsskolan.se",
            "08-410 220 30",
        )
    ]


SELF_CORRECTED = """\
Hej,

Vi anmäler Boendet Solgården? nej förlåt – Boendet Solängen, som vi driver åt Spånga-Tensta. Jag är enhetschef och heter Lars Kvist. Kontaktperson blir Ida Frost, ida.frost@exempelomsorg.se, 070-223 11 90, nej förlåt, 070-223 11 09.

Mvh
Lars Kvist
"""


def test_what_the_writer_takes_back_mid_sentence_is_not_read(app: App) -> None:
    """ "X? nej förlåt – Y": the correction stands in place of what it takes back, for a name
    (it repeats the words it keeps) and for a number (as many words as it gives)."""
    got = _registered_units(
        app,
        SELF_CORRECTED,
        sender="lars.kvist@exempelomsorg.se",
        sender_name="Lars Kvist",
        subject="Anmälan",
    )
    assert got == [
        (
            "Boendet Solängen",
            "Lars Kvist",
            "Ida Frost",
            "ida.frost@exempelomsorg.se",
            "070-223 11 09",
        )
    ]


UNNAMED_UNITS_QUESTION = """\
Hej,

Behöver man fylla i något formulär, eller räcker ett vanligt mejl? Vi har några förskolor i Farsta som vill anmäla sig och jag håller ihop det.

Hälsningar
Eva Sten
Samordnare, Farsta stadsdelsförvaltning
"""


def test_units_that_want_to_sign_up_but_are_neither_named_nor_counted_register_nothing(
    app: App,
) -> None:
    got = _registered_units(
        app,
        UNNAMED_UNITS_QUESTION,
        sender="eva.sten@stockholm.se",
        sender_name="Eva Sten",
        subject="Formulär?",
    )
    assert got == []


PLACE_IN_BRACKETS = """\
Hej!

Jag heter Trần Minh Châu och är rektor för Förskolan Vasen (Sankt Eriksplan). Vi anmäler oss gärna till Kvalitetsutmärkelsen 2027!

Kontaktperson blir vår pedagogista Lâm Quốc Bảo, bao.lam@stockholm.se, 08-508 093 10.

Hälsningar
Châu
Norrmalms stadsdelsförvaltning
"""


def test_a_place_after_the_role_word_is_not_the_manager(app: App) -> None:
    """ "rektor för Förskolan Vasen (Sankt Eriksplan)": the words after "för" name the place
    the role is of, up to a comma or a verb; the writer who "är rektor" is the manager."""
    [unit] = _registered_units(
        app,
        PLACE_IN_BRACKETS,
        sender="chau.tran@stockholm.se",
        sender_name="Chau Tran",
        subject="Anmälan – Förskolan Vasen",
    )
    assert unit[1:] == ("Trần Minh Châu", "Lâm Quốc Bảo", "bao.lam@stockholm.se", "08-508 093 10")


# --- What a mail signs up for ---------------------------------------------------------------


OTHER_PRIZE_WITH_LABELS = """\
Hej,

Vi vill anmäla Hemtjänsten Bagarmossen till Svenska kvalitetspriset 2027 i kategorin offentlig verksamhet. Vi har arbetat systematiskt med kundnöjdhet i tre år.

Enhetschef: Leila Haddad
Kontaktperson: Oskar Lind, oskar.lind@stockholm.se, 08-508 15 420
Förvaltning: Skarpnäcks stadsdelsförvaltning

Jag hittade ingen annan adress, så jag skickar det hit.

Hälsningar
Leila Haddad
"""

PEOPLE_TO_A_DAY = """\
Hej!

Vi vill anmäla följande medarbetare från Servicehuset Fyrtornet (Södermalms sdf) till inspirationsdagen den 8 april:

- Agnes Holm, enhetschef, 08-508 12 300
- Farid Karimi, undersköterska

Mvh Agnes Holm
"""

EXAMINER_INTEREST = """\
Hej!

Jag anmäler härmed mitt intresse för att bli bedömare i Kvalitetsutmärkelsen 2027. Jag är verksamhetsutvecklare på Kulturförvaltningen och har chefens stöd.

Vänliga hälsningar
Noor Al-Amin
Verksamhetsutvecklare, Kulturförvaltningen
070-123 45 67
"""

NEWSLETTER_CALL = """\
KVALITETSNYTT – MARS 2027

Nu är det dags att anmäla sig till Kvalitetsutmärkelsen 2027! Sista dag är 22 mars.

Förra årets vinnare Förskolan Ängen (Bromma sdf) berättar: "Det var hela arbetslagets förtjänst", säger rektor Petra Ahl, 08-508 06 100.
"""


ENGLISH_SEMINAR = """\
Hi,

We would like to register two colleagues from Youth Services Norr (Norrmalm district) for the quality seminar on 3 April: Sara Lund, unit manager, +46 70 555 12 12, and Tom Ek.

Best regards
Sara Lund
"""


@pytest.mark.parametrize(
    ("body", "subject"),
    [
        (OTHER_PRIZE_WITH_LABELS, "Anmälan Svenska kvalitetspriset"),
        (PEOPLE_TO_A_DAY, "Anmälan till inspirationsdagen"),
        (EXAMINER_INTEREST, "Intresseanmälan bedömare"),
        (NEWSLETTER_CALL, "Kvalitetsnytt mars"),
        (ENGLISH_SEMINAR, "Seminar registration"),
    ],
)
def test_a_sign_up_for_something_the_award_does_not_keep_registers_nothing(
    app: App, body: str, subject: str
) -> None:
    """Another prize, an event for people, the writer as examiner, the call to all: whatever
    fields the mail fills in, what it signs up for is not a unit for this award."""
    got = _registered_units(
        app, body, sender="avsandare@stockholm.se", sender_name="Avsändare", subject=subject
    )
    assert got == []


FORWARDED_REQUEST = """\
Hej, skickar vidare på uppdrag av Henrik.

Lena Sjö
Administratör

Från: Berg Henrik <henrik.berg@stockholm.se>
Skickat: den 2 mars 2027 08:41
Till: Sjö Lena <lena.sjo@stockholm.se>
Ämne: Kvalitetsutmärkelsen

Hej Lena!

Kan du anmäla Boendestödet Liljeholmen till stadens kvalitetsutmärkelse? Jag är enhetschef. Kontaktperson blir Amira Saleh, amira.saleh@stockholm.se, 08-508 22 915.

Tack!
Henrik Berg
Hägersten-Älvsjö stadsdelsförvaltning
"""


def test_a_forwarded_request_to_sign_the_unit_up_registers_the_unit(app: App) -> None:
    """ "Kan du anmäla … till kvalitetsutmärkelsen?" asks a colleague to sign the unit up; her
    forward to the award does it, so the question is the unit's sign-up."""
    got = _registered_units(
        app,
        FORWARDED_REQUEST,
        sender="lena.sjo@stockholm.se",
        sender_name="Lena Sjö",
        subject="VB: Kvalitetsutmärkelsen",
    )
    assert got == [
        (
            "Boendestödet Liljeholmen",
            "Henrik Berg",
            "Amira Saleh",
            "amira.saleh@stockholm.se",
            "08-508 22 915",
        )
    ]


SENDS_IN_FOR_ONE_OF_OURS = """\
Hej

Jag är verksamhetschef på Vardaga och skickar in anmälan för en av våra enheter, Vardaga Äldreboende Solberga, som drivs på uppdrag av Hägersten-Älvsjö stadsdelsförvaltning.

Enhetschef är Tove Ringqvist och hon är också kontaktperson, tove.ringqvist@vardaga.se.

Hälsningar
Per Holmén
"""


def test_a_writer_who_sends_in_the_sign_up_for_one_of_their_units_registers_it(app: App) -> None:
    got = _registered_units(
        app,
        SENDS_IN_FOR_ONE_OF_OURS,
        sender="per.holmen@vardaga.se",
        sender_name="Per Holmén",
        subject="Anmälan Solberga",
    )
    assert [u[1:4] for u in got] == [
        ("Tove Ringqvist", "Tove Ringqvist", "tove.ringqvist@vardaga.se")
    ]


NUMBERED_HEADINGS = """\
Hej! Anmälan från Farsta sdf för två verksamheter:

Verksamhet 1
Namn: Förskolan Tallbacken
Chef: Ida Mård
Kontaktperson: Ida Mård
E-post: ida.mard@stockholm.se

Verksamhet 2
Namn: Farsta träffpunkt
Chef: Goran Petrović
Kontaktperson: Sofia Ek
E-post: sofia.ek@stockholm.se

Britt Lund
Kvalitetssamordnare
"""


def test_a_type_word_and_a_number_over_a_block_heads_it_and_names_no_unit(app: App) -> None:
    """ "Verksamhet 1", "Verksamhet 2" number the blocks; each block's "Namn:" is the unit."""
    got = _registered_units(
        app, NUMBERED_HEADINGS, sender="britt.lund@stockholm.se", sender_name="Britt Lund"
    )
    assert got == [
        ("Förskolan Tallbacken", "Ida Mård", "Ida Mård", "ida.mard@stockholm.se", None),
        ("Farsta träffpunkt", "Goran Petrović", "Sofia Ek", "sofia.ek@stockholm.se", None),
    ]


def _reply_all(answer: str) -> str:
    return f"""\
Hej!

{answer} Jag har pratat med Nils Ek och han är kontaktperson, nils.ek@stockholm.se, 08-508 44 120.

Jag är chef för Husby bibliotek. Vi tillhör Kulturförvaltningen.

Hälsningar
Maria Tell
Bibliotekschef

Från: Ek Nils <nils.ek@stockholm.se>
Skickat: den 1 mars 2027 15:02
Till: Tell Maria <maria.tell@stockholm.se>
Ämne: Kvalitetsutmärkelsen?

Hej Maria, ska vi anmäla Husby bibliotek till Kvalitetsutmärkelsen i år? Sista dag är 22 mars.
/Nils
"""


def test_a_yes_to_a_quoted_proposal_to_sign_up_registers_the_unit(app: App) -> None:
    got = _registered_units(
        app,
        _reply_all("Absolut, vi kör!"),
        sender="maria.tell@stockholm.se",
        sender_name="Tell Maria",
        subject="Sv: Kvalitetsutmärkelsen?",
    )
    assert got == [
        ("Husby bibliotek", "Maria Tell", "Nils Ek", "nils.ek@stockholm.se", "08-508 44 120")
    ]


def test_a_yes_that_puts_the_sign_up_off_registers_nothing(app: App) -> None:
    got = _registered_units(
        app,
        _reply_all("Ja, men inte i år."),
        sender="maria.tell@stockholm.se",
        sender_name="Tell Maria",
        subject="Sv: Kvalitetsutmärkelsen?",
    )
    assert got == []


FORWARDER_NAMED_CONTACT = """\
Hej! Skickar in anmälan enligt nedan.
Lisa

---------- Forwarded message ---------
Från: Omar Haddad <omar.haddad@stockholm.se>
Date: tis 2 mars 2027 kl. 10:15
Subject: Kvalitetsutmärkelsen
To: Lisa Wärn <lisa.warn@stockholm.se>


Hej Lisa, kan du skicka in detta?

Fritidsgården Kupan vill anmäla sig till Kvalitetsutmärkelsen 2027. Jag är chef. Kontaktperson: Lisa Wärn (alltså du), 08-508 25 140.

Omar
"""


def test_a_forwarded_mail_that_makes_the_forwarder_the_contact_gives_her_from_address(
    app: App,
) -> None:
    """The forwarder is the From person; the forwarded mail names her as contact, so the From
    address is the contact's, as for any writer who is the contact."""
    got = _registered_units(
        app,
        FORWARDER_NAMED_CONTACT,
        sender="lisa.warn@stockholm.se",
        sender_name="Lisa Wärn",
        subject="Fwd: Kvalitetsutmärkelsen",
    )
    assert [u[2:] for u in got] == [("Lisa Wärn", "lisa.warn@stockholm.se", "08-508 25 140")]


QUALITY_PRIZE_NO_GIVER = """\
Hej!

Vi vill anmäla Förskolan Kastanjen till kvalitetspriset i år. Rektor är Linnea Falk och kontaktperson är Jonas Berg, jonas.berg@stockholm.se, 08-508 19 230.

Hälsningar
Jonas Berg
Bromma stadsdelsförvaltning
"""


def test_a_quality_prize_without_another_giver_is_this_award(app: App) -> None:
    """ "kvalitetspriset" sent to the award's mailbox is the award by another name; only
    "Svenska kvalitetspriset" (another giver) is another prize."""
    got = _registered_units(
        app,
        QUALITY_PRIZE_NO_GIVER,
        sender="jonas.berg@stockholm.se",
        sender_name="Jonas Berg",
        subject="Anmälan",
    )
    assert got == [
        (
            "Förskolan Kastanjen",
            "Linnea Falk",
            "Jonas Berg",
            "jonas.berg@stockholm.se",
            "08-508 19 230",
        )
    ]


def _form_mail(title: str) -> bytes:
    document = docx.Document()
    document.add_heading(title, level=1)
    for line in (
        "Enhetens namn: Förskolan Vitsippan",
        "Organisation: Älvsjö stadsdelsförvaltning",
        "Chef: Hanna Lööf",
        "Kontaktperson: Hanna Lööf, hanna.loof@stockholm.se, 08-508 23 410",
    ):
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    msg = EmailMessage()
    msg["From"] = "Hanna Lööf <hanna.loof@stockholm.se>"
    msg["To"] = "kvalitetsutmarkelsen@stockholm.se"
    msg["Subject"] = "Anmälan"
    msg.set_content("Hej! Se bifogad anmälan.\n\nHanna")
    msg.add_attachment(
        data.getvalue(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="anmalan.docx",
    )
    return msg.as_bytes()


@pytest.mark.parametrize(
    ("title", "units"),
    [("Anmälan – Stockholms stads miljöpris 2027", 0), ("Anmälan – Kvalitetsutmärkelsen 2027", 1)],
)
def test_an_attached_form_for_another_prize_registers_nothing(
    app: App, title: str, units: int
) -> None:
    """The form carries the sign-up labels; its title says what it signs up for."""
    put(app, _form_mail(title))
    cycle(app)
    with app.sessions() as session:
        assert len(list(session.scalars(select(Unit)))) == units


WISHES_TO_TAKE_PART = """\
Hej!

Vi på Familjecentralen Hagsätra skulle vilja vara med i år! Vi hör till Enskede-Årsta-Vantörs stadsdelsförvaltning.

Chef är Mira Holt och kontaktperson är Elin Sand, elin.sand@stockholm.se, 08-508 14 090.

Hälsningar
Elin Sand
"""


def test_every_way_of_wanting_to_take_part_is_a_sign_up(app: App) -> None:
    """ "skulle vilja vara med", "önskar delta" say what "vill vara med" says."""
    got = _registered_units(
        app,
        WISHES_TO_TAKE_PART,
        sender="elin.sand@stockholm.se",
        sender_name="Elin Sand",
        subject="Kvalitetsutmärkelsen",
    )
    assert [u[1:] for u in got] == [
        ("Mira Holt", "Elin Sand", "elin.sand@stockholm.se", "08-508 14 090")
    ]


NEWSLETTER = """\
KVALITETSBREVET – MARS 2027

Anmälan till Kvalitetsutmärkelsen 2027 är öppen! Anmäl din verksamhet senast 22 mars.

Förra årets pristagare
• Biblioteket Ekhagen, Kulturförvaltningen – chef Tove Brink
• Hemtjänst Norrvik, Västerorts stadsdelsförvaltning – kontakt Amir Saleh, 08-508 111 22

– Vi anmäler oss igen i år, säger Tove Brink, chef för Biblioteket Ekhagen.

Frukostseminarium om ständiga förbättringar 9 mars. Anmälan via länken i kalendariet.

Du får det här utskicket eftersom du är med i stadens kvalitetsnätverk. Avsluta prenumeration
"""


def test_a_newsletter_naming_last_years_winners_registers_nothing(app: App) -> None:
    """A mailing to many tells everyone to sign up and names earlier winners with their
    managers; it signs no unit up, whatever its subject says."""
    got = _registered_units(
        app,
        NEWSLETTER,
        sender="kvalitet@stockholm.se",
        sender_name="Stadsledningskontoret",
        subject="Kvalitetsbrevet mars: Kvalitetsutmärkelsen 2027",
    )
    assert got == []


UNDECIDED = """\
Hej!

Enhet: Boendestödet Solvik
Organisation: Norrmalms stadsdelsförvaltning
Chef: Ragnhild Öst
Kontaktperson: Kasper Lind, kasper.lind@stockholm.se, 08-508 222 31

Innan vi bestämmer oss vill vi veta hur mycket tid ansökan tar och om det blir platsbesök.
{verdict}

Hälsningar
Kasper Lind
"""


@pytest.mark.parametrize(
    ("verdict", "units"),
    [
        ("Räkna inte detta som en anmälan ännu.", 0),
        ("Det här är alltså ingen anmälan, bara frågor.", 0),
        ("Vi har inte bestämt oss än.", 0),
        ("Vi anmäler oss härmed till Kvalitetsutmärkelsen.", 1),
    ],
)
def test_a_mail_that_says_it_is_no_sign_up_registers_nothing(
    app: App, verdict: str, units: int
) -> None:
    """The unit's details in fields do not make a sign-up of a mail whose writer says it is
    none yet, or that the unit has not decided: it goes to the staff as a question."""
    got = _registered_units(
        app,
        UNDECIDED.format(verdict=verdict),
        sender="kasper.lind@stockholm.se",
        sender_name="Kasper Lind",
        subject="Kvalitetsutmärkelsen",
    )
    assert len(got) == units


DEADLINE_REMINDER = """\
Hej alla enhetschefer!

Sista dag att anmäla sig till Kvalitetsutmärkelsen 2027 är den 22 mars. Anmälan sker via
mejl till kvalitetsutmarkelsen@stockholm.se.

Hälsningar
Greta Holm
Kvalitetsstrateg, Skarpnäcks stadsdelsförvaltning
"""


def test_a_deadline_told_to_all_registers_nothing(app: App) -> None:
    """The deadline and the way in, told to every unit, sign none of them up; a lower-case
    'i' ('via länken i kalendariet') is no English 'I' speaking for a unit."""
    got = _registered_units(
        app,
        DEADLINE_REMINDER,
        sender="greta.holm@stockholm.se",
        sender_name="Greta Holm",
        subject="Påminnelse: anmälan till Kvalitetsutmärkelsen",
    )
    assert got == []


@pytest.mark.parametrize(
    ("subject", "units"),
    [("Nyhetsbrev april: Kvalitetsutmärkelsen", 0), ("Angående nyhetsbrevet – vi är med!", 1)],
)
def test_a_subject_that_opens_with_newsletter_is_a_mailing(
    app: App, subject: str, units: int
) -> None:
    """A subject that says it is a newsletter is a mailing to many, however keen its quotes;
    a unit that only mentions the newsletter signs up as usual."""
    body = (
        "Hej!\n\nVi på Förskolan Trasten vill anmäla oss till Kvalitetsutmärkelsen 2027. "
        "Vi tillhör Farsta stadsdelsförvaltning. Chef är Linnea Roos och kontaktperson "
        "är jag, Oskar Berg, oskar.berg@stockholm.se.\n\nHälsningar\nOskar Berg\n"
    )
    got = _registered_units(
        app, body, sender="oskar.berg@stockholm.se", sender_name="Oskar Berg", subject=subject
    )
    assert len(got) == units


APPLIES = """\
Hej!

{opening} Vi hör till Spånga-Tensta stadsdelsförvaltning.

Chef är Linnea Roos och kontaktperson är Oskar Berg, oskar.berg@stockholm.se, 08-508 030 41.

Hälsningar
Oskar Berg
"""


@pytest.mark.parametrize(
    ("opening", "units"),
    [
        ("Förskolan Trasten söker härmed Kvalitetsutmärkelsen 2027.", 1),
        ("Här kommer vår ansökan till Kvalitetsutmärkelsen för Förskolan Trasten.", 1),
        ("Förskolan Trasten deltar gärna i Kvalitetsutmärkelsen i år.", 1),
        ("Här kommer anmälan för Förskolan Trasten.", 1),
        ("Förskolan Trasten kommer inte att söka Kvalitetsutmärkelsen i år.", 0),
        ("Kan Förskolan Trasten söka Kvalitetsutmärkelsen fast vi är nya?", 0),
    ],
)
def test_applying_for_the_award_is_a_sign_up(app: App, opening: str, units: int) -> None:
    """Applying for the award or taking part in it, the award named, signs the unit up as
    'anmäler' does, and so does a mail that presents itself as the sign-up; a no or a
    question about it does not."""
    got = _registered_units(
        app,
        APPLIES.format(opening=opening),
        sender="oskar.berg@stockholm.se",
        sender_name="Oskar Berg",
        subject="Förskolan Trasten",
    )
    assert len(got) == units


LATER_OR_MAYBE = """\
Hej!

{plan}

Enhet: Förskolan Trasten
Organisation: Spånga-Tensta stadsdelsförvaltning
Chef: Linnea Roos
Kontaktperson: Oskar Berg, oskar.berg@stockholm.se, 08-508 030 41

Hälsningar
Oskar Berg
"""


@pytest.mark.parametrize(
    ("plan", "units"),
    [
        ("Vi tänker anmäla oss senare i vår, när personalgruppen är klar.", 0),
        ("Vi vill eventuellt vara med i Kvalitetsutmärkelsen, här är våra uppgifter.", 0),
        ("Vi vill anmäla oss så snart förvaltningen gett klartecken.", 0),
        (
            "Vi anmäler härmed Förskolan Trasten till Kvalitetsutmärkelsen. Kanske anmäler "
            "vi även Förskolan Ugglan längre fram.",
            1,
        ),
    ],
)
def test_a_sign_up_to_come_or_a_maybe_registers_nothing(app: App, plan: str, units: int) -> None:
    """A sign-up the unit will send later, or may send, is a notice however many fields it
    fills in; a maybe about another unit does not undo a sign-up stated outright."""
    got = _registered_units(
        app,
        LATER_OR_MAYBE.format(plan=plan),
        sender="oskar.berg@stockholm.se",
        sender_name="Oskar Berg",
        subject="Kvalitetsutmärkelsen",
    )
    assert len(got) == units


@pytest.mark.parametrize(
    "plan",
    [
        "Förskolan Trasten hade tänkt anmäla sig men vår chef är sjukskriven och vi hinner nog "
        "inte till sista dagen. Går det att skicka in anmälan senare?",
        "Vi hade planerat att söka Kvalitetsutmärkelsen i år, men det blev för mycket.",
        "We had planned to apply for the Quality Award, but our manager has left.",
    ],
)
def test_an_intention_told_in_the_pluperfect_registers_nothing(app: App, plan: str) -> None:
    """ "Vi hade tänkt anmäla oss men …": an intention not carried out is a question or a
    notice for the staff, however many of the unit's fields the mail gives."""
    got = _registered_units(
        app,
        LATER_OR_MAYBE.format(plan=plan),
        sender="oskar.berg@stockholm.se",
        sender_name="Oskar Berg",
        subject="Sen anmälan?",
    )
    assert got == []
