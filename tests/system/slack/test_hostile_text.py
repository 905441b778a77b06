"""Every Slack command and subcommand, fed hostile text by an admin, answers with a
clear message, never the generic "something unexpected" one."""

from __future__ import annotations

import pytest

from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.runners.slack import SlackBot

HOSTILE = [
    "",
    "99999999999999999999",
    "-1",
    "٣",
    "#99999999999999999999",
    "faq.99999999999999999999",
    "<@U0NOBODY|ghost> 2026-02-30 add x",
    "<#C0STUDY|study> every 25:99",
    "<!subteam^S0NONE|@none> | | |",
    "<https://example.com|x> | 99 | -3",
    "x" * 3000,
    "\u202e\u0000💥",
]


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_no_command_crashes_on_hostile_text(
    slack_bot: SlackBot, fake_slack: FakeSlack, hostile: str
) -> None:
    texts = slack_bot.texts
    generic = {texts.t("error.unexpected", lang) for lang in ("ko", "en")}
    table = slack_bot.front.table
    for name in table.names:
        command = table.find(name)
        assert command is not None
        heads = ["", *(sub.name for sub in command.subcommands)]
        for head in heads:
            text = f"{head} {hostile}".strip()
            result = await fake_slack.command(f"/{name}", text, user="U0ADMIN")
            shown = result.reply
            assert shown.body.get("text") not in generic, f"/{name} {text[:60]!r} crashed"
    assert len(fake_slack.conversations) > 40, "every subcommand was tried"
    assert fake_slack.errors == []
