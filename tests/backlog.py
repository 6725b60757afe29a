"""A generated backlog of realistic inbound mail, shared by the benchmarks, the crash
harness and the fault and privacy tests.

The mix follows a season in the award's mailbox: complete and incomplete sign-ups, replies
that complete them in the thread, entries with a real .docx, PDF and JPEG of realistic
size, out-of-office replies and bounces (real fixtures with fresh Message-IDs, and
generated Exchange ones), and questions for the staff. Everything is deterministic for a
given seed, so a crashed and an uncrashed run see the same mail.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache

from bot.clock import STOCKHOLM
from tests.conftest import FIXTURES

BOT = "kvalitetsutmarkelsen@stockholm.se"
START = datetime(2027, 3, 1, 8, 0, tzinfo=STOCKHOLM)
FIRST = ("Anna", "Karin", "Per", "Maria", "Johan", "Lena", "Ahmed", "Sara", "Erik", "Fatima")
LAST = ("Berg", "Lind", "Öberg", "Svensson", "Nyström", "Karlsson", "Hassan", "Åkesson")
ORGS = (
    "Skarpnäcks stadsdelsförvaltning",
    "Norrmalms stadsdelsförvaltning",
    "Utbildningsförvaltningen",
    "Äldreförvaltningen",
    "Socialförvaltningen",
)
KINDS = ("Förskolan", "Grundskolan", "Vård- och omsorgsboendet", "Hemtjänsten", "Enheten")
AUTO_FIXTURES = (
    "autoreply-exchange-ooo-1.eml",
    "autoreply-exchange-ooo-2.eml",
    "autoreply-mimecast-mailbox-retired.eml",
    "autoreply-icloud-vacation-no-auto-submitted.eml",
    "bounce-office365-5.4.312-dns-expired.eml",
    "bounce-exchange2007-french-non-remis.eml",
    "mdn-read-receipt-displayed.eml",
)
_MESSAGE_ID = re.compile(rb"^Message-ID:[^\r\n]*(\r?\n[ \t][^\r\n]*)*", re.I | re.M)


@dataclass(frozen=True)
class Person:
    """A unit's contact person: the personal data the privacy test looks for in logs."""

    name: str
    address: str
    phone: str
    manager: str
    unit: str
    organisation: str


def person(n: int) -> Person:
    first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
    manager = f"{FIRST[(n + 3) % len(FIRST)]} {LAST[(n + 5) % len(LAST)]}"
    return Person(
        name=f"{first} {last}",
        address=f"{first.lower()}.{last.lower()}{n}@edu.stockholm.se".replace("ö", "o")
        .replace("å", "a")
        .replace("ä", "a"),
        phone=f"070-{100 + n % 900:03d} {n % 100:02d} {(n * 7) % 100:02d}",
        manager=manager,
        unit=f"{KINDS[n % len(KINDS)]} Nummer {n}",
        organisation=ORGS[n % len(ORGS)],
    )


