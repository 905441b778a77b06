"""``studybot export ics``: a round's calendar from the configured database."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.cli import main
from bot.cli_rounds import register
from bot.clock import ManualClock
from bot.runner import open_services
from bot.settings import Settings
from tests.helpers.refs import MOD_ACTOR as MOD


async def make_round(data_dir: Path) -> int:
    now = datetime.now(UTC)
    services = await open_services(Settings(data_dir=data_dir), ManualClock(now))
    try:
        start = (now.astimezone(ZoneInfo("Asia/Seoul")) + timedelta(days=2)).date()
        made = await services.rounds.create(
            MOD, name="CLI round", start=start.isoformat(), weeks=3, channel_id="5",
            cadence="every day 20:00")
        await services.rounds.start(MOD, None)
    finally:
        await services.close()
    return made.round.id


def test_export_ics_writes_a_parseable_calendar(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import asyncio

    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path))
    round_id = asyncio.run(make_round(tmp_path))
    target = tmp_path / "out.ics"
    assert main(["export", "ics", str(round_id), "--output", str(target), "--lang", "en"]) == 0
    assert "wrote 21 sessions of 'CLI round'" in capsys.readouterr().out
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 21
    assert all(e.decoded("dtstart").astimezone(ZoneInfo("Asia/Seoul")).hour == 20 for e in events)

    assert main(["export", "ics", "999"]) == 1
    assert "999" in capsys.readouterr().err


def test_register_shares_an_existing_export_command() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    export = commands.add_parser("export")
    other = export.add_subparsers(dest="export_command")
    other.add_parser("csv")
    register(commands)
    assert parser.parse_args(["export", "ics", "3"]).round_id == 3
    assert parser.parse_args(["export", "csv"]).export_command == "csv"
