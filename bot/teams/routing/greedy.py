"""A quick constructive plan: the grouping that ``phases`` fixes, and the hint
that the CP-SAT search starts from (never a verdict).

It opens as many teams as coordinators and examiners allow, pairs the remaining entries
(entries of one organisation first, since they bar the same examiners), and staffs the
hardest teams first with the examiner who breaks the fewest soft rules. Teams it cannot
staff are left out; the solver fills them in and keeps every rule exact either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.teams.routing.problem import ExaminerIn, Problem, max_teams

if TYPE_CHECKING:
    from bot.teams.routing.model import Slots

# slot -> (entry indices, coordinator index, member indices)
Plan = dict[int, tuple[list[int], int, list[int]]]
# group -> (coordinator index, member indices)
Staffing = dict[int, tuple[int, list[int]]]


def greedy(
    problem: Problem, examiners: list[ExaminerIn], eligible: list[frozenset[int]], slots: Slots
) -> Plan:
    """A hint for the full model: each group in the slot its first entry anchors."""
    if problem.pinned or not problem.entries:
        return {}
    home = {slots.anchor[s]: s for s in range(len(slots))}
    everything = list(range(len(problem.entries)))
    groups = pairs(problem, examiners, eligible, slots, everything, max_teams(problem, examiners))
    staffed = staff(problem, examiners, eligible, groups, set(range(len(examiners))))
    return {home[groups[g][0]]: (groups[g], *staffed[g]) for g in staffed}


def pairs(
    problem: Problem,
    examiners: list[ExaminerIn],
    eligible: list[frozenset[int]],
    slots: Slots,
    entries: list[int],
    count: int,
) -> list[list[int]]:
    """Split ``entries`` into ``count`` teams: singles, and as few pairs as that demands.
    Only pairs the full model's slots allow are formed."""
    wanted = len(entries) - count
    doubles = frozenset(i for i, ex in enumerate(examiners) if ex.capacity >= 2)
    allowed = set(entries)
    candidates = [
        (a, b)
        for s in range(len(slots))
        if (a := slots.anchor[s]) is not None and a in allowed
        for b in slots.entries[s][1:]
        if b in allowed
    ]

    def key(pair: tuple[int, int]) -> tuple[bool, int]:
        a, b = pair
        same = problem.entries[a].organisation == problem.entries[b].organisation
        return (not same, -len(eligible[a] & eligible[b] & doubles))

    paired: set[int] = set()
    teams: list[list[int]] = []
    if wanted > 0:
        for a, b in sorted(candidates, key=key):
            if len(teams) >= wanted:
                break
            if a not in paired and b not in paired:
                paired |= {a, b}
                teams.append([a, b])
    return teams + [[e] for e in entries if e not in paired]


def staff(
    problem: Problem,
    examiners: list[ExaminerIn],
    eligible: list[frozenset[int]],
    groups: list[list[int]],
    free: set[int],
) -> Staffing:
    """Staff the groups hardest first (pairs, then fewest fitting examiners)."""
    free = set(free)
    result: Staffing = {}
    order = sorted(
        range(len(groups)),
        key=lambda g: (-len(groups[g]), len(_fits(examiners, eligible, groups[g], free))),
    )
    for g in order:
        staffed = _staff(problem, examiners, eligible, groups[g], free)
        if staffed is not None:
            result[g] = staffed
            free -= set(staffed[1])
    return result


def _fits(
    examiners: list[ExaminerIn],
    eligible: list[frozenset[int]],
    entries: list[int],
    free: set[int],
) -> set[int]:
    fit = free.intersection(*(eligible[e] for e in entries))
    return {i for i in fit if examiners[i].capacity >= len(entries)}


def _staff(
    problem: Problem,
    examiners: list[ExaminerIn],
    eligible: list[frozenset[int]],
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
