"""Every query and every migration exists for both backends.

A query that SQLite and Postgres word differently lives under one name in
``storage/queries/sqlite.sql`` and ``storage/queries/postgres.sql``; a migration
``NNN_name.sql`` in ``storage/migrations/`` has its twin of the same number and
name in ``storage/migrations/postgres/``. Adding one without the other fails here,
saying which file needs the twin.
"""

from __future__ import annotations

import re

from storage.database import load_migrations
from storage.dialect import DIALECTS, dialect_queries


def test_every_named_query_exists_in_both_dialects() -> None:
    names = {dialect: set(dialect_queries(dialect)) for dialect in DIALECTS}
    only_sqlite = sorted(names["sqlite"] - names["postgres"])
    only_postgres = sorted(names["postgres"] - names["sqlite"])
    assert not only_sqlite, f"add to storage/queries/postgres.sql: {only_sqlite}"
    assert not only_postgres, f"add to storage/queries/sqlite.sql: {only_postgres}"
    assert "streaks.history" in names["sqlite"]  # the files were read


def test_a_query_fills_the_same_placeholders_in_both_dialects() -> None:
    sqlite, postgres = (dialect_queries(d) for d in DIALECTS)
    fields = re.compile(r"\{(\w+)\}")
    for name in sqlite:
        assert set(fields.findall(sqlite[name])) == set(fields.findall(postgres[name])), name


def test_every_migration_has_its_postgres_twin() -> None:
    sqlite = [m.name for m in load_migrations("sqlite")]
    postgres = [m.name for m in load_migrations("postgres")]
    missing = sorted(set(sqlite) - set(postgres))
    assert not missing, f"write storage/migrations/postgres/{missing[0]} (the Postgres twin)"
    extra = sorted(set(postgres) - set(sqlite))
    assert not extra, f"storage/migrations/postgres/{extra[0]} has no SQLite migration"
    assert sqlite == postgres and len(sqlite) >= 8
