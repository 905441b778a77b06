"""The guild FAQ: storage functions and the knowledge service on a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.knowledge import FAQ_ANSWER_LIMIT, FAQ_QUESTION_LIMIT, PAGE_SIZE, KnowledgeService
from content.loader import KnowledgeCatalog, load_catalog
from storage import faq as faq_store
from storage.communities import ensure_community, ensure_member
from storage.connection import Connection
from storage.database import Database
from tests.storage.conftest import integrity_error

GUILD = CommunityRef(DISCORD, "1001")
OTHER = CommunityRef(DISCORD, "2002")
MOD = MemberRef(GUILD, "42")
OTHER_MOD = MemberRef(OTHER, "43")
# The same people as the service sees them when a front end found them moderators.
MOD_ACTOR = Actor(MOD, is_moderator=True)
OTHER_MOD_ACTOR = Actor(OTHER_MOD, is_moderator=True)
GPU_KO = ("GPU 서버 계정은 어떻게 신청하나요?", "운영진에게 DM으로 이름과 용도를 보내 주세요.")
GPU_EN = ("How do I get a GPU server account?", "DM an organiser with your name and purpose.")


@pytest.fixture(scope="module")
def catalog() -> KnowledgeCatalog:
    return load_catalog()


@pytest.fixture
def service(catalog: KnowledgeCatalog, db: Database, clock: ManualClock) -> KnowledgeService:
    return KnowledgeService(catalog, db, clock)


async def count_rows(db: Database) -> int:
    def work(conn: Connection):
        cursor = conn.execute("SELECT COUNT(*) FROM knowledge_faq")
        row = cursor.fetchone()
        return row
    row = await db.read(work)
    return int(row[0]) if row else 0


async def test_storage_round_trip(db: Database) -> None:
    texts = faq_store.FaqTexts(*GPU_KO, None, None)
    def work(conn: Connection):
        community_id = ensure_community(conn, GUILD)
        member_id = ensure_member(conn, MOD, "모더")
        faq_id = faq_store.insert_faq(conn, community_id, member_id, texts, "2026-01-01")
        return community_id, member_id, faq_id
    community_id, member_id, faq_id = await db.write(work)
    def work(conn: Connection):
        row = faq_store.get_faq(conn, GUILD, faq_id)
        assert faq_store.get_faq(conn, OTHER, faq_id) is None
        assert [r.id for r in faq_store.list_faqs(conn, GUILD)] == [faq_id]
        assert faq_store.list_faqs(conn, OTHER) == []
        return row
    row = await db.read(work)
    assert row is not None and row.texts == texts and row.author_name == "모더"
    def work(conn: Connection):
        assert faq_store.update_faq(
            conn, community_id, faq_id, member_id, faq_store.FaqTexts(None, None, *GPU_EN), "t2")
        assert not faq_store.update_faq(
            conn, community_id + 1, faq_id, member_id, texts, "t3")
    await db.write(work)
    def work(conn: Connection):
        assert faq_store.delete_faq(conn, community_id, faq_id)
        assert not faq_store.delete_faq(conn, community_id, faq_id)
    await db.write(work)


async def test_schema_refuses_half_a_language(db: Database) -> None:
    with pytest.raises(integrity_error(db)):
        def work(conn: Connection):
            community_id = ensure_community(conn, GUILD)
            faq_store.insert_faq(
                conn, community_id, ensure_member(conn, MOD),
                faq_store.FaqTexts("질문만", None, None, None), "t")
        await db.write(work)
    assert await count_rows(db) == 0


async def test_add_is_searchable_and_shows_its_author(service: KnowledgeService) -> None:
    assert not (await service.ask(GUILD, "GPU 서버 계정 신청 방법", "ko")).answered
    added = await service.faq_add(GUILD, MOD_ACTOR, "모더", *GPU_KO, *GPU_EN)
    assert added.id.startswith("faq.") and added.author == "모더" and added.kind == "faq"
    result = await service.ask(GUILD, "GPU 서버 계정 신청 방법", "ko")
    assert result.answer is not None and result.answer.id == added.id
    assert result.answer.body == GPU_KO[1]
    english = await service.ask(GUILD, "how to get a GPU server account", "en")
    assert english.answer is not None and english.answer.body == GPU_EN[1]
    # Another community never sees it.
    assert not (await service.ask(OTHER, "GPU 서버 계정 신청 방법", "ko")).answered


async def test_index_is_built_lazily_from_the_database(
    catalog: KnowledgeCatalog, db: Database, clock: ManualClock, service: KnowledgeService,
) -> None:
    added = await service.faq_add(GUILD, MOD_ACTOR, "모더", *GPU_KO, None, None)
    fresh = KnowledgeService(catalog, db, clock)  # e.g. after a restart
    result = await fresh.ask(GUILD, "GPU 서버 계정 신청", "ko")
    assert result.answer is not None and result.answer.id == added.id


async def test_edit_and_remove_update_the_index(service: KnowledgeService) -> None:
    added = await service.faq_add(GUILD, MOD_ACTOR, "모더", *GPU_KO, None, None)
    await service.ask(GUILD, "아무 질문", "ko")  # the index is loaded now
    edited = await service.faq_edit(
        GUILD, added.id, MOD_ACTOR, "모더", question_ko="모각코 장소는 어디예요?",
        answer_ko="강남역 스터디 카페 3층이에요.")
    assert edited.title == "모각코 장소는 어디예요?"
    assert not (await service.ask(GUILD, "GPU 서버 계정 신청", "ko")).answered
    found = await service.ask(GUILD, "모각코 장소 어디", "ko")
    assert found.answer is not None and found.answer.id == added.id
    removed = await service.faq_remove(GUILD, added.id, MOD_ACTOR)
    assert removed.id == added.id
    assert not (await service.ask(GUILD, "모각코 장소 어디", "ko")).answered
    with pytest.raises(UserFacingError) as caught:
        await service.faq_show(GUILD, added.id)
    assert caught.value.key == "knowledge.topic_not_found"


async def test_edit_can_add_and_drop_a_language(service: KnowledgeService) -> None:
    added = await service.faq_add(GUILD, MOD_ACTOR, "모더", *GPU_KO, None, None)
    both = await service.faq_edit(GUILD, added.id, MOD_ACTOR, None, question_en=GPU_EN[0],
                                  answer_en=GPU_EN[1], lang="en")
    assert both.lang == "en" and both.title == GPU_EN[0]
    english_only = await service.faq_edit(GUILD, added.id, MOD_ACTOR, None, question_ko="",
                                          answer_ko="")
    assert english_only.lang == "en"  # shown in English although Korean was asked for
    with pytest.raises(UserFacingError) as caught:
        await service.faq_edit(GUILD, added.id, MOD_ACTOR, None, question_en="", answer_en="")
    assert caught.value.key == "knowledge.faq.empty"


@pytest.mark.parametrize(
    ("texts", "key"),
    [
        ((None, None, None, None), "knowledge.faq.empty"),
        (("  ", "답", None, None), "knowledge.faq.pair_incomplete_ko"),
        ((None, None, "Q?", None), "knowledge.faq.pair_incomplete_en"),
        (("질" * (FAQ_QUESTION_LIMIT + 1), "답", None, None), "knowledge.faq.question_too_long"),
        ((None, None, "Q?", "a" * (FAQ_ANSWER_LIMIT + 1)), "knowledge.faq.answer_too_long"),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(
    service: KnowledgeService, db: Database,
    texts: tuple[str | None, str | None, str | None, str | None], key: str,
) -> None:
    with pytest.raises(UserFacingError) as caught:
        await service.faq_add(GUILD, MOD_ACTOR, "모더", *texts)
    assert caught.value.key == key
    assert await count_rows(db) == 0
    def work(conn: Connection):
        cursor = conn.execute("SELECT COUNT(*) FROM communities")
        row = cursor.fetchone()
        return row
    row = await db.read(work)
    assert row is not None and row[0] == 0


async def test_catalog_entries_cannot_be_edited(service: KnowledgeService) -> None:
    for action in (service.faq_remove(GUILD, "qa.degree-required", MOD_ACTOR),
                   service.faq_edit(GUILD, "qa.degree-required", MOD_ACTOR, None, question_ko="x")):
        with pytest.raises(UserFacingError) as caught:
            await action
        assert caught.value.key == "knowledge.faq.not_editable"


async def test_entries_are_scoped_to_their_community(service: KnowledgeService) -> None:
    added = await service.faq_add(GUILD, MOD_ACTOR, "모더", *GPU_KO, None, None)
    for action in (service.faq_remove(OTHER, added.id, MOD_ACTOR),
                   service.faq_show(OTHER, added.id),
                   service.faq_edit(OTHER, added.id, OTHER_MOD_ACTOR, None, question_ko="x",
                                    answer_ko="y")):
        with pytest.raises(UserFacingError) as caught:
            await action
        assert caught.value.key == "knowledge.topic_not_found"
    assert (await service.faq_show(GUILD, added.id)).title == GPU_KO[0]
    with pytest.raises(ValueError):
        await service.faq_add(GUILD, OTHER_MOD_ACTOR, None, *GPU_KO, None, None)


async def test_timestamps_and_editor_are_recorded(
    service: KnowledgeService, db: Database, clock: ManualClock,
) -> None:
    added = await service.faq_add(GUILD, MOD_ACTOR, "모더", *GPU_KO, None, None)
    created = clock.now()
    clock.advance(timedelta(hours=2))
    editor = Actor(MemberRef(GUILD, "77"), is_moderator=True)
    await service.faq_edit(GUILD, added.id, editor, "편집자", answer_ko="바뀐 답변")
    def work(conn: Connection):
        cursor = conn.execute(
            "SELECT f.created_at, f.updated_at, m.external_id FROM knowledge_faq f "
            "JOIN members m ON m.id = f.updated_by"
        )
        row = cursor.fetchone()
        return row
    row = await db.read(work)
    assert row is not None
    assert row[0] == created.isoformat() and row[1] == clock.now().isoformat()
    assert row[2] == "77"
    assert (await service.faq_show(GUILD, added.id)).author == "모더"  # the adder stays


async def test_faq_list_pages_catalog_and_guild_entries(
    service: KnowledgeService, catalog: KnowledgeCatalog,
) -> None:
    listed_from_catalog = [e for e in catalog if e.kind in ("qa", "tip")]
    for number in range(PAGE_SIZE):
        await service.faq_add(GUILD, MOD_ACTOR, "모더", f"질문 {number}번?", "답변", None, None)
    total = len(listed_from_catalog) + PAGE_SIZE
    first = await service.faq_list(GUILD, 1, "ko")
    assert first.total == total and first.pages == -(-total // PAGE_SIZE)
    assert [item.id for item in first.items] == [e.id for e in listed_from_catalog][:PAGE_SIZE]
    last = await service.faq_list(GUILD, 99, "en")
    assert last.page == last.pages
    assert last.items[-1].kind == "faq" and last.items[-1].author == "모더"
    assert last.items[-1].title == f"질문 {PAGE_SIZE - 1}번?"  # Korean-only entry, shown as is
    everything = [item for page in range(1, first.pages + 1)
                  for item in (await service.faq_list(GUILD, page, "ko")).items]
    assert len(everything) == total == len({item.id for item in everything})
    other = await service.faq_list(OTHER, 0, "ko")
    assert other.page == 1 and other.total == len(listed_from_catalog)
