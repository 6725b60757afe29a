"""``kvalitetsbot demo``: a whole award year replayed in simulated time, in a fresh data dir.

Realistic mail is delivered into the embedded Maildir at chosen moments from February to
July 2027 and the real pipeline (``run_cycle``) runs at each; the timeline printed at the
end shows what came in and every mail the bot sent. The demo's schedule is the shipped
2027 file with its placeholder meetings given links, so that links and invitations go out.

Entries and minutes extracts carry real documents from ``bot.demo.documents`` (a full
Word entry, its PDF, the 1920x1200 picture, a protokollsutdrag), so the happy path runs
through every document check: Trollskogen first sends Word only, gets a change request
and fixes it in the thread; Solstrålen sends a complete entry on time; both send their
minutes in June, and the minutes reminder in between reaches only the one still owing.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import format_datetime, make_msgid
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from bot.clock import STOCKHOLM, FixedClock
from bot.config import load_settings, shipped
from bot.demo.autumn import AUTUMN
from bot.demo.documents import (
    DOCX_TYPE,
    JPEG_TYPE,
    PDF_TYPE,
    SOLSTRALEN,
    TROLLSKOGEN,
    DemoUnit,
    entry_docx,
    entry_pdf,
    minutes_pdf,
    presentation_text,
)
from bot.demo.picture import picture_jpeg
from bot.demo.script import Attachment, Done, Mail, Step, at
from bot.mail.mailbox import deliver
from bot.models import MeetingAttendee, OutboxMail, OutreachAddress
from bot.runner import App, build_app, run_cycle
from bot.year.dates import plural, swedish_clock, swedish_short

STAFF = "kansliet.kvalitet@stockholm.se"
BOT = "kvalitetsutmarkelsen@stockholm.se"


def _signup(unit: str, org: str, manager: str, contact: str, email: str) -> str:
    return (
        f"Hej!\n\nVi vill anmäla oss till Kvalitetsutmärkelsen 2027.\n\nVerksamhet: {unit}\n"
        f"Förvaltning: {org}\nChef: {manager}\nKontaktperson: {contact}\nE-post: {email}\n"
        f"Telefon: 08-508 100 00\nAntal anställda: 24\n\nMed vänliga hälsningar\n{contact}\n"
    )


TROLL = Mail(
    TROLLSKOGEN.contact_email,
    TROLLSKOGEN.contact,
    "Anmälan till Kvalitetsutmärkelsen",
    _signup(
        TROLLSKOGEN.name,
        TROLLSKOGEN.administration,
        TROLLSKOGEN.manager,
        TROLLSKOGEN.contact,
        TROLLSKOGEN.contact_email,
    ),
)
SOL = Mail(
    SOLSTRALEN.contact_email,
    SOLSTRALEN.contact,
    "Anmälan",
    "Hej,\n\nVi på Förskolan Solstrålen vill gärna vara med i Kvalitetsutmärkelsen i år!\n\n"
    "Hälsningar\nKarin Lind\n",
)
SOL_REPLY = Mail(
    SOLSTRALEN.contact_email,
    SOLSTRALEN.contact,
    "Sv: Komplettera er anmälan",
    f"Chef: {SOLSTRALEN.manager}\nFörvaltning: {SOLSTRALEN.administration}\n"
    f"Kontaktperson: {SOLSTRALEN.contact}\nE-post: {SOLSTRALEN.contact_email}\n",
    answers="signup-incomplete",
)
NORR = Mail(
    "per.ek@aldre.stockholm.se",
    "Per Ek",
    "Anmälan Kvalitetsutmärkelsen 2027",
    _signup(
        "Hemtjänsten Norr",
        "Norrmalms stadsdelsförvaltning",
        "Sara Holm",
        "Per Ek",
        "per.ek@aldre.stockholm.se",
    ),
)
NORR_WITHDRAW = Mail(
    "per.ek@aldre.stockholm.se",
    "Per Ek",
    "Återkallelse",
    "Hej!\n\nVi drar tillbaka vår anmälan, vi hinner tyvärr inte i år.\n\nPer Ek\n",
)
QUESTION = Mail(
    "olle.svensson@stockholm.se",
    "Olle Svensson",
    "Fråga om bidraget",
    "Hej! Får bidraget innehålla en bilaga med vår verksamhetsplan?\n\nOlle\n",
)


def _word(unit: DemoUnit) -> Attachment:
    return Attachment(f"Bidrag {unit.name}.docx", DOCX_TYPE, lambda: entry_docx(unit))


def _complete(unit: DemoUnit) -> tuple[Attachment, ...]:
    """Word, the same entry as PDF, and the picture: everything an entry needs."""
    return (
        _word(unit),
        Attachment(f"Bidrag {unit.name}.pdf", PDF_TYPE, lambda: entry_pdf(unit)),
        Attachment("Bild.jpg", JPEG_TYPE, picture_jpeg),
    )


def _with_presentation(intro: str, unit: DemoUnit) -> str:
    return (
        f"Hej!\n\n{intro}\n\nPresentationstext:\n{presentation_text(unit)}\n\n"
        f"Med vänliga hälsningar\n{unit.contact}\n{unit.name}\n"
    )


def _minutes(unit: DemoUnit) -> Mail:
    return Mail(
        unit.contact_email,
        unit.contact,
        f"Protokollsutdrag {unit.name}",
        f"Hej!\n\nHär kommer utdraget ur {unit.board}s protokoll om vårt deltagande.\n\n"
        f"Med vänliga hälsningar\n{unit.contact}\n",
        attachments=(
            Attachment(f"Protokollsutdrag {unit.board}.pdf", PDF_TYPE, lambda: minutes_pdf(unit)),
        ),
    )


TROLL_ENTRY = Mail(
    TROLLSKOGEN.contact_email,
    TROLLSKOGEN.contact,
    f"Bidrag {TROLLSKOGEN.name}",
    "Hej!\n\nHär kommer vårt bidrag. PDF-versionen skickar vi senare.\n\nAnna Berg\n",
    attachments=(_word(TROLLSKOGEN),),
)
TROLL_FIX = Mail(
    TROLLSKOGEN.contact_email,
    TROLLSKOGEN.contact,
    "",
    _with_presentation(
        "Tack för påpekandet! Här är hela bidraget igen: Word-dokumentet, samma bidrag som "
        "PDF och bilden.",
        TROLLSKOGEN,
    ),
    answers="change-request",
    attachments=_complete(TROLLSKOGEN),
)
SOL_ENTRY = Mail(
    SOLSTRALEN.contact_email,
    SOLSTRALEN.contact,
    f"Bidrag till Kvalitetsutmärkelsen 2027, {SOLSTRALEN.name}",
    _with_presentation(
        "Här kommer vårt bidrag till Kvalitetsutmärkelsen i Word och som PDF, med bilden.",
        SOLSTRALEN,
    ),
    attachments=_complete(SOLSTRALEN),
)
SOL_MINUTES = _minutes(SOLSTRALEN)
TROLL_MINUTES = _minutes(TROLLSKOGEN)
STATUS = Mail(STAFF, "Kansliet", "status", "status\n")

SPRING = (
    Step(at(2, 1, 9), "Kansliet importerar utskickslistan och anmälda till informationsmöte 1"),
    Step(at(2, 3, 10), "Två anmälningar kommer in; en saknar uppgifter", (TROLL, SOL)),
    Step(at(2, 4, 7, 45), "Morgonens sammanfattning till kansliet"),
    Step(at(2, 15, 9), "Två arbetsdagar före informationsmöte 1: länken går ut"),
    Step(at(2, 22, 11), "En anmälan till och en fråga", (NORR, QUESTION)),
    Step(at(2, 23, 7, 45), "Morgonens sammanfattning: frågan väntar på kansliet"),
    Step(at(3, 1, 7, 45), "Måndag: veckosammanfattning"),
    Step(at(3, 8, 8), "14 dagar före sista anmälningsdag: påminnelser"),
    Step(at(3, 9, 14), "Solstrålen kompletterar sin anmälan", (SOL_REPLY,)),
    Step(at(3, 12, 10), "Hemtjänsten Norr drar tillbaka sin anmälan", (NORR_WITHDRAW,)),
    Step(at(3, 15, 8), "7 dagar före sista anmälningsdag: bara utskickslistan återstår"),
    Step(at(4, 9, 9), "Skrivarstuga 1 närmar sig: inbjudan till anmälda verksamheter"),
    Step(at(4, 12, 10), "Kansliet frågar boten om läget per mejl", (STATUS,)),
    Step(at(5, 3, 8), "14 dagar före sista dag för bidrag: påminnelser om vad som saknas"),
    Step(at(5, 5, 10), "Trollskogen skickar bidraget, men bara i Word", (TROLL_ENTRY,)),
    Step(at(5, 7, 8), "Arbetsdagen före sista dag för ändringen: påminnelse till Trollskogen"),
    Step(at(5, 10, 8), "7 dagar före: påminnelsen säger exakt vad som saknas"),
    Step(
        at(5, 10, 15),
        "Trollskogen svarar på ändringsbegäran med hela bidraget: Word, PDF, bild och "
        "presentationstext",
        (TROLL_FIX,),
    ),
    Step(at(5, 12, 9, 30), "Solstrålen skickar ett komplett bidrag i tid", (SOL_ENTRY,)),
    Step(at(5, 14, 8), "2 dagar före (15 maj är en lördag): alla bidrag är inne, ingen påminnelse"),
    Step(at(5, 18, 8), "Efter sista dag för bidrag: inga fler bidragspåminnelser"),
    Step(at(6, 9, 10), "Solstrålen skickar protokollsutdraget", (SOL_MINUTES,)),
    Step(at(6, 14, 8), "14 dagar före sista dag för protokollsutdrag: bara Trollskogen saknar det"),
    Step(at(6, 17, 13), "Trollskogen skickar sitt protokollsutdrag", (TROLL_MINUTES,)),
    Step(at(6, 21, 8), "7 dagar före: alla protokollsutdrag är inne, ingen påminnelse"),
    Step(at(7, 1, 9), "Sommar: inget mer att påminna om"),
)
STEPS = tuple(sorted((*SPRING, *AUTUMN), key=lambda step: step.at))


def demo_schedule(directory: Path) -> Path:
    """The shipped 2027 schedule with demo links on its placeholder meetings."""
    text = (shipped("schedules") / "2027.toml").read_text(encoding="utf-8")
    head, sep, meetings = text.partition("\n[[meetings]]\n")
    meetings = meetings.replace('link = ""', 'link = "https://teams.microsoft.com/l/demo"')
    meetings = meetings.replace("placeholder = true", "placeholder = false")
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "2027.toml").write_text(head + sep + meetings, encoding="utf-8")
    return directory


def build_demo_app(root: Path) -> App:
    env = {
        "KB_DATA_DIR": str(root / "var"),
        "KB_STAFF_ADDRESSES": STAFF,
        "KB_AWARD_YEAR": "2027",
        "KB_SCHEDULES_DIR": str(demo_schedule(root / "schedules")),
        "KB_LOG_LEVEL": "WARNING",
        # Tesseract may be installed, but the demo's picture has no text to find: stay fast.
        "KB_OCR": "off",
    }
    return build_app(load_settings(env, dotenv_path=root / "none.env"), FixedClock(STEPS[0].at))


def _seed(app: App) -> None:
    with app.sessions.begin() as session:
        for email, name in (
            ("rektor.sodra@edu.stockholm.se", "Eva Rektor"),
            ("chef.hemtjanst.syd@aldre.stockholm.se", "Bo Chef"),
            ("anna.berg@edu.stockholm.se", "Anna Berg"),
        ):
            session.add(OutreachAddress(year=2027, email=email, name=name))
        for email, name in (("lisa.ek@edu.stockholm.se", "Lisa Ek"), (STAFF, "Kansliet")):
            session.add(MeetingAttendee(year=2027, meeting_key="info-1", email=email, name=name))


def _thread_of(app: App, mail: Mail) -> tuple[str, str] | None:
    """Message-ID and subject of the bot's latest mail that ``mail`` answers."""
    if mail.answers is None:
        return None
    with app.sessions() as session:
        query = select(OutboxMail.message_id, OutboxMail.raw).where(
            OutboxMail.kind == mail.answers, OutboxMail.recipient == mail.sender
        )
        row = session.execute(query.order_by(OutboxMail.id.desc())).first()
    if row is None:
        return None
    headers = BytesHeaderParser(policy=policy.default).parsebytes(row.raw)
    return row.message_id, str(headers["Subject"] or "")


