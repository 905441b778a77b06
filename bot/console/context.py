"""Who is typing in the console, in which language and channel.

The console is one community of its own platform (``console``), so its data never
mixes with a Discord server's or a Slack workspace's in a shared database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.community import is_moderator
from bot.console.replies import Reply
from bot.core.actor import Actor
from bot.core.refs import ChannelRef, CommunityRef, MemberRef
from bot.i18n import Lang
from bot.services import Services

CONSOLE = "console"
COMMUNITY = CommunityRef(CONSOLE, "studybot-console")
MEMBER, MODERATOR = "member", "moderator"
DEFAULT_CHANNEL = "general"


@dataclass
class Identity:
    """The person typing: a name and whether they have the moderator permission
    (the console's stand-in for Discord's Manage Server)."""

    name: str = MEMBER
    moderator: bool = False


@dataclass
class ConsoleContext:
    """Everything a console command needs; the session changes it with ``/as``,
    ``/lang`` and ``/channel``."""

    services: Services
    files: Path
    identity: Identity
    lang: Lang
    channel_id: str = DEFAULT_CHANNEL
    community: CommunityRef = COMMUNITY
    # Shows a message posted in a channel (a round's announcement): (channel id, reply).
    announce: Callable[[str, Reply], None] = field(default=lambda channel, reply: None)

    def t(self, key: str, /, **params: Any) -> str:
        """The catalog text ``key`` in the member's language."""
        return self.services.texts.t(key, self.lang, **params)

    @property
    def member(self) -> MemberRef:
        return MemberRef(self.community, self.identity.name)

    @property
    def channel(self) -> ChannelRef:
        return ChannelRef(self.community, self.channel_id)

    def member_ref(self, name: str) -> MemberRef:
        return MemberRef(self.community, name)

    def channel_ref(self, name: str) -> ChannelRef:
        return ChannelRef(self.community, name)

    async def shared_language(self) -> Lang:
        """The language of what everyone reads in a channel: the community's forced
        language, else the bot's default."""
        return await self.services.community.shared_language(self.community)

    async def actor(self) -> Actor:
        """Who is typing: the person, whether they may moderate (the ``/as moderator``
        permission or the configured role), their language."""
        config = await self.services.community.config(self.community)
        moderator = is_moderator(
            can_manage_community=self.identity.moderator,
            role_ids=(),
            moderator_role=config.moderator_role,
        )
        return Actor(self.member, is_moderator=moderator, lang=self.lang,
                     display_name=self.identity.name)

    async def require_moderator(self) -> None:
        """Refuse unless the person has the moderator permission (``/as moderator``);
        checked by the command table before a moderator command runs."""
        (await self.actor()).require_moderator()
