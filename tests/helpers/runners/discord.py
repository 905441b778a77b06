"""The real studybot, started against the fake Discord with a temporary database
(the ``studybot`` fixture in ``tests/system/conftest.py``)."""

from __future__ import annotations

from bot.clock import ManualClock
from bot.discord_app.client import StudyBot
from bot.runner import open_services, start_discord_schedules
from bot.services import Services
from bot.settings import Settings
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.fakes.discord.client import ClientHandle


class QuickStudyBot(StudyBot):
    """studybot without discord.py's 5 s pause before re-identifying after an invalid
    session (a gateway rate-limit courtesy that only slows the tests down)."""

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None


class BotRunner:
    """Starts, stops and restarts studybot against one fake Discord and one database
    file, the way a real process would after a crash or deploy."""

    def __init__(self, fake: FakeDiscord, settings: Settings, clock: ManualClock) -> None:
        self.fake = fake
        self.settings = settings
        self.clock = clock
        self._handle: ClientHandle | None = None
        self._services: Services | None = None

    @property
    def bot(self) -> StudyBot:
        assert self._handle is not None, "the bot is not running"
        client = self._handle.client
        assert isinstance(client, StudyBot)
        return client

    @property
    def services(self) -> Services:
        assert self._services is not None, "the bot is not running"
        return self._services

    async def start(self) -> StudyBot:
        """Open the database, build the services and log the bot in; wait for ready."""
        self._services = await open_services(self.settings, self.clock)
        client = QuickStudyBot(self._services, guild_ready_timeout=0.05)
        try:
            await start_discord_schedules(client)  # as the runner does
            self._handle = await self.fake.run_client(client)
        except BaseException:
            await self._services.close()
            raise
        return client

    async def stop(self) -> None:
        """Close the bot and the database, as a clean shutdown does."""
        if self._handle is not None:
            await self._handle.close()
            self._handle = None
        if self._services is not None:
            await self._services.close()
            self._services = None

    async def restart(self) -> StudyBot:
        await self.stop()
        return await self.start()
