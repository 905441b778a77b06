"""Personal reminders on Slack (issue 14): any member makes one with
``/study-remind me`` (a form), it comes as a direct message from the app through
the scheduler; ``/study-remind mine`` lists the member's own and
``/study-remind cancel`` cancels one of them."""

from __future__ import annotations

from datetime import timedelta

from tests.fake_slack import FakeSlack
from tests.slack.conftest import SlackBot


async def test_a_member_makes_lists_gets_and_cancels_personal_reminders(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    opened = await fake_slack.command("/remind", "me", user="U0MINJI", channel="C0GENERAL")
    assert opened.reply.kind == "modal"
    saved = await fake_slack.submit_view(
        "studybot:remind:me", {"when": "30분 후", "message": "논문 3절 <!channel>"},
        user="U0MINJI")
    assert saved.ack is None, saved.ack
    assert "개인 알림 #1" in saved.reply.text and "`/study-remind" not in saved.reply.text
    await fake_slack.command("/remind", "me", user="U0ALEX", channel="C0GENERAL")
    await fake_slack.submit_view("studybot:remind:me",
                                 {"when": "tomorrow 9:00", "message": "alex's"}, user="U0ALEX")

    mine = await fake_slack.command("/remind", "mine", user="U0MINJI", channel="C0GENERAL")
    assert "논문 3절" in mine.reply.text or "논문 3절" in str(mine.reply.body)
    assert "alex's" not in str(mine.reply.body)
    refused = await fake_slack.command("/remind", "cancel 1", user="U0ALEX",
                                       channel="C0GENERAL")
    assert "You have no personal reminder #1" in refused.reply.text, refused.reply.text

    slack_bot.clock.advance(timedelta(minutes=31))
    assert await slack_bot.services.schedules.run_due() == 1
    assert fake_slack.messages_in("C0GENERAL") == [], "not in the channel"
    (dm,) = fake_slack.messages_in("D0MINJI")
    assert "논문 3절" in dm.text and "<!channel>" not in dm.text

    cancelled = await fake_slack.command("/remind", "cancel 2", user="U0ALEX",
                                         channel="C0GENERAL")
    assert "Cancelled personal reminder #2" in cancelled.reply.text, cancelled.reply.text
    slack_bot.clock.advance(timedelta(days=1))
    await slack_bot.services.schedules.run_due()
    assert fake_slack.messages_in("D0ALEX") == []


async def test_edit_on_slack_own_personal_and_the_moderators_channel_reminder(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/remind", "me", user="U0MINJI", channel="C0GENERAL")
    await fake_slack.submit_view("studybot:remind:me", {"when": "내일 9:00", "message": "단어"},
                                 user="U0MINJI")
    own = await fake_slack.command("/remind", "edit 1 내일 8:00 | 단어 50개", user="U0MINJI",
                                   channel="C0GENERAL")
    assert "개인 알림 #1을 고쳤어요" in own.reply.text and "08:00" in own.reply.text, \
        own.reply.text
    opened = await fake_slack.command("/remind", "add", user="U0ADMIN", channel="C0STUDY")
    assert opened.reply.kind == "modal"
    await fake_slack.submit_view(
        "studybot:remind:add", {"channel": "C0GENERAL", "when": "every day 21:30",
                                "message": "hello"}, user="U0ADMIN")
    refused = await fake_slack.command("/remind", "edit 2 | hijack", user="U0MINJI",
                                       channel="C0GENERAL")
    assert "#2" in refused.reply.text and "고쳤어요" not in refused.reply.text
    moved = await fake_slack.command("/remind", "edit 2 <#C0STUDY|study> | hello again",
                                     user="U0ADMIN", channel="C0GENERAL")
    assert "Updated reminder #2" in moved.reply.text, moved.reply.text
    slack_bot.clock.advance(timedelta(minutes=31))
    await slack_bot.services.schedules.run_due()
    assert [m.text for m in fake_slack.messages_in("C0STUDY") if "hello again" in m.text]
    assert fake_slack.messages_in("C0GENERAL") == []
