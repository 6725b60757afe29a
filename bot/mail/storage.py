"""Attachments on disk, content-addressed by sha256 under the data dir.

A file's path comes from its hash alone, never from the name a mail gave it, so nothing
can be written outside ``<data dir>/files``. The same bytes are stored once.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import StoredFile


def store_bytes(session: Session, data_dir: Path, data: bytes, now: datetime) -> StoredFile:
    """Write ``data`` under ``files/`` (atomically, once) and return its row."""
    digest = hashlib.sha256(data).hexdigest()
    row = session.scalar(select(StoredFile).where(StoredFile.sha256 == digest))
    relative = f"files/{digest[:2]}/{digest}"
    target = data_dir / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{digest}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except OSError:
            # A full disk (ENOSPC) or an I/O error: leave no half-written file behind. The
            # caller's transaction rolls back and the message goes to quarantine, intact.
            tmp.unlink(missing_ok=True)
            raise
    if row is None:
        row = StoredFile(sha256=digest, size=len(data), path=relative, created_at=now)
        session.add(row)
        session.flush()
    return row


def read_bytes(data_dir: Path, stored: StoredFile) -> bytes:
    return (data_dir / stored.path).read_bytes()
