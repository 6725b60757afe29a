"""Counting checks before solving: groups of entries too few people may assess are named
with the shortfall, and a problem that has an assignment is never called infeasible."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from bot.teams.routing import solve as routing_solve
from bot.teams.routing.explain import pre_analysis
from bot.teams.routing.problem import EntryIn, ExaminerIn, Params, Problem, Solution
from bot.teams.routing.solve import solve
from tests import routing_data

PARAMS = Params(time_limit=5, workers=2)
FARSTA = "Farsta stadsdelsförvaltning"


def test_entries_of_one_organisation_short_of_outside_coordinators_are_explained() -> None:
    """Each entry alone can be covered, but three of the four coordinators belong to the
    entries' own organisation, so only one team can be formed."""
    entries = tuple(
        EntryIn(n, f"KU-2027-00{n}", f"Förskolan {n}", FARSTA, "Förskola") for n in range(1, 5)
    )
    others = routing_data.ORGANISATIONS[4:8]
    people = tuple(
        ExaminerIn(
            n,
            f"Examinator {n}",
            FARSTA if n < 3 else others[n % 4],
            experienced=True,
            can_coordinate=n < 4,
        )
        for n in range(12)
    )
    solution = solve(Problem(entries, people, PARAMS))
    assert solution.status == "infeasible"
    (reason,) = solution.reasons
    assert reason.startswith(f"Bidragen från {FARSTA} kan inte alla täckas")
    assert "KU-2027-001, KU-2027-002, KU-2027-003, KU-2027-004" in reason
    assert "regeln om egen organisation och jäv" in reason
    # Nine outsiders who take one entry each make three teams; four are needed.
    assert f"Det behövs 3 lagsamordnare till från andra organisationer än {FARSTA}." in reason
    assert f"Det behövs 3 examinatorer till från andra organisationer än {FARSTA}." in reason


def test_entries_only_the_same_coordinator_may_lead_are_explained() -> None:
    """Two entries of different organisations; the one coordinator free of both is needed
    by both, since the others are barred by organisation or declared conflict."""
    bromma, kista = routing_data.ORGANISATIONS[3], routing_data.ORGANISATIONS[0]
    entries = (
        EntryIn(1, "KU-2027-001", "Förskolan Ekorren", FARSTA, "Förskola"),
        EntryIn(2, "KU-2027-002", "Skolan Linden", bromma, "Skola"),
    )
    people = (
        ExaminerIn(1, "Examinator 1", kista, True, True),
        ExaminerIn(2, "Examinator 2", kista, True, True, conflicts=frozenset({FARSTA, bromma})),
        ExaminerIn(3, "Examinator 3", FARSTA, True, True, conflicts=frozenset({"KU-2027-002"})),
        *(ExaminerIn(n, f"Examinator {n}", kista, True) for n in range(4, 10)),
    )
    solution = solve(Problem(entries, people, PARAMS))
    assert solution.status == "infeasible"
    (reason,) = solution.reasons
    assert reason.startswith("Bidragen KU-2027-001, KU-2027-002 kan bara bedömas av samma")
    assert "kräver minst 2 lag" in reason and "bara 1 lagsamordnare" in reason
    assert f"Det behövs 1 lagsamordnare till från andra organisationer än {bromma} och " in reason


def test_large_problem_short_of_outside_coordinators_is_explained_before_solving(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """200 entries, 600 examiners: 60 entries of one organisation, which also has all but
    20 of the coordinators. The solver cannot settle this in minutes; counting does, so
    the solver is never started (checked by making it fail, not by timing)."""
    own = "Utbildningsförvaltningen"
    entries = tuple(
        replace(entry, organisation=own) if n % 10 < 3 else entry
        for n, entry in enumerate(routing_data.entries(200))
    )
    outside = 0
    people = []
    for ex in routing_data.examiners(600):
        if ex.can_coordinate and ex.organisation != own:
            outside += 1
            if outside > 20:
                ex = replace(ex, organisation=own)
        people.append(ex)
    problem = Problem(entries, tuple(people), replace(PARAMS, time_limit=120))

    def no_solver(*_args: object) -> Solution:
        raise AssertionError("the solver was started")

    monkeypatch.setattr(routing_solve, "run", no_solver)
    solution = solve(problem)
    assert solution.status == "infeasible"
    text = " ".join(solution.reasons)
    assert f"Bidragen från {own} kan inte alla täckas: de 60 bidragen" in text
    assert "KU-2027-001" in text
    assert f"lagsamordnare till från andra organisationer än {own}." in text


def _known_assignment(seed: int) -> Problem:
    """A tight problem built around an assignment that keeps every hard rule: every
    examiner is on a team, with declared conflicts and capacities that still allow it."""
    rng = random.Random(seed)
    orgs = rng.sample(routing_data.ORGANISATIONS, rng.randint(3, 5))
    params = Params(team_min=3, team_max=4, max_entries=2, time_limit=5, workers=2)
    entries = routing_data.entries(rng.randint(4, 14), seed=seed)
    entries = tuple(replace(e, organisation=rng.choice(orgs[:-1])) for e in entries)
    people: list[ExaminerIn] = []
    e = 0
    while e < len(entries):
        team = list(entries[e : e + rng.randint(1, 2)])
        e += len(team)
        barred = {entry.organisation for entry in team}
        free = [org for org in orgs if org not in barred]
        refs = [x.reference for x in entries if x not in team]
        for m in range(rng.randint(params.team_min, params.team_max)):
            people.append(
                ExaminerIn(
                    len(people) + 1,
                    f"Examinator {len(people) + 1}",
                    rng.choice(free),
                    experienced=rng.random() < 0.6,
                    can_coordinate=m == 0 or rng.random() < 0.2,
                    capacity=max(len(team), rng.randint(1, 2)),
                    conflicts=frozenset(rng.sample(refs, min(len(refs), rng.randint(0, 3)))),
                )
            )
    rng.shuffle(people)
    return Problem(entries, tuple(people), params)


def test_no_reason_is_given_when_an_assignment_exists() -> None:
    for seed in range(60):
        problem = _known_assignment(seed)
        assert pre_analysis(problem) == [], seed


def test_tight_generated_problems_are_solved() -> None:
    """The generated problems do have an assignment: the solver finds one."""
    for seed in range(3):
        assert solve(_known_assignment(seed)).ok
