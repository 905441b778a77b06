"""Members in a round: joining and leaving, presenting by a fair rotation (or by a
moderator's choice), RSVPs, and attendance."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast

from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import MemberRef
from bot.core.round_model import RSVP_ANSWERS, Round, RsvpAnswer, RsvpCounts, Session
from bot.i18n import Lang
from bot.rounds import rotation
from bot.rounds.parts import lookup
from bot.rounds.parts.context import RoundPart, refuse_closed
from bot.rounds.parts.session_reminders import ReminderBatch
from bot.rounds.results import (
    AttendanceResult,
    Membership,
    RoundChange,
    RsvpResult,
    SessionChange,
)
from storage import communities as community_store
from storage import rounds as store
from storage.connection import Connection


class Participation(RoundPart):
    """Membership, presenters, RSVPs and attendance."""

    async def join(
        self,
        member: MemberRef,
        round_text: str | None,
        *,
        display_name: str | None = None,
        presenting: bool = True,
    ) -> Membership:
        """Join a round (or change whether one presents); open presenter slots are
        filled, and a member who stops presenting hands their turns on."""
        now = self._ctx.clock.now()

        def join(conn: Connection) -> Round:
            rnd = lookup.find_round(conn, member.community, round_text)
            refuse_closed(rnd)
            member_id = community_store.ensure_member(conn, member, display_name)
            change_membership(conn, rnd, member_id, now, joined=True, presenting=presenting)
            return rnd

        rnd = await self._ctx.db.write(join)
        return Membership(rnd, joined=True, presenting=presenting)

    async def leave(self, member: MemberRef, round_text: str | None) -> Membership:
        """Leave a round; the member's upcoming rotation turns pass to others."""
        now = self._ctx.clock.now()

        def leave(conn: Connection) -> Round:
            rnd = lookup.find_round(conn, member.community, round_text)
            refuse_closed(rnd)
            member_id = community_store.find_member(conn, member)
            current = {m.member_id: m for m in store.list_members(conn, rnd.id)}
            if member_id is None or member_id not in current or not current[member_id].joined:
                raise UserFacingError("rounds.error.not_joined", round=rnd.name)
            change_membership(conn, rnd, member_id, now, joined=False, presenting=False)
            return rnd

        rnd = await self._ctx.db.write(leave)
        return Membership(rnd, joined=False, presenting=False)

    async def rotate_presenters(self, actor: Actor, round_text: str | None) -> RoundChange:
        """Plan the upcoming presenters afresh by the fair rotation (a moderator's
        hand assignments are kept)."""
        actor.require_moderator()
        now = self._ctx.clock.now()

        def rotate(conn: Connection) -> tuple[Round, list[Session]]:
            rnd = lookup.find_round(conn, actor.community, round_text)
            if rnd.status != "active":
                raise UserFacingError("rounds.error.not_active", round=rnd.name)
            fill_presenters(conn, rnd, now, reshuffle=True)
            sessions = store.list_sessions(conn, rnd.id)
            return rnd, sessions

        rnd, sessions = await self._ctx.db.write(rotate)
        upcoming = [s for s in sessions if s.status == "scheduled" and s.starts_at > now]
        return RoundChange(rnd, tuple(upcoming))

    async def assign_presenter(
        self,
        actor: Actor,
        session_text: str,
        presenter: MemberRef,
        *,
        display_name: str | None = None,
    ) -> SessionChange:
        """A moderator's choice of presenter for one session (overrides the rotation,
        whose later turns are rebalanced around it)."""
        actor.require_moderator()
        config = await self._ctx.community.config(actor.community)

        def assign(conn: Connection) -> tuple[Session, Round, Session | None]:
            rnd, session = lookup.find_session(conn, actor.community, session_text)
            if session.status == "cancelled" or rnd.status == "closed":
                raise UserFacingError("rounds.error.session_not_open", index=session.index)
            member_id = community_store.ensure_member(conn, presenter, display_name)
            store.set_presenters(conn, session.id, [member_id], "moderator")
            # The rotation's other turns make room around the moderator's choice.
            fill_presenters(conn, rnd, self._ctx.clock.now(), reshuffle=True,
                                  settled=SETTLED_TURN)
            updated = store.get_session(conn, session.id)
            return session, rnd, updated

        session, rnd, updated = await self._ctx.db.write(assign)
        assert updated is not None
        report = await self._ctx.events.sync(rnd, [updated], config)
        return SessionChange(rnd, updated, report.notice, report.outcome(session.id))

    async def rsvp(
        self,
        member: MemberRef,
        session_id: int,
        answer: str,
        *,
        display_name: str | None = None,
        message: tuple[str, str] | None = None,
    ) -> RsvpResult:
        """Answer going / maybe / not going; returns the new counts. ``message`` is
        the (channel id, message id) answered on, remembered as the session's
        announcement so later changes can update it."""
        if answer not in RSVP_ANSWERS:
            raise UserFacingError("rounds.error.rsvp_answer")
        choice = cast(RsvpAnswer, answer)
        now = self._ctx.clock.now()

        def store_answer(batch: ReminderBatch) -> tuple[Session, Round, RsvpCounts]:
            conn = batch.conn
            rnd, session = lookup.find_session(conn, member.community, str(session_id))
            if session.status != "scheduled" or session.ends_at <= now or rnd.status != "active":
                raise UserFacingError("rounds.error.rsvp_closed", index=session.index)
            member_id = community_store.ensure_member(conn, member, display_name)
            store.set_rsvp(conn, session.id, member_id, choice, at=now)
            if choice != "going" and store.remove_dm_optin(conn, session.id, member_id):
                batch.drop_dm(session.id, member.external_id)  # only for who is going
            if message is not None:
                store.set_announcement(conn, session.id, *message)
            counts = store.rsvp_counts(conn, session.id)
            return session, rnd, counts

        session, rnd, counts = await self._ctx.reminders.write(store_answer)
        return RsvpResult(rnd, session, choice, counts)

    async def dm_before(
        self, member: MemberRef, session_id: int, *, wanted: bool, lang: Lang,
    ) -> Session:
        """A member who said going asks for (``wanted``) or stops a direct message an
        hour before the session, in ``lang``. Only for a scheduled session still to
        come, and only after answering going."""
        now = self._ctx.clock.now()
        config = await self._ctx.community.config(member.community)

        def change(batch: ReminderBatch) -> Session:
            conn = batch.conn
            rnd, session = lookup.find_session(conn, member.community, str(session_id))
            member_id = community_store.find_member(conn, member)
            if not wanted:
                if member_id is not None and store.remove_dm_optin(conn, session.id, member_id):
                    batch.drop_dm(session.id, member.external_id)
                return session
            if session.status != "scheduled" or session.starts_at <= now \
                    or rnd.status != "active":
                raise UserFacingError("rounds.error.rsvp_closed", index=session.index)
            if member_id is None or store.rsvp_of(conn, session.id, member_id) != "going":
                raise UserFacingError("rounds.dm.not_going", index=session.index)
            if store.add_dm_optin(conn, session.id, member_id, lang, at=now):
                batch.add_dm(rnd, session, config.zone, now, member.external_id, lang)
            return session

        return await self._ctx.reminders.write(change)

    async def correct_attendance(
        self,
        actor: Actor,
        session_text: str,
        member: MemberRef,
        *,
        attended: bool,
        display_name: str | None = None,
    ) -> AttendanceResult:
        """A moderator's correction of one member's attendance (wins over RSVPs)."""
        actor.require_moderator()
        now = self._ctx.clock.now()

        def correct(conn: Connection) -> tuple[Session, Round, bool]:
            rnd, session = lookup.find_session(conn, actor.community, session_text)
            if session.status == "cancelled":
                raise UserFacingError("rounds.error.session_not_open", index=session.index)
            if session.starts_at > now:
                raise UserFacingError("rounds.error.session_not_started", index=session.index)
            member_id = community_store.ensure_member(conn, member, display_name)
            changed = store.record_attendance(
                conn, session.id, member_id, attended=attended, source="moderator", at=now
            )
            return session, rnd, changed

        session, rnd, changed = await self._ctx.db.write(correct)
        # The session has begun (checked above), so the correction counts for the
        # streak at once, not only once the session is finalized as held.
        if session.status in ("scheduled", "held"):
            if attended:
                await self._ctx.attendance.count_checkin(rnd, session, member.external_id,
                                                     display_name)
            else:
                await self._ctx.attendance.withdraw_checkin(rnd, session, member.external_id)
        return AttendanceResult(session, attended, changed)


