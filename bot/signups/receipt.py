"""What a sign-up receipt says beside the registration itself.

The receipt repeats what was registered. Besides, it marks the values the bot inferred
rather than read from a label, asks outright about those that rest on weak evidence, shows
a corrected value next to the one it replaced, and opens with one English sentence when
the unit wrote in English.
"""

from __future__ import annotations

from typing import Any

from bot.context import Inbound
from bot.models import Unit
from bot.signups.extract import SignupFields, readable_text
from bot.signups.extract.language import is_english
from bot.signups.extract.provenance import SHOWN


def _shows(unit: Unit, fields: SignupFields, name: str) -> bool:
    """True when ``unit`` holds this mail's value for the field ``name``."""
    value = getattr(fields, name)
    return bool(value) and getattr(unit, name) == value


def marked(unit: Unit, fields: SignupFields) -> list[str]:
    """The fields whose registered value this mail gave by inference, not by a label."""
    return [name for name in SHOWN if name in fields.inferred and _shows(unit, fields, name)]


def _contact(unit: Unit) -> str:
    return ", ".join(v for v in (unit.contact_name, unit.contact_email, unit.contact_phone) if v)


def questions(unit: Unit, fields: SignupFields) -> list[str]:
    """One sentence per weakly evidenced value this mail gave, asking the unit to confirm it."""
    weak = {name for name in fields.weak if _shows(unit, fields, name)}
    asked: list[str] = []
    if weak & {"contact_name", "contact_email"} and unit.contact_name:
        source = (
            " (e-postadressen tog vi från avsändaren av ert mejl)"
            if "contact_email" in weak
            else ""
        )
        asked.append(f"Vi uppfattade att kontaktpersonen är {_contact(unit)}{source}; stämmer det?")
    elif "contact_email" in weak:
        asked.append(
            f"Vi tog kontaktpersonens e-postadress, {unit.contact_email}, från avsändaren av "
            "ert mejl; stämmer det?"
        )
    if "unit_name" in weak:
        asked.append(
            f"Vi uppfattade att verksamheten heter {unit.unit_name}; namnet stod bara i "
            "ämnesraden. Stämmer det?"
        )
    if "organisation" in weak:
        asked.append(_organisation_question(unit, fields))
    return asked


def _organisation_question(unit: Unit, fields: SignupFields) -> str:
    written = fields.organisation_as_written or unit.organisation
    if fields.organisation_known is False:
        return (
            f"Vi hittade inte ”{written}” bland stadens förvaltningar, bolag och vanliga "
            "utförare och har registrerat namnet som ni skrev det; stämmer det?"
        )
    return (
        f"Vi uppfattade att verksamheten hör till {unit.organisation} (ni skrev ”{written}”); "
        "stämmer det?"
    )


def previous_values(before: SignupFields, unit: Unit) -> dict[str, str]:
    """The registered values a mail replaced or cleared, by field: shown as "(tidigare: …)"."""
    return {
        name: old for name in SHOWN if (old := getattr(before, name)) and getattr(unit, name) != old
    }


def in_english(inbound: Inbound) -> bool:
    """True when the mail the receipt answers is written in English."""
    mail = inbound.mail
    return is_english(readable_text(mail.subject, mail.text))


def receipt_notes(
    inbound: Inbound, unit: Unit, fields: SignupFields, previous: dict[str, str] | None = None
) -> dict[str, Any]:
    """The template context a sign-up receipt adds to the unit's registration."""
    return {
        "inferred": marked(unit, fields),
        "questions": questions(unit, fields),
        "previous": previous or {},
        "english": in_english(inbound),
    }
