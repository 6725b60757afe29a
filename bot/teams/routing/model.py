"""The CP-SAT model behind ``routing.solve``: team slots, hard rules as constraints, soft
rules as weighted penalties in one objective.

Every new team is *anchored* by its entry with the smallest index: slot ``a`` exists for
entry ``a``, is used exactly when entry ``a`` is in it, and otherwise only takes entries
after ``a``. That gives each possible team exactly one slot, so the solver never
explores the same teams under other slot numbers, and it lets the domains be cut before
solving: only examiners who may assess the anchor can join its slot, and two entries
share a slot only if enough examiners could take them both. Earlier confirmed teams keep
slots of their own, in front, so that keeping them can be rewarded; a confirmed team
with none of its entries left has an empty slot and is not rewarded.

The same model staffs a fixed grouping (``phases``): each slot then lists just
the entries of its team and the examiners who may assess them all, so every entry
variable is forced and what remains is who joins which team.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from bot.teams.routing.problem import ExaminerIn, Problem, is_away, may_assess

# Weights of the soft rules; keeping a confirmed assignment outweighs everything else.
W_KEEP = 100
W_NO_EXPERIENCED = 30
W_NEW_ALONE = 5
W_SAME_ORG = 10
W_CLASS = 8
W_LOAD = 3

# Past this many examiner-slot pairs the exact model's build and presolve alone outlast a
# normal time limit (200 entries and 600 examiners make 113,000), so ``phases``
# builds it only when the phases found nothing.
FULL_MODEL_LIMIT = 40_000
Var = cp_model.IntVar


@dataclass
class Slots:
    """Which entries and examiners each team slot may take; pinned slots come first."""

    anchor: list[int | None] = field(default_factory=list)
    entries: list[list[int]] = field(default_factory=list)
    members: list[list[int]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.anchor)


@dataclass
class Vars:
    x: dict[tuple[int, int], Var] = field(default_factory=dict)  # entry index, slot
    y: dict[tuple[int, int], Var] = field(default_factory=dict)  # examiner index, slot
    c: dict[tuple[int, int], Var] = field(default_factory=dict)  # coordinator index, slot
    used: list[Var] = field(default_factory=list)
    penalties: list[cp_model.LinearExprT] = field(default_factory=list)


def available(problem: Problem) -> list[ExaminerIn]:
    """Examiners not away during the site-visit period."""
    period = problem.params.visit_period
    return [ex for ex in problem.examiners if not is_away(ex, period)]


def needed_teams(entries: int, max_entries: int) -> int:
    return math.ceil(entries / max(max_entries, 1))


def eligibility(problem: Problem, examiners: list[ExaminerIn]) -> list[frozenset[int]]:
    """For each entry, the examiners who may assess it. Computed once: the model asks for
    it per examiner, entry and slot."""
    return [
        frozenset(i for i, ex in enumerate(examiners) if may_assess(ex, entry))
        for entry in problem.entries
    ]


def make_slots(
    problem: Problem, examiners: list[ExaminerIn], eligible: list[frozenset[int]]
) -> Slots:
    entries = problem.entries
    everyone = list(range(len(examiners)))
    slots = Slots()
    fixed: set[int] = set()
    units = {entry.unit_id for entry in entries}
    for team in problem.pinned:
        # A confirmed team whose entries were all withdrawn is dissolved: its slot stays
        # empty, as in the fixed grouping, so nothing of it can be kept.
        alive = bool(team.entries & units)
        slots.anchor.append(None)
        slots.entries.append(list(range(len(entries))) if alive else [])
        slots.members.append(everyone if alive else [])
        if team.entries_fixed:
            fixed |= {e for e, entry in enumerate(entries) if entry.unit_id in team.entries}
    doubles = frozenset(i for i, ex in enumerate(examiners) if ex.capacity >= 2)
    both = [eligible[e] & doubles for e in range(len(entries))]
    for a in range(len(entries)):
        if a in fixed:
            continue
        later = [e for e in range(a + 1, len(entries)) if e not in fixed]
        slots.anchor.append(a)
        slots.entries.append([a, *(e for e in later if _may_share(problem, examiners, both, a, e))])
        slots.members.append(sorted(eligible[a]))
    return slots


def _may_share(
    problem: Problem, examiners: list[ExaminerIn], both: list[frozenset[int]], a: int, b: int
) -> bool:
    """Whether entries ``a`` and ``b`` could be in one team: enough examiners who may
    assess both and can take two entries (``both`` holds those per entry), one of them
    able to coordinate."""
    p = problem.params
    if p.max_entries < 2:
        return False
    shared = both[a] & both[b]
    return len(shared) >= p.team_min and any(examiners[i].can_coordinate for i in shared)


def build(
    model: cp_model.CpModel,
    problem: Problem,
    examiners: list[ExaminerIn],
    eligible: list[frozenset[int]],
    slots: Slots,
) -> Vars:
    v = Vars()
    _shape(model, v, problem, examiners, slots)
    for s in range(len(slots)):
        _forbidden(model, v, eligible, slots, s)
        _capacity(model, v, problem, examiners, slots, s)
        _soft_experience(model, v, examiners, slots, s)
        _soft_organisation(model, v, examiners, slots, s)
    _soft_classes(model, v, problem, examiners, slots)
    rewards = _keep(model, v, problem, examiners)
    # Even loads: every entry beyond a team's first costs a little, so work spreads out.
    penalties = cp_model.LinearExpr.sum(v.penalties)
    teams = cp_model.LinearExpr.sum(v.used)
    model.minimize(penalties - W_LOAD * teams - W_KEEP * rewards + W_LOAD * len(problem.entries))
    return v


def _shape(
    model: cp_model.CpModel, v: Vars, problem: Problem, examiners: list[ExaminerIn], slots: Slots
) -> None:
    p = problem.params
    for s in range(len(slots)):
        for e in slots.entries[s]:
            v.x[e, s] = model.new_bool_var(f"x{e}_{s}")
        for i in slots.members[s]:
            v.y[i, s] = model.new_bool_var(f"y{i}_{s}")
            if examiners[i].can_coordinate:
                v.c[i, s] = model.new_bool_var(f"c{i}_{s}")
                model.add_implication(v.c[i, s], v.y[i, s])
        v.used.append(_used(model, v, slots, s, p.max_entries))
        size = sum(v.y[i, s] for i in slots.members[s])
        model.add(size >= p.team_min * v.used[s])
        model.add(size <= p.team_max * v.used[s])
        model.add(sum(v.c[i, s] for i in slots.members[s] if (i, s) in v.c) == v.used[s])
    by_entry: dict[int, list[Var]] = defaultdict(list)
    by_examiner: dict[int, list[Var]] = defaultdict(list)
    for (e, _), var in v.x.items():
        by_entry[e].append(var)
    for (i, _), var in v.y.items():
        by_examiner[i].append(var)
    for e in range(len(problem.entries)):
        model.add_exactly_one(by_entry[e])
    for members in by_examiner.values():
        model.add_at_most_one(members)
    # Redundant counts that give the relaxation its bound: no more teams than there are
    # coordinators, or than the examiners can fill.
    coordinators = sum(ex.can_coordinate for ex in examiners)
    model.add(sum(v.used) <= min(coordinators, len(examiners) // max(p.team_min, 1)))


def _used(model: cp_model.CpModel, v: Vars, slots: Slots, s: int, cap: int) -> Var:
    held = [v.x[e, s] for e in slots.entries[s]]
    anchor = slots.anchor[s]
    if not held:
        # A confirmed team left without entries when the grouping is fixed.
        return model.new_constant(0)
    if anchor is not None:
        # An anchored slot is used exactly when its anchor is in it.
        used = v.x[anchor, s]
        for var in held:
            model.add_implication(var, used)
    else:
        used = model.new_bool_var(f"used{s}")
        model.add_max_equality(used, held)
    model.add(sum(held) <= cap)
    return used


def _forbidden(
    model: cp_model.CpModel, v: Vars, eligible: list[frozenset[int]], slots: Slots, s: int
) -> None:
    """No examiner on a team holding an entry they may not assess (own organisation,
    declared conflict). Examiners barred from the same entries share one flag per slot,
    so the constraints grow with examiners × slots, not examiners × entries × slots."""
    others = [e for e in slots.entries[s] if e != slots.anchor[s]]
    groups: dict[frozenset[int], list[int]] = defaultdict(list)
    for i in slots.members[s]:
        barred = frozenset(e for e in others if i not in eligible[e])
        if barred:
            groups[barred].append(i)
    for barred, members in groups.items():
        flag = _any(model, [v.x[e, s] for e in barred])
        for i in members:
            model.add_bool_or([v.y[i, s].Not(), flag.Not()])


def _any(model: cp_model.CpModel, literals: list[Var]) -> Var:
    if len(literals) == 1:
        return literals[0]
    flag = model.new_bool_var("")
    model.add_max_equality(flag, literals)
    return flag


def _capacity(
    model: cp_model.CpModel,
    v: Vars,
    problem: Problem,
    examiners: list[ExaminerIn],
    slots: Slots,
    s: int,
) -> None:
    cap = problem.params.max_entries
    small = [i for i in slots.members[s] if examiners[i].capacity < cap]
    if not small:
        return
    anchor = slots.anchor[s]
    others = [v.x[e, s] for e in slots.entries[s] if e != anchor]
    if anchor is not None and not others:
        return
    load = sum(v.x[e, s] for e in slots.entries[s])
    single = _any(model, others) if anchor is not None and others else None
    for i in small:
        if examiners[i].capacity == 1 and single is not None:
            # Capacity one in an anchored slot: no entry besides the anchor.
            model.add_bool_or([v.y[i, s].Not(), single.Not()])
        else:
            model.add(load <= examiners[i].capacity).only_enforce_if(v.y[i, s])


def _soft_experience(
    model: cp_model.CpModel, v: Vars, examiners: list[ExaminerIn], slots: Slots, s: int
) -> None:
    seniors = sum(v.y[i, s] for i in slots.members[s] if examiners[i].experienced)
    juniors = [v.y[i, s] for i in slots.members[s] if not examiners[i].experienced]
    lacking = model.new_bool_var("")
    model.add(seniors + lacking >= v.used[s])
    v.penalties.append(W_NO_EXPERIENCED * lacking)
    if juniors:
        # Each new examiner in a team without an experienced one costs W_NEW_ALONE.
        alone = model.new_int_var(0, len(juniors), "")
        model.add(alone >= sum(juniors)).only_enforce_if(lacking)
        v.penalties.append(W_NEW_ALONE * alone)


def _soft_organisation(
    model: cp_model.CpModel, v: Vars, examiners: list[ExaminerIn], slots: Slots, s: int
) -> None:
    by_org: dict[str, list[Var]] = defaultdict(list)
    for i in slots.members[s]:
        by_org[examiners[i].organisation.lower().strip()].append(v.y[i, s])
    for members in by_org.values():
        if len(members) < 2:
            continue
        excess = model.new_int_var(0, len(members) - 1, "")
        model.add(excess >= sum(members) - 1)
        v.penalties.append(W_SAME_ORG * excess)


def _soft_classes(
    model: cp_model.CpModel, v: Vars, problem: Problem, examiners: list[ExaminerIn], slots: Slots
) -> None:
    """An entry whose team has nobody who knows its class costs W_CLASS, once."""
    missing: dict[int, Var] = {}
    for s in range(len(slots)):
        knows: dict[str, Var] = {}
        for e in slots.entries[s]:
            klass = problem.entries[e].competition_class
            if not klass:
                continue
            if klass not in knows:
                knows[klass] = model.new_bool_var("")
                knowers = [v.y[i, s] for i in slots.members[s] if klass in examiners[i].classes]
                model.add(sum(knowers) >= knows[klass])
            if e not in missing:
                missing[e] = model.new_bool_var("")
                v.penalties.append(W_CLASS * missing[e])
            model.add(missing[e] + knows[klass] >= v.x[e, s])


def _keep(
    model: cp_model.CpModel, v: Vars, problem: Problem, examiners: list[ExaminerIn]
) -> cp_model.LinearExpr:
    """Reward earlier teams kept in their own slot; pin entries marked as fixed."""
    index = {ex.id: i for i, ex in enumerate(examiners)}
    entry_index = {entry.unit_id: e for e, entry in enumerate(problem.entries)}
    kept: list[Var] = []
    for s, team in enumerate(problem.pinned):
        members = [index[m] for m in team.members if m in index]
        kept += [v.y[i, s] for i in members if (i, s) in v.y]
        if team.coordinator in index and (index[team.coordinator], s) in v.c:
            kept.append(v.c[index[team.coordinator], s])
        for unit_id in team.entries:
            if (entry_index.get(unit_id), s) not in v.x:
                continue
            var = v.x[entry_index[unit_id], s]
            if team.entries_fixed:
                model.add(var == 1)
            kept.append(var)
    return cp_model.LinearExpr.sum(kept)
