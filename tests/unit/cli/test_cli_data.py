"""``studybot data ...``: the operator's export, deletion and purge."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import ManualClock
from bot.core.refs import MemberRef
from bot.runner import open_services
from bot.settings import Settings
from tests.helpers.refs import GUILD


async def seed(data_dir: Path) -> None:
    services = await open_services(Settings(data_dir=data_dir),
                                   ManualClock(datetime(2026, 11, 23, 12, tzinfo=UTC)))
    try:
        await services.streaks.check_in(MemberRef(GUILD, "42"), "minji", "ResNet", "good")
        await services.streaks.check_in(MemberRef(GUILD, "43"), "alex")
    finally:
        await services.close()


def count(data_dir: Path, sql: str) -> int:
    with sqlite3.connect(data_dir / "studybot.sqlite3") as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_export_delete_and_purge_from_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path))
    asyncio.run(seed(tmp_path))
    out = tmp_path / "export"
    assert main(["data", "export-member", "9001", "42", "--output", str(out)]) == 0
    document = json.loads((out / "studybot-data-9001-42.json").read_text(encoding="utf-8"))
    assert document["tables"]["streak_checkins"][0]["paper"] == "ResNet"
    assert (out / "studybot-data-9001-42-csv.zip").exists()
    assert main(["data", "export-member", "9001", "999"]) == 1
    assert "nothing is stored about member 999" in capsys.readouterr().err

    assert main(["data", "delete-member", "9001", "42"]) == 1, "not without --yes"
    assert count(tmp_path, "SELECT count(*) FROM members WHERE external_id = '42'") == 1
    assert main(["data", "delete-member", "9001", "42", "--yes"]) == 0
    assert count(tmp_path, "SELECT count(*) FROM members WHERE external_id = '42'") == 0
    assert count(tmp_path, "SELECT count(*) FROM privacy_audit WHERE requested_by = "
                           "'operator'") == 1

    assert main(["data", "purge-guild", "9001"]) == 1
    assert "--yes" in capsys.readouterr().err
    assert count(tmp_path, "SELECT count(*) FROM communities") == 1
    assert main(["data", "purge-guild", "9001", "--yes"]) == 0
    assert count(tmp_path, "SELECT count(*) FROM communities") == 0
    assert count(tmp_path, "SELECT count(*) FROM streak_checkins") == 0
    assert main(["data", "purge-guild", "9001", "--yes"]) == 1
    assert "nothing is stored" in capsys.readouterr().err


def test_privacy_md_command_writes_the_notice(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path))
    target = tmp_path / "PRIVACY.md"
    assert main(["data", "privacy-md", "--output", str(target)]) == 0
    assert "## Export and deletion" in target.read_text(encoding="utf-8")
