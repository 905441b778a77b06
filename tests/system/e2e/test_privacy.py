"""End to end on Discord: /privacy, /mydata export and delete (the member's own and a
moderator's on request), and the purge after the bot is removed from a guild."""

from __future__ import annotations

import csv
import io
import json
import logging
import zipfile
from datetime import timedelta
from typing import Any

import pytest

from bot.core.refs import MemberRef
from bot.i18n import load_catalog
from bot.privacy.notice import notice_sections
from storage import communities as community_store
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.hostile import snapshot
from tests.helpers.privacy_scan import rows_about, table_count
from tests.helpers.refs import community
from tests.helpers.runners.discord import BotRunner
from tests.system.e2e.test_rounds import FIRST, click_rsvp, create_round, sessions, start_round


def member(fake: FakeDiscord, name: str) -> MemberRef:
    return MemberRef(community(fake), str(fake.guild().member(name).id))


async def member_id(studybot: BotRunner, ref: MemberRef) -> int:
    found = await studybot.services.db.read(community_store.find_member, ref)
    assert found is not None
    return found


async def a_season_with_alice(studybot: BotRunner, fake: FakeDiscord) -> None:
    """Alice checks in, gets a freeze and a correction, joins a round, answers an RSVP,
    attends the first session and presents it; the moderator keeps a reminder."""
    guild = fake.guild()
    alice = guild.member("alice")
    await fake.slash("checkin", {"paper": "Attention Is All You Need", "note": "3장까지"},
                     user="alice")
    await fake.slash("streak freeze-grant", {"member": alice, "count": 1, "reason": "exam"},
                     user="mod")
    await fake.slash("streak adjust", {"member": alice, "day": "2026-11-22", "action": "add",
                                       "reason": "offline reading"}, user="mod")
    await fake.slash("remind add", {"when": "every mon 20:00", "message": "read"}, user="mod")
    await create_round(fake)
    await fake.slash("round join", user="alice")
    await fake.slash("round join", user="mod")
    await start_round(fake)
    first = (await sessions(studybot, fake))[0]
    studybot.clock.set(FIRST - timedelta(hours=24))
    await studybot.services.schedules.run_due()
    reminder = fake.messages_in(guild.channel("general"))[-1]
    await click_rsvp(fake, f"round:rsvp:{first.id}:going", reminder, "alice")
    await click_rsvp(fake, f"round:rsvp:{first.id}:going", reminder, "mod")
    studybot.clock.set(first.ends_at)
    await studybot.services.schedules.run_due()


