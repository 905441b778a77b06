"""Run the real studybot in its own process against a fake Discord.

Used where a test or benchmark needs a separate process: killing the bot with
SIGKILL mid-burst, or measuring start-up time and resident memory without the
fake's own memory counted.

    python -m tests.helpers.fakes.discord.bot_process \
        --base-url http://127.0.0.1:PORT --data-dir DIR

Prints ``READY <seconds since start> <resident MiB> <guilds>`` on stdout once the
bot is ready, then runs until SIGTERM/SIGINT (clean shutdown) or SIGKILL.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import signal
import sys
import time
from pathlib import Path

import discord.gateway
import discord.http
import yarl

REPO = Path(__file__).resolve().parents[4]


# The loop-step probe (``--report-loop-steps``) wakes this often, and reports a
# wake-up at least this late (a step of the event loop that long held it).
PROBE_INTERVAL = 0.005
PROBE_REPORTED = 0.010


async def start_bot_process(
    base_url: str, data_dir: Path, *, floor: bool = False, database_sync: str = "full",
    ready_within: float = 60.0, quiet: bool = False, report_loop_steps: bool = False,
) -> tuple[asyncio.subprocess.Process, list[str]]:
    """Start this module as a process against the fake at ``base_url`` and wait for
    its READY line; returns the process and that line's words (``READY``, seconds,
    resident MiB, guilds). One that does not get ready is killed: RuntimeError.
    With ``report_loop_steps`` it prints a ``LOOPSTEP <perf_counter> <seconds>``
    line for every wake-up of a probe on its event loop that came late (see
    ``loop_steps``), read after it stops."""
    command = [sys.executable, "-m", "tests.helpers.fakes.discord.bot_process",
               "--base-url", base_url, "--data-dir", str(data_dir),
               "--database-sync", database_sync]
    if floor:
        command.append("--floor")
    if report_loop_steps:
        command.append("--report-loop-steps")
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL if quiet else None, cwd=REPO)
    assert process.stdout is not None
    try:
        line = await asyncio.wait_for(_first_line_but_probes(process.stdout),
                                      timeout=ready_within)
    except TimeoutError:
        line = b""
    words = line.decode().split()
    if words[:1] != ["READY"]:
        process.kill()
        await process.wait()
        raise RuntimeError(f"bot process did not get ready: {line!r}")
    return process, words


async def _first_line_but_probes(stdout: asyncio.StreamReader) -> bytes:
    """The first line that is not the loop-step probe's (those printed while starting
    are not wanted)."""
    while (line := await stdout.readline()).startswith((b"LOOPSTEP ", b"GCPAUSE ", b"\n")):
        pass
    return line


def loop_steps(lines: list[str], start: float, end: float, kind: str = "LOOPSTEP"
               ) -> list[tuple[float, float]]:
    """(when, seconds) of the late wake-ups (or, with ``kind="GCPAUSE"``, the long
    garbage collections) a ``--report-loop-steps`` process printed between ``start``
    and ``end`` (``time.perf_counter``, shared by processes on Linux)."""
    found = []
    for line in lines:
        words = line.split()
        if words[:1] == [kind] and start <= float(words[1]) <= end:
            found.append((float(words[1]), float(words[2])))
    return found


async def _probe_loop_steps() -> None:
    """Print how late each wake-up came when it is PROBE_REPORTED late or more: the
    step of the event loop that ran meanwhile held it that long. Garbage collections
    that long are printed too (``GCPAUSE <perf_counter> <seconds> <generation>``), to
    tell them from the bot's own work."""
    collecting = [0.0]

    def note_collection(phase: str, info: dict[str, int]) -> None:
        now = time.perf_counter()
        if phase == "start":
            collecting[0] = now
        elif now - collecting[0] >= PROBE_REPORTED:
            _print_line(f"GCPAUSE {now:.6f} {now - collecting[0]:.6f} {info['generation']}")

    gc.callbacks.append(note_collection)
    try:
        while True:
            expected = time.perf_counter() + PROBE_INTERVAL
            await asyncio.sleep(PROBE_INTERVAL)
            woke = time.perf_counter()
            if woke - expected >= PROBE_REPORTED:
                _print_line(f"LOOPSTEP {woke:.6f} {woke - expected:.6f}")
    finally:
        gc.callbacks.remove(note_collection)


def _print_line(line: str) -> None:
    """``line`` in one write (a collection may run in any thread: print() writes the
    newline apart, and lines of two threads could mix)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def resident_mib() -> float:
    """The process's resident set size in MiB (from /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def serve(base_url: str, data_dir: Path, started: float, *, floor: bool,
                database_sync: str = "full", report_loop_steps: bool = False) -> None:
    probe = asyncio.create_task(_probe_loop_steps()) if report_loop_steps else None
    try:
        await _serve(base_url, data_dir, started, floor=floor, database_sync=database_sync)
    finally:
        if probe is not None:
            probe.cancel()


async def _serve(base_url: str, data_dir: Path, started: float, *, floor: bool,
                 database_sync: str) -> None:
    discord.http.Route.BASE = f"{base_url}/api/v10"
    gateway = base_url.replace("http", "ws", 1) + "/gateway"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    if floor:
        await serve_floor(data_dir, started, database_sync)
        return
    # studybot is imported here, so the floor's start-up and memory never include it.
    from bot.discord_app.client import StudyBot
    from bot.runner import open_services, serve_discord, stop_on_signals
    from bot.settings import Settings

    services = await open_services(Settings(data_dir=data_dir, database_sync=database_sync))
    client = StudyBot(services, guild_ready_timeout=0.05)
    announce_ready(client, started)
    # The same start/stop path as ``studybot run`` (bot.runner).
    try:
        await serve_discord(client, "fake-token", stop_on_signals())
    finally:
        await services.close()
        print("STOPPED", flush=True)


async def serve_floor(data_dir: Path, started: float, database_sync: str) -> None:
    """The bare discord.py bot, started as discord.py's own examples do."""
    from benchmarks.floor_bot import build_floor_bot

    client = build_floor_bot(data_dir, database_sync)
    announce_ready(client, started)
    stopping = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stopping.set)
    async with client:
        runner = asyncio.create_task(client.start("fake-token"))
        await stopping.wait()
        await client.close()
        await asyncio.gather(runner, return_exceptions=True)
    print("STOPPED", flush=True)


def announce_ready(client: discord.Client, started: float) -> None:
    @client.event
    async def on_ready() -> None:
        elapsed = time.perf_counter() - started
        print(f"READY {elapsed:.3f} {resident_mib():.1f} {len(client.guilds)}", flush=True)


def main() -> None:
    started = time.perf_counter()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="the fake's http://127.0.0.1:PORT")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--floor", action="store_true", help="run the bare discord.py bot")
    parser.add_argument("--database-sync", choices=["full", "normal"], default="full",
                        help="the database's synchronous setting (both bots)")
    parser.add_argument("--report-loop-steps", action="store_true",
                        help="print LOOPSTEP lines for late wake-ups of an event-loop probe")
    args = parser.parse_args()
    # Logs go to stderr: stdout carries the READY line.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(serve(args.base_url, args.data_dir, started, floor=args.floor,
                      database_sync=args.database_sync,
                      report_loop_steps=args.report_loop_steps))
    sys.exit(0)


if __name__ == "__main__":
    main()