# A rotation turn this close to its session is not moved when members join or leave:
# the day-before reminder has named the presenter, who has prepared.
SETTLED_TURN = timedelta(hours=24)


def change_membership(
    conn: Connection, rnd: Round, member_id: int, now: datetime, *, joined: bool, presenting: bool
) -> None:
    """Store whether a member is in ``rnd`` (and presents), then plan the rotation
    around it: one who left or stops presenting hands their upcoming turns on, and
    open turns are filled (turns within ``SETTLED_TURN`` stay)."""
    store.set_membership(
        conn, rnd.id, member_id, joined=joined,
        opted_out_presenting=not presenting if joined else None, at=now,
    )
    if not (joined and presenting):
        release_turns(conn, rnd, member_id, now)
    fill_presenters(conn, rnd, now, reshuffle=True, settled=SETTLED_TURN)


def release_turns(
    conn: Connection, rnd: Round, member_id: int, now: datetime
) -> None:
    """Take a member off every upcoming session they were to present, whether the
    rotation or a moderator gave them the turn (they left, or stopped presenting)."""
    for session in store.list_sessions(conn, rnd.id):
        if session.status != "scheduled" or session.starts_at <= now:
            continue
        if any(p.member_id == member_id for p in session.presenters):
            store.remove_presenter(conn, session.id, member_id)


