"""Rounds, their reading lists, members, sessions, RSVPs and attendance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, cast

from bot.core.refs import CommunityRef
from bot.core.round_model import (
    AssignedBy,
    AttendanceSource,
    Paper,
    Presenter,
    Round,
    RoundMember,
    RoundSettings,
    RoundStatus,
    RsvpAnswer,
    RsvpCounts,
    Session,
    SessionKind,
    SessionStatus,
)
from storage.connection import Connection, Row
from storage.dialect import query
from storage.fetch import fetch_all, fetch_one, fetch_value


def stamp(instant: datetime) -> str:
    """An aware instant as the UTC text every table stores (sorts as time)."""
    if instant.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    return instant.astimezone(UTC).isoformat(timespec="seconds")


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


_ROUND_COLUMNS = (
    "r.id, r.community_id, c.platform, c.external_id AS community_external, r.name, "
    "r.start_date, r.weeks, r.channel_id, r.cadence, r.duration_minutes, r.place, "
    "r.ping_role, r.paper_reminder_days, r.sota_every, r.status, r.events_notice_sent"
)
_ROUND_FROM = "FROM rounds r JOIN communities c ON c.id = r.community_id"


def _round(row: Row) -> Round:
    return Round(
        id=row["id"],
        community_id=row["community_id"],
        community=CommunityRef(row["platform"], row["community_external"]),
        settings=RoundSettings(
            name=row["name"],
            start_date=date.fromisoformat(row["start_date"]),
            weeks=row["weeks"],
            channel_id=row["channel_id"],
            cadence=row["cadence"],
            duration_minutes=row["duration_minutes"],
            place=row["place"],
            ping_role=row["ping_role"],
            paper_reminder_days=row["paper_reminder_days"],
            sota_every=row["sota_every"],
        ),
        status=cast(RoundStatus, row["status"]),
        events_notice_sent=bool(row["events_notice_sent"]),
    )


def _settings_values(settings: RoundSettings) -> tuple[Any, ...]:
    return (
        settings.name,
        settings.name.casefold(),
        settings.start_date.isoformat(),
        settings.weeks,
        settings.channel_id,
        settings.cadence,
        settings.duration_minutes,
        settings.place,
        settings.ping_role,
        settings.paper_reminder_days,
        settings.sota_every,
    )


# -- rounds ---------------------------------------------------------------------------


def insert_round(
    conn: Connection,
    community_id: int,
    settings: RoundSettings,
    *,
    created_by: str,
    created_at: datetime,
) -> int:
    """Store a new draft round; returns its id."""
    new_id = fetch_value(
        conn,
        "INSERT INTO rounds (community_id, name, name_key, start_date, weeks, channel_id, "
        "cadence, duration_minutes, place, ping_role, paper_reminder_days, sota_every, "
        "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (community_id, *_settings_values(settings), created_by, stamp(created_at)),
    )
    return int(new_id)


def update_round(conn: Connection, round_id: int, settings: RoundSettings) -> None:
    """Replace a round's settings."""
    conn.execute(
        "UPDATE rounds SET name = ?, name_key = ?, start_date = ?, weeks = ?, channel_id = ?, "
        "cadence = ?, duration_minutes = ?, place = ?, ping_role = ?, paper_reminder_days = ?, "
        "sota_every = ? WHERE id = ?",
        (*_settings_values(settings), round_id),
    )


def set_round_status(
    conn: Connection,
    round_id: int,
    status: RoundStatus,
    *,
    closed_at: datetime | None = None,
) -> None:
    conn.execute(
        "UPDATE rounds SET status = ?, closed_at = ? WHERE id = ?",
        (status, stamp(closed_at) if closed_at else None, round_id),
    )


def claim_events_notice(conn: Connection, round_id: int) -> bool:
    """Mark that moderators were told events are unavailable; True only the first time."""
    cursor = conn.execute(
        "UPDATE rounds SET events_notice_sent = 1 WHERE id = ? AND events_notice_sent = 0",
        (round_id,),
    )
    return cursor.rowcount > 0


def get_round(conn: Connection, round_id: int) -> Round | None:
    """The round with id ``round_id``, or None."""
    row = fetch_one(conn, f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.id = ?",
                         (round_id,))
    return _round(row) if row else None


def find_round_by_name(conn: Connection, community_id: int, name: str
                            ) -> Round | None:
    """The round called ``name`` (ignoring case) in a community."""
    row = fetch_one(
        conn,
        f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.community_id = ? AND r.name_key = ?",
        (community_id, name.casefold()),
    )
    return _round(row) if row else None


