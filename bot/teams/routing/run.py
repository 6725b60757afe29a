"""Solving the model over one set of slots, and reading its answer back as teams.

The answer carries a bound that holds for the whole problem, whatever slots were
solved: an exact model's own proven bound, or else ``lower_bound``, which needs no
solver at all. An answer is optimal only when it meets that bound.
"""

from __future__ import annotations

import os
import time

from ortools.sat.python import cp_model

from bot.teams.routing.greedy import Plan
from bot.teams.routing.model import W_KEEP, W_LOAD, W_SAME_ORG, Slots, Vars, build
from bot.teams.routing.problem import ExaminerIn, PinnedTeam, Problem, Solution, TeamOut, max_teams
from bot.teams.routing.shortfall import teams_for

# The solver always gets this long, even when building the model used up the time limit.
MIN_SECONDS = 1.0

STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "unknown",
}


def run_slots(
    problem: Problem,
    examiners: list[ExaminerIn],
    eligible: list[frozenset[int]],
    slots: Slots,
    plan: Plan,
    deadline: float,
    *,
    exact: bool,
) -> Solution:
    """Build and solve the model over ``slots``. Only an ``exact`` model (every slot, every
    examiner) may report its own bound or infeasibility; a restricted one is checked
    against the valid bound of the full problem instead."""
    model = cp_model.CpModel()
    v = build(model, problem, examiners, eligible, slots)
    _hint(model, v, plan)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(deadline - time.perf_counter(), MIN_SECONDS)
    solver.parameters.num_workers = problem.params.workers
    # Probing the large models costs more than it saves once the greedy hint is there.
    solver.parameters.cp_model_probing_level = 1 if len(v.y) > 20_000 else 2
    solver.parameters.log_search_progress = bool(os.environ.get("KB_SOLVER_LOG"))
    status = STATUS.get(solver.solve(model), "unknown")
    if status not in ("optimal", "feasible"):
        return Solution(status if exact else "unknown")
    objective = solver.objective_value
    bound = lower_bound(problem, examiners)
    if exact:
        bound = max(bound, solver.best_objective_bound)
    return Solution(
        "optimal" if objective <= bound else "feasible",
        teams=_read(solver, v, problem, examiners, slots),
        objective=objective,
        bound=bound,
    )


def lower_bound(problem: Problem, examiners: list[ExaminerIn]) -> float:
    """A bound no assignment can beat: penalties are never negative, every entry beyond
    the most teams that coordinators and examiners allow costs W_LOAD, and at best every
    confirmed assignment that can still be earned is kept (``keepable``)."""
    kept = sum(keepable(problem, team, examiners) for team in problem.pinned)
    return float(_teams_cost(problem, examiners) - W_KEEP * kept)


def _teams_cost(problem: Problem, examiners: list[ExaminerIn]) -> int:
    """The least the number of teams costs: W_LOAD per entry beyond a team's first, and
    the same-organisation penalty that few organisations force on every team.

    A team of ``size`` members from ``d`` organisations pays W_SAME_ORG for each of its
    ``size - d`` extra members of an organisation already in it. With the examiners from
    ``k`` organisations, ``d <= k`` and ``size >= team_min``, so every team pays at least
    ``excess = max(0, team_min - k)`` times W_SAME_ORG. Any assignment has ``t`` teams
    with ``fewest <= t <= most``: ``most`` from coordinators and examiners
    (``max_teams``), ``fewest`` from how many entries the examiners' capacities let
    teams take (``teams_for``, argued in ``shortfall``). These two terms cost
    ``W_LOAD * (entries - t) + W_SAME_ORG * excess * t``, linear in ``t``, so its least
    value over the range is at one end; all other penalties are never negative.
    """
    p = problem.params
    entries = len(problem.entries)
    most = max_teams(problem, examiners)
    orgs = len({ex.organisation.lower().strip() for ex in examiners})
    excess = max(0, p.team_min - orgs)
    if not excess or not entries:
        return W_LOAD * max(0, entries - most)
    capacities = sorted((min(ex.capacity, p.max_entries) for ex in examiners), reverse=True)
    fewest = min(teams_for(p, capacities, entries), most)
    return min(W_LOAD * (entries - t) + W_SAME_ORG * excess * t for t in (fewest, most))


def keepable(problem: Problem, team: PinnedTeam, examiners: list[ExaminerIn]) -> int:
    """The most keep-rewards a confirmed team can earn in the model: one per remaining
    entry, per member still available (no more than a team may have) and for a
    coordinator who still can coordinate. A team with none of its entries left has no
    slot to be kept in (``make_slots``), so it earns nothing."""
    units = {entry.unit_id for entry in problem.entries}
    entries = len(team.entries & units)
    if not entries:
        return 0
    present = {ex.id for ex in examiners}
    chiefs = {ex.id for ex in examiners if ex.can_coordinate}
    members = min(len(team.members & present), problem.params.team_max)
    return entries + members + (team.coordinator in chiefs)


def _hint(model: cp_model.CpModel, v: Vars, plan: Plan) -> None:
    """Start the search from a plan's teams (the greedy one or an earlier answer); slots
    it leaves out are not hinted."""
    for (e, s), var in v.x.items():
        if s in plan:
            model.add_hint(var, e in plan[s][0])
    for (i, s), var in v.y.items():
        if s in plan:
            model.add_hint(var, i in plan[s][2])
    for (i, s), var in v.c.items():
        if s in plan:
            model.add_hint(var, plan[s][1] == i)


def _read(
    solver: cp_model.CpSolver,
    v: Vars,
    problem: Problem,
    examiners: list[ExaminerIn],
    slots: Slots,
) -> tuple[TeamOut, ...]:
    teams: list[TeamOut] = []
    for s in range(len(slots)):
        if not solver.value(v.used[s]):
            continue
        members = tuple(examiners[i].id for i in slots.members[s] if solver.value(v.y[i, s]))
        chief = next(
            examiners[i].id for i in slots.members[s] if (i, s) in v.c and solver.value(v.c[i, s])
        )
        entries = tuple(
            problem.entries[e].unit_id for e in slots.entries[s] if solver.value(v.x[e, s])
        )
        teams.append(TeamOut(_number(problem.pinned, s, teams), members, chief, entries))
    return tuple(teams)


def _number(pinned: tuple[PinnedTeam, ...], slot: int, so_far: list[TeamOut]) -> int:
    """Earlier teams keep their number; new teams count on after the highest one."""
    if slot < len(pinned):
        return pinned[slot].number
    used = {team.number for team in so_far} | {team.number for team in pinned}
    return max(used, default=0) + 1
