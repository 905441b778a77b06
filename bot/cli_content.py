"""``studybot content validate|list`` and ``studybot ask``: the knowledge catalog
from the command line. ``add_content_parsers`` registers them with the CLI."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from bot.clock import SystemClock
from bot.core.errors import UserFacingError
from bot.core.refs import DISCORD, CommunityRef
from bot.i18n import Lang
from bot.i18n import load_catalog as load_texts
from bot.knowledge import AskResult, KnowledgeService
from bot.settings import Settings, SettingsError, load_settings
from content.language import detect_language
from content.loader import CatalogError, KnowledgeCatalog, load_catalog
from storage.backends import open_database


def add_content_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``content validate``, ``content list`` and ``ask``."""
    content = subparsers.add_parser("content", help="check and list the knowledge catalog")
    actions = content.add_subparsers(dest="content_command", required=True, metavar="ACTION",
                                     title="actions")
    validate = actions.add_parser(
        "validate", help="check catalog YAML; exits 1 listing every problem")
    validate.add_argument(
        "path", nargs="?", type=Path,
        help="a catalog file or directory, checked as a whole catalog (default: the shipped one)")
    validate.set_defaults(handler=run_content_validate)
    listing = actions.add_parser("list", help="ids and titles of the catalog entries")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_content_list)

    ask = subparsers.add_parser("ask", help="ask the knowledge catalog a question, as /ask does")
    ask.add_argument("question", help="the question, in Korean or English (quote it)")
    ask.add_argument("--lang", choices=["ko", "en"],
                     help="language of the answer (default: the question's)")
    ask.add_argument("--json", action="store_true",
                     help='print {"query": ..., "results": [{"id", "score", "title"}, ...]}')
    ask.add_argument("--guild", metavar="ID",
                     help="include this Discord guild's FAQ from the configured database")
    ask.set_defaults(handler=run_ask)


def run_content_validate(args: argparse.Namespace, settings: Settings | None = None) -> int:
    """Print every problem as ``file: entry id: field: message`` (exit 1), or a count."""
    try:
        catalog = load_catalog(args.path)
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"ok: {len(catalog)} entries in {len(catalog.files)} file(s)")
    return 0


def run_content_list(args: argparse.Namespace, settings: Settings | None = None) -> int:
    """Print each entry's id and titles (``--json``: a list of objects)."""
    catalog = _catalog_or_report()
    if catalog is None:
        return 1
    if args.json:
        rows = [{"id": entry.id, "kind": entry.kind,
                 "title": {"ko": entry.ko.title, "en": entry.en.title}} for entry in catalog]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for entry in catalog:
            print(f"{entry.id}\t{entry.ko.title}\t{entry.en.title}")
    return 0


def run_ask(args: argparse.Namespace, settings: Settings | None = None) -> int:
    """Answer one question like /ask; with ``--json`` print the ranked results."""
    catalog = _catalog_or_report()
    if catalog is None:
        return 1
    lang: Lang = args.lang or detect_language(args.question)
    texts = load_texts()
    try:
        result = asyncio.run(_ask(catalog, args.question, lang, args.guild, settings))
    except UserFacingError as exc:
        print(f"studybot: {texts.t(exc.key, lang, **exc.params)}", file=sys.stderr)
        return 2
    except _CannotOpen as exc:
        print(f"studybot: {exc}", file=sys.stderr)
        return 2
    if args.json:
        results = [{"id": topic.id, "score": round(topic.score, 4), "title": topic.title}
                   for topic in result.ranked]
        print(json.dumps({"query": result.question, "results": results}, ensure_ascii=False))
    elif result.answer is None:
        print(texts.t("knowledge.about_bot" if result.about_bot else "knowledge.no_answer", lang))
    else:
        if result.support:
            print(texts.t("knowledge.support", result.question_lang))
        answer = result.answer
        print(f"{answer.title}  [{answer.id}]")
        if answer.summary:
            print(answer.summary)
        for topic in result.ranked[1:]:
            print(f"  also: {topic.id}  {topic.title}  ({topic.score:.2f})")
    return 0


class _CannotOpen(Exception):
    """The database for --guild cannot be used."""


async def _ask(
    catalog: KnowledgeCatalog, question: str, lang: Lang, guild: str | None,
    settings: Settings | None,
) -> AskResult:
    if guild is None:
        return await KnowledgeService(catalog, None, SystemClock()).ask(None, question, lang)
    resolved = _settings(settings)
    target, path = resolved.database_target, resolved.database_name
    if isinstance(target, Path) and not target.exists():
        raise _CannotOpen(f"no database at {path} (needed for --guild)")
    db = await open_database(target, migrate=False)
    try:
        service = KnowledgeService(catalog, db, SystemClock())
        return await service.ask(CommunityRef(DISCORD, guild), question, lang)
    except db.query_errors as exc:
        raise _CannotOpen(
            f"database {path} cannot be read ({exc}); run 'studybot db migrate'") from None
    finally:
        await db.close()


def _settings(settings: Settings | None) -> Settings:
    if settings is not None:
        return settings
    try:
        return load_settings()
    except SettingsError as exc:
        raise _CannotOpen(str(exc)) from None


def _catalog_or_report() -> KnowledgeCatalog | None:
    try:
        return load_catalog()
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None
