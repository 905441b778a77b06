"""End to end: a study season as a real server lives it (issue 14): members join
and leave after the round started, moderators correct attendance, the recap and
CSV name people, not database rows."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.fakes.discord.models import FakeGuild
from tests.helpers.runners.discord import BotRunner
from tests.system.e2e.test_rounds import (
    FIRST,
    advance,
    click_rsvp,
    create_round,
    member,
    sessions,
    start_round,
)


async def presenters(studybot: BotRunner, fake: FakeDiscord) -> list[list[str]]:
    """The presenters of every session, by name."""
    names = {str(m.id): m.name for m in fake.guild().members.values()}
    return [[names[p.external_id] for p in s.presenters]
            for s in await sessions(studybot, fake)]


async def test_rotation_rebalances_as_members_join_after_the_start(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    guild.add_member("bob")
    guild.add_member("cy")
    await create_round(fake_discord)
    await start_round(fake_discord)
    for name in ("alice", "bob", "cy"):
        await fake_discord.slash("round join", user=name)
    assert await presenters(studybot, fake_discord) == [
        ["alice"], ["bob"], ["cy"], ["alice"]], "fewest turns first, in join order"
    listing = await fake_discord.slash("session list", user="cy", locale="ko")
    mentions = [line.rsplit(" · ", 1)[1] for line in listing.embeds[0]["description"].splitlines()]
    assert mentions == [f"<@{guild.member(n).id}>" for n in ("alice", "bob", "cy", "alice")]

    # A moderator's choice stays put while the rotation moves around it: alice's
    # hand-given turn counts, so the others go first.
    planned = await sessions(studybot, fake_discord)
    await fake_discord.slash(
        "session-admin assign", {"session": str(planned[2].id), "member": guild.member("alice")},
        user="mod")
    assert await presenters(studybot, fake_discord) == [
        ["bob"], ["cy"], ["alice"], ["bob"]]
    guild.add_member("dee")
    await fake_discord.slash("round join", user="dee")
    assert await presenters(studybot, fake_discord) == [
        ["bob"], ["cy"], ["alice"], ["dee"]], "the newcomer gets a turn, alice keeps hers"

    # Once a session is a day away its presenter is settled: bob keeps tomorrow's
    # session although a hand-given turn later makes him the one with most turns.
    await advance(studybot, planned[0].starts_at - timedelta(hours=20))
    guild.add_member("eve")
    await fake_discord.slash("round join", user="eve")
    await fake_discord.slash(
        "session-admin assign", {"session": str(planned[3].id), "member": guild.member("bob")},
        user="mod")
    assert await presenters(studybot, fake_discord) == [
        ["bob"], ["cy"], ["alice"], ["bob"]]
    await fake_discord.slash("round leave", user="cy")
    assert await presenters(studybot, fake_discord) == [
        ["bob"], ["dee"], ["alice"], ["bob"]], "cy's turn passes to one with none"


async def alice_and_bob_joined(fake: FakeDiscord) -> FakeGuild:
    """A started round that alice, then bob, joined."""
    guild = fake.guild()
    guild.add_member("bob")
    await create_round(fake)
    await start_round(fake)
    await fake.slash("round join", user="alice")
    await fake.slash("round join", user="bob")
    return guild


async def test_leaving_hands_on_every_upcoming_turn(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = await alice_and_bob_joined(fake_discord)
    planned = await sessions(studybot, fake_discord)
    await fake_discord.slash(
        "session-admin assign", {"session": str(planned[0].id), "member": guild.member("bob")},
        user="mod")
    left = await fake_discord.slash("round leave", user="bob", locale="ko")
    assert "라운드에서 나갔어요" in (left.content or ""), left.content
    assert await presenters(studybot, fake_discord) == [
        ["alice"], ["alice"], ["alice"], ["alice"]], "bob presents nothing after leaving"


async def test_corrected_attendance_shows_in_streaks_at_once(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = await alice_and_bob_joined(fake_discord)
    first = (await sessions(studybot, fake_discord))[0]
    # During the session: a moderator marks bob present.
    await advance(studybot, FIRST + timedelta(minutes=30))
    marked = await fake_discord.slash(
        "session-admin attendance",
        {"session": str(first.id), "member": guild.member("bob"), "attended": True},
        user="mod")
    assert "Recorded" in (marked.content or "")
    shown = await fake_discord.slash("streak show", user="bob", locale="ko")
    fields = {f["name"]: f["value"] for f in shown.embeds[0]["fields"]}
    assert fields["총 체크인"].startswith("1회"), fields
    assert fields["마지막 체크인"] != "아직 없음"
    board = await fake_discord.slash("streak leaderboard", {"scope": "round"}, user="alice")
    assert "bob" in board.embeds[0]["description"], board.embeds
    summary = await studybot.services.streaks.show(member(fake_discord, "bob"))
    assert summary.total_checkins == 1


async def test_rescheduling_recreates_an_event_deleted_by_hand(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    await create_round(fake_discord)
    await start_round(fake_discord)
    second, third = (await sessions(studybot, fake_discord))[1:3]
    assert second.event_id and third.event_id
    await fake_discord.delete_event(second.event_id)

    moved = await fake_discord.slash(
        "session-admin edit", {"session": str(second.id), "when": "2026-12-05 18:00"},
        user="mod", locale="ko")
    content = moved.content or ""
    assert "#2 세션을 바꿨어요" in content and "새로 만들었어요" in content, content
    assert "이벤트도 함께 옮겼어요" not in content
    recreated = (await sessions(studybot, fake_discord))[1]
    assert recreated.event_id and recreated.event_id != second.event_id
    event = guild.scheduled_events[int(recreated.event_id)]
    assert event["scheduled_start_time"].startswith("2026-12-05T09:00:00")

    # Discord refuses both the move and a new event: the reply says so plainly.
    await fake_discord.delete_event(third.event_id)
    fake_discord.fail_next("POST", r"/scheduled-events$", 400, times=1,
                           body={"message": "Invalid Form Body", "code": 50035})
    failed = await fake_discord.slash(
        "session-admin edit", {"session": str(third.id), "topic": "Chapter 3"}, user="mod")
    assert "could neither be moved nor created again" in (failed.content or ""), failed.content
    assert "event moved" not in (failed.content or "")
    assert (await sessions(studybot, fake_discord))[2].event_id == third.event_id

    # A plain move still says the event moved.
    fourth = (await sessions(studybot, fake_discord))[3]
    plain = await fake_discord.slash(
        "session-admin edit", {"session": str(fourth.id), "topic": "SOTA"}, user="mod")
    assert "Its reminders and event moved with it" in (plain.content or "")


async def test_recap_and_csv_name_members_by_platform_id_and_display_name(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    dee = guild.add_member("dee")
    general = guild.channel("general")
    await create_round(fake_discord)
    await start_round(fake_discord)
    await fake_discord.slash("round join", user="alice")
    first = (await sessions(studybot, fake_discord))[0]
    await advance(studybot, first.ends_at)
    # Dee never joined; a moderator marks her present all the same.
    await fake_discord.slash(
        "session-admin attendance", {"session": str(first.id), "member": dee, "attended": True},
        user="mod")

    exported = await fake_discord.slash("round-admin export", user="mod", locale="en-US")
    files = {f.filename: f.data.decode() for f in exported.attachments}
    markdown = files["winter-2026-recap.md"]
    assert "- dee: 1/1 (100%)" in markdown, markdown
    assert not re.search(r"^- \d+: ", markdown, flags=re.MULTILINE), "no row ids"
    rows = list(csv.DictReader(io.StringIO(files["winter-2026-recap.csv"])))
    assert {row["member"]: row["user_id"] for row in rows} == {
        "alice": str(guild.member("alice").id), "dee": str(dee.id)}
    assert "member_id" not in rows[0]

    await advance(studybot, (await sessions(studybot, fake_discord))[-1].ends_at)
    await fake_discord.slash("round-admin close", user="mod")
    posted = fake_discord.messages_in(general)[-1]
    korean = next(a.data.decode() for a in posted.attachments if a.filename.endswith(".md"))
    assert "출석" in korean and "- dee: 1/" in korean, korean
    assert not re.search(r"^- \d+: ", korean, flags=re.MULTILINE)


async def test_a_session_start_post_marks_it_held(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    guild.add_member("bob")
    general = guild.channel("general")
    await create_round(fake_discord)
    await start_round(fake_discord)
    await fake_discord.slash("round join", user="alice")
    first, second = (await sessions(studybot, fake_discord))[:2]
    await advance(studybot, first.starts_at - timedelta(hours=24))
    reminder = fake_discord.messages_in(general)[-1]
    await click_rsvp(fake_discord, f"round:rsvp:{first.id}:going", reminder, "alice")

    await advance(studybot, first.starts_at)
    post = fake_discord.messages_in(general)[-1]
    embed = post.embeds[0]
    assert embed["description"] == \
        "#1 세션을 지금 시작해요: **논문 미정**\n참석한다고 답한 사람: 1명"
    assert f"<@{guild.member('alice').id}>" in {f["value"] for f in embed["fields"]}
    assert "참석 응답은 마감됐어요" in embed["footer"]["text"] and not post.components
    assert (await sessions(studybot, fake_discord))[0].status == "held"
    assert (await studybot.services.streaks.show(member(fake_discord, "alice"))).total_checkins \
        == 1, "attendance from the RSVPs, at once"
    late_answer = await fake_discord.click(f"round:rsvp:{first.id}:going", message=reminder,
                                           user="bob", locale="en-US")
    assert late_answer.content == "Session #1 has begun or was cancelled: RSVPs are closed."
    listing = await fake_discord.slash("session list", user="bob", locale="en-US")
    assert listing.embeds[0]["description"].splitlines()[0].endswith("(held)")

    # In a server set to English, the post is in English; the end message follows.
    await studybot.services.community.set_value(
        member(fake_discord, "mod").community, "language", "en", actor="test")
    await advance(studybot, second.starts_at)
    started = fake_discord.messages_in(general)[-1].embeds[0]["description"]
    assert started == "Session #2 starts now: **paper to be announced**\nAnswered going: 0", \
        started
    await advance(studybot, second.ends_at)
    assert "Session #2 is over" in fake_discord.messages_in(general)[-1].embeds[0]["description"]
