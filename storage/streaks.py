"""Reading-streak storage: check-ins, freeze grants, the audit trail and the
per-member aggregates the leaderboards read.

Days and period keys are ISO dates (``YYYY-MM-DD``), instants UTC ISO 8601 text;
the service converts. Aggregates are written by the service in the same
transaction as the change they summarise.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.core.refs import MemberRef
from storage.connection import Connection, Row
from storage.dialect import query
from storage.fetch import fetch_all, fetch_one, fetch_value

STALE_RULES = "stale"


@dataclass(frozen=True, slots=True)
class NewCheckin:
    """A check-in row to insert."""

    community_id: int
    member_id: int
    checked_at: str
    day: str
    source: str
    created_by: str
    paper: str | None = None
    note: str | None = None
    dedupe_key: str | None = None


@dataclass(frozen=True, slots=True)
class CheckinHistory:
    """A member's check-ins summarised: how many on each day, and the latest instant."""

    counts: dict[str, int]  # by day, oldest first
    last_at: str | None


@dataclass(frozen=True, slots=True)
class StatsRow:
    """The aggregates of one member (see ``streak_stats`` in the migration)."""

    member_id: int
    community_id: int
    current_run: int
    alive_through: str | None
    last_period: str | None
    longest: int
    total_periods: int


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One member's line on a leaderboard, before ranking."""

    member_id: int
    external_id: str
    display_name: str | None
    value: int


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One moderator change, with the platform ids of both members (the actor's is
    empty once the moderator deleted their data)."""

    id: int
    at: str
    action: str
    reason: str
    details: str
    actor_external_id: str
    actor_display_name: str | None
    target_external_id: str


# --- check-ins -----------------------------------------------------------------

_INSERT_CHECKIN = (
    "INSERT INTO streak_checkins (community_id, member_id, checked_at, day, paper, note, "
    "source, created_by, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (member_id, dedupe_key) DO NOTHING"
)


def _checkin_params(row: NewCheckin) -> tuple[object, ...]:
    return (row.community_id, row.member_id, row.checked_at, row.day, row.paper, row.note,
            row.source, row.created_by, row.dedupe_key)


def insert_checkin(conn: Connection, row: NewCheckin) -> bool:
    """Store a check-in; False (and nothing stored) when its dedupe key was seen."""
    return conn.execute(_INSERT_CHECKIN, _checkin_params(row)).rowcount > 0


def day_of_dedupe_key(conn: Connection, member_id: int, dedupe_key: str
                           ) -> str | None:
    """The day of the check-in stored under ``dedupe_key``, if any."""
    row = fetch_one(
        conn, "SELECT day FROM streak_checkins WHERE member_id = ? AND dedupe_key = ?",
        (member_id, dedupe_key))
    return None if row is None else str(row[0])


# A member's history as one row (days, last_at) for ``_history``: the days
# concatenated, so years of history arrive in a fraction of the time that thousands
# of row objects (or a GROUP BY) take. ``{member}`` is the member id's expression.
def _history_sql(conn: Connection, member: str) -> str:
    return query(conn, "streaks.history").format(member=member)


# A member's freeze grants as one JSON array, for ``_grants_from_json``.
def _grants_sql(conn: Connection, member: str) -> str:
    return query(conn, "streaks.grants_json").format(member=member)


def checkin_history(conn: Connection, member_id: int) -> CheckinHistory:
    """Every day the member checked in, with counts, and their latest check-in."""
    row = fetch_one(conn, _history_sql(conn, "?"), (member_id,))
    return _history(row[0], row[1]) if row else CheckinHistory({}, None)


def _history(days: str | None, last_at: str | None) -> CheckinHistory:
    if days is None:
        return CheckinHistory({}, None)
    return CheckinHistory(dict(sorted(Counter(days.split(",")).items())), last_at)


def count_checkins_between(
    conn: Connection, member_id: int, first_day: str, last_day: str
) -> int:
    """How many check-ins the member has on days ``first_day..last_day``."""
    count = fetch_value(
        conn, "SELECT COUNT(*) FROM streak_checkins WHERE member_id = ? AND day BETWEEN ? AND ?",
        (member_id, first_day, last_day))
    return int(count or 0)


def delete_checkins_between(
    conn: Connection, member_id: int, first_day: str, last_day: str
) -> int:
    """Delete the member's check-ins on days ``first_day..last_day``; returns how many."""
    cursor = conn.execute(
        "DELETE FROM streak_checkins WHERE member_id = ? AND day BETWEEN ? AND ?",
        (member_id, first_day, last_day),
    )
    return cursor.rowcount


