"""Which guilds, direct messages and workspaces one process serves when the bot
runs as several shard processes on one database (README "Scaling out").

Discord gives guild ``g`` to shard ``(g >> 22) % shard_count``. Work that belongs
to no guild (direct messages, Slack, reminders without a guild) runs in the
process that owns shard 0, unless a setting says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.refs import DISCORD, CommunityRef


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord hands guild ``guild_id`` to."""
    return (guild_id >> 22) % shard_count


def parse_shard_ids(text: str) -> tuple[int, ...]:
    """``"0-3"``, ``"0,2,5"`` or ``"0-1,4"`` as sorted shard ids; ValueError otherwise."""
    ids: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise ValueError(f"expected shard ids such as 0-3 or 0,2,5, not {text!r}")
        low, high = int(first), int(last) if dash else int(first)
        if high < low:
            raise ValueError(f"shard range {part} runs backwards")
        ids.update(range(low, high + 1))
    if not ids:
        raise ValueError(f"expected shard ids such as 0-3 or 0,2,5, not {text!r}")
    return tuple(sorted(ids))


@dataclass(frozen=True, slots=True)
class ShardPlan:
    """This process's part: ``count`` shards in all, ``ids`` of them here (None:
    one unsharded process, which serves everything). ``unsharded_work``: whether
    direct messages, Slack and guild-less reminders run here."""

    count: int | None = None
    ids: tuple[int, ...] | None = None
    unsharded_work: bool = True

    @property
    def sharded(self) -> bool:
        return self.count is not None

    @property
    def name(self) -> str:
        """A short label for logs and lease owners ('shards 0-1 of 3')."""
        if self.count is None or self.ids is None:
            return "unsharded"
        return f"shards {','.join(map(str, self.ids))} of {self.count}"

    def owns_guild(self, guild_id: int | None) -> bool:
        """Whether this process serves Discord guild ``guild_id`` (None: no guild)."""
        if guild_id is None:
            return self.unsharded_work
        if self.count is None or self.ids is None:
            return True
        return shard_of(guild_id, self.count) in self.ids

    def owns(self, community: CommunityRef) -> bool:
        """Whether this process serves ``community``'s schedules and events."""
        if community.platform != DISCORD:
            return self.unsharded_work
        try:
            guild = int(community.external_id)
        except ValueError:
            return self.unsharded_work
        return self.owns_guild(guild)
