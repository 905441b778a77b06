"""Ranking questions against the catalog (and a guild's own FAQ): BM25F over the
terms of ``content.analysis``, declined by the rule of ``content.ranking``.

Guild FAQ entries go into a *layer* (``index.layer()``) over the shared catalog
index: the catalog is analysed once per process, each guild's layer holds only
its own entries, and document frequencies are counted across both so scores
stay comparable.

A guild FAQ entry's questions are also its title and its names, as a catalog
entry's title and keywords are, and they are matched question to question
(``content.questions``): a member's question that closely matches one puts its
entry first, and a looser match raises its score.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from content.analysis import (
    ASK_MARK,
    NO_VOCABULARY,
    TRIGRAM_MARK,
    Analyzer,
    QuestionForm,
    Vocabulary,
    phrase_text,
    runs,
)
from content.documents import Document, entry_document
from content.intent import read_question
from content.language import detect_language
from content.questions import CLOSE_MATCH, closeness, question_forms
from content.ranking import Hit, Ranking, Weighing, confident, term_weight, weigh
from content.schema import Entry

# BM25F parameters; field weights say how much a match in each field counts.
K1 = 1.2
FIELD_WEIGHTS: Mapping[str, float] = {
    "title": 3.0, "keywords": 3.0, "summary": 1.5, "body": 1.0, "phrases": 3.0,
}
FIELD_B: Mapping[str, float] = {
    "title": 0.5, "keywords": 0.5, "summary": 0.75, "body": 0.75, "phrases": 0.0,
}
# Used until an index has seen documents of its own (average terms per field).
DEFAULT_FIELD_LENGTHS: Mapping[str, float] = {
    "title": 12.0, "keywords": 60.0, "summary": 60.0, "body": 400.0, "phrases": 30.0,
}
PHRASE_MARK = "="
_TOPICAL_FIELDS = ("title", "keywords", "phrases")

# A guild entry's score is multiplied by 1 + CLOSENESS_BOOST * its closeness.
CLOSENESS_BOOST = 1.0
# Only the best-scoring guild entries are compared question to question.
CLOSE_CANDIDATES = 12
# A question about a subject the catalog does not cover (``content.intent``) is
# answered by a guild entry only if it is at least this close to its question.
OFF_TOPIC_CLOSENESS = 0.3
# How many of the best-scoring entries a search looks at closely (the hits and
# the candidates for a close question match come from these).
POOL_SIZE = 48
# The words of a name a question uses count together as this many words.
NAME_WEIGHT = 2.0
# A guild layer's terms in more than this share of its entries (and more than
# the floor) are not scored there (see ``SearchIndex.search``).
COMMON_TERM_SHARE = 0.05
COMMON_TERM_FLOOR = 200
# How many terms' weights an index keeps per layer between searches.
TERM_WEIGHTS_KEPT = 20_000


@dataclass(eq=False)  # hashed by identity: postings are keyed by the stored document
class _Stored:
    key: str
    order: tuple[int, int]
    weights: dict[str, float] = field(default_factory=dict)
    # Terms of the fields that name the entry (title, keywords, phrases).
    topical: frozenset[str] = frozenset()
    questions: tuple[QuestionForm, ...] = ()


class SearchIndex:
    """An in-memory BM25F index with cheap ``add``/``remove``; see the module docstring."""

    def __init__(
        self,
        analyzer: Analyzer | None = None,
        *,
        field_lengths: Mapping[str, float] | None = None,
        base: SearchIndex | None = None,
    ) -> None:
        self._base = base
        self.analyzer: Analyzer = base.analyzer if base else (analyzer or Analyzer())
        self._lengths: dict[str, float] = dict(
            base._lengths if base else (field_lengths or DEFAULT_FIELD_LENGTHS))
        self._level: int = base._level + 1 if base else 0
        self._docs: dict[str, _Stored] = {}
        self._postings: dict[str, dict[_Stored, float]] = {}
        # first two characters -> squashed phrase -> documents using it
        self._phrases: dict[str, Counter[str]] = {}
        # first two characters -> the lengths of those phrases (how many of each)
        self._phrase_lengths: dict[str, Counter[int]] = {}
        self._counter = itertools.count()
        self._changes = 0  # documents added or removed here (see ``version``)
        self._weights: _TermWeights | None = None  # see ``_term_weights``

    @classmethod
    def build(cls, documents: Iterable[Document], analyzer: Analyzer | None = None) -> SearchIndex:
        """An index of ``documents``, its length normalisation fitted to them."""
        documents = list(documents)
        analyzer = analyzer or Analyzer()
        analysed = [_analyse(doc, analyzer) for doc in documents]
        lengths = dict(DEFAULT_FIELD_LENGTHS)
        if analysed:
            for name in lengths:
                lengths[name] = max(1.0, sum(len(a[name]) for a in analysed) / len(analysed))
        index = cls(analyzer, field_lengths=lengths)
        for doc, terms in zip(documents, analysed, strict=True):
            index._insert(doc.key, terms, question_forms(doc.questions, analyzer, NO_VOCABULARY))
        return index

    def layer(self) -> SearchIndex:
        """A new, empty index stacked on this one: it searches both, adds only to itself.

        The lower index must not change while layers exist over it.
        """
        return SearchIndex(base=self)

    def __len__(self) -> int:
        return len(self._docs) + (len(self._base) if self._base else 0)

    @property
    def version(self) -> int:
        """A number that grows whenever a document is added to or removed from this
        index or one below it: a search's result can only change with it."""
        return self._changes + (self._base.version if self._base else 0)

    def __contains__(self, key: object) -> bool:
        return key in self._docs or (self._base is not None and key in self._base)

    def has_term(self, term: str) -> bool:
        """True when some document (in this index or below) contains ``term``."""
        return term in self._postings or (self._base is not None and self._base.has_term(term))

    def add(self, document: Document) -> None:
        """Index ``document``; its key must be new (``remove`` it first to replace it)."""
        if document.key in self:
            raise KeyError(f"{document.key!r} is already indexed")
        self._insert(document.key, _analyse(document, self.analyzer),
                     question_forms(document.questions, self.analyzer,
                                    self._question_vocabulary()))

    def remove(self, key: str) -> bool:
        """Forget the document ``key`` of this layer; False if it was not here."""
        stored = self._docs.pop(key, None)
        if stored is None:
            return False
        self._changes += 1
        for term in stored.weights:
            postings = self._postings[term]
            del postings[stored]
            if not postings:
                del self._postings[term]
            if term.startswith(PHRASE_MARK):
                phrase = term[1:]
                head = phrase[:2]
                same_head = self._phrases[head]
                same_head[phrase] -= 1
                if not same_head[phrase]:
                    del same_head[phrase]
                    lengths = self._phrase_lengths[head]
                    lengths[len(phrase)] -= 1
                    if not lengths[len(phrase)]:
                        del lengths[len(phrase)]
                    if not same_head:
                        del self._phrases[head], self._phrase_lengths[head]
        return True

    def search(self, query: str, limit: int = 5) -> Ranking:
        """Rank every document for ``query``; ``answered`` is False for off-topic questions.

        Each layer's documents are weighed with the statistics of that layer and
        the layers below it (the catalog with the catalog's alone), in units of
        the rarest possible term's IDF, so a guild's 5,000 FAQ entries neither
        reorder the catalog entries among themselves nor shift the decline rule.

        Guild entries one of whose questions the query closely matches come
        first (closest first) and make the query answered.
        """
        layers = self._layers()[::-1]  # the catalog first
        read = read_question(query)
        off_topic = "bot" if read.about_bot else read.off_topic
        words = self.analyzer.query_terms(read.text, self)
        squashed = phrase_text(read.text, bounded=True)
        # Each layer sees the names of its own and the lower layers, so a guild's
        # longer name ("스터디 모임") never hides a catalog name ("모임") from the
        # catalog's entries.
        level_phrases = [_matched_phrases(squashed, layers[: level + 1])
                         for level in range(len(layers))]
        level_terms = [words + [PHRASE_MARK + p for p in phrases] for phrases in level_phrases]
        scores: dict[_Stored, float] = {}
        weighings: list[Weighing] = []
        term_weights = self._term_weights()
        for level, (index, own_terms, phrases) in enumerate(
                zip(layers, level_terms, level_phrases, strict=True)):
            weighing = weigh(own_terms, term_weights.found_and_weight(level),
                             self._name_shares(phrases))
            weighings.append(weighing)
            # In a large guild layer, a term most entries share (a trigram of
            # "study", a bigram of "스터디") moves each entry's score by little
            # and costs a walk over thousands of postings: it is left out there.
            common = max(COMMON_TERM_FLOOR, int(len(index._docs) * COMMON_TERM_SHARE))
            for term, idf in weighing.idfs.items():
                postings = index._postings.get(term)
                if not postings or (level and len(postings) > common):
                    continue
                for stored, tf in postings.items():
                    scores[stored] = scores.get(stored, 0.0) + idf * tf

        # A guild may have thousands of scored entries: a fast pass by raw score
        # first, then the exact order (ties by insertion) among those few.
        def best_first(entries: Iterable[_Stored]) -> list[_Stored]:
            # (Sorting keys made in one comprehension: no call per entry.)
            keyed = sorted([(-round(scores[stored], 9), stored.order, stored)
                            for stored in entries])
            return [stored for _, _, stored in keyed]

        pool = heapq.nlargest(max(POOL_SIZE, 2 * limit), scores, key=scores.__getitem__)
        closest = _closest_questions(
            read.text, self.analyzer, layers,
            best_first(stored for stored in pool if stored.questions)[:CLOSE_CANDIDATES])
        # Short of a close match, a guild entry still gains by how nearly its
        # question is the member's (a paraphrase shares some of its words).
        for stored, value in closest.items():
            scores[stored] *= 1.0 + CLOSENESS_BOOST * value
        ranked = best_first(pool)
        close = sorted(
            (stored for stored, value in closest.items() if value >= CLOSE_MATCH),
            key=lambda stored: (-round(closest[stored], 9), ranked.index(stored)))[:limit]
        top = [stored for stored in ranked if stored not in close][: limit - len(close)]
        hits = [
            _hit(stored, scores[stored], weighings[stored.order[0]], closest.get(stored, 0.0))
            for stored in [*close, *top]
        ]
        language = detect_language(query)
        if close:
            return Ranking(query, language, tuple(hits), True, distress=read.distress)
        # The answer is the best-scoring hit that passes the decline rule (a
        # near-miss FAQ entry must not hide a confident catalog entry below it).
        # A question about a subject the catalog does not cover is answered by
        # a guild's own entries only (a server's FAQ may well cover its own
        # schedule or set-up), and only by one whose question it resembles:
        # the words it shares with other entries are a coincidence ("1000" in
        # "a laptop under 1000 dollars" and in "GPU server 1000").
        catalog = self._layers()[-1]
        answer = next((hit for hit in hits if confident(hit) and not (
            off_topic and (hit.key in catalog._docs or hit.closeness < OFF_TOPIC_CLOSENESS))),
            None)
        if answer is not None:
            hits.remove(answer)
            hits.insert(0, answer)
            off_topic = None
        return Ranking(query, language, tuple(hits), answer is not None, off_topic, read.distress)

    def _name_shares(self, phrases: Sequence[str]) -> dict[str, float]:
        """The words of a name the question uses ("리서치 사이언티스트") count
        together as much as NAME_WEIGHT words: the name's own phrase term says
        it was named, and a long name must not outweigh what is asked about it
        ("RS 되려면 박사 필수?" asks about degrees)."""
        shares: dict[str, float] = {}
        for phrase in phrases:
            terms = {term for term in self.analyzer.terms(phrase.replace("|", " "))
                     if not term.startswith(TRIGRAM_MARK)}
            if len(terms) <= NAME_WEIGHT:
                continue
            share = NAME_WEIGHT / len(terms)
            for term in terms:
                shares[term] = min(share, shares.get(term, 1.0))
            for term in self.analyzer.terms(phrase.replace("|", " ")):
                if term.startswith(TRIGRAM_MARK):
                    shares[term] = min(share, shares.get(term, 1.0))
        return shares

    def _term_weights(self) -> _TermWeights:
        """The term weights of this index and those below it (kept between searches:
        they change only when a document is added or removed)."""
        if self._weights is None or self._weights.version != self.version:
            self._weights = _TermWeights(self._layers()[::-1], self.version)
        return self._weights

    def _question_vocabulary(self) -> Vocabulary:
        """What questions in this index are reduced with (``question_form``): the
        bottom index, which does not change while layers exist; nothing for an
        index on its own, whose vocabulary grows with every entry."""
        return self._layers()[-1] if self._base is not None else NO_VOCABULARY

    def _layers(self) -> list[SearchIndex]:
        found: list[SearchIndex] = []
        index: SearchIndex | None = self
        while index is not None:
            found.append(index)
            index = index._base
        return found

    def _insert(
        self, key: str, terms: Mapping[str, list[str]], questions: tuple[QuestionForm, ...]
    ) -> None:
        combined: dict[str, float] = {}
        for name, weight in FIELD_WEIGHTS.items():
            field_terms = terms.get(name)
            if not field_terms:
                continue
            b = FIELD_B[name]
            norm = 1.0 - b + b * len(field_terms) / self._lengths[name]
            for term, count in Counter(field_terms).items():
                combined[term] = combined.get(term, 0.0) + weight * count / norm
        saturated = {term: tf * (K1 + 1.0) / (K1 + tf) for term, tf in combined.items()}
        # Only counted, never scored: questions (query_terms) have no such terms.
        saturated.update((term, 1.0) for form in questions for term in form.terms
                         if term.startswith(ASK_MARK))
        topical = frozenset(term for name in _TOPICAL_FIELDS for term in terms.get(name, ()))
        stored = _Stored(key, (self._level, next(self._counter)), saturated, topical, questions)
        self._docs[key] = stored
        self._changes += 1
        for term, value in saturated.items():
            self._postings.setdefault(term, {})[stored] = value
            if term.startswith(PHRASE_MARK):
                phrase = term[1:]
                same_head = self._phrases.setdefault(phrase[:2], Counter())
                if phrase not in same_head:
                    self._phrase_lengths.setdefault(phrase[:2], Counter())[len(phrase)] += 1
                same_head[phrase] += 1


