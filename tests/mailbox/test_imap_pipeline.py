"""The whole ingest pipeline on the imap backend against the real Dovecot + SMTP servers:
switching the backend is one setting, and the workflow does not notice."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

from bot.clock import FixedClock
from bot.mail.mailbox.imap import ImapMailbox
from bot.runner import build_app, run_cycle
from tests.conftest import make_mail, make_settings
from tests.mailbox.conftest import Harness
from tests.mailbox.servers import MailServers

SIGNUP = (
    "Verksamhet: Förskolan Ekorren\nFörvaltning: Skarpnäcks stadsdelsförvaltning\n"
    "Chef: Maria Öberg\nKontaktperson: Anna Berg\nE-post: anna.berg@edu.stockholm.se\n"
)


def test_signup_over_imap_is_answered_and_the_receipt_lands_in_sent(
    tmp_path: Path, clock: FixedClock, mail_servers: MailServers, imap_harness: Harness
) -> None:
    settings = make_settings(tmp_path, **mail_servers.env())
    app = build_app(settings, clock)
    assert isinstance(app.mailbox, ImapMailbox)
    imap_harness.deliver(make_mail(SIGNUP), clock.now())
    report = run_cycle(app)
    again = run_cycle(build_app(settings, clock))  # A restart handles nothing twice.
    assert (report.ingest.handled, report.sent) == (1, 1)
    assert (again.ingest.seen, again.sent) == (0, 0)
    sent = [
        email.message_from_bytes(r, policy=email.policy.default)
        for r in imap_harness.folder("Sent")
    ]
    assert [m["X-Kvalitetsbot-Kind"] for m in sent] == ["signup-receipt"]
    assert len(imap_harness.folder("Behandlat")) == 1
    assert imap_harness.folder("INBOX") == []
    relayed = [rcpts for _sender, rcpts, _raw in mail_servers.smtp.recorder.received]
    assert ["anna.berg@edu.stockholm.se"] in relayed
    app.mailbox.close()
