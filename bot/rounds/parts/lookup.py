"""Finding what a member named: a round by name or id, a session by id or ``#n``,
and the autocomplete choices for rounds, sessions and papers.

The finders are storage functions of a connection, so a command can look up and
write in the same transaction; ``Database.read`` runs one whole in one trip.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.errors import UserFacingError
from bot.core.refs import CommunityRef
from bot.core.round_model import Paper, Round, RoundOverview, RoundStatus, Session
from bot.i18n import Catalog, Lang
from bot.rounds import messages, validation
from storage import communities as community_store
from storage import rounds as store
from storage.connection import Connection

Choice = tuple[str, str]


def row_id(text: str) -> int | None:
    """``text`` as a database row id, or None: ASCII digits only (``str.isdigit``
    also accepts characters such as '²'), and small enough for SQLite."""
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)


def find_round(conn: Connection, community: CommunityRef, text: str | None) -> Round:
    """The round named by ``text`` (its name ignoring case, or its id); without a
    name, the one active round (else the one draft), refused when ambiguous."""
    community_id = community_store.find_community(conn, community)
    wanted = (text or "").strip()
    if community_id is None:
        raise UserFacingError("rounds.error.no_rounds")
    if not wanted:
        active = store.list_rounds(conn, community_id, ["active"])
        if len(active) == 1:
            return active[0]
        if not active:
            drafts = store.list_rounds(conn, community_id, ["draft"])
            if len(drafts) == 1:
                return drafts[0]
            raise UserFacingError("rounds.error.no_active_round")
        raise UserFacingError("rounds.error.which_round", names=", ".join(r.name for r in active))
    found = store.find_round_by_name(conn, community_id, wanted)
    round_id = row_id(wanted)
    if found is None and round_id is not None:
        by_id = store.get_round(conn, round_id)
        if by_id is not None and by_id.community_id == community_id:
            found = by_id
    if found is None:
        raise UserFacingError("rounds.error.unknown_round", round=wanted[:100])
    return found


def find_session(
    conn: Connection, community: CommunityRef, text: str
) -> tuple[Round, Session]:
    """The session named by ``text``: its id (what autocomplete fills in) or ``#n``
    of the one active round; with the round it belongs to."""
    wanted = text.strip()
    index = row_id(wanted[1:]) if wanted.startswith("#") else None
    session_id = row_id(wanted)
    if index is not None:
        rnd = find_round(conn, community, None)
        for session in store.list_sessions(conn, rnd.id):
            if session.index == index:
                return rnd, session
    elif session_id is not None:
        found = store.get_session(conn, session_id)
        owner = store.get_round(conn, found.round_id) if found else None
        if found is not None and owner is not None and owner.community == community:
            return owner, found
    raise UserFacingError("rounds.error.unknown_session", session=wanted[:100])


def community_rounds(
    conn: Connection,
    community: CommunityRef,
    statuses: Iterable[RoundStatus] | None = None,
) -> list[Round]:
    """A community's rounds with one of ``statuses`` (all by default), newest first;
    none for a community the bot has not stored yet."""
    community_id = community_store.find_community(conn, community)
    if community_id is None:
        return []
    return store.list_rounds(conn, community_id, statuses)


def overview_of(conn: Connection, rnd: Round) -> RoundOverview:
    """``rnd`` with its reading list, sessions and members."""
    return RoundOverview(
        round=rnd,
        papers=tuple(store.list_papers(conn, rnd.id)),
        sessions=tuple(store.list_sessions(conn, rnd.id)),
        members=tuple(store.list_members(conn, rnd.id)),
    )


def find_overview(
    conn: Connection, community: CommunityRef, text: str | None
) -> RoundOverview:
    """The round a member named (as ``find_round``) with its reading list, sessions
    and members, read together."""
    return overview_of(conn, find_round(conn, community, text))


def find_round_sessions(
    conn: Connection, community: CommunityRef, text: str | None
) -> tuple[Round, list[Session]]:
    """The round a member named and its sessions, read together."""
    rnd = find_round(conn, community, text)
    return rnd, store.list_sessions(conn, rnd.id)


def round_choices(rounds: Sequence[Round], typed: str) -> list[Choice]:
    """The rounds whose name contains ``typed`` (or whose id it is), as choices."""
    needle = typed.strip().casefold()
    chosen = [r for r in rounds if needle in r.name.casefold() or needle == str(r.id)]
    return [
        (f"{r.name} · {r.settings.start_date.isoformat()} · {r.status}"[:100], str(r.id))
        for r in chosen[: validation.MAX_CHOICES]
    ]


def session_choices(
    pairs: Sequence[tuple[Round, Session]],
    typed: str,
    *,
    now: datetime,
    zone: ZoneInfo,
    texts: Catalog,
    lang: Lang,
) -> list[Choice]:
    """The sessions whose label contains ``typed``: upcoming ones first (soonest
    first), then past ones (latest first)."""
    needle = typed.strip().casefold().lstrip("#")
    labelled = [(messages.choice_label(r, s, zone, lang, texts), str(s.id), s) for r, s in pairs]
    matching = [item for item in labelled if needle in item[0].casefold()]
    matching.sort(
        key=lambda item: (
            item[2].ends_at <= now,
            abs((item[2].starts_at - now).total_seconds()),
        )
    )
    return [(label, value) for label, value, _ in matching[: validation.MAX_CHOICES]]


def paper_choices(papers: Sequence[Paper], typed: str) -> list[Choice]:
    """The papers whose title contains ``typed``, as choices."""
    needle = typed.strip().casefold()
    return [
        (f"W{p.week} · {p.title}"[:100], str(p.id)) for p in papers if needle in p.title.casefold()
    ][: validation.MAX_CHOICES]
