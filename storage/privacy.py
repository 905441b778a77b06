"""Members' data: export, deletion, retention and purging a whole community.

``MEMBER_DATA`` names every table that holds a member's id (a ``members.id``
foreign key, or a platform id in a ``*_by`` text column) with the query that
exports it. ``tests/storage/test_privacy.py`` reads the live schema and fails when
a table holding a member id has no entry here, so a new table cannot be left out
of exports and deletions by accident.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.refs import CommunityRef, MemberRef
from storage.communities import ensure_member_ids, find_community
from storage.connection import Connection
from storage.dialect import query
from storage.fetch import fetch_all, fetch_one

# What a platform id in a ``*_by`` text column is replaced with on deletion.
FORMER_ACTOR = "former"

# Parameters every export query gets: :community, :member (members.id), :external.
MEMBER_DATA: Mapping[str, str] = {
    "members": "SELECT external_id, display_name FROM members WHERE id = :member",
    "streak_checkins": (
        "SELECT checked_at, day, paper, note, source FROM streak_checkins "
        "WHERE member_id = :member ORDER BY checked_at, id"
    ),
    "streak_freeze_grants": (
        "SELECT granted_at, day, count, CASE WHEN member_id = :member THEN 'received' "
        "ELSE 'granted' END AS role FROM streak_freeze_grants "
        "WHERE member_id = :member OR granted_by = :member ORDER BY granted_at, id"
    ),
    "streak_audit": (
        "SELECT at, action, reason, details, CASE WHEN target_member_id = :member "
        "THEN 'about you' ELSE 'by you' END AS role FROM streak_audit "
        "WHERE target_member_id = :member OR actor_member_id = :member ORDER BY at, id"
    ),
    "streak_stats": (
        "SELECT current_run, alive_through, last_period, longest, total_periods "
        "FROM streak_stats WHERE member_id = :member"
    ),
    "streak_month_stats": (
        "SELECT month, periods FROM streak_month_stats WHERE member_id = :member ORDER BY month"
    ),
    "streak_day_counts": (
        "SELECT day, checkins FROM streak_day_counts WHERE member_id = :member ORDER BY day"
    ),
    "streak_sweeps": (
        "SELECT run, longest, credit, granted, position, last, total_periods, recent_bridged, "
        "total_checkins, last_at FROM streak_sweeps WHERE member_id = :member"
    ),
    "knowledge_faq": (
        "SELECT id, created_at, updated_at, question_ko, answer_ko, question_en, answer_en, "
        "CASE WHEN created_by = :member THEN 'added' ELSE 'edited' END AS role "
        "FROM knowledge_faq WHERE created_by = :member OR updated_by = :member ORDER BY id"
    ),
    "round_members": (
        "SELECT r.name AS round, rm.joined, rm.opted_out_presenting, rm.joined_at "
        "FROM round_members rm JOIN rounds r ON r.id = rm.round_id "
        "WHERE rm.member_id = :member ORDER BY rm.joined_at"
    ),
    "session_presenters": (
        "SELECT r.name AS round, s.idx AS session, s.starts_at, sp.assigned_by "
        "FROM session_presenters sp JOIN sessions s ON s.id = sp.session_id "
        "JOIN rounds r ON r.id = s.round_id WHERE sp.member_id = :member ORDER BY s.starts_at"
    ),
    "rsvps": (
        "SELECT r.name AS round, s.idx AS session, s.starts_at, v.answer, v.updated_at "
        "FROM rsvps v JOIN sessions s ON s.id = v.session_id "
        "JOIN rounds r ON r.id = s.round_id WHERE v.member_id = :member ORDER BY s.starts_at"
    ),
    "session_dm_optins": (
        "SELECT r.name AS round, s.idx AS session, s.starts_at, o.lang, o.created_at "
        "FROM session_dm_optins o JOIN sessions s ON s.id = o.session_id "
        "JOIN rounds r ON r.id = s.round_id WHERE o.member_id = :member ORDER BY s.starts_at"
    ),
    "attendance": (
        "SELECT r.name AS round, s.idx AS session, s.starts_at, a.attended, a.source, "
        "a.recorded_at FROM attendance a JOIN sessions s ON s.id = a.session_id "
        "JOIN rounds r ON r.id = s.round_id WHERE a.member_id = :member ORDER BY s.starts_at"
    ),
    "schedules": (
        "SELECT id, kind, channel_id, rule, message, status, created_at, owned_by "
        "FROM schedules WHERE community_id = :community "
        "AND (created_by = :external OR owned_by = :external) ORDER BY id"
    ),
    "rounds": (
        "SELECT id, name, status, created_at FROM rounds "
        "WHERE community_id = :community AND created_by = :external ORDER BY id"
    ),
    "community_settings": (
        "SELECT key, value, updated_at FROM community_settings "
        "WHERE community_id = :community AND updated_by = :external ORDER BY key"
    ),
    "privacy_audit": (
        "SELECT at, requested_by, rows_deleted FROM privacy_audit "
        "WHERE actor_member_id = :member ORDER BY at, id"
    ),
}

# ``*_by`` text columns that hold a word, not a member's platform id.
NOT_MEMBER_IDS = frozenset({("session_presenters", "assigned_by")})

_ACTOR_COLUMN = re.compile(r"_by$")


@dataclass(frozen=True, slots=True)
class MemberColumn:
    """A column that holds a member's id: ``members.id`` or a platform id (text)."""

    table: str
    column: str
    platform_id: bool


