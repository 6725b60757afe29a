"""The registry as records: one per unit, for JSON, CSV and (later) Excel exports."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Unit
from bot.units import flag_codes

FIELDS = (
    "reference",
    "year",
    "unit_name",
    "organisation",
    "manager_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "employees",
    "signup_status",
    "flags",
    "created_at",
    "updated_at",
)


def unit_record(unit: Unit) -> dict[str, Any]:
    return {
        "reference": unit.reference,
        "year": unit.year,
        "unit_name": unit.unit_name,
        "organisation": unit.organisation,
        "manager_name": unit.manager_name,
        "contact_name": unit.contact_name,
        "contact_email": unit.contact_email,
        "contact_phone": unit.contact_phone,
        "employees": unit.employees,
        "signup_status": unit.signup_status,
        "flags": flag_codes(unit),
        "created_at": unit.created_at.isoformat(),
        "updated_at": unit.updated_at.isoformat(),
    }


def records(session: Session, year: int | None = None) -> list[dict[str, Any]]:
    query = select(Unit).order_by(Unit.reference)
    if year is not None:
        query = query.where(Unit.year == year)
    return [unit_record(unit) for unit in session.scalars(query)]


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "flags": ";".join(row["flags"])})
    return out.getvalue()
