"""Defect 11: /config refuses what is not a role, shows settings as people read
them (no ``None``, ``True``, ``6.0``), offers only Discord's settings on Discord;
/streak freeze-grant says what the freeze cap means when a member holds more."""

from __future__ import annotations

import pytest

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.refs import community
from tests.helpers.runners.discord import BotRunner

PYTHON_VALUES = ("None", "True", "False", "6.0")


@pytest.mark.parametrize(("locale", "refusal"), [
    ("ko", "이 서버에 그런 역할이 없어요"), ("en-US", "is not a role of this server")])
async def test_a_role_that_is_not_there_is_refused(
    studybot: BotRunner, fake_discord: FakeDiscord, locale: str, refusal: str
) -> None:
    for value in ("nonsense", "@Nobody", "123456789012345678", "<@&42>"):
        reply = await fake_discord.slash(
            "config set", {"setting": "moderator_role", "value": value}, user="mod",
            locale=locale)
        assert reply.ephemeral and refusal in (reply.content or ""), (value, reply.content)
        assert f"`{value}`" in (reply.content or "")
    config = await studybot.services.community.config(community(fake_discord))
    assert config.moderator_role is None


async def test_a_crafted_non_id_is_refused_by_the_service(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    """Without the cog's look-up (a service caller, a future front end): still refused."""
    from bot.core.errors import UserFacingError

    with pytest.raises(UserFacingError) as refused:
        await studybot.services.community.set_value(
            community(fake_discord), "moderator_role", "nonsense", actor="test")
    assert refused.value.key == "config.invalid_role"


@pytest.mark.parametrize(("locale", "saved"), [("ko", "설정을 바꿨어요"), ("en-US", "Saved")])
async def test_a_role_by_mention_or_name_is_saved_and_shown_as_the_role(
    studybot: BotRunner, fake_discord: FakeDiscord, locale: str, saved: str
) -> None:
    helpers = fake_discord.guild().add_role("Study Helpers")
    await fake_discord.drop_gateway(resume=False)  # the bot learns the new role
    for value in (f"<@&{helpers.id}>", "@study helpers", str(helpers.id)):
        reply = await fake_discord.slash(
            "config set", {"setting": "moderator_role", "value": value}, user="mod",
            locale=locale)
        assert reply.content == (
            f"`moderator_role` 설정을 바꿨어요: <@&{helpers.id}>" if locale == "ko"
            else f"Saved `moderator_role`: <@&{helpers.id}>"), value
        assert saved in reply.content
    config = await studybot.services.community.config(community(fake_discord))
    assert config.moderator_role == str(helpers.id)


@pytest.mark.parametrize(("locale", "expected"), [
    ("ko", {
        "language": "멤버마다 자기 언어",
        "moderator_role": "없음 (서버 관리 권한이 있는 사람만 운영진)",
        "moderator_channel": "없음 (서버의 시스템 채널로 알려요)",
        "streak_period": "하루 단위",
        "streak_rollover_hour": "04:00",
        "checkin_replies_public": "켜짐",
        "freeze_every": "연속 7번마다 하나",
        "freeze_cap": "2개",
        "missed_grace_hours": "6시간",
        "attendance_counts_as_checkin": "켜짐",
    }),
    ("en-US", {
        "language": "each member's own language",
        "moderator_role": "none (only people with Manage Server moderate)",
        "moderator_channel": "none (notices go to the server's system channel)",
        "streak_period": "daily",
        "checkin_replies_public": "on",
        "freeze_every": "one every 7 in a row",
        "freeze_cap": "2",
        "missed_grace_hours": "6 h",
    }),
])
async def test_config_show_reads_as_words_and_hides_slack_settings(
    studybot: BotRunner, fake_discord: FakeDiscord, locale: str, expected: dict[str, str]
) -> None:
    reply = await fake_discord.slash("config show", user="mod", locale=locale)
    lines = reply.embeds[0]["description"].splitlines()
    shown = dict(line.split(" — ", 1) for line in lines)
    for key, value in expected.items():
        assert shown[f"`{key}`"] == value
    assert "`moderator_usergroup`" not in shown
    assert not any(word in line for line in lines for word in PYTHON_VALUES), lines


async def test_values_after_a_change_read_as_words(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    off = await fake_discord.slash(
        "config set", {"setting": "checkin_replies_public", "value": "off"}, user="mod",
        locale="ko")
    assert off.content == "`checkin_replies_public` 설정을 바꿨어요: 꺼짐"
    grace = await fake_discord.slash(
        "config set", {"setting": "missed_grace_hours", "value": "1.5"}, user="mod")
    assert grace.content == "Saved `missed_grace_hours`: 1.5 h"
    reset = await fake_discord.slash(
        "config reset", {"setting": "language"}, user="mod", locale="ko")
    assert reset.content == "`language` 설정을 기본값으로 되돌렸어요: 멤버마다 자기 언어"


async def test_the_slack_only_setting_is_not_offered_on_discord(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    config_group = next(c for c in fake_discord.registered_commands() if c["name"] == "config")
    for sub in config_group["options"]:
        for option in sub.get("options", []):
            if option["name"] == "setting":
                offered = {choice["value"] for choice in option["choices"]}
                assert "moderator_usergroup" not in offered
                assert {"moderator_role", "timezone"} <= offered
    crafted = await fake_discord.slash(
        "config set", {"setting": "moderator_usergroup", "value": "S0MODS"}, user="mod")
    assert crafted.ephemeral and "There is no setting `moderator_usergroup`" in (
        crafted.content or "")
    config = await studybot.services.community.config(community(fake_discord))
    assert config.moderator_usergroup is None


@pytest.mark.parametrize(("locale", "expected"), [
    ("ko", "alice님에게 프리즈 2개를 줬어요. 이제 모두 프리즈 12개예요 (운영진이 준 것 12개, "
           "스스로 모은 것 0개).\n이 서버의 프리즈 상한 2개는 체크인으로 모으는 프리즈에만 "
           "적용돼요."),
    ("en-US", "Gave alice 2 streak freezes. They now hold 12 streak freezes: 12 granted by "
              "moderators, 0 earned.\nThe server's freeze cap of 2 limits earned freezes only"),
])
async def test_freeze_grant_above_the_cap_says_what_the_cap_means(
    studybot: BotRunner, fake_discord: FakeDiscord, locale: str, expected: str
) -> None:
    alice = fake_discord.guild().member("alice")
    await fake_discord.slash(
        "streak freeze-grant", {"member": alice, "count": 10, "reason": "exam"}, user="mod")
    reply = await fake_discord.slash(
        "streak freeze-grant", {"member": alice, "count": 2, "reason": "exam"}, user="mod",
        locale=locale)
    assert expected in (reply.content or "")
    assert "freeze(s)" not in (reply.content or "")


async def test_freeze_grant_where_nothing_is_earned(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    await fake_discord.slash(
        "config set", {"setting": "freeze_every", "value": "0"}, user="mod")
    alice = fake_discord.guild().member("alice")
    reply = await fake_discord.slash(
        "streak freeze-grant", {"member": alice, "count": 1, "reason": "exam"}, user="mod",
        locale="ko")
    assert reply.content == (
        "alice님에게 프리즈 1개를 줬어요. 이제 모두 프리즈 1개예요 (운영진이 준 것 1개, "
        "스스로 모은 것 0개).\n이 서버에서는 체크인으로 프리즈를 모을 수 없어서, 빠진 날이나 "
        "주는 운영진이 준 프리즈로만 메워져요.")


async def test_the_moderator_channel_by_name_or_mention(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    general = fake_discord.guild().channel("general")
    for value in ("#general", f"<#{general.id}>", "GENERAL"):
        reply = await fake_discord.slash(
            "config set", {"setting": "moderator_channel", "value": value}, user="mod")
        assert reply.content == f"Saved `moderator_channel`: <#{general.id}>", value
    refused = await fake_discord.slash(
        "config set", {"setting": "moderator_channel", "value": "#nowhere"}, user="mod",
        locale="ko")
    assert refused.ephemeral and "여기에 그런 채널이 없어요" in (refused.content or "")
    cleared = await fake_discord.slash(
        "config set", {"setting": "moderator_channel", "value": "없음"}, user="mod", locale="ko")
    assert cleared.content == (
        "`moderator_channel` 설정을 바꿨어요: 없음 (서버의 시스템 채널로 알려요)")
    config = await studybot.services.community.config(community(fake_discord))
    assert config.moderator_channel is None
