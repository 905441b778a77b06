"""Reminders made on Slack and posted by the scheduler through SlackPoster; how
SlackPoster maps Slack's errors onto the Poster port."""

from __future__ import annotations

from datetime import timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.refs import DISCORD, SLACK, ChannelRef, CommunityRef
from bot.platform_poster import PlatformPoster
from bot.ports import (
    ChannelUnavailable,
    DeliveryError,
    HistoryUnavailable,
    OutgoingMessage,
    TransientDeliveryError,
)
from bot.slack.poster import SlackPoster
from storage import schedules as schedule_store
from tests.fake_poster import FakePoster
from tests.fake_slack import FakeSlack
from tests.schedule_world import moderator
from tests.slack.conftest import SlackBot

TEAM = CommunityRef(SLACK, "T0STUDY")


async def _add_reminder(fake: FakeSlack, values: dict[str, str]) -> str:
    opened = await fake.command("/remind", "add", user="U0ADMIN", channel="C0STUDY")
    assert opened.reply.kind == "modal"
    saved = await fake.submit_view("studybot:remind:add", values, user="U0ADMIN")
    assert saved.ack is None, saved.ack
    return saved.reply.text


async def test_a_reminder_made_on_slack_is_posted_by_the_scheduler(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    confirmation = await _add_reminder(
        fake_slack,
        {
            "channel": "C0GENERAL",
            "when": "every day 21:30",
            "message": "Read section 3 <!channel> & bring questions",
            "ping": "@study-mods",
        },
    )
    reminders = await slack_bot.services.reminders.list_reminders(moderator(TEAM))
    assert len(reminders) == 1
    reminder = reminders[0].schedule
    assert (reminder.channel_id, reminder.ping_role) == ("C0GENERAL", "S0MODS")
    assert f"#{reminder.id}" in confirmation
    assert fake_slack.messages_in("C0GENERAL") == []

    # 21:00 in Seoul now; the reminder is due at 21:30.
    slack_bot.clock.advance(timedelta(minutes=31))
    assert await slack_bot.services.schedules.run_due() == 1
    posted = fake_slack.messages_in("C0GENERAL")
    assert len(posted) == 1
    text = posted[0].text
    assert "<!subteam^S0MODS>" in text, "the configured group is pinged"
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text, "member text never pings"
    assert "Read section 3" in text and "&amp; bring questions" in text
    assert posted[0].body["metadata"]["event_type"] == "studybot_post"
    deliveries = await slack_bot.services.db.read(schedule_store.list_deliveries, reminder.id)
    assert [d.status for d in deliveries] == ["sent"]
    assert deliveries[0].message_id == posted[0].ts


async def test_an_archived_channel_pauses_the_reminder_and_tells_moderators(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await slack_bot.services.community.set_value(TEAM, "moderator_channel", "C0STUDY", actor="test")
    await _add_reminder(
        fake_slack, {"channel": "C0GENERAL", "when": "every day 21:30", "message": "hello"}
    )
    fake_slack.channels["C0GENERAL"].is_archived = True
    slack_bot.clock.advance(timedelta(minutes=31))
    await slack_bot.services.schedules.run_due()
    reminder = (await slack_bot.services.reminders.list_reminders(moderator(TEAM)))[0].schedule
    assert reminder.status == "paused"
    notices = fake_slack.messages_in("C0STUDY")
    assert len(notices) == 1 and f"#{reminder.id}" in notices[0].text


async def test_a_channel_the_bot_cannot_use_is_refused_in_the_form(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/remind", "add", user="U0ADMIN")
    refused = await fake_slack.submit_view(
        "studybot:remind:add",
        {"channel": "C0PRIVATE", "when": "every day 9:00", "message": "hi"},
        user="U0ADMIN",
    )
    assert refused.ack is not None and refused.ack["response_action"] == "errors"
    assert await slack_bot.services.reminders.list_reminders(moderator(TEAM)) == []


@pytest.fixture
async def poster(fake_slack: FakeSlack) -> SlackPoster:
    return SlackPoster(AsyncWebClient(token=fake_slack.bot_token, base_url=fake_slack.api_url))


MESSAGE = OutgoingMessage(
    body="**Due** today",
    title="Reminder",
    fields=(("When", "21:30"),),
    footer="#1",
    buttons=(("round:rsvp:7:going", "Going"),),
)


async def test_slack_poster_posts_block_kit(poster: SlackPoster, fake_slack: FakeSlack) -> None:
    ts = await poster.post(ChannelRef(TEAM, "C0STUDY"), MESSAGE, nonce="n-1")
    posted = fake_slack.messages_in("C0STUDY")[0]
    assert posted.ts == ts
    assert posted.blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Reminder", "emoji": True},
    }
    assert "*Due* today" in posted.text
    assert posted.buttons()[0][1]["action_id"] == "round:rsvp:7:going"
    assert posted.body["metadata"]["event_payload"] == {"nonce": "n-1"}
    assert posted.body["unfurl_links"] is False


@pytest.mark.parametrize(
    ("channel", "error", "expected"),
    [
        ("C0NOWHERE", None, ChannelUnavailable),  # channel_not_found
        ("C0PRIVATE", None, ChannelUnavailable),  # not_in_channel
        ("C0ARCHIVE", None, ChannelUnavailable),  # is_archived
        ("C0STUDY", "ratelimited", TransientDeliveryError),
        ("C0STUDY", "internal_error", TransientDeliveryError),
        ("C0STUDY", "msg_too_long", DeliveryError),
    ],
)
async def test_slack_errors_map_onto_the_poster_port(
    poster: SlackPoster,
    fake_slack: FakeSlack,
    channel: str,
    error: str | None,
    expected: type[Exception],
) -> None:
    if error is not None:
        fake_slack.fail(
            "chat.postMessage",
            error,
            retry_after=7,
            status=503 if error == "internal_error" else 200,
        )
    with pytest.raises(expected) as raised:
        await poster.post(ChannelRef(TEAM, channel), MESSAGE, nonce="n")
    assert type(raised.value) is expected
    if error == "ratelimited":
        assert "429" in str(raised.value) and "Retry-After 7" in str(raised.value)
    assert fake_slack.messages_in(channel) == []


async def test_moderator_notice_without_a_channel_is_logged_not_raised(
    poster: SlackPoster, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    await poster.notify_moderators(TEAM, MESSAGE, channel=None)
    await poster.notify_moderators(TEAM, MESSAGE, channel=ChannelRef(TEAM, "C0ARCHIVE"))
    assert fake_slack.calls_to("chat.postMessage")[-1].error == "is_archived"
    assert "moderator_channel" in caplog.text


async def test_platform_poster_routes_by_the_channels_platform() -> None:
    discord, slack = FakePoster(), FakePoster()
    router = PlatformPoster({DISCORD: discord, SLACK: slack})
    await router.post(ChannelRef(TEAM, "C1"), MESSAGE, nonce="a")
    await router.post(ChannelRef(CommunityRef(DISCORD, "9"), "5"), MESSAGE, nonce="b")
    assert [c.channel.external_id for c in slack.calls] == ["C1"]
    assert [c.channel.external_id for c in discord.calls] == ["5"]
    alone = PlatformPoster({SLACK: slack})
    with pytest.raises(ChannelUnavailable):
        await alone.post(ChannelRef(CommunityRef(DISCORD, "9"), "5"), MESSAGE, nonce="c")


async def test_a_resent_occurrence_already_in_the_channel_is_not_posted_twice(
    poster: SlackPoster, fake_slack: FakeSlack
) -> None:
    channel = ChannelRef(TEAM, "C0STUDY")
    first = await poster.post(channel, MESSAGE, nonce="s1t100")
    await poster.post(channel, MESSAGE, nonce="other")
    # The scheduler re-sends after a crash between posting and recording the post.
    again = await poster.post(channel, MESSAGE, nonce="s1t100")
    assert again == first
    assert [m.body["metadata"]["event_payload"]["nonce"]
            for m in fake_slack.messages_in("C0STUDY")] == ["s1t100", "other"]


async def test_a_channel_that_cannot_be_read_still_gets_the_post(
    poster: SlackPoster, fake_slack: FakeSlack
) -> None:
    fake_slack.fail("conversations.history", "missing_scope")
    await poster.post(ChannelRef(TEAM, "C0STUDY"), MESSAGE, nonce="s2t100")
    assert len(fake_slack.messages_in("C0STUDY")) == 1


async def test_find_posted_looks_for_the_nonce_and_says_when_it_cannot(
    poster: SlackPoster, fake_slack: FakeSlack
) -> None:
    channel = ChannelRef(TEAM, "C0STUDY")
    ts = await poster.post(channel, MESSAGE, nonce="s3t100")
    await poster.post(channel, MESSAGE, nonce="other")
    assert await poster.find_posted(channel, MESSAGE, nonce="s3t100") == ts
    assert await poster.find_posted(channel, MESSAGE, nonce="s3t200") is None
    fake_slack.fail("conversations.history", "missing_scope")
    with pytest.raises(HistoryUnavailable):
        await poster.find_posted(channel, MESSAGE, nonce="s3t100")
