"""Benchmark: checking one full-length entry (about 95,000 characters) without and with OCR.

The entry is a real .docx (python-docx, all 22 questions answered at length, with one
picture inside), its PDF and a 1920×1200 JPEG, checked by `check_entry` exactly as the
workflow calls it. Each mode runs in a fresh subprocess so that its peak memory is its
own: tracemalloc's peak of Python allocations and ru_maxrss of the process (the PDF worker
and Tesseract run as their own subprocesses under their own limits; the PDF worker is
started before the timed run, as a running bot keeps one for many PDFs).

Run: .venv/bin/python -m bench.bench_entry
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _entry() -> tuple[list[Any], str, int]:
    from bot.entries.documents import InputFile
    from bot.entries.documents.presentation import count_no_spaces
    from tests.backlog import _photo
    from tests.documents.docfactory import build_entry, docx_text, make_pdf

    docx = build_entry(answer_chars=3_600, image=_photo(1))
    files = [
        InputFile(
            "Bidrag.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            docx,
        ),
        InputFile("Bidrag.pdf", "application/pdf", make_pdf(docx_text(docx))),
        InputFile("Bild.jpg", "image/jpeg", _photo(2)),
    ]
    body = "Presentationstext:\nFörskolan Solrosen är en förskola där varje barn blir sett.\n"
    return files, body, count_no_spaces(docx_text(docx))


def measure(ocr: bool) -> dict[str, Any]:
    from bot.entries.documents import check_entry

    files, body, characters = _entry()
    # Warm the imports and start the PDF worker, which a running bot keeps for many PDFs,
    # so that neither is timed.
    check_entry(files[:2], body, ocr=False)
    start = time.perf_counter()
    check = check_entry(files, body, ocr=ocr)
    seconds = time.perf_counter() - start
    # A second, traced run for the peak: tracemalloc slows Python down, so not timed.
    tracemalloc.start()
    check_entry(files, body, ocr=ocr)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "ocr": ocr,
        "characters": check.characters or characters,
        "bytes": sum(len(f.data) for f in files),
        "seconds": round(seconds, 2),
        "traced_peak_mb": round(traced_peak / 2**20, 1),
        "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "blocking": [f.code for f in check.findings if f.severity == "blocking"],
    }


def run_mode(ocr: bool) -> dict[str, Any]:
    args = [sys.executable, "-m", "bench.bench_entry", "--one", "ocr" if ocr else "plain"]
    out = subprocess.run(args, cwd=REPO, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def describe(result: dict[str, Any]) -> str:
    mode = "with OCR" if result["ocr"] else "without OCR"
    return (
        f"one entry {mode} ({result['characters']:,} characters, "
        f"{result['bytes'] / 1e6:.1f} MB of files): {result['seconds']} s, "
        f"Python peak {result['traced_peak_mb']} MB, process peak {result['rss_peak_mb']} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", choices=["plain", "ocr"])
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one == "ocr")))
        return
    for ocr in (False, True):
        print(describe(run_mode(ocr)), flush=True)


if __name__ == "__main__":
    main()
