"""The registry as an Excel workbook (.xlsx), because the award staff work in Excel.

One row per unit of the year with its sign-up data, flags and where its entry and
minutes stand; a header row that stays in view and an autofilter, nothing clever.
"""

from __future__ import annotations

import io
from typing import Any

# openpyxl ships no type stubs; the few calls used here are checked by the tests.
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.entries.owed import entry_missing, newest_entry
from bot.models import Minutes, Unit
from bot.records.cells import append_text_safe
from bot.records.export import unit_record
from bot.teams.visits.progress import visit_cells

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = (
    ("reference", "Referens"),
    ("unit_name", "Verksamhet"),
    ("organisation", "Förvaltning/bolag/företag"),
    ("competition_class", "Tävlingsklass"),
    ("manager_name", "Chef"),
    ("contact_name", "Kontaktperson"),
    ("contact_email", "E-post"),
    ("contact_phone", "Telefon"),
    ("employees", "Antal anställda"),
    ("signup_status", "Anmälan"),
    ("entry_status", "Bidrag"),
    ("entry_missing", "Saknas i bidraget"),
    ("minutes", "Protokollsutdrag"),
    ("flags", "Flaggor"),
    ("visit_site", "Platsbesök"),
    ("visit_feedback", "Återföringsbesök"),
    ("report", "Skriftlig rapport"),
    ("created_at", "Anmäld"),
)


def registry_rows(session: Session, year: int) -> list[dict[str, Any]]:
    """One record per unit of ``year``, with entry and minutes state added."""
    query = select(Unit).where(Unit.year == year).order_by(Unit.reference)
    return [_row(session, unit) for unit in session.scalars(query)]


def _row(session: Session, unit: Unit) -> dict[str, Any]:
    entry = newest_entry(session, unit)
    has_minutes = session.scalar(select(Minutes.id).where(Minutes.unit_id == unit.id).limit(1))
    return {
        **unit_record(unit),
        "competition_class": unit.competition_class or "",
        "entry_status": entry.status if entry else "",
        "entry_missing": "; ".join(entry_missing(session, unit)),
        "minutes": "ja" if has_minutes is not None else "",
        "flags": ", ".join(unit_record(unit)["flags"]),
        "created_at": unit.created_at.strftime("%Y-%m-%d"),
        **visit_cells(session, unit),
    }


def registry_xlsx(session: Session, year: int) -> bytes:
    """The year's registry as the bytes of an .xlsx file."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"Register {year}"
    sheet.append([title for _, title in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in registry_rows(session, year):
        append_text_safe(sheet, [_cell(row.get(key)) for key, _ in COLUMNS])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column, (_, title) in zip(sheet.columns, COLUMNS, strict=True):
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = max(12, min(40, len(title) + 4))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(value: object) -> object:
    return "" if value is None else value
