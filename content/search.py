"""Ranking questions against the catalog (and a guild's own FAQ): BM25F over
character n-grams.

Why n-grams: Korean glues particles and endings to nouns (석사가, 석사는, 석사를)
and members write compounds with or without spaces (리서치사이언티스트), so every
Hangul word is indexed as its syllable bigrams; a particle then costs one
unmatched bigram instead of the whole word. Latin-script words are lower-cased,
lightly stemmed, and also indexed as character trigrams at a low weight, which
forgives most English typos ("reserch", "kagle"). Both languages of every entry
share one index, so the script of the question does not matter. The
alternatives (syllable trigrams, a Kiwi morphological tokenizer) were measured
with ``benchmarks/bench_ask.py``; see its docstring for the numbers.

Off-topic questions are declined by *coverage*: the share of the question's
informative weight (the IDF of its terms, unseen terms counting as the rarest)
that the best entry matches, and part of that match must be in the entry's
title or keywords. "오늘 점심 뭐 먹지" shares almost nothing with any entry, so it
is declined however high its raw score would be (see ``_confident``).

Guild FAQ entries go into a *layer* (``index.layer()``) over the shared catalog
index: the catalog is analysed once per process, each guild's layer holds only
its own entries, and document frequencies are counted across both so scores
stay comparable.

A guild FAQ entry exists to answer that guild's recurring questions, so its
questions are matched as questions too (``_closeness``): when the member's
question says what one of them says (the same content words, whatever the
particles, endings, spacing or a typo, and not asking *when* where it asks
*where*), the entry comes first, ahead of any catalog entry, and is answered;
a looser paraphrase still raises the entry's score. Its questions are also its
title and its names, as a catalog entry's title and keywords are. On
``benchmarks/qa_guild_faq.yaml`` this took top-1 from 0.55 to 0.93 without
changing a single answer of the dev and extra sets.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from content.language import detect_language, one_letter_apart
from content.schema import Entry

# BM25F parameters; field weights say how much a match in each field counts.
K1 = 1.2
FIELD_WEIGHTS: Mapping[str, float] = {
    "title": 3.0, "keywords": 3.0, "summary": 1.5, "body": 1.0, "phrases": 3.0,
}
FIELD_B: Mapping[str, float] = {
    "title": 0.5, "keywords": 0.5, "summary": 0.75, "body": 0.75, "phrases": 0.0,
}
# Typo-forgiving Latin trigrams only nudge the ranking; whole words decide it.
TRIGRAM_WEIGHT = 0.25
# Used until an index has seen documents of its own (average terms per field).
DEFAULT_FIELD_LENGTHS: Mapping[str, float] = {
    "title": 12.0, "keywords": 60.0, "summary": 60.0, "body": 400.0, "phrases": 30.0,
}
PHRASE_MARK = "="
_TOPICAL_FIELDS = ("title", "keywords", "phrases")

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
MIN_TOPICAL = 0.5

# A member's question asks what a guild FAQ question asks when the IDF-weighted
# F-measure of their terms reaches CLOSE_MATCH. Precision (how much of the
# member's question the FAQ question contains) counts more than recall: members
# ask shorter than moderators write ("모임 언제야" for "스터디 모임은 언제 하나요?").
CLOSE_MATCH = 0.75
CLOSE_BETA = 0.5
# A guild entry's score is multiplied by 1 + CLOSENESS_BOOST * its closeness.
CLOSENESS_BOOST = 1.0
# A word that matches only with a typo (one letter off) counts for this much.
TYPO_CREDIT = 0.7
# Only the best-scoring guild entries are compared question to question.
CLOSE_CANDIDATES = 12
# How many of the best-scoring entries a search looks at closely (the hits and
# the candidates for a close question match come from these).
POOL_SIZE = 48

_TITLE_SPLIT = re.compile(r"[(),/?'\"]")
_SENTENCE_END = re.compile(r"(?<=[?!.])\s+")
_RUN = re.compile(r"[\uac00-\ud7a3]+|[A-Za-z]+|[0-9]+")

# Verb endings, copulas and particles that a question's words end in. A
# question word loses one before its bigrams are taken (준비하면 -> 준비,
# 석사들이랑 -> 석사들), so the ending neither matches by chance nor counts
# as an unmatched part of the question.
_KO_ENDINGS: tuple[str, ...] = tuple(sorted(set("""
하려면 하려고 하면 하는데 하는 하고 하기 하게 해야 해요 해서 했는데 했어요 하나요 할까요 할까
합니다 됩니다 되나요 되는 돼요 됐어요 인가요 인데 인지 이에요 예요 에요 이야 나요 까요 어요 아요
워요 세요 네요 습니다 니다 는데 은데 으면 려면 을까요 을까 는지 은지 는게 는거 에서 에게 한테
으로 이랑 부터 까지 처럼 보다 해도 어도 아도
""".split()), key=len, reverse=True))
# The particles and copulas among those: what they follow is a noun.
_KO_PARTICLES = frozenset("""
은 는 이 가 을 를 의 에 도 만 로 와 과 랑 에서 에게 한테 으로 이랑 부터 까지 처럼 보다
인가요 인데 인지 이에요 예요 에요 이야
""".split())
# One-syllable particles and endings: only dropped when the word's last bigram is
# unknown to the index, since many nouns end in them (정의, 결과, 진로, 평가).
_KO_SUFFIX_SYLLABLES = frozenset("은는이가을를의에도만로와과랑나야요임함됨지죠까게기고서면")

# Sentence endings that make a two-syllable word a verb unless the index knows
# it as a noun (필요, 수요).
_KO_VERB_ENDS = frozenset("요죠까")

# Words that make a question a question but say nothing about its topic.
_KO_STOPWORDS = frozenset("""
뭐 뭔가요 뭐예요 뭐에요 뭐야 뭐임 뭔지 뭘 무엇 무엇인가요 무슨 어떤 어떻게 어떡해 왜 언제
알려줘 알려주세요 알려줄래 설명 설명해줘 설명해주세요 궁금 궁금해요 궁금함 질문 있나요 있어요
하나요 해야 해요 해야돼 해야됨 돼 되나요 돼요 좀 진짜 그냥 근데 혹시 제가 저는 나는 내가 저
우리 이거 그거 정말 요즘 많이 너무 하면 하는 할까 할까요 있을까 있을까요 인가요 건가요 거야
추천 추천해줘 추천해주세요 방법 좋아요 좋을까요 좋은 괜찮 괜찮아요 괜찮을까요 가능 가능해요
어때 어때요 같아요 해주세요 하세요 싶어요 있 없 되 하 해 돼 좋 하고 어떡하 이번
""".split())
_EN_STOPWORDS = frozenset("""
a an the and or but if of to in on at for from by with about as into than then so
is are was were be been being am do does did doing done have has had having can could
should would will shall may might must i me my mine you your we our us it its this that
these those there here what which who whom whose when where why how tell explain please
any some all just really very much many more most also too not no yes get got s t
im ive dont make want need like know think thing way good best better new one time go
use take look see come day actually still even ever anyone someone something
""".split())

# What a question asks for, from its question word. Two questions about the same
# thing that ask different things ("모임 언제 해요" / "모임 어디서 해요") are different
# questions. (How and what are left out: "어떻게 해요" asks almost anything.)
# "몇" asks for a number: "몇 시" is a time, any other count is "how much".
_KO_ASKS: tuple[tuple[str, str], ...] = (
    ("언제", "when"), ("몇시", "when"), ("어디", "where"), ("어딨", "where"), ("누가", "who"),
    ("누구", "who"), ("왜", "why"), ("얼마", "how much"), ("몇", "how much"),
)
_KO_ASK_STARTS = frozenset(word[0] for word, _ in _KO_ASKS)
_EN_ASKS: Mapping[str, str] = {
    "when": "when", "where": "where", "who": "who", "whom": "who", "why": "why",
}
_EN_ASKS_PAIRS: Mapping[tuple[str, str], str] = {
    ("what", "time"): "when", ("how", "long"): "how much", ("how", "many"): "how much",
    ("how", "much"): "how much",
}
# The asked-for kind is a term of a question's form ("?when"); entries index it
# too, so that it weighs by how few of their questions ask it.
ASK_MARK = "?"


class Analyzer:
    """Turns text into index terms; the same rules serve entries and questions."""

    def __init__(self, *, hangul_ngrams: Sequence[int] = (2,), latin_trigrams: bool = True):
        self.hangul_ngrams = tuple(hangul_ngrams)
        self.latin_trigrams = latin_trigrams

    def terms(self, text: str) -> list[str]:
        """Every term of ``text``, repeated as often as it occurs."""
        found: list[str] = []
        for run in _runs(text):
            found.extend(self._run_terms(run))
        return found

    def query_terms(self, text: str, known: Vocabulary) -> list[str]:
        """The distinct terms of a question, without stopwords and without a
        trailing particle bigram the index has never seen."""
        found: dict[str, None] = {}
        for word, _ in _question_words(_runs(text), known):
            found.update(dict.fromkeys(self._run_terms(word)))
        return list(found)

    def question_form(self, text: str, known: Vocabulary) -> QuestionForm:
        """``text`` reduced for comparing it with another question: the terms of its
        words without their endings (both questions must be reduced with the same
        ``known``), with what it asks for (when, where, ...) as a term of its
        own in place of the question word. Latin words count whole, without
        their trigrams: typos are forgiven word by word."""
        runs = _runs(text)
        found: dict[str, None] = {}
        for word, _ in _question_words(runs, known):
            if _asked(word, "") is None:
                found.update((term, None) for term in self._run_terms(word) if term[0] != "#")
        asks = _asks(runs)
        found.update(dict.fromkeys(ASK_MARK + kind for kind in sorted(asks)))
        # A guild keeps thousands of these: its terms are shared, not copied.
        return QuestionForm(frozenset(map(sys.intern, found)), asks)

    def _run_terms(self, run: str) -> list[str]:
        if _is_hangul_run(run):
            return self._hangul_terms(run)
        return self._latin_terms(run)

    def _hangul_terms(self, word: str) -> list[str]:
        if len(word) < 2:
            return []
        grams: list[str] = []
        for size in self.hangul_ngrams:
            grams.extend(word[i : i + size] for i in range(len(word) - size + 1))
        return grams or [word]

    def _latin_terms(self, word: str) -> list[str]:
        if word.isdigit():
            return [word]
        if len(word) == 1:
            # The player types R, A, E, D are single capital letters; a lone
            # lower-case letter is noise (or the article "a"), and "I" is "I".
            return [f"^{word.lower()}"] if word.isupper() and word != "I" else []
        lowered = word.lower()
        if lowered in _EN_STOPWORDS:
            return []
        stem = stem_english(lowered)
        terms = [stem]
        if self.latin_trigrams and len(stem) >= 4:
            padded = f"<{stem}>"
            terms.extend("#" + padded[i : i + 3] for i in range(len(padded) - 2))
        return terms


@dataclass(frozen=True, slots=True)
class QuestionForm:
    """A question as ``Analyzer.question_form`` reduces it."""

    terms: frozenset[str]
    asks: frozenset[str]  # when, where, who, why, how much


class _NoVocabulary:
    def has_term(self, term: str) -> bool:
        return False


_NO_VOCABULARY = _NoVocabulary()


def _question_words(runs: Sequence[str], known: Vocabulary) -> list[tuple[str, str]]:
    """The words of a question that may say what it is about, each with the
    ending it lost: Latin words as they are (``Analyzer`` drops their
    stopwords), Korean words without their ending (see ``_trim_korean``) and
    without stopwords."""
    words: list[tuple[str, str]] = []
    previous = ""
    for run in runs:
        if _is_hangul_run(run):
            stem = _trim_korean(run, known)
            if previous == "몇" and len(stem) == 2 and stem[-1] in _KO_SUFFIX_SYLLABLES:
                stem = stem[0]  # a counter and its particle: 몇 시에, 몇 명이
            if run not in _KO_STOPWORDS and stem not in _KO_STOPWORDS:
                words.append((stem, run[len(stem) :]))
        else:
            words.append((run, ""))
        previous = run
    return words


def _asked(run: str, following: str) -> str | None:
    """What the question word ``run`` (followed by ``following``) asks for, if it is one."""
    lowered = run.lower()
    if lowered in _EN_ASKS:
        return _EN_ASKS[lowered]
    if (lowered, following.lower()) in _EN_ASKS_PAIRS:
        return _EN_ASKS_PAIRS[lowered, following.lower()]
    if run == "몇" and following.startswith("시") and not following.startswith("시간"):
        return "when"
    if run[0] not in _KO_ASK_STARTS:
        return None
    return next((kind for word, kind in _KO_ASKS if run.startswith(word)), None)


def _asks(runs: Sequence[str]) -> frozenset[str]:
    """What the question words among ``runs`` ask for (see ``_KO_ASKS``)."""
    asked = (_asked(run, following) for run, following in zip(runs, [*runs[1:], ""], strict=True))
    return frozenset(kind for kind in asked if kind is not None)


def _trim_korean(word: str, known: Vocabulary) -> str:
    """``word`` without a trailing ending or particle (see ``_KO_ENDINGS``)."""
    for ending in _KO_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            word = word[: -len(ending)]
            break
    if len(word) > 2 and word[-1] in _KO_SUFFIX_SYLLABLES and not known.has_term(word[-2:]):
        word = word[:-1]
    elif len(word) == 2 and word[-1] in _KO_VERB_ENDS and not known.has_term(word):
        word = word[:-1]  # a short verb (봐요, 와요, 갈까): no word the index knows
    return word


def stem_english(word: str) -> str:
    """A deliberately light suffix stripper: plurals, -ing, -ed, -ly."""
    for suffix, replacement, min_stem in (
        ("ies", "y", 3), ("sses", "ss", 2), ("ing", "", 4), ("ed", "", 4), ("ly", "", 4),
        ("es", "", 4), ("s", "", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "xes", "sses")):
                continue
            return word[: len(word) - len(suffix)] + replacement
    return word


def _runs(text: str) -> list[str]:
    return _RUN.findall(unicodedata.normalize("NFKC", text))


def _is_hangul_run(run: str) -> bool:
    return "\uac00" <= run[0] <= "\ud7a3"


def phrase_text(text: str, *, bounded: bool = False) -> str:
    """``text`` squashed for phrase matching: Hangul words glued together (Korean
    spacing varies: 리서치사이언티스트), stemmed Latin words kept apart by ``|``.

    A phrase needs a ``|`` on each Latin end so "ds" never matches inside "needs";
    a question is ``bounded`` on both ends. Hangul ends stay open for particles.
    """
    out: list[str] = []
    previous_hangul = False
    for run in _runs(text):
        hangul = _is_hangul_run(run)
        if out and not (hangul and previous_hangul):
            out.append("|")
        out.append(run if hangul else stem_english(run.lower()))
        previous_hangul = hangul
    if not out:
        return ""
    squashed = "".join(out)
    if bounded or not _is_hangul_run(squashed[0]):
        squashed = "|" + squashed
    if bounded or not _is_hangul_run(squashed[-1]):
        squashed += "|"
    return squashed


def _matched_phrases(query: str, layers: Iterable[SearchIndex]) -> list[str]:
    """Known phrases found in ``query`` (squashed), leaving out any phrase that
    only matched inside a longer match ("research scientist" inside
    "applied research scientist")."""
    spans: list[tuple[int, int, str]] = []
    # Phrases are looked up by their first two characters (every phrase has at
    # least two): a guild may have tens of thousands of them.
    tables = [index._phrases for index in layers]
    for start in range(len(query) - 1):
        head = query[start : start + 2]
        for table in tables:
            for phrase in table.get(head, ()):
                if query.startswith(phrase, start):
                    spans.append((start, start + len(phrase), phrase))
    kept = {
        phrase for start, end, phrase in spans
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)
    }
    return sorted(kept)


@dataclass(frozen=True)
class Document:
    """What the index knows of one entry: its texts per field, any language."""

    key: str
    title: Sequence[str] = ()
    keywords: Sequence[str] = ()
    summary: Sequence[str] = ()
    body: Sequence[str] = ()
    # Names the entry goes by (keywords, title parts); a question containing one
    # of them whole scores an extra, rarer term.
    phrases: Sequence[str] = ()
    # The questions a guild FAQ entry answers, matched question to question.
    questions: Sequence[str] = ()

    def fields(self) -> dict[str, Sequence[str]]:
        return {"title": self.title, "keywords": self.keywords,
                "summary": self.summary, "body": self.body}


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
    language: str
    hits: tuple[Hit, ...]
    answered: bool

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.answered and self.hits else None


class Vocabulary(Protocol):
    def has_term(self, term: str) -> bool: ...


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
        self._counter = itertools.count()

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
            index._insert(doc.key, terms, _question_forms(doc, analyzer, _NO_VOCABULARY))
        return index

    def layer(self) -> SearchIndex:
        """A new, empty index stacked on this one: it searches both, adds only to itself.

        The lower index must not change while layers exist over it.
        """
        return SearchIndex(base=self)

    def __len__(self) -> int:
        return len(self._docs) + (len(self._base) if self._base else 0)

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
                     _question_forms(document, self.analyzer, self._question_vocabulary()))

    def remove(self, key: str) -> bool:
        """Forget the document ``key`` of this layer; False if it was not here."""
        stored = self._docs.pop(key, None)
        if stored is None:
            return False
        for term in stored.weights:
            postings = self._postings[term]
            del postings[stored]
            if not postings:
                del self._postings[term]
            if term.startswith(PHRASE_MARK):
                phrase = term[1:]
                same_head = self._phrases[phrase[:2]]
                same_head[phrase] -= 1
                if not same_head[phrase]:
                    del same_head[phrase]
                    if not same_head:
                        del self._phrases[phrase[:2]]
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
        words = self.analyzer.query_terms(query, self)
        squashed = phrase_text(query, bounded=True)
        # Each layer sees the names of its own and the lower layers, so a guild's
        # longer name ("스터디 모임") never hides a catalog name ("모임") from the
        # catalog's entries.
        level_terms = [
            words + [PHRASE_MARK + p for p in _matched_phrases(squashed, layers[: level + 1])]
            for level in range(len(layers))
        ]
        terms = list(dict.fromkeys(term for each in level_terms for term in each))
        scores: dict[_Stored, float] = {}
        weighings: list[_Weighing] = []
        total = 0
        df: Counter[str] = Counter()
        for index, own_terms in zip(layers, level_terms, strict=True):
            total += len(index._docs)
            for term in terms:
                df[term] += len(index._postings.get(term, ()))
            weighing = _weigh(own_terms, df, total)
            weighings.append(weighing)
            for term, idf in weighing.idfs.items():
                for stored, tf in index._postings.get(term, {}).items():
                    scores[stored] = scores.get(stored, 0.0) + idf * tf

        # A guild may have thousands of scored entries: a fast pass by raw score
        # first, then the exact order (ties by insertion) among those few.
        pool = heapq.nlargest(max(POOL_SIZE, 2 * limit), scores, key=scores.__getitem__)
        closeness = _closest_questions(
            query, self.analyzer, layers,
            sorted((stored for stored in pool if stored.questions),
                   key=lambda stored: (-round(scores[stored], 9), stored.order))[:CLOSE_CANDIDATES])
        # Short of a close match, a guild entry still gains by how nearly its
        # question is the member's (a paraphrase shares some of its words).
        for stored, value in closeness.items():
            scores[stored] *= 1.0 + CLOSENESS_BOOST * value
        ranked = sorted(pool, key=lambda stored: (-round(scores[stored], 9), stored.order))
        close = sorted(
            (stored for stored, value in closeness.items() if value >= CLOSE_MATCH),
            key=lambda stored: (-round(closeness[stored], 9), ranked.index(stored)))[:limit]
        top = [stored for stored in ranked if stored not in close][: limit - len(close)]
        hits = [
            _hit(stored, scores[stored], weighings[stored.order[0]], closeness.get(stored, 0.0))
            for stored in [*close, *top]
        ]
        if close:
            return Ranking(query, detect_language(query), tuple(hits), True)
        # The answer is the best-scoring hit that passes the decline rule (a
        # near-miss FAQ entry must not hide a confident catalog entry below it).
        confident = next((hit for hit in hits if _confident(hit)), None)
        if confident is not None:
            hits.remove(confident)
            hits.insert(0, confident)
        return Ranking(query, detect_language(query), tuple(hits), confident is not None)

    def _question_vocabulary(self) -> Vocabulary:
        """What questions in this index are reduced with (``question_form``): the
        bottom index, which does not change while layers exist; nothing for an
        index on its own, whose vocabulary grows with every entry."""
        return self._layers()[-1] if self._base is not None else _NO_VOCABULARY

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
        for term, value in saturated.items():
            self._postings.setdefault(term, {})[stored] = value
            if term.startswith(PHRASE_MARK):
                phrase = term[1:]
                self._phrases.setdefault(phrase[:2], Counter())[phrase] += 1


def _analyse(document: Document, analyzer: Analyzer) -> dict[str, list[str]]:
    terms = {name: [term for text in texts for term in analyzer.terms(text)]
             for name, texts in document.fields().items()}
    terms["phrases"] = list(dict.fromkeys(
        PHRASE_MARK + phrase_text(text) for text in document.phrases if _is_name(text, analyzer)))
    return terms


def _question_forms(
    document: Document, analyzer: Analyzer, known: Vocabulary
) -> tuple[QuestionForm, ...]:
    """Each question, and each sentence of a question that asks two things at
    once ("모임을 녹화하나요? 놓친 발표를 다시 볼 수 있나요?")."""
    texts: dict[str, None] = {}
    for question in document.questions:
        texts[question] = None
        sentences = [part for part in _SENTENCE_END.split(question) if part.strip()]
        if len(sentences) > 1:
            texts.update(dict.fromkeys(sentences))
    forms = (analyzer.question_form(text, known) for text in texts)
    return tuple(dict.fromkeys(form for form in forms if form.terms))


def _is_name(text: str, analyzer: Analyzer) -> bool:
    """A phrase worth matching whole: two to five words, not all of them stopwords.
    (One word is matched well by its own terms already.)"""
    return 1 <= len(_runs(text)) <= 5 and bool(analyzer.terms(text))


def _confident(hit: Hit) -> bool:
    if hit.coverage < MIN_COVERAGE or hit.topical < MIN_TOPICAL:
        return False
    return hit.coverage >= SURE_COVERAGE or hit.evidence >= MIN_EVIDENCE


@dataclass(frozen=True, slots=True)
class _Weighing:
    """A question's terms weighed against one layer's statistics."""

    idfs: dict[str, float]  # terms some document has -> IDF / the rarest term's IDF
    total: float  # the whole question's weight, unseen terms counting as rarest


def _weigh(terms: Sequence[str], df: Mapping[str, int], documents: int) -> _Weighing:
    unseen = _idf(documents, 0)
    idfs: dict[str, float] = {}
    total = 0.0
    for term in terms:
        weight = TRIGRAM_WEIGHT if term.startswith("#") else 1.0
        found = df.get(term, 0)
        idf = weight * (_idf(documents, found) / unseen if found else 1.0)
        total += idf
        if found:
            idfs[term] = idf
    return _Weighing(idfs, total)


def _hit(stored: _Stored, score: float, weighing: _Weighing, closeness: float) -> Hit:
    matched = sum(idf for term, idf in weighing.idfs.items() if term in stored.weights)
    topical = sum(idf for term, idf in weighing.idfs.items() if term in stored.topical)
    coverage = matched / weighing.total if weighing.total > 0 else 0.0
    return Hit(stored.key, score, coverage, matched, topical, closeness)


def _closest_questions(
    query: str, analyzer: Analyzer, layers: Sequence[SearchIndex], candidates: Sequence[_Stored]
) -> dict[_Stored, float]:
    """How closely ``query`` matches the own questions of ``candidates`` (guild
    FAQ entries), each entry by its closest question."""
    if not candidates:
        return {}
    # Reduced as the entries' questions were (see SearchIndex._question_vocabulary).
    asked = [analyzer.question_form(query, _NO_VOCABULARY),
             analyzer.question_form(query, layers[0])]
    weights = _TermWeights(layers)
    return {
        stored: max(_closeness(asked[min(stored.order[0], 1)], question,
                               weights.at(stored.order[0]))
                    for question in stored.questions)
        for stored in candidates
    }


class _TermWeights:
    """Terms' IDF in units of the rarest term's, per layer (as ``_weigh`` does)."""

    def __init__(self, layers: Sequence[SearchIndex]) -> None:
        self._layers = layers
        self._totals = list(itertools.accumulate(len(index._docs) for index in layers))
        self._cache: dict[tuple[str, int], float] = {}

    def at(self, level: int) -> Callable[[str], float]:
        return lambda term: self.weight(term, level)

    def weight(self, term: str, level: int) -> float:
        cached = self._cache.get((term, level))
        if cached is None:
            found = sum(len(index._postings.get(term, ())) for index in self._layers[: level + 1])
            total = self._totals[level]
            cached = TRIGRAM_WEIGHT if term.startswith("#") else 1.0
            if found:
                cached *= _idf(total, found) / _idf(total, 0)
            self._cache[(term, level)] = cached
        return cached


def _closeness(
    asked: QuestionForm, question: QuestionForm, weight: Callable[[str], float]
) -> float:
    """The IDF-weighted F-measure (see ``CLOSE_BETA``) of two questions' terms; a
    term one typo away from an unmatched term of the other question counts for
    ``TYPO_CREDIT``. Zero when they ask for different things (when / where)."""
    if asked.asks and question.asks and not asked.asks & question.asks:
        return 0.0
    common = asked.terms & question.terms
    found_asked = found_question = sum(weight(term) for term in common)
    asked_rest = [term for term in asked.terms - common if not _spacing(term, common)]
    question_rest = [term for term in question.terms - common if not _spacing(term, common)]
    missed_asked = sum(weight(term) for term in asked_rest)
    missed_question = sum(weight(term) for term in question_rest)
    spare = [term for term in asked_rest if _typo_prone(term)]
    for term in question_rest:
        if not spare or not _typo_prone(term):
            continue
        near = next((other for other in spare if one_letter_apart(term, other)), None)
        if near is not None:
            spare.remove(near)
            found_question += TYPO_CREDIT * weight(term)
            found_asked += TYPO_CREDIT * weight(near)
            missed_question -= weight(term)
            missed_asked -= weight(near)
    if not found_asked:
        return 0.0
    precision = found_asked / (found_asked + missed_asked)
    recall = found_question / (found_question + missed_question)
    beta2 = CLOSE_BETA**2
    return (1 + beta2) * precision * recall / (beta2 * precision + recall)


def _spacing(term: str, matched: frozenset[str]) -> bool:
    """True for a Hangul bigram across a space the other question did not write
    (석체 of 출석체크 when 출석 and 체크 matched): it is neither matched nor missing."""
    return (
        len(term) == 2 and _is_hangul_run(term)
        and any(other[-1] == term[0] for other in matched)
        and any(other[0] == term[1] for other in matched)
    )


def _typo_prone(term: str) -> bool:
    """Hangul bigrams and whole Latin words of four letters or more."""
    return (_is_hangul_run(term) and len(term) == 2) or (len(term) >= 4 and term.isalpha())


def entry_document(entry: Entry) -> Document:
    """The searchable text of a catalog entry, both languages together."""
    ko, en = entry.ko, entry.en
    title_parts = [part for title in (ko.title, en.title) for part in _TITLE_SPLIT.split(title)]
    return Document(
        key=entry.id,
        title=(ko.title, en.title),
        keywords=(*ko.keywords, *en.keywords),
        summary=(ko.summary, en.summary),
        body=(ko.body, en.body, *ko.research_questions, *en.research_questions),
        phrases=(*ko.keywords, *en.keywords, *title_parts),
    )


def faq_document(key: str, questions: Iterable[str], answers: Iterable[str]) -> Document:
    """The searchable text of a guild FAQ entry, its questions in any language.

    The questions get what a catalog entry's title and keywords get: they are
    the title, and the names in them are matched whole like keywords and title
    parts (each question, its names and pairs of neighbouring words: "회비",
    "GPU", "스터디 모임", "study group"). They are also matched question to
    question (see ``_closeness``). The answers are the body.
    """
    questions = tuple(questions)
    names: list[str] = []
    for question in questions:
        words = _content_words(question)
        names += [word.text for word in words if word.is_name]
        names += [f"{first.text} {second.text}" for first, second in itertools.pairwise(words)
                  if first.pairs and second.pairs]
        names += [part for part in _TITLE_SPLIT.split(question) if part.strip()]
    return Document(key=key, title=questions, body=tuple(answers),
                    phrases=list(dict.fromkeys(names)), questions=questions)


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    is_name: bool  # a name on its own ("회비", "GPU")
    pairs: bool  # part of a name with its neighbour ("스터디 모임", "study group")


def _content_words(question: str) -> list[_Word]:
    """The words of ``question`` that say what it is about (Korean ones without
    their endings; no stopwords, question words or one-syllable words).

    A Korean word with no ending or a particle (모임은, 회비가) may be a noun and
    so a name, alone or with a neighbour; one with a verb's ending (올리나요,
    준비하면) is neither. Any Latin word may pair with a neighbour, but only one
    written like a name (GPU, ResNet, Zoom; not the first word) is a name alone:
    "find" or "join" name nothing.
    """
    runs = _runs(question)
    words: list[_Word] = []
    for word, ending in _question_words(runs, _NO_VOCABULARY):
        if _asked(word, "") is not None or len(word) < 2 or word.lower() in _EN_STOPWORDS:
            continue
        if _is_hangul_run(word):
            noun = not ending or ending in _KO_PARTICLES
            words.append(_Word(word, noun, noun))
        else:
            written_as_name = not word[1:].islower() or (word[0].isupper() and word != runs[0])
            words.append(_Word(word, written_as_name, True))
    return words


def catalog_index(entries: Iterable[Entry], analyzer: Analyzer | None = None) -> SearchIndex:
    """The shared index of the catalog; guild FAQs go into its ``layer()``s."""
    return SearchIndex.build((entry_document(entry) for entry in entries), analyzer)


def _idf(total: int, df: int) -> float:
    return math.log(1.0 + (total - df + 0.5) / (df + 0.5))
