"""A PostgreSQL server for tests, without Docker.

``STUDYBOT_TEST_POSTGRES_URL`` names one to use (CI starts one with
``.ci/postgres``); without it a throwaway server is started for the session when
the PostgreSQL binaries are installed, and stopped afterwards (after a failure
too). With neither, the Postgres parametrisations are skipped, saying why, unless
``STUDYBOT_REQUIRE_POSTGRES=1``: then they fail. Each test gets a schema of its own.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("STUDYBOT_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _unavailable(reason: str) -> None:
    if os.environ.get("STUDYBOT_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"Postgres is required (STUDYBOT_REQUIRE_POSTGRES=1): {reason}")
    pytest.skip(f"Postgres tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a running PostgreSQL server (see the module's docstring)."""
    given = os.environ.get("STUDYBOT_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    if not (PG_BIN / "initdb").exists():
        _unavailable(f"no STUDYBOT_TEST_POSTGRES_URL and no PostgreSQL binaries in {PG_BIN} "
                     "(apt-get install -y postgresql)")
    started = subprocess.run(["bash", str(ROOT / ".ci/postgres"), "start"],
                             capture_output=True, text=True, timeout=120, check=False)
    if started.returncode != 0:
        _unavailable(f"the throwaway server did not start: {started.stderr.strip()[-500:]}")
    url = started.stdout.strip().splitlines()[-1]
    try:
        yield url
    finally:
        subprocess.run(["bash", str(ROOT / ".ci/postgres"), "stop", url.split("host=", 1)[1]],
                       capture_output=True, timeout=60, check=False)


@pytest.fixture
def postgres_schema_url(postgres_url: str) -> Iterator[str]:
    """``postgres_url`` pointed at a new, empty schema, dropped after the test."""
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in postgres_url else "?"
    try:
        yield f"{postgres_url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
