"""Korean particles chosen by the word before them (bot/korean.py), and a catalog
that never writes both forms mechanically."""

from __future__ import annotations

import re

import pytest

from bot.i18n import load_catalog
from bot.korean import fill, particle

MECHANICAL = re.compile(r"을\(를\)|\(으\)로|은\(는\)|이\(가\)|와\(과\)")


@pytest.mark.parametrize(
    ("before", "field", "chosen"),
    [
        ("논문", "을", "을"), ("세미나", "을", "를"),
        ("사과", "은", "는"), ("책", "은", "은"),
        ("오늘", "이", "이"), ("내일", "으로", "로"), ("책", "으로", "으로"),
        ("바다", "으로", "로"), ("사람", "과", "과"), ("나", "과", "와"),
        # Through closing marks, as a template wraps a value.
        ("`faq.1`", "을", "을"), ("「어텐션」", "을", "을"), ("**참석**", "으로", "으로"),
        ("`미정`", "으로", "으로"), ("「트랜스포머」", "은", "는"),
        # Digits and letters as they are read aloud: 1 일, 2 이, 7 칠; L 엘, K 케이.
        ("#1", "을", "을"), ("#2", "을", "를"), ("2027", "으로", "로"),
        ("12", "은", "는"), ("spring-2027", "이", "이"),
        ("URL", "으로", "로"), ("BERT", "을", "를"), ("ICML", "은", "은"),
        ("RoBERTa", "이", "가"), ("", "을", "을"),
        # A word in small letters as a loanword: 레즈넷, 페이퍼, 모델, 코드.
        ("ResNet", "을", "을"), ("paper", "을", "를"), ("model", "으로", "로"),
        ("code", "은", "는"),
    ],
)
def test_the_particle_follows_the_sound_before_it(before: str, field: str, chosen: str) -> None:
    assert particle(before, field) == chosen


def test_fill_formats_fields_and_chooses_particles() -> None:
    template = "「{title}」{을} {round}의 {week}주차에 넣었어요. 응답: **{answer}**{으로}"
    assert fill(template, {"title": "ResNet", "round": "봄 라운드", "week": 3,
                           "answer": "미정"}) == (
        "「ResNet」을 봄 라운드의 3주차에 넣었어요. 응답: **미정**으로")
    assert fill("{count:,}개{이} 있어요", {"count": 12000}) == "12,000개가 있어요"


def test_no_catalog_text_writes_both_particles() -> None:
    catalog = load_catalog()
    found = [key for key in catalog.keys() for lang in ("ko", "en")
             if MECHANICAL.search(catalog.t(key, lang))]
    assert found == []


def test_a_catalog_text_with_a_particle_reads_as_written() -> None:
    catalog = load_catalog()
    assert catalog.t("knowledge.faq.added", "ko", id="faq.2") == "서버 FAQ에 `faq.2`를 추가했어요."
    assert catalog.t("knowledge.faq.added", "ko", id="faq.3") == "서버 FAQ에 `faq.3`을 추가했어요."
