"""The working state of an extraction: what one pass found, and the passes combined."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from bot.signups.extract.vocabulary import SHARED_MAILBOX, address_in, phone_in


@dataclass
class Found:
    """What one pass found. `*_ref` says a role is another person ("manager" or "writer")."""

    unit: str | None = None
    organisation: str | None = None
    manager: str | None = None
    manager_ref: str | None = None
    manager_email: str | None = None
    manager_phone: str | None = None
    contact: str | None = None
    contact_ref: str | None = None  # also "later": "kontaktperson meddelas senare"
    contact_email: str | None = None
    contact_phone: str | None = None
    writer: str | None = None
    writer_is_manager: bool = False
    # "jag är tf. verksamhetschef": the acting manager holds the post now, whoever else the mail
    # names as the ordinary or former one.
    manager_acting: bool = False
    # "Nej förresten, kontaktperson blir Mattias Ek istället": the writer takes back the contact
    # given above (in a label too); this one stands.
    contact_instead: bool = False
    writer_email: str | None = None
    writer_phone: str | None = None
    employees: int | None = None
    used_lines: set[int] = field(default_factory=set)
    last_person: str | None = None  # whose details a bare line of details gives (roles pass)

    def put(self, name: str, value: object) -> None:
        """Set a field unless an earlier line already did: the first statement wins."""
        if value not in (None, "", False) and getattr(self, name) in (None, False):
            setattr(self, name, value)


def combine(passes: list[Found]) -> Found:
    combined = Found()
    for found in passes:
        for f in fields(Found):
            if f.name not in ("used_lines", "last_person"):
                combined.put(f.name, getattr(found, f.name))
    return combined


def attach_details(found: Found, person: str, text: str) -> None:
    email = address_in(text)
    if person == "writer" and email and SHARED_MAILBOX.match(email):
        # "info@…" under the writer's name is the unit's mailbox: the From address is hers.
        email = None
    found.put(f"{person}_email", email)
    found.put(f"{person}_phone", phone_in(text))
