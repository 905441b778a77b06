"""The knowledge service: /ask, /role, /roles, autocomplete (without a database),
and /ask over a guild's own FAQ (with one)."""

from __future__ import annotations

import pytest

from bot.clock import ManualClock
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.i18n import load_catalog as load_texts
from bot.knowledge import (
    ASK_LIMIT,
    CHOICE_NAME_LIMIT,
    CHOICES_LIMIT,
    RELATED_LIMIT,
    KnowledgeService,
)
from content.loader import load_catalog
from content.schema import Entry
from storage.database import Database


@pytest.fixture(scope="module")
def service() -> KnowledgeService:
    from datetime import UTC, datetime

    return KnowledgeService(load_catalog(), None, ManualClock(datetime(2026, 1, 1, tzinfo=UTC)))


async def test_ask_returns_the_entry_in_the_readers_language(service: KnowledgeService) -> None:
    result = await service.ask(None, "대기업 AI 부서는 석박사 필수인가요?", "en")
    assert result.question_lang == "ko"
    assert result.answer is not None
    assert result.answer.id == "qa.degree-required" and result.answer.lang == "en"
    assert result.answer.title.startswith("Do I need")
    assert result.answer.source == (
        "the 2018 seminar “Becoming an Excellent Deep Learning Researcher”, panel Q&A"
        " · “Do I need a master's or PhD to get an AI job at a big company?”")
    assert result.answer.source_link and result.answer.source_link.startswith("https://")
    assert not result.answer.thin_source
    assert not result.support
    assert result.ranked[0].id == "qa.degree-required"
    assert [t.score for t in result.ranked] == sorted((t.score for t in result.ranked),
                                                     reverse=True)


async def test_ask_declines_off_topic(service: KnowledgeService) -> None:
    result = await service.ask(None, "오늘 점심 뭐 먹지", "ko")
    assert not result.answered and result.ranked == () and not result.about_bot
    # The reply lists what /ask does know: every job role and player type.
    assert {link.id for link in result.topics} == {
        entry.id for entry in service.catalog if entry.kind in ("role", "player")}


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
async def test_ask_refuses_empty_questions(service: KnowledgeService, question: str) -> None:
    with pytest.raises(UserFacingError) as caught:
        await service.ask(None, question, "ko")
    assert caught.value.key == "knowledge.question_empty"


async def test_ask_refuses_long_questions(service: KnowledgeService) -> None:
    await service.ask(None, "가" * ASK_LIMIT, "ko")
    with pytest.raises(UserFacingError) as caught:
        await service.ask(None, "가" * (ASK_LIMIT + 1), "ko")
    assert caught.value.key == "knowledge.question_too_long"
    assert caught.value.params == {"limit": ASK_LIMIT}


async def test_thin_entries_are_flagged(service: KnowledgeService) -> None:
    view = service.role("AI red team", "ko")
    assert view.id == "role.ai-red-team" and view.thin_source


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("role.research-scientist", "role.research-scientist"),
        ("research-scientist", "role.research-scientist"),
        ("RESEARCH SCIENTIST", "role.research-scientist"),
        ("리서치 사이언티스트", "role.research-scientist"),
        ("리서치사이언티스트", "role.research-scientist"),
        ("데이터 사이언티스트", "role.data-scientist"),
        ("데싸", "role.data-scientist"),
        ("Applied Research Scientist", "role.applied-research-scientist"),
        ("R", "player.researcher"),
        ("domain expert", "player.domain-expert"),
        ("딥러닝 엔지니어 (E, Engineer)", "player.engineer"),
    ],
)
def test_role_lookup(service: KnowledgeService, name: str, expected: str) -> None:
    assert service.role(name, "ko").id == expected


@pytest.mark.parametrize("name", ["qa.degree-required", "딥러닝 플레이어", "", "pilot"])
def test_unknown_role(service: KnowledgeService, name: str) -> None:
    with pytest.raises(UserFacingError) as caught:
        service.role(name)
    assert caught.value.key == "knowledge.role_not_found"