def list_rounds(
    conn: Connection,
    community_id: int,
    statuses: Iterable[RoundStatus] | None = None,
) -> list[Round]:
    """A community's rounds, newest start first."""
    wanted = list(statuses) if statuses is not None else ["draft", "active", "closed"]
    marks = ", ".join("?" for _ in wanted)
    rows = fetch_all(
        conn,
        f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.community_id = ? "
        f"AND r.status IN ({marks}) ORDER BY r.start_date DESC, r.id DESC",
        (community_id, *wanted),
    )
    return [_round(row) for row in rows]


# -- papers ---------------------------------------------------------------------------


def _paper(row: Row) -> Paper:
    return Paper(
        id=row["id"],
        round_id=row["round_id"],
        title=row["title"],
        url=row["url"],
        week=row["week"],
        position=row["position"],
    )


def insert_paper(
    conn: Connection,
    round_id: int,
    *,
    title: str,
    url: str | None,
    week: int,
    added_at: datetime,
) -> int:
    """Append a paper to the reading list; returns its id."""
    new_id = fetch_value(
        conn,
        "INSERT INTO round_papers (round_id, title, url, week, position, added_at) "
        "VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM round_papers "
        "WHERE round_id = ?), ?) RETURNING id",
        (round_id, title, url, week, round_id, stamp(added_at)),
    )
    return int(new_id)


def delete_paper(conn: Connection, paper_id: int) -> bool:
    cursor = conn.execute("DELETE FROM round_papers WHERE id = ?", (paper_id,))
    return cursor.rowcount > 0


def list_papers(conn: Connection, round_id: int) -> list[Paper]:
    """A round's reading list."""
    rows = fetch_all(
        conn, "SELECT * FROM round_papers WHERE round_id = ? ORDER BY week, position, id",
        (round_id,))
    return [_paper(row) for row in rows]


# -- members --------------------------------------------------------------------------


def set_membership(
    conn: Connection,
    round_id: int,
    member_id: int,
    *,
    joined: bool,
    opted_out_presenting: bool | None,
    at: datetime,
) -> None:
    """Join or leave a round (``opted_out_presenting`` None keeps the stored choice)."""
    conn.execute(
        "INSERT INTO round_members (round_id, member_id, joined, opted_out_presenting, "
        "joined_at) VALUES (?, ?, ?, COALESCE(?, 0), ?) ON CONFLICT (round_id, member_id) "
        "DO UPDATE SET joined = excluded.joined, opted_out_presenting = "
        "COALESCE(?, round_members.opted_out_presenting), joined_at = CASE "
        "WHEN round_members.joined = 0 AND excluded.joined = 1 THEN excluded.joined_at "
        "ELSE round_members.joined_at END",
        (
            round_id,
            member_id,
            int(joined),
            None if opted_out_presenting is None else int(opted_out_presenting),
            stamp(at),
            None if opted_out_presenting is None else int(opted_out_presenting),
        ),
    )


def list_members(conn: Connection, round_id: int) -> list[RoundMember]:
    """Everyone who ever joined the round, in join order."""
    rows = fetch_all(
        conn,
        "SELECT rm.member_id, m.external_id, m.display_name, rm.joined, "
        "rm.opted_out_presenting, rm.joined_at FROM round_members rm "
        "JOIN members m ON m.id = rm.member_id WHERE rm.round_id = ? "
        "ORDER BY rm.joined_at, rm.member_id",
        (round_id,),
    )
    return [
        RoundMember(
            member_id=row["member_id"],
            external_id=row["external_id"],
            display_name=row["display_name"],
            joined=bool(row["joined"]),
            opted_out_presenting=bool(row["opted_out_presenting"]),
            joined_at=_instant(row["joined_at"]),
        )
        for row in rows
    ]


# -- sessions -------------------------------------------------------------------------

_SESSION_COLUMNS = (
    "s.id, s.round_id, s.idx, s.week, s.kind, s.starts_at, s.duration_minutes, s.place, "
    "s.topic, s.status, s.event_id, s.announcement_message_id"
)


def insert_session(
    conn: Connection,
    round_id: int,
    *,
    index: int,
    week: int,
    kind: SessionKind,
    starts_at: datetime,
    duration_minutes: int,
    place: str | None,
) -> int:
    new_id = fetch_value(
        conn,
        "INSERT INTO sessions (round_id, idx, week, kind, starts_at, duration_minutes, place) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (round_id, index, week, kind, stamp(starts_at), duration_minutes, place),
    )
    return int(new_id)


