"""``RoundService`` is a facade: every public method is the bound method of one
part built on the service's one ``RoundContext``, and the pure rules of
``bot.rounds`` (outside ``bot.rounds.parts``) reach no storage."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from bot.clock import ManualClock
from bot.community import CommunityService
from bot.i18n import load_catalog
from bot.rounds.parts.attendance import AttendanceKeeper
from bot.rounds.parts.context import RoundContext, RoundPart
from bot.rounds.service import RoundService
from bot.schedules.engine import ScheduleEngine
from bot.streaks.service import StreakService
from storage.database import Database
from tests.fake_poster import FakePoster

ROUNDS = Path(__file__).resolve().parents[2] / "bot" / "rounds"


def make_rounds(db: Database, clock: ManualClock) -> RoundService:
    texts = load_catalog()
    community = CommunityService(db, clock)
    engine = ScheduleEngine(db, clock, FakePoster(), community, texts=texts, realtime=False)
    return RoundService(db, clock, community, engine, StreakService(db, clock, community),
                        texts=texts)


async def test_every_public_method_is_a_parts_own_on_the_one_context(
    db: Database, clock: ManualClock
) -> None:
    rounds = make_rounds(db, clock)
    public = {name: getattr(rounds, name) for name in dir(rounds) if not name.startswith("_")}
    delegated = {name: m for name, m in public.items() if inspect.ismethod(m)
                 and m.__self__ is not rounds}
    assert set(public) - set(delegated) == {"attach_events", "context"}
    for name, method in delegated.items():
        owner = method.__self__
        assert isinstance(owner, RoundPart | RoundContext | AttendanceKeeper), name
        assert method.__name__ == name
        if isinstance(owner, RoundPart):
            assert owner._ctx is rounds.context, name
    assert rounds.context.attendance is rounds.finalize_session.__self__


def test_pure_round_rules_import_no_storage() -> None:
    for path in sorted(ROUNDS.glob("*.py")):
        if path.name in ("service.py", "export.py"):
            continue  # the facade, and the files a service's results become
        tree = ast.parse(path.read_text("utf-8"))
        imported = [node.module or "" for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom)]
        imported += [a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                     for a in node.names]
        assert not [m for m in imported if m.split(".")[0] == "storage"
                    or m.startswith("bot.rounds.parts")], path.name


def test_front_ends_reach_rounds_through_the_facade_and_the_pure_rules() -> None:
    root = ROUNDS.parents[1]
    front_ends = [root / "cogs", root / "bot" / "slack", root / "bot" / "console",
                  root / "bot" / "discord_app"]
    offending = []
    for path in sorted(p for folder in front_ends for p in folder.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        offending += [f"{path.relative_to(root)}: {node.module}" for node in ast.walk(tree)
                      if isinstance(node, ast.ImportFrom)
                      and (node.module or "").startswith("bot.rounds.parts")]
    assert not offending, offending
