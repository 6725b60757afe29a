"""Which mails must never be answered, and who bounced, on real and generated mail."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage, Message
from pathlib import Path

import pytest

from bot.mail.autoreply import detect_automatic, permanent_bounce_recipients
from bot.mail.parse import parse_mail


def fixtures_dir() -> Path:
    """The shared fixtures: /work/shared beside the repo, as CI clones it."""
    return Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "mail"


def load(name: str) -> Message:
    raw = (fixtures_dir() / name).read_bytes()
    return email.message_from_bytes(raw, policy=email.policy.default)


def parse(raw: bytes) -> Message:
    return email.message_from_bytes(raw, policy=email.policy.default)


def mail(body: str = "Hej!", **headers: str) -> Message:
    """A mail as a client sends it, read back as the bot reads it; '_' stands for '-'."""
    msg = EmailMessage()
    msg["From"] = "Anna Svensson <anna.svensson@example.se>"
    msg["Subject"] = "Anmälan"
    for name, value in headers.items():
        del msg[name.replace("_", "-")]
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return parse(msg.as_bytes())


EXPECTED = {
    "autoreply-exchange-ooo-1.eml": "ooo-exchange",
    "autoreply-exchange-ooo-2.eml": "ooo-exchange",
    "autoreply-icloud-vacation-no-auto-submitted.eml": "vacation",
    "autoreply-mimecast-mailbox-retired.eml": "auto-submitted",
    "bounce-dsn-quota-no-report-type.eml": "bounce",
    "bounce-exchange2007-french-non-remis.eml": "bounce",
    "bounce-office365-5.1.10.eml": "bounce",
    "bounce-office365-5.4.312-dns-expired.eml": "bounce",
    "mdn-read-receipt-displayed.eml": "read-receipt",
    "human-exchange-plain-empty-ms-headers.eml": None,
    "human-forward-with-attached-eml.eml": None,
    "human-truncated-pdf-attachment.eml": None,
    "intl-rfc2047-utf8-subject.eml": None,
    "intl-rfc2231-latin1-jpg-filename.eml": None,
    "outlook-tnef-winmail-dat.eml": None,
}


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in fixtures_dir().glob("*.eml"))


@pytest.mark.parametrize(("name", "reason"), sorted(EXPECTED.items()))
def test_fixture_is_classified_human_or_automatic(name: str, reason: str | None) -> None:
    assert detect_automatic(load(name)) == reason
    assert parse_mail((fixtures_dir() / name).read_bytes()).automatic == reason


@pytest.mark.parametrize(
    ("name", "recipients"),
    [
        ("bounce-office365-5.1.10.eml", ["noname@example.com"]),
        ("bounce-office365-5.4.312-dns-expired.eml", ["neko@libsisimai.org"]),
        ("bounce-exchange2007-french-non-remis.eml", ["transports@agglo-saumur.fr"]),
        ("bounce-dsn-quota-no-report-type.eml", ["jangel1@cougar.noc.ucla.edu"]),
    ],
)
def test_bounce_names_its_permanently_failed_recipients(name: str, recipients: list[str]) -> None:
    assert permanent_bounce_recipients(load(name)) == recipients


@pytest.mark.parametrize(
    "name",
    [
        "mdn-read-receipt-displayed.eml",
        "human-forward-with-attached-eml.eml",
        "autoreply-exchange-ooo-1.eml",
        "outlook-tnef-winmail-dat.eml",
    ],
)
def test_non_bounces_have_no_failed_recipients(name: str) -> None:
    assert permanent_bounce_recipients(load(name)) == []


# --- RFC 3834 headers ------------------------------------------------------------------


def test_plain_human_mail_is_human() -> None:
    assert detect_automatic(mail()) is None


def test_auto_submitted_auto_generated_is_automatic() -> None:
    assert detect_automatic(mail(Auto_Submitted="auto-generated")) == "auto-submitted"


def test_auto_submitted_no_is_human() -> None:
    assert detect_automatic(mail(Auto_Submitted="no")) is None
    assert detect_automatic(mail(Auto_Submitted="No; owner-token=x")) is None


@pytest.mark.parametrize("value", ["bulk", "junk", "list", "Bulk"])
def test_bulk_precedence_is_automatic(value: str) -> None:
    assert detect_automatic(mail(Precedence=value)) == "precedence"


def test_precedence_normal_is_human() -> None:
    assert detect_automatic(mail(Precedence="normal")) is None


def test_list_mail_is_automatic() -> None:
    assert detect_automatic(mail(List_Id="Förskolechefer <chefer.lists.example.se>")) == "list"
    assert detect_automatic(mail(From="owner-chefer@lists.example.se")) == "list"


def test_null_return_path_is_automatic() -> None:
    assert detect_automatic(mail(Return_Path="<>")) == "null-sender"
    assert detect_automatic(mail(Return_Path="<anna.svensson@example.se>")) is None


def test_mailer_daemon_sender_is_automatic() -> None:
    assert detect_automatic(mail(From="MAILER-DAEMON@mx.example.se")) == "mailer-daemon"


# --- out of office ---------------------------------------------------------------------


def test_auto_response_suppress_alone_is_human() -> None:
    # Outlook and many senders set it on ordinary mail, so it proves nothing by itself.
    assert detect_automatic(mail(X_Auto_Response_Suppress="All")) is None


def test_exchange_ooo_headers_with_swedish_subject_are_automatic() -> None:
    msg = mail(
        Subject="Automatiskt svar: Anmälan",
        X_Auto_Response_Suppress="All",
        X_MS_Exchange_Inbox_Rules_Loop="anna.svensson@example.se",
    )
    assert detect_automatic(msg) == "ooo-exchange"


def test_exchange_ooo_headers_make_a_looser_subject_enough() -> None:
    msg = mail(Subject="Frånvaro 1-15 juli", X_MS_Exchange_Inbox_Rules_Loop="a@example.se")
    assert detect_automatic(msg) == "ooo-exchange"


def test_inbox_rule_forward_of_human_mail_is_human() -> None:
    msg = mail(Subject="Anmälan", X_MS_Exchange_Inbox_Rules_Loop="chef@example.se")
    assert detect_automatic(msg) is None


@pytest.mark.parametrize(
    "subject",
    [
        "Automatic reply: Anmälan",
        "Auto reply: x",
        "Autosvar: Anmälan",
        "Automatiskt svar: Bidrag",
        "Frånvaromeddelande",
        "Out of Office: Anmälan",
        "Out of office",
        "Abwesenheitsnotiz: x",
        "Réponse automatique : x",
        "AutoRespons :Nyaan?",
    ],
)
def test_auto_reply_subject_alone_is_automatic(subject: str) -> None:
    assert detect_automatic(mail(Subject=subject)) == "ooo-subject"


@pytest.mark.parametrize(
    "subject",
    [
        "Re: Automatic reply: Anmälan",
        "Fwd: Undeliverable: Anmälan",
        "Frånvaro vid informationsmötet 14 februari",
        "Frågor om autosvar i Outlook",
        "Out of office-tiden räknas inte",
    ],
)
def test_human_subjects_that_mention_auto_replies_stay_human(subject: str) -> None:
    assert detect_automatic(mail(Subject=subject)) is None


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Apple-Action", "VACATION"),
        ("X-Autoreply", "yes"),
        ("X-Autorespond", "Hej, jag är på semester"),
        ("X-Mailer", "Autoresponder 2.1"),
    ],
)
def test_vendor_vacation_headers_are_automatic(header: str, value: str) -> None:
    assert detect_automatic(mail(**{header.replace("-", "_"): value})) == "vacation"


# --- bounces and receipts --------------------------------------------------------------

DSN = b"""From: Mail Delivery System <postmaster@mx.example.se>
To: kvalitetsutmarkelsen@stockholm.se
Subject: Leveransrapport
MIME-Version: 1.0
Content-Type: multipart/REPORT; boundary="b"

