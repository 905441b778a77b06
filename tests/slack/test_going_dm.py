"""The DM an hour before a session on Slack (issue 14): the 🔔 button under the
private confirmation of a "going" RSVP; the DM comes from the app, once."""

from __future__ import annotations

from datetime import timedelta

from tests.fake_slack import FakeSlack
from tests.slack.conftest import SlackBot
from tests.slack.test_rounds import TEAM, _started_round


async def test_going_then_bell_sends_a_dm_an_hour_before(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    shown = await fake_slack.command("/session", "show #1", user="U0MINJI")
    session_id = int(shown.reply.buttons()[0][1]["action_id"].split(":")[2])
    clicked = await fake_slack.click(f"round:rsvp:{session_id}:going", user="U0MINJI",
                                     responses=2)
    _, confirmation = clicked.deliveries
    assert "DM으로 알려 드릴까요?" in str(confirmation.body["blocks"])
    bell = await fake_slack.click(f"round:dm:{session_id}:on", user="U0MINJI")
    assert "DM으로 알려 드릴게요" in bell.reply.text, bell.reply.text

    view = await slack_bot.services.rounds.show_session(TEAM, str(session_id))
    slack_bot.clock.set(view.session.starts_at - timedelta(hours=1))
    await slack_bot.services.schedules.run_due()
    dms = fake_slack.messages_in("D0MINJI")
    assert len(dms) == 1 and "#1" in dms[0].text, [d.text for d in dms]
    await slack_bot.services.schedules.run_due()
    assert len(fake_slack.messages_in("D0MINJI")) == 1
