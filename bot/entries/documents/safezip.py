"""Open untrusted zip containers (.docx, .odt) without trusting them.

Every limit is checked against the central directory BEFORE any entry is
decompressed, so a zip bomb is refused without spending memory or time on it.
Reads are bounded as well, because the declared sizes are attacker-chosen.
Entry names are only ever used as keys, never as paths on disk.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class ZipLimits:
    """Limits for one container; the defaults fit any real Word entry with room to spare."""

    max_entries: int = 2000
    max_total_uncompressed: int = 300 * 1024 * 1024
    max_entry_uncompressed: int = 200 * 1024 * 1024
    # Word XML compresses about 10:1; a ratio far above that on a large entry is a bomb.
    max_ratio: float = 150.0
    ratio_applies_above: int = 1024 * 1024


class ZipRejected(Exception):
    """The container is unsafe ('zip-bomb') or unreadable ('corrupt')."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _check_name(name: str) -> None:
    # We never extract to disk, but such names only occur in crafted files.
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or "\x00" in name:
        raise ZipRejected("corrupt", f"otillåtet filnamn i arkivet: {name!r}")


def _check_entry(info: zipfile.ZipInfo, limits: ZipLimits) -> None:
    _check_name(info.filename)
    if info.file_size > limits.max_entry_uncompressed:
        raise ZipRejected("zip-bomb", f"{info.filename} packas upp till {info.file_size} byte")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limits.ratio_applies_above and ratio > limits.max_ratio:
        raise ZipRejected("zip-bomb", f"{info.filename} har komprimeringsgrad {ratio:.0f}:1")


class SafeZip:
    """A read-only view of a zip archive whose limits have been checked."""

    def __init__(self, data: bytes, limits: ZipLimits | None = None) -> None:
        self.limits = limits or ZipLimits()
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
            raise ZipRejected("corrupt", f"arkivet kan inte läsas: {exc}") from exc
        self._validate(infos)
        self._infos = {info.filename: info for info in infos}

    def _validate(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > self.limits.max_entries:
            raise ZipRejected("zip-bomb", f"arkivet har {len(infos)} filer")
        total = 0
        for info in infos:
            _check_entry(info, self.limits)
            total += info.file_size
        if total > self.limits.max_total_uncompressed:
            raise ZipRejected("zip-bomb", f"arkivet packas upp till {total} byte")

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def read(self, name: str) -> bytes:
        """Read one entry, never more than its (already checked) declared size."""
        info = self._infos[name]
        try:
            with self._zip.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise ZipRejected("corrupt", f"{name} kan inte läsas: {exc}") from exc
        if len(data) > info.file_size:
            raise ZipRejected("zip-bomb", f"{name} är större än angivet")
        return data

    def read_optional(self, name: str) -> bytes | None:
        return self.read(name) if name in self._infos else None
