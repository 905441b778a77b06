"""Scheduled messages and their deliveries (one row per occurrence dealt with)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.core.refs import ChannelRef, CommunityRef
from storage.connection import Connection, Row
from storage.dialect import query
from storage.fetch import fetch_all, fetch_one, fetch_value

ACTIVE, PAUSED, FINISHED = "active", "paused", "finished"
SENDING, SENT, LATE, SKIPPED, FAILED = "sending", "sent", "late", "skipped", "failed"
# SQLite allows many more, but short IN lists keep statements cheap to prepare.
_CHUNK = 400

_SCHEDULE_COLUMNS = (
    "s.id, s.community_id, c.platform, c.external_id, s.kind, s.channel_id, s.rule, "
    "s.message, s.ping_role, s.payload, s.status, s.paused_reason, s.handled_until, "
    "s.created_by, s.created_at, s.owned_by"
)
_FROM = "FROM schedules s JOIN communities c ON c.id = s.community_id"


def to_db_time(moment: datetime) -> str:
    """An aware instant as fixed-width UTC text (text order is time order)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    """The inverse of ``to_db_time``."""
    return datetime.fromisoformat(text).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Schedule:
    """One scheduled message as stored."""

    id: int
    community_id: int
    community: CommunityRef
    kind: str
    channel_id: str
    rule: str
    message: str | None
    ping_role: str | None
    payload: dict[str, Any] = field(compare=False)
    status: str
    paused_reason: str | None
    handled_until: datetime
    created_by: str
    created_at: datetime
    # A personal reminder's member (platform id); None for every other schedule.
    owned_by: str | None = None

    @property
    def channel(self) -> ChannelRef:
        return ChannelRef(self.community, self.channel_id)


@dataclass(frozen=True, slots=True)
class ScheduleTiming:
    """What the engine needs at start-up to time an active schedule."""

    id: int
    community: CommunityRef
    rule: str
    handled_until: datetime
    next_fire: datetime | None  # cached, valid for next_fire_zone
    next_fire_zone: str | None


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a schedule stands: every occurrence up to ``handled_until`` is dealt with
    (None: unchanged); ``next_fire`` is the next one as computed in ``zone``."""

    schedule_id: int
    handled_until: datetime | None
    next_fire: datetime | None
    zone: str


@dataclass(frozen=True, slots=True)
class Delivery:
    """One occurrence of a schedule that was posted, skipped, failed or is in flight."""

    schedule_id: int
    occurrence: datetime
    status: str
    late: bool
    nonce: str | None
    message_id: str | None
    attempts: int
    attempted_at: datetime | None
    finished_at: datetime | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class NewDelivery:
    """A delivery row to insert."""

    schedule_id: int
    occurrence: datetime
    status: str
    late: bool = False
    nonce: str | None = None
    attempts: int = 0
    attempted_at: datetime | None = None
    finished_at: datetime | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """How an attempted delivery ended (or that it is still being retried)."""

    schedule_id: int
    occurrence: datetime
    status: str
    attempts: int
    message_id: str | None = None
    finished_at: datetime | None = None
    reason: str | None = None


def _schedule(row: Row) -> Schedule:
    return Schedule(
        id=row[0], community_id=row[1], community=CommunityRef(row[2], row[3]), kind=row[4],
        channel_id=row[5], rule=row[6], message=row[7], ping_role=row[8],
        payload=json.loads(row[9]), status=row[10], paused_reason=row[11],
        handled_until=from_db_time(row[12]), created_by=row[13],
        created_at=from_db_time(row[14]), owned_by=row[15],
    )


def delivery_from_row(row: Row) -> Delivery:
    """A delivery from a row of the ten columns the queries here select."""
    return Delivery(
        schedule_id=row[0], occurrence=from_db_time(row[1]), status=row[2], late=bool(row[3]),
        nonce=row[4], message_id=row[5], attempts=row[6],
        attempted_at=from_db_time(row[7]) if row[7] else None,
        finished_at=from_db_time(row[8]) if row[8] else None, reason=row[9],
    )


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


# --- schedules ------------------------------------------------------------------------


def insert_schedule(
    conn: Connection, *, community_id: int, kind: str, channel_id: str, rule: str,
    message: str | None, ping_role: str | None, payload: dict[str, Any], created_by: str,
    created_at: datetime, owned_by: str | None = None,
) -> int:
    """Store a new active schedule whose occurrences start after ``created_at``
    (``owned_by``: the member a personal reminder belongs to)."""
    new_id = fetch_value(
        conn,
        "INSERT INTO schedules (community_id, kind, channel_id, rule, message, ping_role, "
        "payload, status, handled_until, created_by, created_at, owned_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id",
        (community_id, kind, channel_id, rule, message, ping_role, json.dumps(payload),
         to_db_time(created_at), created_by, to_db_time(created_at), owned_by),
    )
    return int(new_id)


def get_schedule(conn: Connection, schedule_id: int) -> Schedule | None:
    """The schedule with internal id ``schedule_id``, or None."""
    row = fetch_one(conn, f"SELECT {_SCHEDULE_COLUMNS} {_FROM} WHERE s.id = ?",
                          (schedule_id,))
    return _schedule(row) if row else None


def get_schedules(conn: Connection, ids: Sequence[int]) -> dict[int, Schedule]:
    """The schedules among ``ids`` that exist, by id."""
    found: dict[int, Schedule] = {}
    for chunk in _chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        for row in fetch_all(
            conn, f"SELECT {_SCHEDULE_COLUMNS} {_FROM} WHERE s.id IN ({marks})", tuple(chunk)
        ):
            found[row[0]] = _schedule(row)
    return found


def find_schedule(
    conn: Connection, community: CommunityRef, schedule_id: int, kind: str | None = None
) -> Schedule | None:
    """Schedule ``schedule_id`` if it belongs to ``community`` (and is of ``kind``)."""
    sql = f"SELECT {_SCHEDULE_COLUMNS} {_FROM} WHERE s.id = ? AND c.platform = ? " \
          "AND c.external_id = ?"
    params: tuple[Any, ...] = (schedule_id, community.platform, community.external_id)
    if kind is not None:
        sql += " AND s.kind = ?"
        params += (kind,)
    row = fetch_one(conn, sql, params)
    return _schedule(row) if row else None


def list_schedules(
    conn: Connection, community: CommunityRef, kind: str,
    statuses: Sequence[str] = (ACTIVE, PAUSED), *, owned_by: str | None = None,
) -> list[Schedule]:
    """One community's schedules of ``kind`` in the given statuses, oldest first;
    with ``owned_by``, only that member's (personal reminders)."""
    marks = ",".join("?" * len(statuses))
    owner = "" if owned_by is None else " AND s.owned_by = ?"
    rows = fetch_all(
        conn,
        f"SELECT {_SCHEDULE_COLUMNS} {_FROM} WHERE c.platform = ? AND c.external_id = ? "
        f"AND s.kind = ? AND s.status IN ({marks}){owner} ORDER BY s.id",
        (community.platform, community.external_id, kind, *statuses,
         *(() if owned_by is None else (owned_by,))),
    )
    return [_schedule(row) for row in rows]


