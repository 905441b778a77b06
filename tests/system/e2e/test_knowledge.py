"""End to end: /ask, /role and /faq through the fake Discord."""

from __future__ import annotations

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.discord import BotRunner


async def test_ask_in_korean(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    reply = await fake_discord.slash(
        "ask", {"question": "대기업 AI 부서는 석박사 필수인가요?"}, locale="ko"
    )
    assert not reply.ephemeral
    embed = reply.embeds[0]
    assert "석" in embed["title"] and "학위" in embed["title"]
    footer = embed["footer"]["text"]
    assert "출처: 2018년 세미나 「좋은 딥러닝 연구 개발자 되기」 패널 Q&A" in footer
    assert f"“{embed['title']}”" in footer and ".txt" not in footer and "§" not in footer
    assert "[원문 보기](https://shwksl101.github.io/" in embed["description"]
    # One list of related topics, by title, never raw ids.
    fields = {field["name"]: field["value"] for field in embed.get("fields", [])}
    assert list(fields) == ["관련 주제"]
    lines = fields["관련 주제"].splitlines()
    assert 0 < len(lines) <= 4 and all(line.startswith("- ") for line in lines)
    assert "`" not in fields["관련 주제"] and "qa." not in fields["관련 주제"]
    assert not reply.content  # no support line for a plain question


async def test_ask_in_english_uses_english_texts(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    reply = await fake_discord.slash(
        "ask", {"question": "What does a research scientist do all day?"}, locale="en-US"
    )
    embed = reply.embeds[0]
    assert embed["title"].lower().startswith("research scientist")
    footer = embed["footer"]["text"]
    assert footer.endswith("Source: SOCAR's AI job descriptions · Research Scientist")
    assert "[Read the original](https://www.notion.so/" in embed["description"]
    names = [field["name"] for field in embed.get("fields", [])]
    assert "Example research questions" in names


async def test_off_topic_question_is_declined_with_pointer(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    reply = await fake_discord.slash("ask", {"question": "오늘 점심 뭐 먹지"}, locale="ko")
    assert reply.ephemeral and not reply.embeds
    assert "/faq 목록" in (reply.content or "")
    assert "답할 수 있는 직무와 유형: " in (reply.content or "")


async def test_a_greeting_and_thanks_keep_the_answer(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    plain = await fake_discord.slash(
        "ask", {"question": "포트폴리오는 어떻게 준비해요?"}, locale="ko")
    greeted = await fake_discord.slash(
        "ask", {"question": "안녕하세요ㅎㅎ 포트폴리오는 어떻게 준비해요? 답변 부탁드려요!"},
        locale="ko")
    assert greeted.embeds and greeted.embeds[0]["title"] == plain.embeds[0]["title"]
    english = await fake_discord.slash(
        "ask", {"question": "Hi all! How do I build a portfolio? Thanks in advance"},
        locale="en-US")
    assert english.embeds and not english.ephemeral


async def test_a_catalog_word_in_an_unrelated_question_gets_the_topic_list(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    stocks = await fake_discord.slash(
        "ask", {"question": "삼성전자 주가 요즘 어때요?"}, locale="ko")
    assert stocks.ephemeral and not stocks.embeds
    content = stocks.content or ""
    assert "찾지 못했어요" in content and "리서치 사이언티스트" in content
    assert "도메인 전문가" in content
    security = await fake_discord.slash(
        "ask", {"question": "red team vs blue team in network security?"}, locale="en-US")
    assert security.ephemeral and not security.embeds
    assert "Research Scientist" in (security.content or "")


async def test_questions_about_the_bot_point_to_help(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    korean = await fake_discord.slash(
        "ask", {"question": "이 봇 명령어는 어떻게 써요?"}, locale="ko")
    assert korean.ephemeral and "/도움말" in (korean.content or "")
    english = await fake_discord.slash(
        "ask", {"question": "how do I set a reminder with this bot?"}, locale="en-US")
    assert english.ephemeral and "/help" in (english.content or "")


async def test_distress_adds_one_support_line_in_the_members_language(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    korean = await fake_discord.slash(
        "ask", {"question": "석사 과정인데 번아웃이 와서 그만두고 싶어요"}, locale="ko")
    assert korean.embeds and "자괴감" in korean.embeds[0]["title"]
    assert korean.content and "1577-0199" in korean.content
    # Written in English on a Korean client: the line is in English.
    english = await fake_discord.slash(
        "ask", {"question": "I'm burned out in my master's and want to quit"}, locale="ko")
    assert english.embeds and english.content
    assert "crisis line" in english.content and "1577" not in english.content


async def test_ask_rejects_empty_and_overlong(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    empty = await fake_discord.slash("ask", {"question": "   "}, locale="en-US")
    assert empty.ephemeral and "type a question" in (empty.content or "")
    long = await fake_discord.slash("ask", {"question": "가" * 501}, locale="ko")
    assert long.ephemeral and "500자" in (long.content or "")


async def test_role_with_and_without_name(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    overview = await fake_discord.slash("role", locale="en-US")
    fields = {field["name"]: field["value"] for field in overview.embeds[0]["fields"]}
    assert "Research Scientist" in fields["Job roles"]
    assert len(fields["Player types (R/A/E/D)"].splitlines()) == 4
    one = await fake_discord.slash("role", {"name": "role.ai-red-team"}, locale="ko")
    assert "원문에 내용이 적은 항목" in one.embeds[0]["footer"]["text"]
    missing = await fake_discord.slash("role", {"name": "astronaut"}, locale="en-US")
    assert missing.ephemeral and "astronaut" in (missing.content or "")


async def test_role_autocomplete_over_both_languages(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    korean = await fake_discord.autocomplete("role", "name", "데이터", locale="ko")
    assert [choice["value"] for choice in korean][:1] == ["role.data-scientist"]
    english = await fake_discord.autocomplete("role", "name", "red", locale="en-US")
    assert "role.ai-red-team" in [choice["value"] for choice in english]


async def test_moderator_adds_faq_entry_that_ask_then_finds(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    opened = await fake_discord.slash("faq add", user="mod", locale="ko")
    assert opened.modal is not None
    saved = await fake_discord.submit_modal(
        opened.modal["custom_id"],
        {
            "question_ko": "스터디 모임은 언제 하나요?",
            "answer_ko": "매주 목요일 저녁 8시에 디스코드 음성 채널에서 해요.",
            "question_en": "",
            "answer_en": "",
        },
        user="mod",
    )
    assert saved.ephemeral and "faq." in (saved.content or "")
    found = await fake_discord.slash("ask", {"question": "스터디 모임 언제 해요?"}, locale="ko")
    embed = found.embeds[0]
    assert embed["title"] == "스터디 모임은 언제 하나요?"
    assert "추가한 사람: mod" in embed["footer"]["text"]


async def test_member_cannot_add_faq(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    refused = await fake_discord.slash("faq add", user="alice", locale="en-US")
    assert refused.modal is None and refused.ephemeral
    assert "Only moderators" in (refused.content or "")


async def test_faq_incomplete_pair_is_refused_and_nothing_stored(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    opened = await fake_discord.slash("faq add", user="mod", locale="en-US")
    refused = await fake_discord.submit_modal(
        opened.modal["custom_id"],
        {"question_ko": "", "answer_ko": "", "question_en": "When?", "answer_en": ""},
        user="mod",
    )
    assert refused.ephemeral and "English question" in (refused.content or "")
    listing = await fake_discord.slash("faq list", {"page": 3}, locale="en-US")
    assert "When?" not in listing.embeds[0]["description"]


async def test_faq_list_pages_with_buttons(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    first = await fake_discord.slash("faq list", locale="en-US")
    assert first.ephemeral and first.embeds[0]["footer"]["text"].startswith("Page 1 of 2")
    first_ids = first.embeds[0]["description"]
    second = await fake_discord.click("faq:page:next", user="alice")
    assert second.embeds[0]["footer"]["text"].startswith("Page 2 of 2")
    assert second.embeds[0]["description"] != first_ids


async def test_faq_edit_and_remove(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    opened = await fake_discord.slash("faq add", user="mod")
    await fake_discord.submit_modal(
        opened.modal["custom_id"],
        {
            "question_ko": "",
            "answer_ko": "",
            "question_en": "Where are the slides?",
            "answer_en": "In the #resources channel.",
        },
        user="mod",
    )
    choices = await fake_discord.autocomplete("faq edit", "topic", "slides", user="mod")
    topic = choices[0]["value"]
    assert topic.startswith("faq.")
    form = await fake_discord.slash("faq edit", {"topic": topic}, user="mod")
    answer = next(
        component
        for row in form.modal["components"]
        for component in row["components"]
        if component["custom_id"] == "answer_en"
    )
    assert answer["value"] == "In the #resources channel."
    await fake_discord.submit_modal(
        form.modal["custom_id"],
        {
            "question_ko": "",
            "answer_ko": "",
            "question_en": "Where are the slides?",
            "answer_en": "Pinned in #study.",
        },
        user="mod",
    )
    shown = await fake_discord.slash("faq show", {"topic": topic})
    assert shown.embeds[0]["description"].endswith("Pinned in #study.")
    removed = await fake_discord.slash("faq remove", {"topic": topic}, user="mod")
    assert "Removed" in (removed.content or "")
    gone = await fake_discord.slash("faq show", {"topic": topic})
    assert gone.ephemeral and not gone.embeds
    builtin = await fake_discord.slash("faq remove", {"topic": "qa.phd-advice"}, user="mod")
    assert "built-in" in (builtin.content or "")
