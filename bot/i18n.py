"""One message catalog for every user-facing text, in Korean and English.

Texts live in ``bot/texts/<area>.py`` modules, each exporting ``MESSAGES``: a dict
from a dotted key to ``{"ko": ..., "en": ...}``. ``load_catalog()`` gathers every
module once at start-up; a key defined twice, or missing a language, is an error.
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Mapping
from typing import Any, Literal, cast

from bot.korean import PARTICLES, fill

Lang = Literal["ko", "en"]
LANGUAGES: tuple[Lang, ...] = ("ko", "en")


def parse_lang(value: str) -> Lang:
    """Return ``value`` as a language code, or raise ValueError naming the accepted ones."""
    if value not in LANGUAGES:
        raise ValueError(f"unknown language {value!r}; accepted: {', '.join(LANGUAGES)}")
    return cast(Lang, value)


def language_for(locale: str | None, *, forced: str | None = None, fallback: Lang = "en") -> Lang:
    """Pick the reply language: a guild's forced language wins, then the member's
    locale (any ``ko`` locale means Korean, any other locale English), then ``fallback``
    when the platform gave no locale at all."""
    if forced in LANGUAGES:
        return cast(Lang, forced)
    if locale:
        return "ko" if locale.lower().startswith("ko") else "en"
    return fallback


class Catalog:
    """Looks up and formats texts by key and language."""

    def __init__(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        for key, texts in messages.items():
            missing = [lang for lang in LANGUAGES if not texts.get(lang)]
            if missing:
                raise ValueError(f"message {key!r} has no text for {', '.join(missing)}")
            fields = {lang: _placeholders(texts[lang]) for lang in LANGUAGES}
            if fields["ko"] != fields["en"]:
                raise ValueError(f"message {key!r} uses different placeholders per language")
        self._messages = dict(messages)

    def __contains__(self, key: object) -> bool:
        return key in self._messages

    def keys(self) -> list[str]:
        return sorted(self._messages)

    def t(self, key: str, lang: Lang, /, **params: Any) -> str:
        """The text for ``key`` in ``lang`` with ``params`` filled in."""
        try:
            template = self._messages[key][lang]
        except KeyError:
            raise KeyError(f"no message {key!r}") from None
        return fill(template, params) if params else template


def _placeholders(template: str) -> set[str]:
    """The fields a template needs filled in (particle fields are chosen, not given)."""
    return {field for _, field, _, _ in string.Formatter().parse(template)
            if field and field not in PARTICLES}


def load_catalog() -> Catalog:
    """Gather ``MESSAGES`` from every module in ``bot.texts``."""
    import bot.texts as package

    merged: dict[str, Mapping[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise ValueError(f"message {key!r} is defined twice (again in {info.name})")
            merged[key] = texts
    return Catalog(merged)
