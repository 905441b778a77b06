"""State kept by the fake Discord: users, guilds, channels, roles, members, messages.

Every model knows how to render itself as the JSON payload Discord would send
(``payload()``); ids are snowflakes handed out by :class:`Snowflakes`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Permission bits (https://discord.com/developers/docs/topics/permissions).
CREATE_INSTANT_INVITE = 1 << 0
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
CONNECT = 1 << 20
SPEAK = 1 << 21
CHANGE_NICKNAME = 1 << 26
MANAGE_ROLES = 1 << 28
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_EVENTS = 1 << 33
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 51) - 1

EVERYONE_PERMISSIONS = (
    CREATE_INSTANT_INVITE | ADD_REACTIONS | VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS
    | ATTACH_FILES | READ_MESSAGE_HISTORY | CONNECT | SPEAK | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS | SEND_MESSAGES_IN_THREADS
)
BOT_PERMISSIONS = EVERYONE_PERMISSIONS | MANAGE_MESSAGES | MANAGE_ROLES | MANAGE_EVENTS

# Channel types.
TEXT, DM, VOICE, CATEGORY, ANNOUNCEMENT, FORUM = 0, 1, 2, 4, 5, 15

# Message flags.
EPHEMERAL = 1 << 6
LOADING = 1 << 7

FIRST_SNOWFLAKE = 1_100_000_000_000_000_000


def perm_value(permissions: Any) -> int:
    """Accept an ``int`` or a ``discord.Permissions`` and return the bit field."""
    return int(getattr(permissions, "value", permissions))


def iso_now() -> str:
    """Current UTC time in Discord's ISO 8601 format."""
    return dt.datetime.now(dt.UTC).isoformat()


class Snowflakes:
    """Hands out increasing, realistic-looking snowflake ids."""

    def __init__(self, start: int = FIRST_SNOWFLAKE) -> None:
        self._last = start

    def __call__(self) -> int:
        self._last += 1
        return self._last


@dataclass(eq=False)
class Registry:
    """Id generator and id indexes shared by all guilds of one fake."""

    new_id: Snowflakes = field(default_factory=Snowflakes)
    users: dict[int, FakeUser] = field(default_factory=dict)
    channels: dict[int, FakeChannel] = field(default_factory=dict)

    def user(self, name: str, *, user_id: int | None = None, bot: bool = False) -> FakeUser:
        """The user with ``user_id`` if known, else a new one."""
        if user_id is not None and user_id in self.users:
            return self.users[user_id]
        user = FakeUser(user_id or self.new_id(), name, bot)
        self.users[user.id] = user
        return user


@dataclass(eq=False)
class FakeUser:
    """A Discord user (``bot=True`` for the bot account)."""

    id: int
    name: str
    bot: bool = False
    # The user turned off direct messages from server members: the bot's DMs are
    # refused with 403 Cannot send messages to this user (50007).
    dms_closed: bool = False

    def payload(self) -> dict[str, Any]:
        """User object as sent by Discord."""
        return {
            "id": str(self.id), "username": self.name, "discriminator": "0",
            "global_name": None if self.bot else self.name, "avatar": None,
            "bot": self.bot, "public_flags": 0,
        }


@dataclass(eq=False)
class FakeRole:
    """A guild role; the ``@everyone`` role has the guild's id."""

    id: int
    name: str
    permissions: int = 0
    position: int = 0
    managed: bool = False

    def payload(self) -> dict[str, Any]:
        """Role object as sent by Discord."""
        return {
            "id": str(self.id), "name": self.name, "permissions": str(self.permissions),
            "position": self.position, "color": 0, "colors": {"primary_color": 0},
            "hoist": False, "managed": self.managed, "mentionable": False, "flags": 0,
            "icon": None, "unicode_emoji": None, "tags": {},
        }


