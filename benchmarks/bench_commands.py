"""studybot's commands against the floor of their own class, each bot in its own process.

Two fake Discords run in this process, each serving one bot process
(``tests.helpers.fakes.discord.bot_process``): the bare discord.py floor bot and studybot.
Neither bot shares an event loop with a fake or with the other bot. Every command
is timed side by side with its class floor, so that both meet the same machine
(whose speed drifts by a tenth or more within seconds):

- text reply (``/help``, ``/ask``, ``/round show``): the floor's ``/ping``;
- durable write (``/checkin``): the floor's ``/write``, one raw ``sqlite3`` insert
  committed with an fsync (WAL, synchronous=FULL, as studybot's default);
- upload (``/streak show``): the floor's ``/picture``, a reply with a PNG-sized file;
- durable write on a button (an RSVP "going" click on the day-before reminder of
  a session, which redraws the buttons' counts on that shared message and
  confirms privately in a follow-up): the floor's ``/board`` button, which
  stores one row the floor's way and answers the same two ways. A click is timed
  until its follow-up is in.

The guild has many members and every interaction comes from the next member in
turn, each with a stored history of check-ins, so caches only help where a real
community would see the same thing twice: with the default 4,200 readers no
member checks in twice in one run (each check-in is the member's first of the
day) and no graph is drawn twice unless a row says so. Before each measurement
studybot is left to finish its background work (graphs drawn ahead after
check-ins), so it neither slows the floor measured next to it nor the next
command. For each command: ``n`` round trips one by one, each next to one of the
floor's (which goes first alternates), as the ratio of the two p50s, with the
floor's p50 over each half of the run beside it (its drift); then two bursts of
``n`` at once (after an untimed one each), the floor's bursts before, between and
after them, each burst's throughput as a ratio to the mean of the floor bursts
either side of it. The harness's own garbage collector is paused while timing
(the bots' are not). Targets: p50 within 1.3x of the class floor, throughput at
once at least 0.7x (``/checkin``: 1.0x) in both bursts.

``/ask`` remembers rankings, so it is measured three ways, with questions members
write (``qa_extra.yaml`` and ``qa_guild_faq.yaml``, each with one of several
openers and closers, so there are thousands of distinct ones): every question
never asked before (all searched), every question asked before (all remembered),
and a mix where half are new and half repeat earlier ones, the earliest (the
popular ones) most often. ``/streak show`` remembers the graphs it drew, so it is
measured twice: each member's own graph, never drawn before (run before any
check-in, so none was drawn ahead), and a graph shown before (the ``member``
option names one of the members shown earlier, the earliest most often).

    python -m benchmarks.bench_commands [--n 1000] [--members 4200] [--smoke]
        [--database-sync normal] [--only checkin 'streak show']
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import sqlite3
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from benchmarks._measure import (
    Summary,
    harness_collector_paused,
    percentile,
    settle,
    time_concurrent,
)
from bot.clock import SystemClock
from bot.community import CommunityService
from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.settings import Settings
from bot.streaks.service import StreakService
from content.language import detect_language
from storage import communities as community_store
from storage import streaks as store
from storage.backends import open_database
from storage.connection import Connection
from tests.helpers.fakes.discord import FakeDiscord, build_default_guild
from tests.helpers.fakes.discord.bot_process import start_bot_process
from tests.helpers.fakes.discord.models import FakeGuild, FakeMessage

Options = Callable[[], dict[str, Any]]
# Sends one interaction to a fake (its path, options and member) and waits for the answer.
Sender = Callable[[FakeDiscord, str, dict[str, Any], str], Awaitable[None]]


async def slash(fake: FakeDiscord, path: str, options: dict[str, Any], user: str) -> None:
    """The slash command ``path``, answered."""
    await fake.slash(path, options, user=user, timeout=120)


@dataclass(frozen=True)
class Command:
    label: str
    path: str
    options: Options  # the options of the next interaction
    floor: str  # the floor bot's command of the same class
    target_at_once: float = 0.7
    # Untimed work before the row (state its interactions are meant to find).
    prepare: Callable[[FakeDiscord], Awaitable[None]] | None = None
    send: Sender = slash  # how one interaction of the row (and of its floor) is sent


def fixed(**options: Any) -> Options:
    return lambda: options


BENCHMARKS = Path(__file__).resolve().parent
OPENERS = {
    "ko": ("", "안녕하세요! ", "질문 있어요. ", "혹시 ", "저 학부 3학년인데 ", "선배님들 ",
           "궁금한 게 있는데 ", "요즘 진로 고민이 많은데 ", "ㅎㅇ ", "다들 "),
    "en": ("", "hi! ", "quick question: ", "hey all, ", "sorry if this is dumb, ",
           "as a junior undergrad, ", "hello, ", "so ", "random question: ", "folks, "),
}
CLOSERS = {
    "ko": ("", " ㅠㅠ", "!", " 궁금해요", " 알려주세요", "...", " ㅎㅎ", " 감사합니다"),
    "en": ("", " thanks!", "!", " any advice?", "...", " :)", " tia", " cheers"),
}


class Questions:
    """/ask questions as members write them: ``new()`` is one never given out
    before, ``again()`` one given out before (the earliest, the popular ones, most
    often), ``mix()`` either, half and half."""

    def __init__(self, seed: int = 20261206) -> None:
        extra = yaml.safe_load((BENCHMARKS / "qa_extra.yaml").read_text(encoding="utf-8"))
        guild = yaml.safe_load((BENCHMARKS / "qa_guild_faq.yaml").read_text(encoding="utf-8"))
        bases = [str(item["q"]) for item in [*extra, *guild["questions"]]]
        self._rng = random.Random(seed)
        variants = [f"{opener}{base}{closer}" for base in bases
                    for lang in [detect_language(base)]
                    for opener in OPENERS[lang] for closer in CLOSERS[lang]]
        self._rng.shuffle(variants)
        self._unasked: Iterator[str] = iter(dict.fromkeys(variants))
        self.asked: list[str] = []

    def new(self) -> dict[str, Any]:
        question = next(self._unasked, None)
        if question is None:
            raise SystemExit("bench_commands: out of distinct /ask questions; lower --n")
        self.asked.append(question)
        return {"question": question}

    def again(self) -> dict[str, Any]:
        return {"question": self.asked[int(len(self.asked) * self._rng.random() ** 3)]}

    def mix(self) -> dict[str, Any]:
        return self.new() if self._rng.random() < 0.5 else self.again()


class ShownGraphs:
    """``/streak show`` options naming a member whose graph was shown before
    (``show_each`` shows them first): one of ``pool`` readers, the earliest most often."""

    def __init__(self, guild: FakeGuild, names: list[str], pool: int = 100,
                 seed: int = 20261207) -> None:
        self._viewer = names[-1]
        self._members = [guild.member(name) for name in names[-1 - pool:-1]]
        self._rng = random.Random(seed)

    async def show_each(self, fake: FakeDiscord) -> None:
        for member in self._members:
            await fake.slash("streak show", {"member": member}, user=self._viewer, timeout=120)

    def again(self) -> dict[str, Any]:
        return {"member": self._members[int(len(self._members) * self._rng.random() ** 3)]}


class RsvpBoards:
    """RSVP clicks, each by the next reader, on the message everyone answers on:
    studybot's day-before reminder of the bench round's first session (``prepare``
    has it posted ``REMINDER_AFTER`` after the round is created), and the floor's
    ``/board`` message. A click is answered once its private follow-up is in."""

    def __init__(self, floor_fake: FakeDiscord) -> None:
        self._floor_fake = floor_fake
        self._boards: dict[FakeDiscord, tuple[str, FakeMessage]] = {}

    async def prepare(self, fake: FakeDiscord) -> None:
        posted = await self._floor_fake.slash("board", user="mod", timeout=30)
        assert posted.message is not None
        self._boards[self._floor_fake] = ("floor:board:going", posted.message)
        self._boards[fake] = await rsvp_reminder(fake)

    async def click(self, fake: FakeDiscord, path: str, options: dict[str, Any],
                    user: str) -> None:
        custom_id, message = self._boards[fake]
        reply = await fake.click(custom_id, message=message, user=user, timeout=120)
        await asyncio.wait_for(reply.followed_up, timeout=120)


async def rsvp_reminder(fake: FakeDiscord, within: float = 300.0) -> tuple[str, FakeMessage]:
    """The "going" button's custom id and the newest message in #general holding it."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        for message in reversed(fake.messages_in(fake.guild().channel("general"))):
            going = next((str(c["custom_id"]) for c in message.iter_components()
                          if str(c.get("custom_id", "")).startswith("round:rsvp:")
                          and str(c["custom_id"]).endswith(":going")), None)
            if going is not None:
                return going, message
        await asyncio.sleep(1)
    raise SystemExit(f"bench_commands: no reminder with RSVP buttons within {within:.0f} s")


