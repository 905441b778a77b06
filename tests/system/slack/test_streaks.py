"""/checkin and /streak on Slack: replies, the heatmap as an uploaded file, dedupe."""

from __future__ import annotations

import io

from PIL import Image

from bot.core.refs import MemberRef
from bot.streaks.heatmap import HEATMAP_SIZE
from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.refs import TEAM
from tests.helpers.runners.slack import SlackBot


async def test_checkin_then_streak_show_uploads_the_heatmap(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    texts = slack_bot.texts
    checked = await fake_slack.command(
        "/checkin", "Attention Is All You Need | 3장까지", user="U0MINJI"
    )
    reply = checked.reply
    assert not reply.ephemeral, "check-in replies are public by default"
    streak = texts.t("streaks.streak.daily", "ko", count=1)
    assert texts.t("streaks.checkin.started", "ko", streak=streak) in reply.text
    assert "Attention Is All You Need" in reply.text and "3장까지" in reply.text
    summary = await slack_bot.services.streaks.show(MemberRef(TEAM, "U0MINJI"))
    assert (summary.current, summary.total_checkins) == (1, 1)

    shown = await fake_slack.command("/streak", "show", user="U0MINJI", responses=2)
    summary_reply, uploaded = shown.deliveries
    assert summary_reply.kind == "respond" and uploaded.kind == "file"
    assert texts.t("streaks.show.title", "ko", name="minji") in summary_reply.text
    assert streak in summary_reply.text
    file = fake_slack.files[uploaded.body["file_id"]]
    assert file.completed and file.channel == "C0STUDY"
    assert file.filename.endswith(".png")
    image = Image.open(io.BytesIO(file.data))
    assert image.format == "PNG" and image.size == HEATMAP_SIZE
    assert file.initial_comment == texts.t("streaks.show.heatmap", "ko")
    steps = [call.method for call in fake_slack.calls if call.method.startswith("files.")]
    assert steps == ["files.getUploadURLExternal", "files.completeUploadExternal"]


async def test_private_checkin_replies_keep_the_heatmap_private(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await slack_bot.services.community.set_value(
        TEAM, "checkin_replies_public", "off", actor="test"
    )
    checked = await fake_slack.command("/checkin", "", user="U0ALEX")
    assert checked.reply.ephemeral
    shown = await fake_slack.command("/streak", "", user="U0ALEX", responses=2)
    summary_reply, uploaded = shown.deliveries
    assert summary_reply.ephemeral
    assert fake_slack.files[uploaded.body["file_id"]].channel == "D0ALEX", "sent as a DM"


async def test_redelivered_checkin_counts_once(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    first = await fake_slack.command("/checkin", "", user="U0ALEX")
    # Slack resends an envelope whose ack it did not see: same trigger id, new envelope.
    envelope = await fake_slack.socket.send(
        "slash_commands", first.conversation.payload, accepts_response_payload=True
    )
    await envelope.acked
    again = await first.wait(2)
    texts = slack_bot.texts
    assert (
        texts.t(
            "streaks.checkin.duplicate", "en", streak=texts.t("streaks.streak.daily", "en", count=1)
        )
        in again[1].text
    )
    summary = await slack_bot.services.streaks.show(MemberRef(TEAM, "U0ALEX"))
    assert summary.total_checkins == 1


async def test_member_text_never_pings(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    checked = await fake_slack.command("/checkin", "<!channel> read this <@U0ADMIN>", user="U0ALEX")
    text = checked.reply.text
    assert "<!channel>" not in text and "@channel read this" in text
    assert "<@U0ADMIN>" not in text


async def test_leaderboard_ranks_members_by_current_streak(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    for user in ("U0MINJI", "U0ALEX"):
        await fake_slack.command("/checkin", "", user=user)
    board = await fake_slack.command("/streak", "leaderboard", user="U0ALEX")
    texts = slack_bot.texts
    assert texts.t("streaks.board.title.current", "en") in board.text
    assert "minji" in board.text and "alex" in board.text
    assert (
        texts.t(
            "streaks.board.your_rank",
            "en",
            rank=1,
            value=texts.t("streaks.streak.daily", "en", count=1),
        )
        in board.text
    )


async def test_a_pasted_link_is_the_paper(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    checked = await fake_slack.command(
        "/checkin",
        "<https://arxiv.org/abs/1706.03762|arxiv.org/abs/1706.03762> | 2장 | 끝",
        user="U0MINJI",
    )
    texts = slack_bot.texts
    assert (
        texts.t("streaks.checkin.paper", "ko", paper="https://arxiv.org/abs/1706.03762")
        in checked.reply.text
    )
    assert texts.t("streaks.checkin.note", "ko", note="2장 | 끝") in checked.reply.text
