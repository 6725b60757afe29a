"""Counting checks over groups of entries that no assignment can pass, with the shortfall.

The entries of one organisation, or the entries that only the same few people may assess,
must go to distinct teams made up entirely of those people. Counting how many teams the
group needs and how many coordinators and examiners may join such teams proves, before
any solving, that no assignment exists, and says what is missing.

Each check is a necessary condition, so it never rejects a problem that has an
assignment. Take a group ``S`` of entries, ``U`` the examiners who may assess at least
one of them and ``C`` the coordinators among ``U``. In any assignment the entries of
``S`` lie in ``t`` distinct teams; every member of such a team may assess the entry of
``S`` it holds, so belongs to ``U``, and the teams share nobody. Hence ``t <= |C|`` and
``t * team_min <= |U|``. A team takes at most ``max_entries`` entries and at most as
many as its members' smallest capacity; with the teams ordered by that smallest
capacity, the first ``j`` teams hold ``j * team_min`` examiners of at least the ``j``-th
team's capacity, so the ``j``-th team takes at most the ``j * team_min``-th largest
capacity in ``U`` (``cover``). Its coordinator also takes at least its load, so the
teams hold at most the ``t`` largest coordinator capacities together. If no ``t``
allowed by the counts holds all of ``S`` both ways, there is no assignment.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from bot.teams.routing.problem import EntryIn, ExaminerIn, Params, Problem, may_assess


def group_shortfall(problem: Problem, examiners: list[ExaminerIn]) -> list[str]:
    """Reasons for each group of two or more entries that cannot all be covered, found by
    counting; empty when every group passes. Groups whose entries fail on their own are
    left to the per-entry check."""
    examiners = [ex for ex in examiners if ex.capacity > 0]
    eligible = [
        frozenset(i for i, ex in enumerate(examiners) if may_assess(ex, entry))
        for entry in problem.entries
    ]
    reasons: list[str] = []
    seen: set[frozenset[int]] = set()
    for group, pooled in _groups(problem, examiners, eligible):
        if len(group) < 2 or group in seen:
            continue
        seen.add(group)
        reasons += _check(problem, examiners, eligible, sorted(group), pooled=pooled)
    return reasons


def _groups(
    problem: Problem, examiners: list[ExaminerIn], eligible: list[frozenset[int]]
) -> Iterable[tuple[frozenset[int], bool]]:
    """The groups worth counting: each organisation's entries, and for each entry the
    entries whose examiners (or coordinators) are all among its own. A group comes with
    whether it was found by its pool of people rather than by organisation."""
    by_org: dict[str, set[int]] = {}
    for e, entry in enumerate(problem.entries):
        by_org.setdefault(_norm(entry.organisation), set()).add(e)
    for members in by_org.values():
        yield frozenset(members), False
    chiefs = [frozenset(i for i in pool if examiners[i].can_coordinate) for pool in eligible]
    for pools in (eligible, chiefs):
        for pool in pools:
            yield frozenset(f for f, other in enumerate(pools) if other <= pool), True


def _check(
    problem: Problem,
    examiners: list[ExaminerIn],
    eligible: list[frozenset[int]],
    group: list[int],
    *,
    pooled: bool,
) -> list[str]:
    p = problem.params
    # An entry that fails on its own is named by the per-entry check already.
    if any(
        len(eligible[e]) < p.team_min or not any(examiners[i].can_coordinate for i in eligible[e])
        for e in group
    ):
        return []
    people = frozenset().union(*(eligible[e] for e in group))
    chiefs = [i for i in people if examiners[i].can_coordinate]
    caps = _capped(p, (examiners[i].capacity for i in people))
    chief_caps = _capped(p, (examiners[i].capacity for i in chiefs))
    most = min(len(chiefs), len(people) // max(p.team_min, 1))
    n = len(group)
    if cover(p, caps, most) >= n and sum(chief_caps[:most]) >= n:
        return []
    teams = teams_for(p, caps, n)
    lacking = math.ceil((n - sum(chief_caps)) / max(p.max_entries, 1))
    short = (max(teams - len(chiefs), lacking, 0), max(teams * p.team_min - len(people), 0))
    return [_text(problem, group, pooled, teams, (len(chiefs), len(people)), short)]


def _capped(p: Params, capacities: Iterable[int]) -> list[int]:
    return sorted((min(c, p.max_entries) for c in capacities), reverse=True)


def cover(p: Params, capacities: list[int], teams: int) -> int:
    """The most entries ``teams`` teams drawn from examiners of these capacities (largest
    first, capped at max_entries) can take: team ``j`` at most the ``j * team_min``-th."""
    step = max(p.team_min, 1)
    return sum(capacities[j * step - 1] for j in range(1, teams + 1) if j * step <= len(capacities))


def teams_for(p: Params, capacities: list[int], entries: int) -> int:
    """The fewest teams that could hold ``entries``, given examiners of these capacities
    (largest first, capped at max_entries); entries beyond what they can hold count one
    team each. Never fewer than max_entries allows."""
    step = max(p.team_min, 1)
    covered = teams = 0
    while covered < entries and (teams + 1) * step <= len(capacities):
        teams += 1
        covered += capacities[teams * step - 1]
    teams += max(entries - covered, 0)
    return max(teams, math.ceil(entries / max(p.max_entries, 1)))


def _text(
    problem: Problem,
    group: list[int],
    pooled: bool,
    teams: int,
    have: tuple[int, int],
    short: tuple[int, int],
) -> str:
    """The reason for one group: the rule, the entries, and how many more of whom."""
    entries = [problem.entries[e] for e in group]
    orgs = _orgs(entries)
    refs = ", ".join(entry.reference for entry in entries)
    if pooled:
        head = (
            f"Bidragen {refs} kan bara bedömas av samma få examinatorer och kan inte "
            f"alla täckas: de {len(entries)} bidragen"
        )
    else:
        head = f"Bidragen från {orgs} kan inte alla täckas: de {len(entries)} bidragen ({refs})"
    text = (
        f"{head} kräver minst {teams} lag där samordnaren och alla examinatorer kommer "
        f"från andra organisationer och inte har anmält jäv (regeln om egen organisation "
        f"och jäv), men bara {have[0]} lagsamordnare och {have[1]} examinatorer får "
        "bedöma dem."
    )
    if short[0]:
        text += f" Det behövs {short[0]} lagsamordnare till från andra organisationer än {orgs}."
    if short[1]:
        text += f" Det behövs {short[1]} examinatorer till från andra organisationer än {orgs}."
    if not any(short):
        text += " Det behövs fler examinatorer som kan ta två bidrag, eller fler lagsamordnare."
    return text


def _orgs(entries: list[EntryIn]) -> str:
    names = sorted({entry.organisation for entry in entries})
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
