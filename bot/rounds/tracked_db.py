"""The database as the round service uses it: the same reads and write
transactions, plus a count of the write transactions that have ended.

Every write to the round tables goes through the round service, so a read taken
while the count stayed the same is still current for as long as it stays the
same: the service keeps such reads in memory (``RoundQueries.overview``) instead
of asking SQLite again. The count lives in memory only, so a restart starts
with nothing kept. When Discord and Slack run as two processes on one database,
each community's rounds are still written by one process only: the one serving
its platform (the CLI only reads rounds).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import aiosqlite

from storage.database import Database


class TrackedDatabase:
    """``Database.read`` and ``Database.transaction``, counting finished writes."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._writes = 0

    @property
    def writes(self) -> int:
        """How many write transactions have ended (committed or rolled back)."""
        return self._writes

    def read(self) -> AbstractAsyncContextManager[aiosqlite.Connection]:
        """The read-only connection (see ``Database.read``)."""
        return self._db.read()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction (see ``Database.transaction``)."""
        try:
            async with self._db.transaction() as conn:
                yield conn
        finally:
            # Counted once the commit (or rollback) is done: a read that began
            # before this point is never taken as newer than the write.
            self._writes += 1
