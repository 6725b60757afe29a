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

BACKENDS = ("maildir",)
PROJECT_ROOT = Path(__file__).resolve().parent.parent


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


def _log_level(value: str) -> str:
    level = value.upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
    return level


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
        "30",
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
