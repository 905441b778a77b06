"""The import graph of the shipped packages has no cycle, and storage stands below
the services: it imports nothing from ``bot`` but the shared core, and only storage
names a database driver.

The graph is read from the source (``ast``), without importing anything. Every
``import`` that runs counts, including those inside functions, since a cycle
through a deferred import is still two modules that need each other; imports
under ``if TYPE_CHECKING:`` never run and only name types, so they do not.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "cogs", "content", "storage")
# What storage may import from ``bot``: the kernel both layers share.
SHARED_CORE = "bot.core"
DRIVERS = ("sqlite3", "aiosqlite", "psycopg", "psycopg_pool", "asyncpg", "sqlalchemy")


def module_files() -> dict[str, Path]:
    """``{dotted module name: file}`` for every module of the shipped packages."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imported_names(module: str, path: Path) -> Iterator[str]:
    """Every dotted name ``module`` imports (``from a import b`` yields ``a.b``)."""
    is_package = path.name == "__init__.py"
    for node in _runtime_nodes(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        yield node
        yield from _runtime_nodes(node)


def import_graph() -> dict[str, set[str]]:
    """``{module: modules of the shipped packages it imports}``."""
    files = module_files()
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        targets = set()
        for name in imported_names(module, path):
            # The longest known module the name starts with: ``a.b.C`` -> ``a.b``.
            parts = name.split(".")
            while parts and ".".join(parts) not in files:
                parts.pop()
            if parts and ".".join(parts) != module:
                targets.add(".".join(parts))
        graph[module] = targets
    return graph


def unit_of(module: str) -> str:
    """The part a module belongs to: a package of ``bot`` (``bot.rounds``) or one of
    its top-level modules (``bot.cli``); ``cogs``, ``content`` and ``storage`` whole."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "bot" and len(parts) > 1 else parts[0]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a path that returns to its start) through each group of nodes
    that import each other (each strongly connected component of two or more)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(graph, group) for group in groups]


def _cycle_in(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest path from the group's first node back to itself, inside the group."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & group):
                if target == start:
                    return [*paths[node], start]
                if target not in paths:
                    paths[target] = [*paths[node], target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"{sorted(group)} is not strongly connected")


def unit_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    units: dict[str, set[str]] = {}
    for module, targets in graph.items():
        edges = units.setdefault(unit_of(module), set())
        edges.update(unit_of(t) for t in targets if unit_of(t) != unit_of(module))
    return units


def describe(found: list[list[str]]) -> str:
    return "; ".join(" -> ".join(cycle) for cycle in found)


def test_no_module_imports_itself_through_others() -> None:
    found = cycles(import_graph())
    assert not found, f"import cycles between modules: {describe(found)}"


def test_no_package_imports_itself_through_others() -> None:
    found = cycles(unit_graph(import_graph()))
    assert not found, f"import cycles between packages: {describe(found)}"


def test_storage_imports_nothing_from_bot_but_the_shared_core() -> None:
    graph = import_graph()
    offending = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items() if unit_of(module) == "storage"
        for target in targets
        if target.startswith("bot") and not (target + ".").startswith(SHARED_CORE + ".")
    )
    assert not offending, offending
    assert any(t.startswith(SHARED_CORE) for t in graph["storage.rounds"])  # the check sees


def test_only_storage_names_a_database_driver() -> None:
    """Tests and benchmarks are not checked: they open the SQLite file itself to
    see what is stored, or time the raw driver as the floor of a benchmark."""
    offending = sorted(
        f"{module} imports {name}"
        for module, path in module_files().items() if unit_of(module) != "storage"
        for name in imported_names(module, path)
        if name.split(".")[0] in DRIVERS
    )
    assert not offending, offending


def test_the_checks_see_a_cycle_and_name_it() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert unit_of("bot.rounds.lookup") == "bot.rounds" and unit_of("storage.rounds") == "storage"
    assert cycles({"x": {"y"}, "y": set()}) == []


def test_type_checking_imports_are_left_out() -> None:
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import a\n"
                     "else:\n    import b\ndef f():\n    import c\n")
    names = {alias.name for node in _runtime_nodes(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    assert names == {"b", "c"}