def count_schedules(
    conn: Connection, community_id: int, kind: str,
    statuses: Sequence[str] = (ACTIVE, PAUSED), *, owned_by: str | None = None,
) -> int:
    """How many schedules of ``kind`` a community (with ``owned_by``: that member)
    has in the given statuses."""
    marks = ",".join("?" * len(statuses))
    owner = "" if owned_by is None else " AND owned_by = ?"
    count = fetch_value(
        conn,
        f"SELECT count(*) FROM schedules WHERE community_id = ? AND kind = ? "
        f"AND status IN ({marks}){owner}",
        (community_id, kind, *statuses, *(() if owned_by is None else (owned_by,))),
    )
    return int(count or 0)


def edit_schedule(
    conn: Connection, schedule_id: int, *, message: str | None = None,
    channel_id: str | None = None, rule: str | None = None,
    handled_until: datetime | None = None, status: str | None = None,
) -> bool:
    """Change what a schedule posts, where and when, keeping its id (None: unchanged).
    A new ``rule`` comes with the ``handled_until`` its occurrences count from and
    clears the cached next occurrence; a delivery already recorded for an instant
    is never claimed again, whatever the rule."""
    changes: list[tuple[str, Any]] = [
        (column, value) for column, value in (
            ("message", message), ("channel_id", channel_id), ("rule", rule),
            ("status", status),
            ("handled_until", to_db_time(handled_until) if handled_until else None),
        ) if value is not None
    ]
    if rule is not None:
        changes += [("next_fire", None), ("next_fire_zone", None)]
    if status is not None:
        changes.append(("paused_reason", None))
    if not changes:
        return False
    assignments = ", ".join(f"{column} = ?" for column, _ in changes)
    cursor = conn.execute(f"UPDATE schedules SET {assignments} WHERE id = ?",
                          (*(value for _, value in changes), schedule_id))
    return cursor.rowcount > 0