def update_session(
    conn: Connection,
    session_id: int,
    *,
    starts_at: datetime,
    week: int,
    duration_minutes: int,
    place: str | None,
    topic: str | None,
    kind: SessionKind,
) -> None:
    conn.execute(
        "UPDATE sessions SET starts_at = ?, week = ?, duration_minutes = ?, place = ?, "
        "topic = ?, kind = ? WHERE id = ?",
        (stamp(starts_at), week, duration_minutes, place, topic, kind, session_id),
    )


def set_session_status(
    conn: Connection, session_id: int, status: SessionStatus
) -> None:
    conn.execute("UPDATE sessions SET status = ? WHERE id = ?", (status, session_id))


def set_session_event(
    conn: Connection, session_id: int, event_id: str | None
) -> None:
    conn.execute("UPDATE sessions SET event_id = ? WHERE id = ?", (event_id, session_id))


def set_announcement(
    conn: Connection, session_id: int, channel_id: str, message_id: str
) -> None:
    conn.execute(
        "UPDATE sessions SET announcement_channel_id = ?, announcement_message_id = ? WHERE id = ?",
        (channel_id, message_id, session_id),
    )


def announcement_of(conn: Connection, session_id: int) -> tuple[str, str] | None:
    """The (channel id, message id) of a session's announcement, if posted."""
    row = fetch_one(
        conn,
        "SELECT announcement_channel_id, announcement_message_id FROM sessions WHERE id = ?",
        (session_id,),
    )
    if row is None or row[0] is None or row[1] is None:
        return None
    return (row[0], row[1])


def _session(
    row: Row, papers: Sequence[Paper] = (), presenters: Sequence[Presenter] = ()
) -> Session:
    return Session(
        id=row["id"],
        round_id=row["round_id"],
        index=row["idx"],
        week=row["week"],
        kind=cast(SessionKind, row["kind"]),
        starts_at=_instant(row["starts_at"]),
        duration_minutes=row["duration_minutes"],
        place=row["place"],
        topic=row["topic"],
        status=cast(SessionStatus, row["status"]),
        event_id=row["event_id"],
        announcement_message_id=row["announcement_message_id"],
        papers=tuple(papers),
        presenters=tuple(presenters),
    )


def _sessions(conn: Connection, rows: Sequence[Row]) -> list[Session]:
    """The sessions of ``rows`` with their papers and presenters (two more queries)."""
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    marks = ", ".join("?" for _ in ids)
    papers: dict[int, list[Paper]] = {}
    for row in fetch_all(
        conn,
        "SELECT sp.session_id, p.* FROM session_papers sp JOIN round_papers p "
        f"ON p.id = sp.paper_id WHERE sp.session_id IN ({marks}) "
        "ORDER BY p.week, p.position, p.id",
        ids,
    ):
        papers.setdefault(row["session_id"], []).append(_paper(row))
    presenters: dict[int, list[Presenter]] = {}
    for row in fetch_all(
        conn,
        query(conn, "rounds.session_presenters").format(marks=marks),
        ids,
    ):
        presenters.setdefault(row["session_id"], []).append(
            Presenter(
                member_id=row["member_id"],
                external_id=row["external_id"],
                display_name=row["display_name"],
                assigned_by=cast(AssignedBy, row["assigned_by"]),
            )
        )
    return [
        _session(row, papers.get(row["id"], ()), presenters.get(row["id"], ())) for row in rows
    ]


def get_session(conn: Connection, session_id: int) -> Session | None:
    """A session with its papers and presenters, or None."""
    row = fetch_one(
        conn, f"SELECT {_SESSION_COLUMNS} FROM sessions s WHERE s.id = ?", (session_id,))
    if row is None:
        return None
    return _sessions(conn, [row])[0]


def list_sessions(conn: Connection, round_id: int) -> list[Session]:
    """A round's sessions in time order, with papers and presenters."""
    rows = fetch_all(
        conn,
        f"SELECT {_SESSION_COLUMNS} FROM sessions s WHERE s.round_id = ? "
        "ORDER BY s.starts_at, s.idx",
        (round_id,),
    )
    return _sessions(conn, rows)


