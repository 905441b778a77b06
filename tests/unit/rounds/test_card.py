"""The shared round card's line cutting (the card itself is covered end to end on
Discord and Slack)."""

from __future__ import annotations

from bot.rounds.card import cut_lines


def test_whole_lines_fit_and_an_ellipsis_marks_the_cut() -> None:
    lines = ["a" * 10, "b" * 10, "c" * 10]
    assert cut_lines(lines, 100) == "\n".join(lines)
    cut = cut_lines(lines, 25)
    assert cut == "a" * 10 + "\n" + "b" * 10 + "\n…"
    assert len(cut) <= 25
    assert cut_lines(lines, 20) == "a" * 10 + "\n…"


def test_no_lines_read_as_a_dash() -> None:
    assert cut_lines([], 100) == "—"
    assert cut_lines(["x" * 200], 50) == "…"
