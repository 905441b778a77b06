"""The ``studybot`` command line: run the bot and look after its data.

``--help`` texts are plain sentences (this docstring is not shown: it holds
reStructuredText markup)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot import __version__
from bot.clock import SystemClock
from bot.core.urls import hide_password
from bot.exit_codes import ExitCode, StartFailed
from bot.logging_setup import configure_logging
from bot.settings import Settings, SettingsError, load_settings, with_overrides
from storage.backends import open_database
from storage.database import DatabaseTooNew, DatabaseUnavailable

log = logging.getLogger(__name__)

README_APP_SECTION = "README.md, section 'Creating the Discord application'"
DESCRIPTION = (
    "studybot: a Discord and Slack bot for study groups of future deep-learning "
    "researchers. Run it, try it in a terminal (studybot console), and look after its data."
)

Handler = Callable[[argparse.Namespace, Settings], int]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="studybot", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"studybot {__version__}",
                        help="print the version and exit")
    parser.add_argument("--config", type=Path, metavar="PATH",
                        help="YAML settings file (or $STUDYBOT_CONFIG)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     title="commands")

    run = commands.add_parser(
        "run", help="start the bot on Discord and/or Slack (tokens from the environment)"
    )
    run.add_argument(
        "--platform",
        default=("discord",),
        type=_platforms,
        metavar="discord|slack|discord,slack",
        help="which platform(s) to serve; several from one process: discord,slack",
    )
    run.add_argument(
        "--slack-mode",
        choices=["socket", "http"],
        default=None,
        help="Slack connection: Socket Mode (default) or HTTP (or $STUDYBOT_SLACK_MODE)",
    )
    run.add_argument(
        "--shard-count", type=int, default=None, metavar="N",
        help="the bot's Discord shard count, when several processes share one "
             "Postgres (or $STUDYBOT_SHARD_COUNT)",
    )
    run.add_argument(
        "--shards", default=None, metavar="IDS",
        help="this process's shards, such as 0-3 or 0,2 (or $STUDYBOT_SHARDS; "
             "default: all of --shard-count)",
    )
    run.set_defaults(handler=_run)

    health = commands.add_parser(
        "health", help="exit 0 when the database opens and the bot's heartbeat is fresh"
    )
    health.set_defaults(handler=_health)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION",
                                    title="actions")
    db_commands.add_parser("migrate", help="apply pending migrations").set_defaults(
        handler=_migrate
    )
    backup = db_commands.add_parser("backup", help="copy the live database (online backup)")
    backup.add_argument("path", type=Path, help="where to write the copy")
    backup.set_defaults(handler=_backup)
    copy = db_commands.add_parser(
        "copy", help="copy every table to another database (SQLite to Postgres), checked")
    copy.add_argument("--from", dest="source", required=True, metavar="URL",
                      help="the database to copy: sqlite:///path")
    copy.add_argument("--to", dest="target", required=True, metavar="URL",
                      help="an empty Postgres database: postgresql://...")
    copy.set_defaults(handler=_copy)
    _add_optional_parsers(commands)
    describe_subcommands(parser)
    return parser


def describe_subcommands(parser: argparse.ArgumentParser) -> None:
    """Give every subcommand without a description its one-line help as one, so
    ``studybot <command> --help`` says what the command does."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help for choice in action._choices_actions}
        for name, sub in action.choices.items():
            if sub.description is None and helps.get(name):
                text = str(helps[name])
                sub.description = text[0].upper() + text[1:] + "."
            describe_subcommands(sub)


