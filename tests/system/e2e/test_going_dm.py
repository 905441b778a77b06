"""End to end: a member who said going can ask for a direct message an hour before
the session (issue 14, as event bots do): the 🔔 button under their private RSVP
confirmation. Opt-out with 🔕 or by changing the RSVP; the DM is sent once, in the
member's language, survives restarts and moves with the session."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.core.errors import UserFacingError
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.discord import BotRunner
from tests.system.e2e.test_rounds import (
    FIRST,
    a_day_before_the_first,
    click_rsvp,
    create_round,
    member,
    sessions,
    start_round,
)
from tests.system.e2e.test_schedules import advance


async def test_going_members_get_a_dm_an_hour_before_if_they_ask(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    alice, mod = guild.member("alice").user, guild.member("mod").user
    first, second, reminder = await a_day_before_the_first(studybot, fake_discord)

    offer = await click_rsvp(fake_discord, f"round:rsvp:{first.id}:going", reminder, "alice",
                             locale="ko")
    assert "#1 세션 시작 1시간 전에 DM으로 알려 드릴까요?" in offer
    turned_on = await fake_discord.click(f"round:dm:{first.id}:on", user="alice", locale="ko")
    assert turned_on.type == 7
    assert "DM으로 알려 드릴게요" in (turned_on.data or {}).get("content", "")
    english = await click_rsvp(fake_discord, f"round:rsvp:{first.id}:going", reminder, "mod")
    assert "Shall I DM you an hour before session #1 starts?" in english
    # Only who said going may ask.
    shown = await fake_discord.slash("session show", {"session": str(second.id)}, user="mod")
    await click_rsvp(fake_discord, f"round:rsvp:{second.id}:maybe", shown, "mod")
    with pytest.raises(UserFacingError) as refused:
        await studybot.services.rounds.dm_before(member(fake_discord, "mod"), second.id,
                                                 wanted=True, lang="en")
    assert refused.value.key == "rounds.dm.not_going"

    await studybot.restart()
    await advance(studybot, FIRST - timedelta(hours=1))
    (dm,) = fake_discord.direct_messages(alice)
    shown_dm = json.dumps(dm.embeds, ensure_ascii=False)
    assert "한 시간 뒤" in shown_dm and "#1 세션이 시작해요" in shown_dm, shown_dm
    assert not dm.components, "no RSVP buttons in a DM"
    assert dm.request["allowed_mentions"]["parse"] == []
    assert fake_discord.direct_messages(mod) == [], "mod did not ask"
    studybot.clock.advance(timedelta(minutes=2))
    await studybot.restart()
    await studybot.services.schedules.run_due()
    assert len(fake_discord.direct_messages(alice)) == 1, "sent once"

    exported = await studybot.services.privacy.export(member(fake_discord, "alice"))
    assert [row["session"] for row in exported.tables["session_dm_optins"]] == [1]


async def test_turning_it_off_or_changing_the_rsvp_cancels_the_dm(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    alice = fake_discord.guild().member("alice").user
    first, second, reminder = await a_day_before_the_first(studybot, fake_discord)

    await click_rsvp(fake_discord, f"round:rsvp:{first.id}:going", reminder, "alice")
    await fake_discord.click(f"round:dm:{first.id}:on", user="alice")
    turned_off = await fake_discord.click(f"round:dm:{first.id}:off", user="alice")
    assert "No DM before session #1" in (turned_off.data or {}).get("content", "")

    shown = await fake_discord.slash("session show", {"session": str(second.id)}, user="alice")
    await click_rsvp(fake_discord, f"round:rsvp:{second.id}:going", shown, "alice")
    await fake_discord.click(f"round:dm:{second.id}:on", user="alice")
    await click_rsvp(fake_discord, f"round:rsvp:{second.id}:not_going", shown, "alice")

    await advance(studybot, FIRST - timedelta(hours=1))
    await advance(studybot, second.starts_at - timedelta(hours=1))
    assert fake_discord.direct_messages(alice) == []


async def test_the_dm_moves_with_the_session(studybot: BotRunner,
                                            fake_discord: FakeDiscord) -> None:
    alice = fake_discord.guild().member("alice").user
    await create_round(fake_discord)
    await start_round(fake_discord)
    first = (await sessions(studybot, fake_discord))[0]
    shown = await fake_discord.slash("session show", {"session": str(first.id)}, user="alice")
    await click_rsvp(fake_discord, f"round:rsvp:{first.id}:going", shown, "alice")
    await fake_discord.click(f"round:dm:{first.id}:on", user="alice")
    moved = await fake_discord.slash(
        "session-admin edit", {"session": str(first.id), "when": "2026-11-27 20:00"},
        user="mod")
    assert moved.content or moved.embeds
    await advance(studybot, FIRST - timedelta(hours=1))
    assert fake_discord.direct_messages(alice) == [], "not at the old time"
    await advance(studybot, FIRST + timedelta(days=1) - timedelta(hours=1))
    assert len(fake_discord.direct_messages(alice)) == 1


async def test_deleting_ones_data_deletes_the_dm(studybot: BotRunner,
                                                fake_discord: FakeDiscord) -> None:
    alice = fake_discord.guild().member("alice").user
    first, _, reminder = await a_day_before_the_first(studybot, fake_discord)
    await click_rsvp(fake_discord, f"round:rsvp:{first.id}:going", reminder, "alice")
    await fake_discord.click(f"round:dm:{first.id}:on", user="alice")
    asked = await fake_discord.slash("mydata delete", user="alice")
    await fake_discord.click("privacy:delete:confirm", message=asked, user="alice")
    exported = await studybot.services.privacy.export(member(fake_discord, "alice"))
    assert not exported.tables.get("session_dm_optins")
    await advance(studybot, FIRST - timedelta(hours=1))
    assert fake_discord.direct_messages(alice) == []
