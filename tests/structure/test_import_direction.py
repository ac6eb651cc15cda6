"""The folders draw the architecture: imports point one way only (README, "Project layout").

    common -> questionnaire -> check | trust -> report -> employer | expert -> samples -> ui -> cli

A package may import from the packages before it and from itself; siblings (check and trust,
employer and expert, the three windows of ui) do not import each other. Imports inside
functions count too: a lazy import is still a dependency. Within a package no two modules
import each other, directly or around a loop.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "arbocheck"

LAYER = {"core.common": 0, "core.questionnaire": 1, "core.check": 2, "core.trust": 2, "core.report": 3,
         "core.employer": 4, "core.expert": 4, "core.samples": 5,
         "ui": 6, "ui.worker": 7, "ui.employer": 7, "ui.expert": 7, "ui.app": 8, "ui.screenshots": 8, "cli": 9}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PKG.rglob("*.py"):
        parts = path.relative_to(PKG.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Every arbocheck module this file imports, at any depth of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("arbocheck"):
            assert node.level == 0, f"{path}: a relative import (write it absolute)"
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in MODULES else node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: a relative import (write it absolute)")
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("arbocheck")}
    return found


def _room(module: str) -> str | None:
    """The package a module belongs to, as named in LAYER (the longest prefix)."""
    name = module.removeprefix("arbocheck.")
    best = None
    for room in LAYER:
        if name == room or name.startswith(room + "."):
            best = room if best is None or len(room) > len(best) else best
    return best


GRAPH = {m: _imports(p) for m, p in MODULES.items()}


def test_every_module_has_a_room():
    loose = [m for m in MODULES if _room(m) is None and m not in ("arbocheck", "arbocheck.__main__", "arbocheck.core")]
    assert not loose, f"modules outside the packages of the README's layout: {loose}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    here = _room(module)
    if here is None:
        return
    wrong = []
    for dep in sorted(GRAPH[module]):
        there = _room(dep)
        if there is None or there == here or here.startswith(there + "."):
            continue
        if LAYER[there] >= LAYER[here]:
            wrong.append(f"{dep} ({there})")
    assert not wrong, f"{module} ({here}) imports up or sideways: {wrong}"


def test_no_module_cycle():
    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        seen[m] = 1
        stack.append(m)
        for dep in GRAPH.get(m, ()):
            if dep not in MODULES or dep == m or MODULES[dep].name == "__init__.py":
                continue
            if seen.get(dep) == 1:
                loop = stack[stack.index(dep):] + [dep]
                raise AssertionError("import cycle: " + " -> ".join(loop))
            if dep not in seen:
                visit(dep)
        stack.pop()
        seen[m] = 2

    for m in sorted(MODULES):
        if m not in seen:
            visit(m)


def test_the_rule_is_not_vacuous():
    """The walk finds imports at all, including the lazy ones inside functions."""
    assert "arbocheck.core.trust.verify" in GRAPH["arbocheck.core.employer.importer"]
    assert sum(len(v) for v in GRAPH.values()) > 300
