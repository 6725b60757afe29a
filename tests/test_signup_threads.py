"""Replies in a sign-up's thread (fresh22): a "Stämmer." written inline under the quoted
contact, the number the receipt asked for, a second unit added without its organisation, a
new name asked for in an Outlook reply signed "Title | Company", a shared mailbox in place of
the contact's own address, the contact's new number under a bullet, and a sign-up sent after
the award office answered a question. Each is real MIME read by the running bot.
"""

from __future__ import annotations

from bot.models import Unit
from bot.runner import App
from tests.conftest import body_text, cycle, make_mail, put, sent
from tests.test_signup_receipt import units_of

_SENDER = {"sender": "hanna.wikstrom@stockholm.se", "sender_name": "Hanna Wikström"}
_SIGNUP = (
    "Hej!\n\nVi på Förskolan Nyckelpigan i Bromma stadsdelsförvaltning anmäler oss till"
    " Kvalitetsutmärkelsen. Jag är förskolechef och kontaktperson, telefon 08-508 06 000.\n\n"
    "Med vänliga hälsningar\nHanna Wikström\n"
)


def _reply(
    app: App,
    answer: str,
    *,
    signup: str = _SIGNUP,
    sender: dict[str, str] = _SENDER,
    inline: dict[str, str] | None = None,
    outlook: bool = False,
) -> list[Unit]:
    """The units after the sign-up and a reply to its receipt: the answer above the quoted
    receipt ("> " lines, or Outlook's unmarked quote under a "Från:" block), or inline."""
    put(app, make_mail(signup, **sender))
    cycle(app)
    receipt = sent(app)[0]
    if outlook:
        lines = [
            answer,
            "",
            "________________________________",
            "Från: Kvalitetsutmärkelsen <kvalitetsutmarkelsen@stockholm.se>",
            "Skickat: den 1 mars 2027 10:48",
            f"Till: {sender['sender_name']} <{sender['sender']}>",
            f"Ämne: {receipt['Subject']}",
            "",
            *body_text(receipt).split("\n"),
        ]
    else:
        header = (
            "Den mån 1 mars 2027 kl 10:48 skrev Kvalitetsutmärkelsen"
            " <kvalitetsutmarkelsen@stockholm.se>:"
        )
        lines = [answer, "", header]
        for line in body_text(receipt).split("\n"):
            lines.append(f"> {line}".rstrip())
            label = line.strip().partition(":")[0]
            if inline and label in inline:
                lines += ["", inline[label], ""]
    reply_to = str(receipt["Message-ID"]).strip().strip("<>")
    mail = make_mail(
        "\n".join(lines), subject=f"Sv: {receipt['Subject']}", in_reply_to=reply_to, **sender
    )
    put(app, mail)
    cycle(app)
    return units_of(app)


def test_a_yes_written_inline_under_the_quoted_contact_is_nobodys_name(app: App) -> None:
    [unit] = _reply(
        app,
        "Hej, svar nedan.",
        inline={
            "Kontaktperson": "Stämmer.",
            "Telefon": "Nej, skriv hellre min mobil: 072-589 14 03.",
        },
    )
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Hanna Wikström",
        "hanna.wikstrom@stockholm.se",
        "072-589 14 03",
    )


def test_the_number_the_receipt_asked_for_is_registered(app: App) -> None:
    signup = _SIGNUP.replace(", telefon 08-508 06 000", "")
    [unit] = _reply(
        app, "Hej!\n\nHär kommer telefonnumret som ni bad om: 08-508 06 412\n\nHanna", signup=signup
    )
    assert (unit.contact_name, unit.contact_phone) == ("Hanna Wikström", "08-508 06 412")


def test_a_second_unit_added_in_the_reply_belongs_to_the_first_units_organisation(
    app: App,
) -> None:
    units = _reply(
        app,
        "Hej!\n\nTack, det stämmer. Vi vill även anmäla vår andra förskola, Förskolan Humlan."
        " Där är jag också chef, men kontaktperson är Sara Nordin, sara.nordin@stockholm.se,"
        " 070-561 22 19.\n\nHanna",
        outlook=True,
    )
    assert sorted((u.unit_name, u.organisation, u.contact_name) for u in units) == [
        ("Förskolan Humlan", "Bromma stadsdelsförvaltning", "Sara Nordin"),
        ("Förskolan Nyckelpigan", "Bromma stadsdelsförvaltning", "Hanna Wikström"),
    ]


