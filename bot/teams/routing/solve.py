"""The entry point: ``solve`` runs the pre-analysis, the phases and the explanations."""

from __future__ import annotations

import time
from dataclasses import replace

from bot.teams.routing.explain import annotate, pre_analysis, solver_reasons
from bot.teams.routing.phases import run
from bot.teams.routing.problem import Problem, Solution


def solve(problem: Problem) -> Solution:
    """Form teams and route every entry, or explain why that cannot be done."""

    start = time.perf_counter()
    reasons = pre_analysis(problem)
    if reasons:
        return Solution("infeasible", reasons=tuple(reasons))
    # The time limit bounds the whole solve, building the model included.
    solution = run(problem, start + problem.params.time_limit)
    seconds = time.perf_counter() - start
    if not solution.ok:
        reasons = solver_reasons(problem, solution.status)
        return Solution(solution.status, reasons=tuple(reasons), seconds=seconds)
    return replace(annotate(problem, solution), seconds=seconds)
