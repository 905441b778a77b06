"""One Slack request as the handlers see it: who, where, which language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.core.actor import Actor
from bot.core.errors import NotModerator
from bot.core.refs import SLACK, ChannelRef, CommunityRef, MemberRef
from bot.i18n import Catalog, Lang
from bot.services import Services
from bot.slack.blocks import slack_bold
from bot.slack.directory import SlackDirectory


@dataclass
class SlackRequest:
    """Everything a handler needs; built after the ack, so lookups may take a moment."""

    services: Services
    client: AsyncWebClient
    directory: SlackDirectory
    community: CommunityRef
    member: MemberRef
    channel: ChannelRef | None
    lang: Lang
    texts: Catalog
    display_name: str | None = None
    trigger_id: str | None = None
    command: str = ""

    def t(self, key: str, /, **params: Any) -> str:
        """The catalog text ``key`` in the member's language, as Slack words it (see
        ``bot.slack.wording``; Markdown bold as Slack's)."""
        return slack_bold(self.texts.t(key, self.lang, **params))

    async def actor(self) -> Actor:
        """Who asks: the member, whether they are a workspace admin/owner or in the
        configured moderator user group (asked on every request: Slack has no hidden
        commands), their language and name."""
        moderator = await self.directory.is_moderator(self.community, self.member.external_id)
        return Actor(self.member, is_moderator=moderator, lang=self.lang,
                     display_name=self.display_name)

    async def require_moderator(self) -> None:
        """Refuse (``NotModerator``) unless the caller may moderate."""
        if not await self.directory.is_moderator(self.community, self.member.external_id):
            raise NotModerator()

    def member_ref(self, user_id: str) -> MemberRef:
        """Another member of this workspace."""
        return MemberRef(self.community, user_id)

    def channel_ref(self, channel_id: str) -> ChannelRef:
        return ChannelRef(self.community, channel_id)


def community_of(team_id: str) -> CommunityRef:
    """A Slack workspace; storage keys carry the platform, so it never meets a guild."""
    return CommunityRef(SLACK, team_id)


async def build_request(
    services: Services,
    client: AsyncWebClient,
    directory: SlackDirectory,
    texts: Catalog,
    *,
    team_id: str,
    user_id: str,
    channel_id: str | None,
    trigger_id: str | None = None,
    command: str = "",
    user_name: str | None = None,
) -> SlackRequest:
    """Identify the caller and pick their language (one cached users.info lookup)."""
    community = community_of(team_id)
    profile = await directory.profile(user_id)
    lang = await directory.language(community, user_id)
    return SlackRequest(
        services=services,
        client=client,
        directory=directory,
        community=community,
        member=MemberRef(community, user_id),
        channel=ChannelRef(community, channel_id) if channel_id else None,
        lang=lang,
        texts=texts,
        display_name=(profile.display_name if profile else None) or user_name,
        trigger_id=trigger_id,
        command=command,
    )
