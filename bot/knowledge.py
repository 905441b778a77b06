"""The knowledge service behind /ask, /role, /roles and /faq (no Discord here).

The shipped catalog is indexed once at start-up. A community's own FAQ lives in
SQLite; the first time a community is asked about, its entries are read and put
into a search layer over the catalog index, which add/edit/remove then keep up
to date. Results are plain dataclasses that a front end renders.
"""

from __future__ import annotations

import asyncio
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.clock import Clock
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import CommunityRef, MemberRef
from bot.i18n import LANGUAGES, Catalog, Lang
from content.documents import Document, faq_document
from content.loader import KnowledgeCatalog
from content.ranking import Ranking
from content.ranking_cache import RankingCache
from content.schema import Entry
from content.search import SearchIndex, catalog_index
from content.sources import source_line
from storage import faq as faq_store
from storage.communities import ensure_community, ensure_member
from storage.connection import Connection
from storage.database import Database

ASK_LIMIT = 500
FAQ_QUESTION_LIMIT = 200
FAQ_ANSWER_LIMIT = 1500
FAQ_PER_COMMUNITY = 5000
PAGE_SIZE = 10
CHOICES_LIMIT = 25  # Discord's autocomplete limit
CHOICE_NAME_LIMIT = 100
# One "related" list under an answer: runners-up first, then the entry's own
# related topics, at most this many.
RELATED_LIMIT = 4
# A runner-up is offered beside the answer when it scores this share of the best.
RUNNER_UP_SHARE = 0.6
FAQ_PREFIX = "faq."
_FAQ_ID = re.compile(r"^(?:faq\.)?([0-9]{1,12})$")
_TITLE_PARTS = re.compile(r"[(),/]")
_LISTED_KINDS = ("qa", "tip")  # what /faq list shows from the catalog
_ROLE_KINDS = ("role", "player")


@dataclass(frozen=True, slots=True)
class TopicLink:
    """A topic's id and its title in the reader's language."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class TopicView:
    """One topic ready to render: a catalog entry or a guild FAQ entry."""

    id: str
    kind: str  # role | player | tip | qa | faq
    lang: Lang  # the language of the texts (a guild entry may exist in one language only)
    title: str
    summary: str  # empty for guild FAQ entries
    body: str
    related: tuple[TopicLink, ...] = ()  # at most RELATED_LIMIT, by title
    research_questions: tuple[str, ...] = ()
    # Catalog entries: the seminar and year or role page, and the question answered.
    source: str | None = None
    source_link: str | None = None  # the original page, where known
    thin_source: bool = False
    author: str | None = None  # who added a guild FAQ entry


@dataclass(frozen=True, slots=True)
class RankedTopic:
    """One search result with its score (higher is better)."""

    id: str
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class AskResult:
    """The answer to /ask: the best topic, or none when the question is off-topic.

    The answer's ``related`` is the one list of other topics to offer: close
    runners-up first, then the entry's own related topics.
    """

    question: str
    question_lang: Lang  # detected from the question's script
    answer: TopicView | None
    ranked: tuple[RankedTopic, ...]  # best first; empty when declined
    # The question mentions distress: the reply adds a line about support, in
    # the question's language.
    support: bool = False
    # Declined because it asks how to use the bot: the reply points to /help.
    about_bot: bool = False
    # Declined: the job roles and player types, to show what /ask knows.
    topics: tuple[TopicLink, ...] = ()

    @property
    def answered(self) -> bool:
        return self.answer is not None


def declined_text(result: AskResult, texts: Catalog, lang: Lang) -> str:
    """The reply to a declined /ask on every platform: a pointer to /help for
    questions about the bot, else "no answer" with the roles and types /ask knows."""
    if result.about_bot:
        return texts.t("knowledge.about_bot", lang)
    topics = ", ".join(link.title for link in result.topics)
    return "\n".join([texts.t("knowledge.no_answer", lang),
                      texts.t("knowledge.no_answer.topics", lang, topics=topics)])


def support_text(result: AskResult, texts: Catalog) -> str | None:
    """The line about support for a question that mentions distress, in the
    language the member wrote in; None otherwise."""
    return texts.t("knowledge.support", result.question_lang) if result.support else None


@dataclass(frozen=True, slots=True)
class OverviewLine:
    id: str
    title: str
    summary: str


@dataclass(frozen=True, slots=True)
class RolesOverview:
    """The job roles and the R/A/E/D player types, a line each."""

    roles: tuple[OverviewLine, ...]
    players: tuple[OverviewLine, ...]


@dataclass(frozen=True, slots=True)
class Choice:
    """An autocomplete choice: what the member sees and the value sent back."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class FaqListItem:
    id: str
    kind: str
    title: str
    author: str | None = None


