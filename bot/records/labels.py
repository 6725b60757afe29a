"""The Swedish words the staff see for the states the code keeps in English.

One table per kind of state: a unit's sign-up, an entry, a mail that came in and a mail
going out; each state has its singular and plural form, so a count reads "1 anmäld,
2 återkallade". A state that is not listed is shown as it is, so a new state is visible
rather than hidden.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.year.dates import swedish_number

Forms = Mapping[str, tuple[str, str]]

UNIT_STATUS: Forms = {
    "registered": ("anmäld", "anmälda"),
    "incomplete": ("ofullständig", "ofullständiga"),
    "withdrawn": ("återkallad", "återkallade"),
}

ENTRY_STATUS: Forms = {
    "accepted": ("godkänt", "godkända"),
    "change_requested": ("ändring begärd", "ändring begärd"),
    "superseded": ("ersatt", "ersatta"),
    "received": ("mottaget", "mottagna"),
}

# A mail (ett mejl) is neuter: "1 hanterat, 2 hanterade".
INBOUND_STATUS: Forms = {
    "new": ("nytt", "nya"),
    "handled": ("hanterat", "hanterade"),
    "staff": ("till handläggare", "till handläggare"),
    "ignored": ("ignorerat", "ignorerade"),
    "quarantine": ("i karantän", "i karantän"),
    "reviewed": ("åtgärdat", "åtgärdade"),
}

OUTBOX_STATUS: Forms = {
    "queued": ("i kö", "i kö"),
    "sent": ("skickat", "skickade"),
    "failed": ("misslyckat", "misslyckade"),
    "suppressed": ("till spärrad adress", "till spärrad adress"),
}

# Where a mail waiting for the staff lies (the mailbox folder's purpose).
WAITING_WHERE = {"staff": "granska", "quarantine": "karantän"}


def label(table: Forms, status: str | None) -> str:
    """The Swedish word for one ``status`` (singular); an unknown state as it is."""
    if not status:
        return ""
    return table.get(status, (status, status))[0]


def counted(table: Forms, counts: Mapping[str, int], none: str = "inga") -> str:
    """ "2 anmälda, 1 återtagen": each state with the form that agrees with its count, in the
    table's order, unknown states last."""
    order = [*table, *sorted(set(counts) - set(table))]
    parts = []
    for status in order:
        count = counts.get(status, 0)
        if count:
            singular, plural = table.get(status, (status, status))
            parts.append(f"{swedish_number(count)} {singular if count == 1 else plural}")
    return ", ".join(parts) or none
