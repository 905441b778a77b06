"""The privacy notice: shown by /privacy and written to PRIVACY.md from the same
catalog texts, so the two never differ."""

from __future__ import annotations

from bot.i18n import LANGUAGES, Catalog, Lang

SECTIONS = ("stored", "purpose", "retention", "visibility", "rights", "limits")
DEFAULT_GRACE_DAYS = 30


def notice_sections(texts: Catalog, lang: Lang, grace_days: float) -> list[tuple[str, str]]:
    """(title, body) of every section in ``lang``; bodies are Markdown."""
    days = f"{grace_days:g}"
    return [
        (texts.t(f"privacy.notice.{name}.title", lang),
         texts.t(f"privacy.notice.{name}", lang, grace_days=days)
         if name == "retention" else texts.t(f"privacy.notice.{name}", lang))
        for name in SECTIONS
    ]


def privacy_markdown(texts: Catalog, grace_days: float = DEFAULT_GRACE_DAYS) -> str:
    """PRIVACY.md: the notice in Korean, then in English (default grace period)."""
    out = ["<!-- Generated from bot/texts/privacy.py by `studybot data privacy-md`; "
           "tests/unit/privacy/test_notice.py keeps it in step. -->", ""]
    for lang in LANGUAGES:
        out += [f"# {texts.t('privacy.notice.title', lang)}", ""]
        for title, body in notice_sections(texts, lang, grace_days):
            out += [f"## {title}", "", body, ""]
    return "\n".join(out)
