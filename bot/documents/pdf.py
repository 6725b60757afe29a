"""Read untrusted PDFs in a separate process with a timeout and a memory limit.

pypdf is pure Python and robust, but a crafted PDF can still make any parser loop
or allocate without bound. Parsing in a child process capped with RLIMIT_AS and
RLIMIT_CPU, and killed after a wall-clock timeout, turns that into a clear fault
instead of a hung or dead bot.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_WORKER = Path(__file__).with_name("_pdf_worker.py")


@dataclass(frozen=True)
class PdfResult:
    fault: str | None  # None, 'encrypted', 'corrupt' or 'timeout'
    detail: str = ""
    text: str = ""
    pages: int = 0
    javascript: bool = False

    @property
    def ok(self) -> bool:
        return self.fault is None


def extract_pdf_text_safely(
    data: bytes, timeout: float = 20.0, memory_bytes: int = 768 * 1024 * 1024
) -> PdfResult:
    """Parse `data` in a child process; never raises for a bad PDF."""
    command = [sys.executable, "-I", str(_WORKER), str(memory_bytes), str(int(timeout) + 1)]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return PdfResult("timeout", f"PDF-filen gick inte att läsa inom {timeout:.0f} sekunder")
    try:
        result = json.loads(done.stdout)
    except ValueError:
        # Killed by a limit (MemoryError before JSON, SIGXCPU) or crashed.
        return PdfResult("corrupt", f"PDF-filen gick inte att läsa (kod {done.returncode})")
    return _from_json(result)


def _from_json(result: dict[str, object]) -> PdfResult:
    fault = result.get("fault")
    if fault is not None:
        return PdfResult(str(fault), str(result.get("detail", "")))
    pages = result.get("pages", 0)
    return PdfResult(
        None,
        text=str(result.get("text", "")),
        pages=pages if isinstance(pages, int) else 0,
        javascript=bool(result.get("javascript")),
    )
