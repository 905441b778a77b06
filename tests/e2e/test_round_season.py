"""End to end: a study season as a real server lives it (issue 14): members join
and leave after the round started, moderators correct attendance, the recap and
CSV name people, not database rows."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.conftest import BotRunner
from tests.e2e.test_rounds import FIRST, advance, create_round, member, sessions, start_round
from tests.fake_discord import FakeDiscord


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

    # Once a session is a day away its presenter is settled: a later joiner or
    # leaver does not move it.
    await advance(studybot, planned[0].starts_at - timedelta(hours=20))
    guild.add_member("eve")
    await fake_discord.slash("round join", user="eve")
    assert (await presenters(studybot, fake_discord))[0] == ["bob"]
    await fake_discord.slash("round leave", user="cy")
    after = await presenters(studybot, fake_discord)
    assert after[0] == ["bob"] and after[2] == ["alice"] and ["cy"] not in after
    assert ["eve"] in after


async def test_leaving_hands_on_every_upcoming_turn(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    guild.add_member("bob")
    await create_round(fake_discord)
    await start_round(fake_discord)
    await fake_discord.slash("round join", user="alice")
    await fake_discord.slash("round join", user="bob")
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
    guild = fake_discord.guild()
    guild.add_member("bob")
    await create_round(fake_discord)
    await start_round(fake_discord)
    await fake_discord.slash("round join", user="alice")
    await fake_discord.slash("round join", user="bob")
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
