"""The ``Poster`` port on Slack: platform-neutral messages become Block Kit posts."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.refs import ChannelRef, CommunityRef
from bot.ports import (
    ChannelUnavailable,
    DeliveryError,
    HistoryUnavailable,
    OutgoingMessage,
    TransientDeliveryError,
)
from bot.slack.blocks import outgoing_blocks

log = logging.getLogger(__name__)

EVENT_TYPE = "studybot_post"
# Moderator notices are not scheduled occurrences: nothing to de-duplicate.
MODERATOR_NOTICE_NONCE = "moderator-notice"
# How far back a re-sent occurrence (posted minutes ago) and the start of a session's
# thread (a day or so ago) are looked for.
RECENT_MESSAGES = 200
# At most this many pages of 200 messages are read to link a round's threads.
THREAD_SEARCH_PAGES = 10

# Errors after which retrying cannot help: the schedule pauses and moderators are told.
UNAVAILABLE = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_non_threadable_channel",
        "cannot_reply_to_message",
        "team_access_not_granted",
        "access_denied",
    }
)
TRANSIENT = frozenset(
    {
        "ratelimited",
        "rate_limited",
        "fatal_error",
        "internal_error",
        "service_unavailable",
        "request_timeout",
    }
)


class SlackPoster:
    """Posts ``OutgoingMessage``s with ``chat.postMessage``."""

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def post(self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str) -> str:
        """Post ``message``; returns the message's ``ts``.

        Slack has no idempotency key for ``chat.postMessage``, so the nonce travels in
        the message metadata, and a message already carrying it among the channel's
        latest is returned instead of posting again (a re-send after a crash between
        posting and recording it). A message with a ``thread`` key is posted in the
        thread its first post started (found the same way); a ping in a thread is
        also shown in the channel.
        """
        channel, message = await self._direct(channel, message)
        recent = await self._recent(channel) if nonce != MODERATOR_NOTICE_NONCE else []
        earlier, root = await self._find_in(channel, recent, message, nonce)
        if earlier is not None:
            log.info("message with nonce %s is already in %s; not posting it again",
                     nonce, channel.external_id)
            return earlier
        text, blocks = outgoing_blocks(message)
        payload = {"nonce": nonce, **({"thread": message.thread} if message.thread else {})}
        extra: dict[str, Any] = {}
        if root is not None:
            extra = {"thread_ts": str(root.get("ts")), "reply_broadcast": bool(message.ping_role)}
        try:
            response = await self._client.chat_postMessage(
                channel=channel.external_id,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                unfurl_media=False,
                metadata={"event_type": EVENT_TYPE, "event_payload": payload},
                **extra,
            )
        except SlackApiError as exc:
            raise _delivery_error(exc) from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise TransientDeliveryError(f"{type(exc).__name__}: {exc}") from exc
        return str(response.get("ts"))

    async def find_posted(
        self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str
    ) -> str | None:
        """The ``ts`` of the post carrying ``nonce`` in its metadata among the channel's
        latest messages or in the message's thread (Slack keeps the metadata, so the
        message itself is not compared); ``HistoryUnavailable`` when Slack will not say."""
        channel, message = await self._direct(channel, message)
        earlier, _ = await self._find_in(channel, await self._read_recent(channel), message,
                                         nonce)
        return earlier

    async def _direct(
        self, channel: ChannelRef, message: OutgoingMessage
    ) -> tuple[ChannelRef, OutgoingMessage]:
        """Where a personal reminder goes: its member's direct messages with the app;
        the channel (mentioning only them) when Slack will not open those."""
        if message.direct_to is None:
            return channel, message
        try:
            opened = await self._client.conversations_open(users=message.direct_to)
        except SlackApiError as exc:
            log.info("no direct messages with %s (%s); posting in the channel",
                     message.direct_to, exc.response.get("error") if exc.response else exc)
            return channel, message
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise TransientDeliveryError(f"{type(exc).__name__}: {exc}") from exc
        direct = ChannelRef(channel.community, str(opened["channel"]["id"]))
        return direct, replace(message, direct_to=None)

    async def _find_in(
        self, channel: ChannelRef, recent: list[dict[str, Any]], message: OutgoingMessage,
        nonce: str,
    ) -> tuple[str | None, dict[str, Any] | None]:
        """The ``ts`` of an earlier post with ``nonce`` (in ``recent`` or in the thread
        of ``message.thread``), and that thread's first message, if any."""
        earlier = _carrying(recent, "nonce", nonce)
        if earlier is not None:
            return str(earlier.get("ts")), None
        root = _carrying(recent, "thread", message.thread, roots_only=True)
        if root is not None:
            in_thread = _carrying(await self._replies(channel, str(root.get("ts"))), "nonce", nonce)
            if in_thread is not None:
                return str(in_thread.get("ts")), root
        return None, root

    async def _recent(self, channel: ChannelRef) -> list[dict[str, Any]]:
        """``_read_recent``, or none when Slack will not say (then posting is the
        better risk)."""
        try:
            return await self._read_recent(channel)
        except HistoryUnavailable as exc:
            log.info("could not read %s: %s", channel.external_id, exc)
            return []

    async def _read_recent(self, channel: ChannelRef) -> list[dict[str, Any]]:
        """The channel's latest messages with their metadata; ``HistoryUnavailable``
        when Slack will not say. Slack lets a bot read only channels it is in, so a
        public channel it posts into with ``chat:write.public`` is joined first
        (``channels:join``)."""
        try:
            response = await self._history(channel)
        except SlackApiError as exc:
            if exc.response.get("error") != "not_in_channel" or not await self.join(channel):
                raise HistoryUnavailable(str(exc.response.get("error"))) from exc
            try:
                response = await self._history(channel)
            except SlackApiError as again:
                raise HistoryUnavailable(
                    f"{again.response.get('error')} after joining") from again
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise HistoryUnavailable(f"{type(exc).__name__}: {exc}") from exc
        return list(response.get("messages") or [])

    async def _replies(self, channel: ChannelRef, root_ts: str) -> list[dict[str, Any]]:
        """The latest messages of a thread (where a re-sent reply would be)."""
        try:
            response = await self._client.conversations_replies(
                channel=channel.external_id, ts=root_ts, limit=RECENT_MESSAGES,
                include_all_metadata=True,
            )
        except (SlackApiError, TimeoutError, aiohttp.ClientError, OSError) as exc:
            log.info("could not read the thread %s in %s: %s", root_ts, channel.external_id, exc)
            return []
        return list(reversed(response.get("messages") or []))

    async def thread_links(self, channel: str, keys: Mapping[str, str]) -> dict[str, str]:
        """Links to the threads started in ``channel`` for ``keys`` (thread key -> what
        the caller calls it), by that name, from the channel's latest pages; threads
        further back or gone are left out."""
        found: dict[str, str] = {}
        cursor: str | None = None
        for _ in range(THREAD_SEARCH_PAGES):
            try:
                response = await self._client.conversations_history(
                    channel=channel, limit=200, include_all_metadata=True, cursor=cursor
                )
            except SlackApiError as exc:
                log.info("could not read %s for threads: %s", channel, exc.response.get("error"))
                break
            for posted in response.get("messages") or []:
                key = str(_payload(posted).get("thread"))
                if key in keys and keys[key] not in found and _is_root(posted):
                    link = await self._permalink(channel, str(posted.get("ts")))
                    if link:
                        found[keys[key]] = link
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
        return found

    async def _permalink(self, channel: str, ts: str) -> str | None:
        try:
            response = await self._client.chat_getPermalink(channel=channel, message_ts=ts)
        except SlackApiError:
            return None
        return str(response.get("permalink") or "") or None

    async def _history(self, channel: ChannelRef) -> Any:
        """The channel's latest top-level messages (thread replies are not listed)."""
        return await self._client.conversations_history(
            channel=channel.external_id, limit=RECENT_MESSAGES, include_all_metadata=True)

    async def join(self, channel: ChannelRef) -> bool:
        """Join a public channel; False when Slack refused (private, archived, no scope)."""
        try:
            await self._client.conversations_join(channel=channel.external_id)
        except SlackApiError as exc:
            log.info("could not join %s: %s", channel.external_id, exc.response.get("error"))
            return False
        except (TimeoutError, aiohttp.ClientError, OSError):
            return False
        return True

    async def notify_moderators(
        self, community: CommunityRef, message: OutgoingMessage, *, channel: ChannelRef | None
    ) -> None:
        """Post in the moderators' channel; Slack has no system channel to fall back on,
        so without one the notice is only logged. Never raises."""
        if channel is None:
            log.warning(
                "Slack workspace %s has no moderator_channel; notice not posted: %s",
                community.external_id,
                message.title or message.body[:100],
            )
            return
        try:
            await self.post(channel, message, nonce=MODERATOR_NOTICE_NONCE)
        except DeliveryError as exc:
            log.warning(
                "moderator channel %s of Slack workspace %s refused a notice: %s",
                channel.external_id,
                community.external_id,
                exc,
            )