def delete_checkin_by_dedupe_key(
    conn: Connection, member_id: int, dedupe_key: str
) -> str | None:
    """Delete the member's check-in stored under ``dedupe_key``; returns its day, or
    None when there was none."""
    day = fetch_value(
        conn, "DELETE FROM streak_checkins WHERE member_id = ? AND dedupe_key = ? RETURNING day",
        (member_id, dedupe_key))
    return None if day is None else str(day)


# --- freeze grants and audit ---------------------------------------------------

def insert_grant(
    conn: Connection, *, community_id: int, member_id: int, granted_at: str, day: str,
    count: int, granted_by: int,
) -> None:
    """Record a moderator's grant of ``count`` freezes."""
    conn.execute(
        "INSERT INTO streak_freeze_grants (community_id, member_id, granted_at, day, count, "
        "granted_by) VALUES (?, ?, ?, ?, ?, ?)",
        (community_id, member_id, granted_at, day, count, granted_by),
    )


def grants_of(conn: Connection, member_id: int) -> list[tuple[str, int]]:
    """The member's freeze grants as (day, count), oldest first."""
    rows = fetch_all(
        conn, "SELECT day, count FROM streak_freeze_grants WHERE member_id = ? ORDER BY day, id",
        (member_id,))
    return [(row[0], row[1]) for row in rows]


def insert_audit(
    conn: Connection, *, community_id: int, actor_member_id: int,
    target_member_id: int, at: str, action: str, reason: str, details: str,
) -> int:
    """Append a moderator change to the audit trail; returns its id."""
    new_id = fetch_value(
        conn,
        "INSERT INTO streak_audit (community_id, actor_member_id, target_member_id, at, action, "
        "reason, details) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (community_id, actor_member_id, target_member_id, at, action, reason, details),
    )
    return int(new_id)


def audit_of(
    conn: Connection, target_member_id: int, limit: int
) -> list[AuditRecord]:
    """The newest ``limit`` moderator changes to one member, newest first."""
    rows = fetch_all(
        conn,
        "SELECT a.id, a.at, a.action, a.reason, a.details, COALESCE(actor.external_id, ''), "
        "actor.display_name, target.external_id FROM streak_audit a "
        # LEFT: an entry stays in the history after the moderator deleted their data.
        "LEFT JOIN members actor ON actor.id = a.actor_member_id "
        "JOIN members target ON target.id = a.target_member_id "
        "WHERE a.target_member_id = ? ORDER BY a.id DESC LIMIT ?",
        (target_member_id, limit),
    )
    return [AuditRecord(*row) for row in rows]


# --- aggregates ----------------------------------------------------------------

_UPSERT_STATS = (
    "INSERT INTO streak_stats (member_id, community_id, current_run, alive_through, "
    "last_period, longest, total_periods) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (member_id) DO UPDATE SET current_run = excluded.current_run, "
    "alive_through = excluded.alive_through, last_period = excluded.last_period, "
    "longest = excluded.longest, total_periods = excluded.total_periods"
)

_UPSERT_MONTH = (
    "INSERT INTO streak_month_stats (member_id, month, community_id, periods) "
    "VALUES (?, ?, ?, ?) ON CONFLICT (member_id, month) DO UPDATE SET periods = excluded.periods"
)


