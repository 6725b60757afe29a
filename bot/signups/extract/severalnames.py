"""Which of the names a mail that signs up several units gives are the units: not the
writer's group named before the count, and in running text the ones "den ena", "den andra"
introduce."""

from __future__ import annotations

from bot.signups.extract.unitlists import COUNTS, SEVERAL, ordinal_units


def without_the_group(lines: list[str], units: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """ "Avdelningen Individ och familj på Södermalm vill anmäla två enheter:" above the two:
    a name before the count, in the sentence that gives it, is the writer's group. The
    group's line leads in to the units, so they all stand below it: "– Servicebostaden
    Ekbacken, chef Eva Lind (hon har två enheter)" last in a list is one of the units."""
    for i, name in units:
        count = SEVERAL.search(lines[i])
        if (
            count
            and 0 <= lines[i].casefold().find(name.casefold()) < count.start()
            and len(units) - 1 == COUNTS.get(count.group("count").casefold())
            and all(j >= i for j, _ in units)
        ):
            return [unit for unit in units if unit != (i, name)]
    return units


def ordinal_in_running_text(
    sentences: list[str], units: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """The units "Den ena är X, där … Den andra är Y" names, when they share a paragraph.
    When each already opens a paragraph of its own ("Den första är Förskolan Eken. …" and
    below it "Den andra är …"), the paragraphs are their blocks: a sentence there that names
    no unit ("Henrik är själv kontaktperson") still belongs to the unit above it."""
    ordinal = ordinal_units(sentences)
    return ordinal if len({i for i, _ in units}) < len(ordinal) else []
