"""Settings: one typed, frozen object built from the environment and an optional ``.env``.

Each setting is declared once in ``SPECS`` with its parser, default and documentation; a
test checks that every one of them is documented in ``config.example.env``. A bad value
stops the bot at start with one sentence that names the setting.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from bot.config.award_settings import AWARD_SPECS
from bot.config.mailbox_settings import MAILBOX_SPECS
from bot.config.secrets import Secret
from bot.config.values import BACKENDS, PROJECT_ROOT, Spec, shipped

__all__ = ["BACKENDS", "PROJECT_ROOT", "ConfigError", "Settings", "load_settings", "shipped"]


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
    authserv_id: str
    trust_exchange_authas: bool
    award_year: int | None
    schedules_dir: Path
    templates_dir: Path
    reference_prefix: str
    poll_seconds: int
    database_retry_max_seconds: int
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
    max_parse_mb: int
    team_min: int
    team_max: int
    team_max_entries: int
    team_attachments_max_mb: int
    extra: Mapping[str, str] = field(default_factory=dict)


# The order is the order of config.example.env: data first, then the mailbox, then the rest.
SPECS: tuple[Spec, ...] = (*AWARD_SPECS[:2], *MAILBOX_SPECS, *AWARD_SPECS[2:])


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
            raise ConfigError(f"{spec.env}={raw!r} är inte giltigt: ange {exc}.") from None
    return _fill_defaults(values)


def _fill_defaults(values: dict[str, object]) -> Settings:
    data_dir = values["data_dir"]
    assert isinstance(data_dir, Path)
    if not values["database_url"]:
        values["database_url"] = f"sqlite:///{data_dir / 'kvalitetsbot.sqlite3'}"
    if values["maildir"] == Path(""):
        values["maildir"] = data_dir / "mailbox"
    return Settings(**values)  # type: ignore[arg-type]
