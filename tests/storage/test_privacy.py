"""Storage of members' data: the export covers every table that holds a member id,
and migration 007 keeps the rows of the tables it rebuilds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.backends import open_database
from storage.connection import Connection
from storage.database import Database, load_migrations, split_statements
from storage.fetch import fetch_all
from storage.privacy import MEMBER_DATA, member_columns, uncovered_tables


async def test_export_covers_every_table_that_holds_a_member_id(db: Database) -> None:
    def work(conn: Connection):
        columns = member_columns(conn)
        uncovered = uncovered_tables(conn)
        return columns, uncovered
    columns, uncovered = await db.read(work)
    found = {(c.table, c.column) for c in columns}
    # The schema is read, not listed: these are a sample of what it must find.
    assert {("streak_checkins", "member_id"), ("streak_audit", "target_member_id"),
            ("knowledge_faq", "created_by"), ("schedules", "created_by"), ("schedules", "owned_by"),
            ("rsvps", "member_id"), ("community_settings", "updated_by")} <= found
    assert ("session_presenters", "assigned_by") not in found, "a word, not an id"
    assert uncovered == set(), f"tables with a member id but no export entry: {uncovered}"
    assert {c.table for c in columns} == set(MEMBER_DATA), "no export entry for a gone table"


async def test_a_new_table_holding_a_member_id_without_an_export_entry_is_caught(
    db: Database,
) -> None:
    def work(conn: Connection):
        conn.execute(
            "CREATE TABLE member_badges (id INTEGER PRIMARY KEY, "
            "member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE)")
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, written_by TEXT)")
    await db.write(work)
    def work(conn: Connection):
        assert uncovered_tables(conn) == {"member_badges", "notes"}
    await db.read(work)


async def test_migration_007_keeps_grants_and_audit_entries(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys=ON")
    for migration in load_migrations()[:6]:
        for statement in split_statements(migration.sql):
            raw.execute(statement)
    raw.executescript(
        "INSERT INTO communities (id, platform, external_id) VALUES (1, 'discord', '10');"
        "INSERT INTO members (id, community_id, external_id) VALUES (1, 1, '100'), (2, 1, '200');"
        "INSERT INTO streak_freeze_grants (community_id, member_id, granted_at, day, count, "
        "granted_by) VALUES (1, 1, '2026-11-01T00:00:00+00:00', '2026-11-01', 2, 2);"
        "INSERT INTO streak_audit (community_id, actor_member_id, target_member_id, at, action, "
        "reason) VALUES (1, 2, 1, '2026-11-01T00:00:00+00:00', 'grant', 'exam');"
        "PRAGMA user_version = 6;")
    raw.commit()
    raw.close()
    db = await open_database(path)
    try:
        def work(conn: Connection):
            conn.execute("DELETE FROM members WHERE id = 2")
        await db.write(work)
        def work(conn: Connection):
            grants = fetch_all(conn,
                "SELECT member_id, count, granted_by FROM streak_freeze_grants")
            audit = fetch_all(conn,
                "SELECT actor_member_id, target_member_id, reason FROM streak_audit")
            former = fetch_all(conn, "SELECT former FROM members")
            return grants, audit, former
        grants, audit, former = await db.read(work)
    finally:
        await db.close()
    assert [tuple(r) for r in grants] == [(1, 2, None)]
    assert [tuple(r) for r in audit] == [(None, 1, "exam")]
    assert [tuple(r) for r in former] == [(0,)]
