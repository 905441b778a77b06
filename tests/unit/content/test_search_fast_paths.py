"""The shortcuts /ask takes answer exactly as the long way round: the Korean
ending lookup, searching the catalog alone for a guild without FAQ entries, and
the catalog views made once at start-up."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.clock import ManualClock
from bot.knowledge import KnowledgeService
from content import analysis
from content.analysis import NO_VOCABULARY, Vocabulary
from content.lexicon import KO_ENDINGS
from content.loader import load_catalog
from content.search import SearchIndex, catalog_index
from storage.database import Database
from tests.helpers.refs import GUILD

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks"


def member_questions() -> list[str]:
    extra = yaml.safe_load((BENCHMARKS / "qa_extra.yaml").read_text(encoding="utf-8"))
    guild = yaml.safe_load((BENCHMARKS / "qa_guild_faq.yaml").read_text(encoding="utf-8"))
    return [str(item["q"]) for item in [*extra, *guild["questions"]]]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return catalog_index(load_catalog())


def trim_by_scanning(word: str, known: Vocabulary) -> str:
    """``_trim_korean`` as first written: the endings scanned one by one."""
    for ending in KO_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            word = word[: -len(ending)]
            break
    if (len(word) > 2 and word[-1] in analysis.KO_SUFFIX_SYLLABLES
            and not known.has_term(word[-2:])):
        word = word[:-1]
    elif len(word) == 2 and word[-1] in analysis.KO_VERB_ENDS and not known.has_term(word):
        word = word[:-1]
    return word


SYLLABLES = st.sampled_from("석사학위필요한가데이터연구자모임하려면는데요까나")
WORDS = st.builds(
    lambda stem, ending: stem + ending,
    st.text(SYLLABLES, min_size=0, max_size=5),
    st.sampled_from(["", *KO_ENDINGS]),
).filter(bool)


@settings(max_examples=200, deadline=None)
@given(word=WORDS)
def test_the_ending_lookup_trims_as_the_scan_did(index: SearchIndex, word: str) -> None:
    for known in (NO_VOCABULARY, index):
        assert analysis._trim_korean(word, known) == trim_by_scanning(word, known)


def test_every_ending_itself_and_glued_on_trims_as_the_scan_did(index: SearchIndex) -> None:
    for ending in KO_ENDINGS:
        for word in (ending, "석사" + ending, "가" + ending, "데이터" + ending):
            assert analysis._trim_korean(word, index) == trim_by_scanning(word, index)


def test_an_empty_guild_layer_ranks_as_the_catalog_alone(index: SearchIndex) -> None:
    layer = index.layer()
    questions = member_questions()
    assert len(questions) > 100
    for question in questions:
        assert layer.search(question) == index.search(question), question


async def test_a_guild_without_entries_is_answered_as_without_a_guild(
    db: Database, clock: ManualClock
) -> None:
    service = KnowledgeService(load_catalog(), db, clock)
    for question in member_questions():
        assert await service.ask(GUILD, question, "ko") == await service.ask(None, question, "ko")


def test_catalog_views_made_at_start_match_views_made_on_demand() -> None:
    catalog = load_catalog()
    service = KnowledgeService(catalog, None, ManualClock(datetime(2026, 1, 1, tzinfo=UTC)))
    for entry in catalog:
        for lang in ("ko", "en"):
            view = service._entry_view(entry, lang)
            assert view == service._make_entry_view(entry, lang)
            assert view.lang == lang and view.title == entry.text(lang).title
