"""Defect 11 on Slack: the Discord-only ``moderator_role`` is neither shown nor
accepted, and /config show reads as words."""

from __future__ import annotations

from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.refs import TEAM
from tests.helpers.runners.slack import SlackBot


async def test_the_discord_only_setting_is_hidden_and_refused(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    shown = await fake_slack.command("/config", "show", user="U0ADMIN")
    assert "`moderator_usergroup` — none (only workspace admins and owners moderate)" in (
        shown.text)
    assert "`moderator_channel` — none (moderator notices have nowhere to go)" in shown.text
    assert "moderator_role" not in shown.text
    assert not any(word in shown.text for word in ("None", "True", "6.0"))

    refused = await fake_slack.command("/config", "set moderator_role S0MODS", user="U0ADMIN")
    assert "There is no setting `moderator_role`" in refused.reply.text
    assert (await slack_bot.services.community.config(TEAM)).moderator_role is None
