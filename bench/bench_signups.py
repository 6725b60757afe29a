"""Benchmark: how well the bot registers sign-ups, field by field, on the sign-up corpus.

Each case of ``tests/signup_corpus/<part>/`` is delivered into a fresh app (SQLite in a
temporary directory, the embedded Maildir), its prior first when it has one, one cycle
each, exactly as the running bot would take it. The registered units in the database are
then compared with ``truth.json``: per field (unit, organisation canonical, manager,
contact, e-mail, phone, status) and the whole sign-up right; the organisation as the mail wrote
it (kept beside the canonical name) is scored on a row of its own, outside the whole. A not-sign-up is right when
it registers nothing. Values compare case- and whitespace-insensitively, phones by their
digits; nothing else is forgiven.

The held-out part (``heldout/``) is never tuned on: only its figures are read. The ``fresh*/``
parts were each written apart from the reader and measured unseen before anyone looked at
their cases (the README gives those first-seen figures and which parts are still unseen).

Run: .venv/bin/python -m bench.bench_signups [--parts dev,fresh,…,heldout] [--show-misses dev]
(every part by default, in the order they were written; a few minutes)
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.clock import STOCKHOLM, FixedClock
from bot.config import load_settings
from bot.mail.mailbox.maildir import deliver
from bot.models import Unit
from bot.runner import App, build_app, run_cycle

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "signup_corpus"
FIELDS = ("unit", "organisation", "manager", "contact", "email", "phone", "status")
_COLUMNS = {
    "unit": "unit_name",
    "organisation": "organisation",
    "manager": "manager_name",
    "contact": "contact_name",
    "email": "contact_email",
    "phone": "contact_phone",
    "organisation_as_written": "organisation_as_written",
}
# Scored on its own row: evidence kept for the staff, not part of "the whole sign-up right".
AS_WRITTEN = "organisation_as_written"
# Every mail of the corpus is dated Feb–Mar 2027; the bot reads them before the deadline.
NOW = datetime(2027, 3, 1, 10, 0, tzinfo=STOCKHOLM)


def _norm(name: str, value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if name == "phone":
        return re.sub(r"\D", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _registered(unit: Unit) -> dict[str, Any]:
    row: dict[str, Any] = {key: getattr(unit, column) for key, column in _COLUMNS.items()}
    row["status"] = "complete" if unit.signup_status == "registered" else "incomplete"
    return row


def run_case(part: Path, case: str) -> tuple[int, list[dict[str, Any]]]:
    """(units after the prior, the units after the case's mail), oldest first."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "KB_DATA_DIR": str(Path(tmp) / "var"),
            "KB_STAFF_ADDRESSES": "staff@stockholm.se",
            "KB_OCR": "off",
        }
        app = build_app(load_settings(env, dotenv_path=Path(tmp) / "no.env"), FixedClock(NOW))
        try:
            before = 0
            prior = part / f"{case}.prior.eml"
            if prior.exists():
                deliver(app.settings.maildir, prior.read_bytes(), NOW)
                run_cycle(app)
                before = len(_units(app))
            deliver(app.settings.maildir, (part / f"{case}.eml").read_bytes(), NOW)
            run_cycle(app)
            return before, _units(app)
        finally:
            app.sessions.kw["bind"].dispose()


def _units(app: App) -> list[dict[str, Any]]:
    with app.sessions() as session:
        return [_registered(u) for u in session.scalars(select(Unit).order_by(Unit.id))]


