"""Eligibility checks from DESIGN.md; they flag a case for the staff, never reject it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import PastRecipient, Unit
from bot.signups.extract import SignupFields, similar_names

MIN_EMPLOYEES = 5
# A unit that received the award must wait two years: awarded 2021 -> may take part 2024.
AWARD_QUARANTINE_YEARS = 2


def eligibility_flags(session: Session, unit: Unit, fields: SignupFields) -> list[tuple[str, str]]:
    """(code, reason) for each eligibility doubt the mail or our records raise."""
    flags: list[tuple[str, str]] = []
    if fields.employees is not None and fields.employees < MIN_EMPLOYEES:
        flags.append(
            (
                "eligibility:employees",
                f"Anmälan anger {fields.employees} anställda; minst 5 inklusive chef krävs.",
            )
        )
    award_year = _recent_award(session, unit, fields)
    if award_year is not None:
        flags.append(
            (
                "eligibility:award",
                f"Verksamheten fick utmärkelsen {award_year}; tidigast "
                f"{award_year + AWARD_QUARANTINE_YEARS + 1} får den delta igen.",
            )
        )
    return flags


def _recent_award(session: Session, unit: Unit, fields: SignupFields) -> int | None:
    years = set(fields.award_years)
    if unit.unit_name:
        for past in session.scalars(select(PastRecipient).where(PastRecipient.outcome == "award")):
            if similar_names(past.unit_name, unit.unit_name) and _same_org(past, unit):
                years.add(past.year)
    recent = [y for y in years if 0 <= unit.year - y <= AWARD_QUARANTINE_YEARS]
    return max(recent) if recent else None


def _same_org(past: PastRecipient, unit: Unit) -> bool:
    if not past.organisation or not unit.organisation:
        return True
    return similar_names(past.organisation, unit.organisation)
