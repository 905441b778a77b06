"""Only the runners start the schedule engine: ``bot/runner.py`` (Discord, Slack,
both) and ``bot/console/cli.py`` (the console's). A front end's client or session
does not start it on the side."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNNERS = {"bot/runner.py", "bot/console/cli.py"}


def starts_the_engine(node: ast.AST) -> bool:
    """``….schedules.start(…)`` or ``engine.start(…)``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "start"):
        return False
    target = node.func.value
    return (isinstance(target, ast.Attribute) and target.attr == "schedules") or (
        isinstance(target, ast.Name) and target.id == "engine"
    )


def test_only_the_runners_start_the_scheduler() -> None:
    found = {
        str(path.relative_to(ROOT))
        for package in ("bot", "cogs")
        for path in (ROOT / package).rglob("*.py")
        if any(starts_the_engine(node) for node in ast.walk(ast.parse(path.read_text("utf-8"))))
    }
    assert found == RUNNERS