@dataclass(frozen=True, slots=True)
class FaqPage:
    items: tuple[FaqListItem, ...]
    page: int  # 1-based, clamped to the pages that exist
    pages: int
    total: int


@dataclass
class _GuildFaq:
    index: SearchIndex  # a layer over the catalog index
    rows: dict[int, faq_store.FaqRow]


class KnowledgeService:
    """Answers questions from the catalog and each community's own FAQ."""

    def __init__(
        self,
        catalog: KnowledgeCatalog,
        db: Database | None,
        clock: Clock,
        *,
        index: SearchIndex | None = None,
    ) -> None:
        """``db`` may be None where no community FAQ is needed (the CLI without --guild)."""
        self.catalog = catalog
        self._db = db
        self._clock = clock
        self._index = index or catalog_index(catalog)
        self._guilds: dict[CommunityRef, _GuildFaq] = {}
        self._locks: dict[CommunityRef, asyncio.Lock] = {}
        self._role_names = _role_names(catalog)
        self._rankings = RankingCache()
        # The catalog never changes while the service runs: each entry's view in
        # each language is made once, not on every answer that names it.
        self._entry_views: dict[tuple[str, Lang], TopicView] = {
            (entry.id, lang): self._make_entry_view(entry, lang)
            for entry in catalog
            for lang in LANGUAGES
        }

    # /ask

    async def ask(self, community: CommunityRef | None, question: str, lang: Lang) -> AskResult:
        """The best topic for ``question`` (with up to RELATED_LIMIT more), or a
        "no answer" result with the topics that exist."""
        text = question.strip()
        if not text:
            raise UserFacingError("knowledge.question_empty")
        if len(text) > ASK_LIMIT:
            raise UserFacingError("knowledge.question_too_long", limit=ASK_LIMIT)
        guild = await self._guild(community) if community is not None else None
        # A guild without entries of its own ranks exactly as the catalog does:
        # search the catalog alone rather than through the empty layer (and share
        # the catalog's remembered rankings).
        index = guild.index if guild and guild.rows else self._index
        ranking = self._rankings.search(index, text)
        question_lang: Lang = ranking.language  # the question's words, whatever the spacing
        if not ranking.answered:
            return AskResult(text, question_lang, None, (), ranking.distress,
                             about_bot=ranking.off_topic == "bot", topics=self._topics(lang))
        answer = self._view(ranking.hits[0].key, lang, guild)
        ranked = tuple(
            RankedTopic(hit.key, self._view(hit.key, lang, guild).title, hit.score)
            for hit in ranking.hits
        )
        answer = replace(answer, related=self._related(ranking, answer, lang, guild))
        return AskResult(text, question_lang, answer, ranked, ranking.distress)

    def _related(
        self,
        ranking: Ranking,
        answer: TopicView,
        lang: Lang,
        guild: _GuildFaq | None,
    ) -> tuple[TopicLink, ...]:
        """Close runners-up, then the answer's own related topics, once each."""
        best = ranking.hits[0].score
        runners = [hit.key for hit in ranking.hits[1:] if hit.score >= best * RUNNER_UP_SHARE]
        keys = [key for key in dict.fromkeys([*runners, *(link.id for link in answer.related)])
                if key != answer.id]
        return tuple(TopicLink(key, self._view(key, lang, guild).title)
                     for key in keys[:RELATED_LIMIT])

    def _topics(self, lang: Lang) -> tuple[TopicLink, ...]:
        return tuple(TopicLink(entry.id, entry.text(lang).title)
                     for kind in _ROLE_KINDS for entry in self.catalog if entry.kind == kind)

    # /role, /roles and autocomplete

    def role(self, name: str, lang: Lang = "ko") -> TopicView:
        """A job role or player type by id, title or alias in either language."""
        entry_id = self._role_names.get(_normalise(name))
        if entry_id is None:
            raise UserFacingError("knowledge.role_not_found", name=name.strip()[:100])
        return self._view(entry_id, lang, None)

    def roles_overview(self, lang: Lang = "ko") -> RolesOverview:
        """Every job role and player type with its one-line summary."""

        def lines(kind: str) -> tuple[OverviewLine, ...]:
            return tuple(
                OverviewLine(entry.id, entry.text(lang).title, entry.text(lang).summary)
                for entry in self.catalog
                if entry.kind == kind
            )

        return RolesOverview(lines("role"), lines("player"))

    def complete_roles(self, prefix: str, lang: Lang) -> list[Choice]:
        """Autocomplete for /role: roles and player types matching ``prefix``."""
        return _complete(
            prefix, lang, [entry for entry in self.catalog if entry.kind in _ROLE_KINDS]
        )

    def complete_topics(self, prefix: str, lang: Lang) -> list[Choice]:
        """Autocomplete for /faq show: catalog topics matching ``prefix``."""
        return _complete(prefix, lang, list(self.catalog))

    async def complete_faq(
        self,
        community: CommunityRef | None,
        prefix: str,
        lang: Lang,
        *,
        editable_only: bool = False,
    ) -> list[Choice]:
        """Autocomplete over the community's own FAQ entries (newest first), followed by
        catalog topics unless ``editable_only``."""
        wanted = _normalise(prefix)
        choices: list[Choice] = []
        if community is not None:
            guild = await self._guild(community)
            for number in sorted(guild.rows, reverse=True):
                view = _faq_view(guild.rows[number], lang)
                if not wanted or wanted in _normalise(view.title) or wanted in str(number):
                    label = f"{view.id} · {view.title}"
                    choices.append(Choice(_truncate(label, CHOICE_NAME_LIMIT), view.id))
        if not editable_only:
            choices.extend(self.complete_topics(prefix, lang))
        return choices[:CHOICES_LIMIT]

    # /faq

    async def faq_list(self, community: CommunityRef | None, page: int, lang: Lang) -> FaqPage:
        """One page of the catalog's Q&A and tips followed by the community's own FAQ."""
        items = [
            FaqListItem(entry.id, entry.kind, entry.text(lang).title)
            for entry in self.catalog
            if entry.kind in _LISTED_KINDS
        ]
        if community is not None:
            guild = await self._guild(community)
            for row in guild.rows.values():
                view = _faq_view(row, lang)
                items.append(FaqListItem(view.id, view.kind, view.title, view.author))
        pages = max(1, math.ceil(len(items) / PAGE_SIZE))
        page = min(max(page, 1), pages)
        start = (page - 1) * PAGE_SIZE
        return FaqPage(tuple(items[start : start + PAGE_SIZE]), page, pages, len(items))

    async def faq_show(
        self,
        community: CommunityRef | None,
        topic_id: str,
        lang: Lang = "ko",
    ) -> TopicView:
        """Any catalog topic, or one of the community's FAQ entries, by id."""
        topic = topic_id.strip()
        if topic in self.catalog:
            return self._view(topic, lang, None)
        number = _faq_number(topic)
        if community is not None and number is not None:
            guild = await self._guild(community)
            if number in guild.rows:
                return _faq_view(guild.rows[number], lang)
        raise UserFacingError("knowledge.topic_not_found", topic=topic[:100])

    async def faq_texts(
        self, community: CommunityRef, topic_id: str
    ) -> tuple[str | None, str | None, str | None, str | None]:
        """The current question/answer texts (ko, en) of an editable FAQ entry."""
        number = self._editable_number(topic_id)
        guild = await self._guild(community)
        row = guild.rows.get(number)
        if row is None:
            raise UserFacingError("knowledge.topic_not_found", topic=topic_id.strip()[:100])
        return _fields(row.texts)

    async def faq_add(
        self,
        community: CommunityRef,
        author: Actor,
        author_name: str | None,
        question_ko: str | None,
        answer_ko: str | None,
        question_en: str | None,
        answer_en: str | None,
        lang: Lang = "ko",
    ) -> TopicView:
        """Add an entry to the community's FAQ (Korean, English or both). Moderators
        only."""
        author.require_moderator()
        _same_community(community, author.member)
        texts = _validated(faq_store.FaqTexts(question_ko, answer_ko, question_en, answer_en))
        db = self._require_db()

        def insert(conn: Connection) -> faq_store.FaqRow | None:
            community_id = ensure_community(conn, community)
            if faq_store.count_faqs(conn, community_id) >= FAQ_PER_COMMUNITY:
                raise UserFacingError("knowledge.faq.full", limit=FAQ_PER_COMMUNITY)
            member_id = ensure_member(conn, author.member, author_name)
            faq_id = faq_store.insert_faq(conn, community_id, member_id, texts, self._now())
            return faq_store.get_faq(conn, community, faq_id)

        row = await db.write(insert)
        assert row is not None
        await self._remember(community, row)
        return _faq_view(row, lang)

    async def faq_edit(
        self,
        community: CommunityRef,
        topic_id: str,
        editor: Actor,
        editor_name: str | None,
        question_ko: str | None = None,
        answer_ko: str | None = None,
        question_en: str | None = None,
        answer_en: str | None = None,
        lang: Lang = "ko",
    ) -> TopicView:
        """Change an entry of the community's FAQ. A text left as None stays as it
        was; an empty text removes it (so a language can be dropped as a pair).
        Moderators only."""
        editor.require_moderator()
        _same_community(community, editor.member)
        number = self._editable_number(topic_id)
        db = self._require_db()

        def update(conn: Connection) -> faq_store.FaqRow | None:
            old = faq_store.get_faq(conn, community, number)
            if old is None:
                raise UserFacingError("knowledge.topic_not_found", topic=topic_id.strip()[:100])
            texts = _validated(
                faq_store.FaqTexts(
                    *(
                        old_value if new is None else new
                        for old_value, new in zip(
                            _fields(old.texts),
                            (question_ko, answer_ko, question_en, answer_en),
                            strict=True,
                        )
                    )
                )
            )
            community_id = ensure_community(conn, community)
            member_id = ensure_member(conn, editor.member, editor_name)
            faq_store.update_faq(conn, community_id, number, member_id, texts, self._now())
            return faq_store.get_faq(conn, community, number)

        row = await db.write(update)
        assert row is not None
        await self._remember(community, row)
        return _faq_view(row, lang)

    async def faq_remove(
        self,
        community: CommunityRef,
        topic_id: str,
        remover: Actor,
        lang: Lang = "ko",
    ) -> TopicView:
        """Remove an entry of the community's FAQ; returns what was removed.
        Moderators only."""
        remover.require_moderator()
        number = self._editable_number(topic_id)
        db = self._require_db()

        def delete(conn: Connection) -> faq_store.FaqRow:
            row = faq_store.get_faq(conn, community, number)
            if row is None:
                raise UserFacingError("knowledge.topic_not_found", topic=topic_id.strip()[:100])
            faq_store.delete_faq(conn, ensure_community(conn, community), number)
            return row

        row = await db.write(delete)
        await self._forget(community, number)
        return _faq_view(row, lang)

    # internals

    def _editable_number(self, topic_id: str) -> int:
        topic = topic_id.strip()
        if topic in self.catalog:
            raise UserFacingError("knowledge.faq.not_editable", topic=topic)
        number = _faq_number(topic)
        if number is None:
            raise UserFacingError("knowledge.topic_not_found", topic=topic[:100])
        return number

    def _view(self, key: str, lang: Lang, guild: _GuildFaq | None) -> TopicView:
        entry = self.catalog.get(key)
        if entry is not None:
            return self._entry_view(entry, lang)
        number = _faq_number(key)
        if guild is None or number is None or number not in guild.rows:
            raise KeyError(key)
        return _faq_view(guild.rows[number], lang)

    def _entry_view(self, entry: Entry, lang: Lang) -> TopicView:
        return self._entry_views[entry.id, lang]

    def _make_entry_view(self, entry: Entry, lang: Lang) -> TopicView:
        text = entry.text(lang)
        related = tuple(
            TopicLink(related.id, related.text(lang).title)
            for related in (self.catalog.get(key) for key in entry.related)
            if related
        )[:RELATED_LIMIT]
        return TopicView(
            id=entry.id,
            kind=entry.kind,
            lang=lang,
            title=text.title,
            summary=text.summary,
            body=text.body,
            related=related,
            research_questions=tuple(text.research_questions),
            source=source_line(entry, self.catalog, lang),
            source_link=entry.source.link,
            thin_source=entry.source.thin,
        )

    async def _guild(self, community: CommunityRef) -> _GuildFaq:
        cached = self._guilds.get(community)
        if cached is not None:
            return cached
        async with self._lock(community):
            cached = self._guilds.get(community)
            if cached is None:
                rows = await self._require_db().read(faq_store.list_faqs, community)
                # Indexing thousands of entries takes seconds: keep it off the event loop.
                layer = await asyncio.to_thread(_layer_with, self._index, rows)
                cached = _GuildFaq(layer, {row.id: row for row in rows})
                self._guilds[community] = cached
        return cached

    async def _remember(self, community: CommunityRef, row: faq_store.FaqRow) -> None:
        """Put a committed row into the community's index, if it is loaded."""
        async with self._lock(community):
            guild = self._guilds.get(community)
            if guild is not None:
                key = f"{FAQ_PREFIX}{row.id}"
                guild.index.remove(key)
                guild.index.add(_document(row))
                guild.rows[row.id] = row

    async def _forget(self, community: CommunityRef, number: int) -> None:
        async with self._lock(community):
            guild = self._guilds.get(community)
            if guild is not None:
                guild.index.remove(f"{FAQ_PREFIX}{number}")
                guild.rows.pop(number, None)

    def _lock(self, community: CommunityRef) -> asyncio.Lock:
        return self._locks.setdefault(community, asyncio.Lock())

    def _require_db(self) -> Database:
        if self._db is None:
            raise RuntimeError("this KnowledgeService has no database for community FAQs")
        return self._db

    def _now(self) -> str:
        return self._clock.now().isoformat()


