"""/help on Slack: every command this app answers, one line each, in the member's
language and under the name Slack knows it by."""

from __future__ import annotations

from bot.slack.blocks import Card, Reply
from bot.slack.commands import SlashCommand, Subcommand
from bot.slack.context import SlackRequest


async def show_help(request: SlackRequest, text: str) -> Reply:
    from bot.slack.handlers import all_commands  # the table this module is part of

    lines = []
    for command in all_commands():
        key = f"cmd.{command.name}.description"
        described = request.t(key) if key in request.texts else ""
        lines.append(f"`/{command.slash_name}` {described}".rstrip())
    return Card(
        title=request.t("help.title"), body="\n".join(lines), footer=request.t("slack.help.footer")
    ).reply()


COMMANDS = (
    SlashCommand(
        name="help", free_text=Subcommand("help", show_help), empty_is_free_text=True
    ),
)
