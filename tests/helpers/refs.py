"""The communities, channels and members the tests talk about, declared once.

A test that needs a community of its own says so with ``OTHER_GUILD``; ids are
arbitrary but stable, so a failure names the same ref in every run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.actor import Actor
from bot.core.refs import DISCORD, SLACK, ChannelRef, CommunityRef, MemberRef

if TYPE_CHECKING:
    from tests.helpers.fakes.discord import FakeDiscord

# A Discord server, its general and moderators' channels and its members
GUILD = CommunityRef(DISCORD, "9001")
CHANNEL, MOD_CHANNEL = (ChannelRef(GUILD, channel) for channel in ("5001", "5002"))
MOD, ALICE, BOB, ANA, BO, CY = (
    MemberRef(GUILD, member) for member in ("1", "100", "200", "101", "102", "103")
)
# MOD as the services see them when a front end found them a moderator
MOD_ACTOR = Actor(MOD, is_moderator=True)

# A second Discord server, for "nothing leaks between communities"
OTHER_GUILD = CommunityRef(DISCORD, "9002")
OTHER_CHANNEL = ChannelRef(OTHER_GUILD, "6001")

# The fake Slack's workspace (``build_default_workspace``) and its admin
TEAM = CommunityRef(SLACK, "T0STUDY")
ADMIN = MemberRef(TEAM, "U0ADMIN")
ADMIN_ACTOR = Actor(ADMIN, is_moderator=True)


def moderator(community: CommunityRef = GUILD, external_id: str = "42") -> Actor:
    """A moderator of ``community`` asking, as the front ends' ``Actor``."""
    return Actor(MemberRef(community, external_id), is_moderator=True)


def community(fake: FakeDiscord) -> CommunityRef:
    """The ref of the fake Discord's (default) guild, as studybot stores it."""
    return CommunityRef(DISCORD, str(fake.guild().id))
