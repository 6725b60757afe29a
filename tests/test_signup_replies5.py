"""Issue 17: the contact's details put right in a reply to the receipt, written in a hurry.

A new number answered inline under the receipt's quoted phone line ("Det där är växeln –
mitt direktnummer är …"), a one-line "Nytt mobilnr:" from a phone, the contact handed to a
colleague "istället för mig", and the contact's new surname after a wedding. Each reply is
real MIME answering the bot's own receipt, read by the running bot.
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


def _answered(app: App, answer: str = "", *, inline: dict[str, str] | None = None) -> Unit:
    """The unit after Hanna signs up and answers the receipt: above the quoted receipt, or
    inline, each answer under the quoted line with its label."""
    put(app, make_mail(_SIGNUP, **_SENDER))
    cycle(app)
    receipt = sent(app)[0]
    header = (
        "Den mån 1 mars 2027 kl 10:48 skrev Kvalitetsutmärkelsen"
        " <kvalitetsutmarkelsen@stockholm.se>:"
    )
    lines = [answer, "", header] if answer else [header]
    for line in body_text(receipt).split("\n"):
        lines.append(f"> {line}".rstrip())
        label = line.strip().partition(":")[0]
        if inline and label in inline:
            lines += ["", inline[label], ""]
    lines += ["", "/Hanna"] if inline else []
    put(app, make_mail("\n".join(lines), subject=f"Sv: {receipt['Subject']}", **_SENDER,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = units_of(app)
    return unit


def test_a_direct_number_answered_inline_under_the_quoted_switchboard(app: App) -> None:
    unit = _answered(
        app,
        inline={
            "Telefon": "Det där är växeln – mitt direktnummer är 08-508 06 412, använd hellre det."
        },
    )
    assert (unit.contact_name, unit.contact_phone) == ("Hanna Wikström", "08-508 06 412")
    assert unit.contact_email == "hanna.wikstrom@stockholm.se"


def test_a_new_mobile_number_in_one_line_from_a_phone(app: App) -> None:
    unit = _answered(app, "Nytt mobilnr: 073-118 42 07\n\nSkickat från min iPhone")
    assert (unit.contact_name, unit.contact_phone) == ("Hanna Wikström", "073-118 42 07")


def test_the_contact_handed_to_a_colleague_instead_of_the_writer(app: App) -> None:
    unit = _answered(
        app,
        "Hej, från och med nu är Leo Granath kontakt istället för mig, leo.granath@stockholm.se,"
        " 070-226 71 30. Jag är kvar som chef.\n/Hanna",
    )
    assert unit.manager_name == "Hanna Wikström"
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Leo Granath",
        "leo.granath@stockholm.se",
        "070-226 71 30",
    )


def test_the_contacts_new_surname_and_address(app: App) -> None:
    unit = _answered(
        app,
        "Hej!\n\nJag har gift mig och bytt efternamn till Berggren. Min nya adress är"
        " hanna.berggren@stockholm.se (den gamla slutar fungera snart). Numret är detsamma.\n\n"
        "Hanna Berggren",
    )
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Hanna Berggren",
        "hanna.berggren@stockholm.se",
        "08-508 06 000",
    )


def test_a_new_contact_answered_with_arrows_under_the_quoted_labels(app: App) -> None:
    unit = _answered(
        app,
        "Hej, rättelser inline nedan.\n\nHanna",
        inline={
            "Kontaktperson": "-> ska vara Leo Granath (förskollärare), jag har för mycket nu",
            "E-post": "-> leo.granath@stockholm.se",
            "Telefon": "-> 070-226 71 30",
        },
    )
    assert unit.manager_name == "Hanna Wikström"
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Leo Granath",
        "leo.granath@stockholm.se",
        "070-226 71 30",
    )
