"""The tables of the autumn: a unit's booked visits and its written report.

They live with the visits rather than in ``bot.models`` so the feature stays in one place;
they share its ``Base``, so Alembic and the schema test see them like any other table.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.models import Base

SITE = "site"
FEEDBACK = "feedback"
KINDS = (SITE, FEEDBACK)
KIND_SV = {SITE: "platsbesök", FEEDBACK: "återföringsbesök"}


class Visit(Base):
    """A unit's site visit (platsbesök) or feedback visit (återföringsbesök).

    One row per unit and kind: a changed date updates the row and raises ``sequence``,
    so the calendar event keeps its UID and every client replaces the old one.
    """

    __tablename__ = "visits"
    __table_args__ = (UniqueConstraint("unit_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)
    # "HH:MM" local time; no start means the day is booked but the time is not yet set.
    start: Mapped[str | None] = mapped_column(String(5))
    end: Mapped[str | None] = mapped_column(String(5))
    # booked | cancelled
    status: Mapped[str] = mapped_column(String(20))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    # Who booked it: the coordinator's address or the staff member's.
    booked_by: Mapped[str] = mapped_column(String(320))
    updated_at: Mapped[datetime]


class VisitReport(Base):
    """The team's written report for a unit, held until the ceremony is over."""

    __tablename__ = "visit_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), unique=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    filename: Mapped[str] = mapped_column(String(255))
    # docx | pdf
    kind: Mapped[str] = mapped_column(String(10))
    sender: Mapped[str] = mapped_column(String(320))
    # Delivery is claimed per recipient ("report-delivery:<id>:<address>" in claims).
    received_at: Mapped[datetime]
