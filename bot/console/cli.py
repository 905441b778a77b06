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
from storage.backends import open_database

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
    database: Path = args.database or DEFAULT_DATABASE
    if database.is_dir():  # refused before anything is opened
        print(f"studybot: cannot open {database}: it is a directory", file=sys.stderr)
        return 2
    return asyncio.run(console_main(args, settings, sys.stdin, sys.stdout))


async def console_main(
    args: argparse.Namespace, settings: Settings, source: TextIO, out: TextIO
) -> int:
    """Open the console's database, run the session until /quit or EOF, close."""
    database: Path = args.database or DEFAULT_DATABASE
    # The console is its own community: --lang sets its default language too, so what
    # the scheduler posts reads in it (a /lang switch later changes replies only).
    update: dict[str, object] = {"database_path": database}
    if args.lang:
        update["language"] = args.lang
    settings = settings.model_copy(update=update)
    start = start_time(args.now, database, ZoneInfo(settings.timezone))
    previous = log_to_file(database.with_name(database.name + ".log"))
    try:
        return await _serve(settings, database, start, args.files, source, out)
    finally:
        restore_logging(previous)


def start_time(typed: datetime | None, database: Path, zone: ZoneInfo) -> datetime:
    """Where the simulated clock starts: ``--now`` (local in ``zone`` unless it names
    an offset), else now, but never before the time the last session stopped at."""
    if typed is not None:
        return typed if typed.tzinfo is not None else typed.replace(tzinfo=zone)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    last = saved_clock(database)
    return last if last is not None and last > now else now


async def _serve(
    settings: Settings, database: Path, start: datetime, files: Path, source: TextIO,
    out: TextIO,
) -> int:
    from bot.clock import ManualClock
    from bot.console.context import CONSOLE
    from bot.console.session import ConsoleSession
    from bot.i18n import load_catalog
    from bot.services import build_services
    from storage.database import DatabaseUnavailable

    clock = ManualClock(start)
    try:
        db = await open_database(database, synchronous=settings.database_sync)
    except (OSError, DatabaseUnavailable) as exc:
        print(f"studybot: cannot open {database}: {exc}", file=sys.stderr)
        return 2
    try:
        services = build_services(settings, db, clock, load_catalog(), realtime=False)
        session = ConsoleSession(services, clock, out, files, settings.language)
        await services.schedules.start(session.poster, platforms=(CONSOLE,))
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


def log_to_file(path: Path) -> list[logging.Handler]:
    """Send the log (at the configured level) to ``path`` instead of the terminal,
    where it would break into the conversation; a failed command still answers
    with one line."""
    from bot.logging_setup import OneLineFormatter

    try:
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(OneLineFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    previous = list(root.handlers)
    root.handlers[:] = [handler]
    return previous


def restore_logging(previous: list[logging.Handler]) -> None:
    """Close the console's log file and put the earlier handlers back."""
    root = logging.getLogger()
    for handler in root.handlers:
        handler.close()
    root.handlers[:] = previous


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
