"""Entries and minutes end to end: real .docx/.pdf/.jpg in real MIME through the pipeline."""

from __future__ import annotations

import json
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.clock import STOCKHOLM
from bot.models import AttachmentRecord, Entry, Minutes, StoredFile, Unit
from bot.runner import App, build_app
from tests.conftest import FIXTURES, body_text, cycle, make_mail, make_settings, put, sent
from tests.documents.docfactory import build_entry, docx_text, make_pdf, picture

SIGNUP = (
    "Verksamhet: Förskolan Solrosen\nFörvaltning: Skarpnäcks stadsdelsförvaltning\n"
    "Chef: Maria Öberg\nKontaktperson: Anna Berg\nE-post: anna.berg@edu.stockholm.se\n"
)
PRESENTATION = (
    "Presentationstext:\nFörskolan Solrosen är en förskola i Skarpnäck med 60 barn. "
    "Hög kvalitet betyder för oss att varje barn blir sett.\n"
)


@pytest.fixture
def entry_app(tmp_path: Path) -> App:
    clock = datetime(2027, 5, 10, 10, 0, tzinfo=STOCKHOLM)
    from bot.clock import FixedClock

    app = build_app(make_settings(tmp_path, KB_OCR="off"), FixedClock(clock))
    put(app, make_mail(SIGNUP), at=datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM))
    cycle(app)
    return app


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    return build_entry()


def entry_mail(
    files: list[tuple[str, str, bytes]],
    body: str = PRESENTATION,
    sender: str = "anna.berg@edu.stockholm.se",
    subject: str = "Bidrag",
) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Anna Berg <{sender}>"
    msg["To"] = "kvalitetsutmarkelsen@stockholm.se"
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain="edu.stockholm.se")
    msg.set_content(body)
    for name, ctype, data in files:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def full_entry(docx: bytes, picture_bytes: bytes | None = None) -> list[tuple[str, str, bytes]]:
    files = [
        (
            "Bidrag Solrosen.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            docx,
        ),
        ("Bidrag Solrosen.pdf", "application/pdf", make_pdf(docx_text(docx))),
    ]
    files.append(("Solrosen.jpg", "image/jpeg", picture_bytes or picture()))
    return files


def _entries(app: App) -> list[Entry]:
    with app.sessions() as session:
        return list(session.scalars(select(Entry).order_by(Entry.version)))


def _flags(app: App) -> set[str]:
    with app.sessions() as session:
        unit = session.scalar(select(Unit))
        assert unit is not None
        return {f.code for f in unit.flags}


def test_valid_entry_is_accepted_with_accurate_receipt(entry_app: App, good_docx: bytes) -> None:
    put(entry_app, entry_mail(full_entry(good_docx)))
    cycle(entry_app)
    [entry] = _entries(entry_app)
    assert entry.status == "accepted", entry.problems
    receipt = sent(entry_app)[-1]
    assert receipt["X-Kvalitetsbot-Kind"] == "entry-receipt"
    assert receipt["X-Kvalitetsbot-Reference"] == "KU-2027-001"
    text = body_text(receipt)
    assert "Bidrag Solrosen.docx" in text and "Bidrag Solrosen.pdf" in text
    assert f"{entry.characters:,}".replace(",", "\u00a0") in text
    assert "Det här måste ni rätta" not in text


def test_entry_without_pdf_gets_change_request_with_due_date(
    entry_app: App, good_docx: bytes
) -> None:
    files = [f for f in full_entry(good_docx) if not f[0].endswith(".pdf")]
    put(entry_app, entry_mail(files))
    cycle(entry_app)
    [entry] = _entries(entry_app)
    assert entry.status == "change_requested"
    # Received Monday 10 May 2027: two working days later is Wednesday, due by 24.00.
    assert entry.change_due == datetime(2027, 5, 13, 0, 0, tzinfo=STOCKHOLM)
    request = sent(entry_app)[-1]
    assert request["X-Kvalitetsbot-Kind"] == "change-request"
    text = body_text(request)
    assert "PDF" in text and "12 maj kl. 24.00" in text and "ändringsbegäran" in text
    assert "12 maj" in str(request["Subject"])


