"""Detecting the language of a question from its script."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.language import detect_language, is_hangul


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("석박사 필수임?", "ko"),
        ("Is Kaggle worth it for my portfolio?", "en"),
        ("PyTorch vs TensorFlow 뭐가 나아?", "ko"),
        ("Kaggle 해야됨?", "ko"),
        ("What does 석사 mean in English?", "en"),
        ("ㅋㅋㅋ", "ko"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_text_without_letters_gets_the_default() -> None:
    assert detect_language("12345 ?!", default="en") == "en"
    assert detect_language("", default="ko") == "ko"


def test_is_hangul() -> None:
    assert is_hangul("한") and is_hangul("ㅋ")
    assert not is_hangul("a") and not is_hangul("1")


@settings(max_examples=100)
@given(st.text(max_size=200))
def test_any_text_gets_a_language(text: str) -> None:
    assert detect_language(text) in ("ko", "en")
