"""Rankings of recent questions, so a question asked again skips the search.

Members ask the same things again and again ("석사 필요해요?"), often with only
the spacing changed. A ranking depends on nothing but the index's documents and
the question's text, so it is kept per (index, index version, question with its
whitespace normalised); adding or removing a document changes the version and
the kept rankings of the old version are never used again.
"""

from __future__ import annotations

from collections import OrderedDict

from content.ranking import Ranking
from content.search import SearchIndex

RANKINGS_KEPT = 4096


def normalised_question(question: str) -> str:
    """``question`` with its whitespace trimmed and every run of it one space."""
    return " ".join(question.split())


class RankingCache:
    """``search`` with the most recent ``limit`` rankings remembered."""

    def __init__(self, limit: int = RANKINGS_KEPT) -> None:
        self._limit = limit
        self._rankings: OrderedDict[tuple[SearchIndex, int, str], Ranking] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def search(self, index: SearchIndex, question: str) -> Ranking:
        """``index.search`` of the normalised ``question``, from memory when this
        index, unchanged since, ranked the same text before."""
        text = normalised_question(question)
        key = (index, index.version, text)
        ranking = self._rankings.get(key)
        if ranking is not None:
            self._rankings.move_to_end(key)
            self.hits += 1
            return ranking
        self.misses += 1
        ranking = index.search(text)
        if self._limit:
            self._rankings[key] = ranking
            if len(self._rankings) > self._limit:
                self._rankings.popitem(last=False)
        return ranking
