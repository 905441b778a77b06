"""What the moderators of a community hear from the schedule engine: skipped,
failed, paused and uncertain deliveries, one message per community."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.community import CommunityConfig, CommunityService
from bot.core.refs import ChannelRef, CommunityRef
from bot.i18n import Catalog, Lang
from bot.ports import OutgoingMessage, Poster
from bot.schedules.parse import format_local
from storage import schedules as store
from storage.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Notice:
    """One line for the moderators: the message key, the schedule and its params.

    A notice whose community is not known yet has an empty ``community.platform``;
    it is looked up from the schedule before sending.
    """

    community: CommunityRef
    key: str
    schedule_id: int
    when: datetime | None = None
    params: tuple[tuple[str, Any], ...] = ()


class ModeratorNotices:
    """Sends notices to each community's moderators, in the community's language."""

    def __init__(
        self,
        db: Database,
        community_service: CommunityService,
        texts: Catalog,
        default_language: Lang,
    ) -> None:
        self._db = db
        self._community = community_service
        self._texts = texts
        self._default_language = default_language

    async def send(self, poster: Poster | None, notices: Sequence[Notice]) -> None:
        """Tell the moderators through ``poster`` (needed when there is a notice);
        failures are logged, never raised."""
        if not notices:
            return
        assert poster is not None
        try:
            notices = await self._resolve_communities(notices)
        except Exception:
            log.exception("could not look up communities for %d notices", len(notices))
            return
        by_community: dict[CommunityRef, list[Notice]] = defaultdict(list)
        for notice in notices:
            by_community[notice.community].append(notice)
        for community, items in by_community.items():
            try:
                config = await self._community.config(community)
                lang: Lang = config.shared_language(self._default_language)
                lines = [self._line(item, config, lang) for item in items]
                message = OutgoingMessage(
                    title=self._texts.t("schedules.notice.title", lang),
                    body="\n".join(lines)[:4000],
                )
                channel = (ChannelRef(community, config.moderator_channel)
                           if config.moderator_channel else None)
                await poster.notify_moderators(community, message, channel=channel)
            except Exception:
                log.exception("telling the moderators of %s failed", community.external_id)

    async def _resolve_communities(self, notices: Sequence[Notice]) -> list[Notice]:
        unknown = [n.schedule_id for n in notices if not n.community.platform]
        if not unknown:
            return list(notices)
        found = await self._db.read(store.get_schedules, unknown)
        resolved = []
        for notice in notices:
            if notice.community.platform:
                resolved.append(notice)
            elif notice.schedule_id in found:
                resolved.append(Notice(found[notice.schedule_id].community, notice.key,
                                       notice.schedule_id, notice.when, notice.params))
        return resolved

    def _line(self, notice: Notice, config: CommunityConfig, lang: Lang) -> str:
        params: dict[str, Any] = dict(notice.params)
        params["id"] = notice.schedule_id
        if notice.when is not None:
            params["time"] = format_local(notice.when, config.zone, lang)
        return self._texts.t(notice.key, lang, **params)
