"""How a problem is solved: a quick two-phase answer first, the exact model when it fits.

The exact model chooses which entries share a team and who staffs each team at once;
with 200 entries and 600 examiners its build and presolve alone outlast a normal time
limit. So the first phase fixes the grouping (confirmed teams keep their entries, the
rest are paired as the greedy plan pairs them), and the second staffs those teams with
the same model, one slot per team and no choice of entries left. At first each slot
only considers a sample of the examiners who may join it; the sample widens while time
is left, each round starting from the last answer.

A fixed grouping and a sample can miss the optimum, so their answer is measured against
the valid bound of the full problem (``lower_bound``) and called optimal only when it
meets that bound, which the usual data does. Otherwise the exact model, when it fits,
gets the rest of the time with that answer as its hint. Only the exact model may report
infeasibility, so it also runs whenever the phases found nothing.
"""

from __future__ import annotations

import heapq
import random
import time
from collections import defaultdict

from bot.teams.routing.greedy import Plan, greedy, pairs, staff
from bot.teams.routing.model import FULL_MODEL_LIMIT, Slots, available, eligibility, make_slots
from bot.teams.routing.problem import ExaminerIn, Problem, Solution, max_teams
from bot.teams.routing.run import MIN_SECONDS, run_slots

# The share of the time limit the phases get when the exact model fits and can follow.
PHASE_SHARE = 0.25
# The first sample: the best this many coordinators and as many others per team, and
# for every examiner their best few teams.
SAMPLE = (20, 8)


def run(problem: Problem, deadline: float) -> Solution:
    """The best assignment found by ``deadline``, proven optimal where possible."""
    examiners = [ex for ex in available(problem) if ex.capacity > 0]
    eligible = eligibility(problem, examiners)
    slots = make_slots(problem, examiners, eligible)
    fits = sum(len(m) for m in slots.members) <= FULL_MODEL_LIMIT
    now = time.perf_counter()
    first = phases(
        problem,
        examiners,
        eligible,
        slots,
        now + (deadline - now) * PHASE_SHARE if fits else deadline,
    )
    if first.status == "optimal" or (first.ok and not fits):
        return first
    # Without an answer, a large exact model is only worth building with time to solve it.
    needed = MIN_SECONDS if fits else problem.params.time_limit * PHASE_SHARE
    if deadline - time.perf_counter() < needed:
        return first
    plan = plan_of(first, problem, examiners, slots) if first.ok else {}
    plan = plan or greedy(problem, examiners, eligible, slots)
    exact = run_slots(problem, examiners, eligible, slots, plan, deadline, exact=True)
    return exact if exact.status == "infeasible" else better(first, exact)


def phases(
    problem: Problem,
    examiners: list[ExaminerIn],
    eligible: list[frozenset[int]],
    slots: Slots,
    deadline: float,
) -> Solution:
    """Fix the grouping, then staff it from a widening sample of examiners."""
    fixed, plan = fixed_slots(problem, examiners, eligible, slots)
    best = Solution("unknown")
    width = SAMPLE
    while True:
        trial = sample(problem, examiners, fixed, plan, width)
        found = run_slots(problem, examiners, eligible, trial, plan, deadline, exact=False)
        best = better(best, found)
        if found.ok:
            plan = plan_of(found, problem, examiners, fixed)
        if best.status == "optimal" or trial.members == fixed.members:
            break
        # A round builds a model before it solves, so it needs more than the solver minimum.
        if time.perf_counter() > deadline - 2 * MIN_SECONDS:
            break
        width = (width[0] * 2, width[1] * 2)
    return best


def better(first: Solution, second: Solution) -> Solution:
    """The lower objective of two answers, with the higher of their valid bounds."""
    if not second.ok:
        return first
    if not first.ok:
        return second
    best = first if first.objective <= second.objective else second
    bound = max(first.bound, second.bound)
    status = "optimal" if best.objective <= bound else "feasible"
    return Solution(status, best.teams, objective=best.objective, bound=bound)