def _layer_with(base: SearchIndex, rows: Iterable[faq_store.FaqRow]) -> SearchIndex:
    layer = base.layer()
    for row in rows:
        layer.add(_document(row))
    return layer


def _document(row: faq_store.FaqRow) -> Document:
    texts = row.texts
    return faq_document(
        f"{FAQ_PREFIX}{row.id}",
        [q for q in (texts.question_ko, texts.question_en) if q],
        [a for a in (texts.answer_ko, texts.answer_en) if a],
    )


def _faq_view(row: faq_store.FaqRow, lang: Lang) -> TopicView:
    texts = row.texts
    korean = (texts.question_ko, texts.answer_ko)
    english = (texts.question_en, texts.answer_en)
    preferred, other = (korean, english) if lang == "ko" else (english, korean)
    shown_lang: Lang = lang if preferred[0] else ("en" if lang == "ko" else "ko")
    question, answer = preferred if preferred[0] else other
    return TopicView(
        id=f"{FAQ_PREFIX}{row.id}",
        kind="faq",
        lang=shown_lang,
        title=question or "",
        summary="",
        body=answer or "",
        author=row.author_name or row.author_external_id,
    )


def _fields(texts: faq_store.FaqTexts) -> tuple[str | None, str | None, str | None, str | None]:
    return texts.question_ko, texts.answer_ko, texts.question_en, texts.answer_en