def _stats_params(row: StatsRow) -> tuple[object, ...]:
    return (row.member_id, row.community_id, row.current_run, row.alive_through,
            row.last_period, row.longest, row.total_periods)


def write_stats(conn: Connection, row: StatsRow) -> None:
    """Store (replace) one member's aggregates."""
    conn.execute(_UPSERT_STATS, _stats_params(row))


def read_stats(conn: Connection, member_id: int) -> StatsRow | None:
    """One member's aggregates, if they were ever written."""
    row = fetch_one(
        conn,
        "SELECT member_id, community_id, current_run, alive_through, last_period, longest, "
        "total_periods FROM streak_stats WHERE member_id = ?",
        (member_id,),
    )
    return StatsRow(*row) if row else None


def write_month_periods(
    conn: Connection, *, member_id: int, community_id: int, month: str, periods: int
) -> None:
    """Store how many distinct periods the member has in ``month`` (YYYY-MM)."""
    if periods > 0:
        conn.execute(_UPSERT_MONTH, (member_id, month, community_id, periods))
    else:
        conn.execute(
            "DELETE FROM streak_month_stats WHERE member_id = ? AND month = ?", (member_id, month)
        )


def read_month_periods(conn: Connection, member_id: int, month: str) -> int:
    """The member's distinct periods in ``month`` (0 when none)."""
    periods = fetch_value(
        conn, "SELECT periods FROM streak_month_stats WHERE member_id = ? AND month = ?",
        (member_id, month))
    return int(periods or 0)


def delete_member_months(conn: Connection, member_id: int) -> None:
    """Forget every monthly aggregate of one member (before rewriting them)."""
    conn.execute("DELETE FROM streak_month_stats WHERE member_id = ?", (member_id,))


def note_rules(conn: Connection, community_id: int, signature: str) -> None:
    """Record that aggregates of the community were written under ``signature``; a
    write under other rules than the recorded ones marks the community stale."""
    conn.execute(
        "INSERT INTO streak_community_rules (community_id, rules) VALUES (?, ?) "
        "ON CONFLICT (community_id) DO UPDATE SET rules = ? "
        # Rules already recorded are left alone (no update runs).
        "WHERE streak_community_rules.rules <> excluded.rules",
        (community_id, signature, STALE_RULES),
    )


def set_rules(conn: Connection, community_id: int, signature: str) -> None:
    """Record that every aggregate of the community now follows ``signature``."""
    conn.execute(
        "INSERT INTO streak_community_rules (community_id, rules) VALUES (?, ?) "
        "ON CONFLICT (community_id) DO UPDATE SET rules = excluded.rules",
        (community_id, signature),
    )


def rules_of(conn: Connection, community_id: int) -> str | None:
    """The rules signature the community's aggregates follow (None: none written)."""
    rules = fetch_value(
        conn, "SELECT rules FROM streak_community_rules WHERE community_id = ?", (community_id,))
    return None if rules is None else str(rules)


@dataclass(frozen=True, slots=True)
class CheckinContext:
    """Everything a check-in's transaction reads, fetched in one statement: the
    member's history and grants, and the stored aggregates a check-in may change."""

    history: CheckinHistory
    grants: list[tuple[str, int]]  # (day, count), as ``grants_of``
    stats: StatsRow | None  # as ``read_stats``
    month_periods: int  # as ``read_month_periods`` for the month asked about
    rules: str | None  # as ``rules_of``