def test_too_long_entry_says_by_how_much(entry_app: App) -> None:
    long_docx = build_entry(answer_chars=4_600)
    put(entry_app, entry_mail(full_entry(long_docx)))
    cycle(entry_app)
    [entry] = _entries(entry_app)
    assert entry.status == "change_requested"
    assert entry.characters is not None and entry.characters > 95_000
    codes = {p["code"] for p in json.loads(entry.problems)}
    assert "too-long" in codes
    assert "för många" in body_text(sent(entry_app)[-1])


def test_over_long_presentation_text_is_blocking(entry_app: App, good_docx: bytes) -> None:
    body = "Presentationstext:\n" + ("Vi arbetar med kvalitet varje dag. " * 60)
    put(entry_app, entry_mail(full_entry(good_docx), body=body))
    cycle(entry_app)
    [entry] = _entries(entry_app)
    assert entry.status == "change_requested"
    assert "presentation-too-long" in {p["code"] for p in json.loads(entry.problems)}


def test_portrait_picture_is_a_warning_not_a_rejection(entry_app: App, good_docx: bytes) -> None:
    put(entry_app, entry_mail(full_entry(good_docx, picture(1200, 1920))))
    cycle(entry_app)
    [entry] = _entries(entry_app)
    assert entry.status == "accepted"
    text = body_text(sent(entry_app)[-1])
    # The picture advice once, in one vocabulary: the instructions' "pixlar", "mediabank".
    assert text.count("mediabank") == 1 and text.count("samtycke") == 1
    assert "mediebank" not in text and "bildpunkter" not in text
    assert "1920×1200 pixlar" in text


def test_late_entry_is_flagged(entry_app: App, good_docx: bytes) -> None:
    put(
        entry_app,
        entry_mail(full_entry(good_docx)),
        at=datetime(2027, 5, 18, 0, 5, tzinfo=STOCKHOLM),
    )
    cycle(entry_app)
    [entry] = _entries(entry_app)
    assert entry.late
    assert "late-entry" in _flags(entry_app)
    assert "efter sista dag" in body_text(sent(entry_app)[-1])


def test_entry_at_2359_on_17_may_is_on_time(entry_app: App, good_docx: bytes) -> None:
    at = datetime(2027, 5, 17, 23, 59, tzinfo=STOCKHOLM)
    put(entry_app, entry_mail(full_entry(good_docx)), at=at)
    cycle(entry_app)
    assert not _entries(entry_app)[0].late


def test_second_version_replaces_first_and_both_are_kept(entry_app: App, good_docx: bytes) -> None:
    first = [f for f in full_entry(good_docx) if not f[0].endswith(".pdf")]
    put(entry_app, entry_mail(first))
    cycle(entry_app)
    put(entry_app, entry_mail(full_entry(good_docx), subject="SV: Ändringsbegäran KU-2027-001"))
    cycle(entry_app)
    entries = _entries(entry_app)
    assert [(e.version, e.status) for e in entries] == [(1, "superseded"), (2, "accepted")]
    with entry_app.sessions() as session:
        records = session.scalars(select(AttachmentRecord)).all()
        stored = session.scalars(select(StoredFile)).all()
    assert {r.entry_id for r in records} == {entries[0].id, entries[1].id}
    # Content-addressed: the same .docx and picture sent twice are stored once.
    assert len(stored) == 3
    for row in stored:
        path = entry_app.settings.data_dir / row.path
        assert path.is_file() and path.resolve().is_relative_to(
            entry_app.settings.data_dir.resolve()
        )


def test_macro_document_renamed_docx_gets_clear_answer(entry_app: App) -> None:
    macro = (FIXTURES / "docs" / "docm-macro-enabled.docm").read_bytes()
    files = [
        (
            "Bidrag.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            macro,
        ),
        ("Bidrag.pdf", "application/pdf", make_pdf("x")),
    ]
    put(entry_app, entry_mail(files))
    cycle(entry_app)
    [entry] = _entries(entry_app)
    assert entry.status == "change_requested"
    assert "macro" in {p["code"] for p in json.loads(entry.problems)}
    assert "makro" in body_text(sent(entry_app)[-1]).lower()