def test_a_new_name_asked_for_over_a_title_and_company_signature(app: App) -> None:
    """ "Boendevärd | Micasa …": the title beside the bar is the writer's, not the unit."""
    sender = {"sender": "zeynep.arslan@micasa.se", "sender_name": "Zeynep Arslan"}
    signup = (
        "Hej!\n\nMicasa anmäler Trygghetsboendet Ekbacken till Kvalitetsutmärkelsen 2027.\n"
        "Ansvarig chef: Kjell Danielsson\nKontaktperson: Zeynep Arslan, 08-508 370 55\n\n"
        "/Zeynep Arslan\n"
    )
    [unit] = _reply(
        app,
        "Hej,\n\nBoendet har fått nytt namn sedan den 1 mars, kan ni registrera oss som Ekbackens"
        " seniorhus istället? Övriga uppgifter stämmer.\n\nMed vänlig hälsning\nZeynep Arslan\n"
        "Boendevärd | Micasa Fastigheter i Stockholm AB\nTel 08-508 370 55",
        signup=signup,
        sender=sender,
        outlook=True,
    )
    assert unit.unit_name == "Ekbackens seniorhus"
    assert unit.manager_name == "Kjell Danielsson"


def test_a_shared_mailbox_in_place_of_the_contacts_own_address(app: App) -> None:
    [unit] = _reply(
        app,
        "Hej,\n\nKan ni ändra så att mejl om utmärkelsen går till vår gemensamma brevlåda"
        " nyckelpigan.forskola@stockholm.se istället för min personliga? Jag är fortfarande"
        " kontaktperson.\n\nHanna",
    )
    assert (unit.contact_name, unit.contact_email) == (
        "Hanna Wikström",
        "nyckelpigan.forskola@stockholm.se",
    )


def test_the_contacts_new_number_under_a_bullet(app: App) -> None:
    [unit] = _reply(
        app,
        "Hej,\n\nJag är kontaktperson för Förskolan Nyckelpigan. Mitt telefonnummer har ändrats:"
        "\n\n  *   Ny telefon: 076-455 01 92\n\nÖvriga uppgifter stämmer.\n\nHanna Wikström",
        outlook=True,
    )
    assert (unit.contact_name, unit.contact_phone) == ("Hanna Wikström", "076-455 01 92")


def test_a_signup_after_the_award_offices_answer_takes_no_organisation_from_it(
    app: App,
) -> None:
    """The office's answer quoted in the thread is signed "Stadsledningskontoret"; the
    unit's organisation is the one its own sign-up gives."""
    body = (
        "Tack för svaret! Då anmäler vi Spånga daglig verksamhet (Spånga-Tensta"
        " stadsdelsförvaltning). Jag är chef. Kontaktperson blir vår handledare Roza Karimi,"
        " roza.karimi@stockholm.se, 08-508 03 571.\n\nTarik\n\n"
        "________________________________\n"
        "Från: Kvalitetsutmärkelsen <kvalitetsutmarkelsen@stockholm.se>\n"
        "Skickat: den 23 februari 2027 10:02\n"
        "Till: Tarik Hussein <tarik.hussein@stockholm.se>\n"
        "Ämne: Sv: Ska vi anmäla oss?\n\n"
        "Hej Tarik,\nJa, alla stadens verksamheter kan delta. Anmäl er genom att svara på detta"
        " mejl med enhetens namn, chef och kontaktperson.\nVänliga hälsningar\n"
        "Birgitta Norén, Stadsledningskontoret\n\n"
        "-----Ursprungligt meddelande-----\n"
        "Från: Tarik Hussein\nSkickat: den 22 februari 2027 13:00\n"
        "Ämne: Ska vi anmäla oss?\n\n"
        "Hej,\nJag är enhetschef på Spånga daglig verksamhet. Får vi vara med?\n"
    )
    put(
        app,
        make_mail(
            body,
            sender="tarik.hussein@stockholm.se",
            sender_name="Tarik Hussein",
            subject="Sv: Ska vi anmäla oss?",
        ),
    )
    cycle(app)
    [unit] = units_of(app)
    assert (unit.unit_name, unit.organisation, unit.contact_name) == (
        "Spånga daglig verksamhet",
        "Spånga-Tensta stadsdelsförvaltning",
        "Roza Karimi",
    )
