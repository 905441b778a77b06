"""Korean that reads as written by a person (issue 14): every Korean text in
bot/texts is scanned for English fragments, for particles written both ways
(``을(를)``: a person picks one; templates use the ``{을}`` fields), and for English
command names where the command has a Korean one.

What may stay in Latin letters is listed here, explicitly and narrowly: what a
member types (code spans, command syntax in the console and Slack usage texts),
placeholders, mentions and links, time zone names, and the proper nouns and
technical terms below."""

from __future__ import annotations

import importlib
import pkgutil
import re

import bot.texts

# Proper nouns, file formats and technical terms a Korean reader sees in Latin
# letters too; each is here because a text uses it.
ALLOWED = frozenset({
    # names
    "studybot", "Discord", "Slack", "English",
    # formats and technical terms
    "JSON", "CSV", "zip", "Markdown", "ics", "md", "csv", "http", "https", "cron", "ID",
    "DM", "UTC", "ms", "YYYY-MM-DD",
    # the catalog's own terms: FAQ and Q&A, AI, the SOTA review, R/A/E/D player types
    "FAQ", "Q", "A", "AI", "SOTA", "R", "E", "D",
    # values a member types or picks, quoted as typed (session kinds, presenter
    # modes, Slack ping targets, Slack user group ids start with S)
    "paper", "sota", "rotate", "assign", "here", "channel", "S",
    # "n번째 세션마다": a count, as in the option it explains
    "n",
})
_TIME_ZONE = re.compile(r"\b[A-Z][a-z]+/[A-Za-z_]+")
# Command syntax as the member types it: the command, then its lowercase words,
# <placeholders>, [options] and values such as +1d or 2026-12-10.
_COMMAND = re.compile(
    r"/[a-z][a-z-]*(?:\s+(?:[a-z][a-z-]*|<[^>]*>|\[[^\]]*\]|[+\d][\w:.-]*))*")
_PARTICLES_BOTH_WAYS = re.compile(r"을\(를\)|를\(을\)|\(으\)로|은\(는\)|는\(은\)|이\(가\)|가\(이\)|"
                                  r"와\(과\)|과\(와\)")
_COMMAND_SPAN = re.compile(r"`/([a-z][a-z-]*)(?: ([a-z][a-z-]*))?")


def korean_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for module in pkgutil.iter_modules(bot.texts.__path__):
        messages = getattr(importlib.import_module(f"bot.texts.{module.name}"), "MESSAGES", {})
        texts.update({key: value["ko"] for key, value in messages.items()
                      if isinstance(value, dict) and "ko" in value})
    return texts


def english_fragments(key: str, text: str) -> list[str]:
    text = re.sub(r"`[^`]*`", " ", text)  # what a member types
    text = re.sub(r"\{[^}]*\}", " ", text)  # placeholders
    text = re.sub(r"<[^>]*>|https?://\S+", " ", text)  # mentions, links
    text = _TIME_ZONE.sub(" ", text)
    text = text.replace("@everyone", " ").replace("Q&A", " ")
    if key.startswith(("console.", "slack.usage.")):
        text = _COMMAND.sub(" ", text)
    if key.startswith("cmd.") and key.endswith(".name"):
        return []  # a command's own name (`/faq`) is what members type
    words = re.findall(r"[A-Za-z][A-Za-z-]*(?:-[A-Z]+)*", text)
    return [word for word in words if word not in ALLOWED
            and word.rstrip("-") not in ALLOWED and not re.fullmatch(r"Y+-M+-D+", word)]


def test_korean_texts_have_no_stray_english() -> None:
    found = {key: words for key, text in korean_texts().items()
             if (words := english_fragments(key, text))}
    assert found == {}, f"English in Korean texts (translate, or quote what is typed): {found}"


def test_particles_are_chosen_not_written_both_ways() -> None:
    found = [key for key, text in korean_texts().items() if _PARTICLES_BOTH_WAYS.search(text)]
    assert found == [], f"use the {{을}}/{{은}}/{{으로}} fields instead: {found}"


def test_korean_texts_name_korean_command_names() -> None:
    texts = korean_texts()
    every = {}
    for module in pkgutil.iter_modules(bot.texts.__path__):
        every.update(getattr(importlib.import_module(f"bot.texts.{module.name}"), "MESSAGES", {}))

    def korean_name(*parts: str) -> str | None:
        entry = every.get("cmd." + ".".join(parts) + ".name")
        name = entry.get("ko") if isinstance(entry, dict) else None
        return name if name and name != parts[-1] else None

    found = []
    for key, text in texts.items():
        # Slack's and the console's usage texts name what is typed there; the privacy
        # notice is one text for Discord, Slack and PRIVACY.md, so it names the
        # English commands, which work on both.
        if key.startswith(("slack.", "console.", "cmd.", "privacy.notice.")):
            continue
        for command, sub in _COMMAND_SPAN.findall(text):
            if korean_name(command) or (sub and korean_name(command, sub)):
                found.append((key, f"/{command} {sub}".strip()))
    assert found == [], f"Korean texts should name the Korean command: {found}"


def test_the_scan_catches_what_it_is_for() -> None:
    assert english_fragments("x", "알림을 save했어요") == ["save"]
    assert english_fragments("x", "`/remind add`로 만들어요 · {id} · Asia/Seoul") == []
    assert _PARTICLES_BOTH_WAYS.search("주제을(를) 골라요")