def commands(questions: Questions, shown: ShownGraphs, boards: RsvpBoards) -> list[Command]:
    return [
        Command("/help", "help", fixed(), "ping"),
        Command("/ask, never asked before", "ask", questions.new, "ping"),
        Command("/ask, asked before", "ask", questions.again, "ping"),
        Command("/ask, half new, half again", "ask", questions.mix, "ping"),
        # Before any check-in, so no graph was drawn ahead: each member's is drawn.
        Command("/streak show, graph never drawn", "streak show", fixed(), "picture"),
        Command("/streak show, graph shown before", "streak show", shown.again, "picture",
                prepare=shown.show_each),
        Command("/checkin", "checkin", fixed(paper="Attention Is All You Need"), "write", 1.0),
        Command("/round show", "round show", fixed(), "ping"),
        # Last: the reminder it clicks on is posted a minute or two after the start.
        Command("RSVP button", "rsvp", fixed(), "board", prepare=boards.prepare,
                send=boards.click),
    ]


TARGET_P50 = 1.3


# Timed bursts of ``n`` at once per command, each between two of its floor.
BURST_ROUNDS = 2
# How soon after the start the bench round's first reminder (RSVP buttons) is due.
REMINDER_AFTER = timedelta(seconds=90)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Row:
    """One command measured paired with its class floor (see ``measure``)."""

    command: Command
    sequential: Summary  # the command's n round trips, one by one
    floor_sequential: Summary  # the floor's, each next to one of the command's
    bursts: tuple[Summary, ...]  # BURST_ROUNDS bursts of n at once
    floor_bursts: tuple[Summary, ...]  # the floor's, one before, between and after them

    def p50_ratio(self) -> float:
        return self.sequential.p50_ms / self.floor_sequential.p50_ms

    def one_by_one_ratio(self) -> float:
        return self.sequential.throughput / self.floor_sequential.throughput

    def at_once_ratios(self) -> list[float]:
        """Each burst's throughput over the mean of the floor bursts either side of it."""
        floors = [burst.throughput for burst in self.floor_bursts]
        return [burst.throughput / ((floors[i] + floors[i + 1]) / 2)
                for i, burst in enumerate(self.bursts)]

    def floor_halves_p50_ms(self) -> tuple[float, float]:
        """The floor's p50 over the first and the second half of the paired run."""
        half = self.floor_sequential.n // 2
        latencies = self.floor_sequential.latencies
        return (percentile(latencies[:half], 50) * 1000,
                percentile(latencies[half:], 50) * 1000)


