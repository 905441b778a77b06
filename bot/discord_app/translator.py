"""Slash command names and descriptions from the catalog: the English default
and, through ``CatalogTranslator``, the Korean localisation."""

from __future__ import annotations

from functools import cache

import discord
from discord import app_commands

from bot.i18n import Catalog, load_catalog


@cache
def _catalog() -> Catalog:
    """The message catalog, read once, when the first command is declared."""
    return load_catalog()


def localized(key: str) -> app_commands.locale_str:
    """A command name or description: catalog ``key`` in English, whose Korean the
    translator gives. The English is written once, in ``bot/texts``."""
    return app_commands.locale_str(_catalog().t(key, "en"), key=key)


class CatalogTranslator(app_commands.Translator):
    """Answers Discord's Korean locale from the message catalog; other locales keep
    the English default."""

    def __init__(self, texts: Catalog) -> None:
        self._texts = texts

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale is not discord.Locale.korean:
            return None
        key = string.extras.get("key")
        naming_option = context.location is app_commands.TranslationContextLocation.parameter_name
        if key is None and naming_option:
            # Option names carry no key: each has one Korean name (bot/texts/options.py).
            key = f"option.{string.message}"
        return self._texts.t(key, "ko") if key and key in self._texts else None
