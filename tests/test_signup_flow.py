"""Sign-ups end to end: real MIME into the real Maildir, real database, mail out of .Sent."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.clock import STOCKHOLM
from bot.models import InboundMessage, Unit
from bot.runner import App
from bot.signups import signup
from bot.signups.extract import SignupFields, similar_names
from tests.conftest import body_text, cycle, make_mail, put, sent

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

INCOMPLETE = """Hej,

Vi på Förskolan Solstrålen vill gärna vara med i Kvalitetsutmärkelsen i år!

Hälsningar
Karin Lind
"""


def _units(app: App) -> list[Unit]:
    with app.sessions() as session:
        return list(session.scalars(select(Unit).order_by(Unit.id)))


def test_labelled_signup_is_registered_with_receipt(app: App) -> None:
    original = make_mail(LABELLED)
    put(app, original)
    cycle(app)

    [unit] = _units(app)
    assert unit.reference == "KU-2027-001"
    assert unit.signup_status == "registered"
    assert unit.unit_name == "Förskolan Trollskogen"
    assert unit.manager_name == "Maria Öberg"
    assert unit.organisation == "Skarpnäcks stadsdelsförvaltning"
    assert unit.contact_email == "anna.berg@edu.stockholm.se"
    [receipt] = sent(app)
    assert receipt["X-Kvalitetsbot-Kind"] == "signup-receipt"
    assert receipt["X-Kvalitetsbot-Reference"] == "KU-2027-001"
    assert receipt["Auto-Submitted"] == "auto-replied"
    assert receipt["To"].addresses[0].addr_spec == "anna.berg@edu.stockholm.se"
    assert "KU-2027-001" in receipt["Subject"]
    text = body_text(receipt)
    assert "Maria Öberg" in text and "inte bindande" in text
    assert "17 maj" in text


def test_receipt_answers_in_the_thread(app: App) -> None:
    raw = make_mail(LABELLED)
    put(app, raw)
    cycle(app)
    [receipt] = sent(app)
    with app.sessions() as session:
        original_id = session.scalar(select(InboundMessage.message_id))
    assert receipt["In-Reply-To"] == f"<{original_id}>"
    assert f"<{original_id}>" in receipt["References"]
    assert receipt["Message-ID"] and receipt["Date"]


def test_incomplete_signup_asks_for_exactly_what_is_missing_and_reply_completes_it(
    app: App,
) -> None:
    put(app, make_mail(INCOMPLETE, sender="karin.lind@edu.stockholm.se", sender_name="Karin Lind"))
    cycle(app)
    [unit] = _units(app)
    assert unit.signup_status == "incomplete"
    [request] = sent(app)
    assert request["X-Kvalitetsbot-Kind"] == "signup-incomplete"
    text = body_text(request)
    assert "Chefens namn" in text
    assert "Förvaltning, bolag eller företag" in text
    assert "Verksamhetens namn" not in text

    answer = make_mail(
        "Chef: Per Svensson\nFörvaltning: Norrmalms stadsdelsförvaltning\n"
        "Kontaktperson: Karin Lind, 070-123 45 67\n",
        sender="karin.lind@edu.stockholm.se",
        sender_name="Karin Lind",
        subject=f"SV: {request['Subject']}",
        in_reply_to=str(request["Message-ID"]).strip().strip("<>"),
    )
    put(app, answer)
    cycle(app)
    [unit] = _units(app)
    assert unit.signup_status == "registered"
    assert unit.manager_name == "Per Svensson"
    assert unit.organisation == "Norrmalms stadsdelsförvaltning"
    receipt = sent(app)[-1]
    assert receipt["X-Kvalitetsbot-Kind"] == "signup-receipt"
    assert receipt["In-Reply-To"] == answer_id(answer)
    text = body_text(receipt)
    assert "Vi har ändrat er anmälan till Kvalitetsutmärkelsen 2027 enligt ert mejl." in text
    assert "Tack för er anmälan" not in text


def answer_id(raw: bytes) -> str:
    import email
    import email.policy

    return str(email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"])


def test_running_twice_sends_nothing_the_second_time(app: App) -> None:
    put(app, make_mail(LABELLED))
    cycle(app)
    cycle(app)
    assert len(sent(app)) == 1
    assert len(_units(app)) == 1


def test_same_message_delivered_twice_is_handled_once(app: App) -> None:
    raw = make_mail(LABELLED)
    put(app, raw)
    put(app, raw)
    cycle(app)
    assert len(sent(app)) == 1
    with app.sessions() as session:
        assert len(session.scalars(select(InboundMessage)).all()) == 1


def test_second_signup_for_same_unit_updates_and_is_flagged(app: App) -> None:
    put(app, make_mail(LABELLED))
    cycle(app)
    again = LABELLED.replace("Förskolan Trollskogen", "förskolan trollskogen").replace(
        "08-508 123 45", "08-508 999 99"
    )
    put(app, make_mail(again))
    cycle(app)
    [unit] = _units(app)
    assert unit.contact_phone == "08-508 999 99"
    with app.sessions() as session:
        flags = {f.code for f in session.get(Unit, unit.id).flags}  # type: ignore[union-attr]
    assert "duplicate" in flags
    assert "uppdaterat" in body_text(sent(app)[-1])


def test_late_signup_is_registered_and_flagged(app: App) -> None:
    put(app, make_mail(LABELLED), at=datetime(2027, 3, 23, 8, 0, tzinfo=STOCKHOLM))
    cycle(app)
    [unit] = _units(app)
    assert unit.signup_status == "registered"
    with app.sessions() as session:
        flags = {f.code for f in session.get(Unit, unit.id).flags}  # type: ignore[union-attr]
    assert "late" in flags
    assert "efter sista anmälningsdag" in body_text(sent(app)[0])


def test_signup_on_the_last_day_is_not_late(app: App) -> None:
    put(app, make_mail(LABELLED), at=datetime(2027, 3, 22, 23, 59, tzinfo=STOCKHOLM))
    cycle(app)
    with app.sessions() as session:
        assert not session.scalar(select(Unit)).flags  # type: ignore[union-attr]


def test_few_employees_are_flagged_not_rejected(app: App) -> None:
    put(app, make_mail(LABELLED + "\nVi är 4 anställda inklusive chefen.\n"))
    cycle(app)
    [unit] = _units(app)
    assert unit.signup_status == "registered"
    with app.sessions() as session:
        codes = {f.code for f in session.get(Unit, unit.id).flags}  # type: ignore[union-attr]
    assert "eligibility:employees" in codes


def _in_thread(body: str, receipt: Any) -> bytes:
    """A unit's answer to ``receipt``, in its thread."""
    return make_mail(
        body,
        subject=f"SV: {receipt['Subject']}",
        in_reply_to=str(receipt["Message-ID"]).strip().strip("<>"),
    )


