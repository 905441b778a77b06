"""``studybot export ics ROUND_ID [--output PATH]``: a round's sessions as an
iCalendar file, from the configured database."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.core.errors import UserFacingError
from bot.i18n import load_catalog
from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export ics``; shares an ``export`` command another feature may have added."""
    export = subparsers.choices.get("export")
    if export is None:
        export = subparsers.add_parser("export", help="export data to files")
    actions = _subcommands(export)
    ics = actions.add_parser("ics", help="a study round's sessions as an .ics calendar file")
    ics.add_argument("round_id", metavar="ROUND_ID", type=int, help="the round's number")
    ics.add_argument("--output", "-o", type=Path, metavar="PATH",
                     help="where to write the file (default: round-ROUND_ID.ics; - for stdout)")
    ics.add_argument("--lang", choices=["ko", "en"], help="language of the event texts")
    ics.set_defaults(handler=run_export_ics)


def _subcommands(
    parser: argparse.ArgumentParser,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest="export_command", required=True, metavar="WHAT",
                                 title="what to export")


def run_export_ics(args: argparse.Namespace, settings: Settings) -> int:
    """Write the calendar; exit 1 with a message when the round does not exist."""
    from bot.runner import open_services

    async def build() -> tuple[str, bytes]:
        services = await open_services(settings)
        try:
            rnd, data = await services.rounds.calendar_by_id(args.round_id, args.lang)
        finally:
            await services.close()
        return rnd.name, data

    try:
        name, data = asyncio.run(build())
    except UserFacingError as exc:
        message = load_catalog().t(exc.key, args.lang or settings.language, **exc.params)
        print(f"studybot: {message}", file=sys.stderr)
        return 1
    output: Path = args.output or Path(f"round-{args.round_id}.ics")
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        return 0
    output.write_bytes(data)
    print(f"wrote {data.count(b'BEGIN:VEVENT')} sessions of {name!r} to {output}")
    return 0
