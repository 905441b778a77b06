"""Offline Discord for end-to-end tests: a fake REST API + gateway the real discord.py
client logs into. See ``FakeDiscord`` and ``pytest_plugin`` (fixtures)."""

from .client import ClientHandle, running_client, start_client
from .fake import FakeDiscord, build_default_guild
from .http_util import Fault, RecordedRequest
from .interactions import InteractionReply
from .models import (
    ADMINISTRATOR,
    ANNOUNCEMENT,
    CATEGORY,
    EPHEMERAL,
    FORUM,
    MANAGE_GUILD,
    TEXT,
    VOICE,
    FakeChannel,
    FakeFile,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    FakeUser,
)
from .ratelimits import RateLimitPolicy

__all__ = [
    "ADMINISTRATOR", "ANNOUNCEMENT", "CATEGORY", "EPHEMERAL", "FORUM", "MANAGE_GUILD", "TEXT",
    "VOICE", "ClientHandle", "FakeChannel", "FakeDiscord", "FakeFile", "FakeGuild", "FakeMember",
    "FakeMessage", "FakeRole", "FakeUser", "Fault", "InteractionReply", "RateLimitPolicy",
    "RecordedRequest",
    "build_default_guild", "running_client", "start_client",
]
