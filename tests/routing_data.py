"""Realistic generated examiners and entries for the routing tests and the benchmark."""

from __future__ import annotations

import random
from datetime import date

from bot.teams.routing.problem import EntryIn, ExaminerIn

CLASSES = (
    "Förskola",
    "Skola",
    "Äldreomsorg",
    "Socialtjänst och stöd och service till personer med funktionsnedsättning",
    "Andra verksamheter",
)
ORGANISATIONS = (
    *(
        f"{name} stadsdelsförvaltning"
        for name in (
            "Rinkeby-Kista",
            "Spånga-Tensta",
            "Hässelby-Vällingby",
            "Bromma",
            "Kungsholmen",
            "Norrmalm",
            "Östermalm",
            "Södermalm",
            "Enskede-Årsta-Vantör",
            "Skarpnäck",
            "Farsta",
            "Älvsjö",
            "Hägersten-Älvsjö",
            "Skärholmen",
        )
    ),
    "Utbildningsförvaltningen",
    "Socialförvaltningen",
    "Stockholm Vatten och Avfall AB",
)


def entries(count: int, organisations: int = 14, seed: int = 7) -> tuple[EntryIn, ...]:
    rng = random.Random(seed)
    return tuple(
        EntryIn(
            unit_id=n + 1,
            reference=f"KU-2027-{n + 1:03d}",
            unit_name=f"Verksamhet {n + 1}",
            organisation=ORGANISATIONS[rng.randrange(organisations)],
            competition_class=rng.choice(CLASSES),
        )
        for n in range(count)
    )


def examiners(
    count: int, seed: int = 11, away: int = 0, doubles: float | None = None
) -> tuple[ExaminerIn, ...]:
    """A third new, a third able to coordinate; every fifth able to take two entries, or
    each with the chance ``doubles`` (drawn apart, so the rest stays the same)."""
    rng = random.Random(seed)
    draws = random.Random(seed + 1)
    result = []
    for n in range(count):
        two = n % 5 == 0 if doubles is None else draws.random() < doubles
        gone = ((date(2027, 9, 20), date(2027, 9, 30)),) if n < away else ()
        result.append(
            ExaminerIn(
                id=1000 + n,
                name=f"Examinator {n}",
                organisation=rng.choice(ORGANISATIONS),
                experienced=n % 3 != 0,
                can_coordinate=n % 3 == 1,
                classes=frozenset(rng.sample(CLASSES, rng.randint(1, 2))),
                capacity=2 if two else 1,
                away=gone,
            )
        )
    return tuple(result)
