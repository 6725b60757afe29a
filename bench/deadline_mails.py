"""The mail of a deadline evening for bench_deadline: 80 entries and 300 other mails.

Each entry is what a unit really sends: a full-length .docx (about 95,000 characters)
with two to four pictures inside, some of them slides or posters with text, the same
text as PDF, a short presentation text as its own .docx, and a 1920×1200 photo (one in
eight with a caption laid on it). The pictures come from tests/documents/photos.py, the
documents from tests/documents/docfactory.py and the other mails from tests/backlog.py.
Documents and pictures are drawn from pools of variants, so building takes seconds, not
minutes; every mail is its own, with its own Message-ID and time.

Arrivals crowd towards midnight, as they do on a last evening: an entry's time is
120 min × u^(1/3) after 22:00 (u uniform), so a third of the entries come in the last
fifteen minutes; the other mails follow u^(1/2).
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path

import docx

from bot.clock import STOCKHOLM
from tests import backlog
from tests.backlog import Person, person
from tests.documents import photos
from tests.documents.docfactory import build_entry, docx_text, make_pdf

EVENING = datetime(2027, 5, 17, 22, 0, tzinfo=STOCKHOLM)
MINUTES = 120
REGISTERED = datetime(2027, 3, 10, 9, 0, tzinfo=STOCKHOLM)
ENTRIES, OTHERS = 80, 300
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Planned:
    """One mail of the evening as written to disk: its file, arrival, kind and sender."""

    file: str
    at: str  # ISO 8601
    kind: str
    message_id: str
    sender: str


def _document_pictures(variant: int) -> list[bytes]:
    """Two to four pictures; about one in four a slide or a photographed poster."""
    rng = random.Random(variant)
    pictures = []
    for index in range(2 + variant % 3):
        roll = rng.random()
        if roll < 0.15:
            pictures.append(photos.slide(lines=2 + index % 4))
        elif roll < 0.25:
            pictures.append(photos.poster(variant * 10 + index))
        else:
            width = rng.choice((1200, 1600, 3000))
            pictures.append(photos.photo(variant * 10 + index, width, width * 2 // 3))
    return pictures


def _presentation(n: int) -> bytes:
    document = docx.Document()
    document.add_heading("Presentationstext", 1)
    document.add_paragraph(
        f"{person(n).unit} är en verksamhet där hög kvalitet betyder att varje brukare blir "
        "sedd. Vi följer upp resultaten varje månad och utvecklar arbetet tillsammans med "
        "medarbetarna, brukarna och deras närstående."
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _entry(p: Person, mid: str, at: datetime, files: list[tuple[str, str, bytes]]) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"{p.name} <{p.address}>"
    msg["To"] = backlog.BOT
    msg["Subject"] = "Bidrag till Kvalitetsutmärkelsen"
    msg["Date"] = format_datetime(at)
    msg["Message-ID"] = f"<{mid}@edu.stockholm.se>"
    msg.set_content(f"Hej! Här kommer vårt bidrag, med presentationstext och bild.\n\n{p.name}\n")
    for name, ctype, data in files:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def _arrival(rng: random.Random, power: float) -> datetime:
    # Not a second past 23:59:59: every mail is on time.
    seconds = min(MINUTES * 60 - 1, MINUTES * 60 * rng.random() ** power)
    return EVENING + timedelta(seconds=seconds)


def _others(rng: random.Random) -> list[tuple[datetime, str, str, bytes]]:
    """300 mails: 50 sign-ups, 30 incomplete ones and the 30 replies completing them, 80
    questions, 110 out-of-office replies and bounces; as (time, kind, Message-ID, raw)."""
    out: list[tuple[datetime, str, str, bytes]] = []
    for i in range(270):
        n, mid, at = 1000 + i, f"kv{i}", _arrival(rng, 0.5)
        if i < 50:
            out.append((at, "signup", mid, backlog.signup(person(n), mid, at)))
        elif i < 80:
            # An incomplete sign-up and, 2 to 20 minutes later, the reply completing it.
            at = EVENING + timedelta(seconds=rng.uniform(0, 95 * 60))
            later = at + timedelta(minutes=rng.uniform(2, 20))
            out.append((at, "incomplete", mid, backlog.incomplete_signup(person(n), mid, at)))
            reply = backlog.completing_reply(person(n), f"{mid}r", later, mid)
            out.append((later, "reply", f"{mid}r", reply))
        elif i < 160:
            out.append((at, "question", mid, backlog.question(person(n), mid, at)))
        elif i < 215:
            out.append((at, "automatic", mid, backlog.exchange_ooo(person(n), mid, at)))
        else:
            name = backlog.AUTO_FIXTURES[i % len(backlog.AUTO_FIXTURES)]
            out.append((at, "automatic", mid, backlog.fixture_copy(name, mid)))
    return out


def registrations() -> list[bytes]:
    """The sign-ups of the 80 units that send entries, made in March."""
    return [backlog.signup(person(n), f"reg{n}", REGISTERED) for n in range(ENTRIES)]


def build(folder: Path, seed: int = 2027) -> list[Planned]:
    """Write every mail of the evening into ``folder`` and the plan beside them."""
    rng = random.Random(seed)
    documents = []
    for variant in range(10):
        word = build_entry(answer_chars=3_600 + variant, images=_document_pictures(variant))
        documents.append((word, make_pdf(docx_text(word))))
    pictures = [photos.photo(100 + v) for v in range(11)] + [photos.captioned_photo(111)]
    mails: list[tuple[datetime, str, str, bytes]] = []
    for n in range(ENTRIES):
        word, pdf = documents[n % len(documents)]
        files = [
            ("Bidrag.docx", DOCX, word),
            ("Bidrag.pdf", "application/pdf", pdf),
            ("Presentationstext.docx", DOCX, _presentation(n)),
            ("Bild.jpg", "image/jpeg", pictures[n % len(pictures)]),
        ]
        at, mid = _arrival(rng, 1 / 3), f"entry{n}"
        mails.append((at, "entry", mid, _entry(person(n), mid, at, files)))
    mails += _others(rng)
    mails.sort(key=lambda mail: mail[0])
    plan = []
    for index, (at, kind, mid, raw) in enumerate(mails):
        name = f"{index:04d}.eml"
        (folder / name).write_bytes(raw)
        sender = parseaddr(_header(raw, b"From"))[1].lower()
        message_id = _header(raw, b"Message-ID").strip().strip("<>")
        plan.append(Planned(name, at.isoformat(), kind, message_id or mid, sender))
    (folder / "plan.json").write_text(json.dumps([asdict(p) for p in plan]))
    for index, raw in enumerate(registrations()):
        (folder / f"reg{index:03d}.eml").write_bytes(raw)
    return plan


def _header(raw: bytes, name: bytes) -> str:
    for line in raw.split(b"\n\n", 1)[0].replace(b"\r\n", b"\n").split(b"\n"):
        if line.lower().startswith(name.lower() + b":"):
            return line.split(b":", 1)[1].decode("utf-8", "replace").strip()
    return ""


def load(folder: Path) -> list[Planned]:
    return [Planned(**item) for item in json.loads((folder / "plan.json").read_text())]