def _raw(mail: Mail, moment: datetime, thread: tuple[str, str] | None) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"{mail.name} <{mail.sender}>"
    msg["To"] = BOT
    msg["Subject"] = f"Sv: {thread[1]}" if thread and not mail.subject else mail.subject
    msg["Date"] = format_datetime(moment)
    msg["Message-ID"] = make_msgid(domain=mail.sender.split("@", 1)[1])
    if thread:
        msg["In-Reply-To"] = f"<{thread[0]}>"
        msg["References"] = f"<{thread[0]}>"
    msg.set_content(mail.body)
    for attachment in mail.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        msg.add_attachment(
            attachment.build(), maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return msg.as_bytes()


def _sent_since(app: App, last_id: int) -> tuple[int, list[tuple[str, str]]]:
    with app.sessions() as session:
        rows = session.execute(
            select(OutboxMail.id, OutboxMail.kind, OutboxMail.recipient)
            .where(OutboxMail.id > last_id, OutboxMail.status == "sent")
            .order_by(OutboxMail.id)
        ).all()
    newest = max((row[0] for row in rows), default=last_id)
    return newest, [(kind, to) for _, kind, to in rows]


def replay(app: App) -> list[Done]:
    """Run every step: deliver its mail, run one cycle, note what the bot sent."""
    assert isinstance(app.clock, FixedClock)
    done: list[Done] = []
    last_id = 0
    _seed(app)
    for step in STEPS:
        app.clock.advance_to(step.at)
        if step.action is not None:
            step.action(app)
        for mail in step.mails:
            raw = _raw(mail, step.at, _thread_of(app, mail))
            deliver(app.settings.maildir, raw, step.at)
        run_cycle(app)
        last_id, sent = _sent_since(app, last_id)
        done.append(Done(step.at, step.note, sent))
    return done


def run_demo(keep: Path | None = None) -> list[Done]:
    """Replay the year in ``keep`` (kept) or in a temporary folder (removed)."""
    root = keep or Path(tempfile.mkdtemp(prefix="kvalitetsbot-demo-"))
    app = build_demo_app(root)
    try:
        return replay(app)
    finally:
        app.sessions.kw["bind"].dispose()
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def print_timeline(steps: list[Done]) -> None:
    table = Table("när", "vad som händer", "boten skickar", title="Kvalitetsutmärkelsen 2027")
    for step in steps:
        sent = "\n".join(f"{kind} → {to}" for kind, to in step.sent) or "–"
        when = f"{swedish_short(step.at.astimezone(STOCKHOLM).date())} {swedish_clock(step.at)}"
        table.add_row(when, step.note, sent)
    console = Console()
    console.print(table)
    total = sum(len(step.sent) for step in steps)
    console.print(
        f"{plural(total, 'mejl skickat', 'mejl skickade')} under året, vart och ett exakt en gång."
    )
