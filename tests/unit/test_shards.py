"""Which process serves what when the bot runs as several shard processes."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.core.refs import DISCORD, SLACK, CommunityRef
from bot.core.shards import ShardPlan, parse_shard_ids, shard_of
from bot.settings import SettingsError, load_settings


def guild_on(shard: int, count: int, low: int = 12345) -> int:
    guild = (shard << 22) | low
    assert shard_of(guild, count) == shard % count
    return guild


@pytest.mark.parametrize(("text", "ids"), [
    ("0-3", (0, 1, 2, 3)), ("2", (2,)), ("0,2,5", (0, 2, 5)), ("0-1, 4", (0, 1, 4)),
    ("3,1-2", (1, 2, 3)),
])
def test_shard_ids_read(text: str, ids: tuple[int, ...]) -> None:
    assert parse_shard_ids(text) == ids


@pytest.mark.parametrize("text", ["", "a", "3-1", "-1", "1-", "0-3-5", ","])
def test_bad_shard_ids_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_shard_ids(text)


def test_a_plan_owns_its_shards_guilds_and_shard_zero_the_rest() -> None:
    first = load_settings({"STUDYBOT_SHARD_COUNT": "3", "STUDYBOT_SHARDS": "0"}).shard_plan
    other = load_settings({"STUDYBOT_SHARD_COUNT": "3", "STUDYBOT_SHARDS": "1-2"}).shard_plan
    for shard in range(3):
        guild = CommunityRef(DISCORD, str(guild_on(shard, 3)))
        assert (first.owns(guild), other.owns(guild)) == (shard == 0, shard != 0)
    slack = CommunityRef(SLACK, "T123")
    assert (first.owns(slack), other.owns(slack)) == (True, False)
    assert (first.owns_guild(None), other.owns_guild(None)) == (True, False)
    forced = load_settings({"STUDYBOT_SHARD_COUNT": "3", "STUDYBOT_SHARDS": "1",
                            "STUDYBOT_UNSHARDED_WORK": "yes"}).shard_plan
    assert forced.owns(slack) and not forced.owns(CommunityRef(DISCORD, str(guild_on(0, 3))))


def test_without_shards_one_process_serves_everything() -> None:
    plan = load_settings({}).shard_plan
    assert plan == ShardPlan() and not plan.sharded
    assert plan.owns(CommunityRef(DISCORD, "987654321987654321"))
    assert plan.owns(CommunityRef(SLACK, "T1")) and plan.owns_guild(None)
    all_shards = load_settings({"STUDYBOT_SHARD_COUNT": "4"}).shard_plan
    assert all_shards.ids == (0, 1, 2, 3) and all_shards.unsharded_work


@pytest.mark.parametrize(("environ", "named"), [
    ({"STUDYBOT_SHARDS": "0-1"}, "shards needs shard_count"),
    ({"STUDYBOT_SHARD_COUNT": "2", "STUDYBOT_SHARDS": "1-2"}, "shard ids 2 are not below"),
    ({"STUDYBOT_SHARD_COUNT": "0"}, "STUDYBOT_SHARD_COUNT"),
    ({"STUDYBOT_SHARD_COUNT": "2", "STUDYBOT_SHARDS": "x"}, "STUDYBOT_SHARDS"),
])
def test_bad_shard_settings_are_named(environ: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        load_settings(environ)


def test_run_refuses_bad_shard_options_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "t")
    assert main(["run", "--shard-count", "2", "--shards", "0-2"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("studybot: settings: shard ids 2 are not below shard_count 2")
    assert len(err.splitlines()) == 1


def test_slack_alone_is_refused_away_from_shard_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--platform", "slack", "--shard-count", "2", "--shards", "1"]) == 2
    assert "Slack runs in the process that owns shard 0" in capsys.readouterr().err
