"""REST API under ``/api/v10``: route table and handlers.

Every call is recorded in ``FakeDiscord.requests`` (unknown routes too, with
``unknown=True`` and a 404). Injected faults (``FakeDiscord.fail_next``) are answered
before routing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .gateway import GUILD_MEMBERS_INTENT, GUILD_SCHEDULED_EVENTS_INTENT
from .http_util import (
    MISSING_PERMISSIONS,
    UNAUTHORIZED,
    ApiError,
    Hold,
    RecordedRequest,
    json_response,
    no_content,
    read_body,
    unknown,
)
from .interactions import DEFERRED, DEFERRED_UPDATE, MESSAGE, UPDATE, InteractionReply
from .models import LOADING, FakeChannel, FakeGuild, FakeMessage, iso_now

if TYPE_CHECKING:
    from .fake import FakeDiscord

_log = logging.getLogger(__name__)
Handler = Callable[..., Awaitable[web.Response]]
GUILD_MESSAGES_INTENT = 1 << 9
NONCE_WINDOW = 300.0  # seconds during which an enforced nonce is deduplicated

ROUTES: list[tuple[str, str, str]] = [
    ("GET", "/users/@me", "get_me"),
    ("GET", "/users/{user_id}", "get_user"),
    ("POST", "/users/@me/channels", "create_dm"),
    ("GET", "/oauth2/applications/@me", "get_application"),
    ("GET", "/applications/@me", "get_application"),
    ("GET", "/gateway", "get_gateway"),
    ("GET", "/gateway/bot", "get_gateway"),
    ("GET", "/applications/{app}/commands", "list_commands"),
    ("PUT", "/applications/{app}/commands", "put_commands"),
    ("POST", "/applications/{app}/commands", "upsert_command"),
    ("GET", "/applications/{app}/commands/{cmd}", "get_command"),
    ("PATCH", "/applications/{app}/commands/{cmd}", "patch_command"),
    ("DELETE", "/applications/{app}/commands/{cmd}", "delete_command"),
    ("GET", "/applications/{app}/guilds/{guild_id}/commands", "list_commands"),
    ("PUT", "/applications/{app}/guilds/{guild_id}/commands", "put_commands"),
    ("POST", "/applications/{app}/guilds/{guild_id}/commands", "upsert_command"),
    ("GET", "/applications/{app}/guilds/{guild_id}/commands/permissions", "empty_list"),
    ("GET", "/applications/{app}/guilds/{guild_id}/commands/{cmd}", "get_command"),
    ("PATCH", "/applications/{app}/guilds/{guild_id}/commands/{cmd}", "patch_command"),
    ("DELETE", "/applications/{app}/guilds/{guild_id}/commands/{cmd}", "delete_command"),
    ("POST", "/interactions/{iid}/{token}/callback", "interaction_callback"),
    ("POST", "/webhooks/{app}/{token}", "followup"),
    ("GET", "/webhooks/{app}/{token}/messages/{mid}", "get_webhook_message"),
    ("PATCH", "/webhooks/{app}/{token}/messages/{mid}", "edit_webhook_message"),
    ("DELETE", "/webhooks/{app}/{token}/messages/{mid}", "delete_webhook_message"),
    ("GET", "/channels/{channel_id}", "get_channel"),
    ("GET", "/channels/{channel_id}/messages", "list_messages"),
    ("POST", "/channels/{channel_id}/messages", "create_message"),
    ("GET", "/channels/{channel_id}/messages/{mid}", "get_message"),
    ("PATCH", "/channels/{channel_id}/messages/{mid}", "edit_message"),
    ("DELETE", "/channels/{channel_id}/messages/{mid}", "delete_message"),
    ("POST", "/channels/{channel_id}/typing", "channel_no_content"),
    ("PUT", "/channels/{channel_id}/messages/{mid}/reactions/{emoji}/@me", "channel_no_content"),
    ("DELETE", "/channels/{channel_id}/messages/{mid}/reactions/{emoji}/@me",
     "channel_no_content"),
    ("GET", "/guilds/{guild_id}", "get_guild"),
    ("GET", "/guilds/{guild_id}/channels", "list_channels"),
    ("GET", "/guilds/{guild_id}/roles", "list_roles"),
    ("GET", "/guilds/{guild_id}/members/{user_id}", "get_member"),
    ("PATCH", "/guilds/{guild_id}/members/{user_id}", "edit_member"),
    ("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", "add_role"),
    ("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", "remove_role"),
    ("GET", "/guilds/{guild_id}/scheduled-events", "list_events"),
    ("POST", "/guilds/{guild_id}/scheduled-events", "create_event"),
    ("GET", "/guilds/{guild_id}/scheduled-events/{event_id}", "get_event"),
    ("PATCH", "/guilds/{guild_id}/scheduled-events/{event_id}", "edit_event"),
    ("DELETE", "/guilds/{guild_id}/scheduled-events/{event_id}", "delete_event"),
]
NO_AUTH_PREFIXES = ("/interactions/", "/webhooks/")


class RestApi:
    """Route table plus handlers; state lives on the :class:`FakeDiscord`."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.table: dict[tuple[str, str], list[tuple[re.Pattern[str], Handler]]] = {}
        for method, template, name in ROUTES:
            pattern = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$")
            key = (method, template.split("/")[1])
            self.table.setdefault(key, []).append((pattern, getattr(self, name)))

    async def handle(self, request: web.Request) -> web.Response:
        """aiohttp handler for ``/api/v10/{tail}``."""
        fake = self.fake
        path = "/" + request.match_info["tail"]
        try:
            body, files = await read_body(request)
        except ValueError:
            body, files = None, []
            invalid: web.Response | None = json_response(
                {"message": "The request body contains invalid JSON.", "code": 50109}, 400)
        else:
            invalid = None
        rec = RecordedRequest(request.method, path, dict(request.query), body, files,
                              dict(request.headers))
        fake.requests.append(rec)
        hold = None if invalid else self._hold(rec)
        if hold is not None and not hold.after_handling:
            await hold.wait()
        response = invalid or self._fault(rec) or await self._limited_route(rec)
        if hold is not None and hold.after_handling:
            await hold.wait()
        rec.status = response.status
        fake._request_done(rec)
        return response

    def _hold(self, rec: RecordedRequest) -> Hold | None:
        for hold in self.fake.holds:
            if hold.matches(rec.method, rec.path):
                hold.times -= 1
                rec.held = True
                return hold
        return None

    async def _limited_route(self, rec: RecordedRequest) -> web.Response:
        limiter = self.fake.rate_limiter
        if limiter is None:
            return await self._route(rec)
        refused, headers = limiter.admit(rec.method, rec.path)
        if refused is not None:
            return refused
        response = await self._route(rec)
        response.headers.update(headers)
        return response

    def _fault(self, rec: RecordedRequest) -> web.Response | None:
        for fault in self.fake.faults:
            if fault.matches(rec.method, rec.path):
                rec.injected = True
                return fault.response()
        return None

    async def _route(self, rec: RecordedRequest) -> web.Response:
        for pattern, handler in self.table.get((rec.method, rec.path.split("/")[1]), ()):
            match = pattern.match(rec.path)
            if match is None:
                continue
            try:
                if not rec.path.startswith(NO_AUTH_PREFIXES) and not rec.headers.get(
                        "Authorization", "").startswith("Bot "):
                    raise UNAUTHORIZED
                return await handler(rec, **match.groupdict())
            except ApiError as exc:
                return exc.response()
            except Exception as exc:  # a bug in the fake or a malformed body: fail fast
                _log.exception("fake Discord failed on %s %s", rec.method, rec.path)
                self.fake.errors.append(f"{rec.method} {rec.path}: {exc!r}")
                # 400, not 500: discord.py would retry a 5xx after sleeping 1 s, 3 s, ...
                return json_response({"message": f"fake Discord error: {exc!r}", "code": 0}, 400)
        rec.unknown = True
        return json_response({"message": "404: Not Found", "code": 0}, 404)

    # -- lookups -----------------------------------------------------------------
    def _guild(self, guild_id: str) -> FakeGuild:
        guild = self.fake.guilds.get(int(guild_id))
        if guild is None:
            raise unknown("Guild", 10004)
        return guild

    def _channel(self, channel_id: str) -> FakeChannel:
        channel = self.fake.channels.get(int(channel_id))
        if channel is None or channel.deleted:
            raise unknown("Channel", 10003)
        if channel.forbidden:
            raise MISSING_PERMISSIONS
        return channel

    def _message(self, channel: FakeChannel, mid: str) -> FakeMessage:
        msg = self.fake.messages.get(int(mid)) if mid.isdigit() else None
        if msg is None or msg.deleted or msg.channel_id != channel.id:
            raise unknown("Message", 10008)
        return msg

    def _reply(self, app: str, token: str) -> InteractionReply:
        reply = self.fake.interactions.get(token)
        if reply is None or app != str(self.fake.application_id) or reply.raw is None:
            raise unknown("Webhook", 10015)
        return reply

    def _msg_json(self, msg: FakeMessage) -> web.Response:
        return json_response(msg.payload(self.fake.base_url))

    # -- users, application, gateway ---------------------------------------------
    async def get_me(self, rec: RecordedRequest) -> web.Response:
        return json_response(self.fake.bot_user.payload() | {"verified": True, "flags": 0})

    async def get_user(self, rec: RecordedRequest, user_id: str) -> web.Response:
        user = self.fake.users.get(int(user_id)) if user_id.isdigit() else None
        if user is None:
            raise unknown("User", 10013)
        return json_response(user.payload())

    async def get_application(self, rec: RecordedRequest) -> web.Response:
        fake = self.fake
        return json_response({
            "id": str(fake.application_id), "name": fake.bot_user.name, "icon": None,
            "description": "", "summary": "", "bot_public": True,
            "bot_require_code_grant": False, "owner": fake.owner.payload(), "team": None,
            "verify_key": "0" * 64, "interactions_endpoint_url": None, "flags": 0,
            "rpc_origins": [], "tags": [], "redirect_uris": [], "hook": True,
            "bot": fake.bot_user.payload(), "approximate_guild_count": len(fake.guilds),
            "integration_types_config": {"0": {}},
        })

    async def get_gateway(self, rec: RecordedRequest) -> web.Response:
        fake = self.fake
        return json_response({"url": fake.gateway_url, "shards": fake.shard_count,
                              "session_start_limit": {
                                  "total": 1000, "remaining": 1000, "reset_after": 0,
                                  "max_concurrency": fake.max_concurrency}})

    # -- application commands ------------------------------------------------------
    def _commands(self, app: str, guild_id: str | None) -> list[dict[str, Any]]:
        if app != str(self.fake.application_id):
            raise ApiError(403, 50001, "Missing Access")
        if guild_id is not None:
            self._guild(guild_id)
        return self.fake.commands.setdefault(None if guild_id is None else int(guild_id), [])

    def _stored(self, body: dict[str, Any], guild_id: str | None,
                old: list[dict[str, Any]]) -> dict[str, Any]:
        kind = body.get("type", 1)
        same = next((c for c in old if c["name"] == body["name"] and c["type"] == kind), None)
        cmd = {"description": "", "options": [], "default_member_permissions": None,
               "nsfw": False, "contexts": None, "integration_types": [0]}
        cmd.update((k, v) for k, v in body.items() if v is not None or k not in cmd)
        cmd.update(type=kind, application_id=str(self.fake.application_id),
                   id=same["id"] if same else str(self.fake.new_id()),
                   version=str(self.fake.new_id()))
        if guild_id is not None:
            cmd["guild_id"] = guild_id
        return cmd

    async def list_commands(self, rec: RecordedRequest, app: str,
                            guild_id: str | None = None) -> web.Response:
        return json_response(self._commands(app, guild_id))

    async def put_commands(self, rec: RecordedRequest, app: str,
                           guild_id: str | None = None) -> web.Response:
        old = self._commands(app, guild_id)
        new = [self._stored(body, guild_id, old) for body in rec.json or []]
        old[:] = new
        return json_response(new)

    async def upsert_command(self, rec: RecordedRequest, app: str,
                             guild_id: str | None = None) -> web.Response:
        cmds = self._commands(app, guild_id)
        cmd = self._stored(rec.json, guild_id, cmds)
        cmds[:] = [c for c in cmds if c["id"] != cmd["id"]] + [cmd]
        return json_response(cmd, 201)

    def _command(self, app: str, guild_id: str | None, cmd: str) -> dict[str, Any]:
        found = next((c for c in self._commands(app, guild_id) if c["id"] == cmd), None)
        if found is None:
            raise unknown("application command", 10063)
        return found

    async def get_command(self, rec: RecordedRequest, app: str, cmd: str,
                          guild_id: str | None = None) -> web.Response:
        return json_response(self._command(app, guild_id, cmd))

    async def patch_command(self, rec: RecordedRequest, app: str, cmd: str,
                            guild_id: str | None = None) -> web.Response:
        found = self._command(app, guild_id, cmd)
        found.update(rec.json or {})
        return json_response(found)

    async def delete_command(self, rec: RecordedRequest, app: str, cmd: str,
                             guild_id: str | None = None) -> web.Response:
        cmds = self._commands(app, guild_id)
        found = self._command(app, guild_id, cmd)
        cmds.remove(found)
        return no_content()

    async def empty_list(self, rec: RecordedRequest, **_: str) -> web.Response:
        return json_response([])

    # -- interactions ----------------------------------------------------------------
    async def interaction_callback(self, rec: RecordedRequest, iid: str,
                                   token: str) -> web.Response:
        fake = self.fake
        reply = fake.interactions.get(token)
        deadline = fake.interaction_deadline
        if reply is None or str(reply.id) != iid or (
                deadline is not None and fake.clock() - reply.created > deadline):
            raise unknown("interaction", 10062)
        if reply.raw is not None:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        body, kind = rec.json or {}, (rec.json or {}).get("type")
        data = body.get("data") or {}
        msg: FakeMessage | None = None
        if kind == MESSAGE:
            msg = reply.original = reply.message = fake._new_message(
                reply, data, rec.files)
        elif kind == DEFERRED:
            msg = reply.original = fake._new_message(reply, {"flags": data.get("flags", 0)}, [])
            msg.flags |= LOADING
        elif kind in (DEFERRED_UPDATE, UPDATE):
            if reply.source is None:
                raise ApiError(400, 50035, "Invalid Form Body: no message to update")
            msg = reply.original = reply.source
            if kind == UPDATE:
                self._edit(msg, data, rec)
                reply.message = msg
        reply.acknowledge(body, rec.files)
        if rec.query.get("with_response") not in ("1", "true", "True"):
            return no_content()
        resource: dict[str, Any] = {"type": kind}
        if msg is not None:
            resource["message"] = msg.payload(fake.base_url)
        return json_response({"interaction": {
            "id": iid, "type": reply.payload["type"],
            "response_message_id": None if msg is None else str(msg.id),
            "response_message_loading": kind == DEFERRED,
            "response_message_ephemeral": bool(msg and msg.ephemeral),
        }, "resource": resource})

    def _edit(self, msg: FakeMessage, body: dict[str, Any], rec: RecordedRequest, *,
              is_edit: bool = True) -> None:
        for file in rec.files:
            self.fake.register_file(file)
        msg.flags &= ~LOADING
        msg.apply(body, rec.files)
        if is_edit:
            msg.edits.append(body)
            msg.edited_timestamp = iso_now()

    async def followup(self, rec: RecordedRequest, app: str, token: str) -> web.Response:
        reply = self._reply(app, token)
        body = rec.json or {}
        original = reply.original
        if original is not None and original.flags & LOADING and not reply.followups:
            # The first follow-up after a deferral replaces the "thinking" message.
            self._edit(original, body, rec, is_edit=False)
            original.request = body
            msg = original
        else:
            msg = self.fake._new_message(reply, body, rec.files)
        reply.add_followup(msg)
        if reply.message is None:
            reply.message = msg
        reply.settle()
        return self._msg_json(msg) if rec.query.get("wait") in ("1", "true") else no_content()

    def _webhook_message(self, reply: InteractionReply, mid: str) -> FakeMessage:
        if mid == "@original":
            msg = reply.original
        else:
            msg = self.fake.messages.get(int(mid)) if mid.isdigit() else None
            if msg is not None and msg is not reply.original and msg.interaction_id != reply.id:
                msg = None
        if msg is None or msg.deleted:
            raise unknown("Message", 10008)
        return msg

    async def get_webhook_message(self, rec: RecordedRequest, app: str, token: str,
                                  mid: str) -> web.Response:
        return self._msg_json(self._webhook_message(self._reply(app, token), mid))

    async def edit_webhook_message(self, rec: RecordedRequest, app: str, token: str,
                                   mid: str) -> web.Response:
        reply = self._reply(app, token)
        msg = self._webhook_message(reply, mid)
        self._edit(msg, rec.json or {}, rec)
        if reply.message is None:
            reply.message = msg
        reply.settle()
        return self._msg_json(msg)

    async def delete_webhook_message(self, rec: RecordedRequest, app: str, token: str,
                                     mid: str) -> web.Response:
        self._webhook_message(self._reply(app, token), mid).deleted = True
        return no_content()

    # -- channels and messages ---------------------------------------------------------
    async def create_dm(self, rec: RecordedRequest) -> web.Response:
        """The DM channel with ``recipient_id`` (one per user, created on first use)."""
        fake = self.fake
        user = fake.users.get(int((rec.json or {}).get("recipient_id", 0)))
        if user is None:
            raise unknown("User", 10013)
        channel = fake.dm_channel(user)
        return json_response(channel.payload(fake.bot_user.id))

    async def get_channel(self, rec: RecordedRequest, channel_id: str) -> web.Response:
        return json_response(self._channel(channel_id).payload(self.fake.bot_user.id))

    async def channel_no_content(self, rec: RecordedRequest, channel_id: str,
                                 **_: str) -> web.Response:
        self._channel(channel_id)
        return no_content()

    async def list_messages(self, rec: RecordedRequest, channel_id: str) -> web.Response:
        channel = self._channel(channel_id)
        limit = int(rec.query.get("limit", 50))
        msgs = [m for m in self.fake.messages_in(channel.id, include_interactions=True)
                if not m.ephemeral]
        return json_response([m.payload(self.fake.base_url) for m in msgs[::-1][:limit]])

    async def create_message(self, rec: RecordedRequest, channel_id: str) -> web.Response:
        fake = self.fake
        channel = self._channel(channel_id)
        if channel.recipient is not None and channel.recipient.dms_closed:
            raise ApiError(403, 50007, "Cannot send messages to this user")
        body = rec.json or {}
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            previous = fake.nonces.get(str(nonce))
            if previous is not None and fake.clock() - previous.created_at < NONCE_WINDOW:
                return json_response(previous.payload(fake.base_url, with_nonce=True))
        msg = fake._new_message(channel, body, rec.files)
        msg.nonce = None if nonce is None else str(nonce)
        msg.enforce_nonce = bool(body.get("enforce_nonce"))
        if msg.nonce is not None:
            fake.nonces[msg.nonce] = msg
        payload = msg.payload(fake.base_url, with_nonce=True)
        if channel.recipient is None:
            await fake.gateway.dispatch("MESSAGE_CREATE", payload | {
                "member": channel_member(fake, channel)}, channel.guild_id,
                GUILD_MESSAGES_INTENT)
        return json_response(payload)

    async def get_message(self, rec: RecordedRequest, channel_id: str, mid: str) -> web.Response:
        return self._msg_json(self._message(self._channel(channel_id), mid))

    async def edit_message(self, rec: RecordedRequest, channel_id: str, mid: str) -> web.Response:
        msg = self._message(self._channel(channel_id), mid)
        self._edit(msg, rec.json or {}, rec)
        return self._msg_json(msg)

    async def delete_message(self, rec: RecordedRequest, channel_id: str,
                             mid: str) -> web.Response:
        self._message(self._channel(channel_id), mid).deleted = True
        return no_content()

    # -- guilds, members, roles ------------------------------------------------------------
    async def get_guild(self, rec: RecordedRequest, guild_id: str) -> web.Response:
        guild = self._guild(guild_id)
        data = guild.payload(self.fake.bot_user.id, full=False)
        if rec.query.get("with_counts") in ("1", "true"):
            data.update(approximate_member_count=len(guild.members),
                        approximate_presence_count=0)
        return json_response(data)

    async def list_channels(self, rec: RecordedRequest, guild_id: str) -> web.Response:
        guild = self._guild(guild_id)
        bot_id = self.fake.bot_user.id
        return json_response([c.payload(bot_id) for c in guild.channels.values()
                              if not c.deleted])

    async def list_roles(self, rec: RecordedRequest, guild_id: str) -> web.Response:
        return json_response([r.payload() for r in self._guild(guild_id).roles.values()])

    def _member(self, guild: FakeGuild, user_id: str) -> Any:
        member = guild.members.get(int(user_id)) if user_id.isdigit() else None
        if member is None:
            raise unknown("Member", 10007)
        return member

    async def get_member(self, rec: RecordedRequest, guild_id: str, user_id: str) -> web.Response:
        return json_response(self._member(self._guild(guild_id), user_id).payload())

    async def edit_member(self, rec: RecordedRequest, guild_id: str, user_id: str) -> web.Response:
        guild = self._guild(guild_id)
        member = self._member(guild, user_id)
        body = rec.json or {}
        if "roles" in body:
            member.role_ids = [int(r) for r in body["roles"] if int(r) in guild.roles]
        if "nick" in body:
            member.nick = body["nick"]
        await self._member_updated(guild, member)
        return json_response(member.payload())

    async def _member_updated(self, guild: FakeGuild, member: Any) -> None:
        await self.fake.gateway.dispatch("GUILD_MEMBER_UPDATE", member.payload() | {
            "guild_id": str(guild.id)}, guild.id, GUILD_MEMBERS_INTENT)

    async def add_role(self, rec: RecordedRequest, guild_id: str, user_id: str,
                       role_id: str) -> web.Response:
        guild = self._guild(guild_id)
        member = self._member(guild, user_id)
        if int(role_id) not in guild.roles:
            raise unknown("Role", 10011)
        if int(role_id) not in member.role_ids:
            member.role_ids.append(int(role_id))
        await self._member_updated(guild, member)
        return no_content()

    async def remove_role(self, rec: RecordedRequest, guild_id: str, user_id: str,
                          role_id: str) -> web.Response:
        guild = self._guild(guild_id)
        member = self._member(guild, user_id)
        if int(role_id) not in guild.roles:
            raise unknown("Role", 10011)
        member.role_ids = [r for r in member.role_ids if r != int(role_id)]
        await self._member_updated(guild, member)
        return no_content()

    # -- scheduled events ----------------------------------------------------------------------
    def _event(self, guild: FakeGuild, event_id: str) -> dict[str, Any]:
        event = guild.scheduled_events.get(int(event_id)) if event_id.isdigit() else None
        if event is None:
            raise unknown("Guild Scheduled Event", 10070)
        return event

    async def _event_changed(self, guild: FakeGuild, event: dict[str, Any], kind: str) -> None:
        await self.fake.gateway.dispatch(f"GUILD_SCHEDULED_EVENT_{kind}", event, guild.id,
                                         GUILD_SCHEDULED_EVENTS_INTENT)

    async def list_events(self, rec: RecordedRequest, guild_id: str) -> web.Response:
        return json_response(list(self._guild(guild_id).scheduled_events.values()))

    async def create_event(self, rec: RecordedRequest, guild_id: str) -> web.Response:
        guild = self._guild(guild_id)
        body = rec.json or {}
        if body.get("channel_id"):
            self._channel(body["channel_id"])
        bot = self.fake.bot_user
        event = {"channel_id": None, "description": None, "scheduled_end_time": None,
                 "entity_metadata": None, "image": None, "recurrence_rule": None,
                 "privacy_level": 2} | body
        event.update(id=str(self.fake.new_id()), guild_id=guild_id, creator_id=str(bot.id),
                     creator=bot.payload(), status=1, entity_id=None, user_count=0)
        guild.scheduled_events[int(event["id"])] = event
        await self._event_changed(guild, event, "CREATE")
        return json_response(event)

    async def get_event(self, rec: RecordedRequest, guild_id: str, event_id: str) -> web.Response:
        return json_response(self._event(self._guild(guild_id), event_id))

    async def edit_event(self, rec: RecordedRequest, guild_id: str, event_id: str) -> web.Response:
        guild = self._guild(guild_id)
        event = self._event(guild, event_id)
        event.update(rec.json or {})
        await self._event_changed(guild, event, "UPDATE")
        return json_response(event)

    async def delete_event(self, rec: RecordedRequest, guild_id: str,
                           event_id: str) -> web.Response:
        guild = self._guild(guild_id)
        event = guild.scheduled_events.pop(int(self._event(guild, event_id)["id"]))
        await self._event_changed(guild, event, "DELETE")
        return no_content()


def channel_member(fake: FakeDiscord, channel: FakeChannel) -> dict[str, Any]:
    """The bot's partial member object for gateway MESSAGE_CREATE events."""
    member = fake.guilds[channel.guild_id].members.get(fake.bot_user.id)
    return {} if member is None else member.payload(with_user=False)
