"""Tell Korean from English text by its script, and tell a typo from another
word (no model, no dictionary)."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

Script = Literal["ko", "en"]


def is_hangul(char: str) -> bool:
    """True for a Hangul syllable or jamo (the compatibility block included)."""
    code = ord(char)
    return (
        0xAC00 <= code <= 0xD7A3  # syllables
        or 0x1100 <= code <= 0x11FF  # jamo
        or 0x3130 <= code <= 0x318F  # compatibility jamo (ㅋㅋ, ㅠㅠ)
    )


def detect_language(text: str, *, default: Script = "ko") -> Script:
    """'ko' or 'en', by counting words written in Hangul against words in Latin letters.

    Korean wins when its words are at least half as many as the English ones: a
    Korean question often names English terms ("PyTorch vs TensorFlow 뭐가 나아?")
    and is still asked in Korean, while "What does 석사 mean?" is English.
    Text without letters gets ``default``.
    """
    korean = english = 0
    hangul, latin = _letters()
    for word in text.split():
        if word.isascii():  # the common case, without a regex: has it letters?
            english += word.lower() != word.upper()
        elif hangul.search(word):
            korean += 1
        elif latin.search(word):
            english += 1
    if korean == 0 and english == 0:
        return default
    return "ko" if korean * 2 >= english else "en"


@cache
def _letters() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A Hangul letter (as ``is_hangul``), a Latin one; compiled on first use."""
    return (re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]"), re.compile("[A-Za-z]"))


def jamo(text: str) -> str:
    """``text`` with every Hangul syllable spelled out as its letters (initial,
    vowel, final), so that 스터디 and 스타디 differ by one letter, not one syllable.

    Other characters are kept as they are.
    """
    out: list[str] = []
    for char in text:
        code = ord(char) - 0xAC00
        if 0 <= code <= 0xD7A3 - 0xAC00:
            initial, rest = divmod(code, 21 * 28)
            vowel, final = divmod(rest, 28)
            out.append(chr(0x1100 + initial) + chr(0x1161 + vowel))
            if final:
                out.append(chr(0x11A7 + final))
        else:
            out.append(char)
    return "".join(out)


def one_letter_apart(first: str, second: str) -> bool:
    """True when one letter added, dropped, changed or swapped turns ``first`` into
    ``second`` (also when they are equal). Hangul is compared letter by letter
    within one syllable, so 스터 and 스타 are one letter apart although a whole
    syllable differs (a letter moving between syllables, 먹어 and 머거, is not
    counted)."""
    if first == second:
        return True
    if abs(len(first) - len(second)) > 1:
        return False
    if any(is_hangul(char) for char in first + second):
        if len(first) == len(second):
            if sum(a != b for a, b in zip(first, second, strict=True)) > 1:
                return False
        first, second = jamo(first), jamo(second)
    return _edit_distance(first, second, 1) <= 1


def _edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before_previous: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], before_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before_previous, previous = previous, current
    return previous[-1]
