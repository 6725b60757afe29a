"""Explaining an assignment in words the staff can act on.

Before solving, a quick count finds the common reasons why no assignment exists (too few
coordinators, entries that too few examiners may assess, groups of entries that only too
few people may assess, in ``shortfall``) and names the shortfall. After
solving, each team gets its soft rules as met or broken, and two alternates: the best
unassigned examiners who could join it.
"""

from __future__ import annotations

from collections import Counter

from bot.teams.routing.model import available
from bot.teams.routing.problem import (
    EntryIn,
    ExaminerIn,
    Problem,
    RuleCheck,
    Solution,
    TeamOut,
    is_away,
    may_assess,
)
from bot.teams.routing.shortfall import group_shortfall, teams_for

RULE_ORG = "Högst en examinator per organisation"
RULE_EXPERIENCED = "Minst en erfaren examinator"
RULE_NEW = "Varje ny examinator har en erfaren vid sin sida"
RULE_CLASS = "Kunskap om bidragets tävlingsklass"
RULE_KEPT = "Tidigare bekräftat lag behållet"


def pre_analysis(problem: Problem) -> list[str]:
    """Reasons, found by counting, why no assignment can exist; empty if none was found."""
    if not problem.entries:
        return ["Det finns inga godkända bidrag att fördela."]
    examiners = available(problem)
    reasons = _away_note(problem, examiners)
    reasons += _shape_shortfall(problem, examiners)
    for entry in problem.entries:
        reasons += _entry_shortfall(problem, entry, examiners)
    reasons += group_shortfall(problem, examiners)
    # The note on absences helps only alongside a real reason.
    return reasons if len(reasons) > len(_away_note(problem, examiners)) else []


def _away_note(problem: Problem, examiners: list[ExaminerIn]) -> list[str]:
    away = len(problem.examiners) - len(examiners)
    if not away:
        return []
    return [f"{away} examinatorer är borta under platsbesöksperioden och räknas inte med."]


def _shape_shortfall(problem: Problem, examiners: list[ExaminerIn]) -> list[str]:
    p = problem.params
    entries = len(problem.entries)
    teams = _teams_needed(problem, examiners)
    coordinators = sum(ex.can_coordinate for ex in examiners)
    reasons: list[str] = []
    if coordinators < teams:
        reasons.append(
            f"För få lagsamordnare: {entries} bidrag kräver minst {teams} lag, men bara "
            f"{coordinators} tillgängliga examinatorer kan samordna. Det behövs "
            f"{teams - coordinators} lagsamordnare till."
        )
    if len(examiners) < teams * p.team_min:
        reasons.append(
            f"För få examinatorer: {teams} lag om minst {p.team_min} kräver "
            f"{teams * p.team_min} examinatorer, men bara {len(examiners)} är tillgängliga. "
            f"Det behövs {teams * p.team_min - len(examiners)} examinatorer till."
        )
    return reasons


def _teams_needed(problem: Problem, examiners: list[ExaminerIn]) -> int:
    """The fewest teams that could hold every entry, given how many entries people can take."""
    p = problem.params
    capacities = sorted((min(ex.capacity, p.max_entries) for ex in examiners), reverse=True)
    return teams_for(p, capacities, len(problem.entries))


def _entry_shortfall(problem: Problem, entry: EntryIn, examiners: list[ExaminerIn]) -> list[str]:
    p = problem.params
    eligible = [ex for ex in examiners if may_assess(ex, entry)]
    name = f"{entry.reference} {entry.unit_name} ({entry.organisation})"
    own = sum(not may_assess(ex, entry) for ex in examiners)
    reasons: list[str] = []
    if len(eligible) < p.team_min:
        reasons.append(
            f"Bidraget {name} kan inte täckas: bara {len(eligible)} tillgängliga examinatorer "
            f"får bedöma det ({own} kommer från samma organisation eller har anmält jäv). "
            f"Det behövs minst {p.team_min - len(eligible)} examinatorer till från andra "
            "organisationer."
        )
    if not any(ex.can_coordinate for ex in eligible):
        reasons.append(
            f"Bidraget {name} saknar lagsamordnare: ingen examinator som kan samordna får "
            f"bedöma det. Det behövs minst en lagsamordnare från en annan organisation än "
            f"{entry.organisation}."
        )
    return reasons


