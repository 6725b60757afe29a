"""Where each sign-up value came from: read from a label, or inferred; and which are weak.

A value read from a label ("Chef: Maria Sjöberg") is what the unit wrote for that field. Any
other value (from a sentence, the signature, the subject, the sender, a forward) is the
bot's reading, so the receipt marks it and the unit can correct it in its own words. A few
inferences rest on so little that the receipt asks about them outright; `weak_fields` is
the one place that says which.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.signups.extract.organisations import OrganisationMatch, read_with_typo
from bot.signups.extract.state import Found

# The fields of a registration the receipt shows, as SignupFields names them.
SHOWN = (
    "unit_name",
    "organisation",
    "manager_name",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and " ".join(a.split()).casefold() == " ".join(b.split()).casefold())


def _labelled(name: str, value: str, labelled: Found, written: str | None) -> bool:
    """True when ``value`` for field ``name`` is what a label of the mail says."""
    contact_is_manager = labelled.contact_ref == "manager"
    if name == "unit_name":
        return _same(value, labelled.unit)
    if name == "organisation":
        said = labelled.organisation or ""
        return bool(said and written and written.casefold() in said.casefold())
    if name == "manager_name":
        return _same(value, labelled.manager)
    if name == "contact_name":
        return _same(value, labelled.contact) or (
            contact_is_manager and _same(value, labelled.manager)
        )
    person = ("contact", "manager") if contact_is_manager else ("contact",)
    detail = name.removeprefix("contact_")
    return any(_same(value, getattr(labelled, f"{who}_{detail}")) for who in person)


def inferred_fields(
    values: Mapping[str, str | None],
    labelled: Found,
    *,
    organisation_written: str | None,
    from_sender: bool,
) -> frozenset[str]:
    """The names of the fields whose value was not read from a label of the mail."""
    return frozenset(
        name
        for name in SHOWN
        if (value := values.get(name))
        and (
            (name == "contact_email" and from_sender)
            or not _labelled(name, value, labelled, organisation_written)
        )
    )


def weak_fields(
    values: Mapping[str, str | None],
    found: Found,
    *,
    body: str,
    organisation: OrganisationMatch | None,
    from_sender: bool,
) -> frozenset[str]:
    """The fields whose value rests on weak evidence, so that the receipt asks about them.

    Weak is: the contact's e-mail taken from the sender's address; a contact the mail never
    names (the writer, or the manager, taken for the contact); a unit name that only the
    subject gives; an organisation that is not on the city's list, was named only by a
    loose word ("Farsta stadsdel") or was read by forgiving a typo. Everything else that
    is inferred is only marked in the receipt, not asked about.
    """
    weak: set[str] = set()
    if from_sender:
        weak.add("contact_email")
    if values.get("contact_name") and found.contact is None and found.contact_ref is None:
        weak.add("contact_name")
    unit = " ".join((values.get("unit_name") or "").split()).casefold()
    if unit and unit not in " ".join(body.split()).casefold():
        weak.add("unit_name")
    if organisation is not None and (
        not organisation.known or organisation.weak or read_with_typo(organisation.written)
    ):
        weak.add("organisation")
    return frozenset(weak)