def test_entry_from_unregistered_address_is_flagged_and_contact_gets_copy(
    entry_app: App, good_docx: bytes
) -> None:
    put(
        entry_app,
        entry_mail(
            full_entry(good_docx), sender="vikarie@edu.stockholm.se", subject="Bidrag KU-2027-001"
        ),
    )
    cycle(entry_app)
    assert "unregistered-sender" in _flags(entry_app)
    recipients = [m["To"].addresses[0].addr_spec for m in sent(entry_app)[-2:]]
    assert recipients == ["vikarie@edu.stockholm.se", "anna.berg@edu.stockholm.se"]


def test_entry_from_unit_that_never_signed_up_creates_it_flagged(
    sqlite_app: App, good_docx: bytes
) -> None:
    put(sqlite_app, entry_mail(full_entry(good_docx), sender="ny.chef@stockholm.se"))
    cycle(sqlite_app)
    with sqlite_app.sessions() as session:
        unit = session.scalar(select(Unit))
        assert unit is not None and "no-signup" in {f.code for f in unit.flags}
    assert sent(sqlite_app)[-1]["X-Kvalitetsbot-Kind"] in ("entry-receipt", "change-request")


def test_minutes_extract_is_stored_and_acknowledged(entry_app: App) -> None:
    pdf = make_pdf(
        "Protokollsutdrag Skarpnäcks stadsdelsnämnd\n§ 14 Förskolan Solrosen deltar "
        "i Kvalitetsutmärkelsen 2027."
    )
    put(
        entry_app,
        entry_mail(
            [("Protokollsutdrag.pdf", "application/pdf", pdf)],
            body="Här kommer vårt protokollsutdrag.",
            subject="Protokollsutdrag",
        ),
        at=datetime(2027, 6, 29, 9, 0, tzinfo=STOCKHOLM),
    )
    cycle(entry_app)
    with entry_app.sessions() as session:
        minutes = session.scalar(select(Minutes))
    assert minutes is not None and minutes.late
    receipt = sent(entry_app)[-1]
    assert receipt["X-Kvalitetsbot-Kind"] == "minutes-receipt"
    assert "late-minutes" in _flags(entry_app)


def test_export_has_entry_columns(entry_app: App, good_docx: bytes) -> None:
    from bot.records import export

    put(entry_app, entry_mail(full_entry(good_docx)))
    cycle(entry_app)
    with entry_app.sessions() as session:
        [record] = export.records(session)
    assert record["entry_status"] == "accepted"
    assert record["entry_version"] == 1
    assert record["minutes_status"] == "missing"
    assert record["entry_characters"] > 0


@pytest.mark.parametrize("sender", ["anna.berg@edu.stockholm.se", "okand@edu.stockholm.se"])
def test_only_empty_files_get_an_answer_that_says_so(entry_app: App, sender: str) -> None:
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    files = [("Bidrag Solrosen.docx", docx, b""), ("Bidrag Solrosen.pdf", "application/pdf", b"")]
    before = len(sent(entry_app))
    put(entry_app, entry_mail(files, sender=sender))
    cycle(entry_app)
    assert _entries(entry_app) == [], "nothing to register"
    [answer] = sent(entry_app)[before:]
    assert answer["X-Kvalitetsbot-Kind"] == "empty-attachment"
    assert answer["To"].addresses[0].addr_spec == sender
    text = body_text(answer)
    assert "Bidrag Solrosen.docx, Bidrag Solrosen.pdf var tomma (0 byte)" in text
    assert "bifoga filen igen" in text
    registered = sender.startswith("anna")
    assert ("KU-2027-001" in text) == registered
    assert entry_app.mailbox.list_folder(entry_app.settings.folder_staff) == []
