"""Settings: one typed, frozen object built from the environment and an optional ``.env``.

Each setting is declared once in ``SPECS`` with its parser, default and documentation; a
test checks that every one of them is documented in ``config.example.env``. A bad value
stops the bot at start with one sentence that names the setting.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from bot.config.secrets import Secret, parse_secret

BACKENDS = ("maildir", "imap", "graph", "ews")
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one sentence for the operator."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    mailbox_backend: str
    maildir: Path
    folder_handled: str
    folder_staff: str
    folder_quarantine: str
    folder_sent: str
    bot_address: str
    bot_name: str
    staff_addresses: tuple[str, ...]
    award_year: int | None
    schedules_dir: Path
    templates_dir: Path
    reference_prefix: str
    poll_seconds: int
    max_mails_per_recipient_hour: int
    max_mails_per_recipient_day: int
    log_level: str
    imap_host: str
    imap_port: int
    imap_security: str
    imap_user: str
    imap_password: Secret
    imap_password_file: Path | None
    imap_inbox: str
    smtp_host: str
    smtp_port: int
    smtp_security: str
    smtp_user: str
    smtp_password: Secret
    smtp_password_file: Path | None
    graph_tenant_id: str
    graph_client_id: str
    graph_client_secret: Secret
    graph_client_secret_file: Path | None
    graph_mailbox: str
    graph_url: str
    ews_url: str
    ews_auth: str
    ews_user: str
    ews_password: Secret
    ews_password_file: Path | None
    ews_tenant_id: str
    ews_client_id: str
    ews_client_secret: Secret
    ews_client_secret_file: Path | None
    ews_mailbox: str
    mailbox_timeout_seconds: int
    ocr: str
    max_attachment_mb: int
    max_mail_mb: int
    team_min: int
    team_max: int
    team_max_entries: int
    team_attachments_max_mb: int
    extra: Mapping[str, str] = field(default_factory=dict)


def _path(value: str) -> Path:
    return Path(value).expanduser()


def _positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError("must be a positive whole number")
    return number


def _optional_year(value: str) -> int | None:
    if not value:
        return None
    year = int(value)
    if not 2000 <= year <= 2100:
        raise ValueError("must be a four-digit year")
    return year


def _addresses(value: str) -> tuple[str, ...]:
    items = tuple(part.strip().lower() for part in value.split(",") if part.strip())
    for item in items:
        if "@" not in item:
            raise ValueError(f"'{item}' is not an e-mail address")
    return items


def _address(value: str) -> str:
    if "@" not in value:
        raise ValueError("must be an e-mail address")
    return value.strip().lower()


def _backend(value: str) -> str:
    if value not in BACKENDS:
        raise ValueError(f"must be one of: {', '.join(BACKENDS)}")
    return value


def _optional_path(value: str) -> Path | None:
    return Path(value).expanduser() if value.strip() else None


def _port(value: str) -> int:
    number = int(value)
    if not 0 < number < 65536:
        raise ValueError("must be a port number 1-65535")
    return number


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value.strip().lower() not in allowed:
            raise ValueError(f"must be one of: {', '.join(allowed)}")
        return value.strip().lower()

    return parse


def _log_level(value: str) -> str:
    level = value.upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
    return level


def _ocr(value: str) -> str:
    if value not in ("auto", "off"):
        raise ValueError("must be auto or off")
    return value


def _text(value: str) -> str:
    return value.strip()


@dataclass(frozen=True)
class Spec:
    env: str
    attr: str
    parse: Callable[[str], object]
    default: str
    doc: str


SPECS: tuple[Spec, ...] = (
    Spec(
        "KB_DATA_DIR",
        "data_dir",
        _path,
        "./var",
        "Where the database, the mailbox and stored files live.",
    ),
    Spec(
        "KB_DATABASE_URL",
        "database_url",
        _text,
        "",
        "SQLAlchemy URL; empty means an SQLite file in the data dir.",
    ),
    Spec(
        "KB_MAILBOX_BACKEND",
        "mailbox_backend",
        _backend,
        "maildir",
        "Which mailbox the bot watches: maildir (embedded default).",
    ),
    Spec(
        "KB_MAILDIR", "maildir", _path, "", "The Maildir++ folder; empty means <data dir>/mailbox."
    ),
    Spec(
        "KB_FOLDER_HANDLED",
        "folder_handled",
        _text,
        "Behandlat",
        "Folder for mail the bot has handled.",
    ),
    Spec(
        "KB_FOLDER_STAFF", "folder_staff", _text, "Granska", "Folder for mail that needs the staff."
    ),
    Spec(
        "KB_FOLDER_QUARANTINE",
        "folder_quarantine",
        _text,
        "Karantän",
        "Folder for mail whose processing failed.",
    ),
    Spec(
        "KB_FOLDER_SENT",
        "folder_sent",
        _text,
        "Sent",
        "Folder where every mail the bot sends is stored.",
    ),
    Spec(
        "KB_BOT_ADDRESS",
        "bot_address",
        _address,
        "kvalitetsutmarkelsen@stockholm.se",
        "The shared mailbox's address, used as From.",
    ),
    Spec(
        "KB_BOT_NAME",
        "bot_name",
        _text,
        "Kvalitetsutmärkelsen, Stockholms stad",
        "Display name on outgoing mail.",
    ),
    Spec(
        "KB_STAFF_ADDRESSES",
        "staff_addresses",
        _addresses,
        "",
        "Comma-separated addresses of the award staff (digests, forwarded cases).",
    ),
    Spec(
        "KB_AWARD_YEAR",
        "award_year",
        _optional_year,
        "",
        "The award year in force; empty means the year of the current date.",
    ),
    Spec(
        "KB_SCHEDULES_DIR",
        "schedules_dir",
        _path,
        str(PROJECT_ROOT / "schedules"),
        "Folder with one schedule file per award year.",
    ),
    Spec(
        "KB_TEMPLATES_DIR",
        "templates_dir",
        _path,
        str(PROJECT_ROOT / "templates"),
        "Folder with the mail templates.",
    ),
    Spec(
        "KB_REFERENCE_PREFIX",
        "reference_prefix",
        _text,
        "KU",
        "Prefix of unit reference numbers, e.g. KU-2027-014.",
    ),
    Spec(
        "KB_POLL_SECONDS",
        "poll_seconds",
        _positive_int,
        "10",
        "How often `run` looks for new mail, in seconds.",
    ),
    Spec(
        "KB_MAX_MAILS_PER_RECIPIENT_HOUR",
        "max_mails_per_recipient_hour",
        _positive_int,
        "10",
        "At most this many mails to one address per hour; the rest wait in the outbox.",
    ),
    Spec(
        "KB_MAX_MAILS_PER_RECIPIENT_DAY",
        "max_mails_per_recipient_day",
        _positive_int,
        "30",
        "At most this many mails to one address per day; the rest wait in the outbox.",
    ),
    Spec(
        "KB_LOG_LEVEL",
        "log_level",
        _log_level,
        "INFO",
        "DEBUG, INFO, WARNING or ERROR. Logs never contain names or addresses.",
    ),
    # Production mailboxes. Only the settings of the backend in KB_MAILBOX_BACKEND are used.
    Spec("KB_IMAP_HOST", "imap_host", _text, "", "IMAP server host name."),
    Spec("KB_IMAP_PORT", "imap_port", _port, "993", "IMAP server port."),
    Spec(
        "KB_IMAP_SECURITY",
        "imap_security",
        _choice("tls", "starttls", "plain"),
        "tls",
        "tls (port 993), starttls (port 143) or plain (tests on loopback only).",
    ),
    Spec("KB_IMAP_USER", "imap_user", _text, "", "IMAP login name."),
    Spec("KB_IMAP_PASSWORD", "imap_password", parse_secret, "", "IMAP password."),
    Spec(
        "KB_IMAP_PASSWORD_FILE",
        "imap_password_file",
        _optional_path,
        "",
        "File holding the IMAP password; wins over KB_IMAP_PASSWORD.",
    ),
    Spec("KB_IMAP_INBOX", "imap_inbox", _text, "INBOX", "The IMAP folder the bot watches."),
    Spec("KB_SMTP_HOST", "smtp_host", _text, "", "SMTP submission host; empty: the IMAP host."),
    Spec("KB_SMTP_PORT", "smtp_port", _port, "587", "SMTP submission port."),
    Spec(
        "KB_SMTP_SECURITY",
        "smtp_security",
        _choice("tls", "starttls", "plain"),
        "starttls",
        "starttls (port 587), tls (port 465) or plain (tests on loopback only).",
    ),
    Spec("KB_SMTP_USER", "smtp_user", _text, "", "SMTP login; empty: the IMAP login."),
    Spec("KB_SMTP_PASSWORD", "smtp_password", parse_secret, "", "SMTP password."),
    Spec(
        "KB_SMTP_PASSWORD_FILE",
        "smtp_password_file",
        _optional_path,
        "",
        "File holding the SMTP password; with neither set, the IMAP password is used.",
    ),
    Spec("KB_GRAPH_TENANT_ID", "graph_tenant_id", _text, "", "Entra ID tenant (directory) id."),
    Spec("KB_GRAPH_CLIENT_ID", "graph_client_id", _text, "", "The app registration's client id."),
    Spec(
        "KB_GRAPH_CLIENT_SECRET",
        "graph_client_secret",
        parse_secret,
        "",
        "The app's client secret.",
    ),
    Spec(
        "KB_GRAPH_CLIENT_SECRET_FILE",
        "graph_client_secret_file",
        _optional_path,
        "",
        "File holding the client secret; wins over KB_GRAPH_CLIENT_SECRET.",
    ),
    Spec(
        "KB_GRAPH_MAILBOX",
        "graph_mailbox",
        _text,
        "",
        "The mailbox's user principal name; empty: KB_BOT_ADDRESS.",
    ),
    Spec(
        "KB_GRAPH_URL",
        "graph_url",
        _text,
        "https://graph.microsoft.com/v1.0",
        "Microsoft Graph endpoint (change only for a national cloud).",
    ),
    Spec(
        "KB_EWS_URL", "ews_url", _text, "", "EWS endpoint, https://mail.example/EWS/Exchange.asmx."
    ),
    Spec("KB_EWS_AUTH", "ews_auth", _choice("ntlm", "oauth"), "ntlm", "ntlm or oauth."),
    Spec("KB_EWS_USER", "ews_user", _text, "", "NTLM login, DOMAIN\\user."),
    Spec("KB_EWS_PASSWORD", "ews_password", parse_secret, "", "NTLM password."),
    Spec(
        "KB_EWS_PASSWORD_FILE",
        "ews_password_file",
        _optional_path,
        "",
        "File holding the NTLM password; wins over KB_EWS_PASSWORD.",
    ),
    Spec("KB_EWS_TENANT_ID", "ews_tenant_id", _text, "", "OAuth: tenant id."),
    Spec("KB_EWS_CLIENT_ID", "ews_client_id", _text, "", "OAuth: client id."),
    Spec("KB_EWS_CLIENT_SECRET", "ews_client_secret", parse_secret, "", "OAuth: client secret."),
    Spec(
        "KB_EWS_CLIENT_SECRET_FILE",
        "ews_client_secret_file",
        _optional_path,
        "",
        "OAuth: file holding the client secret.",
    ),
    Spec(
        "KB_EWS_MAILBOX", "ews_mailbox", _text, "", "The mailbox's address; empty: KB_BOT_ADDRESS."
    ),
    Spec(
        "KB_MAILBOX_TIMEOUT_SECONDS",
        "mailbox_timeout_seconds",
        _positive_int,
        "60",
        "Longest wait for one request to the mail server before it counts as failed.",
    ),
    Spec(
        "KB_OCR",
        "ocr",
        _ocr,
        "auto",
        "Text-in-picture check with Tesseract: auto (where installed) or off.",
    ),
    Spec(
        "KB_MAX_ATTACHMENT_MB",
        "max_attachment_mb",
        _positive_int,
        "25",
        "Largest attachment the bot examines, in MB; larger ones get a clear answer.",
    ),
    Spec(
        "KB_MAX_MAIL_MB",
        "max_mail_mb",
        _positive_int,
        "40",
        "Largest total of attachments in one mail, in MB.",
    ),
    Spec(
        "KB_TEAM_MIN",
        "team_min",
        _positive_int,
        "3",
        "Fewest examiners in a team.",
    ),
    Spec(
        "KB_TEAM_MAX",
        "team_max",
        _positive_int,
        "4",
        "Most examiners in a team.",
    ),
    Spec(
        "KB_TEAM_MAX_ENTRIES",
        "team_max_entries",
        _positive_int,
        "2",
        "Most entries one team assesses.",
    ),
    Spec(
        "KB_TEAM_ATTACHMENTS_MAX_MB",
        "team_attachments_max_mb",
        _positive_int,
        "20",
        "Entry files are attached to examiners' mails up to this total size (MB).",
    ),
)


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv_path: Path | None = None
) -> Settings:
    """Build the settings from ``environ`` (default os.environ) over an optional .env file."""
    env = dict(environ if environ is not None else os.environ)
    dotenv_file = dotenv_path or Path(env.get("KB_ENV_FILE", ".env"))
    if dotenv_file.is_file():
        file_values = {k: v for k, v in dotenv_values(dotenv_file).items() if v is not None}
        env = {**file_values, **env}
    values: dict[str, object] = {}
    for spec in SPECS:
        raw = env.get(spec.env) or spec.default
        try:
            values[spec.attr] = spec.parse(raw)
        except ValueError as exc:
            raise ConfigError(f"{spec.env}={raw!r} is not valid: {exc}.") from None
    return _fill_defaults(values)


def _fill_defaults(values: dict[str, object]) -> Settings:
    data_dir = values["data_dir"]
    assert isinstance(data_dir, Path)
    if not values["database_url"]:
        values["database_url"] = f"sqlite:///{data_dir / 'kvalitetsbot.sqlite3'}"
    if values["maildir"] == Path(""):
        values["maildir"] = data_dir / "mailbox"
    return Settings(**values)  # type: ignore[arg-type]
