"""Benchmark: ingest throughput of a realistic backlog on the embedded mailbox.

A generated backlog (sign-ups, replies, entries with a full-length .docx, PDF and JPEG,
auto-replies and bounces, questions; see tests/backlog.py) is delivered into a fresh
Maildir, then one `kvalitetsbot run --once` process handles and answers all of it. The
same mails are also merely parsed with the standard library (`email.message_from_bytes`,
policy.default) in the same run, so the ratio says how much the bot costs on top of
reading the mail at all. The bot's peak memory is its own process's ru_maxrss (wait4).

With --profile the measured run goes under cProfile (slower, so its wall time is not the
benchmark's) and the result adds each part's cost in milliseconds per mail: CPU-bound parts
measured this way are steadier than wall time on a shared machine.

Run: .venv/bin/python -m bench.bench_ingest [--sizes 500,2000,8000] [--profile]
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
NOW = "2027-03-20T10:00"
# The parts of a round, as (label, file and function in pstats' terms), for --profile. cProfile
# sees only the main thread, so the work check_entry hands to its threads counts as its own.
PARTS = (
    ("store raw", "bot/ingest.py", "store"),
    ("parse mail", "bot/mail/parse.py", "parse_mail"),
    ("handle (all)", "bot/workflow.py", "handle"),
    ("  sign-ups", "bot/signups/signup.py", "handle_signup"),
    ("  entries", "bot/entries/entry.py", "handle_entry"),
    ("    check_entry", "bot/entries/documents/entry_check.py", "check_entry"),
    ("  outbox.queue", "bot/mail/outbox.py", "queue"),
    ("move to folder", "bot/ingest.py", "move"),
    ("send outbox", "bot/mail/outbox.py", "send_pending"),
    ("SQLite commits", "~", "<method 'commit' of 'sqlite3.Connection' objects>"),
    ("fsync", "~", "<built-in method posix.fsync>"),
)


def _parse_only(raws: list[bytes]) -> float:
    start = time.perf_counter()
    for raw in raws:
        email.message_from_bytes(raw, policy=email.policy.default)
    return time.perf_counter() - start


def bot_env(data_dir: Path) -> dict[str, str]:
    """The environment of a bot on a fresh data dir: embedded mailbox, no .env, OCR off."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    env.update(
        {
            "KB_DATA_DIR": str(data_dir),
            "KB_ENV_FILE": str(data_dir / "no.env"),
            "KB_STAFF_ADDRESSES": "staff@stockholm.se",
            "KB_LOG_LEVEL": "WARNING",
            "KB_OCR": "off",
            "PYTHONPATH": str(REPO),
        }
    )
    return env


def _high_water_mb(pid: int) -> float:
    """VmHWM of a running process: its own peak RSS since exec (0 once it has exited)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_once(data_dir: Path, profile: Path | None = None) -> tuple[float, float, str]:
    """`kvalitetsbot run --once` as its own process: (seconds, peak RSS in MB, output).

    The peak is sampled from /proc while the bot runs: ru_maxrss from wait4 would also
    count this (much larger) benchmark process, whose high-water mark a child inherits
    across fork and exec on Linux.
    """
    command = [sys.executable, "-m", "bot", "--now", NOW, "run", "--once"]
    if profile is not None:
        command[1:1] = ["-m", "cProfile", "-o", str(profile)]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(command, env=bot_env(data_dir), cwd=data_dir, stdout=out)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, _high_water_mb(proc.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        out.seek(0)
        output = out.read()
    if proc.returncode != 0:
        raise RuntimeError(f"run --once failed with {proc.returncode}")
    return seconds, peak, output.strip()


def parts_per_mail(profile: Path, size: int) -> dict[str, float]:
    """Cumulative milliseconds per mail of each part in PARTS (absent parts are left out)."""
    stats: dict[tuple[str, int, str], tuple[Any, ...]] = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]
    result = {}
    for label, filename, function in PARTS:
        seconds = sum(
            row[3]
            for (file, _, name), row in stats.items()
            if file.endswith(filename) and name == function
        )
        if seconds:
            result[label] = round(seconds * 1000 / size, 2)
    return result


def measure(size: int, profile: bool = False) -> dict[str, Any]:
    """Deliver ``size`` mails, parse them once, then let one `run --once` handle them."""
    from bot.mail.mailbox.maildir import deliver
    from tests.backlog import backlog

    mails = backlog(size)
    mix = dict(Counter(m.kind for m in mails))
    megabytes = round(sum(len(m.raw) for m in mails) / 1e6, 1)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        data_dir = Path(tmp)
        run_once(data_dir)  # creates and migrates the database
        empty, _, _ = run_once(data_dir)  # start-up of a bot with nothing to do
        for mail in mails:
            deliver(data_dir / "mailbox", mail.raw, mail.at)
        parse_seconds = _parse_only([m.raw for m in mails])
        del mails
        profile_file = data_dir / "run.prof" if profile else None
        seconds, peak, output = run_once(data_dir, profile_file)
        parts = parts_per_mail(profile_file, size) if profile_file else {}
    return {
        "size": size,
        "mix": mix,
        "megabytes": megabytes,
        "seconds": round(seconds, 2),
        "startup_seconds": round(empty, 2),
        "mails_per_second": round(size / seconds, 1),
        "parse_seconds": round(parse_seconds, 3),
        "ratio_to_parse": round(seconds / parse_seconds, 1),
        "bot_peak_mb": round(peak, 1),
        "bot_output": output,
        "ms_per_mail": parts,
    }


def run_size(size: int, profile: bool = False) -> dict[str, Any]:
    """One size in a fresh interpreter; its JSON result."""
    flags = ["--profile"] if profile else []
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_ingest", "--one", str(size), *flags],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def describe(result: dict[str, Any]) -> str:
    parts = "".join(
        f"\n    {label:<16} {ms:8.2f} ms/mail"
        for label, ms in result.get("ms_per_mail", {}).items()
    )
    timed = " (under cProfile)" if parts else ""
    return (
        f"{result['size']} mails ({result['megabytes']} MB): {result['seconds']} s{timed} "
        f"(start-up {result['startup_seconds']} s), {result['mails_per_second']} mails/s, "
        f"{result['ratio_to_parse']}× the stdlib parse ({result['parse_seconds']} s), "
        f"bot peak {result['bot_peak_mb']} MB; {result['bot_output']}{parts}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", type=int, help="measure one size in this process (JSON)")
    parser.add_argument("--sizes", default="500,2000", help="comma-separated backlog sizes")
    parser.add_argument("--profile", action="store_true", help="run under cProfile, add parts")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.profile)))
        return
    for size in (int(s) for s in args.sizes.split(",")):
        print(describe(run_size(size, args.profile)), flush=True)


if __name__ == "__main__":
    main()