def checkin_context(
    conn: Connection, *, member_id: int, community_id: int, month: str
) -> CheckinContext:
    """What ``checkin_history``, ``grants_of``, ``read_stats``, ``read_month_periods``
    and ``rules_of`` would answer, in one round trip."""
    row = fetch_one(
        conn,
        "SELECT h.days, h.last_at, " + _grants_sql(conn, ":member") + ", "
        "s.member_id, s.community_id, s.current_run, s.alive_through, s.last_period, "
        "s.longest, s.total_periods, "
        "(SELECT periods FROM streak_month_stats WHERE member_id = :member AND month = :month), "
        "(SELECT rules FROM streak_community_rules WHERE community_id = :community) "
        "FROM (" + _history_sql(conn, ":member") + ") h "
        "LEFT JOIN streak_stats s ON s.member_id = :member",
        {"member": member_id, "month": month, "community": community_id},
    )
    assert row is not None  # an aggregate over no rows still answers one row
    return CheckinContext(
        history=_history(row[0], row[1]),
        grants=_grants_from_json(row[2]),
        stats=StatsRow(*row[3:10]) if row[3] is not None else None,
        month_periods=int(row[10] or 0),
        rules=None if row[11] is None else str(row[11]),
    )


@dataclass(frozen=True, slots=True)
class MemberHistory:
    """A member's check-in history and freeze grants, as ``/streak show`` reads them."""

    member_id: int
    history: CheckinHistory
    grants: list[tuple[str, int]]  # (day, count), as ``grants_of``


def member_history(conn: Connection, ref: MemberRef) -> MemberHistory | None:
    """What ``find_member``, ``checkin_history`` and ``grants_of`` would answer, in one
    round trip; None for a member never stored."""
    row = fetch_one(
        conn,
        "WITH m AS (SELECT m.id FROM members m JOIN communities c ON c.id = m.community_id "
        "           WHERE c.platform = :platform AND c.external_id = :community "
        "           AND m.external_id = :member) "
        "SELECT m.id, h.days, h.last_at, " + _grants_sql(conn, "m.id") + " "
        "FROM m, (" + _history_sql(conn, "(SELECT id FROM m)") + ") h",
        {"platform": ref.community.platform, "community": ref.community.external_id,
         "member": ref.external_id},
    )
    if row is None:
        return None
    return MemberHistory(int(row[0]), _history(row[1], row[2]), _grants_from_json(row[3]))


def _grants_from_json(encoded: str) -> list[tuple[str, int]]:
    # json_group_array's order is unspecified: sort as grants_of does (day, id).
    grants = sorted(json.loads(encoded), key=lambda grant: (grant[1], grant[0]))
    return [(day, count) for _, day, count in grants]


def members_with_streak_data(conn: Connection, community_id: int) -> list[int]:
    """Ids of the community's members with aggregates, check-ins or grants."""
    rows = fetch_all(
        conn,
        "SELECT member_id FROM streak_stats WHERE community_id = ? "
        "UNION SELECT DISTINCT member_id FROM streak_checkins WHERE community_id = ? "
        "UNION SELECT DISTINCT member_id FROM streak_freeze_grants WHERE community_id = ?",
        (community_id, community_id, community_id),
    )
    return [int(row[0]) for row in rows]


# --- stored sweeps and day counts ------------------------------------------------

@dataclass(frozen=True, slots=True)
class StoredSweep:
    """A member's row of ``streak_sweeps`` (see the migration): the streak rules'
    pass over their history, stopped after their last checked-in period."""

    rules: str
    run: int
    longest: int
    credit: int
    granted: int
    position: int | None
    last: int | None
    total_periods: int
    recent_bridged: tuple[int, ...]
    total_checkins: int
    last_at: str | None


_SWEEP_COLUMNS = ("rules, run, longest, credit, granted, position, last, total_periods, "
                  "recent_bridged, total_checkins, last_at")
_UPSERT_SWEEP = (
    f"INSERT INTO streak_sweeps (member_id, community_id, {_SWEEP_COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET "
    "community_id = excluded.community_id, "
    + ", ".join(f"{column} = excluded.{column}" for column in _SWEEP_COLUMNS.split(", "))
)


def _sweep_from(row: Row | tuple[object, ...]) -> StoredSweep:
    values = list(row)
    values[8] = tuple(json.loads(str(values[8])))
    return StoredSweep(*values)


