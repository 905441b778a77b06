"""The Kiwi morphological analyzer as an ``Analyzer``, only for comparison in
``bench_ask --compare`` (the bot itself does not depend on kiwipiepy)."""

from __future__ import annotations

from typing import Any

from kiwipiepy import Kiwi

from content.analysis import Analyzer, Vocabulary, stem_english

# Nouns, verb and adjective stems, roots, foreign words, Chinese characters, numbers.
_CONTENT_TAGS = ("NNG", "NNP", "NR", "VV", "VA", "XR", "SL", "SH", "SN", "MAG")


class KiwiAnalyzer(Analyzer):
    """Terms are Kiwi's content morphemes instead of syllable n-grams."""

    def __init__(self) -> None:
        super().__init__(latin_trigrams=False)
        self._kiwi: Any = Kiwi()

    def terms(self, text: str) -> list[str]:
        found = []
        for token in self._kiwi.tokenize(text):
            if token.tag.startswith(_CONTENT_TAGS):
                form = token.form
                found.append(stem_english(form.lower()) if token.tag == "SL" else form)
        return found

    def query_terms(self, text: str, known: Vocabulary) -> list[str]:
        return list(dict.fromkeys(self.terms(text)))
