"""Issue 17: the people in a sign-up where the mail is hard to read (a third round).

Two people with one first name, a contact that is still to be named, a writer who is only
to be turned to, a vacant post, a second-language introduction with its number, an English
contact after a dash, a number with a remark, a manager who wants someone else as contact,
a hyphenated title, names capitalised in a lower-case mail, units each with its own contact
on its line, and an English head named by the team's name. Each mail is real MIME (built by
the tests' `make_mail`, parsed as the bot parses it) and read as the sign-up flow reads it.
"""

from __future__ import annotations

from bot.mail.parse import parse_mail
from bot.signups.extract import several_units
from tests.conftest import make_mail
from tests.signup_reading import contact_of, read_mime


def test_a_manager_and_a_writer_contact_with_the_same_first_name() -> None:
    body = (
        "Hej!\n\nFörskolan Lönnen i Hägersten vill anmäla sig till Kvalitetsutmärkelsen.\n\n"
        "Rektor är Karin Holm. Kontaktperson är jag, Karin Sjödin (ja, vi är två Karin här).\n\n"
        "Vi hör till Hägersten-Älvsjö stadsdelsförvaltning.\n\nHälsningar\nKarin S\n"
        "Förskolan Lönnen\nTel 08-508 22 314\n"
    )
    fields = read_mime(body, sender_name="Karin Sjödin", sender="karin.sjodin@stockholm.se")
    assert fields.manager_name == "Karin Holm"
    assert contact_of(fields) == ("Karin Sjödin", "karin.sjodin@stockholm.se", "08-508 22 314")


def test_a_contact_still_to_be_named_is_nobody_yet() -> None:
    body = (
        "Hej,\n\nPå uppdrag av vår enhetschef Bengt Falk, som är föräldraledig i veckan,"
        " anmäler jag Boendestödet Vinkeln i Farsta stadsdelsförvaltning.\n\n"
        "Bengt meddelar senare vem som ska vara kontaktperson.\n\n"
        "Med vänlig hälsning\nSiv Rask\nAdministratör\n"
    )
    fields = read_mime(body, sender_name="Siv Rask", sender="siv.rask@stockholm.se")
    assert fields.manager_name == "Bengt Falk"
    assert contact_of(fields) == (None, None, None)


def test_a_writer_to_turn_to_in_a_cleft_sentence() -> None:
    body = (
        "Hej,\n\nVi på Vattenverket Norra har länge funderat på att vara med. Vi har under"
        " året gjort om hela vårt sätt att planera underhåll.\n\nJag som skriver är"
        " driftingenjör och samordnar arbetet, så det är till mig ni kan vända er. Min chef,"
        " driftchefen Ulla Berg, står bakom anmälan.\n\nMed vänliga hälsningar\n\nOskar Lind\n"
        "Driftingenjör, Vattenverket Norra\nStockholm Vatten och Avfall\n"
        "Tel: 08-522 100 00 (växel)\nDirekt: 08-522 104 77\n"
    )
    fields = read_mime(body, sender_name="Oskar Lind", sender="oskar.lind@svoa.se")
    assert fields.manager_name == "Ulla Berg"
    assert contact_of(fields) == ("Oskar Lind", "oskar.lind@svoa.se", "08-522 104 77")


def test_a_post_without_its_regular_holder_names_no_manager() -> None:
    body = (
        "Hej,\n\nGatuenheten på Trafikkontoret anmäler sig till Kvalitetsutmärkelsen.\n\n"
        "Vi har ingen ordinarie avdelningschef sedan i höstas och jag är sammankallande"
        " i väntan på en ny. Jag är kontaktperson.\n\nHälsningar\nLeo Strand\nUtredare\nTrafikkontoret\n08-508 26 404\n"
    )
    fields = read_mime(body, sender_name="Leo Strand", sender="leo.strand@stockholm.se")
    assert fields.manager_name is None
    assert contact_of(fields) == ("Leo Strand", "leo.strand@stockholm.se", "08-508 26 404")


def test_a_writer_who_gives_her_name_and_number_in_one_breath() -> None:
    body = (
        "Hej,\n\nJag skriver för vår förskola Förskolan Myran i Skärholmen. Vår rektor heter"
        " Eva Nord och hon säger ja att jag är kontakt. Mitt namn Amal Yusuf, nummer"
        " 073-612 44 90.\n\nMed vänlig hälsning\nAmal\n"
    )
    fields = read_mime(body, sender_name="Amal Yusuf", sender="amal.yusuf@stockholm.se")
    assert fields.manager_name == "Eva Nord"
    assert contact_of(fields) == ("Amal Yusuf", "amal.yusuf@stockholm.se", "073-612 44 90")


