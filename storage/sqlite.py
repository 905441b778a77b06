"""The SQLite implementation of ``Database``: one file in WAL mode, Python's own
``sqlite3`` driver, migrations kept as ``PRAGMA user_version``."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from storage.connection import Connection
from storage.database import (
    LOOP_COMMIT_SECONDS,
    Database,
    DatabaseUnavailable,
    StorageUnavailable,
    Synchronous,
    Worker,
    close_all,
    commit_group,
    load_migrations,
    roll_back_quietly,
    split_statements,
    too_new,
)
from storage.fetch import fetch_all, fetch_value

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT_MS = 5000
# SQLite error texts that mean "the write cannot happen right now", which a member
# should hear about as a clear message rather than a generic failure.
_UNWRITABLE = ("database or disk is full", "readonly database", "database is locked", "disk i/o")


DISK_FULL_CAUSE = "the disk is full; free some space and start again"
# SQLite's error texts at open time, and what they mean for whoever started the bot.
_OPEN_CAUSES = (
    ("file is not a database", "not a SQLite database (damaged, or another kind of file)"),
    ("malformed", "damaged (database disk image is malformed); restore it from a backup"),
    ("readonly database", "read-only: the file, its folder or its file system cannot be written"),
    ("unable to open database file",
     "cannot be opened: its folder is missing, not writable or on a read-only file system"),
    ("database is locked",
     f"locked by another process for more than {BUSY_TIMEOUT_MS // 1000} s"),
    ("disk i/o error", "disk I/O error while reading or writing the file"),
    ("read-only file system", "its folder is on a read-only file system"),
    ("permission denied", "permission denied (check who owns the file and its folder)"),
)


def unavailable(path: Path, exc: BaseException) -> DatabaseUnavailable:
    """``exc`` (a ``sqlite3.Error`` or ``OSError`` met while opening ``path``) as one
    line a person can act on."""
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror.lower()
    # SHMSIZE: the shared-memory file beside a WAL database could not grow (ENOSPC).
    full = getattr(exc, "sqlite_errorname", "") in ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE") or (
        "no space left" in text
    )
    if full:
        return DatabaseUnavailable(path, DISK_FULL_CAUSE, disk_full=True)
    for marker, cause in _OPEN_CAUSES:
        if marker in text:
            return DatabaseUnavailable(path, cause)
    return DatabaseUnavailable(path, " ".join(str(exc).split()) or type(exc).__name__)


class SqliteDatabase(Database):
    """A SQLite file: one writer and one read-only connection; WAL mode lets readers
    run while a write commits."""

    dialect = "sqlite"
    query_errors = (sqlite3.Error,)

    @classmethod
    async def connect(
        cls, path: Path, *, migrate: bool = True, synchronous: Synchronous = "full"
    ) -> SqliteDatabase:
        """Open (creating if needed) and, unless told otherwise, migrate the file
        ``path`` (see ``Database.open``). A file that cannot be used (damaged,
        read-only, locked, disk full) raises ``DatabaseUnavailable``."""
        opened: list[Worker] = []
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The writer's connection is also used on the event loop's thread, by
            # ``_commit_here``, while the writer's thread is idle.
            writer = await Worker.start("sqlite-writer", _connect, path, synchronous,
                                        True, opened=opened)
            await writer.run(_prepare_writer, path, migrate)
            reader = await Worker.start("sqlite-reader", _connect, path, synchronous, opened=opened)
            await reader.run(_read_only)
            # Opened here, on the event loop's thread, the only one that uses it.
            loop_reader = _connect(path, synchronous)
            try:
                _read_only(loop_reader)
            except BaseException:
                loop_reader.close()
                raise
        except (sqlite3.Error, OSError) as exc:
            await close_all(opened)
            raise unavailable(path, exc) from exc
        except BaseException:
            await close_all(opened)
            raise
        return cls(path, writer, reader, loop_reader)

    def __init__(self, path: Path, writer: Worker, reader: Worker,
                 loop_reader: sqlite3.Connection) -> None:
        super().__init__(path, writer, reader)
        self._loop_reader: sqlite3.Connection | None = loop_reader
        # Whether the writer's connection waits (BUSY_TIMEOUT_MS) for another
        # process's lock, as on its own thread, or not at all, as on the event loop:
        # changed only when a write moves from one to the other.
        self._writer_waits = True

    def _reader_here(self) -> sqlite3.Connection | None:
        return self._loop_reader

    async def close(self) -> None:
        """Close every connection (see ``Database.close``); the event loop's reader last."""
        await super().close()
        if self._loop_reader is not None:
            self._loop_reader.close()
            self._loop_reader = None

    async def backup(self, destination: Path) -> None:
        """Copy the live database to ``destination`` with SQLite's online backup API."""
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            async with self._write_lock:
                self._write_trips += 1
                await self._on_writer_thread(_backup_to, destination)
        except (sqlite3.Error, OSError) as exc:
            raise unavailable(destination, exc) from exc

    async def integrity_check(self) -> str:
        """``PRAGMA integrity_check``'s verdict: ``"ok"`` when the file is sound."""
        rows = await self.read(fetch_all, "PRAGMA integrity_check")
        return "; ".join(str(row[0]) for row in rows)

    async def quick_check(self) -> str:
        """``PRAGMA quick_check``'s verdict (``"ok"`` when sound): the cheap form of
        ``integrity_check``, run at start so a damaged file is not served."""
        try:
            rows = await self.read(fetch_all, "PRAGMA quick_check")
        except sqlite3.DatabaseError as exc:  # too damaged to even check
            return " ".join(str(exc).split())
        return "; ".join(str(row[0]) for row in rows)

    async def schema_version(self) -> int:
        return await self._reader.run(current_version)

    def _for_caller(self, exc: BaseException) -> BaseException:
        return _translate(exc) if isinstance(exc, sqlite3.OperationalError) else exc

    def _commit_here(
        self, works: list[Callable[[Connection], Any]]
    ) -> list[tuple[Any, Exception | None]] | None:
        """Commit on the event loop's thread (the caller holds the write lock, so the
        writer's thread is idle), unless another process holds the file's write
        lock: waiting for it here would stall the loop, so the writer's thread waits."""
        conn = self._writer.connection
        self._let_writer_wait(conn, False)
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            return None
        return commit_group(conn, works, begun=True, time_limit=LOOP_COMMIT_SECONDS)

    async def _on_writer_thread(self, work: Callable[..., T], *args: Any) -> T:
        return await self._writer.run(self._waiting, work, *args)

    def _waiting(self, conn: sqlite3.Connection, work: Callable[..., T], *args: Any) -> T:
        """``work(conn, *args)`` with the writer waiting for other processes' locks."""
        self._let_writer_wait(conn, True)
        return work(conn, *args)

    def _let_writer_wait(self, conn: sqlite3.Connection, wait: bool) -> None:
        if self._writer_waits != wait:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS if wait else 0}")
            self._writer_waits = wait


