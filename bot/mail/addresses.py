"""Addresses and message ids in headers: parsed strictly, with control characters and
unparseable values treated as no address rather than guessed at."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from email.headerregistry import Address
from email.message import Message
from email.utils import getaddresses

from bot.mail.autoreply import (
    clean_text,
    header_values,
)

_MSGID = re.compile(r"<([^<>\s]+)>")


_ADDR_SPEC = re.compile(r"[^\s<>\"'(),;:@\[\]]+@[^\s<>\"'(),;:@\[\]]+\.[^\s<>\"'(),;:@\[\]]+")


_ANGLE_ADDR = re.compile(r"<([^<>\s]+@[^<>\s]+)>")


def _addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lowercased addr-spec) of every address in the `name` headers.

    Entries without an '@' (group names, "undisclosed-recipients", garbage) are dropped.
    When the header does not parse cleanly, only the <angle-addr> parts count: the display
    name is the sender's free text ("staff@stockholm.se <attacker@evil.example>") and is
    never taken for the address.
    """
    if not _has_defects(msg, name):
        found = _valid_addresses(_structured_addresses(msg, name))
        if found:
            return found
    values = header_values(msg, name)
    display = " ".join(values).split("<", 1)[0].strip().strip('"')
    angled = [(display, a) for a in _ANGLE_ADDR.findall(" ".join(_raw_values(msg, name)))]
    return _valid_addresses(angled) or _valid_addresses(_fallback_addresses(values))


def strict_address(msg: Message, name: str) -> str | None:
    """The one address of the `name` header when it is exactly one header with exactly one
    valid address, parsed without any defect; else None. For decisions that trust the
    sender (staff commands): no fallback, no guessing."""
    if len(_raw_values(msg, name)) != 1 or _has_defects(msg, name):
        return None
    found = _valid_addresses(_structured_addresses(msg, name))
    if len(found) != 1 or not found[0][1].isascii():
        return None
    return found[0][1]


def _raw_values(msg: Message, name: str) -> list[str]:
    wanted = name.lower()
    return [str(v) for k, v in msg.raw_items() if k.lower() == wanted]


def _has_defects(msg: Message, name: str) -> bool:
    """Whether the `name` headers fail to parse or carry any parse defect."""
    try:
        return any(getattr(h, "defects", ()) for h in msg.get_all(name, []))
    except Exception:
        return True


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "C"


def _valid_addresses(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    result = []
    for display, addr in pairs:
        addr = clean_text(addr).strip().lower()
        # Control characters make an address no one can be answered at (and a header
        # the mail library refuses to write): such an address is no address.
        if "@" in addr and not any(ch.isspace() or ch in '<>"' or _is_control(ch) for ch in addr):
            display = "".join(ch for ch in clean_text(display) if not _is_control(ch))
            result.append((" ".join(display.split()), addr))
    return result


def _structured_addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """Addresses as policy.default parsed them, [] when that parse fails."""
    try:
        found: list[tuple[str, str]] = []
        for header in msg.get_all(name, []):
            addresses: tuple[Address, ...] = getattr(header, "addresses", ())
            found.extend((a.display_name, a.addr_spec) for a in addresses)
        return found
    except Exception:
        return []


def _fallback_addresses(values: list[str]) -> list[tuple[str, str]]:
    """Addresses from a header policy.default could not parse (an unbalanced quote, say).

    getaddresses often gives up on such values too, so as a last resort we pick out
    anything that looks like an addr-spec: a reply to a slightly broken header beats none.
    """
    return _valid_addresses(getaddresses(values)) or [
        ("", a) for a in _ADDR_SPEC.findall(" ".join(values))
    ]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    """The items in first-seen order, without repeats."""
    return tuple(dict.fromkeys(items))


def _message_ids(msg: Message, name: str) -> tuple[str, ...]:
    """Message ids from In-Reply-To / References, without angle brackets."""
    return _unique(_split_message_ids(" ".join(header_values(msg, name))))


def _first_message_id(value: str) -> str | None:
    ids = _split_message_ids(value)
    return ids[0] if ids else None


def _split_message_ids(value: str) -> list[str]:
    """Bracketed ids, or, for clients that leave out the brackets, bare tokens with '@'."""
    ids = _MSGID.findall(value)
    if ids:
        return ids
    return [t.strip("<>") for t in re.split(r"[\s,]+", value) if "@" in t]


def is_address(text: str) -> bool:
    """True for exactly one plain address (name@domain.tld): no list, name or spaces."""
    return _ADDR_SPEC.fullmatch(text.strip()) is not None
