"""Benchmark: ingest throughput of a realistic backlog on the embedded mailbox.

A generated backlog (sign-ups, replies, entries with a full-length .docx, PDF and JPEG,
auto-replies and bounces, questions; see tests/backlog.py) is delivered into a fresh
Maildir, then one `kvalitetsbot run --once` process handles and answers all of it. The
same mails are also merely parsed with the standard library (`email.message_from_bytes`,
policy.default) in the same run, so the ratio says how much the bot costs on top of
reading the mail at all. The bot's peak memory is its own process's ru_maxrss (wait4).

Run: .venv/bin/python -m bench.bench_ingest [--sizes 500,2000,8000]
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
NOW = "2027-03-20T10:00"


def _parse_only(raws: list[bytes]) -> float:
    start = time.perf_counter()
    for raw in raws:
        email.message_from_bytes(raw, policy=email.policy.default)
    return time.perf_counter() - start


def _bot_env(data_dir: Path) -> dict[str, str]:
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


def run_once(data_dir: Path) -> tuple[float, float, str]:
    """`kvalitetsbot run --once` as its own process: (seconds, peak RSS in MB, output).

    The peak is sampled from /proc while the bot runs: ru_maxrss from wait4 would also
    count this (much larger) benchmark process, whose high-water mark a child inherits
    across fork and exec on Linux.
    """
    command = [sys.executable, "-m", "bot", "--now", NOW, "run", "--once"]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(command, env=_bot_env(data_dir), cwd=data_dir, stdout=out)
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


def measure(size: int) -> dict[str, Any]:
    """Deliver ``size`` mails, parse them once, then let one `run --once` handle them."""
    from bot.mailbox.maildir import deliver
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
        seconds, peak, output = run_once(data_dir)
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
    }


def run_size(size: int) -> dict[str, Any]:
    """One size in a fresh interpreter; its JSON result."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_ingest", "--one", str(size)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def describe(result: dict[str, Any]) -> str:
    return (
        f"{result['size']} mails ({result['megabytes']} MB): {result['seconds']} s "
        f"(start-up {result['startup_seconds']} s), {result['mails_per_second']} mails/s, "
        f"{result['ratio_to_parse']}× the stdlib parse ({result['parse_seconds']} s), "
        f"bot peak {result['bot_peak_mb']} MB; {result['bot_output']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", type=int, help="measure one size in this process (JSON)")
    parser.add_argument("--sizes", default="500,2000", help="comma-separated backlog sizes")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    for size in (int(s) for s in args.sizes.split(",")):
        print(describe(run_size(size)), flush=True)


if __name__ == "__main__":
    main()
