# ruff: noqa: ASYNC109  -- explicit timeouts with clear AssertionErrors are part of the test API
"""``FakeSlack``: the fake server, its workspace, and the test-facing actions."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from aiohttp.typedefs import Handler

from .models import (
    Conversation,
    Delivery,
    FakeChannel,
    FakeUser,
    Fault,
    IdSource,
    UploadedFile,
    walk_elements,
)
from .socket_mode import Envelope, SocketModeServer
from .web_api import WebApi

UserKey = FakeUser | str

# Slack's deadline for an ack; the fake fails a test whose app acks later.
ACK_DEADLINE = 3.0


@dataclass
class CommandResult:
    """What happened after one slash command, click or view submission."""

    fake: FakeSlack
    conversation: Conversation
    envelope: Envelope | None = None
    http_status: int | None = None

    @property
    def ack(self) -> dict[str, Any] | None:
        """The ack's payload (None for an empty ack)."""
        return self.conversation.ack

    @property
    def ack_seconds(self) -> float | None:
        return self.envelope.ack_seconds if self.envelope is not None else None

    @property
    def deliveries(self) -> list[Delivery]:
        """Everything shown because of this event, oldest first (live list)."""
        return list(self.fake.deliveries_by_conversation.get(self.conversation.id, ()))

    def of_kind(self, *kinds: str) -> list[Delivery]:
        return [d for d in self.deliveries if d.kind in kinds]

    @property
    def reply(self) -> Delivery:
        """The first thing shown (ack payload, respond(), message, modal...)."""
        deliveries = self.deliveries
        if not deliveries:
            raise AssertionError(f"nothing was shown for {self.conversation.kind}")
        return deliveries[0]

    @property
    def text(self) -> str:
        """All texts shown for this event, joined."""
        return "\n".join(d.text for d in self.deliveries)

    async def wait(
        self, count: int = 1, *, kind: str | None = None, timeout: float = 5.0
    ) -> list[Delivery]:
        """Wait until ``count`` deliveries (of ``kind``) exist; returns them."""

        def matching() -> list[Delivery]:
            return [d for d in self.deliveries if kind is None or d.kind == kind]

        await self.fake.wait_until(
            lambda: len(matching()) >= count,
            timeout,
            f"{count} {kind or 'deliveries'} for {self.conversation.kind}",
            conversation=self.conversation.id,
        )
        return matching()


