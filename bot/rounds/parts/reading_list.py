"""A round's reading list: adding and removing papers, and sharing the papers out
among the sessions (a SOTA review takes none)."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.round_model import Paper, Round
from bot.rounds import planning, session_times, validation
from bot.rounds.parts import lookup
from bot.rounds.parts.context import RoundPart, refuse_closed
from storage import rounds as store
from storage.connection import Connection


class ReadingList(RoundPart):
    """Moderators' changes to a round's reading list."""

    async def add_paper(
        self,
        actor: Actor,
        round_text: str | None,
        *,
        title: str,
        url: str | None,
        week: int | None = None,
    ) -> tuple[Round, Paper]:
        """Add a paper to the reading list. Without ``week`` it goes to the first
        reading week that has no paper yet."""
        actor.require_moderator()
        clean_title = validation.paper_title(title)
        clean_url = validation.web_url(url) if url else None
        now = self._ctx.clock.now()
        zone = (await self._ctx.community.config(actor.community)).zone

        def add(conn: Connection) -> tuple[Round, Paper]:
            rnd = lookup.find_round(conn, actor.community, round_text)
            refuse_closed(rnd)
            papers = store.list_papers(conn, rnd.id)
            chosen = week
            if chosen is None:
                chosen = planning.next_open_week(
                    _slots(conn, rnd, zone), paper_slots(papers), rnd.settings.weeks
                )
            chosen = validation.week_of_round(chosen, rnd.settings.weeks)
            validation.choice_count(sum(1 for p in papers if p.week == chosen) + 1)
            paper_id = store.insert_paper(
                conn, rnd.id, title=clean_title, url=clean_url, week=chosen, added_at=now
            )
            assign_papers(conn, rnd)
            paper = next(p for p in store.list_papers(conn, rnd.id) if p.id == paper_id)
            return rnd, paper

        return await self._ctx.db.write(add)

    async def remove_paper(
        self, actor: Actor, round_text: str | None, paper_text: str
    ) -> tuple[Round, Paper]:
        """Take a paper off the reading list (not one a held session covered)."""
        actor.require_moderator()

        def remove(conn: Connection) -> tuple[Round, Paper]:
            rnd = lookup.find_round(conn, actor.community, round_text)
            refuse_closed(rnd)
            papers = store.list_papers(conn, rnd.id)
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
            held = [s for s in store.list_sessions(conn, rnd.id) if s.status == "held"]
            if any(paper.id in {p.id for p in s.papers} for s in held):
                raise UserFacingError("rounds.error.paper_covered", paper=paper.title)
            store.delete_paper(conn, paper.id)
            assign_papers(conn, rnd)
            return rnd, paper

        return await self._ctx.db.write(remove)


def _slots(conn: Connection, rnd: Round, zone: ZoneInfo) -> list[planning.SessionSlot]:
    """Sessions that may take papers (scheduled ones), or the planned ones of a draft."""
    if rnd.status == "draft":
        try:
            planned = session_times.planned_sessions(rnd.settings, zone)
        except UserFacingError:
            return []
        return [planning.SessionSlot(p.index, p.week, p.kind) for p in planned]
    return [
        planning.SessionSlot(s.id, s.week, s.kind)
        for s in store.list_sessions(conn, rnd.id)
        if s.status == "scheduled"
    ]


def assign_papers(conn: Connection, rnd: Round) -> None:
    """Share the papers not yet covered out among an active round's scheduled sessions."""
    if rnd.status != "active":
        return
    sessions = store.list_sessions(conn, rnd.id)
    covered = {p.id for s in sessions if s.status == "held" for p in s.papers}
    papers = [p for p in store.list_papers(conn, rnd.id) if p.id not in covered]
    slots = [
        planning.SessionSlot(s.id, s.week, s.kind) for s in sessions if s.status == "scheduled"
    ]
    plan = planning.assign_papers(slots, paper_slots(papers), rnd.settings.weeks)
    cancelled: dict[int, list[int]] = {s.id: [] for s in sessions if s.status == "cancelled"}
    store.replace_papers(conn, {**plan, **cancelled})


def paper_slots(papers: Sequence[Paper]) -> list[planning.PaperSlot]:
    """The planning view of papers."""
    return [planning.PaperSlot(p.id, p.week, p.position) for p in papers]
