"""Platform-neutral identities: the core knows communities, channels and members
only as a platform name plus an opaque text id (a Discord snowflake, a Slack id)."""

from __future__ import annotations

from dataclasses import dataclass

DISCORD = "discord"
SLACK = "slack"


@dataclass(frozen=True, slots=True)
class CommunityRef:
    """A Discord guild or a Slack workspace."""

    platform: str
    external_id: str


@dataclass(frozen=True, slots=True)
class MemberRef:
    """A person inside one community."""

    community: CommunityRef
    external_id: str


@dataclass(frozen=True, slots=True)
class ChannelRef:
    """A channel inside one community."""

    community: CommunityRef
    external_id: str
