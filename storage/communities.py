"""Communities (guilds, workspaces), their members and their settings."""

from __future__ import annotations

import aiosqlite

from bot.identity import CommunityRef, MemberRef


async def ensure_community(conn: aiosqlite.Connection, ref: CommunityRef) -> int:
    """The internal id of ``ref``, creating the row on first sight (write transaction)."""
    await conn.execute(
        "INSERT INTO communities (platform, external_id) VALUES (?, ?) "
        "ON CONFLICT (platform, external_id) DO NOTHING",
        (ref.platform, ref.external_id),
    )
    found = await find_community(conn, ref)
    assert found is not None
    return found


async def find_community(conn: aiosqlite.Connection, ref: CommunityRef) -> int | None:
    """The internal id of ``ref``, or None if it was never stored."""
    async with conn.execute(
        "SELECT id FROM communities WHERE platform = ? AND external_id = ?",
        (ref.platform, ref.external_id),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else None


async def ensure_member(
    conn: aiosqlite.Connection, ref: MemberRef, display_name: str | None = None
) -> int:
    """The internal id of ``ref`` (creating community and member rows as needed);
    a given display name is remembered for leaderboards and recaps."""
    community_id = await ensure_community(conn, ref.community)
    await conn.execute(
        "INSERT INTO members (community_id, external_id, display_name) VALUES (?, ?, ?) "
        "ON CONFLICT (community_id, external_id) DO UPDATE SET "
        "display_name = COALESCE(excluded.display_name, members.display_name)",
        (community_id, ref.external_id, display_name),
    )
    found = await find_member(conn, ref)
    assert found is not None
    return found


async def find_member(conn: aiosqlite.Connection, ref: MemberRef) -> int | None:
    """The internal id of ``ref``, or None if it was never stored."""
    async with conn.execute(
        "SELECT m.id FROM members m JOIN communities c ON c.id = m.community_id "
        "WHERE c.platform = ? AND c.external_id = ? AND m.external_id = ?",
        (ref.community.platform, ref.community.external_id, ref.external_id),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else None


async def read_settings(conn: aiosqlite.Connection, ref: CommunityRef) -> dict[str, str]:
    """Every stored setting of ``ref`` as raw JSON text by key."""
    async with conn.execute(
        "SELECT s.key, s.value FROM community_settings s "
        "JOIN communities c ON c.id = s.community_id "
        "WHERE c.platform = ? AND c.external_id = ?",
        (ref.platform, ref.external_id),
    ) as cursor:
        return {row[0]: row[1] async for row in cursor}


async def read_all_settings(conn: aiosqlite.Connection) -> dict[CommunityRef, dict[str, str]]:
    """Every stored setting of every community, as raw JSON text by key (start-up)."""
    found: dict[CommunityRef, dict[str, str]] = {}
    async with conn.execute(
        "SELECT c.platform, c.external_id, s.key, s.value FROM community_settings s "
        "JOIN communities c ON c.id = s.community_id"
    ) as cursor:
        async for row in cursor:
            found.setdefault(CommunityRef(row[0], row[1]), {})[row[2]] = row[3]
    return found


async def write_setting(
    conn: aiosqlite.Connection,
    ref: CommunityRef,
    key: str,
    value_json: str,
    *,
    updated_at: str,
    updated_by: str,
) -> None:
    """Store one setting (JSON text), replacing any earlier value."""
    community_id = await ensure_community(conn, ref)
    await conn.execute(
        "INSERT INTO community_settings (community_id, key, value, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (community_id, key) DO UPDATE SET "
        "value = excluded.value, updated_at = excluded.updated_at, "
        "updated_by = excluded.updated_by",
        (community_id, key, value_json, updated_at, updated_by),
    )


async def delete_setting(conn: aiosqlite.Connection, ref: CommunityRef, key: str) -> bool:
    """Forget one setting so its default applies again; True if it was set."""
    cursor = await conn.execute(
        "DELETE FROM community_settings WHERE key = ? AND community_id = "
        "(SELECT id FROM communities WHERE platform = ? AND external_id = ?)",
        (key, ref.platform, ref.external_id),
    )
    return cursor.rowcount > 0
