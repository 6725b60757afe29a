"""The database tables, as typed SQLAlchemy 2.x models.

Our tables hold all state: units and their sign-ups, every raw inbound message, the outbox,
flags for the staff and an event log. Schema changes go through Alembic migrations in
``bot/migrations``; ``tests/test_db.py`` checks that the migrations match these models.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class AwareDateTime(TypeDecorator[datetime]):
    """Stores UTC and always returns aware datetimes, also on SQLite, which keeps no zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; the clock is always aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: AwareDateTime()}


class Unit(Base):
    """A unit (verksamhet) taking part in one award year."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    unit_name: Mapped[str | None] = mapped_column(String(300))
    organisation: Mapped[str | None] = mapped_column(String(300))
    manager_name: Mapped[str | None] = mapped_column(String(200))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(64))
    employees: Mapped[int | None] = mapped_column(Integer)
    signup_status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    addresses: Mapped[list[UnitAddress]] = relationship(
        back_populates="unit", cascade="all, delete-orphan"
    )
    flags: Mapped[list[Flag]] = relationship(back_populates="unit", cascade="all, delete-orphan")


class UnitAddress(Base):
    """An address allowed to change a unit's data (the contact's, the sign-up sender's)."""

    __tablename__ = "unit_addresses"
    __table_args__ = (UniqueConstraint("unit_id", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    address: Mapped[str] = mapped_column(String(320), index=True)
    unit: Mapped[Unit] = relationship(back_populates="addresses")


class Flag(Base):
    """Something the staff should look at; flags never reject a unit."""

    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("unit_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    unit: Mapped[Unit] = relationship(back_populates="flags")


class InboundMessage(Base):
    """A raw inbound mail, stored before anything else is done with it."""

    __tablename__ = "inbound_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(400), unique=True)
    remote_id: Mapped[str] = mapped_column(String(400))
    message_id: Mapped[str | None] = mapped_column(String(400), index=True)
    received_at: Mapped[datetime]
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    # new -> handled | staff | ignored | quarantine
    status: Mapped[str] = mapped_column(String(20), index=True)
    folder: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    processed_at: Mapped[datetime | None]
    moved: Mapped[bool] = mapped_column(default=False)


class OutboxMail(Base):
    """A mail to send; queued in the same transaction as the step that decided it."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stops one workflow step from queueing the same mail twice, e.g. "receipt:inbound:17".
    dedupe_key: Mapped[str] = mapped_column(String(400), unique=True)
    kind: Mapped[str] = mapped_column(String(60), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    recipient: Mapped[str] = mapped_column(String(320), index=True)
    message_id: Mapped[str] = mapped_column(String(400), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    # queued -> sent | failed
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class Event(Base):
    """The audit trail: what happened, when, to which unit, and who caused it."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(60), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    inbound_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_messages.id", ondelete="SET NULL")
    )
    actor: Mapped[str] = mapped_column(String(320), default="bot")
    detail: Mapped[str] = mapped_column(Text, default="")


class MailboxState(Base):
    """The backend's cursor (sync state, delta link, UIDVALIDITY:UID)."""

    __tablename__ = "mailbox_state"

    backend: Mapped[str] = mapped_column(String(40), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(Text)


class ReferenceCounter(Base):
    """The last reference number handed out per award year."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class PastRecipient(Base):
    """Units that received the award or an honourable mention in earlier years."""

    __tablename__ = "past_recipients"
    __table_args__ = (UniqueConstraint("unit_name", "organisation", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_name: Mapped[str] = mapped_column(String(300))
    organisation: Mapped[str] = mapped_column(String(300), default="")
    year: Mapped[int] = mapped_column(Integer)
    # "award" or "mention" (hedersomnämnande)
    outcome: Mapped[str] = mapped_column(String(20))
