"""Delivering occurrences at most once: the bookkeeping of claims, posts, retries
and outcomes, and the recovery of deliveries a crash left 'sending'.

Delivering one occurrence:

1. *Claim*, in one transaction: the delivery row is inserted as ``sending`` (the
   key (schedule, occurrence) makes a second claim a no-op) and the schedule's
   ``handled_until`` moves to the occurrence, so no restart claims it again.
2. *Post* with a nonce derived from (schedule, occurrence); Discord drops a repeat
   of the same nonce sent within a few minutes.
3. *Record* ``sent``/``late`` with the message id (or ``failed``), in one transaction.

A row found ``sending`` at start-up (a crash between 2 and 3) is re-sent with the
same nonce if its first attempt started less than ``resend_window`` (4 min) ago.
Older, the nonce no longer protects it, so the channel's recent messages are
searched for the post (Discord: the embed time marked with ``delivery_mark``;
Slack: the nonce in the metadata): found, it is recorded as sent; not found, it
is posted late if still within the community's ``missed_grace_hours``, else
recorded as skipped and the moderators are told. Only when the channel cannot be
read is it marked ``failed`` ("uncertain after crash"): never posted twice.
Transient errors are retried with backoff, every retry inside the window.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.core.refs import CommunityRef
from bot.ports import (
    ChannelUnavailable,
    HistoryUnavailable,
    OutgoingMessage,
    Poster,
    TransientDeliveryError,
)
from bot.schedules.catch_up import CatchUpPlan
from bot.schedules.due_queue import PendingRetry, Timetable
from bot.schedules.notices import Notice
from bot.schedules.triggers import is_recurring
from storage import schedules as store
from storage import shards as shard_store
from storage.connection import Connection
from storage.database import Database
from storage.schedules import DeliveryOutcome, NewDelivery, Schedule

log = logging.getLogger(__name__)

Renderer = Callable[[Schedule, datetime, bool], Awaitable[OutgoingMessage]]
"""Builds the message of one occurrence: ``(schedule, occurrence_utc, late)``."""

# Discord deduplicates an enforced nonce for a few minutes; stay inside that.
NONCE_WINDOW = timedelta(minutes=4)
NONCE_MAX = 25
DEFAULT_RETRY_DELAYS = (5.0, 15.0, 30.0, 60.0)

REASON_UNCERTAIN = "uncertain after crash"
REASON_PAST_GRACE = "not found after a crash and past the grace period"


def delivery_nonce(schedule_id: int, occurrence: datetime) -> str:
    """The stable nonce of one occurrence (at most 25 characters, as Discord allows)."""
    nonce = f"s{schedule_id}t{int(occurrence.timestamp())}"
    if len(nonce) <= NONCE_MAX:
        return nonce
    return hashlib.sha256(nonce.encode()).hexdigest()[:NONCE_MAX]


def delivery_mark(schedule_id: int, occurrence: datetime) -> datetime:
    """The instant a post of this occurrence carries (Discord: its embed time): the
    occurrence's minute, with seconds taken from the occurrence's nonce. Readers see
    the minute; the seconds tell this occurrence's post from other posts of that
    minute, so it can be found again after a crash."""
    nonce = delivery_nonce(schedule_id, occurrence)
    seconds = int(hashlib.sha256(nonce.encode()).hexdigest(), 16) % 60
    return occurrence.replace(second=seconds, microsecond=0)


@dataclass(slots=True)
class Claim:
    """An occurrence this process has claimed and is about to post."""

    schedule: Schedule
    occurrence: datetime
    late: bool
    attempts: int  # attempts made before this one
    first_attempt: datetime
    verify_until: datetime | None = None  # see ``PendingRetry.verify_until``


@dataclass
class DeliveryBatch:
    """What a round of deliveries leaves to write, time and tell."""

    outcomes: list[DeliveryOutcome] = field(default_factory=list)
    pauses: list[tuple[int, str]] = field(default_factory=list)
    finished: list[int] = field(default_factory=list)
    retries: list[tuple[float, PendingRetry]] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    progress: list[store.Progress] = field(default_factory=list)
    held: list[int] = field(default_factory=list)  # leased by another process: not claimed


@dataclass(frozen=True, slots=True)
class LeaseTerms:
    """Several processes share the database: a schedule is leased to ``owner`` for
    ``duration`` before its occurrence is claimed (see ``storage.shards``)."""

    owner: str
    duration: timedelta


class Deliveries:
    """Claims, posts and records occurrences; see the module docstring."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        timetable: Timetable,
        renderers: dict[str, Renderer],
        *,
        retry_delays: Sequence[float],
        resend_window: timedelta,
        max_parallel_posts: int,
        post_timeout: float,
        lease: LeaseTerms | None = None,
    ) -> None:
        self._db = db
        self.lease = lease
        self._clock = clock
        self._timetable = timetable
        self.renderers = renderers
        self.retry_delays = tuple(retry_delays)
        self._resend_window = resend_window
        self._post_slots = asyncio.Semaphore(max_parallel_posts)
        self._post_timeout = post_timeout

    async def claim(
        self, plans: list[CatchUpPlan], now: datetime
    ) -> tuple[list[Claim], DeliveryBatch]:
        """One transaction: write skipped rows, insert the 'sending' rows and move
        ``handled_until``; returns what to post. A key that exists is not claimed."""

        def claim(conn: Connection) -> tuple[list[Claim], DeliveryBatch, list[int]]:
            batch = DeliveryBatch()
            claims: list[Claim] = []
            current = store.get_schedules(conn, [p.entry.schedule_id for p in plans])
            live = []
            gone = []
            leased: set[int] | None = None
            if self.lease is not None:
                wanted = [i for i, s in current.items() if s.status == store.ACTIVE]
                leased = set(shard_store.lease_schedules(
                    conn, wanted, self.lease.owner, now, self.lease.duration))
            for plan in plans:
                found = current.get(plan.entry.schedule_id)
                if leased is not None and found is not None and found.id not in leased \
                        and found.status == store.ACTIVE:
                    batch.held.append(found.id)
                elif found is not None and found.status == store.ACTIVE:
                    live.append(plan)
                else:
                    gone.append(plan.entry.schedule_id)
            keys = [(p.entry.schedule_id, p.deliver) for p in live if p.deliver is not None]
            taken = store.existing_deliveries(conn, keys)
            rows: list[NewDelivery] = []
            progress: list[store.Progress] = []
            for plan in live:
                schedule = current[plan.entry.schedule_id]
                rows.extend(plan.skipped)
                if plan.too_old_count:
                    batch.notices.append(Notice(
                        schedule.community, "schedules.notice.skipped", schedule.id,
                        plan.too_old_last, (("count", plan.too_old_count),
                                            ("hours", f"{plan.config.missed_grace_hours:g}"))))
                if plan.deliver is not None and (schedule.id, plan.deliver) not in taken:
                    rows.append(NewDelivery(
                        schedule.id, plan.deliver, store.SENDING, late=plan.late,
                        nonce=delivery_nonce(schedule.id, plan.deliver), attempts=1,
                        attempted_at=now))
                    claims.append(Claim(schedule, plan.deliver, plan.late, 0, now))
                elif plan.deliver is None and not is_recurring(schedule.rule):
                    batch.finished.append(schedule.id)  # a one-off skipped entirely
                progress.append(store.Progress(schedule.id, plan.handled_until,
                                               plan.following, plan.entry.zone))
            store.insert_deliveries(conn, rows)
            store.record_progress(conn, progress)
            store.finish_active(conn, batch.finished)
            return claims, batch, gone

        claims, batch, gone = await self._db.write(claim)
        for schedule_id in gone:
            self._timetable.forget(schedule_id)
        batch.finished.clear()
        return claims, batch

    async def resume(
        self, retries: list[PendingRetry], now: datetime
    ) -> tuple[list[Claim], DeliveryBatch]:
        """The retries still worth an attempt, as claims; the others are failed
        (schedule paused, or the retry window passed). Removed schedules are dropped."""
        ids = [r.schedule_id for r in retries]
        lease = self.lease
        if lease is None:
            current = await self._db.read(store.get_schedules, ids)
        else:
            # Renew the leases; a retry whose lease another process took is its now.
            def renew(conn: Connection) -> dict[int, Schedule]:
                kept = set(shard_store.lease_schedules(
                    conn, ids, lease.owner, now, lease.duration))
                return {i: s for i, s in store.get_schedules(conn, ids).items() if i in kept}

            current = await self._db.write(renew)
        batch = DeliveryBatch()
        claims: list[Claim] = []
        for retry in retries:
            schedule = current.get(retry.schedule_id)
            if schedule is None:
                continue  # removed (its delivery rows went with it), or taken over
            if schedule.status != store.ACTIVE:
                self._fail(batch, schedule, retry.occurrence, retry.attempts,
                           "schedule paused before the retry", notify=False, now=now)
            elif now - retry.first_attempt >= self._resend_window:
                self._fail(batch, schedule, retry.occurrence, retry.attempts,
                           "retry window passed", notify=True, now=now)
            else:
                claims.append(Claim(schedule, retry.occurrence, retry.late, retry.attempts,
                                    retry.first_attempt, retry.verify_until))
        return claims, batch

    async def attempt(
        self, poster: Poster | None, claims: list[Claim], batch: DeliveryBatch
    ) -> None:
        """Post every claim at once and add what came of each to ``batch``: the
        outcome, a retry, a pause (channel gone) and the moderators' notices."""
        keeping = self._keep_leases([claim.schedule.id for claim in claims])
        try:
            results = await asyncio.gather(*(self._post(poster, claim) for claim in claims))
        finally:
            if keeping is not None:
                keeping.cancel()
                await asyncio.gather(keeping, return_exceptions=True)
        finished_at = self._clock.now()
        for claim, (kind, detail) in zip(claims, results, strict=True):
            schedule, attempts = claim.schedule, claim.attempts + 1
            one_off = not is_recurring(schedule.rule)
            if kind in ("sent", "found"):
                if kind == "found":
                    log.info("schedule %s occurrence %s was posted before the crash (%s)",
                             schedule.id, claim.occurrence.isoformat(), detail)
                batch.outcomes.append(DeliveryOutcome(
                    schedule.id, claim.occurrence, store.LATE if claim.late else store.SENT,
                    attempts, message_id=detail, finished_at=finished_at))
                if one_off:
                    batch.finished.append(schedule.id)
            elif kind == "past_grace":
                batch.outcomes.append(DeliveryOutcome(
                    schedule.id, claim.occurrence, store.SKIPPED, attempts,
                    finished_at=finished_at, reason=REASON_PAST_GRACE))
                if one_off:
                    batch.finished.append(schedule.id)
                batch.notices.append(Notice(
                    schedule.community, "schedules.notice.crash_skipped", schedule.id,
                    claim.occurrence))
                log.warning("schedule %s occurrence %s: %s", schedule.id,
                            claim.occurrence.isoformat(), REASON_PAST_GRACE)
            elif kind == "unverifiable":
                self._uncertain(batch, schedule.id, claim.occurrence, attempts, finished_at,
                                "schedules.notice.unverifiable", community=schedule.community)
                if one_off:
                    batch.finished.append(schedule.id)
            elif kind == "unavailable":
                reason = f"channel unavailable: {detail}"[:300]
                batch.outcomes.append(DeliveryOutcome(
                    schedule.id, claim.occurrence, store.FAILED, attempts,
                    finished_at=finished_at, reason=reason))
                batch.pauses.append((schedule.id, reason))
                self._timetable.forget(schedule.id)
                batch.notices.append(Notice(schedule.community, "schedules.notice.paused",
                                            schedule.id, None,
                                            (("channel", schedule.channel_id),)))
                log.warning("schedule %s paused: %s", schedule.id, reason)
            elif kind == "transient" and self._may_retry(claim, attempts):
                delay = self.retry_delays[attempts - 1]
                batch.outcomes.append(DeliveryOutcome(
                    schedule.id, claim.occurrence, store.SENDING, attempts,
                    reason=f"attempt {attempts} failed: {detail}"[:300]))
                # An occurrence in doubt is looked for again before the next attempt.
                batch.retries.append((finished_at.timestamp() + delay, PendingRetry(
                    schedule.id, claim.occurrence, claim.late, attempts, claim.first_attempt,
                    claim.verify_until)))
                log.info("schedule %s: attempt %d failed (%s); retrying in %.0f s",
                         schedule.id, attempts, detail, delay)
            else:
                reason = f"gave up after {attempts} attempts: {detail}" if kind == "transient" \
                    else f"failed: {detail}"
                self._fail(batch, schedule, claim.occurrence, attempts, reason[:300],
                           notify=True, now=finished_at)

    def _keep_leases(self, ids: list[int]) -> asyncio.Task[None] | None:
        """Shard processes: renew the leases on ``ids`` every third of a lease while
        their posts are in flight (a burst paced under Discord's limit can take
        longer than one lease), so no other process takes them over meanwhile."""
        lease = self.lease
        if lease is None or not ids:
            return None

        async def renew() -> None:
            while True:
                await asyncio.sleep(lease.duration.total_seconds() / 3)
                try:
                    await self._db.write(shard_store.lease_schedules, ids, lease.owner,
                                         self._clock.now(), lease.duration)
                except Exception:
                    log.exception("renewing %d schedule leases failed", len(ids))

        return asyncio.create_task(renew())

    async def record(self, batch: DeliveryBatch) -> None:
        """Write ``batch``'s progress, outcomes, pauses and finished schedules in one
        transaction; a failure is logged (the rows stay 'sending')."""
        if not (batch.outcomes or batch.pauses or batch.finished or batch.progress):
            return
        try:

            def record(conn: Connection) -> None:
                store.record_progress(conn, batch.progress)
                store.record_outcomes(conn, batch.outcomes)
                store.pause_active(conn, batch.pauses)
                store.finish_active(conn, batch.finished)
                if self.lease is not None:
                    done = [o.schedule_id for o in batch.outcomes if o.status != store.SENDING]
                    shard_store.release_leases(conn, done, self.lease.owner)

            await self._db.write(record)
        except Exception:
            # The rows stay 'sending'; the next start resolves them by the crash rule.
            log.exception("recording %d delivery outcomes failed", len(batch.outcomes))

    def recover_sending(
        self, sending: Iterable[store.Delivery], now: datetime,
        grace: Mapping[int, timedelta] | None = None,
    ) -> DeliveryBatch:
        """Deliveries left 'sending' by a crash. While Discord still deduplicates the
        nonce they are re-sent with it. Older ones of an active schedule (``grace``:
        its community's ``missed_grace_hours``, by schedule id) are looked for in
        the channel first, then posted late or skipped (see the module docstring);
        those of a schedule no longer active are marked failed, never re-posted."""
        batch = DeliveryBatch()
        for delivery in sending:
            started = delivery.attempted_at or delivery.occurrence
            if now - started < self._resend_window and delivery.attempts <= len(
                self.retry_delays
            ):
                log.info("re-sending schedule %s occurrence %s (interrupted %s ago)",
                         delivery.schedule_id, delivery.occurrence.isoformat(), now - started)
                batch.retries.append((now.timestamp(), PendingRetry(
                    delivery.schedule_id, delivery.occurrence, delivery.late,
                    delivery.attempts, started)))
                continue
            window = (grace or {}).get(delivery.schedule_id)
            if window is not None:
                log.info("schedule %s occurrence %s was interrupted %s ago; looking for it "
                         "in the channel", delivery.schedule_id,
                         delivery.occurrence.isoformat(), now - started)
                batch.retries.append((now.timestamp(), PendingRetry(
                    delivery.schedule_id, delivery.occurrence, delivery.late,
                    delivery.attempts, now, verify_until=delivery.occurrence + window)))
                continue
            self._uncertain(batch, delivery.schedule_id, delivery.occurrence,
                            delivery.attempts, now, "schedules.notice.uncertain")
        return batch

    @staticmethod
    def _uncertain(batch: DeliveryBatch, schedule_id: int, occurrence: datetime, attempts: int,
                   now: datetime, notice_key: str,
                   community: CommunityRef | None = None) -> None:
        """Mark an occurrence failed as uncertain after a crash and tell moderators."""
        log.warning("schedule %s occurrence %s marked failed (%s)", schedule_id,
                    occurrence.isoformat(), REASON_UNCERTAIN)
        batch.outcomes.append(DeliveryOutcome(
            schedule_id, occurrence, store.FAILED, attempts, finished_at=now,
            reason=REASON_UNCERTAIN))
        batch.notices.append(Notice(community or CommunityRef("", ""), notice_key,
                                    schedule_id, occurrence))

    def _may_retry(self, claim: Claim, attempts: int) -> bool:
        if attempts > len(self.retry_delays):
            return False
        delay = timedelta(seconds=self.retry_delays[attempts - 1])
        return self._clock.now() + delay - claim.first_attempt < self._resend_window

    def _fail(self, batch: DeliveryBatch, schedule: Schedule, occurrence: datetime,
              attempts: int, reason: str, *, notify: bool, now: datetime) -> None:
        batch.outcomes.append(DeliveryOutcome(
            schedule.id, occurrence, store.FAILED, attempts, finished_at=now, reason=reason))
        if not is_recurring(schedule.rule):
            batch.finished.append(schedule.id)
        if notify:
            batch.notices.append(Notice(schedule.community, "schedules.notice.failed",
                                        schedule.id, occurrence, (("attempts", attempts),)))
        log.warning("schedule %s occurrence %s failed: %s", schedule.id,
                    occurrence.isoformat(), reason)

    async def _post(self, poster: Poster | None, claim: Claim) -> tuple[str, str]:
        """One attempt: ``(outcome, detail)`` with outcome sent (detail = message id),
        unavailable, transient or error; for an occurrence in doubt after a crash
        also found (already in the channel: detail = its id), past_grace or
        unverifiable. Never raises."""
        schedule = claim.schedule
        renderer = self.renderers.get(schedule.kind)
        if renderer is None:
            log.error("schedule %s: no renderer for kind %r", schedule.id, schedule.kind)
            return "error", f"no renderer for kind {schedule.kind!r}"
        assert poster is not None
        nonce = delivery_nonce(schedule.id, claim.occurrence)
        mark = delivery_mark(schedule.id, claim.occurrence)
        async with self._post_slots:
            try:
                message = replace(await renderer(schedule, claim.occurrence, claim.late),
                                  marked_at=mark)
                if claim.verify_until is not None:
                    async with asyncio.timeout(self._post_timeout):
                        earlier = await poster.find_posted(schedule.channel, message,
                                                           nonce=nonce)
                    if earlier is not None:
                        return "found", earlier
                    if self._clock.now() > claim.verify_until:
                        return "past_grace", ""
                    if not claim.late:  # posted now, after the crash: say it comes late
                        claim.late = True
                        message = replace(await renderer(schedule, claim.occurrence, True),
                                          marked_at=mark)
                async with asyncio.timeout(self._post_timeout):
                    message_id = await poster.post(schedule.channel, message, nonce=nonce)
            except HistoryUnavailable as exc:
                return "unverifiable", str(exc) or type(exc).__name__
            except ChannelUnavailable as exc:
                return "unavailable", str(exc) or type(exc).__name__
            except (TransientDeliveryError, TimeoutError) as exc:
                return "transient", str(exc) or type(exc).__name__
            except Exception as exc:
                log.exception("schedule %s: delivering %s failed", schedule.id,
                              claim.occurrence.isoformat())
                return "error", f"{type(exc).__name__}: {exc}"
        return "sent", message_id
