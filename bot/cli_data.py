"""``studybot data ...``: the operator's side of members' data (export, deletion,
purging a community) and writing PRIVACY.md, all through ``PrivacyService``."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from bot.core.refs import DISCORD, SLACK, CommunityRef, MemberRef
from bot.i18n import load_catalog
from bot.services import Services
from bot.settings import Settings

T = TypeVar("T")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``data purge-guild``, ``data export-member``, ``data delete-member`` and
    ``data privacy-md``."""
    data = subparsers.add_parser("data", help="members' data: export, deletion, purge")
    actions = data.add_subparsers(dest="data_command", required=True, metavar="ACTION")

    purge = actions.add_parser("purge-guild", help="delete every row of one server or workspace")
    purge.add_argument("community", metavar="ID", help="the Discord guild id or Slack team id")
    _platform_and_confirm(purge)
    purge.set_defaults(handler=run_purge_guild)

    export = actions.add_parser("export-member", help="everything stored about one member")
    export.add_argument("community", metavar="GUILD", help="the guild id or Slack team id")
    export.add_argument("member", metavar="USER", help="the member's user id")
    export.add_argument("--platform", choices=[DISCORD, SLACK], default=DISCORD,
                        help="where the community lives (default: discord)")
    export.add_argument("--output", "-o", type=Path, default=Path("."), metavar="DIR",
                        help="directory for the JSON file and the CSV zip (default: here)")
    export.set_defaults(handler=run_export_member)

    delete = actions.add_parser("delete-member", help="delete everything about one member")
    delete.add_argument("community", metavar="GUILD", help="the guild id or Slack team id")
    delete.add_argument("member", metavar="USER", help="the member's user id")
    _platform_and_confirm(delete)
    delete.set_defaults(handler=run_delete_member)

    notice = actions.add_parser("privacy-md", help="write the privacy notice as Markdown")
    notice.add_argument("--output", "-o", type=Path, default=Path("PRIVACY.md"), metavar="PATH",
                        help="the file to write (default: PRIVACY.md)")
    notice.set_defaults(handler=run_privacy_md)


def _platform_and_confirm(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--platform", choices=[DISCORD, SLACK], default=DISCORD,
                        help="where the community lives (default: discord)")
    parser.add_argument("--yes", action="store_true",
                        help="really delete (without it, nothing is changed)")


def _with_services(settings: Settings, work: Callable[[Services], Awaitable[T]]) -> T:
    from bot.runner import open_services

    async def run() -> T:
        services = await open_services(settings)
        try:
            return await work(services)
        finally:
            await services.close()

    return asyncio.run(run())


def run_purge_guild(args: argparse.Namespace, settings: Settings) -> int:
    community = CommunityRef(args.platform, args.community)
    if not args.yes:
        print(f"studybot: this deletes every row of {args.platform} {args.community} at once; "
              "run again with --yes to do it (nothing was changed)", file=sys.stderr)
        return 1
    purged = _with_services(settings, lambda s: s.privacy.purge_community(community))
    if not purged:
        print(f"studybot: nothing is stored about {args.platform} {args.community}",
              file=sys.stderr)
        return 1
    print(f"deleted every row of {args.platform} {args.community}")
    return 0


def run_export_member(args: argparse.Namespace, settings: Settings) -> int:
    member = MemberRef(CommunityRef(args.platform, args.community), args.member)
    exported = _with_services(settings, lambda s: s.privacy.export(member, limited=False))
    if not exported.row_count:
        print(f"studybot: nothing is stored about member {args.member} in {args.platform} "
              f"{args.community}", file=sys.stderr)
        return 1
    output: Path = args.output
    output.mkdir(parents=True, exist_ok=True)
    for file in exported.files():
        (output / file.filename).write_bytes(file.content)
        print(f"wrote {output / file.filename}")
    print(f"{exported.row_count} rows")
    return 0


def run_delete_member(args: argparse.Namespace, settings: Settings) -> int:
    member = MemberRef(CommunityRef(args.platform, args.community), args.member)
    if not args.yes:
        print(f"studybot: this deletes everything stored about member {args.member}; run "
              "again with --yes to do it (nothing was changed)", file=sys.stderr)
        return 1
    result = _with_services(settings, lambda s: s.privacy.delete_by_operator(member))
    if not result.found:
        print(f"studybot: nothing is stored about member {args.member} in {args.platform} "
              f"{args.community}", file=sys.stderr)
        return 1
    print(f"deleted {result.rows_deleted} rows; {result.rows_kept_anonymous} past records "
          "kept under the former-member placeholder")
    return 0


def run_privacy_md(args: argparse.Namespace, settings: Settings) -> int:
    from bot.privacy.notice import privacy_markdown

    args.output.write_text(privacy_markdown(load_catalog()), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0
