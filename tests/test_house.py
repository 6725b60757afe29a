"""The house holds: no import circles in bot/, no module past 400 lines, and only
bot/clock.py reads the system time. The layers themselves are `lint-imports`' contracts
in pyproject.toml, run by `make test`."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

from tests.conftest import REPO

BOT = REPO / "bot"
MODULES = sorted(p for p in BOT.rglob("*.py") if "migrations" not in p.parts)


def _circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    modules = sorted(m for m in graph.modules if m.startswith("bot"))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next((c for c in children if c.startswith("bot")), None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_module_imports_itself_back_through_others() -> None:
    assert _circles(grimp.build_graph("bot")) == []


def test_the_circle_finder_finds_a_circle() -> None:
    graph = grimp.ImportGraph()
    for name in ("bot.a", "bot.b", "bot.c"):
        graph.add_module(name)
    graph.add_import(importer="bot.a", imported="bot.b")
    graph.add_import(importer="bot.b", imported="bot.a")
    graph.add_import(importer="bot.c", imported="bot.a")
    assert _circles(graph) == [["bot.a", "bot.b"]]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(BOT).as_posix())
def test_every_module_is_a_readable_size(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


# Reading the wall clock; time.monotonic and perf_counter measure durations and may stay.
SYSTEM_TIME = {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"), ("time", "time")}


def _reads_system_time(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            if (name, node.func.attr) in SYSTEM_TIME:
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(BOT).as_posix())
def test_only_the_clock_reads_the_system_time(path: Path) -> None:
    if path == BOT / "clock.py":
        assert _reads_system_time(path), "the clock should be where the time is read"
    else:
        assert _reads_system_time(path) == []
