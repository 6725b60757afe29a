"""What the unit sees after a sign-up: inferred values marked, weak evidence asked about,
English sign-ups answered with one English sentence, corrections shown old → new, and the
organisation kept as written. Real MIME through the app, real database, mail out of .Sent.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy import select

from bench.bench_signups import CORPUS
from bot.clock import FixedClock
from bot.mail.parse import parse_mail
from bot.models import Unit
from bot.runner import App
from bot.signups.extract import readable_text
from bot.signups.extract.language import is_english
from tests.calendar_support import at, calendar_app, sent_of
from tests.conftest import body_text, cycle, make_mail, put, sent
from tests.test_signup_flow import LABELLED

FOOTNOTE = "* Uppgifter vi har tolkat ur ert mejl, inte läst ur en rubrik."

PROSE = """Hej!

Vi på Solbackens förskola vill gärna anmäla oss till Kvalitetsutmärkelsen 2027.
Ansvarig chef är förskolechef Maria Sjöberg. Vår kontaktperson för arbetet blir
pedagogistan Sofia Öberg, sofia.oberg@edu.stockholm.se, tel 08-508 123 45.

Vi tillhör Skarpnäcks stadsdelsförvaltning.

Med vänliga hälsningar
Maria Sjöberg
Förskolechef, Solbackens förskola
"""

ENGLISH = """Hi,

We at Förskolan Lyktan would like to sign up for the City of Stockholm's quality award
this year. Our manager is Ahmad Nouri, and the contact person is Olga Petrenko
(olga.petrenko@stockholm.se, 073-920 11 84). We belong to the Spånga-Tensta district
administration.

Best regards,
Olga Petrenko
"""


def units_of(app: App) -> list[Unit]:
    with app.sessions() as session:
        return list(session.scalars(select(Unit).order_by(Unit.id)))


def html_part(msg: Any) -> str:
    part = msg.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def table_row(text: str, label: str) -> str:
    """The receipt's table line that starts with ``label``."""
    return next(line.strip() for line in text.splitlines() if line.strip().startswith(label))


def test_values_read_from_prose_are_marked_and_labelled_ones_are_not(app: App) -> None:
    put(app, make_mail(PROSE, sender="maria.sjoberg@edu.stockholm.se", sender_name="Maria Sjöberg"))
    cycle(app)
    [receipt] = sent(app)
    text = body_text(receipt)
    assert table_row(text, "Chef:") == "Chef:            Maria Sjöberg *"
    assert table_row(text, "Kontaktperson:") == "Kontaktperson:   Sofia Öberg *"
    assert table_row(text, "Referensnummer:") == "Referensnummer:  KU-2027-001"
    assert FOOTNOTE in text
    assert "Maria Sjöberg *" in html_part(receipt) and FOOTNOTE in html_part(receipt)

    put(app, make_mail(LABELLED))
    cycle(app)
    text = body_text(sent(app)[-1])
    assert table_row(text, "Chef:") == "Chef:            Maria Öberg"
    assert "*" not in text


def test_contact_address_taken_from_the_sender_is_asked_about(app: App) -> None:
    mail = """Hej!

Förskolan Kotten i Bromma anmäler sig till Kvalitetsutmärkelsen.
Chef: Lena Holm
Förvaltning: Bromma stadsdelsförvaltning
Kontaktperson är jag.

/Per Ahlström
"""
    put(app, make_mail(mail, sender="per.ahlstrom@stockholm.se", sender_name="Per Ahlström"))
    cycle(app)
    [unit] = units_of(app)
    assert unit.contact_email == "per.ahlstrom@stockholm.se"
    text = body_text(sent(app)[0])
    assert (
        "Vi uppfattade att kontaktpersonen är Per Ahlström, per.ahlstrom@stockholm.se "
        "(e-postadressen tog vi från avsändaren av ert mejl); stämmer det?"
    ) in " ".join(text.split())


def test_unit_only_in_the_subject_and_a_loose_organisation_are_asked_about(app: App) -> None:
    mail = """Hej,

Härmed anmäler vi oss. Chef: Jonas Lindqvist.
Kontaktperson: Fatima Al-Amin, fatima.al-amin@stockholm.se, 076-224 18 90.
Vi hör till Farsta stadsdel.

Hälsningar Fatima
"""
    put(app, make_mail(mail, subject="Anmälan Förskolan Tallkotten"))
    cycle(app)
    [unit] = units_of(app)
    assert unit.unit_name == "Förskolan Tallkotten"
    assert unit.organisation == "Farsta stadsdelsförvaltning"
    assert unit.organisation_as_written == "Farsta stadsdel"
    text = " ".join(body_text(sent(app)[0]).split())
    assert "Vi uppfattade att verksamheten heter Förskolan Tallkotten;" in text
    assert "hör till Farsta stadsdelsförvaltning (ni skrev ”Farsta stadsdel”); stämmer det?" in text
    assert "kontaktpersonen är" not in text  # the contact was named in a label


def test_unknown_organisation_is_kept_as_written_flagged_and_asked_about(app: App) -> None:
    mail = LABELLED.replace("Skarpnäcks stadsdelsförvaltning", "Ugglebo Pedagogik AB")
    put(app, make_mail(mail))
    cycle(app)
    [unit] = units_of(app)
    assert unit.organisation == unit.organisation_as_written == "Ugglebo Pedagogik AB"
    with app.sessions() as session:
        flags = {f.code: f.reason for f in session.get(Unit, unit.id).flags}  # type: ignore[union-attr]
    assert "Ugglebo Pedagogik AB" in flags["unknown-organisation"]
    text = " ".join(body_text(sent(app)[0]).split())
    assert "Vi hittade inte ”Ugglebo Pedagogik AB” bland stadens förvaltningar" in text


