"""Literal gates (content.literal_gate): the literals read from a pattern, the
patterns that get no gate, and that a gated pattern finds exactly what the
pattern alone finds, on the patterns that read members' questions."""

from __future__ import annotations

import re

import pytest

from content import intent
from content.literal_gate import GatedPattern, any_gate, gated, literal_gate
from content.loader import load_catalog


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"(?<![가-힣])주가(?!\s*되)|주식|\bstocks?\b", {"주가", "주식", "stock"}),
        # A sequence keeps its longest sure part; a repeat at least once counts.
        (r"(?:연봉|salary).{0,60}(?:얼마|how much)", {"연봉", "salary"}),
        (r"x(?:ab){2,}y", {"ab"}),
        (r"[;:]-?[)(DP]", {";", ":"}),
        # An optional part is no literal: what surrounds it still is.
        (r"who(?:'s| is)? present", {" present"}),
    ],
)
def test_literals_are_read_from_the_pattern(pattern: str, literals: set[str]) -> None:
    gate = literal_gate(re.compile(pattern))
    assert gate is not None
    assert set(gate.literals) == literals
    assert not gate.folded


@pytest.mark.parametrize(
    "pattern",
    [r"\w+", r"a*", r"(?:말고|\d)", r"[가-힣]+", r".{3}", r"(?:)|abc", r"[^abc]x?"],
)
def test_a_pattern_that_may_match_without_a_literal_has_no_gate(pattern: str) -> None:
    assert literal_gate(re.compile(pattern)) is None
    found = gated(re.compile(pattern)).search("anything 123 말고")
    expected = re.search(pattern, "anything 123 말고")
    assert (found and found.span()) == (expected and expected.span())


def test_a_case_insensitive_pattern_gets_a_folded_gate() -> None:
    gate = literal_gate(re.compile(r"(?i)\bhello there\b"))
    assert gate is not None and gate.folded
    assert gate.literals == {"hello there"}
    assert gate.admits("HeLLo THERE!")
    assert not gate.admits("hell o there")


def test_letters_with_unusual_case_folding_are_left_out_of_a_unicode_gate() -> None:
    # Under a Unicode IGNORECASE "s" matches "ſ" (long s), whose lower case is not
    # "s": the gate must not require an "s" the lowered text does not have.
    pattern = re.compile(r"(?i)besides")
    assert pattern.search("beſides")
    assert gated(pattern).search("beſides")
    # With re.ASCII only ASCII letters fold: "s" is safe there.
    ascii_gate = literal_gate(re.compile(r"(?i)besides", re.ASCII))
    assert ascii_gate is not None and ascii_gate.literals == {"besides"}


def test_a_gate_that_rules_a_match_out_skips_the_pattern() -> None:
    gated_pattern = GatedPattern(re.compile(r"(?:[^\s]+\s+){0,2}[^\s]+\s*(?:말고|빼고)"))
    assert gated_pattern.gate is not None
    assert gated_pattern.sub(" ", "석사 학위 필요해요?") == "석사 학위 필요해요?"
    assert gated_pattern.sub(" ", "데싸 말고 RS 궁금") == "  RS 궁금"


def test_one_gate_for_several_patterns_admits_what_any_of_them_may_match() -> None:
    patterns = [gated(re.compile(r"\bpay\b")), gated(re.compile(r"주식|코인"))]
    gate = any_gate(patterns)
    assert gate is not None
    assert gate.admits("what is the pay") and gate.admits("코인 해요")
    assert not gate.admits("석사 필요해요?")
    assert any_gate([*patterns, gated(re.compile(r"\w+"))]) is None


def _texts() -> list[str]:
    """Texts that contain the patterns' literals in many surroundings, and the
    catalog's own sentences (which mostly contain none)."""
    texts: list[str] = []
    for entry in load_catalog():
        for lang in ("ko", "en"):
            text = entry.text(lang)
            texts.extend(re.split(r"(?<=[.?!])\s+", " ".join([text.title, text.summary])))
    literals: set[str] = set()
    for pattern in _intent_patterns():
        if pattern.gate is not None:
            literals |= pattern.gate.literals
    for literal in sorted(literals):
        for around in ("{}", "석사 {} 필요해요?", "do I {} need a PhD", "{}요 말고 뭐가 달라?",
                       "A형이랑 {} 뭐가 달라", "how much {} 얼마나 받아요"):
            texts.append(around.format(literal))
            texts.append(around.format(literal.upper()))
            texts.append(around.format(literal.replace("s", "ſ")))
    return texts


def _intent_patterns() -> list[GatedPattern]:
    patterns = intent._patterns()
    return [
        patterns.ko_polite, patterns.en_polite, patterns.ko_negated, patterns.en_negated,
        patterns.compared_type, patterns.about_bot, patterns.distress,
        *(pattern for _, pattern in patterns.off_topic),
        *(pattern for pattern, _ in patterns.intent_cues),
    ]


def test_gated_question_patterns_find_exactly_what_the_patterns_find() -> None:
    texts = _texts()
    patterns = _intent_patterns()
    assert sum(pattern.gate is not None for pattern in patterns) >= len(patterns) - 1
    for pattern in patterns:
        for text in (*texts, *(text.lower() for text in texts)):
            found = pattern.pattern.search(text)
            gated_found = pattern.search(text)
            assert (found and found.span()) == (gated_found and gated_found.span()), (
                pattern.pattern.pattern[:60], text)
            assert pattern.sub(" ", text) == pattern.pattern.sub(" ", text)
    groups = [(intent._patterns().off_topic_gate, [p for _, p in intent._patterns().off_topic]),
              (intent._patterns().intent_cues_gate, [p for p, _ in intent._patterns().intent_cues])]
    for gate, members in groups:
        assert gate is not None
        for text in texts:
            lowered = text.lower()
            if any(member.pattern.search(lowered) for member in members):
                assert gate.admits(lowered), text


def test_abbreviations_are_expanded_as_by_the_pattern_with_phrases() -> None:
    from content.colloquial import EXPANSIONS

    expander = intent._patterns().expander
    phrases = [key for key in EXPANSIONS if " " in key]
    assert phrases
    texts = [*_texts()]
    for phrase in phrases:
        for around in ("{}", "{} 되려면?", "as a {}, what next", "저는{}인데요"):
            for written in (phrase, phrase.upper(), phrase.replace(" ", ""), phrase.title()):
                texts.append(around.format(written))
    for text in texts:
        assert expander.expand(text) == expander.pattern.sub(expander._replace, text), text
