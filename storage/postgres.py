"""The Postgres implementation of ``Database``: psycopg 3 in its synchronous form on
the database's own threads, so storage functions stay the same plain functions of a
``Connection`` as on SQLite (``benchmarks/bench_storage.py`` measured the choice).

Statements are written once, with SQLite's ``?`` and ``:name`` parameters; the
connection here turns them into psycopg's ``%s`` and ``%(name)s``. Queries that
differ come from ``storage/queries/postgres.sql``. Migrations are the Postgres
twins in ``storage/migrations/postgres/``, applied once under an advisory lock
(several processes may start together), the version kept in ``schema_version``.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.pq import TransactionStatus

from bot.core.errors import DatabaseUnreachable
from bot.core.urls import hide_password
from storage.connection import Params
from storage.database import (
    Database,
    DatabaseUnavailable,
    StorageUnavailable,
    Synchronous,
    Worker,
    close_all,
    load_migrations,
    roll_back_quietly,
    too_new,
)

log = logging.getLogger(__name__)

# Any number; every studybot process takes this one lock while migrating.
MIGRATION_LOCK = 0x5354_5544  # "STUD"
CONNECT_TIMEOUT_S = 10
# Failures a member should hear about as "storage unavailable", not as a bug.
_UNWRITABLE = (
    pg_errors.DiskFull,
    pg_errors.ReadOnlySqlTransaction,
    pg_errors.LockNotAvailable,
    pg_errors.QueryCanceled,
    psycopg.OperationalError,
)
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|\?|:([A-Za-z_]\w*)|%")


@functools.lru_cache(maxsize=2048)
def to_psycopg(sql: str) -> str:
    """``sql`` with SQLite's ``?`` and ``:name`` parameters as psycopg's ``%s`` and
    ``%(name)s`` (quoted text and ``::`` casts left alone, ``%`` doubled)."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if match.group(1):
            return f"%({match.group(1)})s"
        return token

    return _TOKEN.sub(replace, sql)


class PgRow(tuple[Any, ...]):
    """A row by position or by column name, as ``sqlite3.Row``."""

    _names: dict[str, int]

    def __new__(cls, values: Sequence[Any], names: dict[str, int]) -> PgRow:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: psycopg.Cursor[Any]) -> Any:
    names = {column.name: index for index, column in enumerate(cursor.description or ())}
    return lambda values: PgRow(values, names)


class PgCursor:
    """What a statement returns; ``lastrowid`` is never known (use ``RETURNING id``)."""

    lastrowid = None

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor)


class PgConnection:
    """A psycopg connection seen through storage's ``Connection`` protocol."""

    dialect = "postgres"

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw
        self._committing = False

    def execute(self, sql: str, parameters: Params = (), /) -> PgCursor:
        cursor = self.raw.cursor(row_factory=_row_factory)  # refused if already lost
        self._committing = sql == "COMMIT"
        cursor.execute(to_psycopg(sql), parameters or None)
        return PgCursor(cursor)

    def executemany(self, sql: str, parameters: Iterable[Params], /) -> PgCursor:
        cursor = self.raw.cursor(row_factory=_row_factory)
        self._committing = False
        cursor.executemany(to_psycopg(sql), list(parameters))
        return PgCursor(cursor)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    @property
    def broken(self) -> bool:
        """Whether the connection was lost (the server restarted or dropped it)."""
        return bool(self.raw.broken)

    @property
    def lost_during_commit(self) -> bool:
        """Whether it was lost with a COMMIT on its way: that transaction may or may
        not have been committed. Lost at any other statement, the server rolled the
        transaction back."""
        return self.broken and self._committing

    def close(self) -> None:
        self.raw.close()


def _connect(url: str, synchronous: Synchronous, read_only: bool) -> PgConnection:
    """A connection in autocommit mode (transactions are begun explicitly, as on
    SQLite); runs in the thread that will use it."""
    raw = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    try:
        if synchronous == "normal":
            raw.execute("SET synchronous_commit = off")
        if read_only:
            raw.execute("SET default_transaction_read_only = on")
    except BaseException:
        raw.close()
        raise
    return PgConnection(raw)


class PostgresDatabase(Database):
    """A Postgres database shared by any number of studybot processes."""

    dialect = "postgres"
    query_errors = (psycopg.Error,)

    @classmethod
    async def connect(
        cls, url: str, *, migrate: bool = True, synchronous: Synchronous = "full"
    ) -> PostgresDatabase:
        """Connect and, unless told otherwise, migrate (see ``Database.open``)."""
        shown = hide_password(url)
        opened: list[Worker] = []
        try:
            writer = await Worker.start("pg-writer", _connect, url, synchronous, False,
                                        opened=opened)
            await writer.run(_prepare, migrate)
            reader = await Worker.start("pg-reader", _connect, url, synchronous, True,
                                        opened=opened)
        except (psycopg.Error, OSError) as exc:
            await close_all(opened)
            cause = " ".join(str(exc).split()) or type(exc).__name__
            raise DatabaseUnavailable(shown, cause) from exc
        except BaseException:
            await close_all(opened)
            raise
        return cls(shown, writer, reader)

    async def integrity_check(self) -> str:
        """Postgres checks its pages itself; this confirms the server answers."""
        await self.read(lambda conn: conn.execute("SELECT 1").fetchone())
        return "ok"

    async def quick_check(self) -> str:
        try:
            return await self.integrity_check()
        except psycopg.Error as exc:
            return " ".join(str(exc).split())

    async def backup(self, destination: Path) -> None:
        raise DatabaseUnavailable(self.path, "db backup copies a SQLite file; back up "
                                  "Postgres with pg_dump")

    async def schema_version(self) -> int:
        return await self._reader.run(current_version)

    def _for_caller(self, exc: BaseException) -> BaseException:
        if isinstance(exc, psycopg.OperationalError) and self._writer.connection_lost:
            log.error("database unreachable for a write: %s", exc)
            return DatabaseUnreachable(commit_unknown=self._writer.lost_during_commit)
        if isinstance(exc, _UNWRITABLE):
            log.error("database write refused: %s", exc)
            return StorageUnavailable()
        return exc


def _prepare(conn: PgConnection, migrate: bool) -> None:
    """Refuse a database newer than this code; apply pending migrations if asked."""
    if migrate:
        apply_migrations(conn)
    else:
        refusal = too_new(current_version(conn), "postgres")
        if refusal is not None:
            raise refusal


def current_version(conn: PgConnection) -> int:
    """The schema version (0 before the first migration)."""
    exists = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def apply_migrations(conn: PgConnection) -> list[str]:
    """Apply pending migrations in one transaction, holding the advisory lock so
    that processes starting together migrate once; returns the names applied."""
    conn.execute("SELECT pg_advisory_lock(?)", (MIGRATION_LOCK,))
    try:
        version = current_version(conn)
        refusal = too_new(version, "postgres")
        if refusal is not None:
            raise refusal
        pending = [m for m in load_migrations("postgres") if m.version > version]
        if not pending:
            return []
        conn.execute("BEGIN")
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            for migration in pending:
                conn.raw.execute(migration.sql.encode())  # a script: no parameters
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)",
                         (pending[-1].version,))
            conn.execute("COMMIT")
        except BaseException:
            roll_back_quietly(conn)
            raise
    finally:
        conn.execute("SELECT pg_advisory_unlock(?)", (MIGRATION_LOCK,))
    log.info("database migrated to version %d (%s)", pending[-1].version,
             ", ".join(m.name for m in pending))
    return [m.name for m in pending]

