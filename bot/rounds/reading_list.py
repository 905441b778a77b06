"""A round's reading list: adding and removing papers, and sharing the papers out
among the sessions (a SOTA review takes none)."""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

from bot.errors import UserFacingError
from bot.identity import MemberRef
from bot.rounds import planning, timetable, validation
from bot.rounds.base import RoundServiceBase, refuse_closed
from bot.rounds.model import Paper, Round
from storage import rounds as store


class ReadingList(RoundServiceBase):
    """Moderators' changes to a round's reading list."""

    async def add_paper(
        self,
        actor: MemberRef,
        round_text: str | None,
        *,
        title: str,
        url: str | None,
        week: int | None = None,
    ) -> tuple[Round, Paper]:
        """Add a paper to the reading list. Without ``week`` it goes to the first
        reading week that has no paper yet."""
        clean_title = validation.paper_title(title)
        clean_url = validation.web_url(url) if url else None
        now = self._clock.now()
        async with self._db.transaction() as conn:
            rnd = await self.resolve_round(actor.community, round_text, conn)
            refuse_closed(rnd)
            papers = await store.list_papers(conn, rnd.id)
            if week is None:
                week = planning.next_open_week(
                    await self._slots(conn, rnd), paper_slots(papers), rnd.settings.weeks
                )
            week = validation.week_of_round(week, rnd.settings.weeks)
            validation.choice_count(sum(1 for p in papers if p.week == week) + 1)
            paper_id = await store.insert_paper(
                conn, rnd.id, title=clean_title, url=clean_url, week=week, added_at=now
            )
            await assign_papers(conn, rnd)
            paper = next(p for p in await store.list_papers(conn, rnd.id) if p.id == paper_id)
        return rnd, paper

    async def remove_paper(
        self, actor: MemberRef, round_text: str | None, paper_text: str
    ) -> tuple[Round, Paper]:
        """Take a paper off the reading list (not one a held session covered)."""
        async with self._db.transaction() as conn:
            rnd = await self.resolve_round(actor.community, round_text, conn)
            refuse_closed(rnd)
            papers = await store.list_papers(conn, rnd.id)
            wanted = paper_text.strip()
            paper = next(
                (
                    p
                    for p in papers
                    if str(p.id) == wanted or p.title.casefold() == wanted.casefold()
                ),
                None,
            )
            if paper is None:
                raise UserFacingError("rounds.error.unknown_paper", paper=wanted[:100])
            held = [s for s in await store.list_sessions(conn, rnd.id) if s.status == "held"]
            if any(paper.id in {p.id for p in s.papers} for s in held):
                raise UserFacingError("rounds.error.paper_covered", paper=paper.title)
            await store.delete_paper(conn, paper.id)
            await assign_papers(conn, rnd)
        return rnd, paper

    async def _slots(self, conn: aiosqlite.Connection, rnd: Round) -> list[planning.SessionSlot]:
        """Sessions that may take papers (scheduled ones), or the planned ones of a draft."""
        if rnd.status == "draft":
            config = await self._community.config(rnd.community)
            try:
                planned = timetable.planned_sessions(rnd.settings, config.zone)
            except UserFacingError:
                return []
            return [planning.SessionSlot(p.index, p.week, p.kind) for p in planned]
        return [
            planning.SessionSlot(s.id, s.week, s.kind)
            for s in await store.list_sessions(conn, rnd.id)
            if s.status == "scheduled"
        ]


async def assign_papers(conn: aiosqlite.Connection, rnd: Round) -> None:
    """Share the papers not yet covered out among an active round's scheduled sessions."""
    if rnd.status != "active":
        return
    sessions = await store.list_sessions(conn, rnd.id)
    covered = {p.id for s in sessions if s.status == "held" for p in s.papers}
    papers = [p for p in await store.list_papers(conn, rnd.id) if p.id not in covered]
    slots = [
        planning.SessionSlot(s.id, s.week, s.kind) for s in sessions if s.status == "scheduled"
    ]
    plan = planning.assign_papers(slots, paper_slots(papers), rnd.settings.weeks)
    cancelled: dict[int, list[int]] = {s.id: [] for s in sessions if s.status == "cancelled"}
    await store.replace_papers(conn, {**plan, **cancelled})


def paper_slots(papers: Sequence[Paper]) -> list[planning.PaperSlot]:
    """The planning view of papers."""
    return [planning.PaperSlot(p.id, p.week, p.position) for p in papers]
