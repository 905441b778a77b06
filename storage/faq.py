"""A community's own FAQ entries (table ``knowledge_faq``, migration 002)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.refs import CommunityRef
from storage.connection import Connection, Row
from storage.fetch import fetch_all, fetch_one, fetch_value

_COLUMNS = (
    "f.id, f.question_ko, f.answer_ko, f.question_en, f.answer_en, f.created_at, f.updated_at, "
    "author.display_name, author.external_id"
)
_FROM = (
    "FROM knowledge_faq f JOIN communities c ON c.id = f.community_id "
    "LEFT JOIN members author ON author.id = f.created_by "
    "WHERE c.platform = ? AND c.external_id = ?"
)


@dataclass(frozen=True, slots=True)
class FaqTexts:
    """The question and answer of each language; a language is absent as a None pair."""

    question_ko: str | None
    answer_ko: str | None
    question_en: str | None
    answer_en: str | None


@dataclass(frozen=True, slots=True)
class FaqRow:
    """One stored FAQ entry with who added it."""

    id: int
    texts: FaqTexts
    created_at: str
    updated_at: str
    author_name: str | None  # the member's display name when it was last seen
    author_external_id: str | None  # None once the member row is gone


def insert_faq(
    conn: Connection, community_id: int, member_id: int, texts: FaqTexts, now: str,
) -> int:
    """Store a new entry (write transaction); returns its id."""
    new_id = fetch_value(
        conn,
        "INSERT INTO knowledge_faq (community_id, created_by, updated_by, created_at, updated_at, "
        "question_ko, answer_ko, question_en, answer_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        (community_id, member_id, member_id, now, now, texts.question_ko, texts.answer_ko,
         texts.question_en, texts.answer_en),
    )
    return int(new_id)


def update_faq(
    conn: Connection, community_id: int, faq_id: int, member_id: int,
    texts: FaqTexts, now: str,
) -> bool:
    """Replace the texts of entry ``faq_id`` of the community; False if there is none."""
    cursor = conn.execute(
        "UPDATE knowledge_faq SET question_ko = ?, answer_ko = ?, question_en = ?, answer_en = ?, "
        "updated_by = ?, updated_at = ? WHERE id = ? AND community_id = ?",
        (texts.question_ko, texts.answer_ko, texts.question_en, texts.answer_en, member_id, now,
         faq_id, community_id),
    )
    return cursor.rowcount > 0


def delete_faq(conn: Connection, community_id: int, faq_id: int) -> bool:
    """Remove entry ``faq_id`` of the community; False if there was none."""
    cursor = conn.execute(
        "DELETE FROM knowledge_faq WHERE id = ? AND community_id = ?", (faq_id, community_id))
    return cursor.rowcount > 0


def count_faqs(conn: Connection, community_id: int) -> int:
    """How many entries the community has."""
    count = fetch_value(
        conn, "SELECT COUNT(*) FROM knowledge_faq WHERE community_id = ?", (community_id,))
    return int(count or 0)


def get_faq(conn: Connection, ref: CommunityRef, faq_id: int) -> FaqRow | None:
    """Entry ``faq_id`` if it belongs to ``ref``."""
    row = fetch_one(
        conn, f"SELECT {_COLUMNS} {_FROM} AND f.id = ?", (ref.platform, ref.external_id, faq_id))
    return _row(row) if row else None


def list_faqs(conn: Connection, ref: CommunityRef) -> list[FaqRow]:
    """Every entry of ``ref``, oldest first."""
    rows = fetch_all(
        conn, f"SELECT {_COLUMNS} {_FROM} ORDER BY f.id", (ref.platform, ref.external_id))
    return [_row(row) for row in rows]


def faqs_created_since(
    conn: Connection, ref: CommunityRef, since: str
) -> list[FaqRow]:
    """The entries of ``ref`` created at or after ``since`` (a UTC ISO 8601 instant,
    as stored), oldest first."""
    rows = fetch_all(
        conn, f"SELECT {_COLUMNS} {_FROM} AND f.created_at >= ? ORDER BY f.id",
        (ref.platform, ref.external_id, since))
    return [_row(row) for row in rows]


def _row(row: Row) -> FaqRow:
    return FaqRow(
        id=int(row[0]),
        texts=FaqTexts(row[1], row[2], row[3], row[4]),
        created_at=row[5],
        updated_at=row[6],
        author_name=row[7],
        author_external_id=row[8],
    )
