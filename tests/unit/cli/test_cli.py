"""The studybot command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def test_run_without_token_exits_with_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path))
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "DISCORD_TOKEN" in err[0] and "Creating the Discord application" in err[0]


def test_invalid_setting_fails_before_anything_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STUDYBOT_TIMEZONE", "Nowhere/Land")
    assert main(["db", "migrate"]) == 2
    assert "STUDYBOT_TIMEZONE" in capsys.readouterr().err


def test_migrate_backup_and_health(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path))
    assert main(["db", "migrate"]) == 0
    assert "schema version" in capsys.readouterr().out
    assert main(["db", "backup", str(tmp_path / "copy.sqlite3")]) == 0
    assert "integrity_check: ok" in capsys.readouterr().out
    assert main(["health"]) == 1, "no heartbeat yet means unhealthy"
    (tmp_path / "heartbeat").write_text("2000-01-01T00:00:00+00:00", encoding="utf-8")
    assert main(["health"]) == 1, "a stale heartbeat means unhealthy"
    from datetime import UTC, datetime

    (tmp_path / "heartbeat").write_text(datetime.now(UTC).isoformat(), encoding="utf-8")
    assert main(["health"]) == 0