class FakeSlack:
    """A fake Slack on 127.0.0.1: the Web API under :attr:`api_url`, Socket Mode
    websockets at the URLs ``apps.connections.open`` returns, and a ``response_url``
    sink. Every call is recorded in :attr:`calls`; everything shown to members in
    :attr:`deliveries`. Bugs in the fake itself land in :attr:`errors`."""

    def __init__(
        self,
        *,
        team_id: str = "T0STUDY",
        team_name: str = "Study Group",
        bot_token: str = "xoxb-fake-bot-token",
        app_token: str = "xapp-fake-app-token",
        signing_secret: str = "fake-signing-secret",
    ) -> None:
        self.team_id = team_id
        self.team_name = team_name
        self.team_domain = "study-group"
        self.app_id = "A0STUDYBOT"
        self.bot_user_id = "U0STUDYBOT"
        self.bot_id = "B0STUDYBOT"
        self.bot_token = bot_token
        self.app_token = app_token
        self.signing_secret = signing_secret
        self.ids = IdSource()
        self.users: dict[str, FakeUser] = {}
        self.channels: dict[str, FakeChannel] = {}
        self.usergroups: dict[str, list[str]] = {}
        self._handles: dict[str, str] = {}
        self.calls: list[Any] = []
        self.deliveries: list[Delivery] = []
        # The same deliveries by conversation: waiting on one of 500 simultaneous
        # commands must not rescan every delivery each time anything happens.
        self.deliveries_by_conversation: dict[str, list[Delivery]] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}  # each member's Home tab
        self.files: dict[str, UploadedFile] = {}
        # The client end (address, port) of the TCP connection each HTTP request
        # (Web API, response_url, upload; not Socket Mode) came over, in order.
        self.http_peers: list[tuple[str, int]] = []
        self.faults: list[Fault] = []
        self.errors: list[str] = []
        self.conversations: dict[str, Conversation] = {}
        self.answered_at: dict[str, float] = {}  # first thing shown, per conversation
        self.default_user: str | None = None
        self.default_channel: str | None = None
        self.web = WebApi(self)
        self.socket = SocketModeServer(self)
        self._changed = asyncio.Event()
        self._conversation_changed: dict[str, asyncio.Event] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and serve."""
        app = web.Application(middlewares=[self._note_connection])
        app.router.add_route("*", "/api/{method}", self.web.handle)
        app.router.add_get("/socket/{ticket}", self.socket.handle)
        app.router.add_post("/response/{conversation}", self._response_url)
        app.router.add_post("/upload/{file_id}", self.web.receive_upload)
        self._runner = web.AppRunner(
            app, handle_signals=False, access_log=None, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    @web.middleware
    async def _note_connection(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.transport is not None and not request.path.startswith("/socket/"):
            self.http_peers.append(request.transport.get_extra_info("peername"))
        return await handler(request)

    async def stop(self) -> None:
        await self.socket.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """Give this to ``AsyncWebClient(base_url=...)``."""
        return self.base_url + "/api/"

    # -- building the workspace ----------------------------------------------------------------
    def add_user(self, user_id: str, name: str, **fields: Any) -> FakeUser:
        user = FakeUser(user_id, name, **fields)
        self.users[user_id] = user
        self.default_user = self.default_user or user_id
        return user

    def add_channel(self, channel_id: str, name: str, **fields: Any) -> FakeChannel:
        channel = FakeChannel(channel_id, name, **fields)
        self.channels[channel_id] = channel
        self.default_channel = self.default_channel or channel_id
        return channel

    def add_usergroup(self, group_id: str, members: list[str], handle: str | None = None) -> None:
        self.usergroups[group_id] = list(members)
        self._handles[group_id] = handle or group_id.lower()

    def usergroup_handles(self) -> dict[str, tuple[str, list[str]]]:
        return {
            gid: (self._handles.get(gid, gid.lower()), members)
            for gid, members in self.usergroups.items()
        }

    def user(self, key: UserKey | None = None) -> FakeUser:
        if isinstance(key, FakeUser):
            return key
        user_id = key or self.default_user
        if user_id not in self.users:
            raise KeyError(f"unknown user {user_id!r}")
        return self.users[user_id]

    # -- faults --------------------------------------------------------------------------------
    def fail(
        self,
        method: str,
        error: str,
        *,
        status: int = 200,
        times: int = 1,
        retry_after: int | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with ``error``. ``ratelimited``
        is answered with HTTP 429 and ``Retry-After``."""
        if error == "ratelimited" and status == 200:
            status = 429
        self.faults.append(Fault(method, error, status, retry_after, times))

    def take_fault(self, method: str) -> Fault | None:
        for fault in self.faults:
            if fault.method == method:
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    # -- recording -----------------------------------------------------------------------------
    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _notify_conversation(self, conversation: str) -> None:
        event = self._conversation_changed.pop(conversation, None)
        if event is not None:
            event.set()

    def record(self, delivery: Delivery) -> None:
        self.deliveries.append(delivery)
        if delivery.conversation is not None:
            self.deliveries_by_conversation.setdefault(delivery.conversation, []).append(delivery)
            self._notify_conversation(delivery.conversation)
            # perf_counter, like Envelope.sent_at: benchmarks measure answers with it.
            self.answered_at.setdefault(delivery.conversation, time.perf_counter())
        self.notify()

    def calls_to(self, method: str) -> list[Any]:
        return [call for call in self.calls if call.method == method]

    def messages_in(self, channel: str) -> list[Delivery]:
        """Messages posted with ``chat.postMessage`` in ``channel``, oldest first."""
        return [d for d in self.deliveries if d.kind == "message" and d.channel == channel]

    def conversation_for(self, channel: str | None) -> str | None:
        """The newest conversation in ``channel`` (for a direct message, the newest of
        that member): posts there are attributed to it."""
        if channel is None:
            return None
        dm_user = (
            "U" + channel[1:]
            if channel.startswith("D")
            else (channel if channel.startswith(("U", "W")) else None)
        )
        for conversation in reversed(self.conversations.values()):
            if conversation.channel == channel or conversation.user == dm_user:
                return conversation.id
        return None

    def conversation_by_trigger(self, trigger_id: str) -> Conversation | None:
        return next((c for c in self.conversations.values() if c.trigger_id == trigger_id), None)

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float = 5.0, what: str = "condition",
        *, conversation: str | None = None,
    ) -> None:
        """Wait until ``predicate()`` holds. With ``conversation``, the predicate looks
        at that conversation's deliveries only and is checked when one arrives (so
        500 waiters are not all woken by every delivery)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"timed out after {timeout} s waiting for {what}; fake errors: {self.errors}"
                )
            changed = (self._changed if conversation is None
                       else self._conversation_changed.setdefault(conversation, asyncio.Event()))
            try:
                await asyncio.wait_for(changed.wait(), left)
            except TimeoutError:
                continue

    async def _response_url(self, request: web.Request) -> web.Response:
        conversation = request.match_info["conversation"]
        body = await request.json()
        if conversation not in self.conversations:
            self.errors.append(f"respond() to unknown response_url {conversation}")
            return web.Response(status=404, text="expired_url")
        self.record(
            Delivery("respond", body, conversation, self.conversations[conversation].channel)
        )
        return web.Response(text="ok", content_type="text/html")

    # -- events sent to the app ----------------------------------------------------------------
    def _conversation(self, kind: str, channel: str | None, user: FakeUser) -> Conversation:
        conversation_id = self.ids.new("conv")
        conversation = Conversation(
            conversation_id,
            kind,
            channel,
            user.id,
            envelope_id="",
            trigger_id=f"{conversation_id}.trigger",
            payload={},
        )
        self.conversations[conversation_id] = conversation
        return conversation

    def _response_url_of(self, conversation: Conversation) -> str:
        return f"{self.base_url}/response/{conversation.id}"

    def _interaction(self, kind: str, member: FakeUser) -> dict[str, Any]:
        """What every interactive payload starts with."""
        return {
            "type": kind,
            "team": {"id": self.team_id, "domain": self.team_domain},
            "user": self._user_payload(member),
            "api_app_id": self.app_id,
            "token": "legacy-verification-token",
        }

    def _user_payload(self, user: FakeUser) -> dict[str, Any]:
        return {"id": user.id, "username": user.name, "name": user.name, "team_id": self.team_id}

    def command_payload(
        self, command: str, text: str, conversation: Conversation
    ) -> dict[str, Any]:
        user = self.users[conversation.user]
        channel = self.channels.get(conversation.channel or "")
        return {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "team_domain": self.team_domain,
            "channel_id": conversation.channel,
            "channel_name": channel.name if channel else "directmessage",
            "user_id": user.id,
            "user_name": user.name,
            "command": command,
            "text": text,
            "api_app_id": self.app_id,
            "is_enterprise_install": "false",
            "response_url": self._response_url_of(conversation),
            "trigger_id": conversation.trigger_id,
        }

    async def command(
        self,
        command: str,
        text: str = "",
        *,
        user: UserKey | None = None,
        channel: str | None = None,
        locale: str | None = None,
        responses: int = 1,
        timeout: float = 5.0,
    ) -> CommandResult:
        """Send a slash command over Socket Mode; wait for the ack (within Slack's 3 s)
        and for ``responses`` things shown (ack payload, respond(), messages...).
        ``locale`` sets the member's Slack locale first (Slack sends it via users.info)."""
        member = self.user(user)
        if locale is not None:
            member.locale = locale
        conversation = self._conversation("command", channel or self.default_channel, member)
        conversation.payload = self.command_payload(command, text, conversation)
        return await self._send("slash_commands", conversation, responses, timeout)

    async def click(
        self,
        action_id: str,
        value: str | None = None,
        *,
        user: UserKey | None = None,
        responses: int = 1,
        timeout: float = 5.0,
    ) -> CommandResult:
        """Click the newest button with ``action_id`` (and ``value``) the app showed."""
        member = self.user(user)
        source, block_id, button = self._find_button(action_id, value, member.id)
        if source.kind == "home":
            return await self._click_on_home(source, block_id, button, member, responses, timeout)
        channel = source.channel or self._conversation_channel(source.conversation)
        conversation = self._conversation("click", channel, member)
        is_message = source.kind == "message"
        container = {
            "type": "message",
            "message_ts": source.ts or self.ids.ts(),
            "channel_id": channel,
            "is_ephemeral": not is_message,
        }
        conversation.payload = {
            **self._interaction("block_actions", member),
            "container": container,
            "trigger_id": conversation.trigger_id,
            "channel": {
                "id": channel,
                "name": self.channels[channel].name
                if channel in self.channels
                else "directmessage",
            },
            "message": {
                "type": "message",
                "ts": container["message_ts"],
                "text": source.body.get("text", ""),
                "blocks": source.blocks,
            },
            "response_url": self._response_url_of(conversation),
            "actions": [self._button_action(block_id, button)],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        return await self._send("interactive", conversation, responses, timeout)

    def _button_action(self, block_id: str, button: dict[str, Any]) -> dict[str, Any]:
        """The ``actions`` entry of a click on ``button``."""
        return {
            "type": "button",
            "action_id": button["action_id"],
            "block_id": block_id,
            "value": button.get("value"),
            "text": button.get("text"),
            "action_ts": self.ids.ts(),
        }

    async def submit_view(
        self,
        callback_id: str,
        values: dict[str, Any],
        *,
        user: UserKey | None = None,
        responses: int = 1,
        timeout: float = 5.0,
    ) -> CommandResult:
        """Submit the newest modal with ``callback_id`` the app opened, filling its inputs
        by ``action_id`` (every key must be an input of that modal)."""
        member = self.user(user)
        view = next(
            (v for v in reversed(self.views.values()) if v.get("callback_id") == callback_id), None
        )
        if view is None:
            raise AssertionError(f"the app opened no modal with callback_id {callback_id!r}")
        state = modal_state(view, values)
        opener = next(
            (
                d.conversation
                for d in self.deliveries
                if d.kind == "modal" and d.body["view"]["id"] == view["id"]
            ),
            None,
        )
        conversation = self._conversation(
            "view_submission", self._conversation_channel(opener), member
        )
        conversation.payload = {
            **self._interaction("view_submission", member),
            "trigger_id": conversation.trigger_id,
            "view": {**view, "state": {"values": state}},
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        return await self._send("interactive", conversation, responses, timeout)

    async def event(self, event: dict[str, Any], *, team_id: str | None = None) -> Envelope:
        """Deliver an Events API event (e.g. ``{"type": "app_uninstalled"}``) over Socket
        Mode and wait for its ack (within Slack's 3 s); returns the envelope."""
        payload = {
            "token": "legacy-verification-token",
            "team_id": team_id or self.team_id,
            "api_app_id": self.app_id,
            "event": {"event_ts": self.ids.ts(), **event},
            "type": "event_callback",
            "event_id": self.ids.new("Ev"),
            "event_time": int(time.time()),
        }
        envelope = await self.socket.send("events_api", payload, accepts_response_payload=False)
        try:
            await asyncio.wait_for(asyncio.shield(envelope.acked), ACK_DEADLINE)
        except TimeoutError:
            raise AssertionError(f"no ack within Slack's {ACK_DEADLINE} s for {event}") from None
        return envelope

    def _conversation_channel(self, conversation_id: str | None) -> str | None:
        if conversation_id is None or conversation_id not in self.conversations:
            return None
        return self.conversations[conversation_id].channel

    async def _click_on_home(
        self,
        source: Delivery,
        block_id: str,
        button: dict[str, Any],
        member: FakeUser,
        responses: int,
        timeout: float,
    ) -> CommandResult:
        """A click on the member's Home tab: a ``view`` container, no response_url."""
        conversation = self._conversation("click", None, member)
        view = source.body["view"]
        conversation.payload = {
            **self._interaction("block_actions", member),
            "container": {"type": "view", "view_id": view["id"]},
            "trigger_id": conversation.trigger_id,
            "view": view,
            "actions": [self._button_action(block_id, button)],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        return await self._send("interactive", conversation, responses, timeout)

    async def message_shortcut(
        self,
        callback_id: str,
        message_text: str,
        *,
        user: UserKey | None = None,
        channel: str | None = None,
        author: str | None = None,
        responses: int = 1,
        timeout: float = 5.0,
    ) -> CommandResult:
        """Run the app's message shortcut ``callback_id`` on a message whose text is
        ``message_text`` (as Slack stores it: escaped, links as ``<url|label>``)."""
        member = self.user(user)
        where = channel or self.default_channel
        conversation = self._conversation("shortcut", where, member)
        ts = self.ids.ts()
        conversation.payload = {
            **self._interaction("message_action", member),
            "action_ts": self.ids.ts(),
            "channel": {
                "id": where,
                "name": self.channels[where].name if where in self.channels else "directmessage",
            },
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": conversation.trigger_id,
            "response_url": self._response_url_of(conversation),
            "message_ts": ts,
            "message": {
                "type": "message",
                "user": author or member.id,
                "ts": ts,
                "text": message_text,
            },
        }
        return await self._send("interactive", conversation, responses, timeout)

    async def open_home(
        self, user: UserKey | None = None, *, responses: int = 1, timeout: float = 5.0
    ) -> CommandResult:
        """The member opens the app's Home tab (``app_home_opened``)."""
        member = self.user(user)
        conversation = self._conversation("app_home_opened", None, member)
        conversation.payload = self._event_payload(
            {
                "type": "app_home_opened",
                "user": member.id,
                "channel": "D" + member.id[1:],
                "tab": "home",
                "event_ts": self.ids.ts(),
            }
        )
        return await self._send("events_api", conversation, responses, timeout)

    def _event_payload(self, event: dict[str, Any]) -> dict[str, Any]:
        return {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "api_app_id": self.app_id,
            "event": event,
            "type": "event_callback",
            "event_id": self.ids.new("Ev"),
            "event_time": int(time.time()),
            "authorizations": [
                {"team_id": self.team_id, "user_id": self.bot_user_id, "is_bot": True}
            ],
        }

    def _find_button(
        self, action_id: str, value: str | None, user: str | None = None
    ) -> tuple[Delivery, str, dict[str, Any]]:
        for delivery in reversed(self.deliveries):
            if delivery.kind == "home" and delivery.channel != user:
                continue  # another member's Home tab
            for block_id, button in delivery.buttons():
                if button.get("action_id") == action_id and (
                    value is None or button.get("value") == value
                ):
                    return delivery, block_id, button
        raise AssertionError(f"the app showed no button {action_id!r} (value {value!r})")

    async def _send(
        self, envelope_type: str, conversation: Conversation, responses: int, timeout: float
    ) -> CommandResult:
        envelope = await self.socket.send(
            envelope_type, conversation.payload, accepts_response_payload=True
        )
        conversation.envelope_id = envelope.id
        result = CommandResult(self, conversation, envelope)
        try:
            ack = await asyncio.wait_for(asyncio.shield(envelope.acked), ACK_DEADLINE)
        except TimeoutError:
            raise AssertionError(
                f"no ack within Slack's {ACK_DEADLINE} s for "
                f"{conversation.kind} {conversation.payload.get('command')}"
            ) from None
        self._record_ack(conversation, ack)
        if responses:
            await result.wait(responses, timeout=timeout)
        return result

    def _record_ack(self, conversation: Conversation, ack: dict[str, Any] | None) -> None:
        conversation.acked = True
        conversation.ack = ack or None
        if ack:
            self.record(Delivery("ack", ack, conversation.id, conversation.channel))

    # -- HTTP mode -----------------------------------------------------------------------------
    async def http_command(
        self,
        app_url: str,
        command: str,
        text: str = "",
        *,
        user: UserKey | None = None,
        channel: str | None = None,
        signing_secret: str | None = None,
        timestamp: int | None = None,
        responses: int = 1,
        timeout: float = 5.0,
    ) -> CommandResult:
        """POST a signed slash command to an app served in HTTP mode (``app.web_app()``);
        a wrong ``signing_secret`` or stale ``timestamp`` makes a bad signature."""
        member = self.user(user)
        conversation = self._conversation("command", channel or self.default_channel, member)
        conversation.payload = self.command_payload(command, text, conversation)
        body = urlencode(conversation.payload)
        headers = signed_headers(signing_secret or self.signing_secret, body, timestamp)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        async with aiohttp.ClientSession() as session:
            started = time.perf_counter()
            async with session.post(app_url, data=body.encode(), headers=headers) as response:
                status = response.status
                raw = await response.text()
            if time.perf_counter() - started > ACK_DEADLINE:
                raise AssertionError("the HTTP ack took longer than Slack's 3 s")
        result = CommandResult(self, conversation, None, status)
        if status == 200:
            ack = (
                json.loads(raw) if raw.strip().startswith("{") else ({"text": raw} if raw else None)
            )
            self._record_ack(conversation, ack)
            if responses:
                await result.wait(responses, timeout=timeout)
        return result


def signed_headers(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """``X-Slack-Signature`` and ``X-Slack-Request-Timestamp`` for ``body``."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    base = f"v0:{stamp}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


def modal_state(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """``view.state.values`` for ``values`` keyed by action_id, shaped per element type."""
    state: dict[str, dict[str, Any]] = {}
    found: set[str] = set()
    for block_id, element in walk_elements(view.get("blocks") or []):
        action_id = element["action_id"]
        kind = element.get("type")
        value = values.get(action_id)
        entry: dict[str, Any] = {"type": kind}
        if kind in ("static_select", "external_select"):
            entry["selected_option"] = (
                None
                if value is None
                else {"value": value, "text": {"type": "plain_text", "text": str(value)}}
            )
        elif kind == "conversations_select":
            entry["selected_conversation"] = value
        elif kind == "datepicker":
            entry["selected_date"] = value
        elif kind == "timepicker":
            entry["selected_time"] = value
        elif kind == "checkboxes":
            entry["selected_options"] = [{"value": v} for v in (value or [])]
        else:
            entry["value"] = value
        if action_id in values:
            found.add(action_id)
        state.setdefault(block_id, {})[action_id] = entry
    missing = set(values) - found
    if missing:
        raise AssertionError(f"the modal has no inputs {sorted(missing)}")
    return state


def build_default_workspace(fake: FakeSlack) -> None:
    """A small workspace: two public channels, a public one the bot has not joined, a
    private channel the bot is not in, an archived one; an admin, Korean and English
    members, a moderator-group member and a member whose locale Slack does not report."""
    fake.add_channel("C0STUDY", "study")
    fake.add_channel("C0GENERAL", "general")
    fake.add_channel("C0PRIVATE", "secret", is_private=True, bot_is_member=False)
    fake.add_channel("C0ARCHIVE", "old", is_archived=True)
    fake.add_channel("C0LOBBY", "lobby", bot_is_member=False)  # public, bot not joined
    fake.add_user("U0MINJI", "minji", locale="ko-KR")
    fake.add_user("U0ALEX", "alex", locale="en-US")
    fake.add_user("U0ADMIN", "admin", locale="en-US", is_admin=True)
    fake.add_user("U0OWNER", "owner", locale="ko-KR", is_owner=True)
    fake.add_user("U0MOD", "mod", locale="en-US")
    fake.add_user("U0NOLOC", "quiet", locale=None)
    fake.add_usergroup("S0MODS", ["U0MOD"], handle="study-mods")