def member_columns(conn: Connection) -> list[MemberColumn]:
    """Every column of the live schema that holds a member's id: foreign keys into
    ``members`` and ``*_by`` text columns (platform ids), minus ``NOT_MEMBER_IDS``."""
    found = [MemberColumn("members", "id", False), MemberColumn("members", "external_id", True)]
    tables = [row[0] for row in fetch_all(conn, query(conn, "schema.tables"))]
    for table in tables:
        for fk in fetch_all(conn, query(conn, "schema.member_foreign_keys").format(table=table)):
            found.append(MemberColumn(table, fk["from"], False))
        for column in fetch_all(conn, query(conn, "schema.columns").format(table=table)):
            name, kind = column["name"], str(column["type"]).upper()
            if (_ACTOR_COLUMN.search(name) and kind == "TEXT"
                    and (table, name) not in NOT_MEMBER_IDS):
                found.append(MemberColumn(table, name, True))
    return found


def uncovered_tables(conn: Connection) -> set[str]:
    """Tables that hold a member's id but have no ``MEMBER_DATA`` entry (should be none)."""
    return {column.table for column in member_columns(conn)} - set(MEMBER_DATA)


# --- finding ------------------------------------------------------------------------

def find_member_ids(conn: Connection, ref: MemberRef) -> tuple[int, int] | None:
    """``(community id, member id)`` of ``ref``, or None when nothing is stored."""
    row = fetch_one(
        conn,
        "SELECT c.id, m.id FROM members m JOIN communities c ON c.id = m.community_id "
        "WHERE c.platform = ? AND c.external_id = ? AND m.external_id = ? AND m.former = 0",
        (ref.community.platform, ref.community.external_id, ref.external_id),
    )
    return None if row is None else (int(row[0]), int(row[1]))


# --- export -------------------------------------------------------------------------

def export_member(conn: Connection, ref: MemberRef) -> dict[str, list[dict[str, Any]]]:
    """Everything stored about ``ref`` in its community, by table (empty lists
    included); an empty dict when the member was never stored."""
    # One read transaction: every table as of the same moment.
    conn.execute(query(conn, "privacy.begin_snapshot"))
    try:
        community_id = find_community(conn, ref.community)
        found = find_member_ids(conn, ref)
        member_id = found[1] if found else -1  # -1: no row matches a members.id
        if community_id is None:
            return {}
        params = {"community": community_id, "member": member_id, "external": ref.external_id}
        return {
            table: [dict(row) for row in fetch_all(conn, sql, params)]
            for table, sql in MEMBER_DATA.items()
        }
    finally:
        conn.execute("COMMIT")


# --- deletion -----------------------------------------------------------------------

# Sessions whose records stay (with the placeholder) because they already
# happened, or belong to a closed round.
_PAST_SESSIONS = (
    "SELECT s.id FROM sessions s JOIN rounds r ON r.id = s.round_id "
    "WHERE r.community_id = :community AND (s.starts_at <= :now OR r.status = 'closed')"
)
# Rounds whose membership stays: closed, or with a session already started.
_PAST_ROUNDS = (
    "SELECT r.id FROM rounds r WHERE r.community_id = :community AND (r.status = 'closed' "
    "OR EXISTS (SELECT 1 FROM sessions s WHERE s.round_id = r.id AND s.starts_at <= :now))"
)


