"""Platform-neutral identities: the core knows communities, channels and members
only as a platform name plus an opaque text id (a Discord snowflake, a Slack id)."""

from __future__ import annotations

from dataclasses import dataclass

DISCORD = "discord"
SLACK = "slack"
# The external id of a placeholder that took a deleted member's place in past
# records starts with this; it is never a platform id, so never a mention.
FORMER_MEMBER_PREFIX = "former-"


def is_former_member(external_id: str) -> bool:
    """Whether a stored member is the placeholder of a deleted member."""
    return external_id.startswith(FORMER_MEMBER_PREFIX)


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
