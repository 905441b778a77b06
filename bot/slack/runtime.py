"""Connecting the Slack front end: Socket Mode (default) or HTTP mode.

Tokens come from the settings (environment only) and are handed to the Slack
clients and nowhere else; error messages name the variable, never its value.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.services import Services
from bot.settings import Settings
from bot.slack.app import SlackFrontEnd

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
README_SECTION = "README.md, section 'Running on Slack'"
# slack_sdk's own limit for one request to Slack.
SLACK_REQUEST_SECONDS = 30.0


class SlackStartError(Exception):
    """Slack cannot be served with these settings; the message says what to fix."""


def missing_slack_settings(settings: Settings) -> list[str]:
    """The environment variables Slack still needs in the configured mode."""
    missing = []
    if settings.slack_bot_token is None:
        missing.append("SLACK_BOT_TOKEN")
    if settings.slack_mode == "socket" and settings.slack_app_token is None:
        missing.append("SLACK_APP_TOKEN")
    if settings.slack_mode == "http" and settings.slack_signing_secret is None:
        missing.append("SLACK_SIGNING_SECRET")
    return missing


def build_front_end(services: Services, settings: Settings) -> SlackFrontEnd:
    """The Slack app for these settings (tokens checked by ``missing_slack_settings``)."""
    assert settings.slack_bot_token is not None
    client = AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(), base_url=settings.slack_api_url
    )
    secret = (
        settings.slack_signing_secret.get_secret_value()
        if settings.slack_mode == "http" and settings.slack_signing_secret
        else None
    )
    return SlackFrontEnd(services, client, signing_secret=secret)


class SlackRuntime:
    """Runs one ``SlackFrontEnd`` until ``close``."""

    def __init__(
        self,
        front: SlackFrontEnd,
        settings: Settings,
        *,
        heartbeat_file: Path | None = None,
        host: str = "0.0.0.0",
        port: int | None = None,
    ) -> None:
        """``port`` overrides the setting (0: any free port, for tests)."""
        self.front = front
        self.mode = settings.slack_mode
        self.port = settings.slack_port if port is None else port
        self.host = host
        self._app_token = (
            settings.slack_app_token.get_secret_value() if settings.slack_app_token else None
        )
        self._heartbeat_file = heartbeat_file
        self._heartbeat_seconds = settings.heartbeat_seconds
        self._handler: AsyncSocketModeHandler | None = None
        self._web: web.AppRunner | None = None
        self._beat: asyncio.Task[None] | None = None
        self._http: aiohttp.ClientSession | None = None
        self.team_id: str | None = None

    async def start(self) -> None:
        """Open the connections to Slack, check the bot token, then connect (Socket
        Mode) or listen (HTTP mode)."""
        self._http = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=SLACK_REQUEST_SECONDS))
        self.front.send_through(self._http)
        client = self.front.client
        try:
            identity = await client.auth_test()
        except SlackApiError as exc:
            raise SlackStartError(
                f"Slack refused SLACK_BOT_TOKEN ({exc.response.get('error')}); create the "
                f"app as described in {README_SECTION}"
            ) from None
        self.team_id = str(identity.get("team_id"))
        if self.mode == "socket":
            await self._connect_socket_mode()
        else:
            await self._serve_http()
        log.info("serving Slack workspace %s (%s mode)", self.team_id, self.mode)
        if self._heartbeat_file is not None:
            self._beat = asyncio.create_task(self._heartbeat(self._heartbeat_file))

    async def _connect_socket_mode(self) -> None:
        assert self._app_token is not None
        try:
            # Checked here so a wrong app token fails the start instead of retrying forever.
            opened = await self.front.client.apps_connections_open(app_token=self._app_token)
        except SlackApiError as exc:
            raise SlackStartError(
                f"Slack refused SLACK_APP_TOKEN ({exc.response.get('error')}); it needs the "
                f"connections:write scope, see {README_SECTION}"
            ) from None
        handler = AsyncSocketModeHandler(
            self.front.app, self._app_token, web_client=self.front.client
        )
        handler.client.wss_uri = str(opened.get("url"))
        await handler.connect_async()
        self._handler = handler

    async def _serve_http(self) -> None:
        runner = web.AppRunner(
            self.front.app.web_app(path=EVENTS_PATH, port=self.port),
            handle_signals=False,
            access_log=None,
        )
        await runner.setup()
        await web.TCPSite(runner, self.host, self.port).start()
        self._web = runner
        if self.port == 0:
            self.port = runner.addresses[0][1]

    @property
    def url(self) -> str:
        """Where HTTP mode listens (the Request URL to give Slack, behind your proxy)."""
        return f"http://{self.host}:{self.port}{EVENTS_PATH}"

    async def is_connected(self) -> bool:
        if self._handler is not None:
            return bool(await self._handler.client.is_connected())
        return self._web is not None

    async def close(self) -> None:
        """Stop taking requests, let running work finish, disconnect."""
        if self._beat is not None:
            self._beat.cancel()
        if self._handler is not None:
            # close, not disconnect: a disconnected client would reconnect by itself.
            await self._handler.close_async()
            self._handler = None
        if self._web is not None:
            await self._web.shutdown()
        await self.front.drain()
        if self._web is not None:
            await self._web.cleanup()
            self._web = None
        if self._http is not None:  # after the work that answers through it
            await self._http.close()
            self._http = None

    async def _heartbeat(self, path: Path) -> None:
        """Touch the heartbeat file while connected (read by ``studybot health``)."""
        while True:
            if await self.is_connected():
                stamp = self.front.services.clock.now().isoformat()
                await asyncio.to_thread(_write, path, stamp)
            await asyncio.sleep(self._heartbeat_seconds)


def _write(path: Path, stamp: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(stamp, encoding="utf-8")
