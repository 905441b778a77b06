"""Defect 10: a start that cannot succeed ends in one line and its own exit status
(README, "Exit codes"), never a traceback: a token Discord refuses, Discord out of
reach, a full disk on the first start, a --config file nested too deeply."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.process import assert_one_line, mounted, run_studybot, studybot_env

SETTINGS_EXIT, DISK_FULL_EXIT, TOKEN_REFUSED_EXIT, UNREACHABLE_EXIT = 2, 4, 5, 6


async def test_a_token_discord_refuses(tmp_path: Path, fake_discord: FakeDiscord) -> None:
    fake_discord.fail_next("GET", r"/users/@me$", 401,
                           body={"message": "401: Unauthorized", "code": 0})
    env = studybot_env(tmp_path, {"DISCORD_TOKEN": "not-the-token"})
    finished = await run_studybot(["run"], env, base_url=fake_discord.base_url, cwd=tmp_path)
    assert_one_line(finished, TOKEN_REFUSED_EXIT, "Discord refused DISCORD_TOKEN")
    assert "not-the-token" not in finished.stderr


async def test_discord_out_of_reach(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = studybot_env(tmp_path, {"DISCORD_TOKEN": "fake-token"})
    finished = await run_studybot(
        ["run"], env, base_url=f"http://127.0.0.1:{port}", cwd=tmp_path)
    assert_one_line(finished, UNREACHABLE_EXIT, "cannot reach Discord")


async def test_a_full_disk_on_the_first_start(
    tmp_path: Path, fake_discord: FakeDiscord
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    env = studybot_env(data, {"DISCORD_TOKEN": "fake-token"})
    finished = await run_studybot(
        ["run"], env, base_url=fake_discord.base_url, cwd=tmp_path,
        wrapper=mounted("full", data))
    assert_one_line(finished, DISK_FULL_EXIT, str(data / "studybot.sqlite3"), "disk is full")
    assert not fake_discord.requests


async def test_a_config_file_nested_too_deeply(tmp_path: Path) -> None:
    config = tmp_path / "studybot.yaml"
    config.write_text("timezone: " + "[" * 20_000 + "]" * 20_000 + "\n")
    finished = await run_studybot(
        ["--config", str(config), "health"], studybot_env(tmp_path), cwd=tmp_path)
    assert_one_line(finished, SETTINGS_EXIT, str(config), "nested too deeply")


async def test_a_slack_token_slack_refuses(tmp_path: Path) -> None:
    from tests.helpers.fakes.slack import FakeSlack
    from tests.helpers.fakes.slack.fake import build_default_workspace

    fake = FakeSlack()
    build_default_workspace(fake)
    await fake.start()
    try:
        env = studybot_env(tmp_path, {
            "SLACK_BOT_TOKEN": "xoxb-not-the-token", "SLACK_APP_TOKEN": fake.app_token,
            "STUDYBOT_SLACK_API_URL": fake.api_url,
        })
        finished = await run_studybot(["run", "--platform", "slack"], env, cwd=tmp_path)
    finally:
        await fake.stop()
    # stdout carries slack_bolt's own warning that SLACK_BOT_TOKEN in the environment is
    # unused (the app is given a client); the failure itself is one line on stderr.
    assert finished.returncode == TOKEN_REFUSED_EXIT, finished.stderr
    assert "Traceback" not in finished.stderr + finished.stdout
    [line] = finished.stderr_lines
    assert "Slack refused SLACK_BOT_TOKEN" in line and "xoxb-not-the-token" not in line
