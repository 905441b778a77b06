"""The SQLite database: connection set-up, migrations, transactions and backup.

One writer connection (serialised by a lock, one transaction per command) and
one read-only connection, each used only by its own thread. WAL mode lets
readers run while a write commits.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

from bot.core.errors import StorageUnavailable
from storage.connection import Connection
from storage.fetch import fetch_all, fetch_value

log = logging.getLogger(__name__)
T = TypeVar("T")
P = ParamSpec("P")
Synchronous = Literal["full", "normal"]

BUSY_TIMEOUT_MS = 5000
# The driver's errors, for callers that must tell "the database refused this query"
# (a missing table in a file never migrated) from their own bugs without naming a driver.
QUERY_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)
# SQLite error texts that mean "the write cannot happen right now", which a member
# should hear about as a clear message rather than a generic failure.
_UNWRITABLE = ("database or disk is full", "readonly database", "database is locked", "disk i/o")


class DatabaseTooNew(Exception):
    """The file was migrated by a newer studybot; it is left untouched."""


class DatabaseUnavailable(Exception):
    """The database cannot be opened or used at all; ``str()`` is one line naming the
    file and the cause. ``disk_full`` tells a full disk apart from the other causes."""

    def __init__(self, path: Path, cause: str, *, disk_full: bool = False) -> None:
        super().__init__(f"database {path}: {cause}")
        self.path = path
        self.cause = cause
        self.disk_full = disk_full


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


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The numbered ``storage/migrations/NNN_name.sql`` files, in order."""
    found = []
    for item in resources.files("storage.migrations").iterdir():
        if item.name.endswith(".sql") and item.name[:3].isdigit():
            found.append(Migration(int(item.name[:3]), item.name, item.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 001, 002, ... without gaps: {versions}")
    return found


def split_statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (triggers with inner ``;`` stay whole)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                statements.append(pending.strip())
            pending = ""
    if pending.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in pending.splitlines()
    ):
        raise ValueError(f"incomplete SQL statement at end of script: {pending.strip()[:80]!r}")
    return statements


class Database:
    """The open database; build it with ``await Database.open(path)``.

    Storage functions are plain functions of a ``Connection``; ``read`` and ``write``
    run them on the database's own threads (one writer, one reader), so a service
    never holds a connection and never sees a driver type."""

    def __init__(self, path: Path, writer: _Worker, reader: _Worker) -> None:
        self.path = path
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()
        self._writes = 0
        self._read_trips = 0
        self._write_trips = 0
        # write()'s group commit: works waiting for the writer, and the task that
        # commits them.
        self._waiting_works: list[tuple[Callable[[Connection], Any], asyncio.Future[Any]]] = []
        self._group_committer: asyncio.Task[None] | None = None

    @property
    def writes(self) -> int:
        """How many write transactions have ended (committed or rolled back) since
        the database was opened. Whatever a service keeps in memory from a read is
        current for as long as this count has not moved, whichever service wrote."""
        return self._writes

    @property
    def read_trips(self) -> int:
        """How many calls have gone to the reader's thread (one per ``read``)."""
        return self._read_trips

    @property
    def write_trips(self) -> int:
        """How many calls have gone to the writer's thread: one per group of
        ``write`` calls committed together, one per backup."""
        return self._write_trips

    @classmethod
    async def open(
        cls, path: Path, *, migrate: bool = True, synchronous: Synchronous = "full"
    ) -> Database:
        """Open (creating if needed) and, unless told otherwise, migrate the database.

        ``synchronous="full"`` (the default) puts every commit on disk before it
        returns; ``"normal"`` skips that fsync: committed data survives a crash of
        the process but not necessarily a power cut of the machine.

        A file that cannot be used (damaged, read-only, locked, disk full) raises
        ``DatabaseUnavailable``; every connection and thread opened so far is closed
        first, so none outlives the failure and keeps the process alive."""
        opened: list[_Worker] = []
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            writer = await _Worker.start(path, synchronous, "writer", opened)
            await writer.run(_prepare_writer, path, migrate)
            reader = await _Worker.start(path, synchronous, "reader", opened)
            await reader.run(lambda conn: conn.execute("PRAGMA query_only=ON"))
        except (sqlite3.Error, OSError) as exc:
            await _close_all(opened)
            raise unavailable(path, exc) from exc
        except BaseException:
            await _close_all(opened)
            raise
        return cls(path, writer, reader)

    async def read(
        self, work: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``work(connection, *args, **kwargs)`` on the read-only connection (which
        sees every committed write), in one trip to the reader's thread."""
        self._read_trips += 1
        return await self._reader.run(work, *args, **kwargs)

    async def write(
        self, work: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``work(connection, *args, **kwargs)`` as one write transaction, run whole in
        the writer's thread and committed before this returns; rolled back if it
        raises. Storage failures a member should hear about (disk full, read-only
        file, locked too long) surface as ``StorageUnavailable``.

        Group commit: works that arrive while the writer is busy are run together,
        each inside its own savepoint (a work that raises is rolled back alone and
        its caller gets the error), and committed with one fsync; nobody's call
        returns before that commit.
        """
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()

        def bound(conn: Connection) -> T:
            return work(conn, *args, **kwargs)

        self._waiting_works.append((bound, future))
        if self._group_committer is None or self._group_committer.done():
            self._group_committer = asyncio.create_task(self._commit_waiting_works())
        return await future

    async def _commit_waiting_works(self) -> None:
        while self._waiting_works:
            async with self._write_lock:
                batch, self._waiting_works = self._waiting_works, []
                self._write_trips += 1
                try:
                    outcomes = await self._writer.run(
                        _commit_group, [work for work, _ in batch])
                except BaseException as exc:  # the commit itself failed: nothing was stored
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(_for_caller(exc))
                    if not isinstance(exc, Exception):
                        raise
                    continue
                finally:
                    # Counted before any caller hears back (see ``writes``).
                    self._writes += 1
            for (_, future), (value, error) in zip(batch, outcomes, strict=True):
                if future.done():  # the caller gave up waiting; its work is stored anyway
                    continue
                if error is None:
                    future.set_result(value)
                else:
                    future.set_exception(_for_caller(error))

    async def backup(self, destination: Path) -> None:
        """Copy the live database to ``destination`` with SQLite's online backup API."""
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            async with self._write_lock:
                self._write_trips += 1
                await self._writer.run(_backup_to, destination)
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

    async def close(self) -> None:
        """Close both connections and their threads (waits for running and waiting
        transactions)."""
        if self._group_committer is not None:
            await asyncio.gather(self._group_committer, return_exceptions=True)
        async with self._write_lock:
            await self._reader.close()
            await self._writer.close()


class _Worker:
    """One SQLite connection and the one thread that uses it."""

    def __init__(self, executor: ThreadPoolExecutor) -> None:
        self._executor = executor
        self._conn: sqlite3.Connection | None = None

    @classmethod
    async def start(
        cls, path: Path, synchronous: Synchronous, name: str, opened: list[_Worker]
    ) -> _Worker:
        """A worker with a configured connection, added to ``opened`` as soon as its
        thread exists (so the caller can close it if a later step fails)."""
        worker = cls(ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"sqlite-{name}"))
        opened.append(worker)
        worker._conn = await worker._call(_connect, path, synchronous)
        return worker

    async def _call(self, work: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, work, *args)

    async def run(
        self,
        work: Callable[Concatenate[sqlite3.Connection, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """``work(connection, ...)`` in this worker's thread."""
        assert self._conn is not None
        return await self._call(functools.partial(work, self._conn, *args, **kwargs))

    async def close(self) -> None:
        try:
            if self._conn is not None:
                await self._call(self._conn.close)
        finally:
            self._executor.shutdown(wait=True)


def _connect(path: Path, synchronous: Synchronous) -> sqlite3.Connection:
    """A configured connection (runs in the thread that will use it)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
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


async def _close_all(workers: list[_Worker]) -> None:
    for worker in reversed(workers):
        try:
            await worker.close()
        except Exception:  # closing after a failed open; the open's error is the one to report
            log.debug("closing a half-opened connection failed", exc_info=True)


def _commit_group(
    conn: sqlite3.Connection, works: list[Callable[[sqlite3.Connection], Any]]
) -> list[tuple[Any, Exception | None]]:
    """Run ``works`` in one transaction, each in a savepoint of its own, and commit
    once; returns each work's (result, error). An error after which SQLite has
    rolled back the whole transaction (a full disk) fails only that work: the
    others are run again in a new transaction."""
    failed: dict[int, Exception] = {}
    while True:
        results: dict[int, Any] = {}
        conn.execute("BEGIN IMMEDIATE")
        try:
            for index, work in enumerate(works):
                if index in failed:
                    continue
                conn.execute("SAVEPOINT work")
                try:
                    results[index] = work(conn)
                except Exception as exc:
                    failed[index] = exc
                    if not conn.in_transaction:
                        break  # SQLite rolled everything back: start again without it
                    conn.execute("ROLLBACK TO work")
                conn.execute("RELEASE work")
            else:
                conn.execute("COMMIT")
                return [(results.get(index), failed.get(index)) for index in range(len(works))]
        except BaseException:
            _roll_back_quietly(conn)
            raise


def _for_caller(exc: BaseException) -> BaseException:
    """What a caller of ``write`` is raised: storage failures translated."""
    return _translate(exc) if isinstance(exc, sqlite3.OperationalError) else exc


def _roll_back_quietly(conn: sqlite3.Connection) -> None:
    """Roll back the open transaction, if any; a failure is only logged (the error
    that caused the rollback is the one worth raising)."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            log.exception("rollback failed")


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
    latest = len(load_migrations())
    if version > latest:
        raise DatabaseTooNew(
            f"the database is at schema version {version}, but this studybot only knows "
            f"up to {latest}; upgrade studybot (the file was not modified)"
        )
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
        _roll_back_quietly(conn)
        raise
    log.info(
        "database migrated to version %d (%s)",
        pending[-1].version,
        ", ".join(m.name for m in pending),
    )
    return [m.name for m in pending]
