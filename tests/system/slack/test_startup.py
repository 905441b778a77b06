"""Starting on Slack: HTTP mode with signed requests, missing or refused tokens."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import ManualClock
from bot.core.refs import MemberRef
from bot.runner import open_services
from bot.slack.runtime import SlackRuntime, SlackStartError, build_front_end
from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.refs import TEAM
from tests.helpers.runners.slack import SlackBot, slack_settings_for

SLACK_ENV = (
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "DISCORD_TOKEN",
    "STUDYBOT_SLACK_MODE",
)


@pytest.fixture(autouse=True)
def _keep_root_logging() -> Iterator[None]:
    """``main()`` points the root logger at the (captured, later closed) stdout."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
async def http_bot(
    fake_slack: FakeSlack, tmp_path: Path, clock: ManualClock
) -> AsyncIterator[SlackBot]:
    bot = SlackBot(fake_slack, slack_settings_for(fake_slack, tmp_path, slack_mode="http"), clock)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()


async def test_http_mode_answers_signed_requests(http_bot: SlackBot, fake_slack: FakeSlack) -> None:
    result = await fake_slack.http_command(http_bot.runtime.url, "/checkin", "", user="U0ALEX")
    assert result.http_status == 200
    assert result.reply.kind == "respond"
    summary = await http_bot.services.streaks.show(MemberRef(TEAM, "U0ALEX"))
    assert summary.total_checkins == 1
    assert fake_slack.socket.connections == [], "HTTP mode opens no websocket"


@pytest.mark.parametrize("tamper", ["wrong secret", "stale timestamp"])
async def test_http_mode_refuses_a_bad_signature(
    http_bot: SlackBot, fake_slack: FakeSlack, tamper: str
) -> None:
    wrong_secret = tamper == "wrong secret"
    calls_before = len(fake_slack.calls)
    result = await fake_slack.http_command(
        http_bot.runtime.url,
        "/checkin",
        "",
        user="U0ALEX",
        responses=0,
        signing_secret="not-the-secret" if wrong_secret else None,
        timestamp=None if wrong_secret else int(time.time()) - 3600,
    )
    assert result.http_status == 401
    await http_bot.front.drain()
    assert result.deliveries == []
    assert len(fake_slack.calls) == calls_before, "not even a users.info lookup"
    summary = await http_bot.services.streaks.show(MemberRef(TEAM, "U0ALEX"))
    assert summary.total_checkins == 0


@pytest.mark.parametrize(
    ("argv", "env", "named"),
    [
        (["run", "--platform", "slack"], {}, ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"]),
        (["run", "--platform", "slack"], {"SLACK_BOT_TOKEN": "xoxb-1"}, ["SLACK_APP_TOKEN"]),
        (
            ["run", "--platform", "slack", "--slack-mode", "http"],
            {"SLACK_BOT_TOKEN": "xoxb-1"},
            ["SLACK_SIGNING_SECRET"],
        ),
        (
            ["run", "--platform", "slack"],
            {"STUDYBOT_SLACK_MODE": "http"},
            ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"],
        ),
        (
            ["run", "--platform", "discord,slack"],
            {"SLACK_APP_TOKEN": "xapp-1"},
            ["DISCORD_TOKEN", "SLACK_BOT_TOKEN"],
        ),
    ],
)
def test_missing_tokens_fail_at_start_with_one_line_naming_them(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    argv: list[str],
    env: dict[str, str],
    named: list[str],
) -> None:
    for name in SLACK_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(argv) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    for name in named:
        assert name in lines[0]
    mentioned = {
        n
        for n in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN")
        if n in lines[0]
    }
    assert mentioned == set(named), "only the missing ones are named"
    assert "Running on Slack" in lines[0]
    for name, value in env.items():
        if name.endswith(("TOKEN", "SECRET")):
            assert value not in lines[0], "a secret's value is never shown"


async def test_refused_tokens_fail_the_start_without_showing_them(
    fake_slack: FakeSlack, tmp_path: Path, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for wrong in (
        {"slack_bot_token": "xoxb-wrong-secret-value"},
        {"slack_app_token": "xapp-wrong-secret-value"},
    ):
        settings = slack_settings_for(fake_slack, tmp_path, **wrong)
        services = await open_services(settings, clock)
        runtime = SlackRuntime(build_front_end(services, settings), settings)
        try:
            with pytest.raises(SlackStartError) as raised:
                await runtime.start()
        finally:
            await runtime.close()
            await services.close()
        variable = "SLACK_BOT_TOKEN" if "slack_bot_token" in wrong else "SLACK_APP_TOKEN"
        assert variable in str(raised.value) and "invalid_auth" in str(raised.value)
        assert "wrong-secret-value" not in str(raised.value)
        assert "wrong-secret-value" not in repr(settings)
    assert "wrong-secret-value" not in caplog.text
    assert fake_slack.socket.connections == []


def test_unknown_platform_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--platform", "teams"])
    assert "discord, slack or discord,slack" in capsys.readouterr().err
