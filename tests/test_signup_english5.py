"""Issue 17: English sign-ups, people and organisations as written (a fifth round).

A manager post said to stand vacant ("Our manager position is vacant – an interim manager
will be appointed …") names nobody, not the writer who promises the name; a "Head of
department" heads the unit that writes; a provider written with its line of business and
its company form ("Humana Omsorg AB") is written so. Each mail is real MIME (built by the
tests' `make_mail`, parsed as the bot parses it) and read as the sign-up flow reads it.
"""

from __future__ import annotations

from bot.mail.parse import parse_mail
from bot.signups.extract import SignupFields, extract_mail, extract_signup, read_reply
from tests.conftest import make_mail
from tests.signup_reading import read_mime


def test_a_vacant_manager_post_in_english_names_nobody() -> None:
    body = (
        "Hello,\n\nWe at Attendo Boende Solhöjden would like to enter the Kvalitetsutmärkelsen"
        " 2027.\n\nThe manager position is vacant right now – a new manager will be recruited"
        " during the spring and I will let you know who it is.\n\n"
        "Contact person: Priya Raman, 070-312 55 90\n\nKind regards,\nPriya Raman\nAttendo\n"
    )
    fields = read_mime(body, sender_name="Priya Raman", sender="priya.raman@attendo.se")
    assert fields.manager_name is None
    assert fields.contact_name == "Priya Raman"
    assert fields.contact_phone == "070-312 55 90"


def test_a_vacant_post_in_swedish_still_lets_the_acting_manager_be_named() -> None:
    body = (
        "Hej!\n\nFörskolan Blåklockan (Bromma sdf) anmäler sig. Rektorstjänsten är vakant"
        " just nu. Tf. rektor är Eva Lindqvist.\n\nKontaktperson: Sanna Berg,"
        " sanna.berg@stockholm.se\n\nMvh Sanna Berg\nPedagogista\n"
    )
    fields = read_mime(body, sender_name="Sanna Berg", sender="sanna.berg@stockholm.se")
    assert fields.manager_name == "Eva Lindqvist"
    assert fields.contact_name == "Sanna Berg"


def test_a_head_of_department_in_an_english_mail_is_the_manager() -> None:
    body = (
        "Hi,\n\nI'm writing for the Permit Unit (Tillståndsenheten) at the Environment and"
        " Health Administration. We would like to take part in Kvalitetsutmärkelsen 2027.\n\n"
        "Head of department: Jonas Wikström\nContact person: me, 08-508 28 114\n\n"
        "Best,\nLeila Haddad\nInspektör, Miljöförvaltningen\n"
    )
    fields = read_mime(body, sender_name="Leila Haddad", sender="leila.haddad@stockholm.se")
    assert fields.manager_name == "Jonas Wikström"
    assert fields.contact_name == "Leila Haddad"


def test_a_provider_with_its_line_of_business_and_company_form_is_written_so() -> None:
    body = (
        "Hej,\n\nHärmed anmäler vi Gruppbostaden Tallbacken, som drivs av Humana Omsorg AB."
        "\n\nEnhetschef och kontakt: Mirela Kovač, 073-551 20 19\n\nMvh Mirela\n"
    )
    fields = read_mime(body, sender_name="Mirela Kovač", sender="mirela.kovac@humana.se")
    assert fields.organisation == "Humana"
    assert fields.organisation_as_written == "Humana Omsorg AB"


def test_an_english_unit_with_its_place_and_swedish_name_and_the_writer_as_contact() -> None:
    body = (
        "Dear all,\n\nFamiljebostäder's customer office in Rinkeby (Kundcenter Rinkeby) would"
        " like to take part in this year's Kvalitetsutmärkelsen.\n\nThe office is managed by"
        " Per Holmgren. I will be your contact – Amina Yusuf, tenant coordinator,"
        " 08-508 377 40.\n\nBest wishes,\nAmina\n"
    )
    fields = read_mime(body, sender_name="Amina Yusuf", sender="amina.yusuf@familjebostader.se")
    assert fields.unit_name == "Kundcenter Rinkeby"
    assert fields.manager_name == "Per Holmgren"
    assert (fields.contact_name, fields.contact_phone) == ("Amina Yusuf", "08-508 377 40")


def test_an_english_unit_whose_swedish_name_says_its_task_is_registered_by_it() -> None:
    body = (
        "Hello,\n\nThe Debt Advice Unit (Enheten för budget- och skuldrådgivning) at"
        " Socialförvaltningen would like to sign up for Kvalitetsutmärkelsen 2027.\n\n"
        "Head of unit: Karin Dahl\nContact: me, Omar Said\n\nBest regards,\nOmar Said\n"
    )
    fields = read_mime(body, sender_name="Omar Said", sender="omar.said@stockholm.se")
    assert fields.unit_name == "Enheten för budget- och skuldrådgivning"
    assert (fields.manager_name, fields.contact_name) == ("Karin Dahl", "Omar Said")


def test_an_english_reply_asking_to_change_the_contact_email_to_a_shared_mailbox() -> None:
    current = SignupFields(
        unit_name="Enheten för budget- och skuldrådgivning",
        manager_name="Karin Dahl",
        contact_name="Omar Said",
        contact_email="omar.said@stockholm.se",
    )
    text = (
        "Hi,\n\nCould you please change the contact e-mail to our shared mailbox"
        " skuldradgivning@stockholm.se? I will be away in May.\n\nThanks,\nOmar\n"
    )
    read = read_reply(extract_signup(text), current, text, sender_name="Omar Said")
    assert read.contact_email == "skuldradgivning@stockholm.se"
    assert read.contact_name in (None, "Omar Said")


def test_a_forwarded_mail_that_makes_its_addressee_the_contact() -> None:
    body = (
        "Hej, detta kom till vår funktionsbrevlåda. Skickar vidare.\n\nLena Ek\n"
        "Registrator, Hägersten-Älvsjö stadsdelsförvaltning\n\n"
        "Från: Jonas Berg <jonas.berg@stockholm.se>\nSkickat: den 3 mars 2027 09:10\n"
        "Till: Registrator Hägersten <registrator.hagersten@stockholm.se>\n"
        "Ämne: VB: Anmälan\n\nHej, här är vår anmälan, se nedan från min chef. /Jonas\n\n"
        "Från: Sara Lindh <sara.lindh@stockholm.se>\nSkickat: den 28 februari 2027 15:02\n"
        "Till: Jonas Berg <jonas.berg@stockholm.se>\nÄmne: Anmälan\n\n"
        "Hej Jonas! Kan du anmäla oss? Enhet: Hemtjänst Liljeholmen. Förvaltning:"
        " Hägersten-Älvsjö sdf. Chef: jag. Du får gärna stå som kontaktperson, ditt nummer"
        " är väl 08-508 22 310?\n\nSara Lindh\nEnhetschef Hemtjänst Liljeholmen\n"
    )
    mail = parse_mail(
        make_mail(
            body,
            sender="registrator.hagersten@stockholm.se",
            sender_name="Registrator Hägersten",
            subject="VB: VB: Anmälan",
        )
    )
    fields = extract_mail(
        mail.subject, mail.text, sender_name=mail.from_name, sender_email=mail.from_addr
    )
    assert fields.manager_name == "Sara Lindh"
    assert (fields.contact_name, fields.contact_email, fields.contact_phone) == (
        "Jonas Berg",
        "jonas.berg@stockholm.se",
        "08-508 22 310",
    )