def test_an_english_contact_after_a_dash() -> None:
    body = (
        "Hi,\n\nKunskapsskolan Vasastan would like to sign up for the quality award. Our"
        " principal is Mark Ellis and I am the contact \u2013 Joanna Price, head of maths,"
        " +46 70 233 41 08.\n\nThanks!\nJoanna\n"
    )
    fields = read_mime(body, sender_name="Joanna Price", sender="joanna.price@gmail.com")
    assert fields.manager_name == "Mark Ellis"
    assert contact_of(fields) == ("Joanna Price", "joanna.price@gmail.com", "+46 70 233 41 08")


def test_a_number_with_a_remark_on_how_to_reach_the_writer() -> None:
    body = (
        "Hej,\n\nJag är biträdande rektor på Bromma gymnasium och har fått i uppdrag av vår"
        " rektor Helena Strid att anmäla skolan. Det är jag som håller i arbetet med ansökan.\n\n"
        "Mobil 070-455 81 20, jag undervisar mycket men svarar på sms.\n\n"
        "Mvh\nPetter Oskarsson\nBitr. rektor\n"
    )
    fields = read_mime(
        body, sender_name="Petter Oskarsson", sender="petter.oskarsson@edu.stockholm.se"
    )
    assert fields.manager_name == "Helena Strid"
    assert contact_of(fields) == (
        "Petter Oskarsson",
        "petter.oskarsson@edu.stockholm.se",
        "070-455 81 20",
    )


def test_a_manager_who_wants_a_colleague_as_contact() -> None:
    body = (
        "Hej\n\nVårdboendet Tallen i Enskede vill anmäla sig. Vi drivs av Enskede-Årsta-Vantörs"
        " stadsdelsförvaltning.\n\nJag är enhetschef. Som kontaktperson vill jag att ni har vår"
        " sjuksköterska Ida Wiik, ida.wiik@stockholm.se, tel 08-508 14 733.\n\n"
        "Hälsningar\nRuth Aalto\nEnhetschef\n"
    )
    fields = read_mime(body, sender_name="Aalto Ruth", sender="ruth.aalto@stockholm.se")
    assert fields.manager_name == "Ruth Aalto"
    assert contact_of(fields) == ("Ida Wiik", "ida.wiik@stockholm.se", "08-508 14 733")


def test_a_hyphenated_chief_title_makes_the_writer_manager() -> None:
    body = (
        "Hej,\n\nIT-enheten på Serviceförvaltningen vill anmäla sig till Kvalitetsutmärkelsen.\n\n"
        "Jag är IT-chef och kontaktperson.\n\nNiklas Borg\nIT-chef\n08-508 11 902\n"
    )
    fields = read_mime(body, sender_name="Niklas Borg", sender="niklas.borg@stockholm.se")
    assert fields.manager_name == "Niklas Borg"
    assert contact_of(fields) == ("Niklas Borg", "niklas.borg@stockholm.se", "08-508 11 902")


def test_a_lower_case_mail_that_capitalises_its_names() -> None:
    body = (
        "hej!\n\nvi på fritidsgården Sätra vill vara med i kvalitetsutmärkelsen. vår chef"
        " Mira Koski tyckte att vi skulle söka. jag är fritidsledare och tar hand om anmälan,"
        " så det är mig ni ska kontakta.\n\nvi hör till skärholmens sdf.\n\n"
        "Jamal Osei\nfritidsledare\n070-818 33 02\n"
    )
    fields = read_mime(body, sender_name="Jamal Osei", sender="jamal.osei@stockholm.se")
    assert fields.manager_name == "Mira Koski"
    assert contact_of(fields) == ("Jamal Osei", "jamal.osei@stockholm.se", "070-818 33 02")


