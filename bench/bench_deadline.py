"""Benchmark: how soon units get their receipts on the last evening before the deadline.

Two simulated hours before 17 May 2027 24.00, 80 entries (a .docx of about 95,000
characters with two to four pictures inside, some with text; its PDF; a presentation
text; a 1920×1200 photo) and 300 other mails (sign-ups, incomplete sign-ups and the
replies completing them, questions, out-of-office replies and bounces) arrive at their
own moments, crowding towards midnight (bench/deadline_mails.py), with OCR on.

The model. The bot runs in this process on the embedded mailbox (SQLite + Maildir) with
the settings' poll interval P (KB_POLL_SECONDS). Time is simulated where the bot would
wait and real where it works:

- a round starts on the poll grid, 22:00 + k·P; a mail is delivered into the Maildir
  when the simulated time passes its arrival, so a round sees every mail that arrived
  before it started;
- the round itself (`run_cycle`: take in and handle every waiting mail, run what the
  calendar makes due, send the outbox) runs for real, and the simulated clock runs with
  it: the bot's `now` is the round's start plus the real seconds since;
- a receipt is sent at the simulated moment its `send` is called; its delay is that
  moment minus the arrival of the mail it answers (In-Reply-To);
- the next round starts at the first grid point after the round ends, as APScheduler's
  interval job with `max_instances=1` skips the runs that fall inside a running one.
  Rounds in which nothing can have arrived are skipped: they only cost an empty listing.

The 80 units sign up in March first (not timed), so every entry comes from a registered
unit. Mails are built beforehand in their own process and read from disk one at a time,
so the peak memory is the bot's: ru_maxrss of this process, the document worker's own
peak (VmHWM), and Tesseract's own peak on the largest picture of an entry (ru_maxrss
from a small parent: a child's ru_maxrss starts at its parent's size). OCR per photo is
timed afterwards on the evening's 1920×1200 photos, each read once as the entry check
reads it (the pre-check included).

Run: [KB_POLL_SECONDS=S] .venv/bin/python -m bench.bench_deadline [--code DIR]
  KB_POLL_SECONDS  another poll interval than the default
  --code DIR       take the `bot` package (with schedules/ and templates/ beside it) from
                   another checkout, for a before/after comparison
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


class SimClock:
    """Simulated time: the round's start, plus the real seconds the round has taken."""

    def __init__(self, start: datetime) -> None:
        self.start, self.real = start, time.perf_counter()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.perf_counter() - self.real)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _summary(delays: list[float]) -> dict[str, float]:
    if not delays:
        return {"count": 0}
    return {
        "count": len(delays),
        "median": round(statistics.median(delays), 1),
        "p95": round(_percentile(delays, 0.95), 1),
        "max": round(max(delays), 1),
    }


def simulate(folder: Path, data_dir: Path) -> dict[str, Any]:
    """Register the units, then play the evening; the receipts' delays and the rounds."""
    from bench.bench_ingest import bot_env
    from bench.deadline_mails import EVENING, REGISTERED, load
    from bot.clock import FixedClock
    from bot.config import load_settings
    from bot.mail.mailbox import deliver
    from bot.runner import build_app, run_cycle

    # The poll interval is the settings' own: the default, or KB_POLL_SECONDS if set.
    poll_seconds = {k: v for k, v in os.environ.items() if k == "KB_POLL_SECONDS"}
    settings = load_settings({**bot_env(data_dir), "KB_OCR": "auto", **poll_seconds})
    app = build_app(settings, FixedClock(REGISTERED))
    inbox = data_dir / "mailbox"
    for path in sorted(folder.glob("reg*.eml")):
        deliver(inbox, path.read_bytes(), REGISTERED)
    run_cycle(app)
    plan = load(folder)
    arrival = {p.message_id: (datetime.fromisoformat(p.at), p.kind, p.sender) for p in plan}
    sent: dict[str, float] = {}  # answered Message-ID -> simulated send time (epoch)
    original_send = app.mailbox.send

    def recording_send(raw: bytes, message_id: str, recipients: Any) -> None:
        original_send(raw, message_id, recipients)
        headers = BytesHeaderParser().parsebytes(raw)
        answered = str(headers.get("In-Reply-To", "")).strip().strip("<>")
        if answered in arrival and arrival[answered][2] in [r.lower() for r in recipients]:
            sent[answered] = max(sent.get(answered, 0.0), app.clock.now().timestamp())

    app.mailbox.send = recording_send  # type: ignore[method-assign]
    poll = settings.poll_seconds
    rounds, busiest, handling = 0, 0.0, 0.0
    start, index = EVENING, 0
    while True:
        while index < len(plan) and datetime.fromisoformat(plan[index].at) <= start:
            item = plan[index]
            deliver(inbox, (folder / item.file).read_bytes(), datetime.fromisoformat(item.at))
            index += 1
        clock = app.clock = SimClock(start)
        report = run_cycle(app)
        took = time.perf_counter() - clock.real
        rounds, busiest, handling = rounds + 1, max(busiest, took), handling + took
        if index == len(plan) and report.ingest.seen == 0 and report.sent == 0:
            break
        # The next grid point after this round; with nothing waiting, the one after the
        # next arrival (the empty rounds between change nothing).
        end = start + timedelta(seconds=took)
        grid = EVENING + timedelta(seconds=poll * -(-(end - EVENING).total_seconds() // poll))
        if index < len(plan) and report.ingest.seen == 0 and report.sent == 0:
            following = datetime.fromisoformat(plan[index].at)
            steps = -(-(following - EVENING).total_seconds() // poll)
            grid = max(grid, EVENING + timedelta(seconds=poll * steps))
        start = grid
    delays: dict[str, list[float]] = {}
    for answered, when in sent.items():
        at, kind, _ = arrival[answered]
        delays.setdefault(kind, []).append(when - at.timestamp())
    everything = [d for values in delays.values() for d in values]
    return {
        "poll_seconds": poll,
        "mails": len(plan),
        "rounds": rounds,
        "busiest_round_seconds": round(busiest, 1),
        "handling_seconds": round(handling, 1),
        "receipts": _summary(everything),
        "by_kind": {kind: _summary(values) for kind, values in sorted(delays.items())},
    }


def ocr_timings(folder: Path) -> dict[str, Any]:
    """Seconds of OCR per picture, as the entry check reads each (pre-check included)."""
    from bench.deadline_mails import load
    from bot.entries.documents.image import ocr_words
    from bot.mail.parse import parse_mail

    photos: dict[bytes, float] = {}
    for item in (p for p in load(folder) if p.kind == "entry"):
        for attachment in parse_mail((folder / item.file).read_bytes()).attachments:
            if attachment.filename == "Bild.jpg" and attachment.data not in photos:
                begin = time.perf_counter()
                ocr_words(attachment.data)
                photos[attachment.data] = time.perf_counter() - begin
    seconds = sorted(photos.values())
    return {
        "photos": len(seconds),
        "photo_median": round(statistics.median(seconds), 3),
        "photo_max": round(max(seconds), 3),
    }


def _children_high_water_mb() -> float:
    """VmHWM of this process's living children (the document worker), in MB."""
    peak = 0.0
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]) / 1024)
            except OSError:
                continue
    return peak