def _pair(
    truth: list[dict[str, Any]], got: list[dict[str, Any]]
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Each true unit with the registered unit that agrees with it on most fields."""
    left = list(got)
    for unit in truth:
        if not left:
            yield unit, {}
            continue
        best = max(
            left, key=lambda g: sum(_norm(f, g.get(f)) == _norm(f, unit.get(f)) for f in FIELDS)
        )
        left.remove(best)
        yield unit, best


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    units: int = 0
    as_written_right: int = 0
    as_written: int = 0
    whole: int = 0
    cases: int = 0
    not_signup_right: int = 0
    not_signups: int = 0
    misses: list[str] = field(default_factory=list)


def score_case(score: Score, case: str, truth: dict[str, Any], got: list[dict[str, Any]]) -> None:
    score.cases += 1
    if truth["kind"] == "not-signup":
        score.not_signups += 1
        ok = not got
        score.not_signup_right += ok
        score.whole += ok
        if not ok:
            score.misses.append(f"{case}: registered {len(got)} unit(s) from a not-sign-up")
        return
    whole = len(got) == len(truth["units"])
    if not whole:
        score.misses.append(f"{case}: {len(got)} unit(s) registered, {len(truth['units'])} true")
    for unit, best in _pair(truth["units"], got):
        score.units += 1
        for name in FIELDS:
            ok = _norm(name, best.get(name)) == _norm(name, unit.get(name))
            score.right[name] += ok
            whole &= ok
            if not ok:
                score.misses.append(f"{case}: {name} {best.get(name)!r} ≠ {unit.get(name)!r}")
        if AS_WRITTEN in unit:
            ok = _norm(AS_WRITTEN, best.get(AS_WRITTEN)) == _norm(AS_WRITTEN, unit[AS_WRITTEN])
            score.as_written += 1
            score.as_written_right += ok
            if not ok:
                score.misses.append(
                    f"{case}: {AS_WRITTEN} {best.get(AS_WRITTEN)!r} ≠ {unit[AS_WRITTEN]!r}"
                )
    score.whole += whole


def measure(part: Path) -> Score:
    truths: dict[str, Any] = json.loads((part / "truth.json").read_text(encoding="utf-8"))
    score = Score()
    for case, truth in sorted(truths.items()):
        before, got = run_case(part, case)
        # A not-sign-up in a thread leaves the prior's unit; it must add nothing to it.
        score_case(score, case, truth, got[before:] if truth["kind"] == "not-signup" else got)
    return score


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:.1f} %" if total else "–"


def table(results: dict[str, Score]) -> str:
    names = list(results)
    lines = [
        "| field | " + " | ".join(names) + " |",
        "| --- | " + " | ".join("---:" for _ in names) + " |",
    ]
    for name in FIELDS:
        cells = [_pct(s.right[name], s.units) for s in results.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append(
        "| organisation as written | "
        + " | ".join(_pct(s.as_written_right, s.as_written) for s in results.values())
        + " |"
    )
    lines.append(
        "| not-sign-up registers nothing | "
        + " | ".join(_pct(s.not_signup_right, s.not_signups) for s in results.values())
        + " |"
    )
    lines.append(
        "| **whole case right** | "
        + " | ".join(f"**{_pct(s.whole, s.cases)}**" for s in results.values())
        + " |"
    )
    lines.append(
        "| (cases / units) | "
        + " | ".join(f"{s.cases} / {s.units}" for s in results.values())
        + " |"
    )
    return "\n".join(lines)


# Kept unread: their misses are never listed, so that nobody tunes on them.
UNSEEN = ("heldout", "fresh16", "fresh21")


def _parts() -> str:
    """Every part of the corpus: dev, fresh, fresh2 … in the order written, heldout last."""
    names = [p.name for p in CORPUS.iterdir() if (p / "truth.json").exists()]

    def order(name: str) -> tuple[int, int]:
        if name == "dev":
            return (0, 0)
        if name == "heldout":
            return (2, 0)
        return (1, int(name.removeprefix("fresh") or 1))

    return ",".join(sorted(names, key=order))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parts", default=_parts(), help="comma-separated parts (default: all)")
    parser.add_argument(
        "--show-misses", default="", help=f"a part whose misses to list (never {', '.join(UNSEEN)})"
    )
    args = parser.parse_args(argv)
    if args.show_misses in UNSEEN:
        parser.error(f"{args.show_misses} is kept unseen: only its totals are read")
    logging.disable(logging.CRITICAL)
    results = {name: measure(CORPUS / name) for name in args.parts.split(",")}
    print(table(results))
    if args.show_misses and args.show_misses in results:
        print("\n".join(results[args.show_misses].misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
