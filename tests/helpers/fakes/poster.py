"""An in-memory ``Poster`` for service tests: records every call, deduplicates
nonces the way Discord does, and can be told to fail."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.refs import ChannelRef, CommunityRef
from bot.ports import HistoryUnavailable, OutgoingMessage


@dataclass(frozen=True)
class PostCall:
    channel: ChannelRef
    message: OutgoingMessage
    nonce: str


@dataclass(frozen=True)
class Notice:
    community: CommunityRef
    message: OutgoingMessage
    channel: ChannelRef | None


class Crash(BaseException):
    """Simulates the process dying (not an ``Exception``, so nothing catches it)."""


class FakePoster:
    """Records posts. ``posts`` is what members would see (a repeated nonce is dropped,
    as Discord does within its window); ``calls`` is every attempt made."""

    def __init__(self) -> None:
        self.calls: list[PostCall] = []
        self.posts: list[PostCall] = []
        self.notices: list[Notice] = []
        self._by_nonce: dict[str, str] = {}
        self._failures: deque[BaseException] = deque()
        self._broken_channels: dict[str, Exception] = {}
        self.after_post: Callable[[PostCall], None] | None = None

    def fail_next(self, *errors: BaseException) -> None:
        """Raise these, one per call, on the next posts (before anything is posted)."""
        self._failures.extend(errors)

    def clear_failures(self) -> None:
        self._failures.clear()

    def break_channel(self, channel_id: str, error: Exception) -> None:
        """Every post to ``channel_id`` raises ``error`` from now on."""
        self._broken_channels[channel_id] = error

    async def post(self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str) -> str:
        call = PostCall(channel, message, nonce)
        self.calls.append(call)
        if self._failures:
            raise self._failures.popleft()
        if channel.external_id in self._broken_channels:
            raise self._broken_channels[channel.external_id]
        if nonce in self._by_nonce:
            return self._by_nonce[nonce]
        message_id = str(1000 + len(self.posts))
        self._by_nonce[nonce] = message_id
        self.posts.append(call)
        if self.after_post is not None:
            self.after_post(call)
        return message_id

    async def find_posted(
        self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str
    ) -> str | None:
        """The id of a post in ``channel`` with ``message``'s body and mark (what
        Discord can compare); ``HistoryUnavailable`` for a channel broken with
        ``break_channel``."""
        if channel.external_id in self._broken_channels:
            raise HistoryUnavailable(str(self._broken_channels[channel.external_id]))
        for number, post in enumerate(self.posts):
            if (post.channel, post.message.marked_at, post.message.body) == (
                    channel, message.marked_at, message.body):
                return str(1000 + number)
        return None

    async def notify_moderators(
        self, community: CommunityRef, message: OutgoingMessage, *, channel: ChannelRef | None
    ) -> None:
        self.notices.append(Notice(community, message, channel))
