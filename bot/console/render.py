"""Replies and channel posts as terminal text.

A titled block is drawn with a left rule, fields as indented sections, choices as
``[1] label``; files are written to the console's folder and their path shown.
Mentions (``<@id>``, ``<#id>``) read as ``@id`` and ``#id``; Markdown bold marks
are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from bot.console.replies import FileOut, Reply

_MENTION = re.compile(r"<([@#])&?([^<>\s|]{1,64})>")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def plain(text: str) -> str:
    """The bot's Markdown and mentions as they read in a terminal."""
    return _BOLD.sub(r"\1", _MENTION.sub(r"\1\2", text))


def block(reply: Reply) -> list[str]:
    """The lines of a reply's titled block (or its plain text when untitled)."""
    if reply.title is None:
        return plain(reply.text).splitlines() if reply.text else []
    lines = [f"┌─ {plain(reply.title)}" if reply.title else "┌─"]
    body = [*(plain(reply.text).splitlines() if reply.text else [])]
    for name, value in reply.fields:
        body += ["", f"■ {plain(name)}", *(f"  {line}" for line in plain(value).splitlines())]
    if reply.footer:
        body += ["", *(f"· {line}" for line in plain(reply.footer).splitlines())]
    lines += [f"│ {line}".rstrip() for line in body]
    lines.append("└─")
    return lines


def choice_line(reply: Reply) -> str | None:
    """``[1] going · 0   [2] maybe · 0`` for a reply with choices."""
    if not reply.choices:
        return None
    return "   ".join(f"[{n}] {plain(c.label)}" for n, c in enumerate(reply.choices, 1))


def save_files(files: tuple[FileOut, ...], folder: Path) -> list[Path]:
    """Write ``files`` into ``folder`` (created when missing); an existing file of the
    same name gets a numbered sibling instead of being overwritten."""
    if files:
        folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for item in files:
        name = Path(item.filename).name or "file"
        target = folder / name
        stem, suffix = target.stem, target.suffix
        counter = 2
        while target.exists():
            target = folder / f"{stem}-{counter}{suffix}"
            counter += 1
        target.write_bytes(item.content)
        saved.append(target)
    return saved


def render(reply: Reply, folder: Path, t: Callable[..., str]) -> list[str]:
    """Every line a reply prints: note, block, choices, saved files (``t`` is the
    catalog in the reader's language)."""
    lines = [*plain(reply.note).splitlines()] if reply.note else []
    lines += block(reply)
    choices = choice_line(reply)
    if choices:
        lines += [choices, t("console.choices_hint")]
    for path in save_files(reply.files, folder):
        lines.append(t("console.file_saved", path=str(path)))
    return lines
