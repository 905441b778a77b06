"""The end-of-round recap: what was read, who came, who presented. Pure:
built from the round's overview, rendered as Markdown or CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.core.round_model import Paper, RoundOverview
from bot.i18n import Catalog, Lang


@dataclass(frozen=True, slots=True)
class MemberAttendance:
    user_id: str  # the platform's id of the member (Discord snowflake, Slack user id)
    name: str  # their display name, else ``user_id``
    attended: int
    # Held sessions that count for this member: those after they joined, plus
    # any earlier one they attended anyway (so the rate never exceeds 100 %).
    possible: int
    presented: int

    @property
    def rate(self) -> float:
        return self.attended / self.possible if self.possible else 0.0


@dataclass(frozen=True, slots=True)
class StreakLeader:
    name: str
    streak: int


@dataclass(frozen=True, slots=True)
class Recap:
    round_name: str
    start_date: date
    end_date: date  # the round's last day
    sessions_held: int
    sessions_cancelled: int
    sessions_total: int
    papers_covered: tuple[Paper, ...]
    attendance: tuple[MemberAttendance, ...]
    presenters: tuple[tuple[str, int], ...]
    streak_leaders: tuple[StreakLeader, ...]


def build_recap(
    overview: RoundOverview,
    attended: Mapping[int, Collection[int]],
    streak_leaders: Sequence[StreakLeader] = (),
    people: Mapping[int, tuple[str, str | None]] | None = None,
) -> Recap:
    """Summarise a round. ``attended`` maps a session id to the member row ids that
    attended it; ``people`` gives ``(platform id, display name)`` by row id for
    attendees who neither joined nor presented (a moderator marked them);
    ``streak_leaders`` come from the streak service, best first. Members are
    named by display name, else platform id: row ids never leave storage."""
    rnd = overview.round
    held = [s for s in overview.sessions if s.status == "held"]
    members = {m.member_id: m for m in overview.members}
    covered: dict[int, Paper] = {}
    presented: dict[int, int] = {}
    who: dict[int, tuple[str, str | None]] = dict(people or {})
    who |= {m.member_id: (m.external_id, m.display_name) for m in members.values()}
    for session in held:
        for paper in session.papers:
            covered.setdefault(paper.id, paper)
        for presenter in session.presenters:
            presented[presenter.member_id] = presented.get(presenter.member_id, 0) + 1
            who.setdefault(presenter.member_id, (presenter.external_id, presenter.display_name))

    def user_id(member_id: int) -> str:
        found = who.get(member_id)
        if found is None:
            raise LookupError(f"member row {member_id} attended but is not in ``people``")
        return found[0]

    def name(member_id: int) -> str:
        platform_id = user_id(member_id)
        return who[member_id][1] or platform_id

    people_ids = set(members) | set(presented)
    for session in held:
        people_ids |= set(attended.get(session.id, ()))
    lines = []
    for member_id in people_ids:
        member = members.get(member_id)
        came = [s for s in held if member_id in attended.get(s.id, ())]
        possible = [
            s
            for s in held
            if member is None
            or s.ends_at >= member.joined_at
            or member_id in attended.get(s.id, ())
        ]
        lines.append(
            MemberAttendance(
                user_id=user_id(member_id),
                name=name(member_id),
                attended=len(came),
                possible=len(possible),
                presented=presented.get(member_id, 0),
            )
        )
    lines.sort(key=lambda line: (-line.rate, -line.attended, line.name.casefold()))
    presenter_lines = sorted(
        ((name(m), n) for m, n in presented.items()),
        key=lambda item: (-item[1], item[0].casefold()),
    )
    return Recap(
        round_name=rnd.name,
        start_date=rnd.settings.start_date,
        end_date=rnd.end_date - timedelta(days=1),
        sessions_held=len(held),
        sessions_cancelled=sum(1 for s in overview.sessions if s.status == "cancelled"),
        sessions_total=len(overview.sessions),
        papers_covered=tuple(sorted(covered.values(), key=lambda p: (p.week, p.position))),
        attendance=tuple(lines),
        presenters=tuple(presenter_lines),
        streak_leaders=tuple(streak_leaders),
    )


def recap_markdown(recap: Recap, texts: Catalog, lang: Lang) -> str:
    """The recap as Discord-flavoured Markdown (headings and lists; no tables)."""
    t = texts.t
    out = [
        f"## {t('rounds.recap.title', lang, name=recap.round_name)}",
        t(
            "rounds.recap.summary",
            lang,
            start=recap.start_date.isoformat(),
            end=recap.end_date.isoformat(),
            held=recap.sessions_held,
            total=recap.sessions_total,
            cancelled=recap.sessions_cancelled,
        ),
        "",
        f"### {t('rounds.recap.papers', lang)}",
    ]
    if recap.papers_covered:
        for paper in recap.papers_covered:
            title = paper.title.replace("]", "\\]")
            out.append(f"- [{title}](<{paper.url}>)" if paper.url else f"- {paper.title}")
    else:
        out.append(f"- {t('rounds.recap.none', lang)}")
    out += ["", f"### {t('rounds.recap.presenters', lang)}"]
    if recap.presenters:
        out += [
            f"- {t('rounds.recap.presenter_line', lang, name=name, count=count)}"
            for name, count in recap.presenters
        ]
    else:
        out.append(f"- {t('rounds.recap.none', lang)}")
    out += ["", f"### {t('rounds.recap.attendance', lang)}"]
    if recap.attendance:
        out += [
            "- "
            + t(
                "rounds.recap.attendance_line",
                lang,
                name=line.name,
                attended=line.attended,
                possible=line.possible,
                rate=f"{line.rate:.0%}",
            )
            for line in recap.attendance
        ]
    else:
        out.append(f"- {t('rounds.recap.none', lang)}")
    if recap.streak_leaders:
        out += ["", f"### {t('rounds.recap.streaks', lang)}"]
        out += [
            f"{rank}. {t('rounds.recap.streak_line', lang, name=leader.name, streak=leader.streak)}"
            for rank, leader in enumerate(recap.streak_leaders, start=1)
        ]
    return "\n".join(out) + "\n"


CSV_HEADER = (
    "member",
    "user_id",
    "sessions_attended",
    "sessions_possible",
    "attendance_rate",
    "presentations",
)


def recap_csv(recap: Recap) -> str:
    """One row per member (display name and platform user id): attendance and
    presentations (rate as 0..1, 3 decimals)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for line in recap.attendance:
        writer.writerow(
            (
                line.name,
                line.user_id,
                line.attended,
                line.possible,
                f"{line.rate:.3f}",
                line.presented,
            )
        )
    return buffer.getvalue()