def _mail(
    p: Person, subject: str, body: str, mid: str, at: datetime, reply_to: str | None = None
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{p.name} <{p.address}>"
    msg["To"] = BOT
    msg["Subject"] = subject
    msg["Date"] = format_datetime(at)
    msg["Message-ID"] = f"<{mid}@edu.stockholm.se>"
    if reply_to:
        msg["In-Reply-To"] = f"<{reply_to}@edu.stockholm.se>"
        msg["References"] = f"<{reply_to}@edu.stockholm.se>"
    msg.set_content(body)
    return msg


def signup(p: Person, mid: str, at: datetime) -> bytes:
    body = (
        f"Hej!\n\nVi vill anmäla oss till Kvalitetsutmärkelsen.\n\n"
        f"Verksamhet: {p.unit}\nFörvaltning: {p.organisation}\nChef: {p.manager}\n"
        f"Kontaktperson: {p.name}, {p.phone}\nE-post: {p.address}\nAntal anställda: 18\n\n"
        f"Med vänliga hälsningar\n{p.name}\n{p.unit}\nTel {p.phone}\n"
    )
    return _mail(p, "Anmälan till Kvalitetsutmärkelsen", body, mid, at).as_bytes()


def incomplete_signup(p: Person, mid: str, at: datetime) -> bytes:
    body = f"Hej,\n\nVi anmäler härmed {p.unit}.\n\nHälsningar\n{p.name}\n"
    return _mail(p, "Anmälan", body, mid, at).as_bytes()


def completing_reply(p: Person, mid: str, at: datetime, original: str) -> bytes:
    body = (
        f"Här kommer det som saknades:\n\nChef: {p.manager}\nFörvaltning: {p.organisation}\n"
        f"Kontaktperson: {p.name}, {p.phone}\n\n> Vi anmäler härmed {p.unit}.\n"
    )
    return _mail(p, "SV: Anmälan", body, mid, at, reply_to=original).as_bytes()


def question(p: Person, mid: str, at: datetime) -> bytes:
    body = (
        "Hej! Får man ha med bilder i bidraget, och hur många tecken får "
        f"presentationstexten vara?\n\nMvh {p.name}, {p.phone}\n"
    )
    return _mail(p, "Fråga om bidraget", body, mid, at).as_bytes()


@cache
def entry_files(variant: int) -> tuple[tuple[str, str, bytes], ...]:
    """A full-length entry (about 95,000 characters) as .docx, PDF and a 1920×1200 JPEG."""
    from tests.documents.docfactory import build_entry, docx_text, make_pdf

    docx = build_entry(answer_chars=3_600 + variant)
    return (
        (
            "Bidrag.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            docx,
        ),
        ("Bidrag.pdf", "application/pdf", make_pdf(docx_text(docx))),
        ("Bild.jpg", "image/jpeg", _photo(variant)),
    )


def _photo(seed: int) -> bytes:
    """A 1920×1200 JPEG with photo-like noise, so it has a realistic size (~0.5–1 MB)."""
    import io

    from PIL import Image

    rng = random.Random(seed)
    small = Image.frombytes("RGB", (240, 150), rng.randbytes(240 * 150 * 3))
    out = io.BytesIO()
    small.resize((1920, 1200), Image.Resampling.BICUBIC).save(out, "JPEG", quality=85)
    return out.getvalue()


def entry(p: Person, mid: str, at: datetime, variant: int) -> bytes:
    body = (
        f"Hej! Här kommer vårt bidrag.\n\nPresentationstext:\n{p.unit} är en verksamhet där "
        "hög kvalitet betyder att varje brukare blir sedd och att vi ständigt utvecklas.\n\n"
        f"Hälsningar\n{p.name}\n"
    )
    msg = _mail(p, "Bidrag till Kvalitetsutmärkelsen", body, mid, at)
    for name, ctype, data in entry_files(variant):
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def exchange_ooo(p: Person, mid: str, at: datetime) -> bytes:
    """Exchange out-of-office: no Auto-Submitted, only the Exchange loop marker."""
    msg = _mail(p, "Automatiskt svar: Anmälan", f"Jag är på semester.\n{p.name}\n", mid, at)
    msg["X-MS-Exchange-Inbox-Rules-Loop"] = p.address
    msg["X-Auto-Response-Suppress"] = "All"
    return msg.as_bytes()


@cache
def _fixture(name: str) -> bytes:
    return (FIXTURES / "mail" / name).read_bytes()


def fixture_copy(name: str, mid: str) -> bytes:
    """A real auto-reply or bounce with a fresh Message-ID, so each copy is a new mail."""
    raw = _MESSAGE_ID.sub(b"", _fixture(name), count=1)
    return f"Message-ID: <{mid}@fixture.example>\r\n".encode() + raw.lstrip(b"\r\n")


@dataclass(frozen=True)
class Mail:
    raw: bytes
    at: datetime
    kind: str


def backlog(n: int, seed: int = 2027, entries: float = 0.05) -> list[Mail]:
    """``n`` mails in delivery order; about ``entries`` of them carry a full entry."""
    rng = random.Random(seed)
    mails: list[Mail] = []
    units: list[int] = []  # people whose sign-up is already in the backlog
    pending: list[tuple[int, str]] = []  # incomplete sign-ups still waiting for the reply
    for i in range(n):
        at = START + timedelta(minutes=3 * i)
        mid = f"bl{seed}-{i}"
        roll = rng.random()
        if roll < entries and units:
            who = rng.choice(units)
            mails.append(Mail(entry(person(who), mid, at, who % 3), at, "entry"))
        elif roll < 0.15 and pending:
            who, original = pending.pop(0)
            mails.append(Mail(completing_reply(person(who), mid, at, original), at, "reply"))
        elif roll < 0.45:
            units.append(i)
            mails.append(Mail(signup(person(i), mid, at), at, "signup"))
        elif roll < 0.55:
            units.append(i)
            pending.append((i, mid))
            mails.append(Mail(incomplete_signup(person(i), mid, at), at, "incomplete"))
        elif roll < 0.70:
            name = AUTO_FIXTURES[i % len(AUTO_FIXTURES)]
            mails.append(Mail(fixture_copy(name, mid), at, "automatic"))
        elif roll < 0.85:
            mails.append(Mail(exchange_ooo(person(i), mid, at), at, "automatic"))
        else:
            mails.append(Mail(question(person(i), mid, at), at, "question"))
    return mails
