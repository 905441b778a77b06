"""Text as Slack sends and shows it, channels the bot is not in, modal errors on
their own field, pings, time zones, RSVP counts, /help and the workspace language:
each through the fake Slack and the real slack_bolt app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.refs import SLACK, ChannelRef, CommunityRef
from bot.ports import OutgoingMessage
from storage.connection import Connection
from storage.fetch import fetch_all
from tests.fake_slack import FakeSlack
from tests.schedule_world import moderator
from tests.slack.conftest import SlackBot
from tests.slack.test_rounds import _started_round

TEAM = CommunityRef(SLACK, "T0STUDY")


# -- 1. entities are unescaped once on the way in, escaped once on the way out ---------------
async def test_ampersands_and_brackets_are_stored_plain_and_shown_once_escaped(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    # What Slack sends for "/checkin R&D survey | <3 & more".
    checked = await fake_slack.command(
        "/checkin", "R&amp;D survey | &lt;3 &amp; more", user="U0ALEX"
    )
    def work(conn: Connection):
        rows = fetch_all(conn, "SELECT paper, note FROM streak_checkins")
        return rows
    rows = await slack_bot.services.db.read(work)
    assert [tuple(row) for row in rows] == [("R&D survey", "<3 & more")]
    shown = checked.reply.text
    assert "R&amp;D survey" in shown and "&lt;3 &amp; more" in shown
    assert "&amp;amp;" not in shown


async def test_a_papers_title_and_url_reach_the_calendar_unescaped(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    await fake_slack.command(
        "/round",
        "paper-add Q&amp;A &lt;models&gt; | <https://example.org/p?a=1&amp;b=2> | 1",
        user="U0ADMIN",
    )
    _, ics = await slack_bot.services.rounds.calendar(TEAM, "spring-2027", "en")
    calendar = ics.decode("utf-8").replace("\r\n ", "")
    assert "Q&A <models>" in calendar
    assert "https://example.org/p?a=1&b=2" in calendar
    assert "&amp;" not in calendar


# -- 2. a public channel the bot has not joined is joined; nothing is posted twice -----------
async def test_a_resent_post_in_a_channel_the_bot_had_not_joined_is_not_doubled(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    poster = slack_bot.front.poster
    lobby = ChannelRef(TEAM, "C0LOBBY")
    message = OutgoingMessage(body="Read section 3", title="Reminder")
    first = await poster.post(lobby, message, nonce="s9t100")
    # The bot crashed before recording the post; the scheduler sends it again.
    again = await poster.post(lobby, message, nonce="s9t100")
    assert again == first
    assert len(fake_slack.messages_in("C0LOBBY")) == 1
    assert fake_slack.calls_to("conversations.join")[0].args["channel"] == "C0LOBBY"


async def test_a_reminder_channel_is_joined_when_it_is_set_up(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/remind", "add", user="U0ADMIN", channel="C0STUDY")
    saved = await fake_slack.submit_view(
        "studybot:remind:add",
        {"channel": "C0LOBBY", "when": "every day 21:30", "message": "hello"},
        user="U0ADMIN",
    )
    assert saved.ack is None
    assert fake_slack.channels["C0LOBBY"].bot_is_member
    slack_bot.clock.advance(timedelta(minutes=31))
    assert await slack_bot.services.schedules.run_due() == 1
    assert len(fake_slack.messages_in("C0LOBBY")) == 1


# -- 3 and 5. round forms check their channel; each error sits on its own field --------------
async def test_the_round_form_refuses_a_private_channel_without_the_bot(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/round", "create", user="U0ADMIN")
    refused = await fake_slack.submit_view(
        "studybot:round:create",
        {
            "name": "spring-2027",
            "start": "2026-11-26",
            "weeks": "2",
            "cadence": "every thu 20:00",
            "channel": "C0PRIVATE",
        },
        user="U0ADMIN",
    )
    assert refused.ack is not None and refused.ack["response_action"] == "errors"
    assert set(refused.ack["errors"]) == {"channel"}
    assert "C0PRIVATE" in refused.ack["errors"]["channel"]
    assert await slack_bot.services.rounds.list_rounds(TEAM) == []


async def test_modal_errors_appear_under_the_input_they_are_about(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    values = {
        "name": "spring-2027",
        "start": "2026-11-26",
        "weeks": "2",
        "cadence": "every thu 20:00",
        "channel": "C0STUDY",
    }
    for field, wrong in (("weeks", "99"), ("cadence", "whenever"), ("start", "someday")):
        await fake_slack.command("/round", "create", user="U0ADMIN")
        refused = await fake_slack.submit_view(
            "studybot:round:create", {**values, field: wrong}, user="U0ADMIN"
        )
        assert refused.ack is not None, field
        assert set(refused.ack["errors"]) == {field}, refused.ack
    await fake_slack.command("/remind", "add", user="U0ADMIN", channel="C0STUDY")
    refused = await fake_slack.submit_view(
        "studybot:remind:add",
        {"channel": "C0STUDY", "when": "every day 21:30", "message": "hi", "ping": "@nobody"},
        user="U0ADMIN",
    )
    assert refused.ack is not None and set(refused.ack["errors"]) == {"ping"}


# -- 6. group pings in a FAQ title never reach an /ask reply ---------------------------------
async def test_group_pings_in_a_faq_title_are_shown_not_sent(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/faq", "add", user="U0ADMIN")
    await fake_slack.submit_view(
        "studybot:faq:add",
        {
            "question_en": "<!channel> <!here> <!everyone> <!subteam^S0MODS> where is the venue",
            "answer_en": "Room 301 <!here>",
        },
        user="U0ADMIN",
    )
    answered = await fake_slack.command("/ask", "where is the venue", user="U0ALEX")
    reply = answered.reply
    assert reply.body["response_type"] == "in_channel"
    shown = reply.text
    for ping in ("<!channel>", "<!here>", "<!everyone>", "<!subteam^S0MODS>"):
        assert ping not in shown, ping
    assert reply.body["text"].startswith("&lt;!channel&gt; &lt;!here&gt;"), "shown as typed"


# -- 7. session times in each member's own zone ----------------------------------------------
async def test_session_times_are_date_tokens_with_the_zone_as_fallback(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    view = await slack_bot.services.rounds.show_session(TEAM, "#1")
    token = f"<!date^{int(view.session.starts_at.timestamp())}^"
    for command, text in (("/session", "show #1"), ("/session", "list"), ("/round", "show")):
        shown = await fake_slack.command(command, text, user="U0ALEX")
        assert token in shown.reply.text, (command, text)
        assert "(Asia/Seoul)>" in shown.reply.text
    # The scheduler's day-before reminder in the channel, too.
    slack_bot.clock.set(datetime(2026, 11, 25, 11, 1, tzinfo=UTC))
    assert await slack_bot.services.schedules.run_due() >= 1
    reminder = fake_slack.messages_in("C0STUDY")[-1]
    assert token in reminder.text and "(Asia/Seoul)>" in reminder.text


# -- 8. RSVP counts on /session show follow the click ----------------------------------------
async def test_rsvp_counts_on_session_show_are_refreshed_after_a_click(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    shown = await fake_slack.command("/session", "show #1", user="U0ALEX")
    going = shown.reply.buttons()[0][1]["action_id"]
    clicked = await fake_slack.click(going, user="U0ALEX", responses=2)
    refreshed = clicked.deliveries[0]
    assert refreshed.body["replace_original"] is True
    texts = slack_bot.texts
    counts_line = " · ".join(
        f"{emoji} {texts.t(f'rounds.rsvp.{answer}', 'en')} {count}"
        for emoji, answer, count in (("✅", "going", 1), ("🤔", "maybe", 0), ("❌", "not_going", 0))
    )
    assert counts_line in refreshed.text, refreshed.text


# -- 9. /help, the workspace's forced language, readable mentions, the upload notice ---------
async def test_help_lists_the_slack_commands(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    shown = await fake_slack.command("/help", user="U0ALEX")
    for name in ("/ask", "/checkin", "/round", "/study-remind", "/config", "/help"):
        assert f"`{name}`" in shown.reply.text
    assert "/round-admin" not in shown.reply.text


async def test_a_forced_workspace_language_wins_over_the_members_locale(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/config", "set language en", user="U0OWNER")
    slack_bot.clock.advance(timedelta(minutes=5))  # past the cached profile
    listed = await fake_slack.command("/faq", "list", user="U0MINJI")
    assert slack_bot.texts.t("knowledge.faq.list_title", "en") in listed.reply.text


async def test_a_mention_in_a_checkin_note_reads_as_a_name(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    checked = await fake_slack.command(
        "/checkin", "ViT | with <@U0MINJI|minji> and <@U0ADMIN>", user="U0ALEX"
    )
    shown = checked.reply.text
    assert "with @minji and @admin" in shown
    assert "U0MINJI" not in shown and "&lt;@" not in shown


async def test_the_cant_upload_notice_reaches_the_member_where_the_bot_cannot_post(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await slack_bot.services.community.set_value(
        TEAM, "checkin_replies_public", "true", actor="test"
    )
    await fake_slack.command("/checkin", "ViT", user="U0ALEX", channel="C0PRIVATE")
    shown = await fake_slack.command(
        "/streak", "show", user="U0ALEX", channel="C0PRIVATE", responses=2
    )
    notice = shown.deliveries[-1]
    assert notice.kind == "message" and notice.channel == "U0ALEX"
    assert slack_bot.texts.t("slack.file_unavailable", "en") in notice.text



async def test_an_app_installed_without_channels_join_still_saves_a_public_channel(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    fake_slack.fail("conversations.join", "missing_scope")
    await fake_slack.command("/remind", "add", user="U0ADMIN", channel="C0STUDY")
    saved = await fake_slack.submit_view(
        "studybot:remind:add",
        {"channel": "C0LOBBY", "when": "every day 21:30", "message": "hello"},
        user="U0ADMIN",
    )
    assert saved.ack is None
    assert len(await slack_bot.services.reminders.list_reminders(moderator(TEAM))) == 1


async def test_a_channel_the_bot_cannot_join_is_refused_on_its_own_field(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    fake_slack.fail("conversations.join", "restricted_action")
    await fake_slack.command("/remind", "add", user="U0ADMIN", channel="C0STUDY")
    refused = await fake_slack.submit_view(
        "studybot:remind:add",
        {"channel": "C0LOBBY", "when": "every day 21:30", "message": "hello"},
        user="U0ADMIN",
    )
    assert refused.ack is not None
    assert refused.ack["errors"] == {
        "channel": slack_bot.texts.t("slack.error.cannot_join", "en", channel="C0LOBBY")
    }
    assert await slack_bot.services.reminders.list_reminders(moderator(TEAM)) == []