@dataclass(eq=False)
class FakeChannel:
    """A guild channel. ``deleted``/``forbidden`` drive REST 404/403 answers."""

    id: int
    guild_id: int
    name: str
    type: int = TEXT
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    deleted: bool = False
    forbidden: bool = False
    # A direct-message channel (type DM, guild_id 0) has the user it talks to.
    recipient: FakeUser | None = None

    def payload(self, bot_user_id: int | None = None) -> dict[str, Any]:
        """Channel object; a forbidden channel denies the bot view/send via an overwrite."""
        if self.recipient is not None:
            return {"id": str(self.id), "type": DM, "last_message_id": None, "flags": 0,
                    "recipients": [self.recipient.payload()]}
        overwrites = []
        if self.forbidden and bot_user_id is not None:
            deny = str(VIEW_CHANNEL | SEND_MESSAGES)
            overwrites.append({"id": str(bot_user_id), "type": 1, "allow": "0", "deny": deny})
        data: dict[str, Any] = {
            "id": str(self.id), "guild_id": str(self.guild_id), "type": self.type,
            "name": self.name, "position": self.position, "flags": 0, "nsfw": False,
            "permission_overwrites": overwrites, "rate_limit_per_user": 0,
            "parent_id": None if self.parent_id is None else str(self.parent_id),
            "last_message_id": None,
        }
        if self.type == VOICE:
            data.update(bitrate=64000, user_limit=0, rtc_region=None)
        else:
            data["topic"] = self.topic
        return data