# Runs Tesseract from a small Python process and prints the child's ru_maxrss (KB): a
# child's ru_maxrss starts from its parent's size at fork, so it is only Tesseract's own
# when the parent is small (from this benchmark it would repeat the bot's peak).
_TESSERACT_PEAK = """
import os, resource, subprocess, sys
env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
command = ["tesseract", "stdin", "stdout", "-l", "swe", "tsv"]
subprocess.run(command, input=sys.stdin.buffer.read(), capture_output=True, env=env)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def tesseract_peak_mb(folder: Path) -> float:
    """Tesseract's own peak on the evening's largest text picture, as the bot hands it over."""
    import io

    from PIL import Image

    from bench.deadline_mails import load
    from bot.entries.documents import image
    from bot.entries.documents.docx import analyse_docx
    from bot.mail.parse import parse_mail

    entry = next(p for p in load(folder) if p.kind == "entry")
    word = next(a for a in parse_mail((folder / entry.file).read_bytes()).attachments)
    largest = max(analyse_docx(word.data).images, key=lambda image: len(image.data))
    with Image.open(io.BytesIO(largest.data)) as img:
        rgb = img.convert("RGB")
    side = getattr(image, "OCR_MAX_SIDE", 2400)  # 2400 before it was a setting of its own
    rgb.thumbnail((side, side))
    png = io.BytesIO()
    rgb.save(png, "PNG")
    out = subprocess.run(
        [sys.executable, "-c", _TESSERACT_PEAK], input=png.getvalue(), capture_output=True
    )
    return round(int(out.stdout.split()[-1]) / 1024, 1)


def measure(folder: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kb-deadline-") as tmp:
        result = simulate(folder, Path(tmp))
        result["worker_peak_mb"] = round(_children_high_water_mb(), 1)
    result["process_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["ocr"] = ocr_timings(folder)
    result["tesseract_peak_mb"] = tesseract_peak_mb(folder)
    return result


def run(code: Path | None = None) -> dict[str, Any]:
    """Build the mails in one process and measure in a fresh one; the JSON result."""
    with tempfile.TemporaryDirectory(prefix="kb-deadline-mails-") as tmp:
        me = [sys.executable, "-m", "bench.bench_deadline"]
        subprocess.run([*me, "--build", tmp], cwd=REPO, check=True)
        flags = ["--code", str(code)] if code else []
        out = subprocess.run(
            [*me, "--measure", tmp, *flags], cwd=REPO, capture_output=True, text=True, check=True
        )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def describe(r: dict[str, Any]) -> str:
    receipts, ocr = r["receipts"], r["ocr"]
    kinds = "; ".join(
        f"{kind} {s['count']}: median {s['median']} s, p95 {s['p95']} s, max {s['max']} s"
        for kind, s in r["by_kind"].items()
    )
    return (
        f"deadline evening, {r['mails']} mails, poll every {r['poll_seconds']} s: "
        f"{receipts['count']} receipts, delay median {receipts['median']} s, "
        f"p95 {receipts['p95']} s, max {receipts['max']} s ({kinds}); {r['rounds']} rounds, "
        f"{r['handling_seconds']} s of handling, busiest round {r['busiest_round_seconds']} s; "
        f"OCR per photo median {ocr['photo_median']} s, max {ocr['photo_max']} s "
        f"({ocr['photos']} photos); peak memory: bot process {r['process_peak_mb']} MB, "
        f"document worker {r['worker_peak_mb']} MB, one Tesseract {r['tesseract_peak_mb']} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", type=Path, help="write the evening's mails into DIR")
    parser.add_argument("--measure", type=Path, help="play the mails in DIR (JSON)")
    parser.add_argument("--code", type=Path, help="import `bot` from this checkout")
    args = parser.parse_args()
    if args.code:
        sys.path.insert(0, str(args.code.resolve()))
    if args.build:
        from bench.deadline_mails import build

        build(args.build)
    elif args.measure:
        print(json.dumps(measure(args.measure)))
    else:
        print(describe(run(args.code)), flush=True)


if __name__ == "__main__":
    main()
