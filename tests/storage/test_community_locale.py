"""A community's platform locale (migration 009), on SQLite and Postgres: stored,
written only when it changes (``IS NOT`` / ``IS DISTINCT FROM``), read one by one
and all at once."""

from __future__ import annotations

from bot.core.refs import DISCORD, CommunityRef
from storage import communities as store
from storage.connection import Connection
from storage.database import Database

GUILD = CommunityRef(DISCORD, "1")
OTHER = CommunityRef(DISCORD, "2")


async def test_locale_is_stored_and_written_only_when_it_changes(db: Database) -> None:
    def work(conn: Connection):
        first = store.set_locale(conn, GUILD, "ko")
        same = store.set_locale(conn, GUILD, "ko")
        changed = store.set_locale(conn, GUILD, "en-GB")
        cleared = store.set_locale(conn, GUILD, None)
        cleared_again = store.set_locale(conn, GUILD, None)
        store.set_locale(conn, OTHER, "ko")
        store.ensure_community(conn, CommunityRef(DISCORD, "3"))
        return (first, same, changed, cleared, cleared_again, store.read_locale(conn, GUILD),
                store.read_locale(conn, OTHER), store.read_all_locales(conn))
    first, same, changed, cleared, cleared_again, guild, other, every = await db.write(work)
    assert (first, same, changed, cleared, cleared_again) == (True, False, True, True, False)
    assert (guild, other) == (None, "ko")
    assert every == {OTHER: "ko"}
