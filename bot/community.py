"""Per-community settings (time zone, language, moderators, feature rules).

Settings are stored as one row per changed key; anything never set takes its
default. ``CommunityConfig`` is the typed, validated view the services use.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.clock import Clock
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import DISCORD, SLACK, CommunityRef
from bot.i18n import Lang, language_for
from bot.timezones import find_zone
from storage import communities as community_store
from storage.connection import Connection
from storage.database import Database

log = logging.getLogger(__name__)

# A Discord snowflake or a Slack id (letters and digits).
# The locale Discord reports for every guild that never chose one.
PLATFORM_DEFAULT_LOCALE = "en-US"
PLATFORM_ID = re.compile(r"^[A-Za-z0-9]{1,32}$")
DISCORD_ID = re.compile(r"^[0-9]{1,20}$")
# What a moderator may type to empty a setting whose default is "none".
CLEAR_WORDS = ("none", "off", "default", "-", "없음", "기본값")


class CommunityConfig(BaseModel):
    """Everything a moderator can change with ``/config``; field names are the keys."""

    model_config = ConfigDict(frozen=True, extra="ignore", validate_assignment=True)

    timezone: str = "Asia/Seoul"
    # None: answer each member in their own locale's language.
    language: Literal["ko", "en"] | None = None
    moderator_role: str | None = Field(default=None, description="role id")
    moderator_channel: str | None = Field(default=None, description="channel id")
    # Slack: members of this user group (e.g. S0123ABCD) are moderators too.
    moderator_usergroup: str | None = Field(default=None, description="Slack user group id")
    streak_period: Literal["daily", "weekly"] = "daily"
    streak_rollover_hour: int = Field(default=4, ge=0, le=23)
    checkin_replies_public: bool = True
    freeze_every: int = Field(default=7, ge=0, le=365)  # 0: freezes are never earned
    freeze_cap: int = Field(default=2, ge=0, le=50)
    missed_grace_hours: float = Field(default=6.0, ge=0, le=168)
    attendance_counts_as_checkin: bool = True
    # Retention: the paper and note of a check-in are cleared after this many days
    # (the check-in itself stays for streaks); None keeps them.
    checkin_text_days: int | None = Field(default=None, ge=1, le=3650)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if find_zone(value) is None:
            raise ValueError("unknown time zone")
        return value

    @field_validator("moderator_role", "moderator_channel", "moderator_usergroup")
    @classmethod
    def _platform_id(cls, value: str | None) -> str | None:
        if value is not None and not PLATFORM_ID.match(value):
            raise ValueError("expected a role or channel id")
        return value

    # Not a setting: the platform's locale for the whole community (Discord: the
    # guild's preferred locale), stored on guild join and update.
    platform_locale: str | None = Field(default=None, exclude=True)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def shared_language(self, default: Lang) -> Lang:
        """The language of posts everyone reads (scheduled reminders, digests, session
        posts, announcements): the one moderators forced, else the community's own
        (its platform locale), else ``default``. Discord gives every guild that never
        chose one the locale ``en-US``; that is no sign of the server's language, so
        it counts only when moderators force nothing and it is not that default."""
        if self.language is not None:
            return self.language
        locale = self.platform_locale
        if locale and locale != PLATFORM_DEFAULT_LOCALE:
            return language_for(locale)
        return default


SETTING_KEYS: tuple[str, ...] = tuple(
    key for key in CommunityConfig.model_fields if key != "platform_locale")
# Settings that mean something on one platform only: hidden and refused on the other.
PLATFORM_ONLY: dict[str, str] = {"moderator_role": DISCORD, "moderator_usergroup": SLACK}
# Settings whose value is a Discord id on Discord (a snowflake: digits only).
_DISCORD_IDS = ("moderator_role", "moderator_channel")
# Settings with an error of their own, saying what to give instead.
_INVALID_KEYS = {
    "timezone": "config.invalid_timezone",
    "moderator_role": "config.invalid_role",
    "moderator_channel": "config.invalid_channel",
}


def setting_keys(platform: str) -> tuple[str, ...]:
    """The settings a community on ``platform`` can see and change, in display order."""
    return tuple(key for key in SETTING_KEYS if PLATFORM_ONLY.get(key, platform) == platform)


def is_moderator(
    *, can_manage_community: bool, role_ids: Iterable[str], moderator_role: str | None
) -> bool:
    """A moderator has the platform's manage permission or the configured role."""
    return can_manage_community or (moderator_role is not None and moderator_role in role_ids)


