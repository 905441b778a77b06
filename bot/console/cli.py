"""``studybot console``: try the bot in a terminal, on its own SQLite file."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.settings import Settings

DEFAULT_DATABASE = Path("studybot-console.sqlite3")
DEFAULT_FILES = Path("studybot-console-files")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``console`` subcommand."""
    console = commands.add_parser(
        "console",
        help="try the bot's commands in a terminal (no Discord or Slack needed)",
        description=(
            "Type the bot's slash commands (/ask, /checkin, /round join, ...) and read "
            "the replies as text. Console commands: /as moderator|member|NAME, "
            "/lang ko|en, /clock +1d|+2h|YYYY-MM-DD HH:MM, /channel NAME, /help, /quit."
        ),
    )
    console.add_argument(
        "--database", type=Path, default=None, metavar="PATH",
        help=f"the console's own SQLite file (default: ./{DEFAULT_DATABASE})",
    )
    console.add_argument(
        "--files", type=Path, default=DEFAULT_FILES, metavar="DIR",
        help=f"where heatmaps, calendars and recaps are saved (default: ./{DEFAULT_FILES})",
    )
    console.add_argument(
        "--lang", choices=["ko", "en"], default=None,
        help="the console's language: replies and posts (default: the language setting, ko)",
    )
    console.add_argument(
        "--now", type=_start_time, default=None, metavar="'YYYY-MM-DD HH:MM'",
        help="where the simulated clock starts, in the default time zone (default: now)",
    )
    console.set_defaults(handler=run_console)


def _start_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date and time: {value!r}") from None
    return parsed


def run_console(args: argparse.Namespace, settings: Settings) -> int:
    """The handler of ``studybot console``: stdin in, stdout out."""
    return asyncio.run(console_main(args, settings, sys.stdin, sys.stdout))


async def console_main(
    args: argparse.Namespace, settings: Settings, source: TextIO, out: TextIO
) -> int:
    """Open the console's database, run the session until /quit or EOF, close."""
    from bot.clock import ManualClock
    from bot.console.session import ConsoleSession
    from bot.i18n import load_catalog
    from bot.services import build_services
    from storage.database import Database

    # Logs would interleave with the conversation: only problems are shown.
    if logging.getLogger().level < logging.WARNING:
        logging.getLogger().setLevel(logging.WARNING)
    database: Path = args.database or DEFAULT_DATABASE
    # The console is its own community: --lang sets its default language too, so what
    # the scheduler posts reads in it (a /lang switch later changes replies only).
    update: dict[str, object] = {"database_path": database}
    if args.lang:
        update["language"] = args.lang
    settings = settings.model_copy(update=update)
    zone = ZoneInfo(settings.timezone)
    start: datetime = args.now or datetime.now(UTC).replace(second=0, microsecond=0)
    if start.tzinfo is None:
        start = start.replace(tzinfo=zone)
    # Never earlier than where the last session's clock stopped (unless --now says).
    last = saved_clock(database)
    if args.now is None and last is not None and last > start:
        start = last
    clock = ManualClock(start)
    try:
        db = await Database.open(database, synchronous=settings.database_sync)
    except OSError as exc:
        print(f"studybot: cannot open {database}: {exc}", file=sys.stderr)
        return 2
    try:
        services = build_services(settings, db, clock, load_catalog(), realtime=False)
        session = ConsoleSession(
            services, clock, out, args.files, settings.language
        )
        await session.start()
        interactive = source.isatty()
        if interactive:
            _line_editing()
        try:
            await session.run(source, interactive=interactive)
        finally:
            await services.schedules.shutdown()
            save_clock(database, clock.now())
    finally:
        await db.close()
    return 0


def _line_editing() -> None:
    """Arrow keys and history at the prompt where the platform has readline."""
    try:
        import readline  # noqa: F401  (importing it is what turns it on)
    except ImportError:
        pass


def clock_file(database: Path) -> Path:
    """Where the simulated time is kept between sessions, next to the database."""
    return database.with_name(database.name + ".clock")


def save_clock(database: Path, now: datetime) -> None:
    """Remember the simulated time, so the next session does not go back in time."""
    try:
        clock_file(database).write_text(now.isoformat(), encoding="utf-8")
    except OSError as exc:
        print(f"studybot: could not keep the console's clock: {exc}", file=sys.stderr)


def saved_clock(database: Path) -> datetime | None:
    """The simulated time the last session on ``database`` ended at, if known."""
    try:
        saved = datetime.fromisoformat(clock_file(database).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    return saved if saved.tzinfo is not None else None
