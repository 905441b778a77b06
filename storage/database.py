"""The database interface: storage functions run on the database's own threads.

Storage functions are plain synchronous functions of a ``Connection``; a
``Database`` runs each read on its reader's thread and each write whole, as one
transaction, on its writer's thread (``await db.read(fn, ...)``,
``await db.write(fn, ...)``), so a service never holds a connection and never sees
a driver type. ``storage.backends.open_database`` picks the implementation from
what it is given: a SQLite file (``storage.sqlite``, the default) or a
``postgresql://`` URL (``storage.postgres``).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Concatenate, Literal, NamedTuple, ParamSpec, TypeVar

from bot.core.errors import DatabaseUnreachable, StorageUnavailable
from storage.connection import Connection
from storage.dialect import dialect_of

log = logging.getLogger(__name__)
T = TypeVar("T")
P = ParamSpec("P")
Synchronous = Literal["full", "normal"]

__all__ = ["Database", "DatabaseTooNew", "DatabaseUnavailable", "StorageUnavailable"]

# The most works committed together: in a burst of a thousand check-ins, groups
# of this size let the first members hear back while later ones still wait (one
# group of hundreds would answer everybody only at its end), for 1/32 of the fsyncs.
GROUP_COMMIT_LIMIT = 32

# How long brief writes (``write_brief``) may hold the event loop in one commit:
# the rest of a burst waits for the next commit, so no step of the loop is long.
LOOP_COMMIT_SECONDS = 0.005

# What begins a write transaction, by dialect: SQLite takes the write lock at once
# (IMMEDIATE), so a transaction never fails half-way for want of it.
_BEGIN = {"sqlite": "BEGIN IMMEDIATE", "postgres": "BEGIN"}


class DatabaseTooNew(Exception):
    """The database was migrated by a newer studybot; it is left untouched."""


class DatabaseUnavailable(Exception):
    """The database cannot be opened or used at all; ``str()`` is one line naming the
    database and the cause. ``disk_full`` tells a full disk apart from the other causes."""

    def __init__(self, path: Path | str, cause: str, *, disk_full: bool = False) -> None:
        super().__init__(f"database {path}: {cause}")
        self.path = path
        self.cause = cause
        self.disk_full = disk_full


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(dialect: str = "sqlite") -> list[Migration]:
    """The numbered migrations of ``dialect``, in order: ``storage/migrations/NNN_name.sql``
    for SQLite, their twins in ``storage/migrations/postgres/`` for Postgres."""
    folder = resources.files("storage.migrations")
    if dialect != "sqlite":
        folder = folder.joinpath(dialect)
    found = []
    for item in folder.iterdir():
        if item.name.endswith(".sql") and item.name[:3].isdigit():
            found.append(Migration(int(item.name[:3]), item.name, item.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    # The schema version is the last number applied, so a gap would let a migration
    # merged later under a lower number be skipped: none is allowed.
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 001, 002, ... without gaps: {versions}")
    return found


def latest_version(dialect: str = "sqlite") -> int:
    """The number of the last migration this code knows."""
    return load_migrations(dialect)[-1].version


def too_new(version: int, dialect: str) -> DatabaseTooNew | None:
    """The refusal for a database at schema ``version``, when this code knows less."""
    latest = latest_version(dialect)
    if version <= latest:
        return None
    return DatabaseTooNew(
        f"the database is at schema version {version}, but this studybot only knows "
        f"up to {latest}; upgrade studybot (the database was not modified)"
    )


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
    """An open database; build one with ``await open_database(...)``
    (``storage.backends``). One writer
    connection (one transaction at a time, on its own thread) and one read-only
    connection (on another)."""

    dialect: ClassVar[str]
    # The driver's errors, for a caller that must tell "the database refused this
    # query" (a table missing from a database never migrated) from its own bugs.
    query_errors: ClassVar[tuple[type[Exception], ...]]

    def __init__(self, path: Path | str, writer: Worker, reader: Worker) -> None:
        self.path = path
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()
        self._writes = 0
        self._read_trips = 0
        self._write_trips = 0
        # write()'s group commit: works waiting for the writer, and the task that
        # commits them.
        self._waiting_works: list[_WaitingWork] = []
        self._group_committer: asyncio.Task[None] | None = None
        # A brief write is waiting a turn of the loop to see whether others join it.
        self._leading = False

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

    async def read(
        self, work: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``work(connection, *args, **kwargs)`` on the read-only connection (which
        sees every committed write), in one trip to the reader's thread."""
        self._read_trips += 1
        try:
            return await self._reader.run_again_if_lost(work, *args, **kwargs)
        except Exception as exc:
            if self._reader.connection_lost:
                log.error("database unreachable for a read: %s", exc)
                raise DatabaseUnreachable(commit_unknown=False) from exc
            raise

    async def read_brief(
        self, work: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``read`` for a query of a few rows found by key (one member's streak). A
        database that can (SQLite) runs it on the event loop's own thread, on a
        read-only connection kept for that, as a bare bot with ``sqlite3`` would: for
        such a query the trip to the reader's thread and back costs more than the
        query. Only for reads that take well under a millisecond as a rule and a few
        tens of milliseconds at worst (they can block the event loop that long)."""
        here = self._reader_here()
        if here is None:
            return await self.read(work, *args, **kwargs)
        return work(here, *args, **kwargs)

    def _reader_here(self) -> Any:
        """A read-only connection the event loop's thread may use, if this database
        keeps one (None: reads go to the reader's thread)."""
        return None

    async def write(
        self, work: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``work(connection, *args, **kwargs)`` as one write transaction, run whole in
        the writer's thread and committed before this returns; rolled back if it
        raises. Storage failures a member should hear about (disk full, read-only
        file, locked too long) surface as ``StorageUnavailable``.

        Group commit: works that arrive while the writer is busy are run together
        (up to ``GROUP_COMMIT_LIMIT`` at a time, first come first served), each
        inside its own savepoint (a work that raises is rolled back alone and
        its caller gets the error), and committed with one fsync; nobody's call
        returns before that commit.
        """
        return await self._queue_write(_bound(work, args, kwargs), brief=False)

    async def write_brief(
        self, work: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``write`` for a transaction of a few statements on a few rows (one
        member's check-in). While only brief writes are waiting, a database that
        can (SQLite, when no other process holds its write lock) runs them on the
        event loop's own thread, as a bare bot with ``sqlite3`` would, committed
        together as ``write`` commits a group, but at most ``LOOP_COMMIT_SECONDS`` of
        them per commit: for such transactions the trip to the writer's thread and
        back costs more than they do, and the writer's thread would contend with
        the loop for the interpreter lock at every statement. The first brief write
        in line waits one turn of the loop for others to join it; still alone, it is
        committed in its caller's own task (no committer task, and no turn of the
        loop for its answer: about 70 us of a lone check-in). Otherwise they go to
        the writer's thread, as ``write`` does. Only for transactions that take well
        under a millisecond as a rule and a few tens of milliseconds at worst (they
        can block the event loop that long); anything longer (a whole community, a
        member's export) uses ``write``."""
        return await self._queue_write(_bound(work, args, kwargs), brief=True)

    async def _queue_write(self, work: Callable[[Connection], T], *, brief: bool) -> T:
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        waiting = _WaitingWork(work, future, brief)
        self._waiting_works.append(waiting)
        if self._committing():
            return await future
        if brief and len(self._waiting_works) == 1 and not self._write_lock.locked():
            # First in line: let what arrives in this turn of the event loop (a burst
            # of check-ins) queue up; still alone then, it is committed right here,
            # without the committer task and the turn of the loop its answer takes.
            self._leading = True
            try:
                await asyncio.sleep(0)
            except BaseException:
                self._leading = False
                self._start_committer()  # for those who joined (and this work)
                raise
            self._leading = False
            if self._waiting_works == [waiting] and not self._write_lock.locked():
                self._waiting_works.clear()
                committed = self._commit_alone_here(work)
                if committed is not None:
                    return committed[0]
                self._waiting_works.insert(0, waiting)  # for the writer's thread
        self._start_committer()
        return await future

    def _committing(self) -> bool:
        """Whether queued works will be committed without another call's help."""
        return self._leading or (
            self._group_committer is not None and not self._group_committer.done())

    def _start_committer(self) -> None:
        if not self._committing():
            self._group_committer = asyncio.create_task(self._commit_waiting_works())

    def _commit_alone_here(self, work: Callable[[Connection], T]) -> tuple[T] | None:
        """``work`` committed by ``_commit_here`` (its result in a 1-tuple, or its
        error raised as a queued write's would be), or None when it cannot be."""
        try:
            outcomes = self._commit_here([work])
        except Exception as exc:  # the commit itself failed: nothing was stored
            self._writes += 1
            translated = self._for_caller(exc)
            if translated is exc:
                raise
            raise translated from exc
        if outcomes is None:
            return None
        self._writes += 1
        value, error = outcomes[0]
        if error is not None:
            raise self._for_caller(error)
        return (value,)

    def _commit_here(
        self, works: list[Callable[[Connection], Any]]
    ) -> list[tuple[Any, Exception | None]] | None:
        """Commit ``works`` on the calling (event loop) thread, if this database can
        do so without waiting, as many as ``LOOP_COMMIT_SECONDS`` allows (their
        outcomes, in order; the rest wait for the next commit); None when it cannot
        (the writer's thread commits them all)."""
        return None

    async def _on_writer_thread(self, work: Callable[..., T], *args: Any) -> T:
        """``work(connection, *args)`` in the writer's thread (the write lock held),
        once more on a new connection if the first was lost before its COMMIT."""
        return await self._writer.run_again_if_lost(work, *args)

    async def _commit_waiting_works(self) -> None:
        while self._waiting_works:
            async with self._write_lock:
                batch = self._waiting_works[:GROUP_COMMIT_LIMIT]
                del self._waiting_works[:GROUP_COMMIT_LIMIT]
                works = [waiting.work for waiting in batch]
                try:
                    all_brief = all(waiting.brief for waiting in batch)
                    outcomes = self._commit_here(works) if all_brief else None
                    if outcomes is None:
                        self._write_trips += 1
                        outcomes = await self._on_writer_thread(commit_group, works)
                    elif len(outcomes) < len(batch):  # the loop's time ran out:
                        self._waiting_works[:0] = batch[len(outcomes):]  # next commit
                        batch = batch[:len(outcomes)]
                except BaseException as exc:  # the commit itself failed: nothing was stored
                    for waiting in batch:
                        if not waiting.future.done():
                            waiting.future.set_exception(self._for_caller(exc))
                    if not isinstance(exc, Exception):
                        raise
                    continue
                finally:
                    # Counted before any caller hears back (see ``writes``).
                    self._writes += 1
            for waiting, (value, error) in zip(batch, outcomes, strict=True):
                future = waiting.future
                if future.done():  # the caller gave up waiting; its work is stored anyway
                    continue
                if error is None:
                    future.set_result(value)
                else:
                    future.set_exception(self._for_caller(error))

    async def backup(self, destination: Path) -> None:
        """Copy the live database to the SQLite file ``destination``."""
        raise NotImplementedError

    async def integrity_check(self) -> str:
        """The database's own check of every page and index: ``"ok"`` when sound."""
        raise NotImplementedError

    async def quick_check(self) -> str:
        """The cheap form of ``integrity_check`` (``"ok"`` when sound), run at start
        so a damaged database is not served."""
        raise NotImplementedError

    async def schema_version(self) -> int:
        """The number of the last migration applied."""
        raise NotImplementedError

    def _for_caller(self, exc: BaseException) -> BaseException:
        """What a caller of ``write`` is raised: storage failures a member should hear
        about as ``StorageUnavailable``, anything else as it is."""
        return exc

    async def close(self) -> None:
        """Close both connections and their threads (waits for running and waiting
        transactions); closing again does nothing."""
        if self._group_committer is not None:
            await asyncio.gather(self._group_committer, return_exceptions=True)
        async with self._write_lock:
            await self._reader.close()
            await self._writer.close()


class _WaitingWork(NamedTuple):
    """A ``write`` waiting for its commit: the work, the caller's future, and
    whether it may run on the event loop (``write_brief``)."""

    work: Callable[[Connection], Any]
    future: asyncio.Future[Any]
    brief: bool


class Worker:
    """One connection and the one thread that uses it. A connection the driver
    reports lost (``broken``: a Postgres server restarted or dropped it) is
    replaced by a new one before the next work runs."""

    def __init__(self, executor: ThreadPoolExecutor,
                 connect: Callable[[], Any] | None = None) -> None:
        self._executor = executor
        self._connect = connect
        self._conn: Any = None
        self._closed = False

    @classmethod
    async def start(
        cls, name: str, connect: Callable[..., Any], *args: Any, opened: list[Worker]
    ) -> Worker:
        """A worker whose connection ``connect(*args)`` made in its own thread; added
        to ``opened`` as soon as its thread exists (so the caller can close it if a
        later step fails)."""
        worker = cls(ThreadPoolExecutor(max_workers=1, thread_name_prefix=name),
                     functools.partial(connect, *args))
        opened.append(worker)
        worker._conn = await worker._call(connect, *args)
        return worker

    async def _call(self, work: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, work, *args)

    @property
    def connection(self) -> Any:
        """The worker's connection, for a caller that uses it while the worker's
        thread is known to be idle (``Database._commit_here``)."""
        assert self._conn is not None
        return self._conn

    @property
    def connection_lost(self) -> bool:
        """Whether the driver found the connection broken (the next work reconnects)."""
        return bool(getattr(self._conn, "broken", False))

    @property
    def lost_during_commit(self) -> bool:
        """Whether the connection was lost while a COMMIT was on its way."""
        return bool(getattr(self._conn, "lost_during_commit", False))

    async def run(
        self,
        work: Callable[Concatenate[Any, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """``work(connection, ...)`` in this worker's thread."""
        assert self._conn is not None
        return await self._call(functools.partial(self._on_live_connection, work, *args, **kwargs))

    async def run_again_if_lost(
        self,
        work: Callable[Concatenate[Any, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """``run``, and once more, on a new connection, if the connection was lost
        under the work (a server restart). The server rolled back whatever the work
        had begun, unless the connection was lost during its COMMIT: whether that
        landed cannot be known, so such a work is not repeated."""
        try:
            return await self.run(work, *args, **kwargs)
        except Exception:
            if not self.connection_lost or self.lost_during_commit:
                raise
        log.warning("database connection lost under a query; running it again")
        return await self.run(work, *args, **kwargs)

    def _on_live_connection(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self.connection_lost and self._connect is not None:
            self._reconnect()
        return work(self._conn, *args, **kwargs)

    def _reconnect(self) -> None:
        """Replace the lost connection (in the worker's thread); if the server does
        not answer, the old one stays, still lost, and the caller hears why."""
        assert self._connect is not None
        fresh = self._connect()
        try:
            self._conn.close()
        except Exception:  # it is gone already; closing only frees what is left
            log.debug("closing a lost connection failed", exc_info=True)
        self._conn = fresh
        log.warning("database connection was lost; reconnected")

    async def close(self) -> None:
        if self._closed:  # a second close (a shutdown path and a test's fixture) is a no-op
            return
        self._closed = True
        try:
            if self._conn is not None:
                await self._call(self._conn.close)
        finally:
            self._executor.shutdown(wait=True)


def _bound(work: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]
           ) -> Callable[[Connection], T]:
    """``work`` with its arguments after the connection."""
    def bound(conn: Connection) -> T:
        return work(conn, *args, **kwargs)
    return bound


async def close_all(workers: list[Worker]) -> None:
    for worker in reversed(workers):
        try:
            await worker.close()
        except Exception:  # closing after a failed open; the open's error is the one to report
            log.debug("closing a half-opened connection failed", exc_info=True)


def commit_group(
    conn: Any, works: list[Callable[[Connection], Any]], *, begun: bool = False,
    time_limit: float | None = None,
) -> list[tuple[Any, Exception | None]]:
    """Run ``works`` in one transaction, each in a savepoint of its own, and commit
    once; returns each work's (result, error). An error after which SQLite has
    rolled back the whole transaction (a full disk) fails only that work: the
    others are run again in a new transaction. ``conn`` is the driver's connection
    (it tells whether a transaction is open); ``begun``: the caller has begun the
    first transaction. ``time_limit`` (seconds): once the works run so far took
    that long, the rest are left out (the first is always run) and the outcomes
    returned are those of the first works only, in order."""
    if len(works) == 1:
        return [_commit_alone(conn, works[0], begun=begun)]
    failed: dict[int, Exception] = {}
    started = time.perf_counter()
    while True:
        results: dict[int, Any] = {}
        taken = len(works)
        restart = False
        if not begun:
            conn.execute(_BEGIN[dialect_of(conn)])
        begun = False
        try:
            for index, work in enumerate(works):
                if index in failed:
                    continue
                if (time_limit is not None and index > 0
                        and time.perf_counter() - started >= time_limit):
                    taken = index
                    break
                conn.execute("SAVEPOINT work")
                try:
                    results[index] = work(conn)
                except Exception as exc:
                    failed[index] = exc
                    if not conn.in_transaction:
                        restart = True  # SQLite rolled everything back: again without it
                        break
                    conn.execute("ROLLBACK TO work")
                conn.execute("RELEASE work")
            if not restart:
                conn.execute("COMMIT")
                return [(results.get(index), failed.get(index)) for index in range(taken)]
        except BaseException:
            roll_back_quietly(conn)
            raise


def _commit_alone(
    conn: Any, work: Callable[[Connection], Any], *, begun: bool
) -> tuple[Any, Exception | None]:
    """``commit_group`` of one work: its transaction is its own, so no savepoint is
    needed (its failure rolls the transaction back)."""
    if not begun:
        conn.execute(_BEGIN[dialect_of(conn)])
    try:
        try:
            result = work(conn)
        except Exception as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            return None, exc
        conn.execute("COMMIT")
        return result, None
    except BaseException:
        roll_back_quietly(conn)
        raise


def roll_back_quietly(conn: Any) -> None:
    """Roll back the open transaction, if any; a failure is only logged (the error
    that caused the rollback is the one worth raising)."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except Exception:  # the driver's error; the rollback's cause is what matters
            log.exception("rollback failed")
