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
    organisation_as_written: Mapped[str | None] = mapped_column(String(300))  # as the mail said
    manager_name: Mapped[str | None] = mapped_column(String(200))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(64))
    employees: Mapped[int | None] = mapped_column(Integer)
    signup_status: Mapped[str] = mapped_column(String(20))
    # Förskola, Skola, Äldreomsorg, Socialtjänst…, Andra verksamheter (set by staff or guessed).
    competition_class: Mapped[str | None] = mapped_column(String(100))
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
    # queued -> sent | failed | suppressed (recipient bounced permanently)
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


class StoredFile(Base):
    """An attachment's bytes on disk under the data dir, content-addressed by sha256."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    # Relative to the data dir, e.g. files/ab/abcdef…; never derived from a mail's file name.
    path: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class Entry(Base):
    """One version of a unit's entry (bidrag); a new submission adds a version."""

    __tablename__ = "entries"
    __table_args__ = (UniqueConstraint("unit_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    inbound_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_messages.id", ondelete="SET NULL")
    )
    received_at: Mapped[datetime]
    # accepted | change_requested; superseded when a newer version arrives
    status: Mapped[str] = mapped_column(String(20))
    characters: Mapped[int | None] = mapped_column(Integer)
    presentation_characters: Mapped[int | None] = mapped_column(Integer)
    # JSON list of {"code", "severity", "message", "check", "filename"}
    problems: Mapped[str] = mapped_column(Text, default="[]")
    late: Mapped[bool] = mapped_column(default=False)
    change_due: Mapped[datetime | None]
    # Set when the staff accept an entry despite its flags (staff command "godkänn").
    staff_accepted_by: Mapped[str | None] = mapped_column(String(320))


class Minutes(Base):
    """A board-minutes extract (protokollsutdrag) received for a unit."""

    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    inbound_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_messages.id", ondelete="SET NULL")
    )
    received_at: Mapped[datetime]
    late: Mapped[bool] = mapped_column(default=False)
    mentions_unit: Mapped[bool | None]
    problems: Mapped[str] = mapped_column(Text, default="[]")


class AttachmentRecord(Base):
    """An attachment as it arrived, tied to its stored bytes and to an entry or minutes."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    inbound_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_messages.id", ondelete="SET NULL"), index=True
    )
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    minutes_id: Mapped[int | None] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"))
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    filename: Mapped[str] = mapped_column(String(255))
    # docx | pdf | picture | presentation | minutes | other
    kind: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)


class Claim(Base):
    """A scheduled mail claimed before it is queued, so it can never go out twice.

    ``key`` names the occasion, e.g. "reminder-entry:2027:entry-7:unit:14" or
    "digest:daily:2027-03-01".
    """

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    kind: Mapped[str] = mapped_column(String(60), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    claimed_at: Mapped[datetime]


class OutreachAddress(Base):
    """An address on the sign-up outreach list (imported from CSV)."""

    __tablename__ = "outreach_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    __table_args__ = (UniqueConstraint("year", "email"),)


class MeetingAttendee(Base):
    """Someone registered for an info meeting or workshop (imported from the form's CSV)."""

    __tablename__ = "meeting_attendees"
    __table_args__ = (UniqueConstraint("year", "meeting_key", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    meeting_key: Mapped[str] = mapped_column(String(60))
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200), default="")


class SuppressedAddress(Base):
    """An address that bounced permanently; not mailed again until the staff clear it."""

    __tablename__ = "suppressed_addresses"

    address: Mapped[str] = mapped_column(String(320), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    since: Mapped[datetime]


class Examiner(Base):
    """An examiner (examinator) of one award year."""

    __tablename__ = "examiners"
    __table_args__ = (UniqueConstraint("year", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    organisation: Mapped[str] = mapped_column(String(300))
    experienced: Mapped[bool] = mapped_column(default=False)
    can_coordinate: Mapped[bool] = mapped_column(default=False)
    # JSON lists: competition classes known, conflicts (unit references or organisations),
    # dates away (ISO dates or "from/to" ranges).
    classes: Mapped[str] = mapped_column(Text, default="[]")
    conflicts: Mapped[str] = mapped_column(Text, default="[]")
    away: Mapped[str] = mapped_column(Text, default="[]")
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(default=True)


class Team(Base):
    """A confirmed examiner team (3–4 examiners, one coordinator)."""

    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("examiners.id"))
    confirmed_at: Mapped[datetime]


class TeamMember(Base):
    __tablename__ = "team_members"
    __table_args__ = (UniqueConstraint("team_id", "examiner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    examiner_id: Mapped[int] = mapped_column(ForeignKey("examiners.id"))


class Assignment(Base):
    """Which team assesses a unit's entry."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))


class PendingChange(Base):
    """A change to a unit asked for from an address not registered for it: held until the
    registered contact confirms it by replying, or the staff approve it by command."""

    __tablename__ = "pending_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    # update (new field values and the sender's address) | withdrawal
    kind: Mapped[str] = mapped_column(String(20))
    sender: Mapped[str] = mapped_column(String(320))
    # JSON object: field name -> new value, as the sender's mail said it.
    changes: Mapped[str] = mapped_column(Text, default="{}")
    inbound_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_messages.id", ondelete="SET NULL")
    )
    # The Message-ID of the mail asking the registered contact to confirm.
    confirm_message_id: Mapped[str | None] = mapped_column(String(400), index=True)
    # waiting -> applied | rejected
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(320))
