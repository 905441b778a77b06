"""Korean particles chosen by the word before them, as a person would write them.

A message template writes a particle that depends on the preceding word as a
field of its own: ``{을}``, ``{은}``, ``{이}``, ``{과}`` or ``{으로}`` (the form
used after a final consonant). ``fill`` puts in 을/를, 은/는, 이/가, 과/와 or
으로/로 by the last sound of what comes before it, looking through closing
marks such as a backtick or 」. Digits and capital letters are read as Koreans
read them aloud (``3`` 삼, ``GPT`` 지피티, ``URL`` 유알엘); a word in small letters
as a loanword (``ResNet`` 레즈넷, ``paper`` 페이퍼), which is how particles
follow them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

# Particle field -> (after a final consonant, after a vowel).
PARTICLES: dict[str, tuple[str, str]] = {
    "을": ("을", "를"),
    "은": ("은", "는"),
    "이": ("이", "가"),
    "과": ("과", "와"),
    "으로": ("으로", "로"),
}
_CLOSERS = "`'\"*」』)]>》 "
# Digits and Latin letters whose Korean reading ends in a consonant, and of those,
# the ones ending in ㄹ (after which 으로 is 로).
_DIGITS_FINAL = {"0": "", "1": "ㄹ", "3": "", "6": "", "7": "ㄹ", "8": "ㄹ"}
_LETTERS_FINAL = {"l": "ㄹ", "m": "", "n": "", "r": "ㄹ"}
# How a word in small letters ends when written in Hangul: 넷, 랩톱, 북, 뮤직, 모델, 팀,
# 런, 스프링 end in a consonant; 페이퍼, 코드, 클래스, 랩 (b: 브) in a vowel.
_WORD_ENDINGS_FINAL = (("ng", ""), ("l", "ㄹ"), ("m", ""), ("n", ""), ("t", ""), ("p", ""),
                       ("k", ""), ("c", ""))
_FORMATTER = string.Formatter()


def particle(before: str, field: str) -> str:
    """The particle ``field`` (a key of ``PARTICLES``) that follows ``before``."""
    with_final, without = PARTICLES[field]
    text = before.rstrip(_CLOSERS)
    if not text:
        return with_final
    final = _final_sound(text)
    if final is None:
        return without
    if field == "으로" and final == "ㄹ":
        return without
    return with_final


def fill(template: str, params: Mapping[str, Any]) -> str:
    """``template.format(**params)``, with particle fields chosen by the text before."""
    out: list[str] = []
    for literal, field, spec, conversion in _FORMATTER.parse(template):
        out.append(literal)
        if field is None:
            continue
        if field in PARTICLES:
            out.append(particle("".join(out), field))
            continue
        value = _FORMATTER.convert_field(_FORMATTER.get_field(field, (), params)[0], conversion)
        out.append(_FORMATTER.format_field(value, spec or ""))
    return "".join(out)


def _final_sound(text: str) -> str | None:
    """The final consonant of how ``text`` ends when read ("ㄹ", "" for another
    one), or None when the reading ends in a vowel."""
    char = text[-1]
    code = ord(char) - 0xAC00
    if 0 <= code < 11172:
        final = code % 28
        if final == 0:
            return None
        return "ㄹ" if final == 8 else ""
    if char in _DIGITS_FINAL:
        return _DIGITS_FINAL[char]
    if char.isdigit():
        return None
    if char.isascii() and char.islower():
        word = text.lower()
        for ending, sound in _WORD_ENDINGS_FINAL:
            if word.endswith(ending):
                return sound
        return None
    return _LETTERS_FINAL.get(char.lower())
