# ruff: noqa: ASYNC109  -- explicit timeouts with clear AssertionErrors are part of the test API
"""``FakeDiscord``: the fake server, its state, and the test-facing actions."""

from __future__ import annotations

import asyncio
import re
import secrets
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yarl
from aiohttp import web

from .gateway import GUILD_SCHEDULED_EVENTS_INTENT, GUILDS_INTENT, Gateway
from .http_util import Fault, Hold, RecordedRequest, json_response
from .interactions import (
    APPLICATION_COMMAND,
    ATTACHMENT_SIZE_LIMIT,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL,
    MODAL_SUBMIT,
    InteractionReply,
    OptionBuilder,
    modal_submit_components,
)
from .models import (
    BOT_PERMISSIONS,
    DM,
    EVERYONE_PERMISSIONS,
    FIRST_SNOWFLAKE,
    MANAGE_GUILD,
    VOICE,
    FakeChannel,
    FakeFile,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    FakeUser,
    Registry,
    attachment_payload,
    perm_value,
)
from .ratelimits import RateLimiter, RateLimitPolicy
from .rest import RestApi

if TYPE_CHECKING:
    import discord
    import pytest

    from .client import ClientHandle

MessageRef = InteractionReply | FakeMessage | int
MemberRef = FakeMember | int | str
ChannelRef = FakeChannel | int | str


@dataclass(eq=False)
class _RequestWaiter:
    matches: Callable[[RecordedRequest], bool]
    left: int
    future: asyncio.Future[RecordedRequest]


