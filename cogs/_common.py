"""Helpers every cog uses to reach services and to identify who is asking."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.community import is_moderator
from bot.core.actor import Actor
from bot.core.errors import NotModerator, UserFacingError
from bot.core.refs import DISCORD, ChannelRef, CommunityRef, MemberRef
from bot.i18n import Lang
from bot.services import Services

if TYPE_CHECKING:
    from bot.discord_app.client import StudyBot


def bot_of(interaction: discord.Interaction[Any]) -> StudyBot:
    return interaction.client


def services_of(interaction: discord.Interaction[Any]) -> Services:
    """The service container of the bot that received ``interaction``."""
    return bot_of(interaction).services


def community_of(interaction: discord.Interaction[Any]) -> CommunityRef:
    """The guild the interaction came from (commands are guild-only)."""
    if interaction.guild_id is None:
        raise UserFacingError("error.guild_only")
    return CommunityRef(DISCORD, str(interaction.guild_id))


def member_of(interaction: discord.Interaction[Any]) -> MemberRef:
    """The member who sent the interaction."""
    return MemberRef(community_of(interaction), str(interaction.user.id))


def member_ref(interaction: discord.Interaction[Any], user: discord.abc.User) -> MemberRef:
    """Another member of the interaction's guild."""
    return MemberRef(community_of(interaction), str(user.id))


def channel_ref(
    interaction: discord.Interaction[Any], channel: discord.abc.Snowflake
) -> ChannelRef:
    """A channel of the interaction's guild."""
    return ChannelRef(community_of(interaction), str(channel.id))


async def language_of(interaction: discord.Interaction[Any]) -> Lang:
    """Korean or English for this member (a guild may force one)."""
    return await bot_of(interaction).language_for_interaction(interaction)


async def language_and_services(interaction: discord.Interaction[Any]) -> tuple[Lang, Services]:
    """The member's language and the services, the pair most commands start with."""
    return await language_of(interaction), services_of(interaction)


async def actor_of(interaction: discord.Interaction[Any]) -> Actor:
    """Who asks, found out once per interaction: the member, whether they may
    moderate (checked on the server), their language and display name."""
    return Actor(
        member_of(interaction),
        is_moderator=await caller_is_moderator(interaction),
        lang=await language_of(interaction),
        display_name=display_name(interaction.user),
    )


T = TypeVar("T")


def moderator_only() -> Callable[[T], T]:
    """Decorate a command so it runs only for moderators, checked on the server.

    Use with ``default_permissions`` (which only hides the command in Discord's UI);
    this check refuses a crafted interaction all the same, before any option is used.
    """

    async def predicate(interaction: discord.Interaction[Any]) -> bool:
        # False makes discord.py raise its CheckFailure, answered as ``NotModerator`` is.
        return await caller_is_moderator(interaction)

    predicate.__studybot_moderator__ = True  # type: ignore[attr-defined]
    return app_commands.check(predicate)


def is_moderator_command(command: app_commands.Command[Any, ..., Any]) -> bool:
    """Whether ``command`` carries the ``moderator_only`` check."""
    return any(getattr(check, "__studybot_moderator__", False) for check in command.checks)


async def require_moderator(interaction: discord.Interaction[Any]) -> None:
    """Refuse unless the caller has Manage Server or the guild's moderator role.

    Discord hides moderator commands with ``default_permissions``; this check runs
    on the server too, so a crafted interaction is refused all the same.
    """
    config = await services_of(interaction).community.config(community_of(interaction))
    user = interaction.user
    # The interaction carries the member's role ids; ``Member.roles`` would drop any
    # role missing from the cache, so read the ids themselves.
    role_ids = [str(role_id) for role_id in getattr(user, "_roles", [])]
    allowed = is_moderator(
        can_manage_community=interaction.permissions.manage_guild,
        role_ids=role_ids,
        moderator_role=config.moderator_role,
    )
    if not allowed:
        raise NotModerator()


async def caller_is_moderator(interaction: discord.Interaction[Any]) -> bool:
    """Whether ``require_moderator`` would let the caller through (e.g. for /help)."""
    try:
        await require_moderator(interaction)
    except NotModerator:
        return False
    return True


def display_name(user: discord.abc.User) -> str:
    """The name to remember for leaderboards and recaps."""
    return getattr(user, "display_name", None) or user.name
