"""A round at a glance (``/round show``): the same facts on Discord and Slack.

The front ends differ only in how they write a role mention, a link and
Markdown; they pass that in as a ``CardMarkup`` and lay the result out as an
embed or as blocks. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.core.round_model import RoundOverview
from bot.i18n import Catalog, Lang
from bot.rounds import messages
from bot.schedules.parse import describe_rule, parse_rule
from bot.schedules.reader_time import ReaderTime


@dataclass(frozen=True)
class CardMarkup:
    """How one platform writes what a round card shows."""

    role: Callable[[str], str]  # a role (Discord) or user group (Slack) id as a mention
    link: Callable[[str, str | None], str]  # a paper: (title, url or None)
    text: Callable[[str], str]  # the bot's own Markdown, in the platform's dialect
    # An instant in each reader's own zone, shown next to the server-zone time.
    moment: ReaderTime | None = None


@dataclass(frozen=True)
class RoundCard:
    """The texts of a round card: a title, summary lines, titled sections, a footer."""

    title: str
    lines: tuple[str, ...]
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    footer: str


def round_card(overview: RoundOverview, zone: ZoneInfo, texts: Catalog, lang: Lang,
               markup: CardMarkup) -> RoundCard:
    """Settings, reading list, sessions and members of a round, in ``lang``."""
    rnd = overview.round
    settings = rnd.settings
    lines = [
        texts.t("rounds.show.status", lang, status=texts.t(f"rounds.status.{rnd.status}", lang)),
        texts.t("rounds.show.dates", lang, start=settings.start_date.isoformat(),
                weeks=settings.weeks, cadence=describe_rule(parse_rule(settings.cadence), lang),
                minutes=settings.duration_minutes),
        texts.t("rounds.show.channel", lang, channel=f"<#{settings.channel_id}>",
                place=markup.text(messages.place_text(settings.place, texts, lang))),
        texts.t("rounds.show.rhythm", lang, days=settings.paper_reminder_days,
                every=settings.sota_every),
    ]
    if settings.ping_role:
        lines.append(texts.t("rounds.show.ping", lang, role=markup.role(settings.ping_role)))
    sections = [(texts.t("rounds.show.papers", lang, count=len(overview.papers)),
                 tuple(f"W{p.week} · {markup.link(p.title, p.url)}" for p in overview.papers))]
    if overview.sessions:
        sections.append((
            texts.t("rounds.show.sessions", lang, count=len(overview.sessions)),
            tuple(markup.text(messages.session_line(s, zone, texts, lang,
                                                    reader_time=markup.moment))
                  for s in overview.sessions),
        ))
    joined = [m for m in overview.members if m.joined]
    members = " ".join(messages.member_mention(m.external_id, texts, lang)
                       + (" 🙊" if m.opted_out_presenting else "") for m in joined)
    sections.append((texts.t("rounds.show.members", lang, count=len(joined)),
                     (members,) if members else ()))
    return RoundCard(rnd.name, tuple(lines), tuple(sections),
                     texts.t("rounds.show.footer", lang, id=rnd.id))


def cut_lines(lines: Sequence[str], limit: int) -> str:
    """As many whole lines as fit in ``limit`` characters (an ellipsis marks the cut);
    a dash when there are none."""
    out: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > limit - 2:
            out.append("…")
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out) or "—"