def _payload(posted: Mapping[str, Any]) -> Mapping[str, Any]:
    metadata = posted.get("metadata") or {}
    if metadata.get("event_type") != EVENT_TYPE:
        return {}
    return metadata.get("event_payload") or {}


def _is_root(posted: Mapping[str, Any]) -> bool:
    """A thread's first message (a reply also shown in the channel is not)."""
    return posted.get("thread_ts") in (None, posted.get("ts"))


def _carrying(
    messages: list[dict[str, Any]], key: str, value: str | None, *, roots_only: bool = False
) -> dict[str, Any] | None:
    """The newest of ``messages`` whose studybot metadata has ``key`` = ``value``."""
    if value is None:
        return None
    for posted in messages:
        if _payload(posted).get(key) == value and (not roots_only or _is_root(posted)):
            return posted
    return None


def _delivery_error(exc: SlackApiError) -> DeliveryError:
    error = str(exc.response.get("error") or "")
    status = exc.response.status_code
    detail = f"{status} {error}"
    if error in UNAVAILABLE:
        return ChannelUnavailable(detail)
    if error in TRANSIENT or status == 429 or status >= 500:
        retry_after = exc.response.headers.get("Retry-After") if exc.response.headers else None
        if retry_after:
            detail += f" (Retry-After {retry_after} s)"
        return TransientDeliveryError(detail)
    return DeliveryError(detail)
