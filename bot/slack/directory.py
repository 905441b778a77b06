"""Who a Slack member is: locale, admin flags, user-group membership, cached briefly.

Slack sends neither a locale nor permissions with a slash command, so each is looked
up with ``users.info`` (``include_locale=True``) and ``usergroups.users.list``. The
answers are cached for a couple of minutes (by the injected clock) so a burst of
commands costs one lookup, while a demoted admin stops being a moderator soon.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock
from bot.community import is_moderator
from bot.core.refs import CommunityRef
from bot.i18n import Lang, language_for
from bot.services import Services

log = logging.getLogger(__name__)

PROFILE_TTL = timedelta(minutes=2)
GROUP_TTL = timedelta(minutes=1)
MAX_CACHED = 5000


@dataclass(frozen=True)
class SlackProfile:
    """What the bot needs to know about one member."""

    user_id: str
    display_name: str | None
    locale: str | None
    is_admin: bool

    @classmethod
    def from_api(cls, user: dict[str, Any]) -> SlackProfile:
        profile = user.get("profile") or {}
        name = profile.get("display_name") or profile.get("real_name") or user.get("name")
        return cls(
            user_id=str(user.get("id", "")),
            display_name=str(name) if name else None,
            locale=user.get("locale") or None,
            is_admin=bool(
                user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")
            ),
        )


class _Expiring:
    """A small dict whose entries expire after ``ttl`` by ``clock``."""

    def __init__(self, clock: Clock, ttl: timedelta) -> None:
        self._clock = clock
        self._ttl = ttl
        self._items: dict[Any, tuple[datetime, Any]] = {}

    def get(self, key: Any) -> Any | None:
        found = self._items.get(key)
        if found is None or found[0] <= self._clock.now():
            return None
        return found[1]

    def put(self, key: Any, value: Any) -> None:
        if len(self._items) >= MAX_CACHED:
            self._items.clear()
        self._items[key] = (self._clock.now() + self._ttl, value)


class SlackDirectory:
    """Looks up members' languages and moderator status through the Web API."""

    def __init__(self, client: AsyncWebClient, services: Services) -> None:
        self._client = client
        self._services = services
        self._profiles = _Expiring(services.clock, PROFILE_TTL)
        self._groups = _Expiring(services.clock, GROUP_TTL)

    async def profile(self, user_id: str) -> SlackProfile | None:
        """The member's profile, or None when Slack would not say (logged)."""
        cached: SlackProfile | None = self._profiles.get(user_id)
        if cached is not None:
            return cached
        try:
            response = await self._client.users_info(user=user_id, include_locale=True)
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
            return None
        profile = SlackProfile.from_api(response.get("user") or {})
        self._profiles.put(user_id, profile)
        return profile

    async def language(self, community: CommunityRef, user_id: str) -> Lang:
        """The workspace's ``language`` setting when moderators forced one, else the
        member's Slack locale, else the process default."""
        profile = await self.profile(user_id)
        config = await self._services.community.config(community)
        return language_for(
            profile.locale if profile else None,
            forced=config.language,
            fallback=self._services.settings.language,
        )

    async def is_moderator(self, community: CommunityRef, user_id: str) -> bool:
        """Workspace admins and owners, and members of the configured user group."""
        profile = await self.profile(user_id)
        if profile is not None and profile.is_admin:
            return True
        group = (await self._services.community.config(community)).moderator_usergroup
        groups = [group] if group and user_id in await self._group_members(group) else []
        return is_moderator(can_manage_community=False, role_ids=groups, moderator_role=group)

    async def _group_members(self, group: str) -> frozenset[str]:
        cached: frozenset[str] | None = self._groups.get(group)
        if cached is not None:
            return cached
        try:
            response = await self._client.usergroups_users_list(usergroup=group)
        except SlackApiError as exc:
            log.warning("usergroups.users.list failed for %s: %s", group, exc.response.get("error"))
            return frozenset()
        members = frozenset(str(user) for user in response.get("users") or [])
        self._groups.put(group, members)
        return members
