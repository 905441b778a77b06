"""Where catalog entries come from, named as a person would name it.

The catalog records each entry's seed file and section (``content.schema.Source``)
for editors; members see ``source_line``: the seminar and its year or the role
page, and the question the entry answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from content.schema import Entry

SEMINAR = "004_22b4f9172b578250.txt"
ROLE_PAGES = "000_fb6fca2274f702f0.txt"


@dataclass(frozen=True, slots=True)
class SourceName:
    """A source document's name in each language."""

    ko: str
    en: str

    def text(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


DOCUMENTS: dict[str, SourceName] = {
    SEMINAR: SourceName("2018년 세미나 「좋은 딥러닝 연구 개발자 되기」",
                        "the 2018 seminar “Becoming an Excellent Deep Learning Researcher”"),
    ROLE_PAGES: SourceName("쏘카 AI 직무 소개", "SOCAR's AI job descriptions"),
}
# What part of a document an entry comes from, by its kind.
PARTS: dict[str, SourceName] = {
    "qa": SourceName("패널 Q&A", "panel Q&A"),
    "player": SourceName("패널 Q&A", "panel Q&A"),
    "tip": SourceName("핵심 요약", "key points"),
}


def source_line(entry: Entry, catalog: Iterable[Entry], lang: str) -> str:
    """``2018년 세미나 「…」 패널 Q&A · “질문”`` for seminar entries, ``쏘카 AI 직무
    소개 · 리서치 사이언티스트`` for role pages: no file names, no section numbers.

    A player type answers the question of the Q&A entry of its section
    ("3.6 (R)" belongs to the Q&A of 3.6); other entries answer their own title.
    """
    document = DOCUMENTS.get(entry.source.document)
    name = document.text(lang) if document else entry.source.document
    part = PARTS.get(entry.kind)
    if part is not None:
        name = f"{name} {part.text(lang)}" if lang == "ko" else f"{name}, {part.text(lang)}"
    asked = _question(entry, catalog)
    title = asked.text(lang).title
    return f"{name} · “{title}”" if asked.kind == "qa" else f"{name} · {title}"


def _question(entry: Entry, catalog: Iterable[Entry]) -> Entry:
    if entry.kind != "player":
        return entry
    section = entry.source.section.split(" ", 1)[0]
    return next((other for other in catalog
                 if other.kind == "qa" and other.source.document == entry.source.document
                 and other.source.section == section), entry)
