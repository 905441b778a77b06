"""Defect 12: a check-in is stored, then Discord refuses the interaction reply (403,
404 10062 *Unknown interaction*, a 429 discord.py does not retry). The member is not
told it failed, nor left without word: the confirmation arrives in the channel (public
replies) or by direct message (private replies), saying plainly that it was recorded."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from storage.connection import Connection
from storage.fetch import fetch_all
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.fakes.discord.models import FakeMessage
from tests.helpers.runners.discord import BotRunner

CALLBACK = r"/interactions/\d+/[^/]+/callback"
RECORDED = {"ko": "님의 체크인은 기록됐어요", "en-US": "your check-in is recorded"}
STREAK_LINE = {"ko": "연속", "en-US": "streak"}
UNEXPECTED = ("unexpected", "예상하지 못한")

REFUSALS: dict[str, dict[str, Any]] = {
    "403": {"status": 403},
    "404 10062": {"status": 404, "body": {"message": "Unknown interaction", "code": 10062}},
    "429 not retried": {"status": 429, "cloudflare": True, "retry_after": 30.0},
}


async def count_checkins(studybot: BotRunner) -> int:
    def work(conn: Connection):
        rows = fetch_all(conn, "SELECT count(*) FROM streak_checkins")
        return rows
    rows = await studybot.services.db.read(work)
    return int(next(iter(rows))[0])


async def checkin_with_refused_reply(
    fake: FakeDiscord, refusal: dict[str, Any], locale: str, where: str
) -> None:
    """/checkin as alice with the reply refused; returns once the bot posted to ``where``."""
    fake.fail_next("POST", CALLBACK, **refusal)
    attempt = asyncio.create_task(
        fake.slash("checkin", {"paper": "Attention Is All You Need"}, user="alice",
                   locale=locale, timeout=5))
    await fake.wait_for_request("POST", where)
    attempt.cancel()
    await asyncio.gather(attempt, return_exceptions=True)


def assert_confirms(message: FakeMessage, locale: str, alice_id: int) -> None:
    content = message.content or ""
    assert RECORDED[locale] in content and f"<@{alice_id}>" in content
    assert STREAK_LINE[locale] in content and "Attention Is All You Need" in content
    assert not any(word in content for word in UNEXPECTED)
    assert message.request.get("allowed_mentions", {}).get("parse") == []


@pytest.mark.parametrize("locale", ["ko", "en-US"])
@pytest.mark.parametrize("kind", list(REFUSALS))
async def test_public_reply_refused_is_confirmed_in_the_channel(
    studybot: BotRunner, fake_discord: FakeDiscord, kind: str, locale: str
) -> None:
    general = fake_discord.guild().channel("general")
    await checkin_with_refused_reply(
        fake_discord, REFUSALS[kind], locale, rf"/channels/{general.id}/messages$")
    assert await count_checkins(studybot) == 1
    [posted] = fake_discord.messages_in(general)
    assert_confirms(posted, locale, fake_discord.guild().member("alice").user.id)
    # Nothing else reached the member: no "it failed" reply after the refusal.
    assert len(fake_discord.requests_to("POST", CALLBACK)) == 1


@pytest.mark.parametrize("locale", ["ko", "en-US"])
async def test_private_reply_refused_is_confirmed_by_direct_message(
    studybot: BotRunner, fake_discord: FakeDiscord, locale: str
) -> None:
    await fake_discord.slash(
        "config set", {"setting": "checkin_replies_public", "value": "off"}, user="mod")
    alice = fake_discord.guild().member("alice").user
    dm = fake_discord.dm_channel(alice)
    await checkin_with_refused_reply(
        fake_discord, REFUSALS["404 10062"], locale, rf"/channels/{dm.id}/messages$")
    assert await count_checkins(studybot) == 1
    [sent] = fake_discord.direct_messages(alice)
    assert_confirms(sent, locale, alice.id)
    assert not fake_discord.messages_in(fake_discord.guild().channel("general"))


async def test_a_channel_that_refuses_too_falls_back_to_a_direct_message(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    await fake_discord.forbid_channel(guild.channel("general"), notify=False)
    alice = guild.member("alice").user
    await checkin_with_refused_reply(
        fake_discord, REFUSALS["403"], "en-US",
        rf"/channels/{fake_discord.dm_channel(alice).id}/messages$")
    assert await count_checkins(studybot) == 1
    [sent] = fake_discord.direct_messages(alice)
    assert_confirms(sent, "en-US", alice.id)


@pytest.mark.parametrize(("locale", "saved"), [
    ("ko", "요청한 변경은 저장됐어요. 다시 하지 않아도 돼요"),
    ("en-US", "your change is saved; no need to make it again")])
async def test_a_refused_freeze_grant_reply_tells_the_moderator_it_was_saved(
    studybot: BotRunner, fake_discord: FakeDiscord, locale: str, saved: str
) -> None:
    """A moderator told nothing would grant again: the grant is confirmed by DM."""
    guild = fake_discord.guild()
    moderator = guild.member("mod").user
    fake_discord.fail_next("POST", CALLBACK, **REFUSALS["404 10062"])
    attempt = asyncio.create_task(fake_discord.slash(
        "streak freeze-grant", {"member": guild.member("alice"), "count": 2, "reason": "exam"},
        user="mod", locale=locale, timeout=5))
    await fake_discord.wait_for_request(
        "POST", rf"/channels/{fake_discord.dm_channel(moderator).id}/messages$")
    attempt.cancel()
    await asyncio.gather(attempt, return_exceptions=True)
    [sent] = fake_discord.direct_messages(moderator)
    assert saved in (sent.content or "") and "alice" in (sent.content or "")
    def work(conn: Connection):
        rows = fetch_all(conn, "SELECT sum(count) FROM streak_freeze_grants")
        return rows
    rows = await studybot.services.db.read(work)
    assert next(iter(rows))[0] == 2
