"""Leftover kinds from short and second-language mails (issue 17, fresh23): a question for
the sign-up form, a subject that puts the organisation before a dash and the unit after it,
the kind of unit in lower case before a name that has its own type word."""

from __future__ import annotations

from bot.runner import App
from tests.conftest import cycle, make_mail, put, sent
from tests.test_signup_receipt import units_of


def _fields(app: App) -> list[tuple[str | None, ...]]:
    return [
        (u.unit_name, u.manager_name, u.contact_name, u.contact_email, u.contact_phone)
        for u in units_of(app)
    ]


def test_wanting_to_sign_up_but_not_finding_the_form_registers_nothing(app: App) -> None:
    """ "vi vill anmäla men jag hittar inte blanketten": a question for the way in."""
    body = (
        "Hej! var finns anmälningsblanketten? vi på förskolan vill anmäla men jag hittar "
        "inte den på intranätet. kan ni skicka?\nmvh Sara\n"
    )
    put(app, make_mail(body, sender="sara.lind@edu.stockholm.se", subject="blankett?"))
    cycle(app)
    assert units_of(app) == []


def test_a_subject_with_the_organisation_before_a_dash_names_the_unit_after(app: App) -> None:
    """ "Anmälan Miljöförvaltningen – Tillsyn Söder, chef …" over "Se ämnesraden"."""
    body = (
        "Hej! Se ämnesraden. Kontaktperson är jag.\n\nHälsningar\n\nEmma Lundqvist\n"
        "Inspektör\nMiljöförvaltningen, Stockholms stad\nMobil: 070-318 22 41\n"
    )
    subject = "Anmälan Miljöförvaltningen – Tillsyn Söder, chef Pär Wennberg"
    put(
        app,
        make_mail(
            body,
            sender="emma.lundqvist@stockholm.se",
            sender_name="Emma Lundqvist",
            subject=subject,
        ),
    )
    cycle(app)
    [unit] = units_of(app)
    assert unit.unit_name == "Tillsyn Söder"
    assert unit.manager_name == "Pär Wennberg"
    assert unit.contact_name == "Emma Lundqvist"


def test_the_kind_in_lower_case_before_a_name_with_its_own_type_word(app: App) -> None:
    """ "vårt äldreboende Attendo Äldreboende Ekbacken": the name is the second part."""
    body = (
        "Hej,\n\nVi vill anmäla vårt äldreboende Attendo Äldreboende Ekbacken. "
        "Chef är Johan Sandell. Kontakt: Linnea Borg, 070-221 34 90.\n\n/Linnea\n"
    )
    put(app, make_mail(body, sender="linnea.borg@attendo.se", sender_name="Linnea Borg"))
    cycle(app)
    assert [u.unit_name for u in units_of(app)] == ["Attendo Äldreboende Ekbacken"]


def test_the_verb_first_jag_sjalv_kontakt_gives_the_writers_phone(app: App) -> None:
    """ "För Solrosen är jag själv kontakt, 070-…": the verb before "jag", "själv" before
    the role word; the number after it is the writer's."""
    body = (
        "Hej,\n\nVi vill anmäla Förskolan Solrosen till Kvalitetsutmärkelsen. Chef är Lars "
        "Nyberg. För Solrosen är jag själv kontakt, 076-312 45 80.\n\nHälsningar\nMaja Ek\n"
    )
    put(app, make_mail(body, sender="maja.ek@edu.stockholm.se", sender_name="Maja Ek"))
    cycle(app)
    assert _fields(app) == [
        ("Förskolan Solrosen", "Lars Nyberg", "Maja Ek", "maja.ek@edu.stockholm.se",
         "076-312 45 80")
    ]  # fmt: skip


def test_a_reply_putting_the_managers_name_right_is_not_the_writer(app: App) -> None:
    """ "Chefens namn blev fel av mig, det är …, inte …": the writer made the slip; the name
    after "det är" is the manager's."""
    body = (
        "Hej,\n\nÄldreförvaltningen anmäler Biståndsenheten Väster. Chef: Hussein Yilmaz. "
        "Kontakt: Karin Dahl, 08-508 331 20.\n\nMvh Karin\n"
    )
    karin = {"sender": "karin.dahl@stockholm.se", "sender_name": "Karin Dahl"}
    put(app, make_mail(body, subject="Anmälan Biståndsenheten Väster", **karin))
    cycle(app)
    receipt = sent(app)[0]
    reply = "Hej! Chefens namn blev fel av mig, det är Hüseyin Yılmaz, inte Hussein. /Karin\n"
    put(app, make_mail(reply, subject=f"Sv: {receipt['Subject']}", **karin,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = units_of(app)
    assert unit.manager_name == "Hüseyin Yılmaz"
    assert unit.contact_name == "Karin Dahl"


def test_a_long_mails_summing_up_names_the_unit(app: App) -> None:
    """ "Alltså: Avdelningen för X, Y." at the end of a long mail about the work."""
    body = (
        "Hej,\n\nVi har länge funderat på om vi ska anmäla oss. Under de senaste åren har "
        "avdelningen gått från stora projekt till små förbättringar varje månad, och vi har "
        "lärt oss mycket om att styra på resultat.\n\nVi skulle vilja ha juryns blick på hur "
        "vi arbetar.\n\nAlltså: Avdelningen för hållbar stadsplanering, "
        "Stadsbyggnadskontoret. Avdelningschef är Rune Ahlgren. Kontaktperson är jag, "
        "Petra Svahn, 08-508 270 33.\n\nVänliga hälsningar\nPetra Svahn\nStrateg\n"
    )
    put(app, make_mail(body, sender="petra.svahn@stockholm.se", sender_name="Petra Svahn"))
    cycle(app)
    assert _fields(app) == [
        ("Avdelningen för hållbar stadsplanering", "Rune Ahlgren", "Petra Svahn",
         "petra.svahn@stockholm.se", "08-508 270 33")
    ]  # fmt: skip


def test_a_reply_moving_to_a_shared_mailbox_changes_the_address(app: App) -> None:
    """ "Vi byter till vår funktionsbrevlåda, skicka till … i fortsättningen. Jag är kvar
    som kontakt.": the contact stays, the address is the shared one."""
    body = (
        "Hej,\nVi på Stockholm Vatten och Avfall anmäler Kundtjänst Vatten. Chef Tobias Ek. "
        "Kontakt Nora Aksu, 08-522 120 77.\n/Nora\n"
    )
    nora = {"sender": "nora.aksu@svoa.se", "sender_name": "Nora Aksu"}
    put(app, make_mail(body, subject="Anmälan Kundtjänst Vatten", **nora))
    cycle(app)
    receipt = sent(app)[0]
    reply = (
        "Hej,\n\nVi byter till vår funktionsbrevlåda för allt som rör utmärkelsen, skicka "
        "gärna till kundtjanst.vatten@svoa.se i fortsättningen. Jag är kvar som kontakt.\n\n"
        "Nora\n"
    )
    put(app, make_mail(reply, subject=f"Sv: {receipt['Subject']}", **nora,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = units_of(app)
    assert (unit.contact_name, unit.contact_email) == ("Nora Aksu", "kundtjanst.vatten@svoa.se")