def build_guild(fake: FakeDiscord, members: int) -> list[str]:
    """The default guild plus ``members`` readers; returns the readers' names."""
    guild = build_default_guild(fake)
    names = [f"reader{n:05d}" for n in range(members)]
    for name in names:
        guild.add_member(name)
    return names


async def seed_histories(path: Path, guild: FakeGuild, names: list[str], days: int) -> int:
    """Store a plausible history for every reader (runs of reading days, up to
    ``days`` back), with the aggregates studybot keeps beside it (per-month counts,
    streaks, the stored sweep), as a bot that recorded those check-ins would have
    them; returns how many check-ins were stored."""
    rng = random.Random(20261206)
    now = datetime.now(UTC)
    community = CommunityRef(DISCORD, str(guild.id))
    rows = []
    db = await open_database(path)
    try:
        def work(conn: Connection):
            community_id = community_store.ensure_community(conn, community)
            for name in names:
                member = MemberRef(community, str(guild.member(name).user.id))
                member_id = community_store.ensure_member(conn, member, name)
                diligence = rng.random()
                for back in range(1, days + 1):
                    if rng.random() < diligence:
                        at = now - timedelta(days=back)
                        rows.append(store.NewCheckin(
                            community_id=community_id, member_id=member_id,
                            checked_at=at.isoformat(), day=at.date().isoformat(),
                            source="checkin", created_by=member.external_id))
            store.bulk_insert_checkins(conn, rows)
            # Aggregates following other rules are rebuilt by the next leaderboard.
            store.set_rules(conn, community_id, "seeded without aggregates")
        await db.write(work)
        clock = SystemClock()
        streaks = StreakService(db, clock, CommunityService(db, clock))
        await streaks.leaderboard(
            community, "current", MemberRef(community, str(guild.member(names[0]).user.id)))
    finally:
        await db.close()
    return len(rows)


