"""The real studybot Slack app (slack_bolt) connected to the fake Slack."""

from __future__ import annotations

from pathlib import Path

from bot.clock import ManualClock
from bot.core.refs import SLACK
from bot.i18n import Catalog
from bot.platform_poster import PlatformPoster
from bot.runner import open_services
from bot.services import Services
from bot.settings import Settings
from bot.slack.app import SlackFrontEnd
from bot.slack.runtime import SlackRuntime, build_front_end
from tests.helpers.fakes.slack import FakeSlack


class SlackBot:
    """studybot's Slack front end running against one fake Slack and one database."""

    def __init__(self, fake: FakeSlack, settings: Settings, clock: ManualClock) -> None:
        self.fake = fake
        self.settings = settings
        self.clock = clock
        self._services: Services | None = None
        self._runtime: SlackRuntime | None = None

    @property
    def services(self) -> Services:
        assert self._services is not None, "the bot is not running"
        return self._services

    @property
    def front(self) -> SlackFrontEnd:
        assert self._runtime is not None, "the bot is not running"
        return self._runtime.front

    @property
    def texts(self) -> Catalog:
        """The catalog as Slack members read it (Slack's command names and words)."""
        return self.front.texts

    @property
    def runtime(self) -> SlackRuntime:
        assert self._runtime is not None, "the bot is not running"
        return self._runtime

    async def start(self) -> None:
        self._services = await open_services(self.settings, self.clock)
        try:
            front = build_front_end(self._services, self.settings)
            self._runtime = SlackRuntime(front, self.settings, host="127.0.0.1", port=0)
            await self._runtime.start()
            # As ``run_platforms`` does: the scheduler posts through the platform router.
            await self._services.schedules.start(PlatformPoster({SLACK: front.poster}))
            if self.settings.slack_mode == "socket":
                await self.fake.socket.wait_connected()
        except BaseException:
            await self._services.close()
            raise

    async def stop(self) -> None:
        if self._services is not None:
            await self._services.schedules.shutdown()
        if self._runtime is not None:
            await self._runtime.close()
            self._runtime = None
        if self._services is not None:
            await self._services.close()
            self._services = None


def slack_settings_for(fake: FakeSlack, data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": data_dir,
        "heartbeat_seconds": 3600,
        "slack_api_url": fake.api_url,
        "slack_bot_token": fake.bot_token,
        "slack_app_token": fake.app_token,
        "slack_signing_secret": fake.signing_secret,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]