def test_units_each_with_its_own_contact_on_its_line() -> None:
    body = (
        "Hej!\n\nVi i förskoleenhet Farsta strand vill anmäla våra tre förskolor till"
        " kvalitetsutmärkelsen. Jag är rektor för alla tre, men varje förskola har en egen"
        " pedagogista som blir kontaktperson:\n\n"
        "Förskolan Lärkan \u2013 Sofia Berg, sofia.berg@stockholm.se, 08-508 18 201\n"
        "Förskolan Tranan \u2013 Adam Nilsson, adam.nilsson@stockholm.se, 08-508 18 202\n"
        "Förskolan Svalan \u2013 Mona Ek, mona.ek@stockholm.se, 08-508 18 203\n\n"
        "Hälsningar\nLisa Ahl\nRektor\nFarsta stadsdelsförvaltning\n"
    )
    mail = parse_mail(make_mail(body, sender="lisa.ahl@stockholm.se", sender_name="Lisa Ahl"))
    units = several_units(mail.text, sender_name=mail.from_name, sender_email=mail.from_addr)
    assert [u.unit_name for u in units] == [
        "Förskolan Lärkan",
        "Förskolan Tranan",
        "Förskolan Svalan",
    ]
    assert {u.manager_name for u in units} == {"Lisa Ahl"}
    assert [contact_of(u) for u in units] == [
        ("Sofia Berg", "sofia.berg@stockholm.se", "08-508 18 201"),
        ("Adam Nilsson", "adam.nilsson@stockholm.se", "08-508 18 202"),
        ("Mona Ek", "mona.ek@stockholm.se", "08-508 18 203"),
    ]


def test_an_english_head_named_by_the_teams_name() -> None:
    body = (
        "Hello,\n\nOn behalf of Stockholm Business Region I would like to register our"
        " Investor Relations team for the quality award.\n\nOur head of Investor Relations is"
        " Greta Lund. I will be the contact person for the registration.\n\nBest regards,\n"
        "Paul Dixon\nAnalyst\nT: +46 8 508 280 40\n"
    )
    fields = read_mime(body, sender_name="Paul Dixon", sender="paul.dixon@stockholm.se")
    assert fields.unit_name == "Investor Relations"
    assert fields.manager_name == "Greta Lund"
    assert contact_of(fields) == ("Paul Dixon", "paul.dixon@stockholm.se", "+46 8 508 280 40")


def test_a_phone_typed_mail_without_capitals_or_dots_under_a_device_footer() -> None:
    body = (
        "hej vi pa forskolan vitsippan i kista vill anmala oss till kvalitetsutmarkelsen."
        "  rektor ar sara holm och jag ar kontakt, ring 0704 55 12 90 efter lunch\n/lina\n\n"
        "Skickat från min iPhone\n"
    )
    fields = read_mime(body, sender_name="Lina Berg", sender="lina.berg@stockholm.se")
    assert (fields.manager_name or "").casefold() == "sara holm"
    assert contact_of(fields) == ("Lina Berg", "lina.berg@stockholm.se", "0704 55 12 90")


def test_a_contact_label_for_the_time_being() -> None:
    body = (
        "Hej,\n\nSpånga-Tensta stadsdelsförvaltning anmäler Hemtjänsten Solhem till"
        " Kvalitetsutmärkelsen.\n\nVi har ingen ordinarie enhetschef förrän i april, jag"
        " återkommer med namnet då.\n\nKontakt tills vidare: Rasmus Eld, 08-508 03 417\n\n"
        "Mvh\nRasmus Eld\nBiträdande enhetschef\n"
    )
    fields = read_mime(body, sender_name="Rasmus Eld", sender="rasmus.eld@stockholm.se")
    assert fields.manager_name is None
    assert contact_of(fields) == ("Rasmus Eld", "rasmus.eld@stockholm.se", "08-508 03 417")


def test_a_surname_with_a_prefix_before_a_capital() -> None:
    body = (
        "Hej,\n\nVi anmäler Träffpunkt Ekhagen i Hässelby-Vällingby stadsdelsförvaltning.\n"
        "Enhetschef är Ewan McKenzie. Kontaktperson är Ruth MacLeod, ruth.macleod@stockholm.se,"
        " 08-508 05 270.\n\nHälsningar\nEwan McKenzie\n"
    )
    fields = read_mime(body, sender_name="Ewan McKenzie", sender="ewan.mckenzie@stockholm.se")
    assert fields.manager_name == "Ewan McKenzie"
    assert contact_of(fields) == ("Ruth MacLeod", "ruth.macleod@stockholm.se", "08-508 05 270")
