"""Benchmark: time to proven optimum (or the gap at the time limit) and peak memory.

Run: .venv/bin/python -m bench.bench_routing [seconds]
"""

from __future__ import annotations

import resource
import sys
import time
from datetime import date

from bot.routing import Params, Problem, solve
from tests import routing_data

SIZES = ((60, 150), (60, 200), (200, 600))


def main(limit: float) -> None:
    params = Params(
        time_limit=limit, workers=2, visit_period=(date(2027, 9, 1), date(2027, 10, 31))
    )
    for entries, examiners in SIZES:
        problem = Problem(routing_data.entries(entries), routing_data.examiners(examiners), params)
        start = time.perf_counter()
        solution = solve(problem)
        seconds = time.perf_counter() - start
        gap = abs(solution.objective - solution.bound) / max(abs(solution.objective), 1)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{entries} entries / {examiners} examiners: {solution.status}, "
            f"{len(solution.teams)} teams, objective {solution.objective:g}, "
            f"bound {solution.bound:g}, gap {gap:.1%}, {seconds:.1f} s, peak {peak:.0f} MB"
        )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0)
