"""The message catalog: every text in both languages, locales mapped correctly."""

from __future__ import annotations

import re

import pytest

from bot.i18n import Catalog, language_for, load_catalog

# Discord's rule for command and option names (lower case where the script has case).
COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")


def test_catalog_loads_with_both_languages() -> None:
    catalog = load_catalog()
    assert "error.unexpected" in catalog
    for key in catalog.keys():
        assert catalog._messages[key]["ko"] and catalog._messages[key]["en"]


def test_command_name_translations_are_valid_discord_names() -> None:
    catalog = load_catalog()
    names = [key for key in catalog.keys() if key.startswith("cmd.") and key.endswith(".name")]
    assert names, "command names should be localised"
    for key in names:
        korean = catalog.t(key, "ko")
        assert COMMAND_NAME.match(korean) and korean == korean.lower(), key


def test_missing_language_or_mismatched_placeholders_rejected() -> None:
    with pytest.raises(ValueError, match="no text for en"):
        Catalog({"a": {"ko": "가"}})
    with pytest.raises(ValueError, match="different placeholders"):
        Catalog({"a": {"ko": "{n}개", "en": "{count} items"}})


@pytest.mark.parametrize(
    ("locale", "forced", "expected"),
    [("ko", None, "ko"), ("en-US", None, "en"), ("ja", None, "en"), ("ko", "en", "en"),
     ("en-GB", "ko", "ko"), (None, None, "en")],
)
def test_language_choice(locale: str | None, forced: str | None, expected: str) -> None:
    assert language_for(locale, forced=forced) == expected