def fixed_slots(
    problem: Problem, examiners: list[ExaminerIn], eligible: list[frozenset[int]], slots: Slots
) -> tuple[Slots, Plan]:
    """One slot per team of the fixed grouping, confirmed teams first, and a staffing hint."""
    index = {ex.id: i for i, ex in enumerate(examiners)}
    fixed = Slots()
    plan: Plan = {}
    taken: set[int] = set()
    for s, team in enumerate(problem.pinned):
        held = [e for e, entry in enumerate(problem.entries) if entry.unit_id in team.entries]
        members = sorted(index[m] for m in team.members if m in index)
        _add(fixed, examiners, eligible, None, held)
        chief = index.get(team.coordinator)
        if held and chief is not None and examiners[chief].can_coordinate:
            plan[s] = (held, chief, members)
            taken |= set(members)
    rest = [e for e in range(len(problem.entries)) if not any(e in g for g in fixed.entries)]
    count = max_teams(problem, examiners) - sum(bool(g) for g in fixed.entries)
    groups = pairs(problem, examiners, eligible, slots, rest, max(count, 0))
    staffed = staff(problem, examiners, eligible, groups, set(range(len(examiners))) - taken)
    for g, entries in enumerate(groups):
        if g in staffed:
            plan[len(fixed)] = (entries, *staffed[g])
        _add(fixed, examiners, eligible, entries[0], entries)
    return fixed, plan


def _add(
    slots: Slots,
    examiners: list[ExaminerIn],
    eligible: list[frozenset[int]],
    anchor: int | None,
    entries: list[int],
) -> None:
    """A slot holding exactly ``entries``, open to everyone who may assess them all."""
    fit = frozenset(range(len(examiners))).intersection(*(eligible[e] for e in entries))
    slots.anchor.append(anchor)
    slots.entries.append(entries)
    slots.members.append(
        sorted(i for i in fit if entries and examiners[i].capacity >= len(entries))
    )


def sample(
    problem: Problem,
    examiners: list[ExaminerIn],
    slots: Slots,
    plan: Plan,
    width: tuple[int, int],
) -> Slots:
    """The slots with fewer candidates: the hinted members who may join; per slot the best
    ``width[0]`` coordinators and as many others, preferring those who know its classes;
    and for every examiner their best ``width[1]`` slots, so that nobody is left out.
    Ties are broken at random (seeded) so that the candidates spread over the slots."""
    rng = random.Random(len(examiners))
    per_slot, per_examiner = width
    keep = [set(plan[s][2] if s in plan else ()) & set(slots.members[s]) for s in range(len(slots))]
    options: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for s in range(len(slots)):
        classes = {problem.entries[e].competition_class for e in slots.entries[s]}
        scored = [
            (bool(classes & examiners[i].classes) + rng.random(), i) for i in slots.members[s]
        ]
        for chief in (True, False):
            group = [pair for pair in scored if examiners[pair[1]].can_coordinate == chief]
            keep[s] |= {i for _, i in heapq.nlargest(per_slot, group)}
        for score, i in scored:
            options[i].append((score, s))
    for i, choices in options.items():
        for _, s in heapq.nlargest(per_examiner, choices):
            keep[s].add(i)
    return Slots(list(slots.anchor), list(slots.entries), [sorted(k) for k in keep])


def plan_of(
    solution: Solution, problem: Problem, examiners: list[ExaminerIn], slots: Slots
) -> Plan:
    """An answer's teams as a hint for ``slots``: confirmed teams by number, new teams by
    the entry that anchors them."""
    index = {ex.id: i for i, ex in enumerate(examiners)}
    entry_index = {entry.unit_id: e for e, entry in enumerate(problem.entries)}
    pinned = {team.number: s for s, team in enumerate(problem.pinned)}
    home = {a: s for s, a in enumerate(slots.anchor) if a is not None}
    plan: Plan = {}
    for team in solution.teams:
        entries = sorted(entry_index[u] for u in team.entries)
        s = pinned.get(team.number, home.get(entries[0], -1))
        if s < 0 or any(e not in slots.entries[s] for e in entries):
            return {}
        plan[s] = (entries, index[team.coordinator], [index[m] for m in team.members])
    return plan
