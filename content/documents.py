"""What the search index knows of an entry (``Document``), built from a catalog
entry or from a guild FAQ entry's questions and answers."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from content.analysis import NO_VOCABULARY, asked, is_hangul_run, question_words, runs
from content.lexicon import EN_STOPWORDS, KO_PARTICLES
from content.schema import Entry

_TITLE_SPLIT = re.compile(r"[(),/?'\"]")


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
        """The texts of the weighted fields, by field name."""
        return {"title": self.title, "keywords": self.keywords,
                "summary": self.summary, "body": self.body}


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
    question (see ``content.questions.closeness``). The answers are the body.
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
    question_runs = runs(question)
    words: list[_Word] = []
    for word, ending in question_words(question_runs, NO_VOCABULARY):
        if asked(word, "") is not None or len(word) < 2 or word.lower() in EN_STOPWORDS:
            continue
        if is_hangul_run(word):
            noun = not ending or ending in KO_PARTICLES
            words.append(_Word(word, noun, noun))
        else:
            written_as_name = (not word[1:].islower()
                               or (word[0].isupper() and word != question_runs[0]))
            words.append(_Word(word, written_as_name, True))
    return words