def test_roles_overview(service: KnowledgeService) -> None:
    overview = service.roles_overview("en")
    assert [line.id for line in overview.roles] == [
        "role.research-scientist", "role.applied-research-scientist", "role.data-scientist",
        "role.ai-red-team"]
    assert {line.id for line in overview.players} == {
        "player.researcher", "player.applied-researcher", "player.engineer",
        "player.domain-expert"}
    assert all(line.summary and "\n" not in line.summary for line in overview.roles)


def test_complete_roles(service: KnowledgeService) -> None:
    everything = service.complete_roles("", "ko")
    assert len(everything) == 8
    assert [c.value for c in service.complete_roles("데이터", "ko")] == ["role.data-scientist"]
    applied = {c.value for c in service.complete_roles("applied", "en")}
    assert applied == {"role.applied-research-scientist", "player.applied-researcher"}
    assert service.complete_roles("zzz", "en") == []


def test_complete_topics_respects_discord_limits(service: KnowledgeService) -> None:
    choices = service.complete_topics("", "en")
    assert len(choices) == CHOICES_LIMIT
    assert all(len(choice.name) <= CHOICE_NAME_LIMIT for choice in choices)
    assert [c.value for c in service.complete_topics("kaggle", "en")] == []  # titles only
    assert "qa.phd-advice" in [c.value for c in service.complete_topics("PhD", "en")]


async def test_faq_show_catalog_topic_without_a_community(service: KnowledgeService) -> None:
    view = await service.faq_show(None, "tip.self-branding", "en")
    assert view.title.startswith("Promote yourself")
    assert {link.id for link in view.related} >= {"qa.solo-study-portfolio"}
    with pytest.raises(UserFacingError):
        await service.faq_show(None, "faq.1")


def entry(service: KnowledgeService, entry_id: str) -> Entry:
    found = service.catalog.get(entry_id)
    assert found is not None
    return found


async def test_one_related_list_of_titles(service: KnowledgeService) -> None:
    for question, lang in (("박사 과정 진학 전에 뭘 해 두면 좋을까요?", "ko"),
                           ("What does an applied research scientist do?", "en")):
        result = await service.ask(None, question, lang)
        assert result.answer is not None
        related = result.answer.related
        ids = [link.id for link in related]
        assert 0 < len(related) <= RELATED_LIMIT
        assert len(set(ids)) == len(ids) and result.answer.id not in ids
        assert all(link.title == entry(service, link.id).text(lang).title for link in related)


async def test_faq_show_lists_at_most_the_related_limit(service: KnowledgeService) -> None:
    # tip.choose-your-track names ten related topics in the catalog.
    view = await service.faq_show(None, "tip.choose-your-track", "ko")
    assert len(entry(service, "tip.choose-your-track").related) > RELATED_LIMIT
    assert len(view.related) == RELATED_LIMIT


@pytest.mark.parametrize(
    ("question", "question_lang"),
    [("석사 과정인데 번아웃이 와서 그만두고 싶어요", "ko"),
     ("I'm burned out in my master's and want to quit", "en")],
)
async def test_distress_keeps_the_answer_and_asks_for_the_support_line(
    service: KnowledgeService, question: str, question_lang: str
) -> None:
    result = await service.ask(None, question, "ko")
    assert result.answer is not None and result.answer.id == "qa.masters-self-doubt"
    assert result.support and result.question_lang == question_lang


async def test_questions_about_the_bot_are_declined_with_a_help_pointer(
    service: KnowledgeService,
) -> None:
    result = await service.ask(None, "how do I set a reminder with this bot?", "en")
    assert not result.answered and result.about_bot
    texts = load_texts()
    assert "/help" in texts.t("knowledge.about_bot", "en")
    assert "/도움말" in texts.t("knowledge.about_bot", "ko")


