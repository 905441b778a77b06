"""Streak speed: one member's streak, histories that grow, leaderboards over a big
community, the heatmap.

    python -m benchmarks.bench_streaks [--smoke] [--members N] [--n N]

Targets (p99): a 5-year daily streak under 5 ms (pure rules and via the service),
a leaderboard over 100,000 members with a year of check-ins under 100 ms, the
heatmap under 50 ms. History growth: ``check_in`` and ``show`` of a member with
100,000 stored check-ins within 1.2x (p50) of the same for a member with 10; the
same calls with the member's stored sweep deleted first (the whole history read,
as before sweeps were stored) are printed beside them.

The leaderboard reads only the per-member aggregates (``streak_stats``,
``streak_month_stats``). For the big community those aggregates are computed here
with the real rules from a synthetic one-year history per member and bulk-loaded;
the 36 million check-in rows behind them are not inserted (they take gigabytes and
minutes and no leaderboard query reads them). The one member whose streak is
timed through the service has all of their check-in rows stored.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks._measure import Summary, time_sequential
from bot.clock import ManualClock
from bot.community import CommunityService
from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.streaks.heatmap import HeatmapRenderer, render_heatmap
from bot.streaks.rules import StreakRules, compute_streak, period_of_day
from bot.streaks.service import StreakService
from storage import communities as community_store
from storage import streaks as store
from storage.backends import open_database
from storage.connection import Connection
from storage.database import Database

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)  # 21:00 in Seoul
TODAY = date(2026, 11, 23)
RULES = StreakRules("daily", freeze_every=7, freeze_cap=2)  # the community defaults
TARGETS_MS = {"streak": 5.0, "leaderboard": 100.0, "heatmap": 50.0}


def five_years_of_days(today: date, years: int = 5) -> list[date]:
    """Daily check-ins for ``years`` years with a missed day every few weeks."""
    return [today - timedelta(days=n) for n in range(365 * years) if n % 23 != 11]


def synthetic_year(rng: random.Random, today: date) -> list[date]:
    """A plausible year of one member: runs of reading days separated by gaps."""
    diligence = rng.random()
    days: list[date] = []
    offset = rng.randint(0, 30)
    while offset < 365:
        run = int(rng.expovariate(1 / (1 + 30 * diligence))) + 1
        days.extend(today - timedelta(days=offset + k) for k in range(run) if offset + k < 365)
        offset += run + int(rng.expovariate(1 / (1 + 6 * (1 - diligence)))) + 1
    return days


async def load_community(db: Database, community: CommunityRef, members: int) -> dict[str, str]:
    """Bulk-load ``members`` members with aggregates of a synthetic year each; returns,
    per scope, the member ranked last among those with a value (the slowest caller to
    rank: every other member is counted above them)."""
    rng = random.Random(20261123)
    month = TODAY.strftime("%Y-%m")
    external_ids = [str(10**17 + n) for n in range(members)]
    def work(conn: Connection):
        community_id = community_store.ensure_community(conn, community)
        ids = store.bulk_insert_members(conn, community_id, external_ids)
        stats, months = [], []
        for external_id in external_ids:
            days = synthetic_year(rng, TODAY)
            state = compute_streak(days, TODAY, RULES)
            member_id = ids[external_id]
            stats.append(store.StatsRow(
                member_id=member_id, community_id=community_id, current_run=state.current,
                alive_through=state.alive_through.isoformat() if state.alive_through else None,
                last_period=state.last_period.isoformat() if state.last_period else None,
                longest=state.longest, total_periods=state.total_periods,
            ))
            this_month = sum(1 for d in days if d.strftime("%Y-%m") == month)
            if this_month:
                months.append((member_id, month, community_id, this_month))
        store.bulk_write_stats(conn, stats)
        store.bulk_write_month_periods(conn, months)
        store.set_rules(conn, community_id, RULES.signature)
        return ids, stats, months
    ids, stats, months = await db.write(work)
    by_id = {member_id: external_id for external_id, member_id in ids.items()}
    alive = [s for s in stats if s.current_run and (s.alive_through or "") >= TODAY.isoformat()]
    return {
        "current": by_id[min(alive, key=lambda s: s.current_run).member_id],
        "longest": by_id[min(stats, key=lambda s: s.longest or 10**9).member_id],
        "month": by_id[min(months, key=lambda m: m[3])[0]],
    }


async def load_member_history(db: Database, member: MemberRef, days: list[date]) -> None:
    """Store every check-in row of one member, then refresh their aggregates."""
    def work(conn: Connection):
        community_id = community_store.ensure_community(conn, member.community)
        member_id = community_store.ensure_member(conn, member, "long reader")
        store.bulk_insert_checkins(conn, (
            store.NewCheckin(community_id=community_id, member_id=member_id,
                             checked_at=datetime.combine(d, datetime.min.time(), UTC)
                             .replace(hour=3).isoformat(),
                             day=d.isoformat(), source="checkin", created_by=member.external_id)
            for d in days
        ))
    await db.write(work)


def spread_history(size: int, last_day: date) -> list[date]:
    """``size`` check-in days ending at ``last_day``: one a day for small histories,
    several a day (at most 40, under the daily cap) over about seven years for big ones."""
    per_day = max(1, -(-size // 2_500))
    return [last_day - timedelta(days=n // per_day) for n in range(size)]


async def history_growth(db: Database, sizes: list[int], n: int) -> list[str]:
    """p50 of check_in and show for members whose histories have ``sizes`` check-ins;
    each timed check-in falls on the next day (a new period, so the sweep advances)."""
    lines = []
    base: dict[str, float] = {}
    for size in sizes:
        clock = ManualClock(NOW)
        service = StreakService(db, clock, CommunityService(db, clock))
        member = MemberRef(CommunityRef(DISCORD, "growth"), f"reader-{size}")
        await load_member_history(db, member, spread_history(size, TODAY - timedelta(days=1)))
        await service.check_in(member, "reader")  # the first write stores the sweep

        async def check_in(service: StreakService = service, clock: ManualClock = clock,
                           member: MemberRef = member) -> None:
            clock.advance(timedelta(days=1))
            await service.check_in(member, "reader")

        async def show(service: StreakService = service, member: MemberRef = member) -> None:
            await service.show(member)

        async def show_whole_history(service: StreakService = service,
                                     member: MemberRef = member) -> None:
            await drop_sweeps(db)
            await service.show(member)

        for label, action in [("check_in", check_in), ("show", show),
                              ("show, whole history", show_whole_history)]:
            gc.collect()
            summary = await time_sequential(f"{label} at {size:,}", action, n, warmup=3)
            key = label
            base.setdefault(key, summary.p50_ms)
            ratio = summary.p50_ms / base[key]
            target = "" if "whole" in label else (
                "  target p50 within 1.2x of the smallest: " + ("ok" if ratio <= 1.2 else "MISSED"))
            lines.append(f"{summary.line()}  x{ratio:.2f}{target}")
    return lines


async def drop_sweeps(db: Database) -> None:
    """Forget every stored sweep (the next read goes through the whole history)."""
    def work(conn: Connection):
        conn.execute("DELETE FROM streak_sweeps")
    await db.write(work)


def verdict(summary: Summary, target: float) -> str:
    return f"{summary.line()}  target p99 < {target:.0f} ms: " + (
        "ok" if summary.p99_ms < target else "MISSED")


async def run(members: int, n: int) -> list[str]:
    lines = []
    days = five_years_of_days(TODAY)

    async def pure() -> None:
        compute_streak(days, period_of_day(TODAY, "daily"), RULES)

    gc.collect()
    lines.append(verdict(await time_sequential("streak 5y pure", pure, n), TARGETS_MS["streak"]))

    with tempfile.TemporaryDirectory() as folder:
        db = await open_database(Path(folder) / "bench.sqlite3")
        try:
            clock = ManualClock(NOW)
            service = StreakService(db, clock, CommunityService(db, clock))
            long_reader = MemberRef(CommunityRef(DISCORD, "long"), "1")
            await load_member_history(db, long_reader, days)

            async def show() -> None:
                await service.show(long_reader)

            gc.collect()
            lines.append(verdict(await time_sequential("streak 5y via service", show, n),
                                 TARGETS_MS["streak"]))

            async def check_in() -> None:
                # One a day, as a reader does (the same day holds at most 50).
                clock.advance(timedelta(days=1))
                await service.check_in(long_reader, "long reader")

            summary = await time_sequential("check-in 5y (write+fsync)", check_in,
                                            max(n // 4, 10), warmup=5)
            clock.set(NOW)
            lines.append(summary.line() + "  (no target; includes the fsync of the commit)")

            sizes = [10, 1_000] if n <= 20 else [10, 1_000, 10_000, 100_000]
            lines.extend(await history_growth(db, sizes, n))

            big = CommunityRef(DISCORD, "big")
            callers = await load_community(db, big, members)
            for scope, caller_id in callers.items():
                caller = MemberRef(big, caller_id)
                result = await service.leaderboard(big, scope, caller)
                lines.append(f"  {scope}: top {result.entries[0].value}, caller rank "
                             f"{result.caller.rank} with {result.caller.value}")

                async def board(scope: str = scope, caller: MemberRef = caller) -> None:
                    await service.leaderboard(big, scope, caller)

                gc.collect()
                summary = await time_sequential(f"leaderboard {scope} {members // 1000}k",
                                                board, n, warmup=5)
                lines.append(verdict(summary, TARGETS_MS["leaderboard"]))
        finally:
            await db.close()

    counts = {TODAY - timedelta(days=k): 1 + k % 5 for k in range(0, 182, 2)}

    renderer = HeatmapRenderer()
    # Keeps its background and tiles but no finished graph: every call is what a
    # member sees right after checking in (a miss on a warm renderer).
    forgetful = HeatmapRenderer(max_cached=0)

    async def heatmap() -> None:
        render_heatmap(counts, TODAY, "ko")

    async def heatmap_after_checkin() -> None:
        forgetful.render(counts, TODAY, "ko")

    async def heatmap_again() -> None:
        renderer.render(counts, TODAY, "ko")

    for label, action in [("heatmap render (cold)", heatmap),
                          ("heatmap after a check-in", heatmap_after_checkin),
                          ("heatmap shown again", heatmap_again)]:
        gc.collect()
        lines.append(verdict(await time_sequential(label, action, n, warmup=3),
                             TARGETS_MS["heatmap"]))
    # bench_commands' upload floor sends a file of about this size (floor_bot.UPLOAD_BYTES).
    lines.append(f"heatmap PNG: {len(renderer.render(counts, TODAY, 'ko')):,} bytes")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes, for CI")
    parser.add_argument("--members", type=int, default=None)
    parser.add_argument("--n", type=int, default=None, help="timed runs per measurement")
    args = parser.parse_args()
    members = args.members or (2_000 if args.smoke else 100_000)
    n = args.n or (20 if args.smoke else 200)
    for line in asyncio.run(run(members, n)):
        print(line)


if __name__ == "__main__":
    main()