def test_alias_keeps_the_text_as_written_beside_the_canonical_name(app: App) -> None:
    put(app, make_mail(LABELLED.replace("Skarpnäcks stadsdelsförvaltning", "SDF Skarpnäck")))
    cycle(app)
    [unit] = units_of(app)
    assert unit.organisation == "Skarpnäcks stadsdelsförvaltning"
    assert unit.organisation_as_written == "SDF Skarpnäck"


def test_english_signup_is_registered_and_answered_with_one_english_sentence(app: App) -> None:
    put(app, make_mail(ENGLISH, sender="olga.petrenko@stockholm.se", sender_name="Olga Petrenko"))
    cycle(app)
    [unit] = units_of(app)
    assert unit.signup_status == "registered" and unit.contact_name == "Olga Petrenko"
    [receipt] = sent(app)
    assert receipt["X-Kvalitetsbot-Kind"] == "signup-receipt"
    first, *rest = [line for line in body_text(receipt).splitlines() if line.strip()]
    assert first == (
        "We have registered your sign-up for the City of Stockholm Quality Award; "
        "the details are below, in Swedish."
    )
    assert rest[0] == "Hej!"
    assert "We have registered" in html_part(receipt)

    put(app, make_mail(LABELLED))
    cycle(app)
    assert "We have" not in body_text(sent(app)[-1])


def test_incomplete_english_signup_asks_in_english_at_the_top(app: App) -> None:
    mail = """Hello,

I would like to register the Cycling Office (Cykelkansliet) at Trafikkontoret for the
quality award. I am the contact person, and you can reach me at 08-508 26 771.

Best regards,
Lukas Brenner
"""
    put(app, make_mail(mail, sender="lukas.brenner@stockholm.se", sender_name="Lukas Brenner"))
    cycle(app)
    [request] = sent(app)
    assert request["X-Kvalitetsbot-Kind"] == "signup-incomplete"
    text = body_text(request)
    assert text.lstrip().startswith(
        "We have received your sign-up for the City of Stockholm Quality Award; please reply "
        "with the missing details listed below"
    )
    assert "Chefens namn" in text


def test_staff_see_an_unknown_organisation_in_the_digest_and_the_registry(
    tmp_path: Path, clock: FixedClock
) -> None:
    app = calendar_app(tmp_path, None, clock)
    try:
        mail = LABELLED.replace("Skarpnäcks stadsdelsförvaltning", "Ugglebo Pedagogik AB")
        put(app, make_mail(mail))
        put(app, make_mail(LABELLED.replace("Skarpnäcks stadsdelsförvaltning", "Skarpnäcks sdf")
                           .replace("Trollskogen", "Ekbacken")))  # fmt: skip
        cycle(app)
        clock.advance_to(at(3, 2, 7, 31))
        cycle(app)
        [digest] = sent_of(app, "digest")
        assert "Organisationen ”Ugglebo Pedagogik AB” finns inte i listan" in body_text(digest)
        [xlsx] = list(digest.iter_attachments())
        sheet = load_workbook(io.BytesIO(xlsx.get_payload(decode=True))).active
        head = [cell.value for cell in sheet[1]]
        rows = [dict(zip(head, [c.value for c in row], strict=True)) for row in sheet[2:3]]
        assert [
            (r["Förvaltning/bolag/företag"], r["Organisation enligt anmälan"]) for r in rows
        ] == [
            ("Ugglebo Pedagogik AB", "Ugglebo Pedagogik AB"),
            ("Skarpnäcks stadsdelsförvaltning", "Skarpnäcks sdf"),
        ]
        assert "unknown-organisation" in rows[0]["Flaggor"]
    finally:
        app.sessions.kw["bind"].dispose()


def test_english_is_told_from_swedish_on_every_mail_of_the_dev_corpus() -> None:
    # d052 is a Swedish mail forwarded with English header labels.
    for path in sorted((CORPUS / "dev").glob("d*.eml")):
        mail = parse_mail(path.read_bytes())
        english = is_english(readable_text(mail.subject, mail.text))
        assert english == ("-english" in path.name and "headers" not in path.name), path.name


def test_an_english_change_from_an_unregistered_address_is_held_with_one_english_sentence(
    app: App,
) -> None:
    put(app, make_mail(LABELLED, sender="anna.berg@edu.stockholm.se", sender_name="Anna Berg"))
    cycle(app)
    [unit] = units_of(app)
    change = (
        "Hi,\n\nplease change the contact person for Förskolan Trollskogen "
        f"({unit.reference}) to Olga Petrenko, olga.petrenko@edu.stockholm.se.\n\n"
        "Best regards,\nOlga Petrenko\n"
    )
    put(
        app,
        make_mail(
            change,
            subject=f"Change of contact ({unit.reference})",
            sender="olga.petrenko@edu.stockholm.se",
            sender_name="Olga Petrenko",
        ),
    )
    cycle(app)
    mails = {m["To"].addresses[0].addr_spec: m for m in sent(app)[1:]}
    held = mails["olga.petrenko@edu.stockholm.se"]
    assert held["X-Kvalitetsbot-Kind"] == "change-held"
    assert (
        body_text(held)
        .lstrip()
        .startswith(
            "We have received your message, but your address is not registered for this unit"
        )
    )
    # The registered contact wrote in Swedish and is asked in Swedish only.
    asked = mails["anna.berg@edu.stockholm.se"]
    assert asked["X-Kvalitetsbot-Kind"] == "change-confirmation"
    assert "We have" not in body_text(asked)
