"""A cheap test run before a costly pattern: ``gated(pattern)``.

The patterns that read a question (``content.intent``) are long alternations,
many starting with a look-behind or ``\\b``, so Python's regex engine tries
every alternative at every position of the question. Nearly every question
matches none of them. Each match of such a pattern contains one of a few
literal strings ("말고", "salary", ...); a pattern made of those literals alone
is scanned far faster, and when it finds none the costly pattern cannot match
and is not run. The literals are read from the pattern's own parse tree, so a
gate never has to be kept in step with its pattern by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The parse tree re compiles from, and its opcodes (private modules: typeshed
# has no stubs for them; an unreadable pattern just gets no gate).
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

# Under a Unicode IGNORECASE, "i" and "s" also match ı and ſ, whose lower case
# is not "i" or "s": a gate that looks for them in lowered text could miss a match.
_UNICODE_FOLDS = frozenset("iIsS")
# A character class of at most this many single characters still makes a gate.
_CLASS_LIMIT = 4
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


@dataclass(frozen=True)
class LiteralGate:
    """Text a pattern may match contains one of ``literals`` (lower-cased, and
    looked for in lower-cased text, when ``folded``)."""

    literals: frozenset[str]
    folded: bool
    _scan: re.Pattern[str]

    def admits(self, text: str) -> bool:
        """False only when ``text`` cannot contain a match of the gated pattern."""
        return self._scan.search(text.lower() if self.folded else text) is not None


def literal_gate(pattern: re.Pattern[str]) -> LiteralGate | None:
    """The gate of ``pattern``, or None when some match may contain no literal
    (a pattern like ``\\w+``) or the pattern cannot be read."""
    try:
        parsed = sre_parser.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, AttributeError):  # a bytes pattern, or a changed parser
        return None
    flags = parsed.state.flags
    folded = _has_ignorecase(parsed, flags)
    reader = _Reader(folded=folded, ascii_only=bool(flags & re.ASCII))
    literals = reader.factors(list(parsed), bool(flags & re.IGNORECASE))
    if not literals or "" in literals:
        return None
    return _gate(frozenset(literals), folded)


def _gate(literals: frozenset[str], folded: bool) -> LiteralGate:
    scan = re.compile("|".join(re.escape(text) for text in sorted(literals)))
    return LiteralGate(literals, folded, scan)


class GatedPattern:
    """``pattern``'s ``search`` and ``sub``, skipped when its gate rules a match out."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.gate = literal_gate(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        if not admits(self.gate, text):
            return None
        return self.pattern.search(text)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        if not admits(self.gate, text):
            return text
        return self.pattern.sub(replacement, text)


def admits(gate: LiteralGate | None, text: str) -> bool:
    """False only when ``gate`` rules a match in ``text`` out (no gate rules nothing out)."""
    return gate is None or gate.admits(text)


def any_gate(patterns: Iterable[GatedPattern]) -> LiteralGate | None:
    """One gate for several patterns: it admits text any of them may match (None
    when one of them has no gate, or they fold case differently)."""
    gates = [pattern.gate for pattern in patterns]
    if not gates or any(gate is None for gate in gates):
        return None
    folded = {gate.folded for gate in gates if gate is not None}
    if len(folded) != 1:
        return None
    literals = frozenset().union(*(gate.literals for gate in gates if gate is not None))
    return _gate(literals, folded.pop())


def gated(pattern: re.Pattern[str]) -> GatedPattern:
    """``pattern`` behind its literal gate (see the module docstring)."""
    return GatedPattern(pattern)


@dataclass(frozen=True)
class _Reader:
    """Finds, in a parse tree, strings one of which every match contains."""

    folded: bool  # the gate lower-cases text and literals
    ascii_only: bool  # the pattern's IGNORECASE folds ASCII letters only

    def factors(self, items: Iterable[tuple[Any, Any]], ignore_case: bool) -> set[str] | None:
        """For a sequence of parse items: the best of its elements' sets, or None."""
        candidates: list[set[str]] = []
        run: list[str] = []

        def end_run() -> None:
            if run:
                candidates.append({"".join(run)})
                run.clear()

        for op, value in items:
            if op is sre.LITERAL and (char := self._usable(chr(value), ignore_case)):
                run.append(char)
                continue
            end_run()
            found = self._item(op, value, ignore_case)
            if found:
                candidates.append(found)
        end_run()
        if not candidates:
            return None
        # The set whose shortest string is longest rules out the most text.
        return max(candidates, key=lambda texts: (min(map(len, texts)), -len(texts)))

    def _item(self, op: Any, value: Any, ignore_case: bool) -> set[str] | None:
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, items = value
            inner = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (
                del_flags & re.IGNORECASE)
            return self.factors(items, inner)
        if op is sre.BRANCH:
            union: set[str] = set()
            for branch in value[1]:
                found = self.factors(branch, ignore_case)
                if not found:
                    return None  # this alternative may match without a literal
                union |= found
            return union
        if op in _REPEATS:
            minimum, _maximum, items = value
            return self.factors(items, ignore_case) if minimum >= 1 else None
        if op is getattr(sre, "ATOMIC_GROUP", None):
            return self.factors(value, ignore_case)
        if op is sre.IN:
            return self._class(value, ignore_case)
        return None  # anchors, look-arounds, ".", negated or ranged classes: no literal

    def _class(self, members: list[tuple[Any, Any]], ignore_case: bool) -> set[str] | None:
        if len(members) > _CLASS_LIMIT or any(op is not sre.LITERAL for op, _ in members):
            return None
        chars = {self._usable(chr(value), ignore_case) for _, value in members}
        return None if "" in chars else chars

    def _usable(self, char: str, ignore_case: bool) -> str:
        """``char`` as the gate looks for it, or "" when it cannot be looked for."""
        if char.lower() == char.upper():  # no case: Hangul, digits, punctuation
            return char
        if not char.isascii():
            return "" if self.folded else char
        if ignore_case and not self.ascii_only and char in _UNICODE_FOLDS:
            return ""
        return char.lower() if self.folded else char


def _has_ignorecase(items: Iterable[tuple[Any, Any]], flags: int) -> bool:
    if flags & re.IGNORECASE:
        return True
    for op, value in items:
        if op is sre.SUBPATTERN:
            if value[1] & re.IGNORECASE or _has_ignorecase(value[3], 0):
                return True
        elif op is sre.BRANCH:
            if any(_has_ignorecase(branch, 0) for branch in value[1]):
                return True
        elif op in _REPEATS:
            if _has_ignorecase(value[2], 0):
                return True
        elif op is getattr(sre, "ATOMIC_GROUP", None) and _has_ignorecase(value, 0):
            return True
    return False