def _validated(texts: faq_store.FaqTexts) -> faq_store.FaqTexts:
    """Stripped texts (blank ones as None), or a UserFacingError naming the problem."""
    q_ko, a_ko, q_en, a_en = (
        (value.strip() or None) if value is not None else None for value in _fields(texts)
    )
    if (q_ko is None) != (a_ko is None):
        raise UserFacingError("knowledge.faq.pair_incomplete_ko")
    if (q_en is None) != (a_en is None):
        raise UserFacingError("knowledge.faq.pair_incomplete_en")
    if q_ko is None and q_en is None:
        raise UserFacingError("knowledge.faq.empty")
    if any(q is not None and len(q) > FAQ_QUESTION_LIMIT for q in (q_ko, q_en)):
        raise UserFacingError("knowledge.faq.question_too_long", limit=FAQ_QUESTION_LIMIT)
    if any(a is not None and len(a) > FAQ_ANSWER_LIMIT for a in (a_ko, a_en)):
        raise UserFacingError("knowledge.faq.answer_too_long", limit=FAQ_ANSWER_LIMIT)
    return faq_store.FaqTexts(q_ko, a_ko, q_en, a_en)


def _same_community(community: CommunityRef, member: MemberRef) -> None:
    if member.community != community:
        raise ValueError("the member belongs to another community")


