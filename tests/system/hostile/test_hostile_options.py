"""Every slash command, fed hostile option values through the real client.

Each invocation must end in a reply (success or a clear message), never the
generic "unexpected error"; nothing the bot sends may ping anyone; and when a
command refuses its input, the database is exactly as it was before.
The commands come from the cogs' command tree, one test per command (a failure
names it), and must be exactly the synced ones, so new commands are covered as
soon as they exist.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.i18n import load_catalog
from tests.helpers.fakes.discord import FakeDiscord, FakeFile
from tests.helpers.hostile import (
    CommandPath,
    LeafCommand,
    command_paths,
    leaf_commands,
    snapshot,
    unsafe_mentions,
)
from tests.helpers.runners.discord import BotRunner

STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = (
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
)

HOSTILE_FRAGMENTS = [
    "@everyone",
    "@here",
    "<@&{role}>",
    "<@{user}>",
    "<#{channel}>",
    "```py\nprint('x')\n```",
    "**굵게** __u__ ~~s~~ ||spoiler|| > quote",
    "# heading",
    "\u200b\u200c\u200d",
    "\u202e\u2066abc\u2069",
    "\x00\x07\x1b[31m",
    "\r\n\t",
    "😀👩‍💻🇰🇷",
    "' OR 1=1; DROP TABLE members; --",
    "%s %d {0} {key} {{}}",
    "\\",
    "2026-02-30 25:61",
    "1969-12-31",
    "9999-99-99",
    "Mars/Olympus",
    "Asia/Seoul",
    "-1",
    "0",
    "99999999999999999999",
    "NaN",
    "inf",
    "<script>alert(1)</script>",
    "https://example.com/" + "a" * 300,
    "javascript:alert(1)",
    "매주 월 20:00",
    "every mon 20:00",
    "석사 꼭 필요해?",
    "",
]


def hostile_text(fake: FakeDiscord) -> st.SearchStrategy[str]:
    guild = fake.guild()
    filled = [
        fragment.format(
            role=guild.role("Moderator").id,
            user=guild.member("alice").user.id,
            channel=guild.channel("general").id,
        )
        if "{role}" in fragment or "{user}" in fragment or "{channel}" in fragment
        else fragment
        for fragment in HOSTILE_FRAGMENTS
    ]
    pieces = st.sampled_from(filled)
    return st.one_of(
        pieces,
        st.lists(pieces, min_size=2, max_size=6).map(" ".join),
        st.text(max_size=40),
        # Long values cost hypothesis little to draw when built by repetition.
        st.builds(lambda piece, n: (piece * n)[:6000], pieces, st.integers(20, 400)),
        st.just("가" * 6000),
    )


def option_value(option: dict[str, Any], fake: FakeDiscord) -> st.SearchStrategy[Any]:
    guild = fake.guild()
    kind = option["type"]
    if option.get("choices"):
        valid = st.sampled_from([choice["value"] for choice in option["choices"]])
        if kind == STRING:
            return st.one_of(valid, hostile_text(fake))
        return valid
    if kind == STRING:
        return hostile_text(fake)
    if kind == INTEGER:
        return st.one_of(st.integers(-(2**53), 2**53), st.integers(-5, 60))
    if kind == NUMBER:
        return st.floats(-1e12, 1e12, allow_nan=False)
    if kind == BOOLEAN:
        return st.booleans()
    if kind == USER:
        return st.sampled_from([guild.member("alice"), guild.member("mod")])
    if kind == CHANNEL:
        return st.sampled_from([guild.channel("general"), guild.channel("voice")])
    if kind == ROLE:
        return st.sampled_from([guild.role("Moderator"), guild.role("@everyone")])
    if kind == MENTIONABLE:
        return st.sampled_from([guild.role("Moderator"), guild.member("alice")])
    if kind == ATTACHMENT:
        return st.binary(max_size=2000).map(lambda data: FakeFile("upload.txt", data))
    raise AssertionError(f"option type {kind} is not covered by the hostile strategies")


def draw_options(data: st.DataObject, leaf: LeafCommand, fake: FakeDiscord) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for option in leaf.options:
        if option.get("required") or data.draw(
            st.booleans(), label=f"{leaf.name}.{option['name']}?"
        ):
            options[option["name"]] = data.draw(
                option_value(option, fake), label=f"{leaf.name}.{option['name']}"
            )
    return options


COMMANDS = command_paths()


async def test_the_sweep_covers_every_synced_command(fake_discord: FakeDiscord,
                                                     studybot: BotRunner) -> None:
    leaves = leaf_commands(fake_discord.registered_commands())
    assert leaves, "no commands were synced"
    assert [leaf.path for leaf in leaves] == [command.path for command in COMMANDS]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.test_id)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_every_command_survives_hostile_options(
    studybot: BotRunner, fake_discord: FakeDiscord, command: CommandPath, data: st.DataObject
) -> None:
    catalog = load_catalog()
    generic = {catalog.t("error.unexpected", "ko"), catalog.t("error.unexpected", "en")}
    database = studybot.settings.database_file
    refused: set[int] = set()
    tree = studybot.bot.tree
    original_on_error = tree.on_error

    async def record_refusal(interaction: Any, error: Any) -> None:
        refused.add(interaction.id)
        await original_on_error(interaction, error)

    tree.on_error = record_refusal  # type: ignore[method-assign]
    leaves = {leaf.path: leaf for leaf in leaf_commands(fake_discord.registered_commands())}
    assert command.path in leaves, f"{command.test_id} was not synced"
    leaf = leaves[command.path]
    options = draw_options(data, leaf, fake_discord)
    user = data.draw(st.sampled_from(["mod", "alice"]), label="user")
    locale = data.draw(st.sampled_from(["ko", "en-US"]), label="locale")
    before = snapshot(database)
    first_request = len(fake_discord.requests)
    reply = await fake_discord.slash(leaf.path, options, user=user, locale=locale, timeout=10)
    assert (reply.content or "") not in generic, f"/{leaf.name} {options!r} crashed"
    for request in fake_discord.requests[first_request:]:
        problem = unsafe_mentions(request.json if isinstance(request.json, dict) else None)
        assert problem is None, f"/{leaf.name} sent {request.method} {request.path}: {problem}"
    if int(reply.payload["id"]) in refused:
        assert snapshot(database) == before, f"/{leaf.name} refused but changed the database"
