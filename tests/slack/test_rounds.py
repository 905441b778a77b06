"""Study rounds on Slack: create, start, join, sessions and RSVP buttons (also on the
scheduler's session reminders)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.identity import SLACK, CommunityRef, MemberRef
from tests.fake_slack import FakeSlack
from tests.slack.conftest import SlackBot

TEAM = CommunityRef(SLACK, "T0STUDY")
ADMIN = MemberRef(TEAM, "U0ADMIN")


async def _started_round(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    """``spring-2027`` (Thursdays 20:00 from 2026-11-26, two weeks), made and started
    through Slack by an admin."""
    opened = await fake_slack.command("/round", "create", user="U0ADMIN")
    assert opened.reply.kind == "modal"
    made = await fake_slack.submit_view(
        "studybot:round:create",
        {
            "name": "spring-2027",
            "start": "2026-11-26",
            "weeks": "2",
            "cadence": "every thu 20:00",
            "channel": "C0STUDY",
        },
        user="U0ADMIN",
    )
    assert made.ack is None, made.ack
    texts = slack_bot.services.texts
    assert texts.t("rounds.create.done", "en", round="spring-2027", count=2) in made.text
    started = await fake_slack.command("/round", "start spring-2027", user="U0ADMIN")
    assert "spring-2027" in started.reply.text
    announcement = fake_slack.messages_in("C0STUDY")[-1]
    assert texts.t("rounds.start.announcement", "en", round="spring-2027") in announcement.text


async def test_round_joined_and_rsvp_clicked(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    await _started_round(slack_bot, fake_slack)
    texts = slack_bot.services.texts
    joined = await fake_slack.command("/round", "join spring-2027", user="U0MINJI")
    assert joined.reply.ephemeral
    assert joined.reply.body["text"] == texts.t("rounds.join.done", "ko", round="spring-2027")
    members = await slack_bot.services.rounds.active_round_member_ids(TEAM)
    assert members == ["U0MINJI"]

    shown = await fake_slack.command("/session", "show #1", user="U0ALEX")
    assert shown.reply.ephemeral
    labels = [b["text"]["text"] for _, b in shown.reply.buttons()]
    assert len(labels) == 3 and all(label.endswith("· 0") for label in labels)
    session_id = int(shown.reply.buttons()[0][1]["action_id"].split(":")[2])

    clicked = await fake_slack.click(f"round:rsvp:{session_id}:going", user="U0ALEX", responses=2)
    refreshed, confirmation = clicked.deliveries
    assert refreshed.body["replace_original"] is True
    assert refreshed.buttons()[0][1]["text"]["text"].endswith("· 1")
    assert confirmation.ephemeral and confirmation.body["replace_original"] is False
    assert confirmation.body["text"] == texts.t(
        "rounds.rsvp.saved",
        "en",
        answer=texts.t("rounds.rsvp.going", "en"),
        index=1,
        going=1,
        maybe=0,
        not_going=0,
    ).replace("**", "*")
    view = await slack_bot.services.rounds.show_session(TEAM, str(session_id))
    assert (view.counts.going, view.counts.maybe, view.counts.not_going) == (1, 0, 0)


async def test_rsvp_on_the_schedulers_session_reminder(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    # The day-before reminder of session #1 (Thu 2026-11-26 20:00 in Seoul).
    slack_bot.clock.set(datetime(2026, 11, 25, 11, 1, tzinfo=UTC))
    assert await slack_bot.services.schedules.run_due() >= 1
    reminder = fake_slack.messages_in("C0STUDY")[-1]
    assert len(reminder.buttons()) == 3, "the reminder carries the RSVP buttons"

    clicked = await fake_slack.click(
        reminder.buttons()[1][1]["action_id"], user="U0MINJI", responses=2
    )
    refreshed, confirmation = clicked.deliveries
    assert refreshed.body["response_type"] == "in_channel", "the shared message is updated"
    assert [b["text"]["text"] for _, b in refreshed.buttons()][1].endswith("· 1")
    assert confirmation.ephemeral
    session_id = int(reminder.buttons()[1][1]["action_id"].split(":")[2])
    view = await slack_bot.services.rounds.show_session(TEAM, str(session_id))
    assert view.counts.maybe == 1
    announcement = await slack_bot.services.rounds.announcement(session_id)
    assert announcement == ("C0STUDY", reminder.ts)


async def test_members_cannot_create_or_start_rounds(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    refused = await fake_slack.command("/round", "start", user="U0ALEX")
    assert refused.reply.body["text"] == slack_bot.services.texts.t(
        "slack.error.not_moderator", "en"
    )
    assert await slack_bot.services.rounds.list_rounds(TEAM) == []
    later = await fake_slack.command("/round", "export", user="U0ADMIN")
    assert later.reply.body["text"] == slack_bot.services.texts.t(
        "slack.not_available", "en", command="/round export"
    )


async def test_round_calendar_is_sent_privately_as_a_file(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    sent = await fake_slack.command("/round", "calendar", user="U0ALEX", responses=2)
    note, uploaded = sent.deliveries
    assert note.ephemeral
    file = fake_slack.files[uploaded.body["file_id"]]
    assert file.channel == "D0ALEX" and file.filename == "spring-2027.ics"
    assert file.data.startswith(b"BEGIN:VCALENDAR")


async def test_moderator_adds_and_removes_a_paper(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    texts = slack_bot.services.texts
    added = await fake_slack.command(
        "/round",
        "paper-add Attention Is All You Need | <https://arxiv.org/abs/1706.03762|arxiv.org/abs/1706.03762>",
        user="U0ADMIN",
    )
    overview = await slack_bot.services.rounds.overview(TEAM, "spring-2027")
    assert [(p.title, p.url) for p in overview.papers] == [
        ("Attention Is All You Need", "https://arxiv.org/abs/1706.03762")
    ]
    assert added.reply.body["text"] == texts.t(
        "rounds.paper.added",
        "en",
        title="Attention Is All You Need",
        week=overview.papers[0].week,
        round="spring-2027",
    ).replace("**", "*")
    refused = await fake_slack.command(
        "/round", "paper-remove Attention Is All You Need", user="U0ALEX"
    )
    assert refused.reply.body["text"] == texts.t("slack.error.not_moderator", "en")
    await fake_slack.command("/round", "paper-remove Attention Is All You Need", user="U0ADMIN")
    assert (await slack_bot.services.rounds.overview(TEAM, "spring-2027")).papers == ()