--b
Content-Type: text/plain

Ditt meddelande kunde inte levereras.

--b
Content-Type: Message/Delivery-Status

Reporting-MTA: dns; mx.example.se

Original-Recipient: rfc822;Chef@Example.SE
Final-Recipient: rfc822; chef.alias@example.se
Action: failed
Status: 5.1.1

Final-Recipient: rfc822;full@example.se
Action: delayed
Status: 4.2.2

Final-Recipient: rfc822;ok@example.se
Action: delivered
Status: 2.0.0

--b--
"""


def test_report_with_upper_case_types_and_no_report_type_is_a_bounce() -> None:
    assert detect_automatic(parse(DSN)) == "bounce"


def test_only_permanent_failures_are_bounced_recipients() -> None:
    assert permanent_bounce_recipients(parse(DSN)) == ["chef@example.se", "chef.alias@example.se"]


def test_forwarded_bounce_is_human_and_bounces_nobody() -> None:
    outer = EmailMessage()
    outer["From"] = "Anna Svensson <anna.svensson@example.se>"
    outer["Subject"] = "Fwd: Leveransrapport"
    outer.set_content("Vad betyder det här?")
    outer.add_attachment(parse(DSN))
    msg = parse(outer.as_bytes())
    assert detect_automatic(msg) is None
    assert permanent_bounce_recipients(msg) == []


def test_exchange_ndr_header_with_empty_value_is_a_bounce() -> None:
    assert detect_automatic(mail(X_MS_Exchange_Message_Is_Ndr="")) == "bounce"


@pytest.mark.parametrize(
    "subject", ["Non remis : x", "Undeliverable: Anmälan", "Unzustellbar: x", "Olevererbart: x"]
)
def test_non_delivery_subject_alone_is_a_bounce(subject: str) -> None:
    assert detect_automatic(mail(Subject=subject)) == "bounce"


def test_disposition_notification_report_is_a_read_receipt() -> None:
    raw = DSN.replace(
        b"multipart/REPORT", b"multipart/report; report-type=disposition-notification"
    )
    raw = raw.replace(b"Message/Delivery-Status", b"message/disposition-notification")
    assert detect_automatic(parse(raw)) == "read-receipt"
    assert permanent_bounce_recipients(parse(raw)) == []


def test_request_for_a_read_receipt_is_still_human() -> None:
    assert detect_automatic(mail(Disposition_Notification_To="anna.svensson@example.se")) is None


def test_malformed_headers_do_not_raise() -> None:
    raw = (
        b"From: \xff\xfe <<@>>\r\nReturn-Path: <<<\r\nAuto-Submitted: \r\n"
        b"Content-Type: multipart/report; report-type=\r\nSubject: =?x-unknown?q?=FF?=\r\n\r\n"
    )
    assert detect_automatic(parse(raw)) == "bounce"
    assert permanent_bounce_recipients(parse(raw)) == []
