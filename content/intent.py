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

# What may follow a Hangul abbreviation inside one word: particles and copulas.
_KO_TAIL = (r"(?:이랑|이나|이고|이면|이면서|인데|인가요?|인지|이에요|이야|입니다|임|"
            r"이|가|은|는|을|를|랑|하고|와|과|도|만|의|로|으로|쪽|쪽으로|"
            r"들|들이|들은|들의|에서|에게|한테|처럼|보다|이요|요|냐|야)?")


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
    off_topic = next((kind for kind, pattern in _patterns().off_topic
                      if pattern.search(lowered)), None)
    about_bot = _patterns().about_bot.search(lowered) is not None
    distress = _patterns().distress.search(question.lower()) is not None
    cues = [words for pattern, words in _patterns().intent_cues if pattern.search(lowered)]
    return ReadQuestion(" ".join([expand_abbreviations(text), *cues]), off_topic, about_bot,
                        distress)


def strip_pleasantries(text: str) -> str:
    """``text`` without greetings, thanks and sign-offs (in either language).

    Only whole ones go: "감사" inside "감사원" or "hi" inside "hiring" stay.
    """
    text = _patterns().ko_polite.sub(" ", text)
    return _patterns().en_polite.sub(" ", text)


def drop_negated(text: str) -> str:
    """``text`` without what it sets aside: the words before "말고"/"빼고"/...
    back to the start of their clause (at most three words), and the words
    after "other than"/"besides"/... up to the next punctuation (at most three)."""
    text = _patterns().ko_negated.sub(" ", text)
    return _patterns().en_negated.sub(" ", text)


def expand_abbreviations(text: str) -> str:
    """``text`` with abbreviations and Hangul spellings of English words
    replaced by what they stand for (see ``content.colloquial.EXPANSIONS``)."""
    pattern, lookup = _patterns().expansions
    return pattern.sub(lookup, text)


@dataclass(frozen=True)
class _Patterns:
    emoticons: re.Pattern[str]
    ko_polite: re.Pattern[str]
    en_polite: re.Pattern[str]
    ko_negated: re.Pattern[str]
    en_negated: re.Pattern[str]
    expansions: tuple[re.Pattern[str], _Lookup]
    off_topic: tuple[tuple[str, re.Pattern[str]], ...]
    intent_cues: tuple[tuple[re.Pattern[str], str], ...]
    about_bot: re.Pattern[str]
    distress: re.Pattern[str]


class _Lookup:
    """The expansion of a matched abbreviation (each key is a named group), with
    whatever particle followed it kept."""

    def __init__(self, keys: list[str]) -> None:
        self._expansions = {f"k{number}": EXPANSIONS[key] for number, key in enumerate(keys)}

    def __call__(self, match: re.Match[str]) -> str:
        group = match.lastgroup
        assert group is not None
        rest = match.group(0)[match.end(group) - match.start():]
        return f" {self._expansions[group]} {rest} "


@cache
def _patterns() -> _Patterns:
    """Compiled once, on first use (no work at import time)."""
    boundary_before = r"(?<![A-Za-z0-9가-힣])"
    alternatives: list[str] = []
    keys = sorted(EXPANSIONS, key=len, reverse=True)
    for number, key in enumerate(keys):
        escaped = re.escape(key).replace(r"\ ", r"\s*")
        if key.lower() in LATIN_ANY_CASE:
            escaped = f"(?i:{escaped})"
        # A Latin key ends where its letters do (ML엔지니어 is ML + 엔지니어); a
        # Hangul one may carry a particle.
        tail = (r"(?![A-Za-z])" if re.search(r"[A-Za-z]$", key)
                else _KO_TAIL + r"(?![가-힣])")
        # Words of three syllables or more are found in text written without spaces.
        before = "" if len(key) >= 3 and re.fullmatch("[가-힣]+", key) else boundary_before
        if before == "":
            tail = ""
        alternatives.append(f"{before}(?P<k{number}>{escaped}){tail}")
    ko_polite_end = r"(?:[!~.,?ㅎㅋㅠㅜ^]*)(?![가-힣])"
    return _Patterns(
        emoticons=re.compile(r"[ㄱ-ㅎㅏ-ㅣ\u1100-\u11ff]+|\^\^|[;:]-?[)(DP]|\bT\s*T\b|\bxD\b"),
        ko_polite=re.compile(rf"(?<![가-힣])(?:{KO_POLITE}){ko_polite_end}"),
        en_polite=re.compile(rf"(?i)\b(?:{EN_POLITE})\b[!.,~]*"),
        # Up to three words before the negator, none of them ending a clause.
        ko_negated=re.compile(
            rf"(?:[^\s,.!?]+(?<![데고서면만요,])\s+){{0,2}}[^\s,.!?]+\s*(?:{KO_NEGATORS})(?![가-힣])"),
        en_negated=re.compile(rf"(?i)\b(?:{EN_NEGATORS})\s+(?:[^\s,.!?;]+\s*){{1,3}}"),
        expansions=(re.compile("|".join(alternatives)), _Lookup(keys)),
        off_topic=tuple((kind, re.compile(pattern)) for kind, pattern in OFF_TOPIC),
        intent_cues=tuple((re.compile(pattern, re.IGNORECASE), words)
                          for pattern, words in INTENT_CUES),
        about_bot=re.compile(ABOUT_BOT),
        distress=re.compile(DISTRESS),
    )