async def spawn(fake: FakeDiscord, data_dir: Path, *, floor: bool, sync: str
                ) -> asyncio.subprocess.Process:
    process, _ = await start_bot_process(fake.base_url, data_dir, floor=floor,
                                         database_sync=sync, ready_within=120)
    return process


async def stop(process: asyncio.subprocess.Process) -> None:
    process.terminate()
    await asyncio.wait_for(process.wait(), timeout=30)


async def measure(command: Command, bot_fake: FakeDiscord, users: itertools.cycle[str],
                  floor_fake: FakeDiscord, floor_users: itertools.cycle[str],
                  n: int, bot_pid: int) -> Row:
    """``command`` and its class floor measured side by side, so that both see the
    same machine: ``n`` round trips one by one, a floor's and the command's in
    turn (which goes first alternates); then bursts of ``n`` at once, the floor's
    before, between and after the command's, each once studybot (``bot_pid``) is
    idle again (after a burst of check-ins it draws graphs ahead, which would slow
    the floor burst next to it). The harness's own garbage collector is off while
    timing (``harness_collector_paused``)."""
    def action(fake: FakeDiscord, path: str, options: Options,
               who: itertools.cycle[str]) -> Callable[[], Awaitable[None]]:
        async def once() -> None:
            await command.send(fake, path, options(), next(who))
        return once

    bot_once = action(bot_fake, command.path, command.options, users)
    floor_once = action(floor_fake, command.floor, fixed(), floor_users)
    for _ in range(min(50, n)):
        await floor_once()
        await bot_once()
    with harness_collector_paused():
        bot_times: list[float] = []
        floor_times: list[float] = []
        pair = [(floor_once, floor_times), (bot_once, bot_times)]
        for i in range(n):
            for once, times in pair if i % 2 == 0 else pair[::-1]:
                started = time.perf_counter()
                await once()
                times.append(time.perf_counter() - started)
    sequential = Summary(command.path, tuple(bot_times), sum(bot_times))
    floor_sequential = Summary(command.floor, tuple(floor_times), sum(floor_times))
    # An untimed burst first: the bots' HTTP connection pools to the fakes grow to
    # their burst size then, so every burst (the floors' too) finds a warm pool.
    await time_concurrent(command.floor, floor_once, n)
    await time_concurrent(command.path, bot_once, n)

    async def timed_burst(label: str, once: Callable[[], Awaitable[None]]) -> Summary:
        await settle(bot_pid)
        with harness_collector_paused():
            return await time_concurrent(label, once, n)

    floor_bursts = [await timed_burst(command.floor, floor_once)]
    bursts: list[Summary] = []
    for _ in range(BURST_ROUNDS):
        bursts.append(await timed_burst(command.path, bot_once))
        floor_bursts.append(await timed_burst(command.floor, floor_once))
    return Row(command, sequential, floor_sequential, tuple(bursts), tuple(floor_bursts))


async def run(n: int, members: int, history_days: int, sync: str,
              only: tuple[str, ...] = ()) -> tuple[list[Row], str]:
    floor_fake = FakeDiscord(interaction_deadline=None)
    bot_fake = FakeDiscord(interaction_deadline=None)
    floor_names = build_guild(floor_fake, members)
    names = build_guild(bot_fake, members)
    await floor_fake.start()
    await bot_fake.start()
    rows: list[Row] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            floor_dir, bot_dir = Path(folder) / "floor", Path(folder) / "studybot"
            floor_dir.mkdir()
            seeded = await seed_histories(bot_dir / "studybot.sqlite3", bot_fake.guild(),
                                          names, history_days)
            floor = await spawn(floor_fake, floor_dir, floor=True, sync=sync)
            bot = await spawn(bot_fake, bot_dir, floor=False, sync=sync)
            try:
                await prepare(bot_fake)
                floor_users = itertools.cycle(floor_names)
                users = itertools.cycle(names)
                shown = ShownGraphs(bot_fake.guild(), names)
                for command in commands(Questions(), shown, RsvpBoards(floor_fake)):
                    if only and not command.label.lstrip("/").startswith(only):
                        continue
                    if command.prepare is not None:
                        await command.prepare(bot_fake)
                    await settle(bot.pid)
                    rows.append(await measure(command, bot_fake, users, floor_fake,
                                              floor_users, n, bot.pid))
            finally:
                await stop(floor)
                await stop(bot)
            checkins_sent = min(50, n) + (2 + BURST_ROUNDS) * n if any(
                row.command.path == "checkin" for row in rows) else 0
            verdict = verify_checkins(bot_dir / "studybot.sqlite3", seeded,
                                      expected=checkins_sent)
    finally:
        await floor_fake.stop()
        await bot_fake.stop()
    return rows, verdict


