"""Benchmark: time to proven optimum (or the gap at the time limit) and peak memory.

Each size runs in a fresh process, so that its peak memory is its own. The gap is
measured against the solution's bound, which holds for the whole problem.

Run: .venv/bin/python -m bench.bench_routing [seconds]
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from bot.teams.routing.problem import Params, Problem
from bot.teams.routing.solve import solve
from tests import routing_data

# (entries, examiners, share able to take two entries; None: every fifth, as in the tests)
SIZES: tuple[tuple[int, int, float | None], ...] = (
    (60, 150, None),
    (60, 200, None),
    (200, 600, None),
    (200, 600, 1 / 3),
)


def run(entries: int, examiners: int, doubles: float | None, limit: float) -> str:
    params = Params(
        time_limit=limit, workers=2, visit_period=(date(2027, 9, 1), date(2027, 10, 31))
    )
    people = routing_data.examiners(examiners, doubles=doubles)
    problem = Problem(routing_data.entries(entries), people, params)
    start = time.perf_counter()
    solution = solve(problem)
    seconds = time.perf_counter() - start
    gap = abs(solution.objective - solution.bound) / max(abs(solution.objective), 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    share = "a fifth" if doubles is None else f"{doubles:.0%}"
    return (
        f"{entries} entries / {examiners} examiners ({share} take two): {solution.status}, "
        f"{len(solution.teams)} teams, objective {solution.objective:g}, "
        f"bound {solution.bound:g}, gap {gap:.1%}, {seconds:.1f} s, peak {peak:.0f} MB"
    )


def main(limit: float) -> None:
    spawn = multiprocessing.get_context("spawn")
    for entries, examiners, doubles in SIZES:
        with ProcessPoolExecutor(1, mp_context=spawn) as pool:
            print(pool.submit(run, entries, examiners, doubles, limit).result(), flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0)
