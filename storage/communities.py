"""Communities (guilds, workspaces), their members and their settings."""

from __future__ import annotations

from bot.core.refs import CommunityRef, MemberRef
from storage.connection import Connection
from storage.dialect import query
from storage.fetch import fetch_all, fetch_one, fetch_value

_FIND_COMMUNITY = "SELECT id FROM communities WHERE platform = ? AND external_id = ?"
# The update keeps the row as it is; it exists so that RETURNING also answers when
# the row was already there.
_UPSERT_COMMUNITY = (
    "INSERT INTO communities (platform, external_id) VALUES (?, ?) "
    "ON CONFLICT (platform, external_id) DO UPDATE SET external_id = excluded.external_id "
    "RETURNING id"
)
_MEMBER_CONFLICT = (
    "ON CONFLICT (community_id, external_id) DO UPDATE SET "
    "display_name = COALESCE(excluded.display_name, members.display_name) "
    "RETURNING community_id, id"
)


def ensure_community(conn: Connection, ref: CommunityRef) -> int:
    """The internal id of ``ref``, creating the row on first sight (write transaction)."""
    # Look first: a known community (the usual case) costs one read and no write.
    found = find_community(conn, ref)
    return found if found is not None else _create_community(conn, ref)


def _create_community(conn: Connection, ref: CommunityRef) -> int:
    return int(fetch_value(conn, _UPSERT_COMMUNITY, (ref.platform, ref.external_id)))


def find_community(conn: Connection, ref: CommunityRef) -> int | None:
    """The internal id of ``ref``, or None if it was never stored."""
    row = fetch_one(conn, _FIND_COMMUNITY, (ref.platform, ref.external_id))
    return None if row is None else int(row[0])


def ensure_member_ids(
    conn: Connection, ref: MemberRef, display_name: str | None = None
) -> tuple[int, int]:
    """``(community id, member id)`` of ``ref``, creating rows as needed (write
    transaction); a given display name is remembered for leaderboards and recaps."""
    # A known member is only read (and their row written only when the name
    # changed): a third of the upsert's cost, which every check-in paid.
    known = fetch_one(
        conn,
        "SELECT m.community_id, m.id, m.display_name FROM members m "
        "JOIN communities c ON c.id = m.community_id "
        "WHERE c.platform = ? AND c.external_id = ? AND m.external_id = ?",
        (ref.community.platform, ref.community.external_id, ref.external_id),
    )
    if known is not None:
        if display_name is not None and display_name != known[2]:
            conn.execute("UPDATE members SET display_name = ? WHERE id = ?",
                         (display_name, known[1]))
        return int(known[0]), int(known[1])
    # One statement when the community is known: the member row is inserted (or
    # updated, should another process have inserted it meanwhile) from the
    # community's (platform, external id).
    row = fetch_one(
        conn,
        "INSERT INTO members (community_id, external_id, display_name) "
        "SELECT id, ?, ? FROM communities WHERE platform = ? AND external_id = ? "
        + _MEMBER_CONFLICT,
        (ref.external_id, display_name, ref.community.platform, ref.community.external_id),
    )
    if row is None:  # first sight of the community
        created = fetch_one(conn, _UPSERT_COMMUNITY,
                                 (ref.community.platform, ref.community.external_id))
        assert created is not None
        row = fetch_one(
            conn,
            "INSERT INTO members (community_id, external_id, display_name) VALUES (?, ?, ?) "
            + _MEMBER_CONFLICT,
            (int(created[0]), ref.external_id, display_name),
        )
        assert row is not None
    return int(row[0]), int(row[1])


def ensure_member(
    conn: Connection, ref: MemberRef, display_name: str | None = None
) -> int:
    """The internal id of ``ref`` (creating community and member rows as needed);
    a given display name is remembered for leaderboards and recaps."""
    return (ensure_member_ids(conn, ref, display_name))[1]


def find_member(conn: Connection, ref: MemberRef) -> int | None:
    """The internal id of ``ref``, or None if it was never stored."""
    found = fetch_value(
        conn,
        "SELECT m.id FROM members m JOIN communities c ON c.id = m.community_id "
        "WHERE c.platform = ? AND c.external_id = ? AND m.external_id = ?",
        (ref.community.platform, ref.community.external_id, ref.external_id),
    )
    return None if found is None else int(found)


def read_settings(conn: Connection, ref: CommunityRef) -> dict[str, str]:
    """Every stored setting of ``ref`` as raw JSON text by key."""
    rows = fetch_all(
        conn,
        "SELECT s.key, s.value FROM community_settings s "
        "JOIN communities c ON c.id = s.community_id "
        "WHERE c.platform = ? AND c.external_id = ?",
        (ref.platform, ref.external_id),
    )
    return {row[0]: row[1] for row in rows}


def read_all_settings(conn: Connection) -> dict[CommunityRef, dict[str, str]]:
    """Every stored setting of every community, as raw JSON text by key (start-up)."""
    found: dict[CommunityRef, dict[str, str]] = {}
    for row in fetch_all(
        conn,
        "SELECT c.platform, c.external_id, s.key, s.value FROM community_settings s "
        "JOIN communities c ON c.id = s.community_id",
    ):
        found.setdefault(CommunityRef(row[0], row[1]), {})[row[2]] = row[3]
    return found


def write_setting(
    conn: Connection,
    ref: CommunityRef,
    key: str,
    value_json: str,
    *,
    updated_at: str,
    updated_by: str,
) -> None:
    """Store one setting (JSON text), replacing any earlier value."""
    community_id = ensure_community(conn, ref)
    conn.execute(
        "INSERT INTO community_settings (community_id, key, value, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (community_id, key) DO UPDATE SET "
        "value = excluded.value, updated_at = excluded.updated_at, "
        "updated_by = excluded.updated_by",
        (community_id, key, value_json, updated_at, updated_by),
    )


def delete_setting(conn: Connection, ref: CommunityRef, key: str) -> bool:
    """Forget one setting so its default applies again; True if it was set."""
    cursor = conn.execute(
        "DELETE FROM community_settings WHERE key = ? AND community_id = "
        "(SELECT id FROM communities WHERE platform = ? AND external_id = ?)",
        (key, ref.platform, ref.external_id),
    )
    return cursor.rowcount > 0


def set_locale(conn: Connection, ref: CommunityRef, locale: str | None) -> bool:
    """Store the platform's locale of ``ref`` (Discord: the guild's preferred locale);
    returns whether it changed."""
    community_id = ensure_community(conn, ref)
    cursor = conn.execute(query(conn, "communities.set_locale"), (locale, community_id, locale))
    return cursor.rowcount > 0


def read_locale(conn: Connection, ref: CommunityRef) -> str | None:
    """The stored platform locale of ``ref``, or None."""
    value = fetch_value(conn, "SELECT locale FROM communities WHERE platform = ? "
                              "AND external_id = ?", (ref.platform, ref.external_id))
    return None if value is None else str(value)


def read_all_locales(conn: Connection) -> dict[CommunityRef, str]:
    """Every community's stored platform locale (start-up)."""
    return {CommunityRef(row[0], row[1]): str(row[2]) for row in fetch_all(
        conn, "SELECT platform, external_id, locale FROM communities WHERE locale IS NOT NULL")}
