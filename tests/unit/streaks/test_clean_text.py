"""``clean_text``: the papers and notes members type, as stored and shown."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from bot.core.errors import UserFacingError
from bot.streaks.service import clean_text

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def by_definition(value: str) -> str | None:
    """The rule, one character at a time: white space becomes a space, other control
    characters (Cc) and bidirectional overrides go, the ends are stripped."""
    kept = "".join(" " if char.isspace() else char for char in value
                   if char not in BIDI_CONTROLS
                   and (char.isspace() or unicodedata.category(char) != "Cc"))
    return kept.strip() or None


def test_every_code_point_is_cleaned_as_the_rule_says() -> None:
    # Each character between two words, in batches (surrogates cannot be in a str).
    code_points = [chr(code) for code in range(sys.maxunicode + 1)
                   if not 0xD800 <= code <= 0xDFFF]
    for start in range(0, len(code_points), 64):
        value = "논문" + "".join(code_points[start:start + 64]) + " end\t"
        assert clean_text(value, 10_000, "too_long") == by_definition(value), start


@pytest.mark.parametrize(("value", "cleaned"), [
    ("  Attention Is All You Need ", "Attention Is All You Need"),
    ("Deep\x00 Residual\nLearning\u202e", "Deep Residual Learning"),
    ("줄\u3000바꿈\r\n끝\x85", "줄 바꿈  끝"),
    ("\x07\t ", None),
    ("", None),
])
def test_examples(value: str, cleaned: str | None) -> None:
    assert clean_text(value, 300, "too_long") == cleaned


def test_length_is_counted_after_cleaning() -> None:
    assert clean_text(" " * 50 + "x" * 300 + "\n", 300, "too_long") == "x" * 300
    with pytest.raises(UserFacingError) as refused:
        clean_text("x" * 301, 300, "too_long")
    assert refused.value.key == "too_long"
