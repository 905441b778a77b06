"""Reading a typed console line: ``/round-admin create name:"Spring 2027" ...``.

Words are split on spaces; double quotes keep spaces inside one word. A word
``name:value`` sets the option ``name`` when the command has one by that name;
other words fill the options in order, and an option marked ``rest`` takes the
rest of the line as typed (so ``/ask Do I need a master's degree?`` keeps its
apostrophe). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.errors import UserFacingError


@dataclass(frozen=True)
class Param:
    """One option of a console command."""

    name: str
    required: bool = False
    rest: bool = False  # takes the remainder of the line, spaces and all


@dataclass(frozen=True)
class Word:
    """A word of the line and where the raw text after its start begins."""

    text: str
    start: int
    quoted: bool = False


_NAMED = re.compile(r"^([a-z_]+):(.*)$", re.DOTALL)


def split_words(line: str) -> list[Word]:
    """The words of ``line``; ``"…"`` keeps spaces (also after ``name:``)."""
    words: list[Word] = []
    i, n = 0, len(line)
    while i < n:
        if line[i].isspace():
            i += 1
            continue
        start = i
        chunk: list[str] = []
        quoted = False
        while i < n and not line[i].isspace():
            if line[i] == '"':
                end = line.find('"', i + 1)
                if end < 0:
                    raise UserFacingError("console.error.quote")
                chunk.append(line[i + 1 : end])
                quoted = True
                i = end + 1
            else:
                chunk.append(line[i])
                i += 1
        words.append(Word("".join(chunk), start, quoted))
    return words


def bind(params: tuple[Param, ...], line: str, usage: str) -> dict[str, str]:
    """The options of ``params`` read from ``line`` (the text after the command).
    A missing required option raises ``console.error.usage``, a word no option
    takes ``console.error.extra``; both name ``usage``."""
    by_name = {param.name: param for param in params}
    words = split_words(line)

    def option(index: int) -> str | None:
        word = words[index]
        # A word that opens with a quote is never an option name ("a:b" stays text).
        found = None if line[word.start] == '"' else _NAMED.match(word.text)
        return found.group(1) if found and found.group(1) in by_name else None

    def run_end(index: int) -> int:
        """The index after the words from ``index`` up to the next option word."""
        end = index + 1
        while end < len(words) and option(end) is None:
            end += 1
        return end

    values: dict[str, str] = {}
    positional: list[int] = []
    i = 0
    while i < len(words):
        name = option(i)
        if name is None or name in values:
            positional.append(i)
            i += 1
            continue
        end = run_end(i) if by_name[name].rest else i + 1
        value = words[i].text[len(name) + 1 :]
        if end > i + 1:
            value = _raw(line, words[i].start + len(name) + 1, words[end - 1])
        values[name] = value.strip()
        i = end
    free = [param for param in params if param.name not in values]
    for param in free:
        if not positional:
            break
        first = positional.pop(0)
        if param.rest:
            end = run_end(first)
            values[param.name] = (
                words[first].text if end == first + 1 else _raw(line, words[first].start,
                                                                 words[end - 1])
            )
            positional = [index for index in positional if index >= end]
        else:
            values[param.name] = words[first].text
    if positional:
        extra = words[positional[0]].text[:40]
        raise UserFacingError("console.error.extra", usage=usage, extra=extra)
    if any(p.required and not values.get(p.name) for p in params):
        raise UserFacingError("console.error.usage", usage=usage)
    return values


def _raw(line: str, start: int, last: Word) -> str:
    """The line from ``start`` to the end of the word ``last``, as typed."""
    return line[start : last.start + _typed_length(line[last.start :])].strip()


def _typed_length(text: str) -> int:
    """How many characters the first word of ``text`` takes as typed, quotes included."""
    i, n = 0, len(text)
    while i < n and not text[i].isspace():
        if text[i] == '"':
            close = text.find('"', i + 1)
            i = (close + 1) if close >= 0 else n
        else:
            i += 1
    return i


def split_command(line: str) -> tuple[str, str]:
    """``/name`` (lower case, without the slash) and the rest of the line."""
    head, _, rest = line.strip().partition(" ")
    return head.lstrip("/").lower(), rest.strip()


_OFFSET = re.compile(r"^\+\s*(\d{1,4})\s*(w|d|h|m|min|주|일|시간|분)$", re.IGNORECASE)
_UNITS = {
    "w": timedelta(weeks=1), "주": timedelta(weeks=1),
    "d": timedelta(days=1), "일": timedelta(days=1),
    "h": timedelta(hours=1), "시간": timedelta(hours=1),
    "m": timedelta(minutes=1), "min": timedelta(minutes=1), "분": timedelta(minutes=1),
}
_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$")


def clock_target(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """Where ``/clock`` should move to: ``+1d``, ``+2h``, ``+30m``, ``+1w`` (or
    ``+1일`` …) from ``now``, or a local ``YYYY-MM-DD [HH:MM]`` in ``zone``. Only
    forward: the simulated clock never goes back."""
    typed = " ".join(text.split())
    offset = _OFFSET.match(typed)
    if offset:
        target = now + int(offset.group(1)) * _UNITS[offset.group(2).lower()]
    else:
        moment = _MOMENT.match(typed)
        if moment is None:
            raise UserFacingError("console.error.clock", value=typed[:40])
        try:
            day = datetime.fromisoformat(moment.group(1))
            target = day.replace(
                hour=int(moment.group(2) or 0), minute=int(moment.group(3) or 0), tzinfo=zone
            )
        except ValueError:
            raise UserFacingError("console.error.clock", value=typed[:40]) from None
    if target < now:
        raise UserFacingError("console.error.clock_back")
    return target


_NAME = re.compile(r"^[\w.-]{1,32}$")


def person(token: str) -> str:
    """A console member's id from ``@name``, ``<@name>`` or ``name``."""
    name = token.strip().removeprefix("<").removesuffix(">").lstrip("@")
    if not _NAME.match(name):
        raise UserFacingError("console.error.name", value=token[:40] or "-")
    return name


def channel(token: str) -> str:
    """A console channel's id from ``#name``, ``<#name>`` or ``name``."""
    name = token.strip().removeprefix("<").removesuffix(">").lstrip("#")
    if not _NAME.match(name):
        raise UserFacingError("console.error.channel", value=token[:40] or "-")
    return name.lower()


def number(text: str, *, low: int, high: int) -> int:
    """A whole number in ``low..high`` (``#3`` is 3)."""
    typed = text.strip().lstrip("#")
    if not (typed.isascii() and typed.isdigit() and len(typed) <= 18):
        raise UserFacingError("error.bad_option", value=text[:40])
    value = int(typed)
    if not low <= value <= high:
        raise UserFacingError("error.bad_option", value=text[:40])
    return value
