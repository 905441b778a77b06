"""Remembered /ask rankings: a question asked again gets exactly the ranking a
fresh search gives, and a change to the index is never answered from memory."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.knowledge import KnowledgeService
from content.documents import faq_document
from content.loader import load_catalog
from content.ranking import Ranking
from content.ranking_cache import RankingCache, normalised_question
from content.search import SearchIndex, catalog_index

QUESTION = "석사 학위 꼭 필요한가요?"
MEETING = faq_document("faq.1", ["스터디 모임은 언제 하나요?"], ["매주 목요일 저녁 8시에 모여요."])
ASKED_ABOUT_MEETING = "스터디 모임 언제 해요?"


@pytest.fixture(scope="module")
def catalog_idx() -> SearchIndex:
    return catalog_index(load_catalog())


def same(first: Ranking, second: Ranking) -> bool:
    return (first.hits, first.answered, first.off_topic, first.distress) == (
        second.hits, second.answered, second.off_topic, second.distress)


def test_a_repeated_question_is_answered_from_memory(catalog_idx: SearchIndex) -> None:
    cache = RankingCache()
    first = cache.search(catalog_idx, QUESTION)
    again = cache.search(catalog_idx, QUESTION)
    assert again is first
    assert (cache.misses, cache.hits) == (1, 1)
    assert same(first, catalog_idx.search(QUESTION))


def test_spacing_does_not_change_the_answer(catalog_idx: SearchIndex) -> None:
    # Extra spaces once changed this one's ranking (the "pay" cue is two words).
    question = "how much does a research scientist at google make?"
    spaced = "  how   much does a research  scientist at google\nmake? "
    assert normalised_question(spaced) == question
    cache = RankingCache()
    plain = cache.search(catalog_idx, question)
    assert cache.search(catalog_idx, spaced) is plain
    assert same(plain, catalog_idx.search(question))
    assert not plain.answered and plain.off_topic == "pay"


async def test_the_service_answers_spaced_questions_alike() -> None:
    service = KnowledgeService(load_catalog(), None,
                               ManualClock(datetime(2026, 1, 1, tzinfo=UTC)))
    plain = await service.ask(None, "how much does a research scientist at google make?", "en")
    spaced = await service.ask(None, "how   much does a research scientist at google make?",
                               "en")
    assert not plain.answered and not spaced.answered
    assert (plain.answer, plain.ranked) == (spaced.answer, spaced.ranked)


def test_adding_or_removing_an_entry_is_never_answered_from_memory(
    catalog_idx: SearchIndex,
) -> None:
    layer = catalog_idx.layer()
    cache = RankingCache()
    before = cache.search(layer, ASKED_ABOUT_MEETING)
    assert before.hits[0].key != MEETING.key

    version = layer.version
    layer.add(MEETING)
    assert layer.version > version
    added = cache.search(layer, ASKED_ABOUT_MEETING)
    assert added.answered and added.hits[0].key == MEETING.key
    assert same(added, layer.search(ASKED_ABOUT_MEETING))

    layer.remove(MEETING.key)
    removed = cache.search(layer, ASKED_ABOUT_MEETING)
    assert MEETING.key not in {hit.key for hit in removed.hits}
    assert same(removed, before)
    assert cache.hits == 0  # every change was searched afresh


def test_each_index_has_its_own_rankings(catalog_idx: SearchIndex) -> None:
    layer = catalog_idx.layer()
    layer.add(MEETING)
    cache = RankingCache()
    from_catalog = cache.search(catalog_idx, ASKED_ABOUT_MEETING)
    from_layer = cache.search(layer, ASKED_ABOUT_MEETING)
    assert from_catalog.hits[0].key != MEETING.key
    assert from_layer.hits[0].key == MEETING.key


def test_only_the_most_recent_rankings_are_kept(catalog_idx: SearchIndex) -> None:
    cache = RankingCache(limit=2)
    for question in ("석사 필요해?", "데싸는 뭐해?", "RS 되려면?"):
        cache.search(catalog_idx, question)
    cache.search(catalog_idx, "RS 되려면?")
    assert cache.hits == 1
    cache.search(catalog_idx, "석사 필요해?")  # the oldest was let go
    assert (cache.hits, cache.misses) == (1, 4)