def set_status(
    conn: Connection, schedule_id: int, status: str, *, reason: str | None = None,
    handled_until: datetime | None = None,
) -> bool:
    """Change a schedule's status (and, when given, move ``handled_until`` forward)."""
    if handled_until is None:
        cursor = conn.execute(
            "UPDATE schedules SET status = ?, paused_reason = ? WHERE id = ?",
            (status, reason, schedule_id),
        )
    else:
        cursor = conn.execute(
            "UPDATE schedules SET status = ?, paused_reason = ?, handled_until = "
            + _later(conn, "handled_until", "?") + " WHERE id = ?",
            (status, reason, to_db_time(handled_until), schedule_id),
        )
    return cursor.rowcount > 0


def pause_active(conn: Connection, pauses: Sequence[tuple[int, str]]) -> None:
    """Pause the still-active schedules among ``(id, reason)`` pairs."""
    conn.executemany(
        "UPDATE schedules SET status = 'paused', paused_reason = ? "
        "WHERE id = ? AND status = 'active'",
        [(reason, schedule_id) for schedule_id, reason in pauses],
    )


def finish_active(conn: Connection, ids: Sequence[int]) -> None:
    """Mark the still-active schedules among ``ids`` finished (one-offs that ran)."""
    conn.executemany(
        "UPDATE schedules SET status = 'finished' WHERE id = ? AND status = 'active'",
        [(schedule_id,) for schedule_id in ids],
    )


def delete_schedule(conn: Connection, schedule_id: int) -> bool:
    """Delete a schedule and its deliveries; True if it existed."""
    cursor = conn.execute("DELETE FROM schedules WHERE id = ?", (schedule_id,))
    return cursor.rowcount > 0


def load_active_timings(conn: Connection) -> list[ScheduleTiming]:
    """Every active schedule's id, community, rule, ``handled_until`` and cached next
    occurrence (start-up)."""
    rows = fetch_all(conn, f"SELECT {_TIMING_COLUMNS} {_FROM} WHERE s.status = 'active'")
    refs: dict[tuple[str, str], CommunityRef] = {}
    return [_timing(row, refs) for row in rows]


@dataclass(frozen=True, slots=True)
class ScheduleChange:
    """A schedule created, or whose status, rule or community changed, at ``revision``
    (migration 011)."""

    timing: ScheduleTiming
    status: str
    revision: int


def latest_revision(conn: Connection) -> int:
    """The highest schedule revision stored (0: none)."""
    return int(fetch_value(conn, "SELECT coalesce(max(revision), 0) FROM schedules") or 0)


def changed_schedules(conn: Connection, after: int) -> list[ScheduleChange]:
    """The schedules whose revision is above ``after``, oldest change first (an index
    range: cheap however many schedules there are)."""
    rows = fetch_all(conn, f"SELECT {_TIMING_COLUMNS}, s.status, s.revision {_FROM} "
                           "WHERE s.revision > ? ORDER BY s.revision", (after,))
    refs: dict[tuple[str, str], CommunityRef] = {}
    return [ScheduleChange(_timing(row, refs), str(row[7]), int(row[8])) for row in rows]


_TIMING_COLUMNS = ("s.id, c.platform, c.external_id, s.rule, s.handled_until, s.next_fire, "
                   "s.next_fire_zone")


def _timing(row: Row, refs: dict[tuple[str, str], CommunityRef]) -> ScheduleTiming:
    key = (row[1], row[2])
    ref = refs.get(key)
    if ref is None:
        ref = refs[key] = CommunityRef(row[1], row[2])
    return ScheduleTiming(row[0], ref, row[3], from_db_time(row[4]),
                          from_db_time(row[5]) if row[5] else None, row[6])


def _later(conn: Connection, a: str, b: str) -> str:
    """The SQL for the later of the instants ``a`` and ``b``."""
    return query(conn, "later").format(a=a, b=b)


def record_progress(conn: Connection, rows: Sequence[Progress]) -> None:
    """Move ``handled_until`` forward (never back) and store the next occurrence."""
    conn.executemany(
        "UPDATE schedules SET handled_until = "
        + _later(conn, "handled_until", "coalesce(?, handled_until)")
        + ", next_fire = ?, next_fire_zone = ? WHERE id = ?",
        [(to_db_time(row.handled_until) if row.handled_until else None,
          to_db_time(row.next_fire) if row.next_fire else None, row.zone, row.schedule_id)
         for row in rows],
    )