def test_withdrawal_from_registered_address_and_undo(app: App) -> None:
    put(app, make_mail(LABELLED))
    cycle(app)
    receipt = sent(app)[0]
    put(app, _in_thread("Hej, vi drar tillbaka vår anmälan. /Anna", receipt))
    cycle(app)
    assert _units(app)[0].signup_status == "withdrawn"
    confirmation = sent(app)[-1]
    assert confirmation["X-Kvalitetsbot-Kind"] == "withdrawal-receipt"
    assert "ÅNGRA" in body_text(confirmation)

    put(
        app,
        make_mail(
            "ÅNGRA",
            subject=f"SV: {confirmation['Subject']}",
            in_reply_to=str(confirmation["Message-ID"]).strip().strip("<>"),
        ),
    )
    cycle(app)
    assert _units(app)[0].signup_status == "registered"
    assert sent(app)[-1]["X-Kvalitetsbot-Kind"] == "withdrawal-undone"


def test_withdrawal_from_other_address_is_held_and_goes_to_staff(app: App) -> None:
    put(app, make_mail(LABELLED))
    cycle(app)
    put(
        app,
        make_mail(
            "Vi kommer inte att delta i år.",
            sender="okand@example.com",
            sender_name="",
            subject="Ang. KU-2027-001",
        ),
    )
    cycle(app)
    assert _units(app)[0].signup_status == "registered"
    # Held (issue 12): the registered contact is asked to confirm, the sender is told it
    # waits; the staff get the mail with the reason.
    kinds = {m["To"].addresses[0].addr_spec: m["X-Kvalitetsbot-Kind"] for m in sent(app)[1:]}
    assert kinds == {"anna.berg@edu.stockholm.se": "change-confirmation",
                     "okand@example.com": "change-held"}  # fmt: skip
    with app.sessions() as session:
        last = session.scalars(select(InboundMessage).order_by(InboundMessage.id.desc())).first()
    assert last is not None and last.status == "staff"
    assert "inte är registrerad" in (last.reason or "")


def test_question_goes_to_staff_folder_with_reason(app: App) -> None:
    put(app, make_mail("Hej! Hur många sidor får bidraget vara?", subject="Fråga"))
    cycle(app)
    assert sent(app) == []
    staff_folder = app.mailbox.list_folder(app.settings.folder_staff)  # type: ignore[attr-defined]
    assert len(staff_folder) == 1
    with app.sessions() as session:
        row = session.scalar(select(InboundMessage))
    assert row is not None and row.status == "staff" and row.reason


