"""The connection every storage function takes, as a small protocol.

Storage functions are plain synchronous functions of a ``Connection``; ``Database``
runs them on its own thread (``await db.read(fn, ...)``, ``await db.write(fn, ...)``).
Services name this type, never a driver's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, overload

Params = Sequence[Any] | Mapping[str, Any]


class Row(Protocol):
    """One result row, by position or by column name."""

    @overload
    def __getitem__(self, key: int | str, /) -> Any: ...

    @overload
    def __getitem__(self, key: slice, /) -> tuple[Any, ...]: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...

    def keys(self) -> list[str]: ...


class Cursor(Protocol):
    """What a statement returns: its rows, how many rows it changed, the new row's id."""

    @property
    def rowcount(self) -> int: ...

    @property
    def lastrowid(self) -> int | None: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """A connection inside one ``Database`` call (a transaction for ``write``)."""

    def execute(self, sql: str, parameters: Params = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Params], /) -> Cursor: ...
