"""Child process that parses one PDF under hard limits; see pdf.py.

Runs as a script with `python -I`, reads the PDF on stdin and writes one JSON
object on stdout. It imports only pypdf and the standard library, so a crafted
PDF that makes pypdf loop or allocate without bound only takes this process down.
"""

from __future__ import annotations

import io
import json
import re
import resource
import sys
from typing import Any

_MAX_TEXT = 2_000_000
_RAW_JS = re.compile(rb"/(?:JavaScript|JS)(?![A-Za-z0-9])")


def _limit(memory: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))


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


def analyse(data: bytes) -> dict[str, Any]:
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
        text = page.extract_text() or ""
        texts.append(text)
        total += len(text)
        if total > _MAX_TEXT:
            break
    return {"fault": None, "pages": pages, "javascript": javascript, "text": "\n".join(texts)}


def main() -> None:
    _limit(int(sys.argv[1]), int(sys.argv[2]))
    data = sys.stdin.buffer.read()
    try:
        result = analyse(data)
    except MemoryError:
        result = {"fault": "corrupt", "detail": "för minneskrävande att läsa"}
    except Exception as exc:  # any parser failure is a fault of the file
        result = {"fault": "corrupt", "detail": f"{type(exc).__name__}: {exc}"[:300]}
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