def community_sessions_between(
    conn: Connection,
    community_id: int,
    start: datetime,
    end: datetime,
    *,
    statuses: Sequence[SessionStatus] = ("scheduled",),
    round_statuses: Sequence[RoundStatus] = ("active",),
) -> list[tuple[Round, Session]]:
    """Sessions of a community's rounds starting in ``[start, end)``, in time order."""
    status_marks = ", ".join("?" for _ in statuses)
    round_marks = ", ".join("?" for _ in round_statuses)
    rows = fetch_all(
        conn,
        f"SELECT {_SESSION_COLUMNS} FROM sessions s JOIN rounds r ON r.id = s.round_id "
        f"WHERE r.community_id = ? AND r.status IN ({round_marks}) "
        f"AND s.status IN ({status_marks}) AND s.starts_at >= ? AND s.starts_at < ? "
        "ORDER BY s.starts_at, s.id",
        (community_id, *round_statuses, *statuses, stamp(start), stamp(end)),
    )
    sessions = _sessions(conn, rows)
    if not sessions:
        return []
    round_ids = list(dict.fromkeys(s.round_id for s in sessions))
    marks = ", ".join("?" for _ in round_ids)
    rounds = {
        row["id"]: _round(row)
        for row in fetch_all(
            conn, f"SELECT {_ROUND_COLUMNS} {_ROUND_FROM} WHERE r.id IN ({marks})", round_ids
        )
    }
    return [(rounds[session.round_id], session) for session in sessions]


def replace_papers(conn: Connection, plan: Mapping[int, Sequence[int]]) -> None:
    """Set the papers of each session in ``plan`` (sessions not in it keep theirs)."""
    for session_id, paper_ids in plan.items():
        conn.execute("DELETE FROM session_papers WHERE session_id = ?", (session_id,))
        conn.executemany(
            "INSERT INTO session_papers (session_id, paper_id) VALUES (?, ?)",
            [(session_id, paper_id) for paper_id in paper_ids],
        )


def set_presenters(
    conn: Connection,
    session_id: int,
    member_ids: Sequence[int],
    assigned_by: AssignedBy,
) -> None:
    """Replace a session's presenters."""
    conn.execute("DELETE FROM session_presenters WHERE session_id = ?", (session_id,))
    conn.executemany(
        "INSERT INTO session_presenters (session_id, member_id, assigned_by) VALUES (?, ?, ?)",
        [(session_id, member_id, assigned_by) for member_id in member_ids],
    )


def remove_presenter(conn: Connection, session_id: int, member_id: int) -> None:
    """Take one member off a session's presenters (the others keep how they were assigned)."""
    conn.execute(
        "DELETE FROM session_presenters WHERE session_id = ? AND member_id = ?",
        (session_id, member_id),
    )


# -- RSVPs and attendance ---------------------------------------------------------------


def set_rsvp(
    conn: Connection,
    session_id: int,
    member_id: int,
    answer: RsvpAnswer,
    *,
    at: datetime,
) -> None:
    conn.execute(
        "INSERT INTO rsvps (session_id, member_id, answer, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (session_id, member_id) DO UPDATE SET answer = excluded.answer, "
        "updated_at = excluded.updated_at",
        (session_id, member_id, answer, stamp(at)),
    )


def rsvp_counts(conn: Connection, session_id: int) -> RsvpCounts:
    """How many answered going, maybe and not going (kept by triggers on ``rsvps``)."""
    row = fetch_one(
        conn, "SELECT going, maybe, not_going FROM session_rsvp_counts WHERE session_id = ?",
        (session_id,))
    if row is None:
        return RsvpCounts()
    return RsvpCounts(going=int(row[0]), maybe=int(row[1]), not_going=int(row[2]))


def rsvps_of(conn: Connection, session_id: int) -> dict[int, RsvpAnswer]:
    rows = fetch_all(
        conn, "SELECT member_id, answer FROM rsvps WHERE session_id = ?", (session_id,))
    return {row[0]: cast(RsvpAnswer, row[1]) for row in rows}


def record_attendance(
    conn: Connection,
    session_id: int,
    member_id: int,
    *,
    attended: bool,
    source: AttendanceSource,
    at: datetime,
) -> bool:
    """Store one attendance mark; True when it changed something. A mark from RSVPs
    never overrides a moderator's correction."""
    cursor = conn.execute(
        "INSERT INTO attendance (session_id, member_id, attended, source, recorded_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, member_id) DO UPDATE SET "
        "attended = excluded.attended, source = excluded.source, "
        "recorded_at = excluded.recorded_at "
        "WHERE (attendance.source = 'rsvp' OR excluded.source = 'moderator') "
        "AND (attendance.attended <> excluded.attended OR attendance.source <> excluded.source)",
        (session_id, member_id, int(attended), source, stamp(at)),
    )
    return cursor.rowcount > 0