def read_sweep(conn: Connection, member_id: int) -> StoredSweep | None:
    """The member's stored sweep, stale or not; None when none was ever written."""
    row = fetch_one(
        conn, f"SELECT {_SWEEP_COLUMNS} FROM streak_sweeps WHERE member_id = ?", (member_id,))
    return None if row is None else _sweep_from(row)


def write_sweep(
    conn: Connection, member_id: int, community_id: int, sweep: StoredSweep
) -> None:
    """Store (replace) the member's sweep; runs after the check-in or grant it counts,
    so the staleness triggers of that write have already fired."""
    conn.execute(
        _UPSERT_SWEEP,
        (member_id, community_id, sweep.rules, sweep.run, sweep.longest, sweep.credit,
         sweep.granted, sweep.position, sweep.last, sweep.total_periods,
         json.dumps(sweep.recent_bridged), sweep.total_checkins, sweep.last_at),
    )


def day_counts_between(
    conn: Connection, member_id: int, first_day: str, last_day: str
) -> dict[str, int]:
    """The member's check-ins per day on days ``first_day..last_day``, oldest first."""
    rows = fetch_all(
        conn, "SELECT day, checkins FROM streak_day_counts "
        "WHERE member_id = ? AND day BETWEEN ? AND ? ORDER BY day",
        (member_id, first_day, last_day))
    return {str(row[0]): int(row[1]) for row in rows}


@dataclass(frozen=True, slots=True)
class StreakView:
    """What ``/streak show`` reads for one member in one trip: the stored sweep and
    the check-ins per day of the heatmap's window."""

    member_id: int
    sweep: StoredSweep | None
    window: dict[date, int]


def streak_view(
    conn: Connection, ref: MemberRef, first_day: str, last_day: str
) -> StreakView | None:
    """The member's ``StreakView`` for days ``first_day..last_day``; None for a member
    never stored."""
    # One statement; the window's days arrive as one text, which costs a fraction
    # of one row object per day.
    row = fetch_one(
        conn,
        f"SELECT m.id, s.member_id, {', '.join('s.' + c for c in _SWEEP_COLUMNS.split(', '))}, "
        + query(conn, "streaks.window_days") + " "
        "FROM members m JOIN communities c ON c.id = m.community_id "
        "LEFT JOIN streak_sweeps s ON s.member_id = m.id "
        "WHERE c.platform = :platform AND c.external_id = :community AND m.external_id = :member",
        {"platform": ref.community.platform, "community": ref.community.external_id,
         "member": ref.external_id, "first": first_day, "last": last_day})
    if row is None:
        return None
    sweep = _sweep_from(row[2:13]) if row[1] is not None else None
    return StreakView(int(row[0]), sweep, _window_from(row[13]))


def _window_from(text: object) -> dict[date, int]:
    """The days of a "YYYY-MM-DDcount,..." window text and their counts."""
    if not text:
        return {}
    parse_day = date.fromisoformat
    return {parse_day(item[:10]): int(item[10:]) for item in str(text).split(",")}


# --- leaderboards --------------------------------------------------------------

_BOARD_COLUMNS = "SELECT s.member_id, m.external_id, m.display_name, {value} FROM {table} s " \
    "JOIN members m ON m.id = s.member_id "


def _board(conn: Connection, sql: str, params: Sequence[object]) -> list[BoardRow]:
    return [BoardRow(*row) for row in fetch_all(conn, sql, params)]


def _count(conn: Connection, sql: str, params: Sequence[object]) -> int:
    return int(fetch_value(conn, sql, params) or 0)


def top_current(
    conn: Connection, community_id: int, today: str, limit: int
) -> list[BoardRow]:
    """The longest streaks still current in period ``today``, best first."""
    return _board(
        conn,
        _BOARD_COLUMNS.format(value="s.current_run", table="streak_stats")
        + "WHERE s.community_id = ? AND s.current_run > 0 AND s.alive_through >= ? "
        "ORDER BY s.current_run DESC, s.member_id LIMIT ?",
        (community_id, today, limit),
    )


