"""Personal data stays out of the logs, even at DEBUG.

A realistic backlog (sign-ups with names and phone numbers, replies, an entry with real
documents, auto-replies and bounces, questions) runs through the real pipeline with every
logger at DEBUG; then no log record may contain any sender's address, name or phone
number, nor any contact or manager name from the mail.
"""

from __future__ import annotations

import logging
import re
import smtplib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from bot import ingest, runner
from bot.clock import STOCKHOLM, FixedClock
from bot.mail.parse import parse_mail
from bot.runner import App, build_app, run_cycle
from tests.backlog import backlog, person
from tests.conftest import make_settings, put


@pytest.fixture
def debug_app(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> Iterator[App]:
    caplog.set_level(logging.DEBUG)  # the root logger: every library logs at DEBUG too
    clock = FixedClock(datetime(2027, 3, 20, 10, 0, tzinfo=STOCKHOLM))
    app = build_app(make_settings(tmp_path, KB_OCR="off", KB_LOG_LEVEL="DEBUG"), clock)
    yield app
    app.sessions.kw["bind"].dispose()


def _personal_data(raws: list[bytes], people: int) -> set[str]:
    found: set[str] = set()
    for raw in raws:
        mail = parse_mail(raw)
        found.update(x for x in (mail.from_addr, mail.from_name, mail.reply_to) if x)
    for n in range(people):
        p = person(n)
        found.update({p.name, p.address, p.phone, p.manager})
    return {value for value in found if len(value) >= 5}


def _log_text(record: logging.LogRecord) -> str:
    parts = [record.getMessage(), record.exc_text or "", str(record.args or "")]
    if record.exc_info and record.exc_info[1] is not None:
        parts.append(repr(record.exc_info[1]))
    return "\n".join(parts)


def _leaks(records: list[logging.LogRecord], secrets: set[str]) -> list[tuple[str, str]]:
    found = []
    for record in records:
        text = _log_text(record).lower()
        found += [(record.name, value) for value in secrets if value.lower() in text]
    return sorted(set(found))


def test_no_address_name_or_phone_number_in_any_log_record(
    debug_app: App, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    mails = backlog(36, seed=5, entries=0.03)
    assert {"signup", "incomplete", "reply", "automatic", "question"} <= {m.kind for m in mails}
    for mail in mails:
        put(debug_app, mail.raw, mail.at)
    real_send = debug_app.mailbox.send

    def refused(raw: bytes, message_id: str, recipients: Any) -> None:
        # What a real SMTP server says: the refused address is in the exception.
        raise smtplib.SMTPRecipientsRefused({r: (550, b"5.1.1 user unknown") for r in recipients})

    monkeypatch.setattr(debug_app.mailbox, "send", refused)
    runner._safe_cycle(debug_app)  # as the watching bot runs it, logging each round
    monkeypatch.setattr(debug_app.mailbox, "send", real_send)
    runner._safe_cycle(debug_app)
    assert len(debug_app.mailbox.list_folder("Sent")) > 10
    assert caplog.records, "the rounds should log at DEBUG"
    secrets = _personal_data([m.raw for m in mails], len(mails))
    assert not _leaks(caplog.records, secrets)


def test_a_failing_message_logs_no_personal_data_from_the_exception(
    debug_app: App, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = person(1)
    real = ingest.handle

    def failing(session: Any, ctx: Any, inbound: Any, now: Any) -> Any:
        # A database error as SQLAlchemy raises it: the statement's parameters are in it.
        params = {"contact_name": p.name, "contact_email": p.address}
        raise IntegrityError("INSERT INTO units ...", params, Exception("UNIQUE failed"))

    monkeypatch.setattr(ingest, "handle", failing)
    put(debug_app, backlog(1, seed=1)[0].raw)
    run_cycle(debug_app)
    monkeypatch.setattr(ingest, "handle", real)
    assert any(r.levelno >= logging.ERROR for r in caplog.records)
    assert not _leaks(caplog.records, {p.name, p.address})


def test_phone_numbers_do_not_appear_in_any_form(
    debug_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    mails = backlog(20, seed=6, entries=0.0)
    for mail in mails:
        put(debug_app, mail.raw, mail.at)
    run_cycle(debug_app)
    phone = re.compile(r"\b07\d[- ]?\d{3}[ ]?\d{2}[ ]?\d{2}\b")
    hits = [r.name for r in caplog.records if phone.search(_log_text(r))]
    assert not hits, f"phone numbers logged by {sorted(set(hits))}"