def _connect(path: Path, synchronous: Synchronous,
             other_threads: bool = False) -> sqlite3.Connection:
    """A configured connection (runs in the thread that will use it; with
    ``other_threads``, other threads may use it too, one at a time)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=not other_threads)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        # FULL: every acknowledged commit is on disk before the member sees the reply.
        conn.execute(f"PRAGMA synchronous={synchronous.upper()}")
    except BaseException:
        conn.close()
        raise
    return conn


def _read_only(conn: sqlite3.Connection) -> sqlite3.Connection:
    """``conn``, refusing every write from now on."""
    conn.execute("PRAGMA query_only=ON")
    return conn


def _prepare_writer(conn: sqlite3.Connection, path: Path, migrate: bool) -> None:
    """Check the schema version, switch to WAL and migrate, on the writer."""
    check_version(conn)  # before anything writes to the file
    # Fetched, not just executed: a statement left unfinished keeps its lock.
    mode = fetch_value(conn, "PRAGMA journal_mode=WAL")
    if str(mode).lower() != "wal":
        raise DatabaseUnavailable(
            path, f"cannot switch to WAL mode (still {mode}); is the folder writable?"
        )
    if migrate:
        apply_migrations(conn)


def _backup_to(conn: sqlite3.Connection, destination: Path) -> None:
    target = sqlite3.connect(destination)
    try:
        conn.backup(target)
    finally:
        target.close()


def _translate(exc: sqlite3.OperationalError) -> Exception:
    text = str(exc).lower()
    if any(marker in text for marker in _UNWRITABLE):
        log.error("database write refused: %s", exc)
        return StorageUnavailable()
    return exc


def current_version(conn: sqlite3.Connection) -> int:
    version = fetch_value(conn, "PRAGMA user_version")
    return int(version) if version is not None else 0


def check_version(conn: sqlite3.Connection) -> int:
    """Raise ``DatabaseTooNew`` when the file is newer than this code understands."""
    version = current_version(conn)
    refusal = too_new(version, "sqlite")
    if refusal is not None:
        raise refusal
    return version


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations in one transaction; returns the names applied."""
    version = check_version(conn)
    pending = [m for m in load_migrations() if m.version > version]
    if not pending:
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for migration in pending:
            for statement in split_statements(migration.sql):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version={pending[-1].version}")
        conn.execute("COMMIT")
    except BaseException:
        roll_back_quietly(conn)
        raise
    log.info(
        "database migrated to version %d (%s)",
        pending[-1].version,
        ", ".join(m.name for m in pending),
    )
    return [m.name for m in pending]