class CommunityService:
    """Reads and changes community settings; caches the typed view in memory."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        default_timezone: str = "Asia/Seoul",
        default_language: Lang = "en",
    ):
        self._db = db
        self._clock = clock
        self._default_timezone = default_timezone
        self._default_language: Lang = default_language
        self._cache: dict[CommunityRef, CommunityConfig] = {}
        self._zone_listeners: list[Callable[[CommunityRef], Awaitable[object]]] = []

    def on_timezone_changed(self, listener: Callable[[CommunityRef], Awaitable[object]]) -> None:
        """Call ``listener(community)`` after a community's time zone changed (the
        new setting is committed by then; a failing listener is only logged)."""
        self._zone_listeners.append(listener)

    async def config(self, ref: CommunityRef) -> CommunityConfig:
        """The settings of ``ref`` (defaults where nothing was set)."""
        cached = self._cache.get(ref)
        if cached is not None:
            return cached

        def read(conn: Connection) -> tuple[dict[str, str], str | None]:
            return (community_store.read_settings(conn, ref),
                    community_store.read_locale(conn, ref))

        raw, locale = await self._db.read(read)
        values: dict[str, Any] = {"timezone": self._default_timezone}
        values.update({key: json.loads(text) for key, text in raw.items() if key in SETTING_KEYS})
        config = CommunityConfig(**values, platform_locale=locale)
        self._cache[ref] = config
        return config

    async def shared_language(self, ref: CommunityRef) -> Lang:
        """The language of what everyone in ``ref`` reads, the bot's default as the
        fallback (see ``CommunityConfig.shared_language``)."""
        return (await self.config(ref)).shared_language(self._default_language)

    def forget(self, ref: CommunityRef) -> None:
        """Drop the cached settings of ``ref`` (its rows were deleted)."""
        self._cache.pop(ref, None)

    async def configs(self, refs: Iterable[CommunityRef]) -> dict[CommunityRef, CommunityConfig]:
        """The settings of many communities, read in one query (start-up loading)."""
        wanted = set(refs)
        missing = [ref for ref in wanted if ref not in self._cache]
        if missing:

            def read(conn: Connection) -> tuple[
                    dict[CommunityRef, dict[str, str]], dict[CommunityRef, str]]:
                return (community_store.read_all_settings(conn),
                        community_store.read_all_locales(conn))

            raw_by_ref, locales = await self._db.read(read)
            for ref in missing:
                values: dict[str, Any] = {"timezone": self._default_timezone}
                values.update({key: json.loads(text)
                               for key, text in raw_by_ref.get(ref, {}).items()
                               if key in SETTING_KEYS})
                self._cache[ref] = CommunityConfig(**values, platform_locale=locales.get(ref))
        return {ref: self._cache[ref] for ref in wanted}

    def parse_value(self, key: str, raw: str, *, platform: str = DISCORD) -> Any:
        """Turn the text a moderator typed into the setting's value, or raise a
        ``UserFacingError`` that names the setting and what it accepts. Settings of
        another platform are refused as unknown; on Discord a role or channel must be
        an id (the front end turns mentions and names into ids first)."""
        _check_key(key, platform)
        field = CommunityConfig.model_fields[key]
        text = raw.strip()
        value: Any = text
        if text.lower() in CLEAR_WORDS and field.default is None:
            value = None
        elif field.annotation is bool:
            lowered = text.lower()
            truthy, falsy = (
                ("true", "on", "yes", "1", "예", "켜기"),
                ("false", "off", "no", "0", "아니오", "끄기"),
            )
            if lowered not in truthy + falsy:
                raise UserFacingError(
                    "config.invalid_value", key=key, value=raw, accepted="on / off"
                )
            value = lowered in truthy
        invalid_key = _INVALID_KEYS.get(key)
        if platform == DISCORD and key in _DISCORD_IDS and not DISCORD_ID.match(value or "0"):
            raise UserFacingError(_INVALID_KEYS[key], value=raw)
        try:
            CommunityConfig(**{key: value})
        except ValidationError as exc:
            if invalid_key:
                raise UserFacingError(invalid_key, value=raw) from None
            accepted = _describe_accepted(key, exc)
            raise UserFacingError(
                "config.invalid_value", key=key, value=raw, accepted=accepted
            ) from None
        return value

    async def set_locale(self, ref: CommunityRef, locale: str | None) -> None:
        """Keep the platform's locale of ``ref`` (Discord: on guild join, update and
        at start-up); written only when it changed."""
        if (await self.config(ref)).platform_locale == locale:
            return
        await self._db.write(community_store.set_locale, ref, locale)
        self._cache.pop(ref, None)

    async def set_value(
        self, ref: CommunityRef, key: str, raw: str, *, actor: str
    ) -> CommunityConfig:
        """Validate and store one setting; returns the new settings."""
        value = self.parse_value(key, raw, platform=ref.platform)
        zone_before = (await self.config(ref)).timezone
        await self._db.write(
            community_store.write_setting,
            ref,
            key,
            json.dumps(value),
            updated_at=self._clock.now().isoformat(),
            updated_by=actor,
        )
        self._cache.pop(ref, None)
        return await self._announce_zone(ref, zone_before)

    async def settings_for(self, actor: Actor) -> CommunityConfig:
        """A moderator's ``/config show``: the settings of their community."""
        actor.require_moderator()
        return await self.config(actor.community)

    async def change(self, actor: Actor, key: str, raw: str) -> CommunityConfig:
        """A moderator's ``/config set`` (checked here, recorded as theirs)."""
        actor.require_moderator()
        return await self.set_value(actor.community, key, raw, actor=actor.external_id)

    async def reset(self, actor: Actor, key: str) -> CommunityConfig:
        """A moderator's ``/config reset``."""
        actor.require_moderator()
        return await self.reset_value(actor.community, key)

    async def reset_value(self, ref: CommunityRef, key: str) -> CommunityConfig:
        """Return one setting to its default."""
        _check_key(key, ref.platform)
        zone_before = (await self.config(ref)).timezone
        await self._db.write(community_store.delete_setting, ref, key)
        self._cache.pop(ref, None)
        return await self._announce_zone(ref, zone_before)

    async def _announce_zone(self, ref: CommunityRef, zone_before: str) -> CommunityConfig:
        config = await self.config(ref)
        if config.timezone != zone_before:
            for listener in self._zone_listeners:
                try:
                    await listener(ref)
                except Exception:
                    log.exception("time zone listener %r failed for %s", listener, ref)
        return config


def _check_key(key: str, platform: str) -> None:
    keys = setting_keys(platform)
    if key not in keys:
        raise UserFacingError("config.unknown_setting", key=key, keys=", ".join(keys))


def _describe_accepted(key: str, exc: ValidationError) -> str:
    """What ``key`` accepts, in words that need no translation (values, ranges)."""
    field = CommunityConfig.model_fields[key]
    annotation = str(field.annotation)
    if "Literal" in annotation:
        return annotation.split("Literal[", 1)[1].split("]", 1)[0].replace("'", "")
    bounds = [m for m in field.metadata if hasattr(m, "ge") or hasattr(m, "le")]
    if bounds:
        low = next((m.ge for m in bounds if hasattr(m, "ge")), None)
        high = next((m.le for m in bounds if hasattr(m, "le")), None)
        return f"{low} .. {high}"
    return exc.errors()[0]["msg"]
