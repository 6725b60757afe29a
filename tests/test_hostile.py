"""Hostile and broken input through the real pipeline.

Each case is a mail from a registered unit (or a broken mail from anyone) handled by a
real round: it must not crash or land in quarantine, the sender must get a Swedish answer
that names the problem (or the staff get the mail with a reason), nothing may be written
outside the data dir, and the next mail is handled as usual.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.clock import STOCKHOLM, FixedClock
from bot.models import InboundMessage
from bot.runner import App, build_app
from tests.conftest import FIXTURES, body_text, cycle, make_mail, make_settings, put, sent
from tests.documents.docfactory import (
    build_entry,
    docx_text,
    make_pdf,
    picture,
    png_header_only,
    rezip,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SENDER = "anna.berg@edu.stockholm.se"
SIGNUP = (
    "Verksamhet: Förskolan Solrosen\nFörvaltning: Skarpnäcks stadsdelsförvaltning\n"
    "Chef: Maria Öberg\nKontaktperson: Anna Berg\nE-post: anna.berg@edu.stockholm.se\n"
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
)
Files = list[tuple[str, str, bytes]]


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    return build_entry(answer_chars=300)


@pytest.fixture
def unit_app(tmp_path: Path) -> Iterator[App]:
    """A bot with one registered unit, in May, OCR off (the checks, not Tesseract, matter)."""
    clock = FixedClock(datetime(2027, 5, 10, 10, 0, tzinfo=STOCKHOLM))
    app = build_app(make_settings(tmp_path, KB_OCR="off"), clock)
    put(app, make_mail(SIGNUP), at=datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM))
    cycle(app)
    yield app
    app.sessions.kw["bind"].dispose()


def entry_mail(files: Files, body: str = "Här kommer vårt bidrag.\n") -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Anna Berg <{SENDER}>"
    msg["To"] = "kvalitetsutmarkelsen@stockholm.se"
    msg["Subject"] = "Bidrag"
    msg["Message-ID"] = make_msgid(domain="edu.stockholm.se")
    msg.set_content(body)
    for name, ctype, data in files:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def _with_pdf(docx: bytes) -> Files:
    return [
        ("Bidrag.docx", DOCX, docx),
        ("Bidrag.pdf", "application/pdf", make_pdf(docx_text(docx))),
    ]


def _zip_bomb(docx: bytes) -> bytes:
    """The entry with 300 MB of zeros (compressing to ~300 kB) inside document.xml."""
    source, out = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data += b"<!--" + b"\0" * (300 * 1024 * 1024) + b"-->"
            target.writestr(info.filename, data)
    return out.getvalue()


def _fixture(name: str) -> bytes:
    return (FIXTURES / "docs" / name).read_bytes()


# Each case: the attachments, and words the Swedish answer must contain to name the problem.
CASES: dict[str, tuple[Callable[[bytes], Files], tuple[str, ...]]] = {
    "zip-bomb-docx": (lambda d: [("Bidrag.docx", DOCX, _zip_bomb(d))], ("orimlig storlek",)),
    "xml-entity-expansion": (
        lambda d: [("Bidrag.docx", DOCX, rezip(d, {"word/document.xml": BILLION_LAUGHS}))],
        ("skadad", "otillåten XML"),
    ),
    "macro-doc-renamed-docx": (
        lambda d: [("Bidrag.docx", DOCX, _fixture("docm-macro-enabled.docm"))],
        ("makron",),
    ),
    "encrypted-docx": (
        lambda d: [("Bidrag.docx", DOCX, _fixture("docx-encrypted-password-tika.docx"))],
        ("lösenord",),
    ),
    "encrypted-pdf": (
        lambda d: [
            ("Bidrag.docx", DOCX, d),
            ("Bidrag.pdf", "application/pdf", _fixture("pdf-encrypted-user-password.pdf")),
        ],
        ("lösenordsskyddad",),
    ),
    "corrupt-pdf": (
        lambda d: [
            ("Bidrag.docx", DOCX, d),
            ("Bidrag.pdf", "application/pdf", make_pdf(docx_text(d))[:400]),
        ],
        ("PDF-filen Bidrag.pdf kan inte läsas",),
    ),
    "pdf-with-javascript": (
        lambda d: [
            ("Bidrag.docx", DOCX, d),
            ("Bidrag.pdf", "application/pdf", _fixture("pdf-javascript-action-on-page.pdf")),
        ],
        ("JavaScript",),
    ),
    "decompression-bomb-png": (
        lambda d: [*_with_pdf(d), ("Bild.png", "image/png", png_header_only(40_000, 40_000))],
        ("Bilden Bild.png är för stor för att kontrolleras (fler än",),
    ),
    "truncated-jpeg": (
        lambda d: [*_with_pdf(d), ("Bild.jpg", "image/jpeg", picture()[:4000])],
        ("Bilden Bild.jpg kan inte läsas",),
    ),
    "zero-byte-pdf": (
        lambda d: [("Bidrag.docx", DOCX, d), ("Bidrag.pdf", "application/pdf", b"")],
        ("Filen Bidrag.pdf är tom (0 byte)",),
    ),
    "path-traversal-and-control-characters": (
        lambda d: [
            ("../../../../etc/passwd.docx", DOCX, d),
            ("..\\..\\evil\x07\u202eFDP.pdf", "application/pdf", make_pdf(docx_text(d))),
        ],
        ("passwd.docx",),
    ),
}


def _last_row(app: App) -> InboundMessage:
    with app.sessions() as session:
        row = session.scalars(select(InboundMessage).order_by(InboundMessage.id.desc())).first()
    assert row is not None
    return row


def _files_outside_data_dir(tmp_path: Path, app: App) -> list[Path]:
    data_dir = app.settings.data_dir
    return [p for p in tmp_path.rglob("*") if p.is_file() and data_dir not in p.parents]


def _assert_loop_goes_on(app: App) -> None:
    """The next, ordinary sign-up is handled and answered in its thread."""
    signup = make_mail(
        SIGNUP.replace("Solrosen", "Vitsippan").replace("anna.berg@", "per.ek@"),
        sender="per.ek@edu.stockholm.se",
        sender_name="Per Ek",
    )
    put(app, signup)
    cycle(app)
    assert _last_row(app).status == "handled"
    message_id = signup.split(b"Message-ID: ", 1)[1].split(b"\n", 1)[0].decode().strip()
    assert message_id in [str(m["In-Reply-To"]) for m in sent(app)]
    assert app.mailbox.fetch_new(None).messages == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_attachment_gets_a_clear_answer(
    case: str, unit_app: App, good_docx: bytes, tmp_path: Path
) -> None:
    build, words = CASES[case]
    put(unit_app, entry_mail(build(good_docx)))
    cycle(unit_app)
    row = _last_row(unit_app)
    assert row.status == "handled", (row.status, row.reason, row.error)
    answer = sent(unit_app)[-1]
    assert answer["X-Kvalitetsbot-Kind"] in ("change-request", "entry-receipt")
    text = body_text(answer)
    for word in words:
        assert word in text, f"{case}: the answer should say {word!r}:\n{text}"
    assert not _files_outside_data_dir(tmp_path, unit_app)
    stored = [p.name for p in (unit_app.settings.data_dir / "files").rglob("*") if p.is_file()]
    assert all(len(name) == 64 for name in stored), "stored files are named by hash only"
    _assert_loop_goes_on(unit_app)


def test_rfc2231_continued_filename_is_decoded_and_named_in_the_receipt(
    unit_app: App, good_docx: bytes
) -> None:
    pdf = make_pdf(docx_text(good_docx))
    raw = entry_mail([("x.docx", DOCX, good_docx), ("Bidrag.pdf", "application/pdf", pdf)])
    # Replace the simple filename by an RFC 2231 encoded one split over three parameters.
    continued = (
        "filename*0*=utf-8''Bidrag%20F%C3%B6rskolan%20; "
        "filename*1*=Solrosen%20%E2%80%93%20; filename*2*=slutversion.docx"
    )
    raw = raw.replace(b'filename="x.docx"', continued.encode())
    put(unit_app, raw)
    cycle(unit_app)
    assert _last_row(unit_app).status == "handled"
    assert "Bidrag Förskolan Solrosen – slutversion.docx" in body_text(sent(unit_app)[-1])


@pytest.mark.slow
def test_40_mb_attachment_is_refused_with_the_limit(unit_app: App, good_docx: bytes) -> None:
    big = b"%PDF-1.4\n" + bytes(range(256)) * (40 * 4096)
    put(
        unit_app,
        entry_mail([("Bidrag.docx", DOCX, good_docx), ("Bidrag.pdf", "application/pdf", big)]),
    )
    cycle(unit_app)
    assert _last_row(unit_app).status == "handled"
    text = body_text(sent(unit_app)[-1])
    assert "Bidrag.pdf" in text and "MB" in text, text
    _assert_loop_goes_on(unit_app)


def test_500_attachments_in_one_mail(unit_app: App, good_docx: bytes) -> None:
    extra = [(f"bilaga-{n}.txt", "text/plain", f"Bilaga {n}\n".encode()) for n in range(498)]
    put(unit_app, entry_mail([*_with_pdf(good_docx), *extra]))
    cycle(unit_app)
    row = _last_row(unit_app)
    assert row.status == "handled", (row.status, row.error)
    text = body_text(sent(unit_app)[-1])
    assert "bilaga-497.txt" in text
    _assert_loop_goes_on(unit_app)


def test_mail_without_body_goes_to_the_staff_with_a_reason(unit_app: App) -> None:
    raw = (
        b"From: Okand <okand@example.se>\r\nTo: kvalitetsutmarkelsen@stockholm.se\r\n"
        b"Subject: \r\nMessage-ID: <nobody@example.se>\r\n\r\n"
    )
    put(unit_app, raw)
    cycle(unit_app)
    row = _last_row(unit_app)
    assert row.status == "staff" and row.reason
    _assert_loop_goes_on(unit_app)


def test_mail_without_from_goes_to_the_staff_with_a_reason(unit_app: App) -> None:
    raw = make_mail(SIGNUP.replace("Solrosen", "Blåsippan")).replace(
        b"From: Anna Berg <anna.berg@edu.stockholm.se>\n", b""
    )
    assert b"From:" not in raw
    put(unit_app, raw)
    cycle(unit_app)
    row = _last_row(unit_app)
    assert row.status == "staff" and "Avsändaradressen saknas" in (row.reason or "")
    _assert_loop_goes_on(unit_app)


# -- property tests over MIME structure and headers ----------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
_header_value = st.one_of(
    _text,
    st.sampled_from(
        [
            "=?utf-8?b?w7bDpMOl?=",
            "=?iso-8859-1?q?=E5=E4=F6?= =?bogus?x?zz?=",
            '"unbalanced <a@b',
            "<>",
            "a@b, c@d, undisclosed-recipients:;",
            "x" * 2000,
        ]
    ),
)
# File names may hold anything a header can carry; control characters in names have their
# own case above (the library refuses to even build a header with a line break in it).
_filename = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=80)
_leaf = st.tuples(
    st.sampled_from(
        ["text/plain", "text/html", "application/pdf", "image/jpeg", "application/octet-stream"]
    ),
    st.binary(max_size=300),
    st.one_of(st.none(), _filename),
    st.sampled_from(["utf-8", "iso-8859-1", "x-unknown", "utf-16"]),
)


def _part(tree: object) -> EmailMessage:
    part = EmailMessage()
    if isinstance(tree, list):
        part.make_mixed()
        for child in tree:
            part.attach(_part(child))
        return part
    assert isinstance(tree, tuple)
    ctype, data, filename, charset = tree
    maintype, subtype = ctype.split("/")
    part.set_content(data, maintype=maintype, subtype=subtype)
    if maintype == "text":
        part.set_param("charset", charset)
    if filename is not None:
        part.add_header("Content-Disposition", "attachment")
        part.set_param("filename", filename, header="Content-Disposition")
    return part


_trees = st.recursive(
    _leaf, lambda children: st.lists(children, min_size=1, max_size=4), max_leaves=8
)
_headers = st.dictionaries(
    st.sampled_from(
        [
            "From",
            "Subject",
            "To",
            "In-Reply-To",
            "References",
            "Date",
            "Auto-Submitted",
            "Content-Type",
            "Reply-To",
            "Return-Path",
            "Precedence",
        ]
    ),
    _header_value,
    max_size=6,
)


@pytest.fixture(scope="module")
def property_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[App, Path]]:
    tmp = tmp_path_factory.mktemp("property")
    app = build_app(
        make_settings(tmp, KB_OCR="off"), FixedClock(datetime(2027, 3, 2, tzinfo=STOCKHOLM))
    )
    yield app, tmp
    app.sessions.kw["bind"].dispose()


def _handled_cleanly(app: App, tmp: Path, raw: bytes) -> None:
    put(app, raw)
    cycle(app)
    row = _last_row(app)
    assert row.status in ("handled", "staff", "ignored"), (row.status, row.error)
    assert app.mailbox.fetch_new(None).messages == []
    assert not _files_outside_data_dir(tmp, app)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=_trees, headers=_headers)
def test_any_mime_structure_is_handled_without_quarantine(
    property_app: tuple[App, Path], tree: object, headers: dict[str, str]
) -> None:
    app, tmp = property_app
    msg = _part(tree)
    msg["From"] = "Anna Berg <anna.berg@edu.stockholm.se>"
    msg["Message-ID"] = make_msgid(domain="property.example")
    # Hostile headers go in raw, above the built ones: folded, unfolded, 8-bit, or garbage.
    extra = b"".join(f"{k}: {v}\r\n".encode("utf-8", "surrogateescape") for k, v in headers.items())
    raw = extra + msg.as_bytes()
    _handled_cleanly(app, tmp, raw)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, 4000), junk=st.binary(max_size=200), at=st.integers(0, 4000))
def test_truncated_and_mangled_raw_mail_is_handled_without_quarantine(
    property_app: tuple[App, Path], cut: int, junk: bytes, at: int
) -> None:
    app, tmp = property_app
    base = entry_mail(
        [("Bild.jpg", "image/jpeg", picture(64, 40)), ("a.pdf", "application/pdf", make_pdf("Hej"))]
    )
    raw = base[:cut] + junk + base[at:] if cut < len(base) else base + junk
    _handled_cleanly(app, tmp, raw)
