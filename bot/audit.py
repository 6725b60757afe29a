"""The event log: one row per thing that happened, for the staff and for audits."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.models import Event


def record(
    session: Session,
    kind: str,
    now: datetime,
    *,
    unit_id: int | None = None,
    inbound_id: int | None = None,
    actor: str = "bot",
    **detail: Any,
) -> None:
    session.add(
        Event(
            at=now,
            kind=kind,
            unit_id=unit_id,
            inbound_id=inbound_id,
            actor=actor,
            detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
        )
    )
