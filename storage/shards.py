"""What several shard processes on one database share: the IDENTIFY gate and the
leases on due schedules (migration 010)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from storage.connection import Connection
from storage.dialect import query
from storage.fetch import fetch_all, fetch_value
from storage.schedules import Delivery, delivery_from_row, from_db_time, to_db_time

_NEVER = to_db_time(datetime(1970, 1, 1, tzinfo=UTC))
_CHUNK = 400


def take_identify_turn(conn: Connection, bucket: int, now: datetime, spacing: float) -> float:
    """Take bucket ``bucket``'s IDENTIFY turn at ``now`` if its last one was at least
    ``spacing`` seconds ago (returns 0.0), else the seconds still to wait. Run in a
    write: the bucket's row is locked until commit, so processes take turns."""
    conn.execute(
        "INSERT INTO identify_gate (bucket, last_at) VALUES (?, ?) "
        "ON CONFLICT (bucket) DO NOTHING", (bucket, _NEVER))
    last = from_db_time(str(fetch_value(conn, query(conn, "shards.lock_identify_bucket"),
                                        {"bucket": bucket})))
    wait = spacing - (now - last).total_seconds()
    if wait > 0:
        return wait
    conn.execute("UPDATE identify_gate SET last_at = ? WHERE bucket = ?",
                 (to_db_time(now), bucket))
    return 0.0


def identify_times(conn: Connection) -> dict[int, datetime]:
    """Each bucket's last IDENTIFY turn."""
    rows = fetch_all(conn, "SELECT bucket, last_at FROM identify_gate")
    return {int(row[0]): from_db_time(str(row[1])) for row in rows}


def lease_schedules(
    conn: Connection, ids: Sequence[int], owner: str, now: datetime, lease: timedelta
) -> list[int]:
    """Lease those of ``ids`` that nobody else holds (no lease, an expired one, or
    ``owner``'s own) to ``owner`` until ``now + lease``; returns the ids leased.
    On Postgres rows another transaction is leasing are skipped (SKIP LOCKED); on
    SQLite the one writer does the same."""
    until = to_db_time(now + lease)
    now_text = to_db_time(now)
    leased: list[int] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        conn.executemany(
            "INSERT INTO due_leases (schedule_id, owner, until_utc) VALUES (?, '', ?) "
            "ON CONFLICT (schedule_id) DO NOTHING", [(i, _NEVER) for i in chunk])
        free = fetch_all(conn, query(conn, "shards.lock_free_leases").format(marks=marks),
                         [*chunk, owner, now_text])
        taken = [int(row[0]) for row in free]
        if taken:
            conn.executemany("UPDATE due_leases SET owner = ?, until_utc = ? "
                             "WHERE schedule_id = ?", [(owner, until, i) for i in taken])
        leased.extend(taken)
    return leased


def release_leases(conn: Connection, ids: Sequence[int], owner: str) -> None:
    """End ``owner``'s leases on ``ids`` (their deliveries are recorded)."""
    conn.executemany("UPDATE due_leases SET until_utc = ? WHERE schedule_id = ? AND owner = ?",
                     [(_NEVER, i, owner) for i in ids])


def lease_holders(conn: Connection, ids: Sequence[int], now: datetime) -> dict[int, str]:
    """Who holds a live lease on each of ``ids`` (ids without one are left out)."""
    held: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = fetch_all(conn, f"SELECT schedule_id, owner FROM due_leases "
                               f"WHERE schedule_id IN ({marks}) AND until_utc > ?",
                         [*chunk, to_db_time(now)])
        held.update({int(row[0]): str(row[1]) for row in rows})
    return held


def orphaned_deliveries(conn: Connection, now: datetime, lease: timedelta) -> list[Delivery]:
    """Deliveries left 'sending' whose schedule nobody holds a live lease on (the
    process that claimed them died), first attempted at least ``lease`` ago."""
    rows = fetch_all(
        conn,
        "SELECT d.schedule_id, d.occurrence_utc, d.status, d.late, d.nonce, d.message_id, "
        "d.attempts, d.attempted_at, d.finished_at, d.reason FROM deliveries d "
        "LEFT JOIN due_leases l ON l.schedule_id = d.schedule_id "
        "WHERE d.status = 'sending' AND (l.until_utc IS NULL OR l.until_utc <= ?) "
        "AND d.attempted_at <= ? ORDER BY d.occurrence_utc",
        (to_db_time(now), to_db_time(now - lease)))
    return [delivery_from_row(row) for row in rows]
