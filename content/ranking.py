"""What a search returns (``Hit``, ``Ranking``), how much each term of a question
weighs (IDF in units of the rarest possible term's), and the decline rule.

Off-topic questions are declined by *coverage*: the share of the question's
informative weight (the IDF of its terms, unseen terms counting as the rarest)
that the best entry matches, and part of that match must be in the entry's
title or keywords. "오늘 점심 뭐 먹지" shares almost nothing with any entry, so it
is declined however high its raw score would be (see ``confident``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from content.analysis import TRIGRAM_MARK
from content.language import Script

# Typo-forgiving Latin trigrams only nudge the ranking; whole words decide it.
TRIGRAM_WEIGHT = 0.25

# The decline rule, calibrated on benchmarks/qa_extra.yaml and the dev set. The
# best entry must cover at least MIN_COVERAGE of the question's weight, and
# either most of it (SURE_COVERAGE) or MIN_EVIDENCE distinctive terms' worth:
# a long question with only a few matched words needs those few to be rare.
MIN_COVERAGE = 0.3
SURE_COVERAGE = 0.5
MIN_EVIDENCE = 0.9
# And some of that evidence must come from what names the entry (its title,
# keywords): an entry whose body merely uses the question's everyday words
# ("recommend a good place", "이번 주말") is not an answer. This also keeps common
# words alone from answering (in a guild FAQ of 200 "N주차 과제 마감" entries,
# "과제 마감" says nothing).
MIN_TOPICAL = 0.4
COVERAGE_CAP = 5.0
# A guild FAQ entry whose own question is at least this near the member's
# (``Hit.closeness``, short of a close match: "어디서 모여요" for "장소가 어디예요")
# needs no more evidence: in a large FAQ the words its entries share weigh little.
NEAR_QUESTION = 0.5


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked entry: its key, BM25F score and the share of the question it covers."""

    key: str
    score: float
    coverage: float
    # The matched terms' IDF in units of the rarest possible term's IDF: roughly
    # "how many distinctive words of the question this entry contains".
    evidence: float
    # The part of ``evidence`` found in the entry's title, keywords or names.
    topical: float = 0.0
    # How closely the question matches one of the entry's own questions (0-1).
    closeness: float = 0.0


@dataclass(frozen=True)
class Ranking:
    """The answer to one question: best hits first, and whether to answer at all."""

    query: str
    language: Script  # detect_language of the query
    hits: tuple[Hit, ...]
    answered: bool
    # Why a question was declined although catalog entries matched some of its
    # words: the uncovered subject it asks about ("pay", "dates", ...), or "bot"
    # when it asks how to use the bot itself.
    off_topic: str | None = None
    distress: bool = False  # the question mentions burnout, depression, quitting

    @property
    def best(self) -> Hit | None:
        """The hit to answer with, or None when the question is declined."""
        return self.hits[0] if self.answered and self.hits else None


def confident(hit: Hit) -> bool:
    """The decline rule: True when ``hit`` is good enough to answer with."""
    # Past COVERAGE_CAP rarest terms' worth, more unmatched words no longer
    # lower the coverage: a long question tells its background first.
    coverage = hit.coverage
    if 0 < coverage < 1:
        coverage = hit.evidence / min(hit.evidence / coverage, COVERAGE_CAP)
    if coverage < MIN_COVERAGE or hit.topical < MIN_TOPICAL:
        return False
    return (coverage >= SURE_COVERAGE or hit.evidence >= MIN_EVIDENCE
            or hit.closeness >= NEAR_QUESTION)


@dataclass(frozen=True, slots=True)
class Weighing:
    """A question's terms weighed against one layer's statistics."""

    idfs: dict[str, float]  # terms some document has -> IDF / the rarest term's IDF
    total: float  # the whole question's weight, unseen terms counting as rarest


def weigh(
    terms: Sequence[str],
    found_and_weight: Callable[[str], tuple[int, float]],
    shares: Mapping[str, float] | None = None,
) -> Weighing:
    """The weight of each of ``terms`` (``found_and_weight`` gives how many
    documents have it and its ``term_weight``), times its share in ``shares``
    (1 for terms not there)."""
    idfs: dict[str, float] = {}
    total = 0.0
    for term in terms:
        found, weight = found_and_weight(term)
        if shares and term in shares:
            weight *= shares[term]
        total += weight
        if found:
            idfs[term] = weight
    return Weighing(idfs, total)


def term_weight(term: str, documents: int, found: int) -> float:
    """The IDF of ``term`` (in ``found`` of ``documents``) in units of the rarest
    possible term's (so an unseen term weighs 1), a trigram's times ``TRIGRAM_WEIGHT``."""
    weight = TRIGRAM_WEIGHT if term.startswith(TRIGRAM_MARK) else 1.0
    return weight * (idf(documents, found) / idf(documents, 0) if found else 1.0)


def idf(total: int, df: int) -> float:
    """BM25's inverse document frequency of a term in ``df`` of ``total`` documents."""
    return math.log(1.0 + (total - df + 0.5) / (df + 0.5))
