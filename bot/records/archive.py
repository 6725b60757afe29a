"""The export for the city's records, written before a purge removes anything.

Registration of public documents and archiving rules may require the city to keep the
entries. So `kvalitetsbot purge --archive DIR` first writes, for every unit it is about
to purge, the registry record (JSON and CSV) and every file the unit sent as an entry or a
minutes extract, each version in a folder of its own, and the examiner team's written
report, with a manifest of SHA-256 sums the
registrar can check. Only when the archive is complete does the purge begin.

Layout::

    DIR/registry.json, DIR/registry.csv, DIR/manifest.csv
    DIR/<reference>/bidrag-v<version>/<file name>
    DIR/<reference>/rapport/<file name>
    DIR/<reference>/protokollsutdrag-<n>/<file name>
"""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from bot.mail.parse import safe_filename
from bot.models import AttachmentRecord, Entry, Minutes, StoredFile, Unit
from bot.records import export
from bot.records.cells import csv_rows
from bot.teams.visits.store import VisitReport


class Named(Protocol):
    """A stored file's record: an attachment or a report, with the name the sender gave."""

    @property
    def id(self) -> int: ...
    @property
    def filename(self) -> str: ...


class ArchiveError(OSError):
    """The archive could not be written; nothing has been purged."""


@dataclass
class ArchiveReport:
    units: int = 0
    files: int = 0
    bytes: int = 0


def write_archive(
    session: Session, unit_ids: Sequence[int], data_dir: Path, dest: Path
) -> ArchiveReport:
    """Write the records of ``unit_ids`` into the new folder ``dest``.

    Everything is written into a temporary folder beside ``dest`` that is renamed to
    ``dest`` only when complete, so a failure never leaves a half-written archive.
    """
    if dest.exists() and any(dest.iterdir()):
        raise ArchiveError(f"the archive folder {dest} is not empty; choose a new folder.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent))
    try:
        report = _write(session, unit_ids, data_dir, work)
        work.replace(dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return report


def _write(session: Session, unit_ids: Sequence[int], data_dir: Path, dest: Path) -> ArchiveReport:
    units = list(
        session.scalars(select(Unit).where(Unit.id.in_(unit_ids)).order_by(Unit.reference))
    )
    rows = [
        {
            **export.unit_record(u),
            **export.entry_fields(session, u),
            **export.team_fields(session, u),
        }
        for u in units
    ]
    (dest / "registry.json").write_text(export.to_json(rows), encoding="utf-8")
    (dest / "registry.csv").write_text(export.to_csv(rows), encoding="utf-8")
    report = ArchiveReport(units=len(units))
    manifest: list[tuple[str, str, int]] = []
    for unit in units:
        for folder, record, stored in _files(session, unit):
            target = _target(dest, unit.reference, folder, record, manifest)
            _copy(data_dir / stored.path, target, stored, unit.reference)
            manifest.append((target.relative_to(dest).as_posix(), stored.sha256, stored.size))
            report.files += 1
            report.bytes += stored.size
    (dest / "manifest.csv").write_text(_manifest_csv(manifest), encoding="utf-8")
    return report


def _copy(source: Path, target: Path, stored: StoredFile, reference: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copyfile(source, target)
    except FileNotFoundError:
        raise ArchiveError(
            f"a stored file of {reference} is missing ({stored.sha256[:12]}); nothing was purged."
        ) from None
    if hashlib.sha256(target.read_bytes()).hexdigest() != stored.sha256:
        raise ArchiveError(
            f"a stored file of {reference} does not match its checksum; nothing was purged."
        )


def _files(session: Session, unit: Unit) -> list[tuple[str, Named, StoredFile]]:
    """Each entry version's and minutes extract's files, oldest first, and the team's report."""
    found: list[tuple[str, Named, StoredFile]] = []
    entries = session.scalars(select(Entry).where(Entry.unit_id == unit.id).order_by(Entry.version))
    for entry in entries:
        found += _attached(
            session, AttachmentRecord.entry_id == entry.id, f"bidrag-v{entry.version}"
        )
    minutes = session.scalars(
        select(Minutes).where(Minutes.unit_id == unit.id).order_by(Minutes.id)
    )
    for n, extract in enumerate(minutes, start=1):
        found += _attached(
            session, AttachmentRecord.minutes_id == extract.id, f"protokollsutdrag-{n}"
        )
    reports = session.execute(
        select(VisitReport, StoredFile)
        .join(StoredFile, StoredFile.id == VisitReport.file_id)
        .where(VisitReport.unit_id == unit.id)
    )
    found += [("rapport", report, stored) for report, stored in reports]
    return found


def _attached(
    session: Session, condition: ColumnElement[bool], folder: str
) -> list[tuple[str, Named, StoredFile]]:
    rows = session.execute(
        select(AttachmentRecord, StoredFile)
        .join(StoredFile, StoredFile.id == AttachmentRecord.file_id)
        .where(condition)
        .order_by(AttachmentRecord.id)
    )
    return [(folder, record, stored) for record, stored in rows]


def _target(
    dest: Path,
    reference: str,
    folder: str,
    record: Named,
    taken: list[tuple[str, str, int]],
) -> Path:
    """A path inside ``dest``: names come from the mail, so they are made safe first,
    and a second file of the same name in one folder gets a number."""
    name = safe_filename(record.filename, "application/octet-stream", record.id)
    base = dest / safe_filename(reference, "", 0) / folder
    used = {row[0] for row in taken}
    target, n = base / name, 1
    while target.relative_to(dest).as_posix() in used:
        stem, dot, ext = name.rpartition(".")
        target = base / (f"{stem}-{n}.{ext}" if dot else f"{name}-{n}")
        n += 1
    if dest.resolve() not in target.resolve().parents:
        raise ArchiveError("an attachment name points outside the archive; nothing was purged.")
    return target


def _manifest_csv(rows: list[tuple[str, str, int]]) -> str:
    out = io.StringIO()
    csv_rows(out, ["path", "sha256", "bytes"], rows)
    return out.getvalue()
