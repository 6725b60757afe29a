"""Worker process that parses untrusted documents under hard limits, one at a time: PDFs
with pypdf and .docx files with bot.entries.documents.docx; see pdf.py.

Runs as a script with `python -I <this file> <memory bytes>`. It reads requests from
stdin and answers each on stdout, both as frames (see `HEADER` and `ANSWER`): a request
is the document's length, the CPU seconds it may use, its options (JSON: the kind and
the kind's limits) and the document; the answer is one JSON object. A crafted file that
makes a parser loop or allocate without bound only takes this process down. It ends at
the end of its input, which is also what happens when the bot that started it dies (a
hostile file in hand is still cut short by the CPU limit).
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import signal
import struct
import sys
from pathlib import Path
from typing import Any, BinaryIO

# A request: the document's length, the CPU seconds it may use and the options' length;
# then the options (JSON), then the document.
HEADER = struct.Struct("!QIQ")
# An answer: the JSON's length, then the JSON.
ANSWER = struct.Struct("!Q")

_MAX_TEXT = 2_000_000
_RAW_JS = re.compile(rb"/(?:JavaScript|JS)(?![A-Za-z0-9])")


def _limit_memory(memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def _limit_cpu(cpu_seconds: int) -> None:
    """Allow this file `cpu_seconds` of CPU on top of what the process used so far.

    RLIMIT_CPU counts the whole life of the process, so the soft limit moves up before
    each file; past it the kernel sends SIGXCPU, which ends this process.
    """
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = used + cpu_seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _is_js_action(action: Any) -> bool:
    try:
        action = action.get_object()
        return bool(action.get("/S") == "/JavaScript" or "/JS" in action)
    except (AttributeError, TypeError, ValueError):
        return False


def _actions(holder: Any) -> list[Any]:
    """The actions a dictionary triggers: /A, /OpenAction and every /AA entry."""
    holder = holder.get_object()
    found = [holder[key] for key in ("/A", "/OpenAction") if key in holder]
    additional = holder.get("/AA")
    if additional is not None:
        found += list(additional.get_object().values())
    return found


def _has_javascript(reader: Any) -> bool:
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True
    holders = [root]
    for page in reader.pages:
        holders.append(page)  # a page's /AA runs JavaScript when the page opens
        holders += list(page.get("/Annots") or [])
    return any(_is_js_action(a) for h in holders for a in _actions(h))


def analyse(data: bytes, layout: bool = False) -> dict[str, Any]:
    from pypdf import PdfReader

    if b"%%EOF" not in data[-2048:]:
        return {"fault": "corrupt", "detail": "filen är avkortad (slutmarkering saknas)"}
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = bool(reader.decrypt(""))
        except Exception:  # missing crypto support also means we cannot read it
            opened = False
        if not opened:
            return {"fault": "encrypted", "detail": "lösenordsskyddad"}
    pages = len(reader.pages)
    if pages == 0:
        return {"fault": "corrupt", "detail": "PDF-filen har inga sidor"}
    javascript = bool(_RAW_JS.search(data)) or _has_javascript(reader)
    texts, total = [], 0
    for page in reader.pages:
        # Layout mode keeps a line's words where the page has them, a table's cells apart.
        text = (
            page.extract_text(extraction_mode="layout") if layout else page.extract_text()
        ) or ""
        texts.append(text)
        total += len(text)
        if total > _MAX_TEXT:
            break
    return {"fault": None, "pages": pages, "javascript": javascript, "text": "\n".join(texts)}


def analyse_docx(data: bytes, options: dict[str, Any]) -> dict[str, Any]:
    """A .docx as bot.entries.documents.docx reads it, as JSON (see `docx_from_json`)."""
    from bot.entries.documents.docx import analyse_docx, docx_to_json
    from bot.entries.documents.ooxml import DocxError
    from bot.entries.documents.safezip import ZipLimits

    try:
        info = analyse_docx(data, ZipLimits(**options.get("zip", {})))
    except DocxError as exc:
        return {"fault": exc.code, "detail": exc.detail}
    limit = int(options.get("max_paragraphs", 0))
    if limit and len(info.paragraphs) > limit:
        return {"fault": "too-dense", "detail": f"{len(info.paragraphs)} stycken"}
    return {"fault": None, "docx": docx_to_json(info)}


def answer(data: bytes, options: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The JSON answer for one document, and whether this process may serve another one."""
    try:
        if options.get("kind") == "docx":
            return analyse_docx(data, options), True
        return analyse(data, bool(options.get("layout"))), True
    except MemoryError:
        # The heap may be left fragmented near the limit: answer, then end, and tell the
        # bot to start a fresh worker for the next file.
        detail = "för minneskrävande att läsa"
        return {"fault": "corrupt", "detail": detail, "retire": True}, False
    except Exception as exc:  # any parser failure is a fault of the file
        return {"fault": "corrupt", "detail": f"{type(exc).__name__}: {exc}"[:300]}, True


def _private_stdout() -> BinaryIO:
    """The answer channel, kept apart from fd 1 so that a stray print cannot corrupt it."""
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return channel


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    while True:
        header = requests.read(HEADER.size)
        if len(header) < HEADER.size:
            return  # end of input: the bot closed the pipe or died
        size, cpu_seconds, options_size = HEADER.unpack(header)
        options = json.loads(requests.read(options_size) or b"{}")
        data = requests.read(size)
        if len(data) < size:
            return
        _limit_cpu(cpu_seconds)
        result, more = answer(data, options)
        del data
        payload = json.dumps(result).encode()
        answers.write(ANSWER.pack(len(payload)) + payload)
        answers.flush()
        if not more:
            return


def main() -> None:
    # Ctrl-C or a service manager's SIGTERM reaches the whole process group, but the bot
    # finishes the message in hand before it stops, and that may need this worker's
    # answer: the worker ends when the bot closes its input, not on the signal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    import pypdf  # noqa: F401  (imported once, before the limits, for every file served)

    # -I leaves the project out of sys.path; the .docx reader is the bot's own code,
    # imported with the first .docx (a worker for PDFs never needs it).
    sys.path.append(str(Path(__file__).resolve().parents[3]))

    answers = _private_stdout()
    _limit_memory(int(sys.argv[1]))
    serve(sys.stdin.buffer, answers)


if __name__ == "__main__":
    main()
