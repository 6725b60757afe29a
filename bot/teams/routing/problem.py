"""What the solver sees: examiners, entries, parameters and pinned teams in; teams, rule
checks and reasons out. Plain data at the bottom of routing, imported by every step."""

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
    # No assignment of the whole problem scores below this; optimal means objective == bound.
    bound: float = 0.0
    # Wall time of the whole solve, building the model included.
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


def max_teams(problem: Problem, examiners: list[ExaminerIn]) -> int:
    """The most teams there can be: one coordinator each, team_min examiners each."""
    coordinators = sum(ex.can_coordinate for ex in examiners)
    team_min = max(problem.params.team_min, 1)
    return min(coordinators, len(examiners) // team_min, len(problem.entries))


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
