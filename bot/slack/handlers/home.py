"""The App Home tab: my streak and a heatmap of the last weeks, my next sessions with
RSVP buttons, and this week's reading; published again whenever the member opens
the tab (``app_home_opened``) and after an RSVP click on it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bot.core.round_model import Round, Session
from bot.slack.blocks import Block, actions, context, divider, header, mrkdwn, section
from bot.slack.context import SlackRequest
from bot.slack.handlers.rounds.render import rsvp_elements, session_line_text
from bot.slack.handlers.streaks import display_name_of, summary_card

HOME_WEEKS = 12
NEXT_SESSIONS = 3
# Slack allows 100 blocks in a Home tab; the tab stays far below.
EMPTY_DAY, READ_DAY = "⬜", "🟩"


async def home_view(request: SlackRequest) -> dict[str, Any]:
    """The member's Home tab."""
    blocks: list[Block] = [header(request.t("slack.home.title"))]
    blocks += await _streak_blocks(request)
    blocks.append(divider())
    blocks += await _session_blocks(request)
    blocks.append(divider())
    blocks += await _reading_blocks(request)
    return {"type": "home", "blocks": blocks}


async def publish_home(request: SlackRequest) -> None:
    """Show the member their Home tab as of now (``views.publish``)."""
    await request.client.views_publish(
        user_id=request.member.external_id, view=await home_view(request)
    )


async def _streak_blocks(request: SlackRequest) -> list[Block]:
    summary = await request.services.streaks.show(request.member)
    name = await display_name_of(request, request.member.external_id)
    card = summary_card(request, summary, name)
    grid = text_heatmap(summary.counts_by_day, summary.today, HOME_WEEKS)
    return [
        *card.blocks(),
        section(grid),
        context(request.t("slack.home.heatmap", weeks=HOME_WEEKS)),
    ]


def text_heatmap(counts: dict[date, int], today: date, weeks: int) -> str:
    """The last ``weeks`` weeks as a grid of squares: a row per weekday (Monday
    first), a column per week, the current week last."""
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    rows = []
    for weekday in range(7):
        cells = []
        for week in range(weeks):
            day = first_monday + timedelta(weeks=week, days=weekday)
            if day > today:
                break
            cells.append(READ_DAY if counts.get(day) else EMPTY_DAY)
        rows.append("".join(cells))
    return "\n".join(rows)


async def _session_blocks(request: SlackRequest) -> list[Block]:
    blocks: list[Block] = [section(f"*{request.t('slack.home.sessions')}*")]
    upcoming = await _next_sessions(request)
    if not upcoming:
        blocks.append(context(request.t("slack.home.no_sessions")))
        return blocks
    rounds = request.services.rounds
    zone = await rounds.zone_of(request.community)
    for rnd, session in upcoming:
        view = await rounds.show_session(request.community, str(session.id))
        line = f"*{mrkdwn(rnd.name)}* " + session_line_text(request, session, zone)
        blocks.append(section(line))
        elements = rsvp_elements(request, session.id, view.counts, request.lang)
        blocks.append(actions(elements, block_id=f"rsvp-{session.id}"))
    return blocks


async def _next_sessions(request: SlackRequest) -> list[tuple[Round, Session]]:
    """The next scheduled sessions of the workspace's active rounds, soonest first."""
    rounds = request.services.rounds
    now = request.services.clock.now()
    found: list[tuple[Round, Session]] = []
    for rnd in await rounds.list_rounds(request.community):
        if rnd.status != "active":
            continue
        _, sessions = await rounds.list_sessions(request.community, str(rnd.id))
        found += [(rnd, s) for s in sessions if s.status == "scheduled" and s.starts_at > now]
    found.sort(key=lambda pair: pair[1].starts_at)
    return found[:NEXT_SESSIONS]


async def _reading_blocks(request: SlackRequest) -> list[Block]:
    reading, _ = await request.services.rounds.digest_lines(
        request.community, request.lang, request.services.clock.now()
    )
    lines = [f"• {mrkdwn(line)}" for line in reading]
    return [
        section(f"*{request.t('slack.home.reading')}*"),
        section("\n".join(lines)) if lines else context(request.t("slack.home.no_reading")),
    ]
