"""Slack ack latency: ``/ask`` and ``/checkin`` through Socket Mode against the fake.

The real slack_bolt app (studybot's Slack front end) is connected to the fake Slack
on 127.0.0.1. For each command: ack latency (envelope sent -> ack frame received)
and round trip (envelope sent -> answer posted to the response_url), p50 and p99
over N sequential commands and over N sent at once. The floor is a bare bolt app
that only acks ``/ping``, with ``process_before_response=True`` (what studybot
uses) and with bolt's default (which polls for the ack every 10 ms). Target: the
ack p99 far below Slack's 3 s; the ack within a few ms of the floor, because every
listener acks before doing any work.

    python -m benchmarks.bench_slack [--n 500] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from benchmarks._measure import percentile
from bot.clock import ManualClock
from bot.core.refs import SLACK
from bot.platform_poster import PlatformPoster
from bot.runner import open_services
from bot.settings import Settings
from bot.slack.runtime import SlackRuntime, build_front_end
from tests.helpers.fakes.slack import CommandResult, FakeSlack, build_default_workspace

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
MEMBERS = 50
ANSWER_WAIT = 120.0  # a burst of check-ins queues on SQLite's one writer
QUESTIONS = (
    "석사 꼭 필요해?",
    "Do I need a PhD?",
    "포트폴리오는 어떻게 준비해?",
    "What does a research scientist do?",
)


@dataclass(frozen=True)
class Row:
    label: str
    ack: tuple[float, ...]
    round_trip: tuple[float, ...]
    wall: float
    failed: int = 0  # answers that were an error message

    def cells(self) -> str:
        def ms(samples: tuple[float, ...], p: float) -> str:
            return f"{percentile(samples, p) * 1000:.2f}" if samples else "—"

        rate = len(self.ack) / self.wall if self.wall else 0.0
        return (
            f"| {self.label} | {ms(self.ack, 50)} | {ms(self.ack, 99)} | "
            f"{ms(self.round_trip, 50)} | {ms(self.round_trip, 99)} | {rate:.0f} | "
            f"{self.failed} |"
        )


Send = Callable[[int], Awaitable[CommandResult]]


def _row(label: str, results: list[CommandResult], wall: float, *, answered: bool) -> Row:
    acks = tuple(r.ack_seconds or 0.0 for r in results)
    trips: tuple[float, ...] = ()
    failed = 0
    if answered:
        trips = tuple(_round_trip(r) for r in results)
        failed = sum(1 for r in results if r.reply.ephemeral and not r.reply.blocks)
    return Row(label, acks, trips, wall, failed)


def _round_trip(result: CommandResult) -> float:
    assert result.envelope is not None
    answered = result.fake.answered_at.get(result.conversation.id)
    assert answered is not None, "no answer recorded"
    return answered - result.envelope.sent_at


async def _measure(label: str, send: Send, n: int, *, concurrent: bool, answered: bool) -> Row:
    for i in range(min(20, n)):  # warm-up: caches, first users.info lookups, JIT-free paths
        await send(i)
    gc.collect()
    start = time.perf_counter()
    if concurrent:
        results = list(await asyncio.gather(*(send(i) for i in range(n))))
    else:
        results = [await send(i) for i in range(n)]
    return _row(label, results, time.perf_counter() - start, answered=answered)


async def _floor(fake: FakeSlack, n: int, *, before_response: bool) -> list[Row]:
    app = AsyncApp(
        client=AsyncWebClient(token=fake.bot_token, base_url=fake.api_url),
        signing_secret="",
        request_verification_enabled=False,
        process_before_response=before_response,
    )

    @app.command("/ping")
    async def ping(ack: Any) -> None:
        await ack()

    handler = AsyncSocketModeHandler(app, fake.app_token)
    await handler.connect_async()
    await fake.socket.wait_connected()
    mode = "process_before_response" if before_response else "bolt default"
    try:

        async def send(i: int) -> CommandResult:
            return await fake.command("/ping", "", user=f"U0BENCH{i % MEMBERS:03d}", responses=0)

        return [
            await _measure(f"floor /ping ({mode})", send, n, concurrent=False, answered=False),
            await _measure(
                f"floor /ping ({mode}), {n} at once", send, n, concurrent=True, answered=False
            ),
        ]
    finally:
        await handler.close_async()
        await _wait_disconnected(fake)


async def _wait_disconnected(fake: FakeSlack) -> None:
    await fake.wait_until(lambda: not fake.socket.connections, 5, "the socket to close")


async def _studybot(fake: FakeSlack, data_dir: Path, n: int) -> list[Row]:
    settings = Settings(
        data_dir=data_dir,
        slack_api_url=fake.api_url,
        slack_bot_token=SecretStr(fake.bot_token),
        slack_app_token=SecretStr(fake.app_token),
    )
    services = await open_services(settings, ManualClock(NOW))
    runtime = SlackRuntime(build_front_end(services, settings), settings)
    await runtime.start()
    await services.schedules.start(PlatformPoster({SLACK: runtime.front.poster}))
    await fake.socket.wait_connected()
    try:

        async def ask(i: int) -> CommandResult:
            return await fake.command(
                "/ask",
                QUESTIONS[i % len(QUESTIONS)],
                user=f"U0BENCH{i % MEMBERS:03d}",
                timeout=ANSWER_WAIT,
            )

        async def checkin(i: int) -> CommandResult:
            return await fake.command(
                "/checkin", "", user=f"U0BENCH{i % MEMBERS:03d}", timeout=ANSWER_WAIT
            )

        rows = []
        for label, send in (("/ask", ask), ("/checkin", checkin)):
            rows.append(await _measure(label, send, n, concurrent=False, answered=True))
            rows.append(
                await _measure(f"{label}, {n} at once", send, n, concurrent=True, answered=True)
            )
        return rows
    finally:
        await services.schedules.shutdown()
        await runtime.close()
        await services.close()
        await _wait_disconnected(fake)


async def run(n: int) -> list[Row]:
    fake = FakeSlack()
    build_default_workspace(fake)
    for i in range(MEMBERS):
        fake.add_user(f"U0BENCH{i:03d}", f"bench{i}", locale="ko-KR" if i % 2 else "en-US")
    await fake.start()
    try:
        rows = await _floor(fake, n, before_response=True)
        rows += await _floor(fake, max(20, n // 5), before_response=False)
        with tempfile.TemporaryDirectory() as tmp:
            rows += await _studybot(fake, Path(tmp), n)
    finally:
        await fake.stop()
    if fake.errors:
        raise RuntimeError(f"the fake Slack recorded problems: {fake.errors}")
    return rows


def table(rows: list[Row]) -> str:
    lines = [
        "| what | ack p50 ms | ack p99 ms | answer p50 ms | answer p99 ms | commands/s "
        "| error answers |",
        "|---|---|---|---|---|---|---|",
    ]
    lines.extend(row.cells() for row in rows)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--smoke", action="store_true", help="30 commands per measurement")
    args = parser.parse_args()
    print(table(asyncio.run(run(30 if args.smoke else args.n))))


if __name__ == "__main__":
    main()