def fill_presenters(
    conn: Connection, rnd: Round, now: datetime, *, reshuffle: bool,
    settled: timedelta = timedelta(0),
) -> list[Session]:
    """Give every upcoming session without a presenter one by the fair rotation.
    With ``reshuffle`` the upcoming rotation turns are planned afresh, except those
    of sessions starting within ``settled`` from now; a moderator's assignments
    always stay."""
    if rnd.status != "active":
        return []
    sessions = [s for s in store.list_sessions(conn, rnd.id) if s.status != "cancelled"]
    members = store.list_members(conn, rnd.id)
    candidates = [
        rotation.Candidate(m.member_id, order, m.opted_out_presenting)
        for order, m in enumerate(members)
        if m.joined
    ]

    def replanned(session: Session) -> bool:
        """Whether this session's rotation turns are up for planning again."""
        return (reshuffle and session.status == "scheduled"
                and session.starts_at > now + settled)

    slots = []
    for session in sessions:
        upcoming = session.status == "scheduled" and session.starts_at > now
        keep = [
            p.member_id
            for p in session.presenters
            if not (replanned(session) and p.assigned_by == "rotation")
        ]
        open_slot = upcoming and not keep
        slots.append(rotation.Slot(session.id, None if open_slot else tuple(keep)))
    plan = rotation.plan_rotation(slots, candidates)
    changed = []
    for session in sessions:
        if session.id in plan:
            if [p.member_id for p in session.presenters] != [plan[session.id]]:
                store.set_presenters(conn, session.id, [plan[session.id]], "rotation")
                changed.append(session)
        elif replanned(session) and any(p.assigned_by == "rotation" for p in session.presenters):
            store.set_presenters(conn, session.id, [], "rotation")
    return changed