def _analyse(document: Document, analyzer: Analyzer) -> dict[str, list[str]]:
    terms = {name: [term for text in texts for term in analyzer.terms(text)]
             for name, texts in document.fields().items()}
    terms["phrases"] = list(dict.fromkeys(
        PHRASE_MARK + phrase_text(text) for text in document.phrases if _is_name(text, analyzer)))
    return terms


def _is_name(text: str, analyzer: Analyzer) -> bool:
    """A phrase worth matching whole: one to five words, not all of them stopwords."""
    return 1 <= len(runs(text)) <= 5 and bool(analyzer.terms(text))


def _hit(stored: _Stored, score: float, weighing: Weighing, question_closeness: float) -> Hit:
    # One pass, adding in the same order as two ``sum``s would.
    matched = topical = 0.0
    weights, names = stored.weights, stored.topical
    for term, idf in weighing.idfs.items():
        if term in weights:  # a naming (topical) term is one of the entry's terms too
            matched += idf
            if term in names:
                topical += idf
    coverage = matched / weighing.total if weighing.total > 0 else 0.0
    return Hit(stored.key, score, coverage, matched, topical, question_closeness)


def _closest_questions(
    query: str, analyzer: Analyzer, layers: Sequence[SearchIndex], candidates: Sequence[_Stored]
) -> dict[_Stored, float]:
    """How closely ``query`` matches the own questions of ``candidates`` (guild
    FAQ entries), each entry by its closest question."""
    if not candidates:
        return {}
    # Reduced as the entries' questions were (see SearchIndex._question_vocabulary).
    asked = [analyzer.question_form(query, NO_VOCABULARY),
             analyzer.question_form(query, layers[0])]
    weights = layers[-1]._term_weights()
    return {
        stored: max(closeness(asked[min(stored.order[0], 1)], question,
                              weights.at(stored.order[0]))
                    for question in stored.questions)
        for stored in candidates
    }


