"""The Slack front end: a slack_bolt ``AsyncApp`` whose listeners ack at once and do
the work afterwards.

Slack gives an app 3 seconds to ack. The app runs with ``process_before_response``
(the ack goes out as soon as the listener returns, no 10 ms polling) and every
listener only acks and hands the real work to a tracked background task, which
answers through ``respond()`` (the command's ``response_url``), ``chat.*`` or
``views.*``. Modal submissions are the one exception: their errors must come back
in the ack, so the work gets a short budget before the ack (see ``VIEW_BUDGET``).
At most ``WORK_SLOTS`` pieces of work run at once, so in a burst the acks of later
commands are not queued behind the CPU and SQLite time of earlier ones (measured in
``benchmarks/bench_slack.py``: 500 ``/ask`` at once, ack p99 about 470 ms without
the limit and 70 ms with it).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from aiohttp import ClientSession
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook import WebhookResponse
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.core.errors import NotModerator, UserFacingError
from bot.services import Services
from bot.slack.blocks import Reply, section, unescape
from bot.slack.commands import CommandTable, SlashCommand
from bot.slack.context import SlackRequest, build_request
from bot.slack.directory import SlackDirectory
from bot.slack.handlers import (
    all_actions,
    all_commands,
    all_shortcuts,
    all_view_fields,
    all_views,
)
from bot.slack.handlers.base import ActionHandler, ViewHandler, field_of, view_values
from bot.slack.handlers.home import publish_home
from bot.slack.handlers.privacy import purge_workspace
from bot.slack.handlers.shortcuts import ShortcutHandler
from bot.slack.poster import SlackPoster
from bot.slack.wording import SlackCatalog

log = logging.getLogger(__name__)

# How long a modal submission may work before the ack must go out anyway (Slack
# allows 3 s including the network); a slower submission is acked and finished later.
VIEW_BUDGET = 2.0
WORK_SLOTS = 8
COMMAND_PATTERN = re.compile(r"^/.+")
ANY = re.compile(r".+")
# Events after which nothing of the workspace may be kept (declared in the manifest).
UNINSTALL_EVENTS = ("app_uninstalled", "tokens_revoked")


class SlackFrontEnd:
    """studybot on Slack: the bolt app, its listeners and the work they start."""

    def __init__(
        self,
        services: Services,
        client: AsyncWebClient,
        *,
        signing_secret: str | None = None,
        commands: Iterable[SlashCommand] | None = None,
        actions: Mapping[str, ActionHandler] | None = None,
        views: Mapping[str, ViewHandler] | None = None,
    ) -> None:
        self.services = services
        self.client = client
        self.directory = SlackDirectory(client, services)
        self.table = CommandTable(all_commands() if commands is None else commands, services.texts)
        self.texts = SlackCatalog(services.texts, self.table.declared)
        self.actions = dict(all_actions() if actions is None else actions)
        self.views = dict(all_views() if views is None else views)
        self.view_fields = all_view_fields()
        self.shortcuts: dict[str, ShortcutHandler] = all_shortcuts()
        self.poster = SlackPoster(client)
        self.app = AsyncApp(
            client=client,
            # Socket Mode needs no signature; HTTP mode verifies every request.
            signing_secret=signing_secret or "",
            request_verification_enabled=signing_secret is not None,
            process_before_response=True,
            logger=logging.getLogger("slack_bolt.studybot"),
        )
        self._tasks: set[asyncio.Task[None]] = set()
        # Work after acks runs a few at a time: in a burst, acks (cheap) are not queued
        # behind hundreds of answers (CPU-bound search, one SQLite writer).
        self._work_slots = asyncio.Semaphore(WORK_SLOTS)
        self.app.command(COMMAND_PATTERN)(self._on_command)
        for event_type, listener in self.event_listeners().items():
            self.app.event(event_type)(listener)
        for callback_id in self.shortcuts:
            self.app.shortcut(callback_id)(self._on_shortcut)
        self.app.action(ANY)(self._on_action)
        self.app.view_submission(ANY)(self._on_view)
        self.app.error(self._on_error)

    def send_through(self, session: ClientSession) -> None:
        """Send every Web API call and ``response_url`` answer through ``session``'s
        pool of kept-alive connections (the caller closes it). Without one, slack_sdk
        opens a session, so a new TCP and TLS connection to Slack, for each of them."""
        self.client.session = session

    def event_listeners(self) -> dict[str, Callable[..., Awaitable[None]]]:
        """The Events API events this app subscribes to (slack/manifest.yaml declares
        exactly these) and their listeners."""
        listeners: dict[str, Callable[..., Awaitable[None]]] = {
            "app_home_opened": self._on_home_opened}
        listeners.update(dict.fromkeys(UNINSTALL_EVENTS, self._on_uninstall))
        return listeners

    # -- listeners (they only ack and schedule) ------------------------------------------------
    async def _on_shortcut(
        self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond
    ) -> None:
        await ack()
        self.spawn(self._shortcut(body, respond), f"shortcut {body.get('callback_id')}")

    async def _on_home_opened(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        if event.get("tab", "home") == "home":
            self.spawn(self._home(body, event), "app home")
    async def _on_command(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        self.spawn(self._command(body, respond), f"command {body.get('command')}")

    async def _on_action(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        self.spawn(self._action(body, respond), "block action")

    async def _on_view(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        work = asyncio.create_task(self._view(body))
        done, _ = await asyncio.wait({work}, timeout=VIEW_BUDGET)
        if work not in done:
            await ack()
            self.spawn(self._finish_late_view(work), "slow modal submission")
            return
        outcome = work.result()
        if outcome.errors:
            await ack(response_action="errors", errors=outcome.errors)
            return
        await ack()
        if outcome.reply is not None:
            self.spawn(self.post_private(outcome.request, outcome.reply), "modal confirmation")

    async def _finish_late_view(self, work: asyncio.Task[_ViewOutcome]) -> None:
        outcome = await work
        reply = outcome.reply
        if outcome.errors:
            reply = Reply(text="\n".join(outcome.errors.values()))
        if reply is not None:
            await self.post_private(outcome.request, reply)

    async def _on_uninstall(self, body: dict[str, Any]) -> None:
        """The workspace uninstalled the app or revoked its tokens: purge its data now."""
        event_type = str((body.get("event") or {}).get("type"))
        await purge_workspace(self.services, str(body.get("team_id")), event_type)

    async def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        log.error(
            "Slack listener failed (type=%s)",
            body.get("type") or body.get("command"),
            exc_info=error,
        )

    # -- the work ------------------------------------------------------------------------------
    async def _command(self, body: dict[str, Any], respond: AsyncRespond) -> None:
        request = await build_request(
            self.services,
            self.client,
            self.directory,
            self.texts,
            team_id=str(body.get("team_id")),
            user_id=str(body.get("user_id")),
            channel_id=body.get("channel_id"),
            trigger_id=body.get("trigger_id"),
            command=str(body.get("command", "")),
            user_name=body.get("user_name"),
        )
        reply = await self.guarded(
            request,
            # The one way in for typed text: Slack's entities become characters here.
            self.table.run(request, request.command, unescape(str(body.get("text") or ""))),
            what=request.command,
        )
        if reply is not None:
            await self.deliver(request, reply, respond)

    async def _shortcut(self, body: dict[str, Any], respond: AsyncRespond) -> None:
        callback_id = str(body.get("callback_id", ""))
        request = await self._interaction_request(body, (body.get("channel") or {}).get("id"))
        message = body.get("message") or {}
        reply = await self.guarded(
            request,
            # The message's text is Slack-escaped like a command's: unescaped once here.
            self.shortcuts[callback_id](request, unescape(str(message.get("text") or "")), body),
            what=f"shortcut {callback_id}",
        )
        if reply is not None:
            await self.deliver(request, reply, respond)

    async def _home(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        request = await build_request(
            self.services,
            self.client,
            self.directory,
            self.texts,
            team_id=str(body.get("team_id") or event.get("team") or ""),
            user_id=str(event.get("user")),
            channel_id=None,
        )
        await self._publish_home(request)

    async def _publish_home(self, request: SlackRequest) -> None:
        try:
            await publish_home(request)
        except SlackApiError as exc:
            log.warning("could not publish the Home tab of %s: %s",
                        request.member.external_id, exc.response.get("error"))

    async def _action(self, body: dict[str, Any], respond: AsyncRespond) -> None:
        action = (body.get("actions") or [{}])[0]
        action_id = str(action.get("action_id", ""))
        request = await self._interaction_request(body, (body.get("channel") or {}).get("id"))
        handler = self.actions.get(action_id.split(":", 1)[0])
        if handler is None:
            log.warning("no handler for Slack action %s", action_id)
            return
        work = handler(request, action_id, str(action.get("value") or ""), body)
        if (body.get("view") or {}).get("type") == "home":
            await self._home_action(request, work, action_id)
            return
        replies = await self.guarded(request, work, what=f"action {action_id}")
        for reply in [replies] if isinstance(replies, Reply) else replies or ():
            await self.deliver(request, reply, respond)

    async def _home_action(
        self, request: SlackRequest, work: Awaitable[object], action_id: str
    ) -> None:
        """A click on the Home tab has no message to answer: the tab is redrawn, and a
        refusal goes to the member's direct messages with the app."""
        try:
            await work
        except UserFacingError as exc:
            await self.post_private(request, Reply(text=_error_text(request, exc)))
        except Exception:
            log.exception("Home tab action %s failed (user=%s)", action_id,
                          request.member.external_id)
        await self._publish_home(request)

    async def _view(self, body: dict[str, Any]) -> _ViewOutcome:
        """Run a submission; an error is shown under the input it is about (the first
        input when it is about none of them)."""
        view = body.get("view") or {}
        metadata = _metadata(view.get("private_metadata"))
        request = await self._interaction_request(body, metadata.get("channel"))
        handler = self.views.get(str(view.get("callback_id", "")))
        if handler is None:
            log.warning("no handler for Slack modal %s", view.get("callback_id"))
            return _ViewOutcome(request)
        try:
            reply = await handler(request, view_values(view), metadata)
        except UserFacingError as exc:
            fields = self.view_fields.get(str(view.get("callback_id", "")), {})
            block = _input_for(view, field_of(exc, fields))
            return _ViewOutcome(request, errors={block: _error_text(request, exc)})
        except Exception:
            log.exception(
                "modal %s failed (team=%s user=%s)",
                view.get("callback_id"),
                request.community.external_id,
                request.member.external_id,
            )
            return _ViewOutcome(request, errors={_first_input(view): request.t("error.unexpected")})
        return _ViewOutcome(request, reply)

    async def _interaction_request(
        self, body: dict[str, Any], channel_id: str | None
    ) -> SlackRequest:
        user = body.get("user") or {}
        team = body.get("team") or {}
        return await build_request(
            self.services,
            self.client,
            self.directory,
            self.texts,
            team_id=str(team.get("id") or user.get("team_id")),
            user_id=str(user.get("id")),
            channel_id=channel_id,
            trigger_id=body.get("trigger_id"),
            user_name=user.get("name") or user.get("username"),
        )

    async def guarded(
        self, request: SlackRequest, work: Awaitable[_Answer], *, what: str
    ) -> _Answer | Reply:
        """Run ``work``; expected errors become a private reply in the member's language,
        anything else a generic one plus a logged traceback."""
        try:
            return await work
        except UserFacingError as exc:
            return Reply(text=_error_text(request, exc))
        except Exception:
            log.exception(
                "Slack %s failed (team=%s user=%s channel=%s)",
                what,
                request.community.external_id,
                request.member.external_id,
                request.channel.external_id if request.channel else None,
            )
            return Reply(text=request.t("error.unexpected"))

    # -- answering -----------------------------------------------------------------------------
    async def deliver(self, request: SlackRequest, reply: Reply, respond: AsyncRespond) -> None:
        """Answer through the response_url, then share the reply's file if it has one."""
        response = await self._respond(respond, reply.message())
        if response.status_code != 200:
            log.warning("respond() got HTTP %s; posting privately instead", response.status_code)
            await self.post_private(request, reply)
        if reply.upload is not None:
            await self.upload(request, reply)

    async def _respond(self, respond: AsyncRespond, message: dict[str, Any]) -> WebhookResponse:
        """``respond(**message)``, through the kept-alive connections when there are
        (bolt's ``respond`` always opens its own)."""
        session = self.client.session
        if session is None or respond.response_url is None:
            return await respond(**message)
        webhook = AsyncWebhookClient(
            url=respond.response_url, session=session, proxy=respond.proxy, ssl=respond.ssl)
        return await webhook.send_dict(message)

    async def post_private(self, request: SlackRequest, reply: Reply) -> None:
        """Answer without a response_url (after a modal): privately in the channel, or
        in the member's direct messages with the app."""
        message = reply.post_arguments()
        try:
            if request.channel is None:
                await self.client.chat_postMessage(channel=request.member.external_id, **message)
            elif reply.public:
                await self.client.chat_postMessage(channel=request.channel.external_id, **message)
            else:
                await self.client.chat_postEphemeral(
                    channel=request.channel.external_id, user=request.member.external_id, **message
                )
        except SlackApiError as exc:
            log.warning(
                "could not answer %s privately: %s",
                request.member.external_id,
                exc.response.get("error"),
            )
            return
        if reply.upload is not None:
            await self.upload(request, reply)

    async def upload(self, request: SlackRequest, reply: Reply) -> None:
        """Share ``reply.upload``: in the request's channel when the reply is public,
        else in the member's direct messages with the app (an ephemeral message cannot
        carry a file)."""
        upload = reply.upload
        assert upload is not None
        member = request.member.external_id
        channel = request.channel.external_id if request.channel and reply.public else None
        try:
            if channel is None:
                opened = await self.client.conversations_open(users=member)
                channel = str((opened.get("channel") or {}).get("id"))
            await self.client.files_upload_v2(
                channel=channel,
                file=upload.content,
                filename=upload.filename,
                title=upload.title,
                initial_comment=upload.comment,
            )
        except SlackApiError as exc:
            log.info("file upload to %s refused: %s", channel, exc.response.get("error"))
            await self._tell_upload_failed(request)

    async def _tell_upload_failed(self, request: SlackRequest) -> None:
        """Say privately that a file could not be shared: in the channel, or, where
        the bot cannot even post there (a private channel without it), in the member's
        direct messages with the app."""
        note = request.t("slack.file_unavailable")
        member = request.member.external_id
        if request.channel is not None:
            try:
                await self.client.chat_postEphemeral(
                    channel=request.channel.external_id, user=member, text=note,
                    blocks=[section(note)],
                )
                return
            except SlackApiError as exc:
                log.info("could not tell %s in %s: %s", member, request.channel.external_id,
                         exc.response.get("error"))
        try:
            await self.client.chat_postMessage(channel=member, text=note, blocks=[section(note)])
        except SlackApiError:
            log.warning("could not tell %s the upload failed", member)

    # -- background tasks ----------------------------------------------------------------------
    def spawn(self, work: Coroutine[Any, Any, Any], label: str) -> None:
        """Run ``work`` after the ack; failures are logged, never lost."""
        self._track(asyncio.create_task(self._in_slot(work)), label)

    async def _in_slot(self, work: Coroutine[Any, Any, Any]) -> Any:
        async with self._work_slots:
            return await work

    def _track(self, task: asyncio.Task[Any], label: str) -> None:
        self._tasks.add(task)

        def finished(done: asyncio.Task[Any]) -> None:
            self._tasks.discard(done)
            if not done.cancelled() and done.exception() is not None:
                log.error("Slack background work failed: %s", label, exc_info=done.exception())

        task.add_done_callback(finished)

    @property
    def pending(self) -> int:
        """Background tasks still running."""
        return len(self._tasks)

    async def drain(self, grace: float = 10.0) -> None:
        """Let running work finish (shutdown); whatever is left after ``grace`` s is
        cancelled."""
        if not self._tasks:
            return
        _, late = await asyncio.wait(set(self._tasks), timeout=grace)
        for task in late:
            task.cancel()
        if late:
            log.warning("cancelled %d Slack tasks still running at shutdown", len(late))
            await asyncio.gather(*late, return_exceptions=True)


_Answer = TypeVar("_Answer", Reply | None, Reply | Sequence[Reply] | None)


@dataclass
class _ViewOutcome:
    request: SlackRequest
    reply: Reply | None = None
    errors: dict[str, str] | None = None


def _error_text(request: SlackRequest, exc: UserFacingError) -> str:
    if isinstance(exc, NotModerator):  # Slack's own words: admins or the user group
        return request.t("slack.error.not_moderator")
    return request.t(exc.key, **exc.params)


def _metadata(raw: Any) -> dict[str, Any]:
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _first_input(view: dict[str, Any]) -> str:
    return _input_for(view, None)


def _input_for(view: dict[str, Any], wanted: str | None) -> str:
    """The block id of input ``wanted`` when the modal has it, else of the first input."""
    inputs = [
        str(block["block_id"])
        for block in view.get("blocks") or []
        if block.get("type") == "input" and block.get("block_id")
    ]
    if wanted in inputs:
        return str(wanted)
    return inputs[0] if inputs else "input"