def count_current_above(
    conn: Connection, community_id: int, today: str, value: int
) -> int:
    """How many members have a current streak longer than ``value``."""
    return _count(
        conn,
        "SELECT COUNT(*) FROM streak_stats WHERE community_id = ? AND current_run > ? "
        "AND alive_through >= ?",
        (community_id, value, today),
    )


def top_longest(conn: Connection, community_id: int, limit: int) -> list[BoardRow]:
    """The longest streaks ever, best first."""
    return _board(
        conn,
        _BOARD_COLUMNS.format(value="s.longest", table="streak_stats")
        + "WHERE s.community_id = ? AND s.longest > 0 "
        "ORDER BY s.longest DESC, s.member_id LIMIT ?",
        (community_id, limit),
    )


def count_longest_above(conn: Connection, community_id: int, value: int) -> int:
    """How many members have a longest streak above ``value``."""
    return _count(
        conn,
        "SELECT COUNT(*) FROM streak_stats WHERE community_id = ? AND longest > ?",
        (community_id, value),
    )


def top_month(
    conn: Connection, community_id: int, month: str, limit: int
) -> list[BoardRow]:
    """The most distinct periods in ``month``, best first."""
    return _board(
        conn,
        _BOARD_COLUMNS.format(value="s.periods", table="streak_month_stats")
        + "WHERE s.community_id = ? AND s.month = ? AND s.periods > 0 "
        "ORDER BY s.periods DESC, s.member_id LIMIT ?",
        (community_id, month, limit),
    )


def count_month_above(
    conn: Connection, community_id: int, month: str, value: int
) -> int:
    """How many members have more than ``value`` distinct periods in ``month``."""
    return _count(
        conn,
        "SELECT COUNT(*) FROM streak_month_stats WHERE community_id = ? AND month = ? "
        "AND periods > ?",
        (community_id, month, value),
    )


def current_of_members(
    conn: Connection, community_id: int, external_ids: Iterable[str], today: str
) -> list[BoardRow]:
    """The current streak (0 when none) of each listed member who was ever seen."""
    ids = list(dict.fromkeys(external_ids))
    placeholders = ", ".join("?" * len(ids)) or "NULL"
    return _board(
        conn,
        "SELECT m.id, m.external_id, m.display_name, "
        "CASE WHEN s.alive_through >= ? THEN s.current_run ELSE 0 END "
        "FROM members m LEFT JOIN streak_stats s ON s.member_id = m.id "
        f"WHERE m.community_id = ? AND m.external_id IN ({placeholders})",
        (today, community_id, *ids),
    )


# --- bulk loading (benchmarks, imports) ----------------------------------------

def bulk_insert_members(
    conn: Connection, community_id: int, external_ids: Sequence[str]
) -> dict[str, int]:
    """Insert many members of one community at once; returns their ids by external id."""
    conn.executemany(
        "INSERT INTO members (community_id, external_id, display_name) VALUES (?, ?, ?) "
        "ON CONFLICT (community_id, external_id) DO NOTHING",
        ((community_id, external_id, f"member {external_id}") for external_id in external_ids),
    )
    rows = fetch_all(
        conn, "SELECT external_id, id FROM members WHERE community_id = ?", (community_id,))
    return {row[0]: row[1] for row in rows}


def bulk_insert_checkins(conn: Connection, rows: Iterable[NewCheckin]) -> None:
    """Insert many check-ins at once (no aggregates are updated)."""
    conn.executemany(_INSERT_CHECKIN, (_checkin_params(row) for row in rows))


def bulk_write_stats(conn: Connection, rows: Iterable[StatsRow]) -> None:
    """Store many members' aggregates at once."""
    conn.executemany(_UPSERT_STATS, (_stats_params(row) for row in rows))


def bulk_write_month_periods(
    conn: Connection, rows: Iterable[tuple[int, str, int, int]]
) -> None:
    """Store many (member_id, month, community_id, periods) monthly aggregates."""
    conn.executemany(_UPSERT_MONTH, rows)