class _TermWeights:
    """Per layer, how many documents of that layer and those below have a term and
    its IDF in units of the rarest term's (``term_weight``), cached while the
    layers' ``version`` stays the same."""

    def __init__(self, layers: Sequence[SearchIndex], version: int) -> None:
        self.version = version
        self._layers = layers
        self._totals = list(itertools.accumulate(len(index._docs) for index in layers))
        self._cache: list[dict[str, tuple[int, float]]] = [{} for _ in layers]

    def found_and_weight(self, level: int) -> Callable[[str], tuple[int, float]]:
        """For layer ``level``: a term's document count and weight, from the cache."""
        cache = self._cache[level]

        def found_and_weight(term: str) -> tuple[int, float]:
            cached = cache.get(term)
            if cached is None:
                if len(cache) >= TERM_WEIGHTS_KEPT:
                    cache.clear()
                found = self._found(term, level)
                cached = cache[term] = (found, term_weight(term, self._totals[level], found))
            return cached

        return found_and_weight

    def at(self, level: int) -> Callable[[str], float]:
        """For layer ``level``: a term's weight."""
        found_and_weight = self.found_and_weight(level)
        return lambda term: found_and_weight(term)[1]

    def weight(self, term: str, level: int) -> float:
        """A term's weight in layer ``level``, worked out afresh."""
        return term_weight(term, self._totals[level], self._found(term, level))

    def _found(self, term: str, level: int) -> int:
        """How many documents of layer ``level`` and those below have ``term``."""
        return sum(len(index._postings.get(term, ())) for index in self._layers[: level + 1])


def _matched_phrases(query: str, layers: Iterable[SearchIndex]) -> list[str]:
    """Known phrases found in ``query`` (squashed), leaving out any phrase that
    only matched inside a longer match ("research scientist" inside
    "applied research scientist")."""
    spans: list[tuple[int, int, str]] = []
    # Phrases are looked up by their first two characters (every phrase has at
    # least two) and their length: a guild may have tens of thousands of them,
    # thousands with one head ("|2" of "2기 ...") but only a dozen lengths.
    tables = [(index._phrases, index._phrase_lengths) for index in layers]
    for start in range(len(query) - 1):
        head = query[start : start + 2]
        for phrases, lengths in tables:
            same_head = phrases.get(head)
            if same_head is None:
                continue
            for length in lengths[head]:
                end = start + length
                if end <= len(query) and query[start:end] in same_head:
                    spans.append((start, end, query[start:end]))
    kept = {
        phrase for start, end, phrase in spans
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)
    }
    return sorted(kept)


def catalog_index(entries: Iterable[Entry], analyzer: Analyzer | None = None) -> SearchIndex:
    """The shared index of the catalog; guild FAQs go into its ``layer()``s."""
    return SearchIndex.build((entry_document(entry) for entry in entries), analyzer)

