"""Read untrusted documents (PDFs, and .docx through `docx_sandbox`) in a separate process
with a timeout and a memory limit.

pypdf is pure Python and robust, but a crafted PDF can still make any parser loop
or allocate without bound. Parsing in a child process capped with RLIMIT_AS and
RLIMIT_CPU, and killed after a wall-clock timeout, turns that into a clear fault
instead of a hung or dead bot.

Starting Python and importing pypdf costs about 0.15 s, three times the parse of a
typical entry PDF, so one worker process (_pdf_worker.py) reads PDFs one after another.
The limits still hold for each file: RLIMIT_AS caps the worker, which holds one PDF at a
time; the worker moves its CPU limit up by the file's allowance before each file; and
this side kills the worker when a file overruns the wall-clock timeout. A worker that
timed out, crashed, hit a limit or sent an unreadable answer is never asked again: the
next PDF gets a fresh one. Each worker also retires after `MAX_FILES` files, so nothing a
hostile file left in the worker's heap lives on for long.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bot.entries.documents._pdf_worker import ANSWER, HEADER

_WORKER = Path(__file__).with_name("_pdf_worker.py")
MAX_FILES = 200


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


class _WorkerGone(Exception):
    """The worker ended (a limit, a crash) before it answered."""


class _Worker:
    """One running _pdf_worker.py process and the pipes to it."""

    def __init__(self, memory_bytes: int) -> None:
        self.memory_bytes = memory_bytes
        self.owner = os.getpid()
        self.files = 0
        self.process = subprocess.Popen(
            [sys.executable, "-I", str(_WORKER), str(memory_bytes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def usable(self, memory_bytes: int) -> bool:
        return (
            self.memory_bytes == memory_bytes
            and self.owner == os.getpid()  # a forked copy must not share the pipes
            and self.files < MAX_FILES
            and self.process.poll() is None
        )

    def send(self, data: bytes, cpu_seconds: int, options: bytes) -> None:
        """Hand the worker one document; _WorkerGone if it ended before reading it."""
        self.files += 1
        stdin = self._pipe(self.process.stdin)
        try:
            stdin.write(HEADER.pack(len(data), cpu_seconds, len(options)))
            stdin.write(options)
            stdin.write(data)
            stdin.flush()
        except OSError as exc:  # BrokenPipeError
            raise _WorkerGone from exc

    def receive(self, deadline: float) -> dict[str, object]:
        """The worker's answer; TimeoutError past ``deadline``, _WorkerGone if it died."""
        (size,) = ANSWER.unpack(self._read(ANSWER.size, deadline))
        try:
            answer: dict[str, object] = json.loads(self._read(size, deadline))
        except ValueError as exc:
            raise _WorkerGone from exc
        return answer

    def _read(self, size: int, deadline: float) -> bytes:
        fd = self._pipe(self.process.stdout).fileno()
        chunks: list[bytes] = []
        while size > 0:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError
            chunk = os.read(fd, min(size, 1 << 20))
            if not chunk:
                raise _WorkerGone
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    @staticmethod
    def _pipe(pipe: IO[bytes] | None) -> IO[bytes]:
        assert pipe is not None
        return pipe

    def returncode(self) -> int | None:
        try:
            return self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return None

    def stop(self) -> None:
        if self.owner != os.getpid():
            return
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


_lock = threading.Lock()
# One worker per memory limit, so that PDFs and .docx files (different limits) do not
# restart each other's worker.
_workers: dict[int, _Worker] = {}


def _worker(memory_bytes: int) -> _Worker:
    current = _workers.get(memory_bytes)
    if current is None or not current.usable(memory_bytes):
        if current is not None:
            current.stop()
        current = _workers[memory_bytes] = _Worker(memory_bytes)
    return current


def _retire(memory_bytes: int | None = None) -> None:
    """Stop the worker (a new one starts on the next file); None: every worker."""
    for key in [memory_bytes] if memory_bytes is not None else list(_workers):
        worker = _workers.pop(key, None) if key is not None else None
        if worker is not None:
            worker.stop()


atexit.register(_retire)


def run_in_worker(
    data: bytes,
    options: dict[str, object],
    timeout: float,
    memory_bytes: int,
    cpu_seconds: int | None = None,
) -> dict[str, object]:
    """The worker's answer for one document, or a fault: "timeout" past ``timeout``
    seconds (counted from the call, so starting a worker is included), "gone" with the
    exit code when a limit or a crash ended the worker."""
    deadline = time.monotonic() + timeout
    encoded = json.dumps(options).encode()
    with _lock:
        try:
            # The file's CPU allowance is a second past the timeout unless ``cpu_seconds``
            # says otherwise (tests give a small allowance with a generous timeout).
            allowance = cpu_seconds if cpu_seconds is not None else int(timeout) + 1
            worker = _hand_over(data, allowance, memory_bytes, encoded)
            answer = worker.receive(deadline)
        except TimeoutError:
            _retire(memory_bytes)
            return {"fault": "timeout", "detail": f"inom {timeout:.0f} sekunder"}
        except _WorkerGone:
            # Killed by a limit (MemoryError before the answer, SIGXCPU) or crashed.
            gone = _workers.get(memory_bytes)
            code = gone.returncode() if gone is not None else None
            _retire(memory_bytes)
            return {"fault": "gone", "detail": f"kod {code}"}
        if answer.get("retire"):
            _retire(memory_bytes)
    return answer


def extract_pdf_text_safely(
    data: bytes,
    timeout: float = 20.0,
    memory_bytes: int = 768 * 1024 * 1024,
    cpu_seconds: int | None = None,
    layout: bool = False,
) -> PdfResult:
    """Parse `data` in the worker process; never raises for a bad PDF. With ``layout`` each
    line keeps its words where the page has them (a table's columns apart by spaces)."""
    options = {"kind": "pdf", "layout": layout}
    answer = run_in_worker(data, options, timeout, memory_bytes, cpu_seconds)
    if answer.get("fault") == "timeout":
        return PdfResult("timeout", f"PDF-filen gick inte att läsa inom {timeout:.0f} sekunder")
    if answer.get("fault") == "gone":
        return PdfResult("corrupt", f"PDF-filen gick inte att läsa ({answer['detail']})")
    return _from_json(answer)


def _hand_over(data: bytes, cpu_seconds: int, memory_bytes: int, options: bytes) -> _Worker:
    """Send ``data`` to a worker; a reused worker that ended between files is replaced."""
    worker = _worker(memory_bytes)
    try:
        worker.send(data, cpu_seconds, options)
    except _WorkerGone:
        if worker.files == 1:
            raise  # a fresh worker that cannot take one file will not take it again
        _retire(memory_bytes)
        worker = _worker(memory_bytes)
        worker.send(data, cpu_seconds, options)
    return worker


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