def solver_reasons(problem: Problem, status: str) -> list[str]:
    if status == "unknown":
        return [
            f"Lösaren hann inte hitta någon fördelning på {problem.params.time_limit:g} "
            "sekunder. Försök igen med längre tid (--time-limit)."
        ]
    examiners = available(problem)
    coordinators = sum(ex.can_coordinate for ex in examiners)
    capable = sum(ex.capacity >= 2 for ex in examiners)
    return [
        "Ingen fördelning uppfyller alla hårda regler samtidigt (bevisat av lösaren). "
        "Varje bidrag för sig kan täckas, men inte alla på en gång: reglerna om egen "
        "organisation och jäv krockar när lagen sätts ihop.",
        f"Underlag: {len(problem.entries)} bidrag, {len(examiners)} tillgängliga "
        f"examinatorer, varav {coordinators} kan samordna och {capable} kan ta två bidrag.",
        "Åtgärd: lägg till examinatorer och lagsamordnare från organisationer som inte har "
        f"bidrag ({_busiest(problem)}), eller höj deras kapacitet.",
    ]


def _busiest(problem: Problem) -> str:
    counts = Counter(entry.organisation for entry in problem.entries)
    return "flest bidrag har " + ", ".join(f"{org} ({n})" for org, n in counts.most_common(3))


def annotate(problem: Problem, solution: Solution) -> Solution:
    """Add the soft-rule report and two alternates to each team."""
    examiners = {ex.id: ex for ex in problem.examiners}
    entries = {entry.unit_id: entry for entry in problem.entries}
    taken = {m for team in solution.teams for m in team.members}
    free = [
        ex
        for ex in problem.examiners
        if ex.id not in taken and not is_away(ex, problem.params.visit_period)
    ]
    teams = tuple(
        TeamOut(
            team.number,
            team.members,
            team.coordinator,
            team.entries,
            checks=checks(problem, team, examiners, entries),
            alternates=alternates(team, free, examiners, entries),
        )
        for team in solution.teams
    )
    return Solution(
        solution.status,
        teams=teams,
        objective=solution.objective,
        bound=solution.bound,
        seconds=solution.seconds,
    )


def checks(
    problem: Problem,
    team: TeamOut,
    examiners: dict[int, ExaminerIn],
    entries: dict[int, EntryIn],
) -> tuple[RuleCheck, ...]:
    members = [examiners[m] for m in team.members]
    orgs = Counter(ex.organisation for ex in members)
    doubled = [org for org, n in orgs.items() if n > 1]
    seniors = sum(ex.experienced for ex in members)
    new = len(members) - seniors
    unknown = [
        entries[u].reference
        for u in team.entries
        if entries[u].competition_class
        and not any(entries[u].competition_class in ex.classes for ex in members)
    ]
    result = [
        RuleCheck(RULE_ORG, not doubled, ", ".join(doubled)),
        RuleCheck(RULE_EXPERIENCED, seniors > 0, f"{seniors} erfarna"),
        RuleCheck(RULE_NEW, seniors > 0 or new == 0, f"{new} nya"),
        RuleCheck(RULE_CLASS, not unknown, ", ".join(unknown)),
    ]
    earlier = next((p for p in problem.pinned if p.number == team.number), None)
    if earlier is not None:
        same = earlier.members == frozenset(team.members)
        result.append(RuleCheck(RULE_KEPT, same, "" if same else "ändrat"))
    return tuple(result)


def alternates(
    team: TeamOut,
    free: list[ExaminerIn],
    examiners: dict[int, ExaminerIn],
    entries: dict[int, EntryIn],
    count: int = 2,
) -> tuple[int, ...]:
    """The best unassigned examiners who may assess all the team's entries."""
    load = len(team.entries)
    orgs = {examiners[m].organisation for m in team.members}
    classes = {entries[u].competition_class for u in team.entries}

    def fits(ex: ExaminerIn) -> bool:
        return ex.capacity >= load and all(may_assess(ex, entries[u]) for u in team.entries)

    def score(ex: ExaminerIn) -> tuple[int, int, int, int, int]:
        return (
            ex.organisation not in orgs,
            ex.experienced,
            bool(classes & ex.classes),
            ex.can_coordinate,
            -ex.id,
        )

    ranked = sorted((ex for ex in free if fits(ex)), key=score, reverse=True)
    return tuple(ex.id for ex in ranked[:count])
