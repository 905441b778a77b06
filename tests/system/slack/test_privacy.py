"""/privacy and /mydata through the real slack_bolt app and the fake Slack, and the
workspace purge on app_uninstalled / tokens_revoked."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

from bot.core.refs import SLACK, CommunityRef, MemberRef
from bot.privacy.notice import notice_sections
from storage import communities as community_store
from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.hostile import snapshot
from tests.helpers.privacy_scan import rows_about, table_count
from tests.helpers.refs import TEAM
from tests.helpers.runners.slack import SlackBot
from tests.system.slack.test_rounds import _started_round


async def member_id(slack_bot: SlackBot, user: str) -> int:
    found = await slack_bot.services.db.read(community_store.find_member, MemberRef(TEAM, user))
    assert found is not None
    return found


async def test_privacy_notice_in_the_members_language(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    texts = slack_bot.services.texts
    shown = await fake_slack.command("/privacy", user="U0MINJI")
    assert shown.reply.ephemeral
    body = json.dumps(shown.reply.body["blocks"], ensure_ascii=False)
    for title, _ in notice_sections(texts, "ko", 30):
        assert title in body
    assert "30일 뒤" in body and "/mydata delete" in body
    english = await fake_slack.command("/privacy", user="U0ALEX")
    assert texts.t("privacy.notice.title", "en") in english.reply.text


async def test_export_then_delete_on_slack_leaves_nothing_and_the_recap_renders(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    await fake_slack.command("/round", "join spring-2027", user="U0ALEX")
    await fake_slack.command("/checkin", "Attention Is All You Need | 메모", user="U0ALEX")
    alex_id = await member_id(slack_bot, "U0ALEX")
    database = slack_bot.settings.database_file

    exported = await fake_slack.command("/mydata", "export", user="U0ALEX", responses=3)
    files = {fake_slack.files[d.body["file_id"]].filename: fake_slack.files[d.body["file_id"]]
             for d in exported.of_kind("file")}
    stem = "studybot-data-T0STUDY-U0ALEX"
    assert set(files) == {f"{stem}.json", f"{stem}-csv.zip"}
    assert {f.channel for f in files.values()} == {"D0ALEX"}, "sent only to the member"
    document = json.loads(files[f"{stem}.json"].data)
    assert document["tables"]["streak_checkins"][0]["note"] == "메모"
    assert document["tables"]["round_members"][0]["round"] == "spring-2027"
    with zipfile.ZipFile(io.BytesIO(files[f"{stem}-csv.zip"].data)) as archive:
        assert "streak_checkins.csv" in archive.namelist()
    (note,) = [d for d in exported.deliveries if d.kind != "file"]
    assert note.ephemeral and "rows in" in note.text

    asked = await fake_slack.command("/mydata", "delete", user="U0ALEX")
    assert "cannot be undone" in asked.reply.text
    assert rows_about(database, alex_id, "U0ALEX"), "nothing goes before the click"
    done = await fake_slack.click("privacy:confirm", user="U0ALEX")
    assert "Nothing about you is stored" in done.reply.text
    assert done.reply.body.get("replace_original") is True
    assert rows_about(database, alex_id, "U0ALEX") == []

    recap = await slack_bot.services.rounds.recap_of(TEAM, "spring-2027")
    assert recap.round_name == "spring-2027"
    shown = await fake_slack.command("/round", "show spring-2027", user="U0ADMIN")
    assert "U0ALEX" not in json.dumps(shown.reply.body)


async def test_moderator_deletes_on_request_and_members_are_refused(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/checkin", "", user="U0MINJI")
    minji_id = await member_id(slack_bot, "U0MINJI")
    database = slack_bot.settings.database_file
    before = snapshot(database)
    refused = await fake_slack.command("/mydata", "delete <@U0MINJI|minji>", user="U0ALEX")
    assert refused.reply.text == slack_bot.services.texts.t("slack.error.not_moderator", "en")
    assert not refused.reply.buttons()
    assert snapshot(database) == before

    asked = await fake_slack.command("/mydata", "delete <@U0MINJI|minji>", user="U0ADMIN")
    assert "<@U0MINJI>" in asked.reply.text
    done = await fake_slack.click("privacy:confirm", "U0MINJI", user="U0ADMIN")
    assert "Deleted the data of <@U0MINJI>" in done.reply.text
    assert rows_about(database, minji_id, "U0MINJI") == []
    log = await slack_bot.services.privacy.deletion_log(TEAM)
    assert [(e["requested_by"], e["actor"]) for e in log] == [("moderator", "U0ADMIN")]


async def test_a_crafted_click_cannot_delete_someone_else(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/checkin", "", user="U0MINJI")
    asked = await fake_slack.command("/mydata", "delete", user="U0ALEX")
    assert asked.reply.buttons()
    database = slack_bot.settings.database_file
    before = snapshot(database)
    # Alex replays the button with minji's id as its value.
    button = next(b for _, b in asked.reply.buttons() if b["action_id"] == "privacy:confirm")
    button["value"] = "U0MINJI"
    refused = await fake_slack.click("privacy:confirm", "U0MINJI", user="U0ALEX")
    assert "Only moderators" in refused.reply.text
    assert snapshot(database) == before


async def test_uninstall_and_revoked_tokens_delete_the_workspace_at_once(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    await fake_slack.command("/checkin", "", user="U0MINJI")
    database = slack_bot.settings.database_file
    other = CommunityRef(SLACK, "T0OTHER")
    await slack_bot.services.streaks.check_in(MemberRef(other, "U0ELSE"), None)
    assert table_count(database, "rounds") == 1

    await fake_slack.event({"type": "app_uninstalled"})
    assert table_count(database, "rounds") == 0
    assert table_count(database, "streak_checkins") == 1, "only the other workspace's"
    assert rows_about(database, -1, "T0STUDY") == []

    await fake_slack.event({"type": "tokens_revoked", "tokens": {"bot": ["U0BOT"]}},
                           team_id="T0OTHER")
    assert table_count(database, "communities") == 0
    assert slack_bot.clock.now() == datetime(2026, 11, 23, 12, tzinfo=UTC), "at once"


async def test_mydata_usage_and_korean_subcommand_names(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    texts = slack_bot.front.texts  # the catalog as Slack words it
    usage = await fake_slack.command("/mydata", "", user="U0MINJI")
    assert usage.reply.body["text"] == texts.t("slack.usage.mydata", "ko")
    nothing = await fake_slack.command("/mydata", "내보내기", user="U0MINJI")
    assert nothing.reply.body["text"] == texts.t("privacy.export.empty", "ko")
    asked = await fake_slack.command("/mydata", "삭제", user="U0MINJI")
    assert asked.reply.body["text"] == texts.t("privacy.delete.confirm_self", "ko")
    cancelled = await fake_slack.click("privacy:cancel", user="U0MINJI")
    assert cancelled.reply.body["text"] == texts.t("privacy.delete.cancelled", "ko")
    unknown = await fake_slack.command("/mydata", "delete somebody", user="U0MINJI")
    assert "somebody" in unknown.reply.text and not unknown.reply.buttons()
