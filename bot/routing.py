"""Examiner teams: plain data in, an exact CP-SAT assignment (or the reasons why not) out.

This module holds the data the solver sees and its public entry point, ``solve``. The
model itself is in ``routing_model``; the pre-analysis, the per-team report of soft rules
and the alternates are in ``routing_explain``. Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ExaminerIn:
    id: int
    name: str
    organisation: str
    experienced: bool = False
    can_coordinate: bool = False
    classes: frozenset[str] = frozenset()
    capacity: int = 1
    # Unit references or organisations the examiner has declared a conflict with.
    conflicts: frozenset[str] = frozenset()
    away: tuple[tuple[date, date], ...] = ()


@dataclass(frozen=True)
class EntryIn:
    unit_id: int
    reference: str
    unit_name: str
    organisation: str
    competition_class: str = ""


@dataclass(frozen=True)
class PinnedTeam:
    """A team confirmed earlier; kept where possible (soft), its entries optionally hard."""

    number: int
    members: frozenset[int]
    coordinator: int
    entries: frozenset[int]
    entries_fixed: bool = False


@dataclass(frozen=True)
class Params:
    team_min: int = 3
    team_max: int = 4
    max_entries: int = 2
    visit_period: tuple[date, date] | None = None
    time_limit: float = 10.0
    workers: int = 2


@dataclass(frozen=True)
class Problem:
    entries: tuple[EntryIn, ...]
    examiners: tuple[ExaminerIn, ...]
    params: Params = field(default_factory=Params)
    pinned: tuple[PinnedTeam, ...] = ()


@dataclass(frozen=True)
class RuleCheck:
    """One soft rule for one team: met or broken, and the detail staff need."""

    rule: str
    met: bool
    detail: str = ""


@dataclass(frozen=True)
class TeamOut:
    number: int
    members: tuple[int, ...]
    coordinator: int
    entries: tuple[int, ...]
    checks: tuple[RuleCheck, ...] = ()
    alternates: tuple[int, ...] = ()


@dataclass(frozen=True)
class Solution:
    """The solver's answer: teams when feasible, else reasons in Swedish for the staff."""

    status: str  # optimal | feasible | infeasible | unknown
    teams: tuple[TeamOut, ...] = ()
    reasons: tuple[str, ...] = ()
    objective: float = 0.0
    bound: float = 0.0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ("optimal", "feasible")


def is_away(examiner: ExaminerIn, period: tuple[date, date] | None) -> bool:
    if period is None:
        return False
    start, end = period
    return any(a <= end and b >= start for a, b in examiner.away)


def may_assess(examiner: ExaminerIn, entry: EntryIn) -> bool:
    """The hard per-pair rules: not the examiner's own organisation, no declared conflict."""
    if _norm(examiner.organisation) == _norm(entry.organisation):
        return False
    declared = {_norm(c) for c in examiner.conflicts}
    return _norm(entry.reference) not in declared and _norm(entry.organisation) not in declared


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def solve(problem: Problem) -> Solution:
    """Form teams and route every entry, or explain why that cannot be done."""
    from bot.routing_explain import annotate, pre_analysis, solver_reasons
    from bot.routing_model import run_model

    reasons = pre_analysis(problem)
    if reasons:
        return Solution("infeasible", reasons=tuple(reasons))
    solution = run_model(problem)
    if not solution.ok:
        return Solution(solution.status, reasons=tuple(solver_reasons(problem, solution.status)))
    return annotate(problem, solution)
