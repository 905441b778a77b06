"""Text into index terms: Korean syllable n-grams, English stems and trigrams, a
question's words without their particles and endings, and what it asks for.

Why n-grams: Korean glues particles and endings to nouns (석사가, 석사는, 석사를)
and members write compounds with or without spaces (리서치사이언티스트), so every
Hangul word is indexed as its syllable bigrams; a particle then costs one
unmatched bigram instead of the whole word. Latin-script words are lower-cased,
lightly stemmed, and also indexed as character trigrams (``TRIGRAM_MARK``
terms, weighed low by the index), which forgives most English typos ("reserch",
"kagle"). Both languages of every entry share one index, so the script of the
question does not matter. The alternatives (syllable trigrams, a Kiwi
morphological tokenizer) were measured with ``benchmarks/bench_ask.py``; see
its docstring for the numbers.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from content.lexicon import (
    EN_ASKS,
    EN_ASKS_PAIRS,
    EN_STOPWORDS,
    KO_ASK_STARTS,
    KO_ASKS,
    KO_ENDINGS,
    KO_STOPWORDS,
    KO_SUFFIX_SYLLABLES,
    KO_VERB_ENDS,
)

# The first character of a Latin trigram term ("#<re", "#res", ...).
TRIGRAM_MARK = "#"
# The asked-for kind is a term of a question's form ("?when"); entries index it
# too, so that it weighs by how few of their questions ask it.
ASK_MARK = "?"
# How many words' terms an ``Analyzer`` keeps (about 4 MB at most).
WORD_TERMS_KEPT = 10_000

_RUN = re.compile(r"[\uac00-\ud7a3]+|[A-Za-z]+|[0-9]+")
# ``KO_ENDINGS`` as a set and its lengths, longest first: of two endings of one
# length at most one ends a word, so trying lengths longest first finds the
# ending that a scan of ``KO_ENDINGS`` (longest first) would, in a few lookups.
_KO_ENDING_SET = frozenset(KO_ENDINGS)
_KO_ENDING_LENGTHS = tuple(sorted({len(ending) for ending in KO_ENDINGS}, reverse=True))


class Vocabulary(Protocol):
    """Whatever can say whether an index has seen a term (a ``SearchIndex``)."""

    def has_term(self, term: str) -> bool: ...


class _NoVocabulary:
    def has_term(self, term: str) -> bool:
        return False


# A vocabulary that knows no term: text reduced with it is reduced the same
# way whatever an index holds.
NO_VOCABULARY: Vocabulary = _NoVocabulary()


class Analyzer:
    """Turns text into index terms; the same rules serve entries and questions."""

    def __init__(self, *, hangul_ngrams: Sequence[int] = (2,), latin_trigrams: bool = True):
        self.hangul_ngrams = tuple(hangul_ngrams)
        self.latin_trigrams = latin_trigrams
        # Questions reuse their words: each word's terms are worked out once.
        self._word_terms: dict[str, tuple[str, ...]] = {}

    def forget_words(self) -> None:
        """Drop the terms kept per word (a benchmark times words never seen)."""
        self._word_terms.clear()

    def terms(self, text: str) -> list[str]:
        """Every term of ``text``, repeated as often as it occurs."""
        found: list[str] = []
        for run in runs(text):
            found.extend(self._run_terms(run))
        return found

    def query_terms(self, text: str, known: Vocabulary) -> list[str]:
        """The distinct terms of a question, without stopwords and without a
        trailing particle bigram the index has never seen."""
        found: dict[str, None] = {}
        for word, _ in question_words(runs(text), known):
            found.update(dict.fromkeys(self._run_terms(word)))
        return list(found)

    def question_form(self, text: str, known: Vocabulary) -> QuestionForm:
        """``text`` reduced for comparing it with another question: the terms of its
        words without their endings (both questions must be reduced with the same
        ``known``), with what it asks for (when, where, ...) as a term of its
        own in place of the question word. Latin words count whole, without
        their trigrams: typos are forgiven word by word."""
        text_runs = runs(text)
        found: dict[str, None] = {}
        for word, _ in question_words(text_runs, known):
            if asked(word, "") is None:
                found.update((term, None) for term in self._run_terms(word)
                             if term[0] != TRIGRAM_MARK)
        kinds = asks(text_runs)
        found.update(dict.fromkeys(ASK_MARK + kind for kind in sorted(kinds)))
        # A guild keeps thousands of these: its terms are shared, not copied.
        return QuestionForm(frozenset(map(sys.intern, found)), kinds)

    def _run_terms(self, run: str) -> tuple[str, ...]:
        found = self._word_terms.get(run)
        if found is None:
            if len(self._word_terms) >= WORD_TERMS_KEPT:
                self._word_terms.clear()
            found = self._word_terms[run] = tuple(
                self._hangul_terms(run) if is_hangul_run(run) else self._latin_terms(run))
        return found

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
        if lowered in EN_STOPWORDS:
            return []
        stem = stem_english(lowered)
        terms = [stem]
        if self.latin_trigrams and len(stem) >= 4:
            padded = f"<{stem}>"
            terms.extend(TRIGRAM_MARK + padded[i : i + 3] for i in range(len(padded) - 2))
        return terms


@dataclass(frozen=True, slots=True)
class QuestionForm:
    """A question as ``Analyzer.question_form`` reduces it."""

    terms: frozenset[str]
    asks: frozenset[str]  # when, where, who, why, how much


def question_words(text_runs: Sequence[str], known: Vocabulary) -> list[tuple[str, str]]:
    """The words of a question that may say what it is about, each with the
    ending it lost: Latin words as they are (``Analyzer`` drops their
    stopwords), Korean words without their ending (see ``_trim_korean``) and
    without stopwords."""
    words: list[tuple[str, str]] = []
    previous = ""
    for run in text_runs:
        if is_hangul_run(run):
            stem = _trim_korean(run, known)
            if previous == "몇" and len(stem) == 2 and stem[-1] in KO_SUFFIX_SYLLABLES:
                stem = stem[0]  # a counter and its particle: 몇 시에, 몇 명이
            if not (run in KO_STOPWORDS or stem in KO_STOPWORDS or _stopword_and_ending(run)):
                words.append((stem, run[len(stem) :]))
        else:
            words.append((run, ""))
        previous = run
    return words


def _stopword_and_ending(run: str) -> bool:
    """A verb among the stopwords with the ending that makes it describe a noun
    (키우는 법, 늘리는 방법): the ending is not trimmed when the index knows its
    bigram (우는 of 배우는), which would leave the verb counted as a topic word."""
    return len(run) >= 3 and run[-1] == "는" and run[:-1] in KO_STOPWORDS


def asked(run: str, following: str) -> str | None:
    """What the question word ``run`` (followed by ``following``) asks for, if it is one."""
    lowered = run.lower()
    if lowered in EN_ASKS:
        return EN_ASKS[lowered]
    if (lowered, following.lower()) in EN_ASKS_PAIRS:
        return EN_ASKS_PAIRS[lowered, following.lower()]
    if run == "몇" and following.startswith("시") and not following.startswith("시간"):
        return "when"
    if run[0] not in KO_ASK_STARTS:
        return None
    return next((kind for word, kind in KO_ASKS if run.startswith(word)), None)


def asks(text_runs: Sequence[str]) -> frozenset[str]:
    """What the question words among ``text_runs`` ask for (see ``KO_ASKS``)."""
    found = (asked(run, following)
             for run, following in zip(text_runs, [*text_runs[1:], ""], strict=True))
    return frozenset(kind for kind in found if kind is not None)


def _trim_korean(word: str, known: Vocabulary) -> str:
    """``word`` without a trailing ending or particle (see ``KO_ENDINGS``)."""
    for length in _KO_ENDING_LENGTHS:
        if len(word) > length and word[-length:] in _KO_ENDING_SET:
            word = word[:-length]
            break
    if len(word) > 2 and word[-1] in KO_SUFFIX_SYLLABLES and not known.has_term(word[-2:]):
        word = word[:-1]
    elif len(word) == 2 and word[-1] in KO_VERB_ENDS and not known.has_term(word):
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


def runs(text: str) -> list[str]:
    """The words of ``text`` (NFKC-normalised): Hangul, Latin and digit runs apart."""
    return _RUN.findall(unicodedata.normalize("NFKC", text))


def is_hangul_run(run: str) -> bool:
    """True when ``run`` (a word from ``runs``, or a term) starts with a Hangul syllable."""
    return "\uac00" <= run[0] <= "\ud7a3"


# What a lone lower-case letter is in ``phrase_text``: no run of ``runs`` is this.
_LONE_LETTER = "_"


def phrase_text(text: str, *, bounded: bool = False) -> str:
    """``text`` squashed for phrase matching: Hangul words glued together (Korean
    spacing varies: 리서치사이언티스트), stemmed Latin words kept apart by ``|``.

    A phrase needs a ``|`` on each Latin end so "ds" never matches inside "needs";
    a question is ``bounded`` on both ends. Hangul ends stay open for particles.
    A lone lower-case letter (the article "a") stays a word but becomes ``_``,
    so it never matches a name that is a capital letter (the player type "A"),
    as ``Analyzer`` tells them apart for terms.
    """
    out: list[str] = []
    previous_hangul = False
    for run in runs(text):
        hangul = is_hangul_run(run)
        if out and not (hangul and previous_hangul):
            out.append("|")
        if hangul:
            out.append(run)
        elif len(run) == 1 and run.islower():
            out.append(_LONE_LETTER)
        else:
            out.append(stem_english(run.lower()))
        previous_hangul = hangul
    if not out:
        return ""
    squashed = "".join(out)
    if bounded or not is_hangul_run(squashed[0]):
        squashed = "|" + squashed
    if bounded or not is_hangul_run(squashed[-1]):
        squashed += "|"
    return squashed