def verify_checkins(path: Path, seeded: int, expected: int) -> str:
    """Every acknowledged /checkin is stored exactly once (distinct interaction ids)."""
    with sqlite3.connect(path) as conn:
        stored, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT dedupe_key) FROM streak_checkins "
            "WHERE dedupe_key IS NOT NULL").fetchone()
    ok = stored == distinct == expected
    return (f"/checkin: {stored} stored, {distinct} distinct, {expected} sent "
            f"(beside {seeded:,} seeded): {'ok' if ok else 'MISMATCH'}")


async def prepare(fake: FakeDiscord) -> None:
    """State some commands need: an active round (/round show) whose first session is
    a day and ``REMINDER_AFTER`` away (to the minute, in studybot's default time
    zone), so that its day-before reminder with the RSVP buttons comes that soon."""
    zone = ZoneInfo(str(Settings.model_fields["timezone"].default))
    first = (datetime.now(zone) + timedelta(days=1) + REMINDER_AFTER).replace(
        second=0, microsecond=0)
    await fake.slash(
        "round-admin create",
        {"name": "bench", "start": first.date().isoformat(), "weeks": 4,
         "channel": fake.guild().channel("general"),
         "cadence": f"every {WEEKDAYS[first.weekday()]} {first:%H:%M}"},
        user="mod", timeout=30,
    )
    await fake.slash("round-admin start", {"round": "bench"}, user="mod", timeout=30)


def table(rows: list[Row]) -> str:
    lines = [
        "| command | class floor | floor p50 ms, 1st / 2nd half | p50 ms | p99 ms | p50 / floor "
        "| one by one / floor | at once p50 / p99 ms | at once /s | at once / floor "
        "(each burst) | targets |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        first, second = row.floor_halves_p50_ms()
        at_once = row.at_once_ratios()
        bursts = row.bursts
        latencies = [latency for burst in bursts for latency in burst.latencies]
        rate = sum(burst.n for burst in bursts) / sum(burst.wall for burst in bursts)
        met = row.p50_ratio() <= TARGET_P50 and min(at_once) >= row.command.target_at_once
        lines.append(
            f"| {row.command.label} | /{row.command.floor} | {first:.2f} / {second:.2f} "
            f"| {row.sequential.p50_ms:.2f} | {row.sequential.p99_ms:.2f} | "
            f"{row.p50_ratio():.2f} | {row.one_by_one_ratio():.2f} | "
            f"{percentile(latencies, 50) * 1000:.0f} / {percentile(latencies, 99) * 1000:.0f} | "
            f"{rate:.0f} | {' / '.join(f'{ratio:.2f}' for ratio in at_once)} | "
            f"{'met' if met else 'missed'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="interactions per measurement")
    parser.add_argument("--members", type=int, default=4200,
                        help="readers in the guild (enough that at the default --n "
                             "no reader checks in twice)")
    parser.add_argument("--history-days", type=int, default=180,
                        help="days of seeded check-in history per reader")
    parser.add_argument("--smoke", action="store_true",
                        help="50 interactions, 60 readers with 30 days each")
    parser.add_argument("--database-sync", choices=["full", "normal"], default="full",
                        help="STUDYBOT_DATABASE_SYNC of both bots for this run")
    parser.add_argument("--only", nargs="+", default=[], metavar="COMMAND",
                        help="measure only the commands whose label starts with one of "
                             "these (e.g. checkin 'streak show')")
    args = parser.parse_args()
    if args.smoke:
        args.n, args.members, args.history_days = 50, 60, 30
    rows, verdict = asyncio.run(run(args.n, args.members, args.history_days,
                                    args.database_sync, tuple(args.only)))
    print(table(rows))
    print(verdict)


if __name__ == "__main__":
    main()
