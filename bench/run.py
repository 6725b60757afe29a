"""Run every benchmark and rewrite the README's "## Performance" section with the results.

The section lies between `<!-- bench:start -->` and `<!-- bench:end -->`; everything
between the markers is replaced, nothing else in the README is touched.

Run: .venv/bin/python -m bench.run [--full] [--routing SECONDS] [--no-readme] [--no-deadline]
  --full         also the 8,000-mail backlog (several minutes)
  --routing S    also the examiner assignment solve, with a time limit of S seconds
  --no-deadline  without the deadline evening (bench_deadline, about four minutes)
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bench import bench_deadline, bench_entry, bench_ingest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
TARGET_SECONDS, TARGET_MB = 60.0, 300.0
TARGET_P95_SECONDS, TARGET_OCR_PHOTO_SECONDS = 60.0, 0.5


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}, "
        f"{mem_kb / 2**20:.1f} GiB RAM, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def ingest_section(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| mails | MB | mix | seconds | mails/s | × stdlib parse | bot peak MB |",
        "|---:|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        mix = ", ".join(f"{v} {k}" for k, v in sorted(r["mix"].items()))
        lines.append(
            f"| {r['size']:,} | {r['megabytes']} | {mix} | {r['seconds']} | "
            f"{r['mails_per_second']} | {r['ratio_to_parse']} | {r['bot_peak_mb']} |"
        )
    by_size = {r["size"]: r for r in results}
    lines.append("")
    if 2000 in by_size:
        r = by_size[2000]
        lines.append(
            f"- 2,000 mails in under {TARGET_SECONDS:.0f} s: {r['seconds']} s, "
            f"{_verdict(r['seconds'] < TARGET_SECONDS)}."
        )
    peak = max(r["bot_peak_mb"] for r in results)
    lines.append(
        f"- Peak memory under {TARGET_MB:.0f} MB: {peak} MB, {_verdict(peak < TARGET_MB)}."
    )
    per_mail = [r["seconds"] / r["size"] for r in results]
    spread = max(per_mail) / min(per_mail)
    lines.append(
        "- Linear growth: time per mail "
        + " → ".join(f"{1000 * p:.0f} ms" for p in per_mail)
        + f" (largest/smallest {spread:.2f}), {_verdict(spread < 1.3)}."
    )
    lines.append(f"- Start-up of `run --once` (included above): {results[0]['startup_seconds']} s.")
    return lines


def entry_section(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| OCR | characters | files MB | seconds | Python peak MB | process peak MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {'on' if r['ocr'] else 'off'} | {r['characters']:,} | {r['bytes'] / 1e6:.1f} | "
            f"{r['seconds']} | {r['traced_peak_mb']} | {r['rss_peak_mb']} |"
        )
    return lines


def deadline_section(r: dict[str, Any]) -> list[str]:
    lines = [
        "| mails | receipts | median s | p95 s | max s |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, s in [("all", r["receipts"]), *r["by_kind"].items()]:
        lines.append(f"| {kind} | {s['count']} | {s['median']} | {s['p95']} | {s['max']} |")
    p95, photo = r["receipts"]["p95"], r["ocr"]["photo_median"]
    return [
        *lines,
        "",
        f"- p95 receipt delay under {TARGET_P95_SECONDS:.0f} s at a {r['poll_seconds']} s "
        f"poll: {p95} s, {_verdict(p95 < TARGET_P95_SECONDS)}.",
        f"- OCR under {TARGET_OCR_PHOTO_SECONDS} s per photo: median {photo} s over "
        f"{r['ocr']['photos']} photos, {_verdict(photo < TARGET_OCR_PHOTO_SECONDS)}; the "
        f"slowest {r['ocr']['photo_max']} s (a photo with a caption on it is read in full).",
        f"- {r['rounds']} rounds, {r['handling_seconds']} s of real handling in all, the "
        f"busiest round {r['busiest_round_seconds']} s.",
        f"- Peak memory: the bot process {r['process_peak_mb']} MB, the document worker "
        f"{r['worker_peak_mb']} MB, one Tesseract {r['tesseract_peak_mb']} MB.",
    ]


def routing_section(limit: float) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_routing", str(limit)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return [f"- {line}" for line in out.stdout.strip().splitlines()]


def render(
    ingest: list[dict[str, Any]],
    entry: list[dict[str, Any]],
    deadline: dict[str, Any] | None,
    routing: list[str],
) -> str:
    lines = [
        START,
        "",
        f"Measured by `make bench` on {date.today().isoformat()}: {machine()}.",
        "",
        "**Ingest** (`bench/bench_ingest.py`): a generated backlog through one "
        "`kvalitetsbot run --once` on the embedded mailbox (SQLite + Maildir), every mail "
        "handled and answered; the ratio compares with merely parsing the same mails with "
        "`email.message_from_bytes(policy=default)`.",
        "",
        *ingest_section(ingest),
        "",
        "**One entry** (`bench/bench_entry.py`): a 95,000-character entry as .docx (with a "
        "picture inside), PDF and a 1920×1200 JPEG through `check_entry`.",
        "",
        *entry_section(entry),
    ]
    if deadline:
        lines += [
            "",
            "**The deadline evening** (`bench/bench_deadline.py`): 80 entries (a 95,000-character "
            ".docx with two to four pictures, some with text; PDF; presentation text; a "
            "1920×1200 photo) and 300 other mails arrive over the two hours before 17 May "
            "24.00, crowding towards midnight, with OCR on; the bot polls at the configured "
            "interval, its rounds take their real time, the waiting between them is simulated "
            "(the model is in the module's docstring). Delay is from a mail's arrival to the "
            "sending of its receipt; questions get no receipt (they go to the staff).",
            "",
            *deadline_section(deadline),
        ]
    if routing:
        lines += ["", "**Examiner assignment** (`bench/bench_routing.py`):", "", *routing]
    return "\n".join([*lines, "", END])


def rewrite_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8")
    if START not in text:
        text = text.rstrip("\n") + "\n\n## Performance\n\n" + START + "\n" + END + "\n"
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    README.write_text(pattern.sub(lambda _m: section, text, count=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="also 8,000 mails")
    parser.add_argument("--routing", type=float, default=0, metavar="SECONDS")
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--no-deadline", action="store_true", help="leave out bench_deadline")
    args = parser.parse_args()
    sizes = [500, 2000, 8000] if args.full else [500, 2000]
    ingest = []
    for size in sizes:
        ingest.append(bench_ingest.run_size(size))
        print(bench_ingest.describe(ingest[-1]), flush=True)
    entry = []
    for ocr in (False, True):
        entry.append(bench_entry.run_mode(ocr))
        print(bench_entry.describe(entry[-1]), flush=True)
    deadline = None if args.no_deadline else bench_deadline.run()
    if deadline:
        print(bench_deadline.describe(deadline), flush=True)
    routing = routing_section(args.routing) if args.routing else []
    print("\n".join(routing))
    section = render(ingest, entry, deadline, routing)
    if not args.no_readme:
        rewrite_readme(section)
        print(f"README.md updated between {START} and {END}.")


if __name__ == "__main__":
    main()
