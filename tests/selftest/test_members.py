"""The fake finds members by name through an index that follows the guild."""

from __future__ import annotations

import pytest

from tests.helpers.fakes.discord import FakeDiscord


def test_members_are_found_by_name_as_the_guild_changes() -> None:
    guild = FakeDiscord().add_guild("guild")
    alice, bob = guild.add_member("alice"), guild.add_member("bob")
    assert guild.member("alice") is alice and guild.member(bob.id) is bob
    carol = guild.add_member("carol")  # added after the index was made
    assert guild.member("carol") is carol
    alice.user.name = "alicia"  # renamed
    assert guild.member("alicia") is alice
    with pytest.raises(KeyError):
        guild.member("alice")
    del guild.members[bob.id]  # gone
    with pytest.raises(KeyError):
        guild.member("bob")
    twin = guild.add_member("carol")  # two of a name: the first one, as a scan finds
    assert twin is not carol and guild.member("carol") is carol
