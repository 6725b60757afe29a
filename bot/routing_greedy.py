"""A quick constructive plan that the CP-SAT search starts from (a hint, never a verdict).

It opens as many teams as coordinators and examiners allow, pairs the remaining entries
(entries of one organisation first, since they bar the same examiners), and staffs the
hardest teams first with the examiner who breaks the fewest soft rules. Teams it cannot
staff are left out; the solver fills them in and keeps every rule exact either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.routing import ExaminerIn, Problem

if TYPE_CHECKING:
    from bot.routing_model import Slots

# slot -> (entry indices, coordinator index, member indices)
Plan = dict[int, tuple[list[int], int, list[int]]]


def greedy(problem: Problem, examiners: list[ExaminerIn], slots: Slots) -> Plan:
    if problem.pinned or not problem.entries:
        return {}
    home = {slots.anchor[s]: s for s in range(len(slots)) if slots.anchor[s] is not None}
    eligible = {a: set(slots.members[s]) for a, s in home.items()}
    teams = _pairs(problem, examiners, slots, home, eligible)
    free = set(range(len(examiners)))
    plan: Plan = {}
    order = sorted(teams, key=lambda t: (-len(t), len(_fits(examiners, eligible, t, free))))
    for entries in order:
        staffed = _staff(problem, examiners, eligible, entries, free)
        if staffed is not None:
            plan[home[entries[0]]] = (entries, staffed[0], staffed[1])
            free -= set(staffed[1])
    return plan


def _pairs(
    problem: Problem,
    examiners: list[ExaminerIn],
    slots: Slots,
    home: dict[int | None, int],
    eligible: dict[int | None, set[int]],
) -> list[list[int]]:
    """Split the entries into single teams and as few pairs as the team count demands."""
    p = problem.params
    coordinators = sum(ex.can_coordinate for ex in examiners)
    count = min(coordinators, len(examiners) // max(p.team_min, 1), len(problem.entries))
    wanted = len(problem.entries) - count
    doubles = {i for i, ex in enumerate(examiners) if ex.capacity >= 2}
    candidates = [(a, b) for a, s in home.items() if a is not None for b in slots.entries[s][1:]]

    def key(pair: tuple[int, int]) -> tuple[bool, int]:
        a, b = pair
        same = problem.entries[a].organisation == problem.entries[b].organisation
        return (not same, -len(eligible[a] & eligible[b] & doubles))

    paired: set[int] = set()
    teams: list[list[int]] = []
    for a, b in sorted(candidates, key=key):
        if len(teams) >= wanted:
            break
        if a not in paired and b not in paired:
            paired |= {a, b}
            teams.append([a, b])
    teams += [[e] for e in range(len(problem.entries)) if e not in paired]
    return teams


def _fits(
    examiners: list[ExaminerIn],
    eligible: dict[int | None, set[int]],
    entries: list[int],
    free: set[int],
) -> set[int]:
    fit = set.intersection(*(eligible[e] for e in entries)) & free
    return {i for i in fit if examiners[i].capacity >= len(entries)}


def _staff(
    problem: Problem,
    examiners: list[ExaminerIn],
    eligible: dict[int | None, set[int]],
    entries: list[int],
    free: set[int],
) -> tuple[int, list[int]] | None:
    fit = _fits(examiners, eligible, entries, free)
    chiefs = [i for i in fit if examiners[i].can_coordinate]
    if not chiefs:
        return None
    classes = {problem.entries[e].competition_class for e in entries} - {""}
    chief = min(chiefs, key=lambda i: (-examiners[i].experienced, examiners[i].capacity, i))
    members = [chief]
    for _ in range(problem.params.team_min - 1):
        rest = [i for i in fit if i not in members and not examiners[i].can_coordinate]
        if not rest:
            return None
        members.append(min(rest, key=lambda i: _cost(examiners, members, classes, i)))
    return chief, members


def _cost(
    examiners: list[ExaminerIn], members: list[int], classes: set[str], i: int
) -> tuple[int, int]:
    """Soft rules the candidate would break, then capacity (keep doubles for pairs)."""
    ex = examiners[i]
    orgs = {examiners[m].organisation for m in members}
    known = set().union(*(examiners[m].classes for m in members))
    senior = any(examiners[m].experienced for m in members)
    broken = 10 * (ex.organisation in orgs) + 5 * (not ex.experienced and not senior)
    broken += 8 * len(classes - known - ex.classes) - 8 * len((classes - known) & ex.classes)
    return broken, ex.capacity