@dataclass(eq=False)
class FakeMember:
    """A guild member. ``extra_permissions`` are added on top of the roles' permissions
    in interaction payloads (as channel overwrites would); prefer roles."""

    user: FakeUser
    guild: FakeGuild
    role_ids: list[int] = field(default_factory=list)
    extra_permissions: int = 0
    nick: str | None = None

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def permissions(self) -> int:
        """Guild-level permissions from @everyone, the member's roles and extras."""
        value = self.guild.everyone.permissions | self.extra_permissions
        for rid in self.role_ids:
            role = self.guild.roles.get(rid)
            value |= role.permissions if role else 0
        return ALL_PERMISSIONS if value & ADMINISTRATOR else value

    def channel_permissions(self, channel: FakeChannel | None) -> int:
        """Permissions in ``channel`` (the bot loses view/send in a forbidden channel)."""
        value = self.permissions
        if channel is not None and channel.forbidden and self.user.bot:
            value &= ~(VIEW_CHANNEL | SEND_MESSAGES)
        return value

    def payload(self, *, with_user: bool = True, permissions: int | None = None) -> dict[str, Any]:
        """Member object; ``permissions`` is added the way interaction payloads carry it."""
        data: dict[str, Any] = {
            "roles": [str(r) for r in self.role_ids], "nick": self.nick, "avatar": None,
            "joined_at": "2024-01-01T00:00:00+00:00", "premium_since": None, "deaf": False,
            "mute": False, "flags": 0, "pending": False, "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass(eq=False)
class FakeGuild:
    """A guild with its channels, roles, members and scheduled events.

    Build it with :meth:`FakeDiscord.add_guild`, then ``add_channel``/``add_role``/``add_member``.
    """

    id: int
    name: str
    owner_id: int
    registry: Registry
    preferred_locale: str = "en-US"
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    roles: dict[int, FakeRole] = field(default_factory=dict)
    members: dict[int, FakeMember] = field(default_factory=dict)
    scheduled_events: dict[int, dict[str, Any]] = field(default_factory=dict)
    emojis: list[dict[str, Any]] = field(default_factory=list)
    # Every member's id by name, made again when a name is not where it says (``member``).
    _member_ids: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def everyone(self) -> FakeRole:
        return self.roles[self.id]

    def add_channel(self, name: str, type: int = TEXT, *, topic: str | None = None,
                    parent: FakeChannel | None = None) -> FakeChannel:
        """Create a channel (``type``: ``TEXT``, ``VOICE``, ``CATEGORY``, ...)."""
        channel = FakeChannel(self.registry.new_id(), self.id, name, type, len(self.channels),
                              parent.id if parent else None, topic)
        self.channels[channel.id] = self.registry.channels[channel.id] = channel
        return channel

    def add_emoji(self, name: str) -> dict[str, Any]:
        """Add a custom emoji (sent in GUILD_CREATE, as a real guild's are)."""
        emoji = {"id": str(self.registry.new_id()), "name": name, "roles": [],
                 "require_colons": True, "managed": False, "animated": False,
                 "available": True}
        self.emojis.append(emoji)
        return emoji

    def add_role(self, name: str, permissions: Any = 0, *, managed: bool = False) -> FakeRole:
        """Create a role; ``permissions`` is an int or ``discord.Permissions``."""
        role = FakeRole(self.registry.new_id(), name, perm_value(permissions), len(self.roles),
                        managed)
        self.roles[role.id] = role
        return role

    def add_member(self, user: FakeUser | str, roles: list[FakeRole] | None = None,
                   permissions: Any = 0, *, user_id: int | None = None,
                   nick: str | None = None) -> FakeMember:
        """Add a member holding ``roles`` (``@everyone`` is implicit).

        ``user`` is a :class:`FakeUser` or a name (a user is created, or reused if
        ``user_id`` is already known). ``permissions`` are extra bits; prefer roles.
        """
        if isinstance(user, str):
            user = self.registry.user(user, user_id=user_id)
        member = FakeMember(user, self, [r.id for r in roles or []], perm_value(permissions), nick)
        self.members[user.id] = member
        return member

    def channel(self, key: int | str) -> FakeChannel:
        """Channel by id or name."""
        return _lookup(self.channels, key, "channel", self.name)

    def role(self, key: int | str) -> FakeRole:
        """Role by id or name."""
        return _lookup(self.roles, key, "role", self.name)

    def member(self, key: int | str) -> FakeMember:
        """Member by user id or user name. Names are looked up in an index of every
        member's, made again whenever a name is not found where it says (a member
        added, renamed or gone): benchmarks act as thousands of members by name,
        and a scan per interaction made the fake's cost grow with the member's
        place in the guild."""
        if isinstance(key, str):
            found = self._indexed_member(key)
            if found is None:  # the first member of a name wins, as in a scan
                self._member_ids = {m.name: m.id for m in reversed(self.members.values())}
                found = self._indexed_member(key)
            if found is not None:
                return found
        member: FakeMember = _lookup(self.members, key, "member", self.name)
        return member

    def _indexed_member(self, name: str) -> FakeMember | None:
        member = self.members.get(self._member_ids.get(name, 0))
        return member if member is not None and member.name == name else None

    def payload(self, bot_user_id: int, *, full: bool = True) -> dict[str, Any]:
        """GUILD_CREATE payload (``full``) or the REST guild object."""
        data: dict[str, Any] = {
            "id": str(self.id), "name": self.name, "icon": None, "splash": None,
            "discovery_splash": None, "owner_id": str(self.owner_id), "afk_channel_id": None,
            "afk_timeout": 300, "verification_level": 0, "default_message_notifications": 0,
            "explicit_content_filter": 0, "roles": [r.payload() for r in self.roles.values()],
            "emojis": self.emojis, "stickers": [], "features": [], "mfa_level": 0,
            "system_channel_id": None, "system_channel_flags": 0, "rules_channel_id": None,
            "vanity_url_code": None, "description": None, "banner": None, "premium_tier": 0,
            "premium_subscription_count": 0, "preferred_locale": self.preferred_locale,
            "public_updates_channel_id": None, "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
        }
        if full:
            live = [c.payload(bot_user_id) for c in self.channels.values() if not c.deleted]
            data.update(
                channels=live, members=[m.payload() for m in self.members.values()],
                member_count=len(self.members), large=False, unavailable=False,
                joined_at="2024-01-01T00:00:00+00:00", threads=[], presences=[],
                voice_states=[], stage_instances=[], soundboard_sounds=[],
                guild_scheduled_events=list(self.scheduled_events.values()),
            )
        return data


def _lookup(table: dict[int, Any], key: int | str, kind: str, guild: str) -> Any:
    if isinstance(key, int) and key in table:
        return table[key]
    for item in table.values():
        if getattr(item, "name", None) == key:
            return item
    raise KeyError(f"no {kind} {key!r} in guild {guild!r}")


@dataclass(eq=False)
class FakeFile:
    """A file uploaded by the bot (multipart ``files[n]``) or offered to it as an option."""

    filename: str
    data: bytes
    content_type: str | None = None
    description: str | None = None
    id: int = 0


@dataclass(eq=False)
class FakeMessage:
    """A message the bot created: channel post, interaction response or follow-up.

    ``request`` is the JSON body that created it; ``edits`` the bodies of later edits.
    """

    id: int
    channel_id: int
    guild_id: int | None
    author: FakeUser
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    attachments: list[FakeFile] = field(default_factory=list)
    nonce: str | None = None
    enforce_nonce: bool = False
    allowed_mentions: dict[str, Any] | None = None
    request: dict[str, Any] = field(default_factory=dict)
    edits: list[dict[str, Any]] = field(default_factory=list)
    interaction_id: int | None = None
    interaction: dict[str, Any] | None = None
    deleted: bool = False
    created_at: float = field(default_factory=time.monotonic)
    timestamp: str = field(default_factory=iso_now)
    edited_timestamp: str | None = None

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    def apply(self, body: dict[str, Any], files: list[FakeFile]) -> None:
        """Apply a create/edit body (``content``, ``embeds``, ``components``, ``flags``, files)."""
        for key in ("content", "embeds", "components", "allowed_mentions"):
            if key in body and body[key] is not None:
                setattr(self, key, body[key])
        if "flags" in body and body["flags"] is not None:
            self.flags = (self.flags & (EPHEMERAL | LOADING)) | int(body["flags"])
        if "attachments" in body and body["attachments"] is not None:
            keep = {str(a.get("id")) for a in body["attachments"]}
            self.attachments = [a for a in self.attachments if str(a.id) in keep]
        self.attachments = self.attachments + files

    def iter_components(self) -> Iterator[dict[str, Any]]:
        """All components, including those nested in rows, sections, containers and labels."""
        return walk_components(self.components)

    def payload(self, cdn_base: str, *, with_nonce: bool = False) -> dict[str, Any]:
        """Message object as Discord returns it. Discord stores no nonce: only the
        reply to the create call (and MESSAGE_CREATE) carry it (``with_nonce``)."""
        data: dict[str, Any] = {
            "id": str(self.id), "channel_id": str(self.channel_id),
            "author": self.author.payload(), "content": self.content,
            "timestamp": self.timestamp, "edited_timestamp": self.edited_timestamp,
            "tts": False, "mention_everyone": False, "mentions": [], "mention_roles": [],
            "attachments": [attachment_payload(f, cdn_base, self.channel_id)
                            for f in self.attachments],
            "embeds": self.embeds, "components": self.components, "pinned": False,
            "type": 0 if self.interaction is None else 20, "flags": self.flags,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if with_nonce and self.nonce is not None:
            data["nonce"] = self.nonce
        if self.interaction is not None:
            data["webhook_id"] = data["application_id"] = self.interaction["application_id"]
            data["interaction_metadata"] = {
                "id": self.interaction["id"], "type": self.interaction["type"],
                "user": self.interaction["member"]["user"] if "member" in self.interaction
                else self.interaction["user"],
                "authorizing_integration_owners":
                    self.interaction["authorizing_integration_owners"],
            }
        return data


def attachment_payload(file: FakeFile, cdn_base: str, channel_id: int) -> dict[str, Any]:
    """Attachment object whose ``url`` is served by the fake's CDN route."""
    url = f"{cdn_base}/attachments/{channel_id}/{file.id}/{file.filename}"
    return {
        "id": str(file.id), "filename": file.filename, "size": len(file.data), "url": url,
        "proxy_url": url, "content_type": file.content_type, "description": file.description,
    }


def walk_components(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Depth-first walk over a component tree."""
    for comp in components:
        yield comp
        yield from walk_components(comp.get("components") or [])
        for key in ("accessory", "component"):
            if isinstance(comp.get(key), dict):
                yield from walk_components([comp[key]])