def _add_optional_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Subcommands owned by feature modules (content, ask, export)."""
    from bot import cli_extensions

    for register in cli_extensions.registrations():
        register(commands)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``studybot`` console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(config_file=args.config)
    except SettingsError as exc:
        return _fail(ExitCode.SETTINGS, str(exc))
    configure_logging(settings.log_level)
    handler: Handler = args.handler
    try:
        return handler(args, settings)
    except DatabaseTooNew as exc:
        return _fail(ExitCode.SETTINGS, str(exc))
    except DatabaseUnavailable as exc:
        return _fail(ExitCode.DISK_FULL if exc.disk_full else ExitCode.DATABASE, str(exc))
    except StartFailed as exc:
        return _fail(exc.code, str(exc))
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED


def _fail(code: ExitCode, message: str) -> int:
    """Print ``message`` as the one line a failed start leaves, and return ``code``."""
    print(f"studybot: {message}", file=sys.stderr)
    return int(code)


PLATFORMS = ("discord", "slack")
README_SLACK_SECTION = "README.md, section 'Running on Slack'"


def _platforms(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [name for name in chosen if name not in PLATFORMS]
    if not chosen or unknown:
        raise argparse.ArgumentTypeError(
            f"unknown platform {', '.join(unknown) or value!r}; use discord, slack or discord,slack"
        )
    return chosen


def _run(args: argparse.Namespace, settings: Settings) -> int:
    platforms: tuple[str, ...] = args.platform
    try:
        settings = with_overrides(settings, shard_count=args.shard_count, shards=args.shards)
    except SettingsError as exc:
        return _fail(ExitCode.SETTINGS, str(exc))
    plan = settings.shard_plan
    if plan.sharded and not plan.unsharded_work and "slack" in platforms:
        if platforms == ("slack",):
            return _fail(ExitCode.SETTINGS, f"Slack runs in the process that owns shard 0 and "
                         f"this one runs {plan.name}; set STUDYBOT_UNSHARDED_WORK=yes to "
                         f"run it here")
        log.warning("Slack runs in the process that owns shard 0 (unsharded_work), not in "
                    "this one (%s); serving Discord only", plan.name)
        platforms = tuple(p for p in platforms if p != "slack")
    if "slack" in platforms:
        return _run_with_slack(args, settings, platforms)
    if settings.discord_token is None:
        print(
            "studybot: DISCORD_TOKEN is not set; create a bot token as described in "
            f"{README_APP_SECTION} and export it as DISCORD_TOKEN",
            file=sys.stderr,
        )
        return 2
    from bot.runner import run_discord

    asyncio.run(run_discord(settings))
    return 0


def _run_with_slack(
    args: argparse.Namespace, settings: Settings, platforms: tuple[str, ...]
) -> int:
    """``run --platform slack`` or ``discord,slack``: every missing token in one message."""
    from bot.slack.runtime import SlackStartError, missing_slack_settings

    if args.slack_mode is not None:
        settings = settings.model_copy(update={"slack_mode": args.slack_mode})
    missing = missing_slack_settings(settings)
    where = [README_SLACK_SECTION]
    if "discord" in platforms and settings.discord_token is None:
        missing.insert(0, "DISCORD_TOKEN")
        where.insert(0, README_APP_SECTION)
    if missing:
        print(
            f"studybot: {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set "
            f"(Slack {settings.slack_mode} mode); export them as described in "
            f"{' and '.join(where)}",
            file=sys.stderr,
        )
        return 2
    from bot.runner import run_platforms

    try:
        asyncio.run(run_platforms(settings, platforms))
    except SlackStartError as exc:
        return _fail(ExitCode.TOKEN_REFUSED, str(exc))
    return 0


def _health(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runner import heartbeat_age

    async def database_opens() -> None:
        db = await open_database(settings.database_target, migrate=False)
        await db.close()

    if isinstance(settings.database_target, Path) and not settings.database_file.is_file():
        # Opening would create it: a health check must not make a database of its own.
        print(
            f"unhealthy: database {settings.database_file} does not exist "
            "(has the bot ever started with this data folder?)",
            file=sys.stderr,
        )
        return ExitCode.UNHEALTHY
    try:
        asyncio.run(database_opens())
    except DatabaseUnavailable as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return ExitCode.UNHEALTHY
    except Exception as exc:  # any failure to open means unhealthy
        print(f"unhealthy: database {settings.database_name}: {exc}", file=sys.stderr)
        return ExitCode.UNHEALTHY
    age = heartbeat_age(settings.heartbeat_file, SystemClock().now())
    limit = 3 * settings.heartbeat_seconds
    if age is None or age > limit:
        print(f"unhealthy: no gateway heartbeat in the last {limit:.0f} s", file=sys.stderr)
        return 1
    print(f"healthy: heartbeat {age:.0f} s ago")
    return 0


def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    async def migrate() -> int:
        db = await open_database(settings.database_target)
        try:
            return await db.schema_version()
        finally:
            await db.close()

    version = asyncio.run(migrate())
    print(f"database {settings.database_name} is at schema version {version}")
    return 0


def _copy(args: argparse.Namespace, settings: Settings) -> int:
    from storage.copy import CopyRefused, read_tables, write_tables

    async def copy() -> dict[str, int]:
        source = await open_database(args.source, migrate=False)
        try:
            target = await open_database(args.target)
            try:
                versions = (await source.schema_version(), await target.schema_version())
                if versions[0] != versions[1]:
                    raise CopyRefused(
                        f"the source is at schema version {versions[0]}, the target at "
                        f"{versions[1]}; run studybot db migrate on the source first")
                tables = await source.read(read_tables)
                return await target.write(write_tables, tables)
            finally:
                await target.close()
        finally:
            await source.close()

    shown = f"{hide_password(args.source)} to {hide_password(args.target)}"
    try:
        copied = asyncio.run(copy())
    except CopyRefused as exc:
        print(f"studybot: db copy from {shown} failed: {exc}", file=sys.stderr)
        return ExitCode.DATABASE
    print(f"copied {sum(copied.values())} rows in {len(copied)} tables from {shown} "
          "(row counts and checksums match)")
    return 0


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    async def backup() -> str:
        db = await open_database(settings.database_target, migrate=False)
        try:
            await db.backup(args.path)
        finally:
            await db.close()
        copy = await open_database(args.path, migrate=False)
        try:
            return await copy.integrity_check()
        finally:
            await copy.close()

    verdict = asyncio.run(backup())
    if verdict != "ok":
        print(
            f"studybot: backup {args.path} failed its integrity check: {verdict}", file=sys.stderr
        )
        return 1
    print(f"backed up {settings.database_file} to {args.path} (integrity_check: ok)")
    return 0
