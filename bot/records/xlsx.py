"""The registry as an Excel workbook (.xlsx), because the award staff work in Excel.

One row per unit of the year with its sign-up data, flags and where its entry and
minutes stand, states in Swedish and days as real date cells (so Excel sorts and filters
them as dates); a frozen header with an autofilter, and columns as wide as their data.
Every cell is written by ``_write``, the one place a value becomes a cell.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import STOCKHOLM
from bot.entries.owed import entry_missing, newest_entry
from bot.models import Minutes, Unit
from bot.records.export import unit_record
from bot.records.labels import ENTRY_STATUS, UNIT_STATUS, label
from bot.teams.visits.progress import visit_cells

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = (
    ("reference", "Referens"),
    ("unit_name", "Verksamhet"),
    ("organisation", "Förvaltning/bolag/företag"),
    # As the sign-up wrote it: the staff see what an unknown organisation or alias said.
    ("organisation_as_written", "Organisation enligt anmälan"),
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
    ("entry_received", "Bidraget inkom"),
    ("created_at", "Anmäld"),
)
DATE_FORMAT = "yyyy-mm-dd"
MIN_WIDTH, MAX_WIDTH = 10, 60


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
        "signup_status": label(UNIT_STATUS, unit.signup_status),
        "entry_status": label(ENTRY_STATUS, entry.status) if entry else "",
        "entry_received": _day(entry.received_at) if entry else None,
        "entry_missing": "; ".join(entry_missing(session, unit)),
        "minutes": "ja" if has_minutes is not None else "",
        "flags": ", ".join(unit_record(unit)["flags"]),
        "created_at": _day(unit.created_at),
        **visit_cells(session, unit),
    }


def _day(moment: datetime) -> date:
    return moment.astimezone(STOCKHOLM).date()


def registry_filename(year: int, now: datetime) -> str:
    """register-kvalitetsutmarkelsen-2027-per-2027-05-07.xlsx: the year, and the day it shows."""
    return f"register-kvalitetsutmarkelsen-{year}-per-{_day(now).isoformat()}.xlsx"


def registry_xlsx(session: Session, year: int) -> bytes:
    """The year's registry as the bytes of an .xlsx file."""
    # openpyxl (with numpy under it) is imported when a workbook is made, not with the
    # module: every command, the bot's run included, imports this through the CLI.
    # openpyxl ships no type stubs; the few calls used here are checked by the tests.
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"Register {year}"
    widths = [len(title) for _, title in COLUMNS]
    for column, (_, title) in enumerate(COLUMNS, start=1):
        _write(sheet, 1, column, title).font = Font(bold=True)
    for number, row in enumerate(registry_rows(session, year), start=2):
        for column, (key, _) in enumerate(COLUMNS, start=1):
            cell = _write(sheet, number, column, row.get(key))
            widths[column - 1] = max(widths[column - 1], _shown_length(cell.value))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column, width in enumerate(widths, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write(sheet: Any, row: int, column: int, value: object) -> Any:
    """The one place a value becomes a cell: dates as date cells, None as empty."""
    cell = sheet.cell(row=row, column=column, value="" if value is None else value)
    if isinstance(cell.value, str):
        # Text is data, never a formula: an organisation named "=HYPERLINK(…)" stays text.
        cell.data_type = "s"
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _shown_length(value: object) -> int:
    if isinstance(value, date):
        return len(DATE_FORMAT)
    return max((len(line) for line in str(value).splitlines()), default=0)