def attendance_of_session(
    conn: Connection, session_id: int
) -> dict[int, tuple[bool, AttendanceSource]]:
    rows = fetch_all(
        conn, "SELECT member_id, attended, source FROM attendance WHERE session_id = ?",
        (session_id,))
    return {row[0]: (bool(row[1]), cast(AttendanceSource, row[2])) for row in rows}


def attendees_by_session(conn: Connection, round_id: int) -> dict[int, set[int]]:
    """``{session id: member ids that attended}`` over a round."""
    result: dict[int, set[int]] = {}
    for row in fetch_all(
        conn,
        "SELECT a.session_id, a.member_id FROM attendance a JOIN sessions s "
        "ON s.id = a.session_id WHERE s.round_id = ? AND a.attended = 1",
        (round_id,),
    ):
        result.setdefault(row[0], set()).add(row[1])
    return result


# -- the scheduled messages of sessions ----------------------------------------------


def link_schedule(conn: Connection, session_id: int, schedule_id: int) -> None:
    conn.execute(
        "INSERT INTO session_schedules (session_id, schedule_id) VALUES (?, ?)",
        (session_id, schedule_id),
    )


def schedules_of(conn: Connection, session_ids: Sequence[int]) -> list[int]:
    """The schedule ids linked to any of ``session_ids``."""
    if not session_ids:
        return []
    marks = ", ".join("?" for _ in session_ids)
    rows = fetch_all(
        conn,
        f"SELECT schedule_id FROM session_schedules WHERE session_id IN ({marks}) "
        "ORDER BY schedule_id",
        list(session_ids),
    )
    return [row[0] for row in rows]


def member_rows(
    conn: Connection, member_ids: Iterable[int]
) -> dict[int, tuple[str, str | None]]:
    """``{member id: (external id, display name)}``."""
    ids = list(member_ids)
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = fetch_all(
        conn, f"SELECT id, external_id, display_name FROM members WHERE id IN ({marks})", ids)
    return {row[0]: (row[1], row[2]) for row in rows}


# --- DMs before a session for members who said going --------------------------------


def add_dm_optin(conn: Connection, session_id: int, member_id: int, lang: str, *,
                 at: datetime) -> bool:
    """Remember that the member wants a DM before the session; False if they had
    asked already."""
    cursor = conn.execute(
        "INSERT INTO session_dm_optins (session_id, member_id, lang, created_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (session_id, member_id) DO NOTHING",
        (session_id, member_id, lang, stamp(at)),
    )
    return cursor.rowcount > 0


def remove_dm_optin(conn: Connection, session_id: int, member_id: int) -> bool:
    """Forget the member's DM opt-in for the session; False if there was none."""
    cursor = conn.execute(
        "DELETE FROM session_dm_optins WHERE session_id = ? AND member_id = ?",
        (session_id, member_id),
    )
    return cursor.rowcount > 0


def dm_optins(conn: Connection, session_id: int) -> list[tuple[str, str]]:
    """``(member's platform id, language)`` of everyone who asked for a DM before the
    session, oldest first."""
    rows = fetch_all(
        conn,
        "SELECT m.external_id, o.lang FROM session_dm_optins o "
        "JOIN members m ON m.id = o.member_id WHERE o.session_id = ? "
        "ORDER BY o.created_at, m.external_id",
        (session_id,),
    )
    return [(str(row[0]), str(row[1])) for row in rows]


def owned_schedules_of(conn: Connection, session_id: int, owner: str) -> list[int]:
    """The schedules linked to the session that belong to member ``owner``."""
    rows = fetch_all(
        conn,
        "SELECT l.schedule_id FROM session_schedules l JOIN schedules s "
        "ON s.id = l.schedule_id WHERE l.session_id = ? AND s.owned_by = ? "
        "ORDER BY l.schedule_id",
        (session_id, owner),
    )
    return [row[0] for row in rows]


def rsvp_of(conn: Connection, session_id: int, member_id: int) -> str | None:
    """The member's RSVP answer for the session, or None."""
    value = fetch_value(conn, "SELECT answer FROM rsvps WHERE session_id = ? AND member_id = ?",
                        (session_id, member_id))
    return None if value is None else str(value)