async def test_privacy_notice_in_both_languages(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    texts = load_catalog()
    for locale, lang in (("ko", "ko"), ("en-US", "en")):
        reply = await fake_discord.slash("privacy", user="alice", locale=locale)
        assert reply.ephemeral
        embed = reply.embeds[0]
        assert embed["title"] == texts.t("privacy.notice.title", lang)
        shown = [(f["name"], f["value"]) for f in embed["fields"]]
        assert shown == notice_sections(texts, lang, 30)
    assert "30일 뒤" in shown_text(await fake_discord.slash("privacy", locale="ko"))


def shown_text(reply: Any) -> str:
    return "\n".join(f["value"] for f in reply.embeds[0]["fields"])


async def test_export_then_delete_leaves_nothing_and_the_recap_still_adds_up(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    await a_season_with_alice(studybot, fake_discord)
    alice = member(fake_discord, "alice")
    alice_id = await member_id(studybot, alice)

    exported = await fake_discord.slash("mydata export", user="alice")
    assert exported.ephemeral and "rows in" in (exported.content or "")
    files = {f.filename: f.data for f in exported.attachments}
    stem = f"studybot-data-{alice.community.external_id}-{alice.external_id}"
    document = json.loads(files[f"{stem}.json"])
    tables = document["tables"]
    assert document["member"] == alice.external_id
    assert [c["paper"] for c in tables["streak_checkins"] if c["source"] == "checkin"] == [
        "Attention Is All You Need"]
    assert {c["note"] for c in tables["streak_checkins"]} >= {"3장까지"}
    assert tables["streak_freeze_grants"][0]["role"] == "received"
    assert [(a["action"], a["reason"]) for a in tables["streak_audit"]] == [
        ("grant", "exam"), ("add", "offline reading")]
    assert [r["answer"] for r in tables["rsvps"]] == ["going"]
    assert [a["attended"] for a in tables["attendance"]] == [1]
    assert tables["session_presenters"] and tables["round_members"]
    with zipfile.ZipFile(io.BytesIO(files[f"{stem}-csv.zip"])) as archive:
        assert set(archive.namelist()) == {f"{table}.csv" for table in tables}
        checkins = list(csv.DictReader(io.StringIO(
            archive.read("streak_checkins.csv").decode("utf-8-sig"))))
    assert len(checkins) == len(tables["streak_checkins"])

    again = await fake_discord.slash("mydata export", user="alice")
    assert "one every 5 minutes" in (again.content or "") and not again.attachments

    asked = await fake_discord.slash("mydata delete", user="alice")
    assert asked.ephemeral and "cannot be undone" in (asked.content or "")
    assert rows_about(studybot.settings.database_file, alice_id, alice.external_id), \
        "nothing is deleted before the confirm button"
    done = await fake_discord.click("privacy:delete:confirm", message=asked, user="alice")
    assert done.type == 7 and "Nothing about you is stored" in (done.data or {}).get(
        "content", "")
    assert rows_about(studybot.settings.database_file, alice_id, alice.external_id) == []
    # The moderator's correction is still in the audit trail, about nobody.
    assert table_count(studybot.settings.database_file, "streak_audit") == 2

    # Her upcoming turn passed on to the other member, as when leaving a round.
    planned = await sessions(studybot, fake_discord)
    moderator = str(fake_discord.guild().member("mod").id)
    assert [[p.external_id for p in s.presenters] for s in planned[1:]] == [[moderator]] * 3
    # The round goes on and closes: the first session's totals still count alice's
    # turn and attendance, under the placeholder.
    studybot.clock.set(planned[-1].ends_at + timedelta(hours=1))
    await studybot.services.schedules.run_due()
    closed = await fake_discord.slash("round-admin close", user="mod")
    recap = {f.filename: f.data.decode() for f in closed.attachments}
    rows = {row["member"]: row for row in csv.DictReader(io.StringIO(
        recap["winter-2026-recap.csv"]))}
    assert rows["탈퇴한 멤버"]["sessions_attended"] == "1"
    assert rows["탈퇴한 멤버"]["presentations"] == "1"
    assert rows["mod"]["sessions_attended"] == "1"
    assert "탈퇴한 멤버" in recap["winter-2026-recap.md"]
    assert rows_about(studybot.settings.database_file, alice_id, alice.external_id) == []

    for locale, words in (("en-US", "former member"), ("ko", "탈퇴한 멤버")):
        listed = json.dumps((await fake_discord.slash(
            "session list", {"round": "Winter 2026"}, user="mod", locale=locale)).embeds,
            ensure_ascii=False)
        assert "former-" not in listed, "the placeholder is never shown as a mention"
        assert "#1 · " in listed and words in listed
        shown = json.dumps((await fake_discord.slash(
            "round show", {"round": "Winter 2026"}, user="mod", locale=locale)).embeds,
            ensure_ascii=False)
        assert "former-" not in shown and words in shown


async def test_a_moderator_deletes_on_request_and_the_log_names_only_the_moderator(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    bob = guild.add_member("bob")
    await fake_discord.slash("checkin", {"note": "bob's note"}, user="bob")
    bob_ref = member(fake_discord, "bob")
    bob_id = await member_id(studybot, bob_ref)

    before = snapshot(studybot.settings.database_file)
    refused = await fake_discord.slash("mydata delete", {"member": bob}, user="alice")
    assert refused.ephemeral
    assert refused.content == load_catalog().t("error.not_moderator", "en")
    assert not refused.components
    assert snapshot(studybot.settings.database_file) == before

    asked = await fake_discord.slash("mydata delete", {"member": bob}, user="mod", locale="ko")
    assert f"<@{bob.id}> 님의 요청으로" in (asked.content or "")
    stranger = await fake_discord.click("privacy:delete:confirm", message=asked, user="alice")
    assert "명령어를 실행한 사람만" in (stranger.content or "") or "Only the person" in (
        stranger.content or "")
    assert rows_about(studybot.settings.database_file, bob_id, bob_ref.external_id)
    done = await fake_discord.click("privacy:delete:confirm", message=asked, user="mod",
                                    locale="ko")
    assert "데이터를 지웠어요" in (done.data or {}).get("content", "")
    assert rows_about(studybot.settings.database_file, bob_id, bob_ref.external_id) == []
    log = await studybot.services.privacy.deletion_log(community(fake_discord))
    assert [(e["requested_by"], e["actor"]) for e in log] == [
        ("moderator", str(guild.member("mod").id))]


async def test_cancel_deletes_nothing(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    await fake_discord.slash("checkin", user="alice")
    before = snapshot(studybot.settings.database_file)
    asked = await fake_discord.slash("mydata delete", user="alice", locale="ko")
    cancelled = await fake_discord.click("privacy:delete:cancel", message=asked, user="alice",
                                         locale="ko")
    assert "아무것도 지우지 않았어요" in (cancelled.data or {}).get("content", "")
    assert snapshot(studybot.settings.database_file) == before


async def test_removed_guild_is_purged_after_the_grace_period_unless_the_bot_returns(
    studybot: BotRunner, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    guild = fake_discord.guild()
    await fake_discord.slash("checkin", user="alice")
    await fake_discord.slash("remind add", {"when": "every day 20:00", "message": "read"},
                             user="mod")
    database = studybot.settings.database_file
    privacy = studybot.services.privacy

    await fake_discord.dispatch("GUILD_DELETE", {"id": str(guild.id)}, guild_id=guild.id)
    await wait_for_rows(database, "community_departures", 1)
    studybot.clock.advance(timedelta(days=29))
    await privacy.housekeeping()
    assert table_count(database, "streak_checkins") == 1, "kept within the grace period"

    # Added back on day 29: the purge is off. (A guild the bot joins arrives without
    # the "unavailable" key, which discord.py reads as a join.)
    joined = guild.payload(fake_discord.bot_user.id)
    del joined["unavailable"]
    await fake_discord.dispatch("GUILD_CREATE", joined, guild_id=guild.id)
    await wait_for_rows(database, "community_departures", 0)
    studybot.clock.advance(timedelta(days=5))
    await privacy.housekeeping()
    assert table_count(database, "streak_checkins") == 1

    # Removed again and not back: 30 days later every row of the guild is gone.
    await fake_discord.dispatch("GUILD_DELETE", {"id": str(guild.id)}, guild_id=guild.id)
    await wait_for_rows(database, "community_departures", 1)
    studybot.clock.advance(timedelta(days=30))
    await studybot.services.schedules.sweep()  # the periodic job that runs housekeeping
    assert table_count(database, "communities") == 0
    assert table_count(database, "members") == 0
    assert table_count(database, "streak_checkins") == 0
    # Its reminder is no longer timed: nothing is posted and nothing fails.
    posted = len(fake_discord.messages_in(guild.channel("general")))
    caplog.clear()
    studybot.clock.advance(timedelta(days=1))
    assert await studybot.services.schedules.run_due() == 0
    assert len(fake_discord.messages_in(guild.channel("general"))) == posted
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def wait_for_rows(database: Any, table: str, count: int) -> None:
    """Gateway events are handled asynchronously: wait until ``table`` has ``count`` rows."""
    import asyncio

    for _ in range(200):
        if table_count(database, table) == count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{table} never had {count} rows")




async def test_a_moderator_deleting_their_own_data_keeps_what_they_did_for_the_server(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    alice = guild.member("alice")
    opened = await fake_discord.slash("faq add", user="mod")
    assert opened.modal is not None
    await fake_discord.submit_modal(opened.modal["custom_id"], {
        "question_ko": "", "answer_ko": "", "question_en": "When do we meet?",
        "answer_en": "Thursdays at 20:00."}, user="mod")
    await fake_discord.slash("remind add", {"when": "every mon 20:00", "message": "read"},
                             user="mod")
    await create_round(fake_discord)
    await fake_discord.slash("config set", {"setting": "freeze_cap", "value": "3"}, user="mod")
    await fake_discord.slash("streak freeze-grant", {"member": alice, "count": 1,
                                                     "reason": "exam"}, user="mod")
    await fake_discord.slash("streak adjust", {"member": alice, "day": "2026-11-22",
                                               "action": "add", "reason": "offline"}, user="mod")
    moderator = member(fake_discord, "mod")
    moderator_id = await member_id(studybot, moderator)
    database = studybot.settings.database_file
    counts = {t: table_count(database, t) for t in (
        "knowledge_faq", "schedules", "rounds", "community_settings", "streak_freeze_grants",
        "streak_audit", "streak_checkins")}

    asked = await fake_discord.slash("mydata delete", user="mod")
    await fake_discord.click("privacy:delete:confirm", message=asked, user="mod")

    assert rows_about(database, moderator_id, moderator.external_id) == []
    assert {t: table_count(database, t) for t in counts} == counts, \
        "the FAQ, reminder, round, setting, and alice's grant and check-in all stay"
    assert (await studybot.services.streaks.show(member(fake_discord, "alice"))).freezes_left \
        == 1
    history = await fake_discord.slash("streak history", {"member": alice}, user="mod",
                                       locale="ko")
    description = history.embeds[0]["description"]
    assert "탈퇴한 멤버" in description and "offline" in description
    found = await fake_discord.slash("ask", {"question": "When do we meet?"})
    assert found.embeds[0]["title"] == "When do we meet?"


async def test_retention_clears_old_check_in_texts_but_keeps_the_check_ins(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    database = studybot.settings.database_file
    await fake_discord.slash("checkin", {"paper": "ResNet", "note": "old"}, user="alice")
    studybot.clock.advance(timedelta(days=20))
    await fake_discord.slash("checkin", {"paper": "ViT", "note": "new"}, user="alice")
    studybot.clock.advance(timedelta(days=15))
    await studybot.services.privacy.housekeeping()
    assert texts_of_checkins(database) == [("ResNet", "old"), ("ViT", "new")], "default: kept"

    bad = await fake_discord.slash("config set", {"setting": "checkin_text_days",
                                                  "value": "0"}, user="mod")
    assert "1 .. 3650" in (bad.content or "")
    saved = await fake_discord.slash("config set", {"setting": "checkin_text_days",
                                                    "value": "30"}, user="mod")
    assert "cleared after 30 days" in (saved.content or "")
    studybot.clock.advance(timedelta(hours=1))
    await studybot.services.schedules.sweep()  # the periodic job
    assert texts_of_checkins(database) == [(None, None), ("ViT", "new")]
    streak = await studybot.services.streaks.show(member(fake_discord, "alice"))
    assert streak.total_checkins == 2


def texts_of_checkins(database: Any) -> list[tuple[str | None, str | None]]:
    import sqlite3

    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        return [tuple(row) for row in conn.execute(
            "SELECT paper, note FROM streak_checkins ORDER BY checked_at")]


async def test_a_guild_that_is_back_when_the_bot_starts_is_not_purged(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    await fake_discord.slash("checkin", user="alice")
    database = studybot.settings.database_file
    await fake_discord.dispatch("GUILD_DELETE", {"id": str(guild.id)}, guild_id=guild.id)
    await wait_for_rows(database, "community_departures", 1)
    # The bot was added back while it was down: at start-up the guild is there.
    await studybot.restart()
    await wait_for_rows(database, "community_departures", 0)
    studybot.clock.advance(timedelta(days=31))
    await studybot.services.privacy.housekeeping()
    assert table_count(database, "streak_checkins") == 1


async def test_an_unanswered_prompt_expires_and_deletes_nothing(
    studybot: BotRunner, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    # discord.py loads extensions itself: the live module is the one in sys.modules.
    monkeypatch.setattr(sys.modules["cogs.privacy"], "CONFIRM_SECONDS", 0.2)
    await fake_discord.slash("checkin", user="alice")
    before = snapshot(studybot.settings.database_file)
    asked = await fake_discord.slash("mydata delete", user="alice")
    edited = await fake_discord.wait_for_request("PATCH", r"/messages/@original$")
    assert "nothing was deleted" in edited.json["content"]
    assert edited.json["components"] == []
    assert snapshot(studybot.settings.database_file) == before
    assert asked.ephemeral