def _faq_number(topic_id: str) -> int | None:
    match = _FAQ_ID.match(topic_id.strip().lower())
    return int(match.group(1)) if match else None


def _normalise(name: str) -> str:
    """Case, width, spaces and punctuation do not matter when naming a role."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(char for char in folded if char.isalnum())


def _names(entry: Entry) -> set[str]:
    """What an entry is called: its id (with and without the kind) and its titles
    in both languages, whole and split at parentheses ("R", "Researcher")."""
    names = {entry.id, entry.id.split(".", 1)[1]}
    for title in (entry.ko.title, entry.en.title):
        names.add(title)
        names.update(part for part in _TITLE_PARTS.split(title) if part.strip())
    return {normalised for name in names if (normalised := _normalise(name))}


def _role_names(catalog: KnowledgeCatalog) -> dict[str, str]:
    """Normalised name -> id for roles and player types. Keywords count as names
    too when exactly one entry uses them ("데싸", "RS"), never when shared."""
    entries = [entry for entry in catalog if entry.kind in _ROLE_KINDS]
    names: dict[str, str] = {}
    keyword_owners: dict[str, set[str]] = {}
    for entry in entries:
        for keyword in (*entry.ko.keywords, *entry.en.keywords):
            keyword_owners.setdefault(_normalise(keyword), set()).add(entry.id)
    for key, owners in keyword_owners.items():
        if len(owners) == 1 and key:
            names[key] = next(iter(owners))
    for entry in entries:  # titles and ids win over keywords
        for name in _names(entry):
            names[name] = entry.id
    return names


def _complete(prefix: str, lang: Lang, entries: list[Entry]) -> list[Choice]:
    wanted = _normalise(prefix)
    starts: list[Choice] = []
    contains: list[Choice] = []
    for entry in entries:
        choice = Choice(_truncate(entry.text(lang).title, CHOICE_NAME_LIMIT), entry.id)
        names = _names(entry)
        if not wanted or any(name.startswith(wanted) for name in names):
            starts.append(choice)
        elif any(wanted in name for name in names):
            contains.append(choice)
    return (starts + contains)[:CHOICES_LIMIT]


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
