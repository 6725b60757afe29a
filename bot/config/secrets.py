"""Secrets in settings: kept out of reprs and logs, and optionally read from files.

Each password or client secret has two settings, ``KB_X`` and ``KB_X_FILE``; the file
wins, so an operator can keep the secret in a file readable only by the bot's user (a
systemd credential, a Kubernetes secret volume) instead of in the environment.
"""

from __future__ import annotations


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
