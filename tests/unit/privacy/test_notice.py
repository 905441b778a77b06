"""PRIVACY.md is the notice /privacy shows; the cool-down keeps its word."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.i18n import load_catalog
from bot.privacy.cooldown import Cooldown
from bot.privacy.notice import SECTIONS, notice_sections, privacy_markdown

PRIVACY_MD = Path(__file__).resolve().parents[3] / "PRIVACY.md"


def test_privacy_md_is_the_notice_the_commands_show() -> None:
    texts = load_catalog()
    assert PRIVACY_MD.read_text(encoding="utf-8") == privacy_markdown(texts), (
        "PRIVACY.md is out of date: run `studybot data privacy-md`")
    for lang in ("ko", "en"):
        for title, body in notice_sections(texts, lang, 30):
            assert f"## {title}\n\n{body}\n" in PRIVACY_MD.read_text(encoding="utf-8")


def test_notice_sections_fit_an_embed_field_and_name_the_grace_period() -> None:
    texts = load_catalog()
    for lang in ("ko", "en"):
        sections = notice_sections(texts, lang, 7)
        assert len(sections) == len(SECTIONS)
        assert all(len(body) <= 1024 and len(title) <= 256 for title, body in sections)
        assert sum(len(t) + len(b) for t, b in sections) < 5500
        retention = dict(sections)[texts.t("privacy.notice.retention.title", lang)]
        assert ("7일 뒤" if lang == "ko" else "7 days later") in retention


def test_cooldown_counts_uses_within_the_window() -> None:
    clock = ManualClock(datetime(2026, 11, 23, 12, tzinfo=UTC))
    cooldown = Cooldown(clock, timedelta(hours=1), limit=2)
    assert cooldown.wait_seconds("a") == 0
    cooldown.use("a")
    clock.advance(timedelta(minutes=10))
    cooldown.use("a")
    assert cooldown.wait_seconds("a") == 50 * 60, "until the first use is an hour old"
    assert cooldown.wait_seconds("b") == 0, "keys are separate"
    clock.advance(timedelta(minutes=50))
    assert cooldown.wait_seconds("a") == 0
