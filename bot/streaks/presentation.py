"""The texts of reading streaks that every front end shows the same way.

Each function takes a translator (``t(key, **params)``: the message catalog in the
reader's language, as a front end formats it) and the service's result dataclasses.
What differs between platforms is passed in: how a member-written name is escaped and
how a moment is shown (Discord's ``<t:…>``, Slack's ``<!date^…>``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.i18n import Catalog, Lang
from bot.streaks.service import (
    AdjustResult,
    AuditRow,
    CheckinResult,
    GrantResult,
    Leaderboard,
    StreakSummary,
)

MAX_FREEZE_DAYS_SHOWN = 10


class Translate(Protocol):
    """A catalog lookup in one language: ``t("streaks.show.title", name=…)``."""

    def __call__(self, key: str, /, **params: Any) -> str: ...


def in_language(texts: Catalog, lang: Lang) -> Translate:
    """``texts`` in ``lang`` as a :class:`Translate`."""

    def translate(key: str, /, **params: Any) -> str:
        return texts.t(key, lang, **params)

    return translate


def streak_text(t: Translate, kind: str, count: int) -> str:
    """``5-day streak`` / ``5일 연속``."""
    return t(f"streaks.streak.{kind}", count=count)


def periods_text(t: Translate, kind: str, count: int) -> str:
    """``1 day`` / ``3 weeks`` / ``3일``."""
    return t(f"streaks.periods.{kind}.{'one' if count == 1 else 'other'}", count=count)


def checkin_lines(
    t: Translate, result: CheckinResult, *, paper: str | None = None, note: str | None = None
) -> list[str]:
    """The sentences that describe a check-in; ``paper`` and ``note`` come escaped
    for the platform (or None when the member gave none)."""
    streak = streak_text(t, result.kind, result.current)
    if result.duplicate:
        key = "streaks.checkin.duplicate"
    elif not result.counted:
        key = f"streaks.checkin.already_{result.kind}"
    elif result.current == 1:
        key = "streaks.checkin.started"
    else:
        key = "streaks.checkin.extended"
    lines = [t(key, streak=streak)]
    if result.bridged:
        dates = ", ".join(day.isoformat() for day in result.bridged)
        lines.append(t("streaks.checkin.freeze_used", dates=dates, left=result.freezes_left))
    if result.earned_freeze:
        lines.append(t("streaks.checkin.freeze_earned", count=result.freezes_left))
    if paper:
        lines.append(t("streaks.checkin.paper", paper=paper))
    if note:
        lines.append(t("streaks.checkin.note", note=note))
    return lines


@dataclass(frozen=True)
class SummaryText:
    """``/streak show``: title, today's state, the short fields in order, and the days
    freezes covered (a wide field, None when there are none)."""

    title: str
    status: str
    fields: tuple[tuple[str, str], ...]
    freeze_used: tuple[str, str] | None


def summary_text(
    t: Translate,
    summary: StreakSummary,
    name: str,
    *,
    moment: Callable[[datetime], str],
    freeze_separator: str,
) -> SummaryText:
    """The texts of a member's streak summary; ``name`` comes escaped, ``moment``
    shows the last check-in's time."""
    kind = summary.kind
    freezes = str(summary.freezes_left)
    if summary.next_freeze_in is not None:
        freezes += freeze_separator + t("streaks.show.next_freeze", count=summary.next_freeze_in)
    last = t("streaks.show.never")
    if summary.last_checkin_at is not None:
        last = moment(summary.last_checkin_at)
    total = t(
        "streaks.show.total_value",
        checkins=summary.total_checkins,
        periods=periods_text(t, kind, summary.total_periods),
    )
    used = None
    if summary.freeze_used:
        used = (
            t("streaks.show.freeze_used"),
            ", ".join(day.isoformat() for day in summary.freeze_used[-MAX_FREEZE_DAYS_SHOWN:]),
        )
    state = "done" if summary.covered_today else "open"
    return SummaryText(
        title=t("streaks.show.title", name=name),
        status=t(f"streaks.show.today_{state}_{kind}"),
        fields=(
            (t("streaks.show.current"), streak_text(t, kind, summary.current)),
            (t("streaks.show.longest"), streak_text(t, kind, summary.longest)),
            (t("streaks.show.total"), total),
            (t("streaks.show.freezes"), freezes),
            (t("streaks.show.last_checkin"), last),
        ),
        freeze_used=used,
    )


@dataclass(frozen=True)
class BoardText:
    """A leaderboard: title, one line per ranked member (or the empty note), footer."""

    title: str
    body: str
    footer: str


def board_text(t: Translate, board: Leaderboard, name: Callable[[str], str]) -> BoardText:
    """The texts of a leaderboard; ``name`` escapes a member's display name."""

    def value_text(value: int) -> str:
        if board.scope == "month":
            return periods_text(t, board.kind, value)
        return streak_text(t, board.kind, value)

    lines = [
        t(
            "streaks.board.line",
            rank=entry.rank,
            name=name(entry.display_name)
            if entry.display_name
            else t("streaks.board.unknown_member"),
            value=value_text(entry.value),
        )
        for entry in board.entries
    ]
    if board.caller.rank is None:
        footer = t("streaks.board.unranked")
    else:
        footer = t(
            "streaks.board.your_rank", rank=board.caller.rank, value=value_text(board.caller.value)
        )
    title_params = {"month": board.month} if board.scope == "month" else {}
    return BoardText(
        title=t(f"streaks.board.title.{board.scope}", **title_params),
        body="\n".join(lines) or t("streaks.board.empty"),
        footer=footer,
    )


def adjust_text(t: Translate, result: AdjustResult, name: str, kind: str) -> str:
    """A moderator's added or removed check-in; ``name`` comes escaped."""
    streak = streak_text(t, kind, result.current)
    if result.action == "add":
        return t("streaks.adjust.added", member=name, day=result.day.isoformat(), streak=streak)
    return t(
        "streaks.adjust.removed",
        member=name,
        day=result.day.isoformat(),
        count=result.changed,
        streak=streak,
    )


def grant_text(t: Translate, result: GrantResult, name: str) -> str:
    """Freezes a moderator gave, what the member holds now and, where the total is
    above the server's cap or nothing can be earned, what the cap means for them;
    ``name`` comes escaped."""
    text = t("streaks.grant.done", member=name, given=freeze_count(t, result.count),
             total=freeze_count(t, result.freezes_left), granted=result.granted,
             earned=result.earned)
    if not result.earning:
        return text + "\n" + t("streaks.grant.not_earning")
    if result.freezes_left > result.cap:
        return text + "\n" + t("streaks.grant.cap", cap=result.cap)
    return text


def freeze_count(t: Translate, count: int) -> str:
    """``1 freeze``, ``3 freezes`` / ``프리즈 3개``."""
    return t("streaks.freezes.one" if count == 1 else "streaks.freezes.many", count=count)


def history_line(
    t: Translate,
    row: AuditRow,
    *,
    moment: Callable[[datetime], str],
    clean: Callable[[str], str],
) -> str:
    """One moderator change; ``clean`` escapes member-written text (names, reasons)."""
    details = row.details
    return t(
        f"streaks.history.{row.action}",
        at=moment(row.at),
        actor=clean(row.actor_name or row.actor_id or t("privacy.former_member")),
        day=details.get("day", "?"),
        count=details.get("changed", details.get("count", 0)),
        reason=clean(row.reason),
    )
