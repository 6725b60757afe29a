"""How each setting's text becomes a value: the parsers and the declaration of a setting.

A parser raises ValueError with a short reason; ``load_settings`` turns it into one
sentence that names the setting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

BACKENDS = ("maildir", "imap", "graph", "ews")
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def shipped(folder: str) -> Path:
    """A folder shipped with the bot ("templates", "schedules").

    An installed bot (a wheel, pipx) carries it inside the package as ``bot/<folder>``; a
    source checkout, editable installs included, has it at the top of the repository.
    """
    packaged = resources.files("bot") / folder
    if packaged.is_dir():
        return Path(str(packaged))
    return PROJECT_ROOT / folder


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
