"""The privacy service: every export and deletion path of Discord, Slack and the
command line goes through here."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.clock import Clock
from bot.community import CommunityService
from bot.core.actor import Actor
from bot.core.errors import NotModerator, UserFacingError
from bot.core.refs import FORMER_MEMBER_PREFIX, CommunityRef, MemberRef
from bot.i18n import Catalog, Lang
from bot.privacy.cooldown import Cooldown
from bot.privacy.export import MemberExport
from bot.rounds.parts.participation import fill_presenters
from bot.schedules.engine import ScheduleEngine
from storage import privacy as store
from storage import rounds as round_store
from storage.connection import Connection
from storage.database import Database

log = logging.getLogger(__name__)

EXPORT_COOLDOWN = timedelta(minutes=5)
# A member's own deletion: once a day (a second one has nothing left to delete;
# the limit keeps a scripted client from hammering the writer).
SELF_DELETE_COOLDOWN = timedelta(days=1)
# Moderators acting on requests: at most this many deletions per community per hour,
# so a compromised or careless moderator account cannot wipe a community in seconds.
MODERATOR_DELETES_PER_HOUR = 5
HOUSEKEEPING_EVERY = timedelta(hours=1)
RETENTION_SETTING = "checkin_text_days"
RETENTION_BATCH = 5000


@dataclass(frozen=True, slots=True)
class DeletionResult:
    """What a deletion did; ``found`` is False when nothing was stored."""

    target: MemberRef
    found: bool
    rows_deleted: int = 0
    rows_kept_anonymous: int = 0


@dataclass(frozen=True, slots=True)
class HousekeepingReport:
    communities_purged: int
    checkins_cleared: int


class PrivacyService:
    """Export and delete members' data; purge communities that removed the bot;
    enforce the retention settings."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        community: CommunityService,
        texts: Catalog,
        *,
        schedules: ScheduleEngine | None = None,
        purge_grace: timedelta = timedelta(days=30),
        default_language: Lang = "ko",
    ) -> None:
        """``schedules``: the engine that must stop timing a purged community's posts."""
        self._db = db
        self._clock = clock
        self._community = community
        self._texts = texts
        self._schedules = schedules
        self.purge_grace = purge_grace
        self._default_language = default_language
        self._exports = Cooldown(clock, EXPORT_COOLDOWN)
        self._self_deletes = Cooldown(clock, SELF_DELETE_COOLDOWN)
        self._moderator_deletes = Cooldown(clock, timedelta(hours=1), MODERATOR_DELETES_PER_HOUR)
        self._housekept_at: datetime | None = None

    # --- export -------------------------------------------------------------------

    async def export(self, member: MemberRef, *, limited: bool = True) -> MemberExport:
        """Everything stored about ``member`` in its community. ``limited``: the
        per-member cool-down applies (members; the operator's CLI is not limited)."""
        if limited:
            self._check(self._exports, member, "privacy.error.export_cooldown")
        tables = await self._db.read(store.export_member, member)
        if limited:
            self._exports.use(member)
        return MemberExport(member, self._clock.now(), tables)

    # --- deletion -----------------------------------------------------------------

    def check_delete(self, requester: Actor, target: MemberRef) -> None:
        """Raise unless ``requester`` may delete ``target``'s data now: a member their
        own, a moderator anyone's in the same community; cool-downs apply."""
        if target.community != requester.member.community:
            raise UserFacingError("privacy.error.other_community")
        if target != requester.member and not requester.is_moderator:
            raise NotModerator()
        if target == requester.member:
            self._check(self._self_deletes, target, "privacy.error.delete_cooldown")
        else:
            self._check(self._moderator_deletes, target.community,
                        "privacy.error.moderator_cooldown")

    async def delete(self, requester: Actor, target: MemberRef) -> DeletionResult:
        """Delete ``target``'s data in one transaction (after ``check_delete``'s rules);
        a moderator's deletion is written to the community's privacy audit log."""
        self.check_delete(requester, target)
        by_moderator = target != requester.member
        result = await self._delete(
            target, requested_by="moderator" if by_moderator else "member",
            actor=requester.member if by_moderator else None)
        if by_moderator:
            self._moderator_deletes.use(target.community)
        else:
            self._self_deletes.use(target)
        return result

    async def delete_by_operator(self, target: MemberRef) -> DeletionResult:
        """The operator's deletion from the command line (no cool-down)."""
        return await self._delete(target, requested_by="operator", actor=None)

    async def _delete(
        self, target: MemberRef, *, requested_by: str, actor: MemberRef | None
    ) -> DeletionResult:
        placeholder_name = self._texts.t("privacy.former_member",
                                         await self._language(target.community))
        placeholder_id = FORMER_MEMBER_PREFIX + secrets.token_hex(8)
        now = self._clock.now()

        def delete(conn: Connection) -> store.Deletion | None:
            deletion = store.delete_member(
                conn, ref=target, now=_iso(now),
                placeholder_id=placeholder_id, placeholder_name=placeholder_name,
                requested_by=requested_by, actor=actor)
            if deletion is not None:
                # The member's upcoming presenting turns pass on, as when leaving a round.
                for rnd in round_store.list_rounds(conn, deletion.community_id, ["active"]):
                    fill_presenters(conn, rnd, now, reshuffle=False)
            return deletion

        deletion = await self._db.write(delete)
        if deletion is None:
            return DeletionResult(target, found=False)
        log.info("deleted a member's data in %s %s on the %s's request (%d rows, %d kept "
                 "anonymous)", target.community.platform, target.community.external_id,
                 requested_by, deletion.rows_deleted, deletion.rows_kept_anonymous)
        return DeletionResult(target, True, deletion.rows_deleted, deletion.rows_kept_anonymous)

    async def deletion_log(self, community: CommunityRef) -> list[dict[str, object]]:
        """The community's deletions, newest first: when, on whose request, how many rows."""
        return await self._db.read(store.privacy_audit, community)

    # --- whole communities --------------------------------------------------------

    async def purge_community(self, community: CommunityRef) -> bool:
        """Delete everything stored about ``community`` at once; False if nothing was."""
        purged = await self._db.write(store.purge_community, community)
        if purged:
            self._community.forget(community)
            if self._schedules is not None:
                self._schedules.forget_community(community)
            log.info("purged every row of %s %s", community.platform, community.external_id)
        return purged

    async def community_left(self, community: CommunityRef) -> datetime | None:
        """The bot was removed from ``community``: its data is purged once the grace
        period ends. Returns when (None when nothing is stored about it)."""
        now = self._clock.now()
        purge_at = now + self.purge_grace
        marked = await self._db.write(
            store.mark_departure, community, left_at=_iso(now), purge_after=_iso(purge_at))
        if not marked:
            return None
        pending = await self._db.read(store.pending_departure, community)
        return datetime.fromisoformat(pending) if pending else purge_at

    async def community_returned(self, community: CommunityRef) -> bool:
        """The bot is in ``community`` (again): cancel a pending purge; True if one was."""
        cancelled = await self._db.write(store.cancel_departure, community)
        if cancelled:
            log.info("%s %s added the bot back; its data is kept",
                     community.platform, community.external_id)
        return cancelled

    async def communities_present(self, platform: str, present: set[str]) -> int:
        """The bot is connected to the ``present`` communities of ``platform`` (start-up):
        cancel their pending purges; returns how many were cancelled."""
        departed = await self._db.read(store.departed_communities, platform)
        cancelled = 0
        for external_id in departed:
            if external_id in present:
                cancelled += await self.community_returned(CommunityRef(platform, external_id))
        return cancelled

    # --- the periodic job ---------------------------------------------------------

    async def housekeeping(self) -> HousekeepingReport:
        """Purge communities whose grace period ended and clear check-in texts older
        than each community's ``checkin_text_days``."""
        now = self._clock.now()

        def due_and_retained(conn: Connection) -> tuple[list[CommunityRef], list[CommunityRef]]:
            due = store.due_departures(conn, _iso(now))
            return due, store.settings_with_key(conn, RETENTION_SETTING)

        due, retained = await self._db.read(due_and_retained)
        purged = 0
        for community in due:
            purged += await self.purge_community(community)
        cleared = 0
        for community in retained:
            days = getattr(await self._community.config(community), RETENTION_SETTING)
            if days is None:
                continue
            cleared += await self._clear_old_texts(community, _iso(now - timedelta(days=days)))
        self._housekept_at = now
        if purged or cleared:
            log.info("housekeeping: purged %d communities, cleared the text of %d check-ins",
                     purged, cleared)
        return HousekeepingReport(purged, cleared)

    async def _clear_old_texts(self, community: CommunityRef, before: str) -> int:
        """Clear in batches, so commands get the writer in between."""
        cleared = 0
        while True:
            done = await self._db.write(
                store.clear_checkin_text, ref=community, before=before, limit=RETENTION_BATCH)
            cleared += done
            if done < RETENTION_BATCH:
                return cleared

    async def sweep(self) -> None:
        """Called by the scheduler's periodic sweep: housekeeping at most hourly."""
        last = self._housekept_at
        if last is None or self._clock.now() - last >= HOUSEKEEPING_EVERY:
            await self.housekeeping()

    # --- helpers ------------------------------------------------------------------

    def _check(self, cooldown: Cooldown, key: object, message_key: str) -> None:
        wait = cooldown.wait_seconds(key)
        if wait:
            hours, minutes = divmod(-(-wait // 60), 60)
            raise UserFacingError(message_key, hours=hours, minutes=minutes)

    async def _language(self, community: CommunityRef) -> Lang:
        return (await self._community.config(community)).shared_language(self._default_language)


def _iso(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat()

