"""When no Postgres server can be had, its tests are skipped saying why, unless
``STUDYBOT_REQUIRE_POSTGRES=1`` (CI), which makes them fail."""

from __future__ import annotations

import pytest

from tests.helpers.postgres import _unavailable


def test_without_postgres_the_tests_are_skipped_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("STUDYBOT_REQUIRE_POSTGRES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no binaries here"):
        _unavailable("no binaries here")


def test_when_postgres_is_required_its_absence_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDYBOT_REQUIRE_POSTGRES", "1")
    with pytest.raises(pytest.fail.Exception, match=r"required.*no binaries here"):
        _unavailable("no binaries here")
