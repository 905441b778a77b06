"""/config on Slack: the same per-community settings as Discord's /config
(moderators only; ``moderator_usergroup`` is the Slack-only one)."""

from __future__ import annotations

from bot.community import CommunityConfig
from bot.community_display import display_value, settings_lines
from bot.core.refs import SLACK
from bot.slack.blocks import Card, Reply
from bot.slack.commands import SlashCommand, Subcommand
from bot.slack.context import SlackRequest
from bot.slack.handlers.parsing import split_first, unwrap_id


async def show(request: SlackRequest, text: str) -> Reply:
    current = await request.services.community.settings_for(await request.actor())
    lines = settings_lines(current, platform=SLACK, lang=request.lang,
                           texts=request.services.texts, mention=slack_mention)
    return Card(title=request.t("config.show.title"), body="\n".join(lines)).reply()


async def set_value(request: SlackRequest, text: str) -> Reply:
    """``/config set <key> <value>``; a pasted channel or user-group mention is its id."""
    key, raw = split_first(text)
    updated = await request.services.community.change(await request.actor(), key, unwrap_id(raw))
    return Reply(text=request.t("config.saved", key=key, value=_shown(request, updated, key)))


async def reset(request: SlackRequest, text: str) -> Reply:
    key, _ = split_first(text)
    updated = await request.services.community.reset(await request.actor(), key)
    return Reply(text=request.t("config.reset", key=key, value=_shown(request, updated, key)))


def slack_mention(kind: str, external_id: str) -> str:
    """A channel as Slack links it; a user group as its id (a link would ping it)."""
    return f"<#{external_id}>" if kind == "channel" else f"`{external_id}`"


def _shown(request: SlackRequest, config: CommunityConfig, key: str) -> str:
    return display_value(config, key, platform=SLACK, lang=request.lang,
                         texts=request.services.texts, mention=slack_mention)


COMMANDS = (
    SlashCommand(
        name="config",
        default="show",
        subcommands=(
            Subcommand("show", show, moderator=True),
            Subcommand("set", set_value, moderator=True),
            Subcommand("reset", reset, moderator=True),
        ),
    ),
)
