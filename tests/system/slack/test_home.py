"""The App Home tab: streak and heatmap, next sessions with RSVP buttons, this week's
reading; drawn on app_home_opened and again after an RSVP click on it."""

from __future__ import annotations

from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.refs import TEAM
from tests.helpers.runners.slack import SlackBot
from tests.system.slack.test_rounds import _started_round


async def test_home_tab_shows_streak_sessions_and_reading(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    await fake_slack.command(
        "/round", "paper-add Attention Is All You Need | https://arxiv.org/abs/1706.03762 | 1",
        user="U0ADMIN",
    )
    await fake_slack.command("/checkin", "ViT", user="U0ALEX")
    opened = await fake_slack.open_home("U0ALEX")
    home = opened.reply
    assert home.kind == "home" and home.channel == "U0ALEX"
    texts = slack_bot.texts
    shown = home.text
    assert texts.t("slack.home.title", "en") in shown
    assert "🟩" in shown and "⬜" in shown, "the heatmap grid marks today"
    assert texts.t("streaks.streak.daily", "en", count=1) in shown
    assert texts.t("slack.home.sessions", "en") in shown
    assert "spring-2027" in shown and "<!date^" in shown
    rsvp = [b["action_id"] for _, b in home.buttons()]
    assert len(rsvp) == 6 and all(a.startswith("round:rsvp:") for a in rsvp), rsvp
    assert "Attention Is All You Need" in shown, "this week's reading"
    assert fake_slack.home_views["U0ALEX"]["type"] == "home"


async def test_an_rsvp_on_the_home_tab_is_saved_and_the_tab_redrawn(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    opened = await fake_slack.open_home("U0MINJI")
    going = opened.reply.buttons()[0][1]
    assert going["text"]["text"].endswith("· 0")
    clicked = await fake_slack.click(going["action_id"], user="U0MINJI")
    redrawn = clicked.reply
    assert redrawn.kind == "home"
    assert redrawn.buttons()[0][1]["text"]["text"].endswith("· 1")
    session_id = going["action_id"].split(":")[2]
    view = await slack_bot.services.rounds.show_session(TEAM, session_id)
    assert view.counts.going == 1


async def test_home_tab_without_rounds_or_checkins(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    opened = await fake_slack.open_home("U0MINJI")
    shown = opened.reply.text
    texts = slack_bot.texts
    assert texts.t("slack.home.no_sessions", "ko") in shown
    assert texts.t("slack.home.no_reading", "ko") in shown
    legend = texts.t("slack.home.heatmap", "ko", weeks=12)
    assert "⬜" in shown and "🟩" not in shown.replace(legend, "")


async def test_a_refused_rsvp_on_the_home_tab_is_said_in_a_direct_message(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    opened = await fake_slack.open_home("U0ALEX")
    going = opened.reply.buttons()[0][1]["action_id"]
    await fake_slack.command("/session", "cancel #1", user="U0ADMIN")
    clicked = await fake_slack.click(going, user="U0ALEX", responses=2)
    notice, redrawn = clicked.deliveries
    assert notice.kind == "message" and notice.channel == "U0ALEX"
    assert "#1" in notice.text
    assert redrawn.kind == "home"
    assert all(b["action_id"] != going for _, b in redrawn.buttons()), "#1 is gone"
