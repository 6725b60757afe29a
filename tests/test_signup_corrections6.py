"""Replies to the receipt that put the sign-up right in the ways people write them: answers
written into the quoted receipt under or beside the line they correct, a new name that runs
on in lower case, a new number or surname, the contact handed on, and a second unit signed
up in the thread. Each replies to the bot's own receipt through the app: real MIME, real
database, mail out of .Sent.
"""

from __future__ import annotations

from bot.runner import App
from tests.conftest import body_text, cycle, make_mail, put, sent
from tests.test_signup_receipt import units_of

SIGNUP = (
    "Hej!\n\nHemtjänsten Vantör vill anmäla sig till Kvalitetsutmärkelsen 2027. Vi hör till "
    "Enskede-Årsta-Vantörs stadsdelsförvaltning. Enhetschef är Leena Virtanen. Kontaktperson "
    "är Oskar Lund, oskar.lund@stockholm.se, 070-331 20 45.\n\nHälsningar\nLeena Virtanen\n"
)
LEENA = {"sender": "leena.virtanen@stockholm.se", "sender_name": "Leena Virtanen"}


def _signed_up(app: App, body: str = SIGNUP, **sender: str) -> None:
    put(app, make_mail(body, **(sender or LEENA)))
    cycle(app)


def _reply(app: App, body: str, **sender: str) -> None:
    receipt = sent(app)[0]
    put(app, make_mail(body, subject=f"Re: {receipt['Subject']}", **(sender or LEENA),
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)


def _quoted_with_answers(app: App, answers: dict[str, str], *, marks: bool = True) -> str:
    """The bot's receipt quoted (with "> " or, Outlook-like, without marks), each answer
    written under (or with "<--" beside) the receipt line that starts with its label."""
    lines = []
    for line in body_text(sent(app)[0]).split("\n"):
        label = next((k for k in answers if line.strip().startswith(k)), None)
        if not marks:
            lines.append(f"{line}   <-- {answers[label]}" if label else line)
            continue
        lines.append(f"> {line}".rstrip())
        if label:
            lines += ["", answers[label], ""]
    header = (
        "Den mån 1 mars 2027 kl 09:05 skrev Kvalitetsutmärkelsen <kvalitetsutmarkelsen@stockholm.se>:"
        if marks
        else "Från: Kvalitetsutmärkelsen <kvalitetsutmarkelsen@stockholm.se>\n"
        "Skickat: den 1 mars 2027 09:05\nTill: Leena Virtanen <leena.virtanen@stockholm.se>\n"
        "Ämne: Anmälan mottagen"
    )
    return "\n".join([header, *lines])


def test_answers_under_the_quoted_receipt_lines_are_applied(app: App) -> None:
    _signed_up(app)
    quote = _quoted_with_answers(
        app,
        {
            "Kontaktperson:": "-> ska vara Maja Holm (samordnare), Oskar har slutat hos oss",
            "E-post:": "-> maja.holm@stockholm.se",
            "Telefon:": "-> 072-118 40 90",
        },
    )
    _reply(app, f"Hej, rättelser i texten nedan.\n\nLeena\n\n{quote}\n")
    [unit] = units_of(app)
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Maja Holm",
        "maja.holm@stockholm.se",
        "072-118 40 90",
    )
    assert unit.manager_name == "Leena Virtanen"


def test_a_sentence_under_the_quoted_phone_line_gives_the_new_number(app: App) -> None:
    _signed_up(app)
    quote = _quoted_with_answers(
        app, {"Telefon:": "Det är Oskars gamla jobbmobil – hans nya nummer är 073-500 12 12."}
    )
    _reply(app, f"{quote}\n\n/Leena\n")
    [unit] = units_of(app)
    assert (unit.contact_name, unit.contact_phone) == ("Oskar Lund", "073-500 12 12")


def test_a_new_name_beside_the_outlook_quoted_unit_line_is_applied(app: App) -> None:
    _signed_up(app)
    quote = _quoted_with_answers(
        app,
        {"Verksamhet:": "vi heter sedan 1 mars Vantörs hemtjänst och boendestöd söder"},
        marks=False,
    )
    _reply(app, f"Hej! Se nedan.\n\nLeena\n\n{quote}\n")
    [unit] = units_of(app)
    assert unit.unit_name == "Vantörs hemtjänst och boendestöd söder"


