"""Reading typed console lines: options in order or by name, quotes, the rest of
the line, clock moves; and the command table's names."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.console.commands import CommandTable
from bot.console.handlers import DEFAULTS, all_commands
from bot.console.parsing import Param, bind, channel, clock_target, person
from bot.core.errors import UserFacingError
from bot.i18n import load_catalog

REMIND = (Param("when", required=True), Param("message", required=True, rest=True),
          Param("channel"), Param("ping"))
SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # 10:00 in Seoul


def test_options_in_order_keep_the_rest_of_the_line_as_typed() -> None:
    assert bind(REMIND, '"every mon 20:00" Read it, don\'t skim! channel:#study', "u") == {
        "when": "every mon 20:00", "message": "Read it, don't skim!", "channel": "#study"}
    assert bind((Param("q", rest=True),), "RS 되려면  박사 필요해?", "u") == {
        "q": "RS 되려면  박사 필요해?"}


def test_options_by_name_in_any_order() -> None:
    assert bind(REMIND, 'ping:study-group message:"hi there" when:"내일 9:00"', "u") == {
        "ping": "study-group", "message": "hi there", "when": "내일 9:00"}
    # A quoted word is never an option name, and unknown names are plain text.
    assert bind((Param("q", rest=True),), '"when:now" https://example.org', "u") == {
        "q": '"when:now" https://example.org'}


def test_missing_or_extra_words_name_the_usage() -> None:
    with pytest.raises(UserFacingError) as missing:
        bind(REMIND, '"every mon 20:00"', "/remind add <when> <message…>")
    assert missing.value.key == "console.error.usage"
    assert missing.value.params == {"usage": "/remind add <when> <message…>"}
    with pytest.raises(UserFacingError) as extra:
        bind((Param("topic", required=True),), "faq.1 faq.2", "/faq show <topic>")
    assert (extra.value.key, extra.value.params["extra"]) == ("console.error.extra", "faq.2")
    with pytest.raises(UserFacingError) as unclosed:
        bind(REMIND, '"every mon', "u")
    assert unclosed.value.key == "console.error.quote"


@pytest.mark.parametrize(("typed", "expected"), [
    ("+1d", datetime(2026, 12, 8, 1, 0, tzinfo=UTC)),
    ("+2h", datetime(2026, 12, 7, 3, 0, tzinfo=UTC)),
    ("+30m", datetime(2026, 12, 7, 1, 30, tzinfo=UTC)),
    ("+1w", datetime(2026, 12, 14, 1, 0, tzinfo=UTC)),
    ("+3일", datetime(2026, 12, 10, 1, 0, tzinfo=UTC)),
    ("2026-12-10 19:00", datetime(2026, 12, 10, 10, 0, tzinfo=UTC)),
    ("2026-12-10", datetime(2026, 12, 9, 15, 0, tzinfo=UTC)),
])
def test_clock_moves(typed: str, expected: datetime) -> None:
    assert clock_target(typed, NOW, SEOUL) == expected


@pytest.mark.parametrize(("typed", "key"), [
    ("-1d", "console.error.clock"),
    ("tomorrow", "console.error.clock"),
    ("2026-02-30 10:00", "console.error.clock"),
    ("2026-12-01 10:00", "console.error.clock_back"),
])
def test_clock_refuses(typed: str, key: str) -> None:
    with pytest.raises(UserFacingError) as refused:
        clock_target(typed, NOW, SEOUL)
    assert refused.value.key == key


def test_names_and_channels() -> None:
    assert person("@지수") == "지수" and person("<@alice>") == "alice"
    assert channel("#Study") == "study" and channel("<#news>") == "news"
    with pytest.raises(UserFacingError):
        person("two words")
    with pytest.raises(UserFacingError):
        channel("#")


def test_the_table_finds_english_and_korean_names_and_defaults() -> None:
    texts = load_catalog()
    table = CommandTable(all_commands(), texts, DEFAULTS)
    names = [command.name for command in table.commands]
    assert len(names) == len(set(names))
    found = table.find("/라운드 참여")
    assert found is not None and found[0].name == "round join"
    found = table.find("/streak")
    assert found is not None and found[0].name == "streak show"
    found = table.find("/round-admin paper-add Attention url:https://arxiv.org/abs/1706.03762")
    assert found is not None and found[0].name == "round-admin paper-add"
    assert table.find("/round nonsense") is None
    assert table.canonical("라운드") == "round" and table.canonical("streak") == "streak"
    # Every console command has a one-line description in both languages.
    missing = [c.name for c in table.commands if c.description_key(texts) is None]
    assert missing == []
