"""How each setting's text becomes a value: the parsers and the declaration of a setting.

A parser raises ValueError saying, in Swedish, what the setting accepts; ``load_settings``
turns it into one sentence that names the setting: "KB_POLL_SECONDS='ofta' är inte
giltigt: ange ett positivt heltal, t.ex. 10."
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


def _whole(value: str, accepts: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ValueError(accepts) from None


def _positive_int(value: str) -> int:
    accepts = "ett positivt heltal, t.ex. 10"
    number = _whole(value, accepts)
    if number <= 0:
        raise ValueError(accepts)
    return number


def _optional_year(value: str) -> int | None:
    if not value:
        return None
    accepts = "ett årtal med fyra siffror, t.ex. 2027, eller tomt för innevarande år"
    year = _whole(value, accepts)
    if not 2000 <= year <= 2100:
        raise ValueError(accepts)
    return year


def _addresses(value: str) -> tuple[str, ...]:
    items = tuple(part.strip().lower() for part in value.split(",") if part.strip())
    for item in items:
        if "@" not in item:
            raise ValueError(f"e-postadresser åtskilda med komma ('{item}' är ingen e-postadress)")
    return items


def _address(value: str) -> str:
    if "@" not in value:
        raise ValueError("en e-postadress, t.ex. kvalitetsutmarkelsen@stockholm.se")
    return value.strip().lower()


def _backend(value: str) -> str:
    if value not in BACKENDS:
        raise ValueError(f"ett av: {', '.join(BACKENDS)}")
    return value


def _optional_path(value: str) -> Path | None:
    return Path(value).expanduser() if value.strip() else None


def _port(value: str) -> int:
    accepts = "ett portnummer 1–65535"
    number = _whole(value, accepts)
    if not 0 < number < 65536:
        raise ValueError(accepts)
    return number


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value.strip().lower() not in allowed:
            raise ValueError(f"ett av: {', '.join(allowed)}")
        return value.strip().lower()

    return parse


def _log_level(value: str) -> str:
    level = value.upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ValueError("DEBUG, INFO, WARNING eller ERROR")
    return level


def _ocr(value: str) -> str:
    if value not in ("auto", "off"):
        raise ValueError("auto eller off")
    return value


def _yes_no(value: str) -> bool:
    if value.strip().lower() not in ("yes", "no"):
        raise ValueError("must be yes or no")
    return value.strip().lower() == "yes"


def _text(value: str) -> str:
    return value.strip()


@dataclass(frozen=True)
class Spec:
    env: str
    attr: str
    parse: Callable[[str], object]
    default: str
    doc: str
