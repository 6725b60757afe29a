"""The Swedish words the staff see for the states the code keeps in English.

One table per kind of state: a unit's sign-up, an entry, a mail that came in and a mail
going out. A state that is not listed is shown as it is, so a new state is visible rather
than hidden.
"""

from __future__ import annotations

UNIT_STATUS = {
    "registered": "anmäld",
    "incomplete": "ofullständig",
    "withdrawn": "återtagen",
}

ENTRY_STATUS = {
    "accepted": "godkänt",
    "change_requested": "ändring begärd",
    "superseded": "ersatt",
    "received": "mottaget",
}

INBOUND_STATUS = {
    "new": "ny",
    "handled": "hanterad",
    "staff": "till handläggare",
    "ignored": "ignorerad",
    "quarantine": "i karantän",
    "reviewed": "åtgärdad",
}

OUTBOX_STATUS = {
    "queued": "i kö",
    "sent": "skickat",
    "failed": "misslyckat",
    "suppressed": "spärrad mottagare",
}


def label(table: dict[str, str], status: str | None) -> str:
    """The Swedish word for ``status`` in ``table``; an unknown state as it is."""
    if not status:
        return ""
    return table.get(status, status)