@dataclass(frozen=True, slots=True)
class Deletion:
    """What one deletion did: rows removed, and past records handed to the placeholder."""

    community_id: int
    rows_deleted: int
    rows_kept_anonymous: int


def delete_member(
    conn: Connection,
    *,
    ref: MemberRef,
    now: str,
    placeholder_id: str,
    placeholder_name: str,
    requested_by: str,
    actor: MemberRef | None = None,
) -> Deletion | None:
    """Delete everything stored about ``ref`` (run inside one write transaction).

    Records of past sessions (presenter turns, attendance, RSVPs) and membership
    of rounds already under way move to a new placeholder member named
    ``placeholder_name`` so recaps still add up; everything else about the member
    goes. ``actor``: the moderator who asked, named in the privacy audit log.
    Returns None when nothing was stored about ``ref``."""
    found = find_member_ids(conn, ref)
    if found is None:
        return None
    community_id, member_id = found
    p = {"community": community_id, "member": member_id, "external": ref.external_id, "now": now}
    # The placeholder is made even when no past record needs it: members.id is a
    # plain rowid, and a later member must never be given the deleted member's id
    # (SQLite reuses the largest rowid once it is deleted).
    row = fetch_one(
        conn,
        "INSERT INTO members (community_id, external_id, display_name, former) "
        "VALUES (?, ?, ?, 1) RETURNING id",
        (community_id, placeholder_id, placeholder_name),
    )
    assert row is not None
    p["placeholder"] = int(row[0])
    actor_id = ensure_member_ids(conn, actor)[1] if actor is not None else None
    kept = 0
    for table in ("session_presenters", "attendance", "rsvps"):
        kept += conn.execute(
            f"UPDATE {table} SET member_id = :placeholder WHERE member_id = :member "
            f"AND session_id IN ({_PAST_SESSIONS})", p).rowcount
    # The placeholder never gets a presenting turn in a round still running.
    kept += conn.execute(
        "UPDATE round_members SET member_id = :placeholder, "
        "joined = CASE WHEN (SELECT status FROM rounds WHERE id = round_id) = 'closed' "
        "THEN joined ELSE 0 END, "
        "opted_out_presenting = CASE WHEN (SELECT status FROM rounds WHERE id = round_id) "
        "= 'closed' THEN opted_out_presenting ELSE 1 END "
        f"WHERE member_id = :member AND round_id IN ({_PAST_ROUNDS})", p).rowcount
    deleted = 0
    for table, condition in (
        ("streak_checkins", "member_id = :member"),
        ("streak_freeze_grants", "member_id = :member"),
        ("streak_stats", "member_id = :member"),
        ("streak_month_stats", "member_id = :member"),
        ("streak_day_counts", "member_id = :member"),
        ("streak_sweeps", "member_id = :member"),
        ("round_members", "member_id = :member"),
        ("session_presenters", "member_id = :member"),
        ("rsvps", "member_id = :member"),
        ("attendance", "member_id = :member"),
        ("session_dm_optins", "member_id = :member"),
        # Personal reminders and DMs before sessions (their delivery log goes with
        # them: ON DELETE CASCADE).
        ("schedules", "community_id = :community AND owned_by = :external"),
    ):
        deleted += conn.execute(f"DELETE FROM {table} WHERE {condition}", p).rowcount
    # Things the member did for the community stay, without their id. (Check-ins
    # they made themselves are gone already; the condition on source lets the
    # partial index find the ones a moderator added for others.)
    for table, column, extra in (
        ("streak_checkins", "created_by", " AND source != 'checkin'"),
        ("schedules", "created_by", ""),
        ("rounds", "created_by", ""),
        ("community_settings", "updated_by", ""),
    ):
        conn.execute(
            f"UPDATE {table} SET {column} = '{FORMER_ACTOR}' "
            f"WHERE {column} = :external AND community_id = :community{extra}", p)
    # Foreign keys do the rest: audit entries and grants forget who was involved
    # (ON DELETE SET NULL), FAQ entries forget their author.
    deleted += conn.execute("DELETE FROM members WHERE id = :member", p).rowcount
    conn.execute(
        "INSERT INTO privacy_audit (community_id, actor_member_id, at, requested_by, "
        "rows_deleted) VALUES (?, ?, ?, ?, ?)",
        (community_id, actor_id, now, requested_by, deleted),
    )
    return Deletion(community_id, rows_deleted=deleted, rows_kept_anonymous=kept)