def test_inline_answers_from_an_address_not_registered_are_held(app: App) -> None:
    _signed_up(app)
    quote = _quoted_with_answers(app, {"Kontaktperson:": "-> ska vara Maja Holm"})
    _reply(app, f"Hej!\n\n{quote}\n", sender="maja.holm@stockholm.se", sender_name="Maja Holm")
    [unit] = units_of(app)
    assert unit.contact_name == "Oskar Lund"


def test_a_new_name_that_runs_on_in_lower_case_is_the_units_whole_name(app: App) -> None:
    _signed_up(app)
    _reply(
        app,
        "Hej,\n\nVi har bytt namn till Vantör hemtjänst norr efter att enheten delades i "
        "januari. I övrigt stämmer allt.\n\nLeena\n",
    )
    [unit] = units_of(app)
    assert unit.unit_name == "Vantör hemtjänst norr"


def test_a_new_number_given_as_new_is_the_contacts(app: App) -> None:
    oskar = {"sender": "oskar.lund@stockholm.se", "sender_name": "Oskar Lund"}
    body = SIGNUP.replace("Kontaktperson är Oskar Lund", "Kontaktperson är jag, Oskar Lund")
    _signed_up(app, body.replace("Leena Virtanen\n", "Oskar Lund\n"), **oskar)
    _reply(app, "Nytt mobilnr: 076-900 11 22\n\nSkickat från min iPhone\n", **oskar)
    [unit] = units_of(app)
    assert unit.contact_phone == "076-900 11 22"


def test_a_new_surname_after_marriage_keeps_the_first_name_and_the_number(app: App) -> None:
    oskar = {"sender": "oskar.lund@stockholm.se", "sender_name": "Oskar Lund"}
    body = SIGNUP.replace("Kontaktperson är Oskar Lund", "Kontaktperson är jag, Oskar Lund")
    _signed_up(app, body.replace("Leena Virtanen\n", "Oskar Lund\n"), **oskar)
    _reply(
        app,
        "Hej!\n\nJag har gift mig och bytt efternamn till Wikström. Min nya adress är "
        "oskar.wikstrom@stockholm.se. Telefonnumret är detsamma.\n\nOskar Wikström\n",
        **oskar,
    )
    [unit] = units_of(app)
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Oskar Wikström",
        "oskar.wikstrom@stockholm.se",
        "070-331 20 45",
    )
    assert unit.manager_name == "Leena Virtanen"


def test_the_contact_handed_on_instead_of_the_writer_is_the_new_contact(app: App) -> None:
    body = (
        "Hej! Hemtjänsten Vantör, Enskede-Årsta-Vantörs sdf, anmäler sig. Enhetschef Leena "
        "Virtanen, kontakt jag.\nLeena\n"
    )
    _signed_up(app, body)
    _reply(
        app,
        "Hej, från och med nu är Maja Holm kontakt istället för mig, maja.holm@stockholm.se, "
        "072-118 40 90. Jag är kvar som chef.\n/Leena\n",
    )
    [unit] = units_of(app)
    assert (unit.manager_name, unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Leena Virtanen",
        "Maja Holm",
        "maja.holm@stockholm.se",
        "072-118 40 90",
    )


def test_a_reply_that_signs_up_another_unit_too_registers_it_beside_the_first(app: App) -> None:
    _signed_up(app)
    _reply(
        app,
        "Tack!\n\nVi vill även anmäla Hemtjänsten Östberga, som jag också är chef för. "
        "Kontaktperson är Maja Holm, maja.holm@stockholm.se, 072-118 40 90.\n\n"
        "Hälsningar\nLeena Virtanen\nEnhetschef\nEnskede-Årsta-Vantörs sdf\n",
    )
    first, second = units_of(app)
    assert (first.unit_name, first.contact_name) == ("Hemtjänsten Vantör", "Oskar Lund")
    assert (second.unit_name, second.manager_name, second.contact_name) == (
        "Hemtjänsten Östberga",
        "Leena Virtanen",
        "Maja Holm",
    )
    assert second.organisation == "Enskede-Årsta-Vantörs stadsdelsförvaltning"