@pytest.mark.parametrize("lang", ["ko", "en"])
async def test_sources_read_as_a_person_would_name_them(
    service: KnowledgeService, lang: str
) -> None:
    seminar = "2018년 세미나" if lang == "ko" else "the 2018 seminar"
    for shown in service.catalog:
        view = await service.faq_show(None, shown.id, lang)  # type: ignore[arg-type]
        assert view.source and ".txt" not in view.source and "§" not in view.source
        if shown.kind == "role":
            assert view.source.startswith("쏘카" if lang == "ko" else "SOCAR")
            assert view.source_link and "notion.so" in view.source_link
        else:
            assert view.source.startswith(seminar)
    player = await service.faq_show(None, "player.engineer", lang)  # type: ignore[arg-type]
    question = entry(service, "qa.what-is-dl-player").text(lang).title
    assert player.source is not None and player.source.endswith(f"“{question}”")


def test_the_catalog_names_people_and_sections_one_way() -> None:
    import re

    catalog = load_catalog()
    section_number = re.compile(r"\((?:Q&A\s*)?\d+\.\d+|\d+\.\d+ 기준|section \d")
    for item in catalog:
        for lang in ("ko", "en"):
            text = item.text(lang)
            written = " ".join([text.summary, text.body])
            assert not section_number.search(written), item.id
            assert "클로버" not in written
        assert "우경구" not in item.en.body and "우경구" not in item.en.summary
        assert "2018" not in item.ko.body + item.en.body  # said once, in the source line


def test_every_text_key_used_exists_in_both_languages() -> None:
    texts = load_texts()
    for key in ("knowledge.no_answer", "knowledge.no_answer.topics", "knowledge.about_bot",
                "knowledge.support", "knowledge.label.original",
                "knowledge.label.related", "knowledge.label.source",
                "knowledge.label.thin", "knowledge.label.added_by", "knowledge.question_empty",
                "knowledge.question_too_long", "knowledge.role_not_found",
                "knowledge.topic_not_found", "knowledge.faq.not_editable", "knowledge.faq.empty",
                "knowledge.faq.pair_incomplete_ko", "knowledge.faq.pair_incomplete_en",
                "knowledge.faq.question_too_long", "knowledge.faq.answer_too_long",
                "knowledge.faq.full"):
        assert key in texts
    assert texts.t("knowledge.label.related", "ko") == "관련 주제"
    assert "/faq" in texts.t("knowledge.no_answer", "en")


GUILD = CommunityRef(DISCORD, "1001")
MOD = Actor(MemberRef(GUILD, "42"), is_moderator=True)
MEETING = ("스터디 모임은 언제 하나요?", "매주 목요일 저녁 8시에 음성 채널에서 모여요.",
           "When does the study group meet?", "Every Thursday at 8 pm in the voice channel.")


async def test_a_guild_faq_question_is_answered_before_the_catalog(
    db: Database, clock: ManualClock
) -> None:
    service = KnowledgeService(load_catalog(), db, clock)
    question = "스터디 모임 언제 해요?"
    before = await service.ask(GUILD, question, "ko")
    assert before.answer is not None and before.answer.id == "qa.solo-study-portfolio"

    added = await service.faq_add(GUILD, MOD, "모더", *MEETING)
    result = await service.ask(GUILD, question, "ko")
    assert result.answer is not None and result.answer.id == added.id
    assert result.answer.kind == "faq" and result.answer.title == MEETING[0]
    assert "qa.solo-study-portfolio" in {topic.id for topic in result.ranked}
    english = await service.ask(GUILD, "When is the study meeting?", "en")
    assert english.answer is not None and english.answer.id == added.id
    assert english.answer.title == MEETING[2]
    assert not (await service.ask(GUILD, "오늘 점심 뭐 먹지", "ko")).answered

    # A service started later builds the guild's index from the database alike.
    restarted = KnowledgeService(load_catalog(), db, clock)
    again = await restarted.ask(GUILD, MEETING[0], "ko")
    assert again.answer is not None and again.answer.id == added.id

    await service.faq_remove(GUILD, added.id, MOD)
    after = await service.ask(GUILD, question, "ko")
    assert after.answer is not None and after.answer.id == "qa.solo-study-portfolio"
