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
from bot.models import InboundMessage, Unit
from bot.runner import App
from bot.signups.extract import readable_text
from bot.signups.extract.language import is_english
from tests.calendar_support import at, calendar_app, sent_of
from tests.conftest import body_text, cycle, make_mail, put, sent

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

LABELLED = """Hej!

Vi vill anmäla oss till Kvalitetsutmärkelsen 2027.

Verksamhet: Förskolan Trollskogen
Förvaltning: Skarpnäcks stadsdelsförvaltning
Chef: Maria Öberg
Kontaktperson: Anna Berg
E-post: anna.berg@edu.stockholm.se
Telefon: 08-508 123 45

Med vänliga hälsningar
Anna Berg
"""

ENGLISH = """Hi,

We at Förskolan Lyktan would like to sign up for the City of Stockholm's quality award
this year. Our manager is Ahmad Nouri, and the contact person is Olga Petrenko
(olga.petrenko@stockholm.se, 073-920 11 84). We belong to the Spånga-Tensta district
administration.

Best regards,
Olga Petrenko
"""


def _units(app: App) -> list[Unit]:
    with app.sessions() as session:
        return list(session.scalars(select(Unit).order_by(Unit.id)))


def _html(msg: Any) -> str:
    part = msg.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def _row(text: str, label: str) -> str:
    """The receipt's table line that starts with ``label``."""
    return next(line.strip() for line in text.splitlines() if line.strip().startswith(label))


def test_values_read_from_prose_are_marked_and_labelled_ones_are_not(app: App) -> None:
    put(app, make_mail(PROSE, sender="maria.sjoberg@edu.stockholm.se", sender_name="Maria Sjöberg"))
    cycle(app)
    [receipt] = sent(app)
    text = body_text(receipt)
    assert _row(text, "Chef:") == "Chef:            Maria Sjöberg *"
    assert _row(text, "Kontaktperson:") == "Kontaktperson:   Sofia Öberg *"
    assert _row(text, "Referensnummer:") == "Referensnummer:  KU-2027-001"
    assert FOOTNOTE in text
    assert "Maria Sjöberg *" in _html(receipt) and FOOTNOTE in _html(receipt)

    put(app, make_mail(LABELLED))
    cycle(app)
    text = body_text(sent(app)[-1])
    assert _row(text, "Chef:") == "Chef:            Maria Öberg"
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
    [unit] = _units(app)
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
    [unit] = _units(app)
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
    [unit] = _units(app)
    assert unit.organisation == unit.organisation_as_written == "Ugglebo Pedagogik AB"
    with app.sessions() as session:
        flags = {f.code: f.reason for f in session.get(Unit, unit.id).flags}  # type: ignore[union-attr]
    assert "Ugglebo Pedagogik AB" in flags["unknown-organisation"]
    text = " ".join(body_text(sent(app)[0]).split())
    assert "Vi hittade inte ”Ugglebo Pedagogik AB” bland stadens förvaltningar" in text


def test_alias_keeps_the_text_as_written_beside_the_canonical_name(app: App) -> None:
    put(app, make_mail(LABELLED.replace("Skarpnäcks stadsdelsförvaltning", "SDF Skarpnäck")))
    cycle(app)
    [unit] = _units(app)
    assert unit.organisation == "Skarpnäcks stadsdelsförvaltning"
    assert unit.organisation_as_written == "SDF Skarpnäck"


def test_english_signup_is_registered_and_answered_with_one_english_sentence(app: App) -> None:
    put(app, make_mail(ENGLISH, sender="olga.petrenko@stockholm.se", sender_name="Olga Petrenko"))
    cycle(app)
    [unit] = _units(app)
    assert unit.signup_status == "registered" and unit.contact_name == "Olga Petrenko"
    [receipt] = sent(app)
    assert receipt["X-Kvalitetsbot-Kind"] == "signup-receipt"
    first, *rest = [line for line in body_text(receipt).splitlines() if line.strip()]
    assert first == (
        "We have registered your sign-up for the City of Stockholm Quality Award; "
        "the details are below, in Swedish."
    )
    assert rest[0] == "Hej!"
    assert "We have registered" in _html(receipt)

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


def test_prose_correction_is_applied_and_shown_old_to_new(app: App) -> None:
    put(app, make_mail(PROSE, sender="maria.sjoberg@edu.stockholm.se", sender_name="Maria Sjöberg"))
    cycle(app)
    receipt = sent(app)[0]
    correction = make_mail(
        "Hej!\n\nKontaktperson är numera Ahmed Karimi, ahmed.karimi@edu.stockholm.se, "
        "08-508 123 99.\n\nHälsningar\nMaria Sjöberg\n",
        sender="maria.sjoberg@edu.stockholm.se",
        sender_name="Maria Sjöberg",
        subject=f"SV: {receipt['Subject']}",
        in_reply_to=str(receipt["Message-ID"]).strip().strip("<>"),
    )
    put(app, correction)
    cycle(app)
    [unit] = _units(app)
    assert (unit.contact_name, unit.contact_email) == (
        "Ahmed Karimi",
        "ahmed.karimi@edu.stockholm.se",
    )
    answer = sent(app)[-1]
    text = body_text(answer)
    assert "Vi har ändrat er anmälan" in text
    assert _row(text, "Kontaktperson:").endswith("Ahmed Karimi * (tidigare: Sofia Öberg)")
    assert _row(text, "E-post:").endswith(
        "ahmed.karimi@edu.stockholm.se * (tidigare: sofia.oberg@edu.stockholm.se)"
    )
    # Unchanged values are shown as they are, without an old value or a mark.
    assert _row(text, "Chef:") == "Chef:            Maria Sjöberg"
    assert "(tidigare: Sofia Öberg)" in _html(answer)


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