def privacy_audit(conn: Connection, ref: CommunityRef) -> list[dict[str, Any]]:
    """The community's deletion log, newest first (actor as a platform id or None)."""
    rows = fetch_all(
        conn,
        "SELECT a.at, a.requested_by, a.rows_deleted, m.external_id AS actor "
        "FROM privacy_audit a JOIN communities c ON c.id = a.community_id "
        "LEFT JOIN members m ON m.id = a.actor_member_id "
        "WHERE c.platform = ? AND c.external_id = ? ORDER BY a.id DESC",
        (ref.platform, ref.external_id),
    )
    return [dict(row) for row in rows]


# --- whole communities --------------------------------------------------------------

def purge_community(conn: Connection, ref: CommunityRef) -> bool:
    """Delete the community and, by cascade, every row that belongs to it."""
    cursor = conn.execute("DELETE FROM communities WHERE platform = ? AND external_id = ?",
                          (ref.platform, ref.external_id))
    return cursor.rowcount > 0


def mark_departure(
    conn: Connection, ref: CommunityRef, *, left_at: str, purge_after: str
) -> bool:
    """Remember that the bot was removed from ``ref`` (the first removal counts);
    False when nothing is stored about it."""
    community_id = find_community(conn, ref)
    if community_id is None:
        return False
    conn.execute(
        "INSERT INTO community_departures (community_id, left_at, purge_after) VALUES (?, ?, ?) "
        "ON CONFLICT (community_id) DO NOTHING",
        (community_id, left_at, purge_after),
    )
    return True


def cancel_departure(conn: Connection, ref: CommunityRef) -> bool:
    """Forget a pending purge of ``ref`` (the bot was added back); True if one was pending."""
    cursor = conn.execute(
        "DELETE FROM community_departures WHERE community_id = "
        "(SELECT id FROM communities WHERE platform = ? AND external_id = ?)",
        (ref.platform, ref.external_id),
    )
    return cursor.rowcount > 0


def pending_departure(conn: Connection, ref: CommunityRef) -> str | None:
    """When ``ref``'s data will be purged (UTC ISO text), or None."""
    row = fetch_one(
        conn,
        "SELECT d.purge_after FROM community_departures d "
        "JOIN communities c ON c.id = d.community_id WHERE c.platform = ? AND c.external_id = ?",
        (ref.platform, ref.external_id),
    )
    return None if row is None else str(row[0])


def departed_communities(conn: Connection, platform: str) -> list[str]:
    """External ids of ``platform``'s communities with a purge pending."""
    rows = fetch_all(
        conn,
        "SELECT c.external_id FROM community_departures d "
        "JOIN communities c ON c.id = d.community_id WHERE c.platform = ?",
        (platform,),
    )
    return [str(row[0]) for row in rows]


def due_departures(conn: Connection, now: str) -> list[CommunityRef]:
    """Communities whose grace period ended at or before ``now``."""
    rows = fetch_all(
        conn,
        "SELECT c.platform, c.external_id FROM community_departures d "
        "JOIN communities c ON c.id = d.community_id WHERE d.purge_after <= ? "
        "ORDER BY d.purge_after",
        (now,),
    )
    return [CommunityRef(row[0], row[1]) for row in rows]


# --- retention ----------------------------------------------------------------------

def settings_with_key(conn: Connection, key: str) -> list[CommunityRef]:
    """Communities where ``key`` is set."""
    rows = fetch_all(
        conn,
        "SELECT c.platform, c.external_id FROM community_settings s "
        "JOIN communities c ON c.id = s.community_id WHERE s.key = ?",
        (key,),
    )
    return [CommunityRef(row[0], row[1]) for row in rows]


def clear_checkin_text(
    conn: Connection, *, ref: CommunityRef, before: str, limit: int
) -> int:
    """Drop the paper and note of at most ``limit`` of ``ref``'s check-ins made before
    ``before`` (UTC ISO text); the check-ins themselves stay, so streaks do not
    change. Returns how many were cleared (fewer than ``limit``: the last batch)."""
    cursor = conn.execute(
        "UPDATE streak_checkins SET paper = NULL, note = NULL WHERE id IN ("
        "SELECT id FROM streak_checkins WHERE community_id = "
        "(SELECT id FROM communities WHERE platform = ? AND external_id = ?) "
        "AND checked_at < ? AND (paper IS NOT NULL OR note IS NOT NULL) LIMIT ?)",
        (ref.platform, ref.external_id, before, limit),
    )
    return cursor.rowcount