class FakeDiscord:
    """A fake Discord (REST under ``/api/v10`` + gateway at ``/gateway``) on 127.0.0.1.

    Typical use::

        fake = FakeDiscord()
        guild = fake.add_guild("guild")
        guild.add_channel("general")
        await fake.start()
        fake.point_client(monkeypatch)
        async with running_client(fake, bot):
            reply = await fake.slash("ping")
        await fake.stop()

    ``interaction_deadline``: seconds after which a callback is refused with 404 *Unknown
    interaction* (Discord's 3 s limit); ``None`` disables it. ``require_synced_commands``:
    refuse to invoke commands the bot never synced. ``clock``: monotonic time source used
    for the deadline and the 5-minute nonce window.
    """

    def __init__(self, bot_name: str = "studybot", *, heartbeat_interval_ms: int = 41_250,
                 interaction_deadline: float | None = 3.0, require_synced_commands: bool = False,
                 clock: Callable[[], float] = time.monotonic,
                 rate_limits: RateLimitPolicy | None = None,
                 shard_count: int = 1, max_concurrency: int = 16) -> None:
        self.registry = Registry()
        self.new_id = self.registry.new_id
        self.users = self.registry.users
        self.channels = self.registry.channels
        self.bot_user: FakeUser = self.registry.user(bot_name, bot=True)
        self.owner: FakeUser = self.registry.user("app-owner")
        self.application_id: int = self.bot_user.id
        self.guilds: dict[int, FakeGuild] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # guild id (None = global)
        self.messages: dict[int, FakeMessage] = {}
        self.nonces: dict[str, FakeMessage] = {}
        self.files: dict[int, FakeFile] = {}
        self.interactions: dict[str, InteractionReply] = {}  # by token
        self.requests: list[RecordedRequest] = []
        self.faults: list[Fault] = []
        self.holds: list[Hold] = []
        self.errors: list[str] = []  # exceptions inside the fake (answered 400); should stay []
        self.interaction_deadline = interaction_deadline
        self.require_synced_commands = require_synced_commands
        self.clock = clock
        # Discord's REST rate limits, enforced only when a policy is given.
        self.rate_limiter = RateLimiter(rate_limits, clock) if rate_limits else None
        # What /gateway/bot recommends: the shard count and how many shards may
        # IDENTIFY together (one per bucket shard_id % max_concurrency every 5 s).
        self.shard_count = shard_count
        self.max_concurrency = max_concurrency
        self.gateway = Gateway(self, heartbeat_interval_ms)
        self.rest = RestApi(self)
        self._request_waiters: list[_RequestWaiter] = []
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._restore: list[tuple[Any, str, Any]] = []

    # -- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and serve."""
        app = web.Application()
        app.router.add_route("*", "/api/v10/{tail:.*}", self.rest.handle)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/gateway-resume", self.gateway.handle)
        app.router.add_get("/attachments/{channel}/{file_id}/{name}", self._serve_file)
        app.router.add_route("*", "/{tail:.*}", self._unknown)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None,
                                     shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Close sockets, stop serving and undo ``point_client`` if it did not use monkeypatch."""
        for owner, name, value in reversed(self._restore):
            setattr(owner, name, value)
        self._restore.clear()
        for hold in self.holds:
            hold.release()
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self._port}/gateway"

    def point_client(self, monkeypatch: pytest.MonkeyPatch | None = None) -> None:
        """Point discord.py's REST base and gateway URL at this fake (process-global!).

        With ``monkeypatch`` the change is undone at test teardown, otherwise by :meth:`stop`.
        """
        import discord.gateway
        import discord.http

        targets = [(discord.http.Route, "BASE", self.api_url),
                   (discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY",
                    yarl.URL(self.gateway_url))]
        for owner, name, value in targets:
            if monkeypatch is not None:
                monkeypatch.setattr(owner, name, value)
            else:
                self._restore.append((owner, name, getattr(owner, name)))
                setattr(owner, name, value)

    async def run_client(self, client: discord.Client, *, token: str = "fake-token",
                         timeout: float = 10.0) -> ClientHandle:
        """Log ``client`` in against this fake and wait until it is ready (see ``client.py``)."""
        from .client import start_client

        return await start_client(self, client, token=token, timeout=timeout)

    # -- building state ------------------------------------------------------------------------
    def add_guild(self, name: str, *, locale: str = "en-US",
                  everyone_permissions: Any = EVERYONE_PERMISSIONS,
                  bot_permissions: Any = BOT_PERMISSIONS,
                  shard: int | None = None) -> FakeGuild:
        """Create a guild with ``@everyone`` and the bot as a member (with its managed role).
        ``shard``: its id is one Discord hands to that shard of ``shard_count``."""
        guild_id = self.new_id()
        if shard is not None:
            count = self.shard_count
            high = guild_id >> 22
            high += (shard - high) % count
            guild_id = (high << 22) | (guild_id & ((1 << 22) - 1))
        guild = FakeGuild(guild_id, name, self.owner.id, self.registry, locale)
        guild.roles[guild.id] = FakeRole(guild.id, "@everyone", perm_value(everyone_permissions))
        bot_role = guild.add_role(self.bot_user.name, bot_permissions, managed=True)
        guild.add_member(self.bot_user, [bot_role])
        self.guilds[guild.id] = guild
        return guild

    def guild(self, key: int | str | None = None) -> FakeGuild:
        """Guild by id or name; the first guild when ``key`` is None."""
        for guild in self.guilds.values():
            if key is None or key in (guild.id, guild.name):
                return guild
        raise KeyError(f"unknown guild {key!r}")

    def register_file(self, file: FakeFile) -> FakeFile:
        """Give ``file`` an id and serve it at its attachment URL."""
        if not file.id:
            file.id = self.new_id()
        self.files[file.id] = file
        return file

    def attachment_payload(self, file: FakeFile, channel_id: int = 0) -> dict[str, Any]:
        return attachment_payload(file, self.base_url, channel_id)

    def _new_message(self, target: InteractionReply | FakeChannel, body: dict[str, Any],
                     files: list[FakeFile]) -> FakeMessage:
        if isinstance(target, InteractionReply):
            payload = target.payload
            msg = FakeMessage(self.new_id(), int(payload["channel_id"]),
                              int(payload["guild_id"]), self.bot_user,
                              interaction_id=target.id, interaction=payload)
        else:
            msg = FakeMessage(self.new_id(), target.id, target.guild_id, self.bot_user)
        msg.created_at = self.clock()
        for file in files:
            self.register_file(file)
        msg.apply(body, files)
        msg.request = body
        self.messages[msg.id] = msg
        return msg

    # -- things tests change -------------------------------------------------------------------
    async def delete_channel(self, channel: ChannelRef, *, notify: bool = True) -> None:
        """Delete a channel: REST answers 404 Unknown Channel (10003).

        With ``notify`` the bot also gets CHANNEL_DELETE (as with real Discord)."""
        found = self._channel(channel)
        found.deleted = True
        if notify:
            await self.gateway.dispatch("CHANNEL_DELETE", found.payload(), found.guild_id,
                                        GUILDS_INTENT)

    async def forbid_channel(self, channel: ChannelRef, *, notify: bool = True) -> None:
        """Take view/send away from the bot: REST answers 403 Missing Permissions (50013)."""
        found = self._channel(channel)
        found.forbidden = True
        if notify:
            await self.gateway.dispatch("CHANNEL_UPDATE", found.payload(self.bot_user.id),
                                        found.guild_id, GUILDS_INTENT)

    async def delete_event(self, event_id: int | str, guild: FakeGuild | int | str | None = None,
                           *, notify: bool = True) -> None:
        """A moderator deletes a scheduled event by hand: REST then answers 404 Unknown
        Guild Scheduled Event (10070). With ``notify`` the bot gets the gateway event
        (only sent to bots with the scheduled-events intent, as on real Discord)."""
        found = self._guild(guild)
        event = found.scheduled_events.pop(int(event_id))
        if notify:
            await self.gateway.dispatch("GUILD_SCHEDULED_EVENT_DELETE", event, found.id,
                                        GUILD_SCHEDULED_EVENTS_INTENT)

    def fail_next(self, method: str, path: str, status: int = 429, *, retry_after: float = 0.05,
                  times: int = 1, body: dict[str, Any] | None = None,
                  is_global: bool = False, cloudflare: bool = False) -> Fault:
        """Answer the next ``times`` REST calls matching ``method`` (or ``"*"``) and the regex
        ``path`` (searched in the path after ``/api/v10``) with ``status``.

        429 carries ``retry_after`` plus the headers discord.py needs to sleep and retry;
        with ``cloudflare`` it lacks the ``Via`` header, which discord.py takes for a
        Cloudflare ban and does not retry (it raises ``HTTPException``).
        Note discord.py retries 500/502/504 after sleeping 1 s, 3 s, ...
        """
        fault = Fault(method.upper(), re.compile(path), status, retry_after, times, body, is_global,
                      cloudflare)
        self.faults.append(fault)
        return fault

    def hold_next(self, method: str, path: str, *, times: int = 1, skip: int = 0,
                  after_handling: bool = False) -> Hold:
        """Leave the next ``times`` REST calls matching ``method`` (or ``"*"``) and the
        regex ``path`` (after the first ``skip``) unanswered until ``release()`` (see
        ``Hold``)."""
        hold = Hold(method.upper(), re.compile(path), times, after_handling, skip)
        self.holds.append(hold)
        return hold

    async def dispatch(self, event: str, data: Any, *, guild_id: int | None = None) -> None:
        """Send a raw gateway DISPATCH (e.g. ``GUILD_MEMBER_ADD``) to the bot."""
        await self.gateway.dispatch(event, data, guild_id)

    async def drop_gateway(self, *, resume: bool = True, op7: bool = False,
                           timeout: float = 10.0) -> None:
        """Drop the gateway connection and wait until the client is back.

        ``resume=True`` closes the socket (code 4000): the client reconnects to
        ``resume_gateway_url`` and RESUMEs (missed events are replayed); with ``op7`` the
        fake sends op 7 RECONNECT instead, which also ends in a RESUME. ``resume=False``
        sends op 9 (invalid session): the client IDENTIFYs again and gets READY + GUILD_CREATE;
        discord.py sleeps 5 s before a non-initial IDENTIFY (``Client.before_identify_hook``)
        unless the client overrides that hook.
        """
        await self.gateway.drop(resume=resume, timeout=timeout, op7=op7)

    # -- inspecting what the bot did -----------------------------------------------------------
    def messages_in(self, channel: ChannelRef, *, include_interactions: bool = False,
                    include_deleted: bool = False) -> list[FakeMessage]:
        """Messages the bot posted to ``channel`` (oldest first). By default only channel posts
        (``POST /channels/{id}/messages``), not interaction responses."""
        cid = self._channel(channel).id
        return [m for m in self.messages.values() if m.channel_id == cid
                and (include_deleted or not m.deleted)
                and (include_interactions or m.interaction_id is None)]

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        """The bot's direct-message channel with ``user`` (created on first use)."""
        for channel in self.channels.values():
            if channel.recipient is user:
                return channel
        channel = FakeChannel(self.new_id(), 0, f"dm-{user.name}", DM, recipient=user)
        self.channels[channel.id] = channel
        return channel

    def direct_messages(self, user: FakeUser) -> list[FakeMessage]:
        """Messages the bot sent ``user`` directly (oldest first)."""
        cid = self.dm_channel(user).id
        return [m for m in self.messages.values() if m.channel_id == cid and not m.deleted]

    def requests_to(self, method: str, path: str) -> list[RecordedRequest]:
        """Recorded requests whose method matches (``"*"`` for any) and path matches the regex."""
        pattern = re.compile(path)
        return [r for r in self.requests if method in ("*", r.method) and pattern.search(r.path)]

    @property
    def unknown_requests(self) -> list[RecordedRequest]:
        """Requests to routes the fake does not implement (answered 404)."""
        return [r for r in self.requests if r.unknown]

    def registered_commands(self, guild: FakeGuild | int | None = None) -> list[dict[str, Any]]:
        """Commands the bot synced globally (``guild=None``) or to ``guild``."""
        key = guild.id if isinstance(guild, FakeGuild) else guild
        return self.commands.get(key, [])

    async def wait_for_request(self, method: str, path: str, *, count: int = 1,
                               timeout: float = 5.0) -> RecordedRequest:
        """Wait until ``count`` answered requests match; return the ``count``-th one."""
        pattern = re.compile(path)

        def matches(r: RecordedRequest) -> bool:
            return method in ("*", r.method) and bool(pattern.search(r.path))

        done = [r for r in self.requests if r.status and matches(r)]
        if len(done) >= count:
            return done[count - 1]
        waiter = _RequestWaiter(matches, count - len(done),
                                asyncio.get_running_loop().create_future())
        self._request_waiters.append(waiter)
        try:
            async with asyncio.timeout(timeout):
                return await waiter.future
        except TimeoutError:
            raise AssertionError(f"timed out after {timeout}s waiting for {count} x {method} "
                                 f"{path}; got {count - waiter.left}") from None
        finally:
            self._request_waiters.remove(waiter)

    def _request_done(self, rec: RecordedRequest) -> None:
        for waiter in self._request_waiters:
            if waiter.matches(rec):
                waiter.left -= 1
                if waiter.left <= 0 and not waiter.future.done():
                    waiter.future.set_result(rec)

    # -- interactions --------------------------------------------------------------------------
    async def slash(self, command: str | Sequence[str], options: Mapping[str, Any] | None = None,
                    *, user: MemberRef | None = None, guild: FakeGuild | int | str | None = None,
                    channel: ChannelRef | None = None, locale: str = "en-US",
                    timeout: float = 5.0, wait_followup: bool = True) -> InteractionReply:
        """Invoke a slash command and wait for the bot's answer.

        ``command`` is ``"name"``, ``"group sub"`` or ``("group", "sub")``. ``options`` maps
        option names to values: str/int/float/bool, :class:`FakeMember`, :class:`FakeRole`,
        :class:`FakeChannel` (resolved data is added) or :class:`FakeFile` (attachment).
        Option types come from the synced command when there is one. After a "thinking"
        deferral (type 5) it also waits for the first follow-up or edit unless
        ``wait_followup=False``; a type 6 ack returns at once (use ``wait_for_request``).
        """
        data = self._command_data(command, options or {}, None, guild)
        return await self._interact(APPLICATION_COMMAND, data, guild, channel, user, locale,
                                    None, timeout, wait_followup)

    async def autocomplete(self, command: str | Sequence[str], focused: str, value: Any = "",
                           options: Mapping[str, Any] | None = None, *,
                           user: MemberRef | None = None,
                           guild: FakeGuild | int | str | None = None,
                           channel: ChannelRef | None = None, locale: str = "en-US",
                           timeout: float = 5.0) -> list[dict[str, Any]]:
        """Send an autocomplete interaction (type 4) for option ``focused`` typed as ``value``;
        return the choices (``[{"name": ..., "value": ...}]``)."""
        data = self._command_data(command, {**(options or {}), focused: value}, focused, guild)
        data.pop("resolved", None)  # Discord sends no resolved data with autocomplete
        reply = await self._interact(AUTOCOMPLETE, data, guild, channel, user, locale, None,
                                     timeout, False)
        return reply.choices

    async def click(self, custom_id: str, *, message: MessageRef | None = None,
                    values: Sequence[Any] | None = None, user: MemberRef | None = None,
                    locale: str = "en-US", timeout: float = 5.0,
                    wait_followup: bool = True) -> InteractionReply:
        """Click a button (or choose ``values`` in a select) with ``custom_id``.

        ``message`` defaults to the newest live message holding that component; ``user``
        defaults to the member who triggered the interaction that produced the message.
        """
        msg = self._message_with(custom_id, message)
        comp = next(c for c in msg.iter_components() if c.get("custom_id") == custom_id)
        if comp.get("disabled"):
            raise AssertionError(f"component {custom_id!r} is disabled; it cannot be clicked")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": comp["type"]}
        if comp["type"] != 2:
            data["values"] = [str(getattr(v, "id", v)) for v in values or []]
        if user is None and msg.interaction is not None:
            user = int(msg.interaction["member"]["user"]["id"])
        return await self._interact(MESSAGE_COMPONENT, data, msg.guild_id, msg.channel_id, user,
                                    locale, msg, timeout, wait_followup)

    async def submit_modal(self, custom_id: str, values: Mapping[str, Any], *,
                           user: MemberRef | None = None, locale: str = "en-US",
                           timeout: float = 5.0, wait_followup: bool = True) -> InteractionReply:
        """Submit the modal ``custom_id`` the bot opened, with ``{field custom_id: value}``.

        The answer mirrors the modal's layout (action rows or labels); guild, channel and
        user default to those of the interaction that opened it.
        """
        opener = next((r for r in reversed(self.interactions.values())
                       if r.type == MODAL and r.data.get("custom_id") == custom_id), None)
        data = {"custom_id": custom_id, "components": modal_submit_components(
            None if opener is None else opener.data, values)}
        guild_id = channel_id = None
        source = None if opener is None else opener.source
        if opener is not None:
            guild_id = int(opener.payload["guild_id"])
            channel_id = int(opener.payload["channel_id"])
            user = user or int(opener.payload["member"]["user"]["id"])
        return await self._interact(MODAL_SUBMIT, data, guild_id, channel_id, user, locale,
                                    source, timeout, wait_followup)

    def _command_data(self, command: str | Sequence[str], values: Mapping[str, Any],
                      focused: str | None, guild: FakeGuild | int | str | None) -> dict[str, Any]:
        path = command.split() if isinstance(command, str) else list(command)
        target = self._guild(guild)
        schema = next((c for scope in (target.id, None) for c in self.commands.get(scope, [])
                       if c["name"] == path[0] and c.get("type", 1) == 1), None)
        if schema is None and self.require_synced_commands:
            raise AssertionError(f"/{path[0]} was never synced (PUT .../commands)")
        builder = OptionBuilder(target, self.bot_user.id, self)
        data: dict[str, Any] = {
            "id": schema["id"] if schema else str(FIRST_SNOWFLAKE + zlib.crc32(path[0].encode())),
            "name": path[0], "type": 1,
            "options": builder.build(schema, path[1:], values, focused),
        }
        if schema and "guild_id" in schema:
            data["guild_id"] = schema["guild_id"]
        if builder.resolved:
            data["resolved"] = builder.resolved
        return data

    async def _interact(self, kind: int, data: dict[str, Any], guild: Any, channel: Any,
                        user: MemberRef | None, locale: str, source: FakeMessage | None,
                        timeout: float, wait_followup: bool) -> InteractionReply:
        target = self._guild(guild)
        room = self._channel(channel, target)
        member = self._member(target, user)
        session = await self.gateway.wait_live(target.id, timeout)
        iid = self.new_id()
        bot = target.members[self.bot_user.id]
        payload: dict[str, Any] = {
            "id": str(iid), "application_id": str(self.application_id), "type": kind,
            "token": f"fake.{iid}.{secrets.token_urlsafe(12)}", "version": 1,
            "guild_id": str(target.id),
            "guild": {"id": str(target.id), "locale": target.preferred_locale, "features": []},
            "channel_id": str(room.id), "channel": room.payload(self.bot_user.id) | {
                "permissions": str(member.channel_permissions(room))},
            "member": member.payload(permissions=member.channel_permissions(room)),
            "app_permissions": str(bot.channel_permissions(room)),
            "locale": locale, "guild_locale": target.preferred_locale,
            "entitlements": [], "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": str(target.id)}, "context": 0,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT, "data": data,
        }
        if source is not None:
            payload["message"] = source.payload(self.base_url)
        reply = InteractionReply(payload, self.clock(), source)
        self.interactions[reply.token] = reply
        await self.gateway.send(session, "INTERACTION_CREATE", payload)
        waited = reply.settled if wait_followup else reply.acked
        done, _ = await asyncio.wait([waited], timeout=timeout)
        if not done:
            if not reply.acked.done():
                raise AssertionError(
                    f"timed out after {timeout}s: the bot never answered {reply.label} "
                    f"(no POST /interactions/{iid}/<token>/callback); check the bot's logs")
            raise AssertionError(f"timed out after {timeout}s: the bot deferred {reply.label} "
                                 "but sent no follow-up or edit (use wait_followup=False?)")
        return reply

    # -- lookups -------------------------------------------------------------------------------
    def _guild(self, key: FakeGuild | int | str | None) -> FakeGuild:
        return key if isinstance(key, FakeGuild) else self.guild(key)

    def _channel(self, key: ChannelRef | None, guild: FakeGuild | None = None) -> FakeChannel:
        if isinstance(key, FakeChannel):
            return key
        if key is None:
            assert guild is not None
            text = [c for c in guild.channels.values() if c.type == 0 and not c.deleted]
            if not text:
                raise AssertionError(f"guild {guild.name!r} has no text channel; pass channel=")
            return text[0]
        if isinstance(key, int) and key in self.channels:
            return self.channels[key]
        guilds = [guild] if guild else list(self.guilds.values())
        for candidate in guilds:
            try:
                return candidate.channel(key)
            except KeyError:
                continue
        raise KeyError(f"unknown channel {key!r}")

    def _member(self, guild: FakeGuild, key: MemberRef | None) -> FakeMember:
        if isinstance(key, FakeMember):
            return key
        if key is None:
            humans = [m for m in guild.members.values() if not m.user.bot]
            if not humans:
                raise AssertionError(f"guild {guild.name!r} has no member to act; add_member()")
            return humans[0]
        return guild.member(key)

    def _message_with(self, custom_id: str, ref: MessageRef | None) -> FakeMessage:
        if isinstance(ref, InteractionReply):
            ref = ref.message
        elif isinstance(ref, int):
            ref = self.messages[ref]
        candidates = [ref] if ref is not None else reversed(self.messages.values())
        for msg in candidates:
            if not msg.deleted and any(c.get("custom_id") == custom_id
                                       for c in msg.iter_components()):
                return msg
        raise AssertionError(f"no live message with a component {custom_id!r}")

    # -- extra HTTP endpoints ------------------------------------------------------------------
    async def _serve_file(self, request: web.Request) -> web.Response:
        file = self.files.get(int(request.match_info["file_id"]))
        if file is None:
            return web.Response(status=404)
        return web.Response(body=file.data,
                            content_type=file.content_type or "application/octet-stream")

    async def _unknown(self, request: web.Request) -> web.Response:
        rec = RecordedRequest(request.method, request.path, dict(request.query), None, [],
                              dict(request.headers), status=404, unknown=True)
        self.requests.append(rec)
        return json_response({"message": "404: Not Found", "code": 0}, 404)



def build_default_guild(fake: FakeDiscord) -> FakeGuild:
    """Guild ``guild``: channels ``general`` (text) and ``voice``; roles ``@everyone`` and
    ``Moderator`` (Manage Server); members ``alice`` (no special permission), ``mod``
    (role Moderator) and the bot."""
    guild = fake.add_guild("guild")
    guild.add_channel("general")
    guild.add_channel("voice", VOICE)
    moderator = guild.add_role("Moderator", MANAGE_GUILD)
    guild.add_member("alice")
    guild.add_member("mod", [moderator])
    return guild
