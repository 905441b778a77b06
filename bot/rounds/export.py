"""The files a round is exported as, the same on every front end: its recap as
Markdown and CSV and, once the round has started, its calendar (.ics)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.refs import MemberRef
from bot.core.round_model import Round
from bot.i18n import Catalog, Lang
from bot.rounds.messages import file_stem
from bot.rounds.recap import Recap, recap_csv, recap_markdown

if TYPE_CHECKING:
    from bot.rounds.service import RoundService


@dataclass(frozen=True, slots=True)
class RoundFile:
    """One file to hand to a member: its name and bytes."""

    filename: str
    content: bytes


def recap_files(recap: Recap, markdown: str, stem: str) -> tuple[RoundFile, RoundFile]:
    """The recap as ``<stem>-recap.md`` (``markdown``, already rendered in the reader's
    language) and ``<stem>-recap.csv``."""
    return (
        RoundFile(f"{stem}-recap.md", markdown.encode("utf-8")),
        RoundFile(f"{stem}-recap.csv", recap_csv(recap).encode("utf-8")),
    )


def calendar_file(rnd: Round, data: bytes) -> RoundFile:
    """A round's calendar as ``<stem>.ics``."""
    return RoundFile(f"{file_stem(rnd.name)}.ics", data)


async def export_files(
    rounds: RoundService, rnd: Round, texts: Catalog, lang: Lang, caller: MemberRef
) -> list[RoundFile]:
    """``/round-admin export``: the recap files, plus the calendar unless the round is
    still a draft (a draft's sessions are only planned)."""
    recap = await rounds.recap(rnd, caller=caller)
    files = list(recap_files(recap, recap_markdown(recap, texts, lang), file_stem(rnd.name)))
    if rnd.status != "draft":
        _, data = await rounds.calendar(rnd.community, str(rnd.id), lang)
        files.append(calendar_file(rnd, data))
    return files
