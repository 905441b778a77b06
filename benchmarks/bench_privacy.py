"""Members' data: export, deletion and the retention pass, on a seeded database.

A community of ``--members`` members with ``--days`` check-ins each (paper and
note) is seeded with raw sqlite3. Measured through ``PrivacyService``: exporting
one member (JSON and CSV zip built), deleting one member (one transaction), and
one retention pass clearing every check-in text of the community. Floors in the
same run: a raw ``SELECT`` of a member's check-ins, and a raw ``DELETE`` of a
member row (foreign keys cascade) with its commit.

    python -m benchmarks.bench_privacy [--members 2000] [--days 365] [--n 200] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks._measure import Summary
from bot.clock import ManualClock
from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.runner import open_services
from bot.settings import Settings
from storage.backends import open_database

COMMUNITY = CommunityRef(DISCORD, "1")
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def seed(path: Path, members: int, days: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO communities (id, platform, external_id) VALUES (1, 'discord', '1')")
    conn.executemany("INSERT INTO members (id, community_id, external_id, display_name) "
                     "VALUES (?, 1, ?, ?)", ((m, str(m), f"m{m}") for m in range(1, members + 1)))
    first = date(2026, 11, 23) - timedelta(days=days)
    conn.executemany(
        "INSERT INTO streak_checkins (community_id, member_id, checked_at, day, paper, note, "
        "source, created_by) VALUES (1, ?, ?, ?, 'A paper title', 'a note', 'checkin', ?)",
        ((m, f"{first + timedelta(days=d)}T12:00:00+00:00", str(first + timedelta(days=d)),
          str(m)) for m in range(1, members + 1) for d in range(days)))
    conn.execute("COMMIT")
    conn.close()


def raw_floor(path: Path, ids: list[int]) -> tuple[Summary, Summary]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    reads, deletes = [], []
    for member in ids:
        begin = time.perf_counter()
        conn.execute("SELECT checked_at, day, paper, note FROM streak_checkins "
                     "WHERE member_id = ?", (member,)).fetchall()
        reads.append(time.perf_counter() - begin)
    started = time.perf_counter()
    for member in ids:
        begin = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM members WHERE id = ?", (member,))
        conn.execute("COMMIT")
        deletes.append(time.perf_counter() - begin)
    wall = time.perf_counter() - started
    conn.close()
    return (Summary("raw select of check-ins", tuple(reads), sum(reads)),
            Summary("raw delete member+commit", tuple(deletes), wall))


async def measured(data_dir: Path, ids: list[int]) -> tuple[Summary, Summary, float]:
    services = await open_services(Settings(data_dir=data_dir), ManualClock(NOW))
    exports, deletes = [], []
    try:
        for member in ids:
            begin = time.perf_counter()
            exported = await services.privacy.export(MemberRef(COMMUNITY, str(member)),
                                                     limited=False)
            exported.files()
            exports.append(time.perf_counter() - begin)
        started = time.perf_counter()
        for member in ids:
            begin = time.perf_counter()
            await services.privacy.delete_by_operator(MemberRef(COMMUNITY, str(member)))
            deletes.append(time.perf_counter() - begin)
        wall = time.perf_counter() - started
        await services.community.set_value(COMMUNITY, "checkin_text_days", "1", actor="bench")
        begin = time.perf_counter()
        report = await services.privacy.housekeeping()
        retention = time.perf_counter() - begin
        print(f"retention pass: cleared {report.checkins_cleared} check-in texts "
              f"in {retention * 1000:.0f} ms")
    finally:
        await services.close()
    return (Summary("PrivacyService.export+files", tuple(exports), sum(exports)),
            Summary("PrivacyService delete", tuple(deletes), wall), retention)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--n", type=int, default=200, help="members exported and deleted")
    parser.add_argument("--smoke", action="store_true", help="100 members, 30 days, n=20")
    args = parser.parse_args()
    members, days, n = (100, 30, 20) if args.smoke else (args.members, args.days, args.n)
    ids = list(range(1, min(n, members) + 1))
    with tempfile.TemporaryDirectory() as raw_dir, tempfile.TemporaryDirectory() as bot_dir:
        for folder in (raw_dir, bot_dir):
            path = Path(folder) / "studybot.sqlite3"
            asyncio.run(_migrate(path))
            seed(path, members, days)
        read_floor, delete_floor = raw_floor(Path(raw_dir) / "studybot.sqlite3", ids)
        export, delete, _ = asyncio.run(measured(Path(bot_dir), ids))
    print(f"{members} members x {days} check-ins")
    for summary in (read_floor, export, delete_floor, delete):
        print(summary.line())
    print(f"export / raw select: p50 x{export.p50_ms / read_floor.p50_ms:.1f}; "
          f"delete / raw delete: p50 x{delete.p50_ms / delete_floor.p50_ms:.1f}")


async def _migrate(path: Path) -> None:

    db = await open_database(path)
    await db.close()


if __name__ == "__main__":
    main()
