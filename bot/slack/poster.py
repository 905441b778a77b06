"""The ``Poster`` port on Slack: platform-neutral messages become Block Kit posts."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.identity import ChannelRef, CommunityRef
from bot.ports import ChannelUnavailable, DeliveryError, OutgoingMessage, TransientDeliveryError
from bot.slack.blocks import outgoing_blocks

log = logging.getLogger(__name__)

EVENT_TYPE = "studybot_post"
# Moderator notices are not scheduled occurrences: nothing to de-duplicate.
MODERATOR_NOTICE_NONCE = "moderator-notice"
# How far back a re-sent occurrence is looked for: it was posted minutes ago.
RECENT_MESSAGES = 50

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
        posting and recording it).
        """
        if nonce != MODERATOR_NOTICE_NONCE:
            earlier = await self._posted_with(channel, nonce)
            if earlier is not None:
                log.info("message with nonce %s is already in %s; not posting it again",
                         nonce, channel.external_id)
                return earlier
        text, blocks = outgoing_blocks(message)
        try:
            response = await self._client.chat_postMessage(
                channel=channel.external_id,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                unfurl_media=False,
                metadata={"event_type": EVENT_TYPE, "event_payload": {"nonce": nonce}},
            )
        except SlackApiError as exc:
            raise _delivery_error(exc) from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise TransientDeliveryError(f"{type(exc).__name__}: {exc}") from exc
        return str(response.get("ts"))

    async def _posted_with(self, channel: ChannelRef, nonce: str) -> str | None:
        """The ``ts`` of one of the channel's latest messages carrying ``nonce``, or
        None. Slack lets a bot read only channels it is in, so a public channel it
        posts into with ``chat:write.public`` is joined first (``channels:join``);
        where Slack still will not say, posting is the better risk."""
        try:
            response = await self._history(channel)
        except SlackApiError as exc:
            if exc.response.get("error") != "not_in_channel" or not await self.join(channel):
                log.info("could not read %s to look for nonce %s: %s",
                         channel.external_id, nonce, exc.response.get("error"))
                return None
            try:
                response = await self._history(channel)
            except SlackApiError as again:
                log.info("could not read %s after joining: %s",
                         channel.external_id, again.response.get("error"))
                return None
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            log.debug("could not read %s to look for nonce %s: %s",
                      channel.external_id, nonce, exc)
            return None
        for posted in response.get("messages") or []:
            metadata = posted.get("metadata") or {}
            if (metadata.get("event_type") == EVENT_TYPE
                    and (metadata.get("event_payload") or {}).get("nonce") == nonce):
                return str(posted.get("ts"))
        return None

    async def _history(self, channel: ChannelRef) -> Any:
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