def advance_handled_until(
    conn: Connection, moves: Sequence[tuple[int, datetime]]
) -> None:
    """Move ``handled_until`` of each ``(id, instant)`` forward (never back)."""
    conn.executemany(
        "UPDATE schedules SET handled_until = " + _later(conn, "handled_until", "?")
        + " WHERE id = ?",
        [(to_db_time(until), schedule_id) for schedule_id, until in moves],
    )


# --- deliveries -----------------------------------------------------------------------


def existing_deliveries(
    conn: Connection, keys: Sequence[tuple[int, datetime]]
) -> set[tuple[int, datetime]]:
    """Which of the ``(schedule id, occurrence)`` keys already have a delivery row."""
    found: set[tuple[int, datetime]] = set()
    for chunk in _chunks(list(keys)):
        values = ",".join("(?, ?)" for _ in chunk)
        params = [part for schedule_id, occurrence in chunk
                  for part in (schedule_id, to_db_time(occurrence))]
        for row in fetch_all(
            conn,
            f"SELECT schedule_id, occurrence_utc FROM deliveries "
            f"WHERE (schedule_id, occurrence_utc) IN (VALUES {values})",
            params,
        ):
            found.add((row[0], from_db_time(row[1])))
    return found


def insert_deliveries(conn: Connection, rows: Sequence[NewDelivery]) -> None:
    """Insert delivery rows; a row whose key exists already is left alone."""
    conn.executemany(
        "INSERT INTO deliveries (schedule_id, occurrence_utc, status, late, nonce, attempts, "
        "attempted_at, finished_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (schedule_id, occurrence_utc) DO NOTHING",
        [
            (row.schedule_id, to_db_time(row.occurrence), row.status, int(row.late), row.nonce,
             row.attempts, to_db_time(row.attempted_at) if row.attempted_at else None,
             to_db_time(row.finished_at) if row.finished_at else None, row.reason)
            for row in rows
        ],
    )


def record_outcomes(conn: Connection, outcomes: Sequence[DeliveryOutcome]) -> None:
    """Write how attempted deliveries ended (only rows still 'sending' change)."""
    conn.executemany(
        "UPDATE deliveries SET status = ?, attempts = ?, message_id = ?, finished_at = ?, "
        "reason = ? WHERE schedule_id = ? AND occurrence_utc = ? AND status = 'sending'",
        [
            (o.status, o.attempts, o.message_id,
             to_db_time(o.finished_at) if o.finished_at else None, o.reason, o.schedule_id,
             to_db_time(o.occurrence))
            for o in outcomes
        ],
    )


def prune_deliveries(
    conn: Connection, *, finished_before: datetime, limit: int
) -> int:
    """Delete at most ``limit`` finished deliveries that ended before
    ``finished_before``; returns how many. Interrupted ('sending') rows stay."""
    cursor = conn.execute(
        "DELETE FROM deliveries WHERE (schedule_id, occurrence_utc) IN ("
        " SELECT schedule_id, occurrence_utc FROM deliveries"
        " WHERE status != 'sending' AND finished_at < ? LIMIT ?)",
        (to_db_time(finished_before), limit),
    )
    return cursor.rowcount


def sending_deliveries(conn: Connection) -> list[Delivery]:
    """Deliveries left 'sending' (a crash between posting and recording)."""
    rows = fetch_all(
        conn,
        "SELECT schedule_id, occurrence_utc, status, late, nonce, message_id, attempts, "
        "attempted_at, finished_at, reason FROM deliveries WHERE status = 'sending' "
        "ORDER BY occurrence_utc",
    )
    return [delivery_from_row(row) for row in rows]


def sending_deliveries_of(conn: Connection, ids: Sequence[int]) -> list[Delivery]:
    """The deliveries of schedules ``ids`` left 'sending'."""
    found: list[Delivery] = []
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = fetch_all(
            conn,
            "SELECT schedule_id, occurrence_utc, status, late, nonce, message_id, attempts, "
            "attempted_at, finished_at, reason FROM deliveries WHERE status = 'sending' "
            f"AND schedule_id IN ({marks}) ORDER BY occurrence_utc",
            list(chunk),
        )
        found.extend(delivery_from_row(row) for row in rows)
    return found


def list_deliveries(conn: Connection, schedule_id: int) -> list[Delivery]:
    """Every delivery row of one schedule, oldest occurrence first."""
    rows = fetch_all(
        conn,
        "SELECT schedule_id, occurrence_utc, status, late, nonce, message_id, attempts, "
        "attempted_at, finished_at, reason FROM deliveries WHERE schedule_id = ? "
        "ORDER BY occurrence_utc",
        (schedule_id,),
    )
    return [delivery_from_row(row) for row in rows]
