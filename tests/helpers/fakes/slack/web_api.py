"""The fake's Web API: ``POST/GET /api/{method}``, every call recorded."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .models import ApiCall, Delivery, UploadedFile

if TYPE_CHECKING:
    from .fake import FakeSlack

Handler = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]

# Methods that take the app-level token (xapp-); every other one takes the bot token.
APP_TOKEN_METHODS = {"apps.connections.open"}
BLOCK_TYPES = {
    "section",
    "divider",
    "header",
    "context",
    "actions",
    "image",
    "input",
    "rich_text",
    "file",
}


class SlackApiError(Exception):
    """Answered as ``{"ok": false, "error": ...}``."""

    def __init__(self, error: str, status: int = 200, retry_after: int | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.retry_after = retry_after


class WebApi:
    """Route table and handlers of the Web API methods the bot uses."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.methods: dict[str, Handler] = {
            "auth.test": self.auth_test,
            "team.info": self.team_info,
            "apps.connections.open": self.connections_open,
            "chat.postMessage": self.post_message,
            "chat.postEphemeral": self.post_ephemeral,
            "chat.update": self.update_message,
            "chat.getPermalink": self.permalink,
            "views.open": self.views_open,
            "views.update": self.views_update,
            "views.publish": self.views_publish,
            "users.info": self.users_info,
            "usergroups.users.list": self.usergroup_users,
            "conversations.info": self.conversations_info,
            "conversations.open": self.conversations_open,
            "conversations.history": self.conversations_history,
            "conversations.join": self.conversations_join,
            "conversations.replies": self.conversations_replies,
            "usergroups.list": self.usergroups_list,
            "files.getUploadURLExternal": self.upload_url,
            "files.completeUploadExternal": self.complete_upload,
        }

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(dict(await request.post()))
        auth = request.headers.get("Authorization", "")
        token = (
            auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else args.pop("token", None)
        )
        call = ApiCall(method, args, token)
        self.fake.calls.append(call)
        try:
            body = await self._dispatch(method, args, token)
        except SlackApiError as exc:
            call.status, call.error = exc.status, exc.error
            headers = {}
            if exc.error == "ratelimited":
                headers["Retry-After"] = str(exc.retry_after or 1)
            self.fake.notify()
            return json_response({"ok": False, "error": exc.error}, exc.status, headers)
        except Exception as exc:  # a bug in the fake: visible to the test, not silent
            self.fake.errors.append(f"{method}: {type(exc).__name__}: {exc}")
            call.status, call.error = 500, "fake_error"
            self.fake.notify()
            return json_response({"ok": False, "error": "fake_error"}, 500)
        self.fake.notify()
        return json_response({"ok": True, **body})

    async def _dispatch(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> dict[str, Any]:
        expected = self.fake.app_token if method in APP_TOKEN_METHODS else self.fake.bot_token
        if token is None:
            raise SlackApiError("not_authed")
        if token != expected:
            raise SlackApiError("invalid_auth")
        fault = self.fake.take_fault(method)
        if fault is not None:
            raise SlackApiError(fault.error, fault.status, fault.retry_after)
        handler = self.methods.get(method)
        if handler is None:
            self.fake.errors.append(f"unknown method {method}")
            raise SlackApiError("unknown_method")
        return await handler(args)

    # -- identity ------------------------------------------------------------------------------
    async def auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        fake = self.fake
        return {
            "url": f"https://{fake.team_domain}.slack.com/",
            "team": fake.team_name,
            "user": "studybot",
            "team_id": fake.team_id,
            "user_id": fake.bot_user_id,
            "bot_id": fake.bot_id,
            "is_enterprise_install": False,
        }

    async def team_info(self, args: dict[str, Any]) -> dict[str, Any]:
        fake = self.fake
        return {"team": {"id": fake.team_id, "name": fake.team_name, "domain": fake.team_domain}}

    async def connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.fake.socket.new_url()}

    async def users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.fake.users.get(str(args.get("user", "")))
        if user is None:
            raise SlackApiError("user_not_found")
        include_locale = str(args.get("include_locale", "")).lower() in ("1", "true")
        return {"user": user.payload(self.fake.team_id, include_locale=include_locale)}

    async def usergroup_users(self, args: dict[str, Any]) -> dict[str, Any]:
        group = str(args.get("usergroup", ""))
        if group not in self.fake.usergroups:
            raise SlackApiError("no_such_subteam")
        return {"users": list(self.fake.usergroups[group])}

    async def conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self.fake.channels.get(str(args.get("channel", "")))
        if channel is None:
            raise SlackApiError("channel_not_found")
        return {"channel": channel.payload()}

    async def conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = [u for u in str(args.get("users", "")).split(",") if u]
        if len(users) != 1 or users[0] not in self.fake.users:
            raise SlackApiError("user_not_found")
        return {"channel": {"id": "D" + users[0][1:], "is_im": True}}

    async def conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        """The channel's messages, newest first; ``metadata`` only with
        ``include_all_metadata``, as Slack does."""
        channel = str(args.get("channel", ""))
        self._check_channel(channel)
        known = self.fake.channels.get(channel)
        if known is not None and not known.bot_is_member:
            raise SlackApiError("not_in_channel")  # reading needs membership, even public
        limit = int(args.get("limit") or 100)
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        messages = []
        for delivery in reversed(self.fake.messages_in(channel)):
            thread_ts = delivery.body.get("thread_ts")
            broadcast = str(delivery.body.get("reply_broadcast", "")).lower() in ("1", "true")
            if thread_ts and not broadcast:
                continue  # replies live in their thread, as on Slack
            message: dict[str, Any] = {"type": "message", "ts": delivery.ts,
                                       "text": delivery.body.get("text")}
            if thread_ts:
                message["thread_ts"] = thread_ts
            metadata = decode_json(delivery.body.get("metadata"))
            if with_metadata and metadata:
                message["metadata"] = metadata
            messages.append(message)
        return {"messages": messages[:limit], "has_more": len(messages) > limit}

    async def conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        """A thread: its first message, then the replies, oldest first."""
        channel, root = str(args.get("channel", "")), str(args.get("ts", ""))
        self._check_channel(channel)
        known = self.fake.channels.get(channel)
        if known is not None and not known.bot_is_member:
            raise SlackApiError("not_in_channel")
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        thread = [
            d for d in self.fake.messages_in(channel)
            if d.ts == root or d.body.get("thread_ts") == root
        ]
        if not thread:
            raise SlackApiError("thread_not_found")
        messages = []
        for delivery in thread:
            message: dict[str, Any] = {"type": "message", "ts": delivery.ts,
                                       "thread_ts": root, "text": delivery.body.get("text")}
            metadata = decode_json(delivery.body.get("metadata"))
            if with_metadata and metadata:
                message["metadata"] = metadata
            messages.append(message)
        return {"messages": messages, "has_more": False}

    async def conversations_join(self, args: dict[str, Any]) -> dict[str, Any]:
        """The bot joins a public channel (``channels:join``); private ones need an
        invitation, as on Slack."""
        channel = self.fake.channels.get(str(args.get("channel", "")))
        if channel is None:
            raise SlackApiError("channel_not_found")
        if channel.is_archived:
            raise SlackApiError("is_archived")
        if channel.is_private:
            raise SlackApiError("method_not_supported_for_channel_type")
        channel.bot_is_member = True
        return {"channel": channel.payload()}

    async def usergroups_list(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "usergroups": [
                {"id": group_id, "handle": handle, "name": handle, "users": members}
                for group_id, (handle, members) in self.fake.usergroup_handles().items()
            ]
        }

    # -- messages ------------------------------------------------------------------------------
    def _check_channel(self, channel_id: str) -> None:
        if channel_id.startswith(("U", "W", "D")):
            return  # a direct message with the app
        channel = self.fake.channels.get(channel_id)
        if channel is None:
            raise SlackApiError("channel_not_found")
        if channel.is_archived:
            raise SlackApiError("is_archived")
        if channel.is_private and not channel.bot_is_member:
            raise SlackApiError("not_in_channel")

    def _check_message(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        blocks = decode_json(args.get("blocks")) or []
        if not args.get("text") and not blocks:
            raise SlackApiError("no_text")
        problem = validate_blocks(blocks)
        if problem is not None:
            self.fake.errors.append(f"invalid_blocks: {problem}")
            raise SlackApiError("invalid_blocks")
        return blocks

    async def post_message(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        self._check_channel(channel)
        blocks = self._check_message(args)
        thread_ts = args.get("thread_ts")
        if thread_ts and not any(
            d.ts == thread_ts and not d.body.get("thread_ts")
            for d in self.fake.messages_in(channel)
        ):
            raise SlackApiError("thread_not_found")
        ts = self.fake.ids.ts()
        body = {**args, "blocks": blocks}
        self.fake.record(
            Delivery("message", body, self.fake.conversation_for(channel), channel, ts)
        )
        return {"channel": channel, "ts": ts, "message": {"text": args.get("text"), "ts": ts}}

    async def post_ephemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        self._check_channel(channel)
        if str(args.get("user", "")) not in self.fake.users:
            raise SlackApiError("user_not_found")
        blocks = self._check_message(args)
        ts = self.fake.ids.ts()
        self.fake.record(
            Delivery(
                "ephemeral",
                {**args, "blocks": blocks},
                self.fake.conversation_for(channel),
                channel,
                ts,
            )
        )
        return {"message_ts": ts}

    async def permalink(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = str(args.get("channel", "")), str(args.get("message_ts", ""))
        if not any(d.ts == ts for d in self.fake.messages_in(channel)):
            raise SlackApiError("message_not_found")
        domain = self.fake.team_domain
        return {
            "channel": channel,
            "permalink": f"https://{domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}",
        }

    async def update_message(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = str(args.get("channel", "")), str(args.get("ts", ""))
        original = next(
            (
                d
                for d in self.fake.deliveries
                if d.kind == "message" and d.channel == channel and d.ts == ts
            ),
            None,
        )
        if original is None:
            raise SlackApiError("message_not_found")
        blocks = self._check_message(args)
        original.body = {**original.body, **args, "blocks": blocks}
        return {"channel": channel, "ts": ts}

    # -- modals --------------------------------------------------------------------------------
    async def views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        conversation = self.fake.conversation_by_trigger(str(args.get("trigger_id", "")))
        if conversation is None:
            raise SlackApiError("invalid_trigger_id")
        view = decode_json(args.get("view")) or {}
        problem = validate_view(view)
        if problem is not None:
            self.fake.errors.append(f"invalid view: {problem}")
            raise SlackApiError("invalid_arguments")
        view = {
            **view,
            "id": self.fake.ids.new("V"),
            "team_id": self.fake.team_id,
            "state": {"values": {}},
            "hash": self.fake.ids.new("h"),
        }
        self.fake.views[view["id"]] = view
        self.fake.record(Delivery("modal", {"view": view}, conversation.id))
        return {"view": view}

    async def views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        view_id = str(args.get("view_id", ""))
        if view_id not in self.fake.views:
            raise SlackApiError("not_found")
        view = decode_json(args.get("view")) or {}
        problem = validate_view(view)
        if problem is not None:
            self.fake.errors.append(f"invalid view: {problem}")
            raise SlackApiError("invalid_arguments")
        updated = {**self.fake.views[view_id], **view}
        self.fake.views[view_id] = updated
        self.fake.record(Delivery("modal_update", {"view": updated}, None))
        return {"view": updated}

    async def views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        """A member's Home tab: kept in ``fake.home_views`` and recorded as a ``home``
        delivery of the newest event of that member."""
        user = str(args.get("user_id", ""))
        if user not in self.fake.users:
            raise SlackApiError("user_not_found")
        view = decode_json(args.get("view")) or {}
        if view.get("type") != "home":
            self.fake.errors.append("views.publish needs a home view")
            raise SlackApiError("invalid_arguments")
        problem = validate_blocks(view.get("blocks") or [], limit=100)
        if problem is not None:
            self.fake.errors.append(f"invalid home view: {problem}")
            raise SlackApiError("invalid_arguments")
        view = {**view, "id": self.fake.ids.new("V"), "team_id": self.fake.team_id}
        self.fake.home_views[user] = view
        self.fake.record(Delivery("home", {"view": view}, self.fake.conversation_for(user), user))
        return {"view": view}

    # -- files ---------------------------------------------------------------------------------
    async def upload_url(self, args: dict[str, Any]) -> dict[str, Any]:
        filename, length = args.get("filename"), args.get("length")
        if not filename or not str(length or "").isdigit():
            raise SlackApiError("invalid_arguments")
        file = UploadedFile(self.fake.ids.new("F"), str(filename), int(str(length)))
        self.fake.files[file.id] = file
        return {"upload_url": f"{self.fake.base_url}/upload/{file.id}", "file_id": file.id}

    async def complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        entries = decode_json(args.get("files")) or []
        channel = args.get("channel_id")
        if channel:
            self._check_channel(str(channel))
        done = []
        for entry in entries:
            file = self.fake.files.get(str(entry.get("id")))
            if file is None or len(file.data) != file.length or not file.data:
                raise SlackApiError("file_not_found")
            file.title = entry.get("title") or file.filename
            file.channel = str(channel) if channel else None
            file.initial_comment = args.get("initial_comment")
            file.completed = True
            done.append({"id": file.id, "name": file.filename, "title": file.title})
            self.fake.record(
                Delivery(
                    "file",
                    {
                        "file_id": file.id,
                        "filename": file.filename,
                        "title": file.title,
                        "initial_comment": file.initial_comment,
                        "channel": file.channel,
                    },
                    self.fake.conversation_for(file.channel),
                    file.channel,
                )
            )
        return {"files": done}

    async def receive_upload(self, request: web.Request) -> web.Response:
        file = self.fake.files.get(request.match_info["file_id"])
        if file is None:
            return web.Response(status=404, text="unknown upload")
        file.data = await request.read()
        return web.Response(text=f"OK - {len(file.data)}", content_type="text/plain")


def decode_json(value: Any) -> Any:
    """Block Kit arrives as JSON text in form/query arguments and as objects in JSON bodies."""
    if isinstance(value, str):
        return json.loads(value) if value else None
    return value


def validate_blocks(blocks: Any, *, limit: int = 50) -> str | None:
    """The subset of Slack's block validation that catches real mistakes (``limit``:
    50 blocks in a message or modal, 100 in a Home tab)."""
    if not isinstance(blocks, list):
        return "blocks must be a list"
    if len(blocks) > limit:
        return f"{len(blocks)} blocks (max {limit})"
    action_ids: set[str] = set()
    for block in blocks:
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCK_TYPES:
            return f"unknown block type {kind!r}"
        text = block.get("text")
        if isinstance(text, dict):
            limit = 150 if kind == "header" else 3000
            if len(str(text.get("text", ""))) > limit:
                return f"{kind} text longer than {limit}"
            if not str(text.get("text", "")):
                return f"empty {kind} text"
        for field_ in block.get("fields") or []:
            if len(str(field_.get("text", ""))) > 2000:
                return "field longer than 2000"
        if len(block.get("fields") or []) > 10:
            return "more than 10 fields"
        for element in block.get("elements") or []:
            action_id = element.get("action_id")
            if action_id is not None:
                if action_id in action_ids:
                    return f"duplicate action_id {action_id}"
                action_ids.add(action_id)
            if element.get("type") == "button":
                if len(str((element.get("text") or {}).get("text", ""))) > 75:
                    return "button text longer than 75"
                if len(str(element.get("value", ""))) > 2000:
                    return "button value longer than 2000"
    return None


def validate_view(view: Any) -> str | None:
    if not isinstance(view, dict) or view.get("type") != "modal":
        return "view must be a modal"
    title = (view.get("title") or {}).get("text", "")
    if not title or len(title) > 24:
        return f"modal title must be 1..24 characters: {title!r}"
    for key in ("submit", "close"):
        if key in view and len((view[key] or {}).get("text", "")) > 24:
            return f"{key} text longer than 24"
    if len(str(view.get("private_metadata", ""))) > 3000:
        return "private_metadata longer than 3000"
    return validate_blocks(view.get("blocks") or [])


def json_response(
    body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.Response(
        text=json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/json",
        headers=headers,
    )