def test_iso_8859_1_outlook_html_signup(app: App) -> None:
    html = (
        "<html><body><p>Hej!</p><p>Vi anmäler oss härmed till Kvalitetsutmärkelsen.</p>"
        "<p>Verksamhet: Äldreboendet Söderljus<br>Förvaltning: Äldreförvaltningen<br>"
        "Enhetschef: Åsa Ström<br>Kontaktperson: Örjan Håkansson<br>"
        "E-post: orjan.hakansson@stockholm.se<br>Telefon: 08-508 222 33</p></body></html>"
    )
    plain = html.replace("<br>", "\n").replace("</p>", "\n")
    import re

    plain = re.sub(r"<[^>]+>", "", plain)
    raw = make_mail(
        plain,
        charset="iso-8859-1",
        html=html,
        subject="Anmälan – Äldreboendet Söderljus",
        sender="orjan.hakansson@stockholm.se",
        sender_name="Örjan Håkansson",
    )
    put(app, raw)
    cycle(app)
    [unit] = _units(app)
    assert unit.unit_name == "Äldreboendet Söderljus"
    assert unit.manager_name == "Åsa Ström"
    assert unit.contact_name == "Örjan Håkansson"
    assert unit.signup_status == "registered"


def test_handled_mail_leaves_the_inbox(app: App) -> None:
    put(app, make_mail(LABELLED))
    cycle(app)
    assert app.mailbox.fetch_new(None).messages == []
    handled = app.mailbox.list_folder(app.settings.folder_handled)  # type: ignore[attr-defined]
    assert len(handled) == 1


def test_thank_you_in_the_thread_goes_to_staff_without_another_receipt(app: App) -> None:
    put(app, make_mail(LABELLED))
    cycle(app)
    receipt = sent(app)[0]
    put(app, _in_thread("Tack för kvittot!\n\nHälsningar\nAnna Berg\n", receipt))
    cycle(app)
    assert len(sent(app)) == 1
    with app.sessions() as session:
        last = session.scalars(select(InboundMessage).order_by(InboundMessage.id.desc())).first()
    assert last is not None and last.status == "staff"


_NAMES = (
    "Förskolan Nummer 1",
    "Förskolan Nummer 12",
    "Nummer 12 förskola",
    "Grundskolan Nummer 12",
    "Förskolan Trollskogen",
    "Trollskogens förskola",
    "Förskolan Trollskog 2",
    "Hemtjänsten Södermalm",
    "Hemtjänst Söder malm",
    "Enheten 100%_1",
)
_ORGS = ("Skarpnäcks stadsdelsförvaltning", "Utbildningsförvaltningen", None)


def _same_unit_by_scanning(units: list[Unit], fields: SignupFields) -> int | None:
    """The matching rule read straight off its definition: every unit, in order."""
    for unit in units:
        if not (unit.unit_name and fields.unit_name):
            continue
        numbers = re.findall(r"\d+", unit.unit_name) == re.findall(r"\d+", fields.unit_name)
        same_org = not (unit.organisation and fields.organisation) or similar_names(
            unit.organisation, fields.organisation
        )
        if numbers and similar_names(unit.unit_name, fields.unit_name) and same_org:
            return unit.id
    return None


def test_finding_the_same_unit_agrees_with_scanning_every_unit(app: App) -> None:
    now = datetime(2027, 3, 1, tzinfo=STOCKHOLM)
    with app.sessions.begin() as session:
        for n, name in enumerate((*_NAMES, None, "")):
            unit = Unit(reference=f"T-{n}", year=2027, signup_status="registered")
            unit.unit_name, unit.organisation = name, _ORGS[n % len(_ORGS)]
            unit.created_at = unit.updated_at = now
            session.add(unit)
        session.add(
            Unit(
                reference="T-other-year",
                year=2026,
                unit_name="Förskolan Nummer 1",
                signup_status="registered",
                created_at=now,
                updated_at=now,
            )
        )
    units = [u for u in _units(app) if u.year == 2027]
    queries = [*_NAMES, "förskolan nummer 1", "Nummer 1", "Förskolan Ny", "Enheten 100%_1"]
    with app.sessions() as session:
        for name in queries:
            for organisation in _ORGS:
                fields = SignupFields(unit_name=name, organisation=organisation)
                found = signup.find_same_unit(session, 2027, fields)
                expected = _same_unit_by_scanning(units, fields)
                assert (found.id if found else None) == expected, (name, organisation)
