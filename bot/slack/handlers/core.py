"""/help on Slack: every command this app answers, one line each, in the member's
language and under the name Slack knows it by."""

from __future__ import annotations

from collections.abc import Callable

from bot.slack.blocks import Card, Reply
from bot.slack.commands import SlashCommand, Subcommand
from bot.slack.context import SlackRequest


def help_command(commands: Callable[[], list[SlashCommand]]) -> SlashCommand:
    """/help listing ``commands()``: the whole table, which this command is part of
    (handed in, so this module need not import the table that imports it)."""

    async def show_help(request: SlackRequest, text: str) -> Reply:
        lines = []
        for command in commands():
            key = f"cmd.{command.name}.description"
            described = request.t(key) if key in request.texts else ""
            lines.append(f"`/{command.slash_name}` {described}".rstrip())
        return Card(
            title=request.t("help.title"), body="\n".join(lines),
            footer=request.t("slack.help.footer"),
        ).reply()

    return SlashCommand(
        name="help", free_text=Subcommand("help", show_help), empty_is_free_text=True
    )
