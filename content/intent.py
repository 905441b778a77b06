"""A member's question as the search should see it (``read_question``).

Members write to a study server as they write to people: a greeting, some
background, thanks at the end, an abbreviation (RS, 데싸, 석박), a Hangul
spelling of an English word, "X 말고 Y". Before a question is ranked, the
greetings and sign-offs are removed, what follows a negation ("말고",
"other than") is what counts, and abbreviations are spelled out in the
catalog's own words. The same reading also says whether the question is about
something the catalog does not cover (pay, exam dates, network security, ...),
about using the bot, or mentions distress (see ``content.colloquial``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from content.analysis import stem_english
from content.colloquial import (
    ABOUT_BOT,
    DISTRESS,
    EN_NEGATORS,
    EN_POLITE,
    EXPANSIONS,
    INTENT_CUES,
    KO_NEGATORS,
    KO_POLITE,
    LATIN_ANY_CASE,
    OFF_TOPIC,
)
from content.literal_gate import (
    GatedPattern,
    LiteralGate,
    admits,
    any_gate,
    gated,
    literal_gate,
)

# How many words' replacements ``_Expander`` keeps (about 2 MB at most).
_REPLACEMENTS_KEPT = 10_000
# What may follow a Hangul abbreviation inside one word: particles and copulas,
# and the endings of a verb made from it (완강했는데, 어필하는).
_KO_TAILS = frozenset("""
이랑 이나 이고 이면 이면서 인데 인가 인가요 인지 이에요 이야 입니다 임 이 가 은 는 을 를
랑 하고 와 과 도 만 의 로 으로 쪽 쪽으로 들 들이 들은 들의 에서 에게 한테 처럼 보다 이요 요
냐 야 도요 만요
했는데 했어요 했고 했음 했다 했지 함 하는데 하는 하면 해서 해야 한
""".split())


@dataclass(frozen=True, slots=True)
class ReadQuestion:
    """A question as ``read_question`` understood it."""

    text: str  # what is ranked: no greetings, negated parts, abbreviations spelled out
    off_topic: str | None  # the uncovered subject it asks about ("pay", "dates", ...)
    about_bot: bool  # asks how to use the bot itself
    distress: bool  # mentions burnout, depression, wanting to quit


def read_question(question: str) -> ReadQuestion:
    """``question`` prepared for ranking, with what it says about its intent."""
    text = unicodedata.normalize("NFKC", question)
    text = _patterns().emoticons.sub(" ", text)
    text = strip_pleasantries(text)
    text = drop_negated(text)
    lowered = text.lower()
    patterns = _patterns()
    off_topic = next((kind for kind, pattern in patterns.off_topic
                      if pattern.search(lowered)), None) if admits(
        patterns.off_topic_gate, lowered) else None
    about_bot = patterns.about_bot.search(lowered) is not None
    distress = patterns.distress.search(question.lower()) is not None
    cues = [words for pattern, words in patterns.intent_cues
            if pattern.search(lowered)] if admits(patterns.intent_cues_gate, lowered) else []
    # A capital glued to digits ("A100", "3D", "T5") is part of a model's or a unit's
    # name, never a player type: lower-cased, it matches no type (``phrase_text``).
    expanded = patterns.glued_capital.sub(_lower, expand_abbreviations(text))
    return ReadQuestion(" ".join([expanded, *cues]), off_topic, about_bot, distress)


def _lower(match: re.Match[str]) -> str:
    return match.group(0).lower()


def forget_words() -> None:
    """Drop the replacements kept per word (a benchmark times words never seen)."""
    _patterns().expander.forget_words()


def strip_pleasantries(text: str) -> str:
    """``text`` without greetings, thanks and sign-offs (in either language).

    Only whole ones go: "감사" inside "감사원" or "hi" inside "hiring" stay.
    """
    text = _patterns().ko_polite.sub(" ", text)
    return _patterns().en_polite.sub(" ", text)


def drop_negated(text: str) -> str:
    """``text`` without what it sets aside: the words before "말고"/"빼고"/...
    back to the start of their clause (at most three words), the words after
    "other than"/"besides"/... up to the next punctuation (at most three), and
    the player type a type is compared with ("E형은 A형이랑 뭐가 달라?" asks
    about E, whose entry tells how it differs from A)."""
    text = _patterns().ko_negated.sub(" ", text)
    text = _patterns().compared_type.sub(" ", text)
    return _patterns().en_negated.sub(" ", text)


def expand_abbreviations(text: str) -> str:
    """``text`` with abbreviations and Hangul spellings of English words
    replaced by what they stand for (see ``content.colloquial.EXPANSIONS``)."""
    return _patterns().expander.expand(text)


@dataclass(frozen=True)
class _Patterns:
    """Each behind its literal gate: nearly every question matches none of them."""

    emoticons: re.Pattern[str]
    ko_polite: GatedPattern
    en_polite: GatedPattern
    ko_negated: GatedPattern
    en_negated: GatedPattern
    compared_type: GatedPattern
    expander: _Expander
    off_topic: tuple[tuple[str, GatedPattern], ...]
    off_topic_gate: LiteralGate | None  # admits what any of off_topic may match
    intent_cues: tuple[tuple[GatedPattern, str], ...]
    intent_cues_gate: LiteralGate | None
    about_bot: GatedPattern
    distress: GatedPattern
    glued_capital: re.Pattern[str]


class _Expander:
    """Replaces abbreviations word by word (a dictionary look-up per word, not
    one pattern of hundreds of alternatives): Latin words whole, Hangul words
    whole or followed by a particle, and Hangul keys of three syllables or more
    anywhere in a word (members leave out spaces). Keys of more than one word
    have a pattern of their own."""

    def __init__(self) -> None:
        single = {key: value for key, value in EXPANSIONS.items() if _one_word(key)}
        self._latin = {key: value for key, value in single.items() if key[0].isascii()}
        self._folded = {key.lower(): value for key, value in self._latin.items()
                        if key.lower() in LATIN_ANY_CASE}
        # Ordinary English words also match their other forms (argue, arguing).
        self._stemmed = {_stem(key): value for key, value in self._latin.items() if key.islower()}
        self._hangul = {key: value for key, value in single.items() if not key[0].isascii()}
        self._inner = {key: value for key, value in self._hangul.items() if len(key) >= 3}
        self._longest = max(map(len, self._hangul))
        self._phrases = {_squash(key): value for key, value in EXPANSIONS.items()
                         if not _one_word(key)}
        phrases = sorted((key for key in EXPANSIONS if not _one_word(key)), key=len, reverse=True)
        phrase_pattern = "|".join(
            r"(?<![A-Za-z0-9가-힣])" + re.escape(key).replace(r"\ ", r"\s*")
            + (r"(?![A-Za-z])" if key[-1].isascii() else "") for key in phrases)
        words = r"(?P<latin>[A-Za-z][A-Za-z.]*)|(?P<hangul>[가-힣]+)"
        self.pattern = re.compile(rf"(?P<phrase>(?i:{phrase_pattern}))|{words}")
        # Most questions hold none of the phrases: then words alone are scanned for.
        self._phrase_gate = literal_gate(re.compile(rf"(?i:{phrase_pattern})"))
        self._words = re.compile(words)
        # Members reuse their words: each word's replacement is worked out once.
        self._replacements: dict[tuple[str | None, str], str] = {}

    def expand(self, text: str) -> str:
        """``text`` with every expansion made."""
        pattern = self.pattern if admits(self._phrase_gate, text) else self._words
        return pattern.sub(self._replace, text)

    def forget_words(self) -> None:
        self._replacements.clear()

    def _replace(self, match: re.Match[str]) -> str:
        key = (match.lastgroup, match.group(0))
        replacement = self._replacements.get(key)
        if replacement is None:
            if len(self._replacements) >= _REPLACEMENTS_KEPT:
                self._replacements.clear()
            replacement = self._replacements[key] = self._replacement(*key)
        return replacement

    def _replacement(self, group: str | None, word: str) -> str:
        if group == "phrase":
            expansion = self._phrases.get(_squash(word))
            return f" {expansion} " if expansion else word
        if group == "latin":
            core = word.rstrip(".")
            expansion = self._latin.get(core) or self._folded.get(core.lower())
            if expansion is None and (core.islower() or core.istitle()):
                expansion = self._stemmed.get(_stem(core.lower()))
            return f" {expansion} {word[len(core):]}" if expansion else word
        return self._hangul_word(word)

    def _hangul_word(self, word: str) -> str:
        for length in range(min(len(word), self._longest), 0, -1):
            expansion = self._hangul.get(word[:length])
            if expansion and (length == len(word) or word[length:] in _KO_TAILS):
                return f" {expansion} {word[length:]} "
        for start in range(len(word) - 2):
            for length in range(min(len(word) - start, self._longest), 2, -1):
                expansion = self._inner.get(word[start : start + length])
                if expansion:
                    after = word[start + length :]
                    rest = self._hangul_word(after) if after else ""
                    return f"{word[:start]} {expansion} {rest}"
        return word


def _stem(word: str) -> str:
    """``stem_english`` without a final "e", so argue and arguing meet."""
    return stem_english(word).removesuffix("e")


def _one_word(key: str) -> bool:
    return re.fullmatch(r"[A-Za-z][A-Za-z.]*|[가-힣]+", key) is not None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


@cache
def _patterns() -> _Patterns:
    """Compiled once, on first use (no work at import time)."""
    ko_polite_end = r"(?:[!~.,?ㅎㅋㅠㅜ^]*)(?![가-힣])"
    off_topic = tuple((kind, gated(re.compile(pattern, re.ASCII))) for kind, pattern in OFF_TOPIC)
    intent_cues = tuple((gated(re.compile(pattern, re.IGNORECASE)), words)
                        for pattern, words in INTENT_CUES)
    return _Patterns(
        emoticons=re.compile(r"[ㄱ-ㅎㅏ-ㅣ\u1100-\u11ff]+|\^\^|[;:]-?[)(DP]|\bT\s*T\b|\bxD\b"),
        ko_polite=gated(re.compile(rf"(?<![가-힣])(?:{KO_POLITE}){ko_polite_end}")),
        en_polite=gated(re.compile(rf"(?i)\b(?:{EN_POLITE})\b[!.,~:]*", re.ASCII)),
        # Up to three words before the negator, none of them ending a clause.
        ko_negated=gated(re.compile(
            rf"(?:[^\s,.!?]+(?<![데고서면만요,])\s+){{0,2}}[^\s,.!?]+\s*(?:{KO_NEGATORS})(?![가-힣])")),
        en_negated=gated(re.compile(rf"(?i)\b(?:{EN_NEGATORS})\s+(?:[^\s,.!?;]+\s*){{1,3}}")),
        compared_type=gated(re.compile(
            r"(?<=[은는이가] )(?<![A-Za-z])[RAED]\s*(?:형|유형|타입)?"
            r"(?:이랑|랑|하고|와|과|보다|에\s*비해)"
            r"(?=\s*(?:뭐가|무엇이|어떻게|어떤\s*점이|뭐)?\s*(?:달라|다르|다른|차이))")),
        expander=_Expander(),
        # ASCII word boundaries: "nan" in "nan으로" is a word of its own.
        off_topic=off_topic,
        off_topic_gate=any_gate(pattern for _, pattern in off_topic),
        intent_cues=intent_cues,
        intent_cues_gate=any_gate(pattern for pattern, _ in intent_cues),
        about_bot=gated(re.compile(ABOUT_BOT, re.ASCII)),
        distress=gated(re.compile(DISTRESS, re.ASCII)),
        glued_capital=re.compile(r"(?<=[0-9])[A-Z](?![A-Za-z])|(?<![A-Za-z])[A-Z](?=[0-9])"),
    )
