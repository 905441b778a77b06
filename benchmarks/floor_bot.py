"""The floor: a bare discord.py bot answering a constant ``/ping`` through the fake Discord.

Every studybot interaction benchmark is compared with these numbers: they are what
discord.py plus the fake cost with no application code at all.

    python -m benchmarks.floor_bot [--n 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import re
import sqlite3
from pathlib import Path
from typing import Any

import discord
from discord.ext import commands

from benchmarks._measure import Summary, time_concurrent, time_sequential
from tests.helpers.fakes.discord import FakeDiscord, build_default_guild

# About the size of a member's heatmap PNG (bench_streaks prints the real one).
UPLOAD_BYTES = 4_500
# The buttons of ``/board``, as many as a session's RSVP buttons.
BOARD_ANSWERS = ("going", "maybe", "no")


def build_floor_bot(data_dir: Path | None = None, database_sync: str = "full") -> commands.Bot:
    """Bare bot (guilds intent only), one command per class of studybot command:
    ``/ping`` answers a constant text; with ``data_dir``, ``/write`` also stores one
    row with raw ``sqlite3`` (WAL, synchronous=FULL: one fsync, as studybot's
    default; ``database_sync="normal"``: no fsync) before answering, ``/picture``
    answers with a PNG-sized file, and ``/board`` posts three buttons whose clicks
    each store a row, redraw the buttons with their counts on the clicked message
    and confirm privately in a follow-up (what an RSVP click does)."""
    intents = discord.Intents.none()
    intents.guilds = True
    bot = commands.Bot(command_prefix="!", intents=intents, help_command=None,
                       guild_ready_timeout=0.05)

    @bot.tree.command(description="Constant reply")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong")

    if data_dir is None:
        return bot
    conn = sqlite3.connect(data_dir / "floor.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={'FULL' if database_sync == 'full' else 'NORMAL'}")
    conn.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, member TEXT, at TEXT)")
    upload = b"\x89PNG\r\n\x1a\n" + bytes(UPLOAD_BYTES - 8)

    @bot.tree.command(description="One durable insert, then a constant reply")
    async def write(interaction: discord.Interaction) -> None:
        conn.execute("INSERT INTO rows (member, at) VALUES (?, ?)",
                     (str(interaction.user.id), interaction.created_at.isoformat()))
        await interaction.response.send_message("stored")

    @bot.tree.command(description="A constant reply with a PNG-sized file")
    async def picture(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            "here", file=discord.File(io.BytesIO(upload), filename="floor.png"))

    clicks = dict.fromkeys(BOARD_ANSWERS, 0)

    def board_view() -> discord.ui.View:
        # Drawn only (stopped), as studybot's RSVP buttons: discord.py keeps no view.
        view = discord.ui.View(timeout=None)
        for answer, count in clicks.items():
            view.add_item(discord.ui.Button(label=f"{answer} · {count}",
                                            custom_id=f"floor:board:{answer}"))
        view.stop()
        return view

    class BoardButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                      template=r"floor:board:(?P<answer>\w+)"):
        def __init__(self, answer: str) -> None:
            super().__init__(discord.ui.Button(custom_id=f"floor:board:{answer}"))
            self.answer = answer

        @classmethod
        async def from_custom_id(cls, interaction: discord.Interaction[Any],
                                 item: discord.ui.Item[Any], match: re.Match[str]
                                 ) -> BoardButton:
            return cls(match["answer"])

        async def callback(self, interaction: discord.Interaction[Any]) -> None:
            conn.execute("INSERT INTO rows (member, at) VALUES (?, ?)",
                         (str(interaction.user.id), interaction.created_at.isoformat()))
            clicks[self.answer] += 1
            await interaction.response.edit_message(view=board_view())
            await interaction.followup.send(f"saved: {self.answer}", ephemeral=True)

    bot.add_dynamic_items(BoardButton)

    @bot.tree.command(description="Three buttons; each click stores a row")
    async def board(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("board", view=board_view())

    return bot


async def measure_slash(fake: FakeDiscord, command: str, n: int, *,
                        label: str | None = None) -> list[Summary]:
    """Time ``n`` sequential and ``n`` simultaneous ``fake.slash(command)`` round trips
    (dispatch of INTERACTION_CREATE until the callback is recorded)."""
    name = label or f"/{command}"

    async def once() -> None:
        await fake.slash(command, timeout=60)

    gc.collect()
    sequential = await time_sequential(f"{name} sequential", once, n)
    gc.collect()
    concurrent = await time_concurrent(f"{name} {n} at once", once, n)
    return [sequential, concurrent]


async def run(n: int = 1000) -> list[Summary]:
    """Start the fake and the floor bot, sync, and measure ``/ping``."""
    fake = FakeDiscord()
    build_default_guild(fake)
    await fake.start()
    fake.point_client()
    try:
        bot = build_floor_bot()
        handle = await fake.run_client(bot)
        try:
            await bot.tree.sync()
            return await measure_slash(fake, "ping", n)
        finally:
            await handle.close()
    finally:
        await fake.stop()


def main() -> None:
    """Print p50/p99 round trip and throughput for the floor bot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="interactions per measurement")
    args = parser.parse_args()
    for summary in asyncio.run(run(args.n)):
        print(summary.line())


if __name__ == "__main__":
    main()
