-- A community's own FAQ entries, searched by /ask together with the shipped
-- knowledge catalog. Each language is optional, but a language present has both
-- its question and its answer, and at least one language is present.

CREATE TABLE knowledge_faq (
    -- AUTOINCREMENT: a removed entry's number (shown as faq.<id>) is never reused.
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    created_by   INTEGER REFERENCES members (id) ON DELETE SET NULL,
    updated_by   INTEGER REFERENCES members (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,  -- UTC instant, ISO 8601
    updated_at   TEXT NOT NULL,
    question_ko  TEXT CHECK (question_ko IS NULL OR length(question_ko) BETWEEN 1 AND 200),
    answer_ko    TEXT CHECK (answer_ko IS NULL OR length(answer_ko) BETWEEN 1 AND 1500),
    question_en  TEXT CHECK (question_en IS NULL OR length(question_en) BETWEEN 1 AND 200),
    answer_en    TEXT CHECK (answer_en IS NULL OR length(answer_en) BETWEEN 1 AND 1500),
    CHECK ((question_ko IS NULL) = (answer_ko IS NULL)),
    CHECK ((question_en IS NULL) = (answer_en IS NULL)),
    CHECK (question_ko IS NOT NULL OR question_en IS NOT NULL)
);
-- Every read is "this community's entries" (all of them, a page, or one by id).
CREATE INDEX knowledge_faq_community ON knowledge_faq (community_id, id);
