"""Secrets in settings: kept out of reprs and logs, and optionally read from files.

Each password or client secret has two settings, ``KB_X`` and ``KB_X_FILE``; the file
wins, so an operator can keep the secret in a file readable only by the bot's user (a
systemd credential, a Kubernetes secret volume) instead of in the environment.
"""

from __future__ import annotations

from pathlib import Path

from bot.mail.mailbox import MailboxError


class Secret:
    """A secret value that never shows itself in a repr, a log line or a traceback."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('***')" if self._value else "Secret('')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def parse_secret(value: str) -> Secret:
    return Secret(value.strip())


def resolve(secret: Secret, path: Path | None, setting: str) -> str:
    """The secret's value: the file's first line when ``path`` is set, else ``secret``."""
    if path is not None and str(path):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            # The message names the setting and the error kind, never the content.
            raise MailboxError(f"{setting}_FILE cannot be read ({exc.strerror}).") from None
        return lines[0].strip() if lines else ""
    return secret.reveal()
