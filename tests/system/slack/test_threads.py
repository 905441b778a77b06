"""A session's posts on Slack: the first starts a thread, the later ones go in it,
and the round's recap links each session's thread."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.refs import ChannelRef
from bot.ports import OutgoingMessage
from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.refs import TEAM
from tests.helpers.runners.slack import SlackBot
from tests.system.slack.test_rounds import _started_round


async def test_a_sessions_posts_share_a_thread_that_the_recap_links(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    before = len(fake_slack.messages_in("C0STUDY"))
    # Session #1 is Thu 2026-11-26 20:00 in Seoul: the day before, an hour before, the end.
    for moment in (
        datetime(2026, 11, 25, 11, 1, tzinfo=UTC),
        datetime(2026, 11, 26, 10, 1, tzinfo=UTC),
        datetime(2026, 11, 26, 12, 31, tzinfo=UTC),
    ):
        slack_bot.clock.set(moment)
        assert await slack_bot.services.schedules.run_due() >= 1
    posts = fake_slack.messages_in("C0STUDY")[before:]
    assert len(posts) >= 3
    root, *replies = posts
    assert "thread_ts" not in root.body, "the first post starts the thread"
    assert all(reply.body.get("thread_ts") == root.ts for reply in replies)
    listed = await fake_slack.web.conversations_history(
        {"channel": "C0STUDY", "include_all_metadata": "true"}
    )
    top_level = [m["ts"] for m in listed["messages"]]
    assert root.ts in top_level and not any(r.ts in top_level for r in replies)

    await fake_slack.command("/round", "close spring-2027", user="U0ADMIN", responses=2)
    recap = fake_slack.messages_in("C0STUDY")[-1]
    link = f"https://study-group.slack.com/archives/C0STUDY/p{root.ts.replace('.', '')}"
    threads = slack_bot.texts.t("slack.recap.threads", "en", links=f"<{link}|#1>")
    assert threads in recap.text


async def test_a_resent_reply_in_a_thread_is_not_doubled(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    poster = slack_bot.front.poster
    study = ChannelRef(TEAM, "C0STUDY")
    first = OutgoingMessage(body="Tomorrow: session #1", thread="session:99")
    later = OutgoingMessage(body="In an hour: session #1", thread="session:99")
    root = await poster.post(study, first, nonce="s1t1")
    reply = await poster.post(study, later, nonce="s2t2")
    # The bot crashed before recording the reply; the scheduler sends it again.
    assert await poster.post(study, later, nonce="s2t2") == reply
    posted = fake_slack.messages_in("C0STUDY")
    assert [m.ts for m in posted] == [root, reply]
    assert posted[1].body["thread_ts"] == root
