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
from collections.abc import Awaitable, Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.errors import NotModerator, UserFacingError
from bot.services import Services
from bot.slack.blocks import Reply, section
from bot.slack.commands import CommandTable, SlashCommand
from bot.slack.context import SlackNotModerator, SlackRequest, build_request
from bot.slack.directory import SlackDirectory
from bot.slack.handlers import all_actions, all_commands, all_views
from bot.slack.handlers.base import ActionHandler, ViewHandler, view_values
from bot.slack.handlers.privacy import purge_workspace
from bot.slack.poster import SlackPoster

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
        self.actions = dict(all_actions() if actions is None else actions)
        self.views = dict(all_views() if views is None else views)
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
        self.app.action(ANY)(self._on_action)
        self.app.view_submission(ANY)(self._on_view)
        for event in UNINSTALL_EVENTS:
            self.app.event(event)(self._on_uninstall)
        self.app.error(self._on_error)

    # -- listeners (they only ack and schedule) ------------------------------------------------
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
            team_id=str(body.get("team_id")),
            user_id=str(body.get("user_id")),
            channel_id=body.get("channel_id"),
            trigger_id=body.get("trigger_id"),
            command=str(body.get("command", "")),
            user_name=body.get("user_name"),
        )
        reply = await self.guarded(
            request,
            self.table.run(request, request.command, str(body.get("text") or "")),
            what=request.command,
        )
        if reply is not None:
            await self.deliver(request, reply, respond)

    async def _action(self, body: dict[str, Any], respond: AsyncRespond) -> None:
        action = (body.get("actions") or [{}])[0]
        action_id = str(action.get("action_id", ""))
        request = await self._interaction_request(body, (body.get("channel") or {}).get("id"))
        handler = self.actions.get(action_id.split(":", 1)[0])
        if handler is None:
            log.warning("no handler for Slack action %s", action_id)
            return
        replies = await self.guarded(
            request,
            handler(request, action_id, str(action.get("value") or ""), body),
            what=f"action {action_id}",
        )
        for reply in [replies] if isinstance(replies, Reply) else replies or ():
            await self.deliver(request, reply, respond)

    async def _view(self, body: dict[str, Any]) -> _ViewOutcome:
        """Run a submission; errors are shown on the modal's first input."""
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
            return _ViewOutcome(request, errors={_first_input(view): _error_text(request, exc)})
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
        response = await respond(**reply.message())
        if response.status_code != 200:
            log.warning("respond() got HTTP %s; posting privately instead", response.status_code)
            await self.post_private(request, reply)
        if reply.upload is not None:
            await self.upload(request, reply)

    async def post_private(self, request: SlackRequest, reply: Reply) -> None:
        """Answer without a response_url (after a modal): privately in the channel, or
        in the member's direct messages with the app."""
        message: dict[str, Any] = {"text": reply.text, "blocks": list(reply.blocks) or None}
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
            note = request.t("slack.file_unavailable")
            try:
                await self.client.chat_postEphemeral(
                    channel=request.channel.external_id if request.channel else member,
                    user=member,
                    text=note,
                    blocks=[section(note)],
                )
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
    if isinstance(exc, NotModerator) and not isinstance(exc, SlackNotModerator):
        return request.t("slack.error.not_moderator")
    return request.t(exc.key, **exc.params)


def _metadata(raw: Any) -> dict[str, Any]:
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _first_input(view: dict[str, Any]) -> str:
    for block in view.get("blocks") or []:
        if block.get("type") == "input" and block.get("block_id"):
            return str(block["block_id"])
    return "input"
