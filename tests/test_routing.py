"""The solver: hard rules always hold (checked independently), infeasibility is explained."""

from __future__ import annotations

from dataclasses import replace

from bot.routing import EntryIn, ExaminerIn, Params, PinnedTeam, Problem, Solution, solve
from tests import routing_data

PARAMS = Params(time_limit=5, workers=2)


def assert_hard_rules_hold(problem: Problem, solution: Solution) -> None:
    """Re-verify the solution without the solver's help."""
    p = problem.params
    examiners = {ex.id: ex for ex in problem.examiners}
    entries = {e.unit_id: e for e in problem.entries}
    routed = [u for team in solution.teams for u in team.entries]
    assert sorted(routed) == sorted(entries), "every entry goes to exactly one team"
    people = [m for team in solution.teams for m in team.members]
    assert len(people) == len(set(people)), "nobody is on two teams"
    for team in solution.teams:
        assert p.team_min <= len(team.members) <= p.team_max
        assert 1 <= len(team.entries) <= p.max_entries
        assert team.coordinator in team.members
        assert examiners[team.coordinator].can_coordinate
        for m in team.members:
            ex = examiners[m]
            assert len(team.entries) <= ex.capacity
            assert not any(a <= p.visit_period[1] and b >= p.visit_period[0] for a, b in ex.away)
            for u in team.entries:
                entry = entries[u]
                assert ex.organisation != entry.organisation
                assert entry.reference not in ex.conflicts
                assert entry.organisation not in ex.conflicts


def _problem(entries: int, examiners: int, **changes: object) -> Problem:
    from datetime import date

    params = replace(PARAMS, visit_period=(date(2027, 9, 1), date(2027, 10, 31)))
    people = routing_data.examiners(examiners, away=3)
    return Problem(routing_data.entries(entries), people, replace(params, **changes))  # type: ignore[arg-type]


def test_realistic_assignment_keeps_every_hard_rule() -> None:
    problem = _problem(12, 40)
    solution = solve(problem)
    assert solution.ok
    assert_hard_rules_hold(problem, solution)
    assert all(len(team.checks) >= 4 for team in solution.teams)


def test_larger_assignment_keeps_every_hard_rule() -> None:
    problem = _problem(30, 100, time_limit=6)
    solution = solve(problem)
    assert solution.ok
    assert_hard_rules_hold(problem, solution)


def test_declared_conflicts_are_respected() -> None:
    base = _problem(6, 24)
    target = base.entries[0]
    people = tuple(
        replace(ex, conflicts=frozenset({target.reference})) if ex.id % 2 else ex
        for ex in base.examiners
    )
    problem = replace(base, examiners=people)
    solution = solve(problem)
    assert solution.ok
    assert_hard_rules_hold(problem, solution)


def test_too_few_coordinators_is_explained_with_the_shortfall() -> None:
    base = _problem(6, 24)
    people = tuple(replace(ex, can_coordinate=ex.id in (1001, 1004)) for ex in base.examiners)
    solution = solve(replace(base, examiners=people))
    assert solution.status == "infeasible"
    text = " ".join(solution.reasons)
    assert "För få lagsamordnare" in text
    assert "lagsamordnare till" in text


def test_entry_with_only_own_organisation_examiners_is_explained() -> None:
    own = "Farsta stadsdelsförvaltning"
    entry = EntryIn(1, "KU-2027-001", "Förskolan Ekorren", own, "Förskola")
    people = tuple(
        ExaminerIn(n, f"Examinator {n}", own, experienced=True, can_coordinate=True)
        for n in range(6)
    )
    solution = solve(Problem((entry,), people, PARAMS))
    assert solution.status == "infeasible"
    text = " ".join(solution.reasons)
    assert "KU-2027-001" in text and own in text
    assert "minst 3 examinatorer till från andra organisationer" in text


def test_rerun_keeps_confirmed_teams() -> None:
    problem = _problem(12, 40)
    first = solve(problem)
    assert first.ok
    pinned = tuple(
        PinnedTeam(t.number, frozenset(t.members), t.coordinator, frozenset(t.entries))
        for t in first.teams
    )
    again = solve(replace(problem, pinned=pinned))
    assert again.ok
    # Kept: each confirmed team's entries stay together with all its members; under a short
    # time limit on a loaded machine the solver may still add a fourth member to a team.
    kept = {tuple(sorted(t.entries)): set(t.members) for t in again.teams}
    for team in first.teams:
        assert set(team.members) <= kept[tuple(sorted(team.entries))]


def test_realistic_sixty_entries_keep_every_hard_rule() -> None:
    """The issue's realistic size: every examiner is needed, ten teams take two entries.

    The time limit is generous so that a slow machine still finds a solution; speed is
    measured by ``bench/bench_routing.py``, not here.
    """
    from datetime import date

    params = replace(PARAMS, time_limit=60, visit_period=(date(2027, 9, 1), date(2027, 10, 31)))
    problem = Problem(routing_data.entries(60), routing_data.examiners(150), params)
    solution = solve(problem)
    assert solution.ok
    assert_hard_rules_hold(problem, solution)
    assert solution.bound <= solution.objective


def test_entries_share_a_team_only_with_examiners_free_of_both() -> None:
    """Four examiners make one team only, so it takes both entries."""
    from datetime import date

    first, second = routing_data.entries(2)
    orgs = ("Socialförvaltningen", "Utbildningsförvaltningen", "Stockholm Vatten och Avfall AB")
    people = tuple(
        ExaminerIn(
            n,
            f"Examinator {n}",
            orgs[n % 3],
            experienced=True,
            can_coordinate=n < 2,
            capacity=2 if n < 4 else 1,
        )
        for n in range(4)
    )
    period = (date(2027, 9, 1), date(2027, 10, 31))
    problem = Problem((first, second), people, replace(PARAMS, visit_period=period))
    solution = solve(problem)
    assert solution.ok
    assert_hard_rules_hold(problem, solution)
    assert len(solution.teams) == 1 and len(solution.teams[0].entries) == 2