def test_a_correction_of_the_organisation_leaves_the_registered_contact(app: App) -> None:
    sender = {"sender": "tomas.akerlund@stockholm.se", "sender_name": "Åkerlund Tomas"}
    first = LABELLED.replace("Förskolan Trollskogen", "Vård- och omsorgsboendet Ålstensgården")
    put(app, make_mail(first.replace("Skarpnäcks", "Bromma"), **sender))
    cycle(app)
    receipt = sent(app)[0]
    correction = (
        "Hej igen,\n\nEn sak blev fel i min anmälan: boendet tillhör inte längre Bromma, vi "
        "flyttades till Äldreförvaltningen vid omorganisationen. Allt annat stämmer.\n\n"
        "Vänliga hälsningar\nTomas Åkerlund\nEnhetschef\n"
    )
    put(app, make_mail(correction, subject=f"SV: {receipt['Subject']}", **sender,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = _units(app)
    assert unit.organisation == "Äldreförvaltningen"
    assert (unit.contact_name, unit.contact_email) == ("Anna Berg", "anna.berg@edu.stockholm.se")
    text = body_text(sent(app)[-1])
    assert "Äldreförvaltningen * (tidigare: Bromma stadsdelsförvaltning)" in text
    assert "kontaktpersonen är" not in text


def test_a_new_contact_does_not_inherit_the_old_contacts_address(app: App) -> None:
    sender = {"sender": "malin.ahlund@stockholm.se", "sender_name": "Malin Åhlund"}
    first = (
        "Hej! Förskolan Tranan, Östermalms sdf, vill anmäla sig. Chef: Elisabet Grip. "
        "Jag är kontaktperson: Malin Åhlund, 070-452 10 08.\n\nSkickat från min iPhone\n"
    )
    put(app, make_mail(first, **sender))
    cycle(app)
    receipt = sent(app)[0]
    [unit] = _units(app)
    assert unit.contact_email == "malin.ahlund@stockholm.se"
    answer = (
        "Kontaktperson ska vara Lina Ek 0701234567 inte jag. Mvh Malin\n\nSkickat från min iPhone\n"
    )
    put(app, make_mail(answer, subject=f"SV: {receipt['Subject']}", **sender,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = _units(app)
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Lina Ek",
        None,
        "0701234567",
    )
    assert unit.signup_status == "registered"
    text = body_text(sent(app)[-1])
    assert (
        _row(text, "E-post:") == "E-post:          (saknas) (tidigare: malin.ahlund@stockholm.se)"
    )
    assert _row(text, "Kontaktperson:").endswith("Lina Ek * (tidigare: Malin Åhlund)")


def test_details_beside_the_registered_contacts_name_are_the_contacts(app: App) -> None:
    sender = {"sender": "mats.lindgren@stockholm.se", "sender_name": "Lindgren Mats"}
    first = (
        "Hej,\n\nHemtjänsten Bagarmossen anmäler sig.\nFörvaltning: Skarpnäcks "
        "stadsdelsförvaltning\nChef: Mats Lindgren\nKontaktperson: Fatma Kaya\n\nMats\n"
    )
    put(app, make_mail(first, **sender))
    cycle(app)
    request = sent(app)[0]
    assert request["X-Kvalitetsbot-Kind"] == "signup-incomplete"
    answer = "Hej,\n\nHär kommer Fatmas kontaktuppgifter: fatma.kaya@stockholm.se, 08-508 15 622.\n\nMats\n"
    put(app, make_mail(answer, subject=f"SV: {request['Subject']}", **sender,
                       in_reply_to=str(request["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = _units(app)
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Fatma Kaya",
        "fatma.kaya@stockholm.se",
        "08-508 15 622",
    )
    assert unit.signup_status == "registered"
    assert sent(app)[-1]["X-Kvalitetsbot-Kind"] == "signup-receipt"


def test_yes_to_the_receipts_question_needs_no_answer_but_a_yes_with_a_but_goes_to_staff(
    app: App,
) -> None:
    put(app, make_mail(PROSE, sender="maria.sjoberg@edu.stockholm.se", sender_name="Maria Sjöberg"))
    cycle(app)
    receipt = sent(app)[0]
    thread = {
        "sender": "maria.sjoberg@edu.stockholm.se",
        "subject": f"SV: {receipt['Subject']}",
        "in_reply_to": str(receipt["Message-ID"]).strip().strip("<>"),
    }
    put(app, make_mail("Ja, det stämmer!\n\nMvh Maria\n", **thread))
    cycle(app)
    assert len(sent(app)) == 1
    put(app, make_mail("Ja, men det är inte riktigt rätt.\n\nMvh Maria\n", **thread))
    cycle(app)
    assert len(sent(app)) == 1
    with app.sessions() as session:
        statuses = session.scalars(select(InboundMessage.status).order_by(InboundMessage.id))
        assert list(statuses) == ["handled", "handled", "staff"]
