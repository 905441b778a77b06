"""Times for readers in other zones: the server-zone text every platform shows,
followed by the front end's own rendering of the instant in each reader's zone
(Discord's ``<t:…>`` tokens), where the platform has one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Lang
from bot.schedules.parse import format_local

# How a front end shows an instant in each reader's own zone; None where it cannot.
ReaderTime = Callable[[datetime], str]


def when_text(moment: datetime, zone: ZoneInfo, lang: Lang,
              reader_time: ReaderTime | None = None) -> str:
    """``2026-12-03(목) 20:00``, followed by ``reader_time``'s rendering when given."""
    local = format_local(moment, zone, lang)
    return f"{local} · {reader_time(moment)}" if reader_time else local
