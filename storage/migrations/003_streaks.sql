-- Reading streaks: check-ins, moderator freeze grants, the moderators' audit trail,
-- and per-member aggregates that keep leaderboards fast.

-- One row per check-in. ``day`` is the local day (guild zone, rollover hour) the
-- check-in counted for when it was made; weekly periods are derived from it.
CREATE TABLE streak_checkins (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    checked_at   TEXT NOT NULL,  -- UTC instant, ISO 8601
    day          TEXT NOT NULL,  -- YYYY-MM-DD
    paper        TEXT CHECK (paper IS NULL OR length(paper) <= 300),
    note         TEXT CHECK (note IS NULL OR length(note) <= 500),
    source       TEXT NOT NULL CHECK (source IN ('checkin', 'attendance', 'adjust')),
    created_by   TEXT NOT NULL,  -- the platform id of whoever caused the row, or 'system'
    -- e.g. the Discord interaction id: a retried interaction is not counted twice
    dedupe_key   TEXT,
    UNIQUE (member_id, dedupe_key)
);
-- Covering: a member's whole history is read from the index alone.
CREATE INDEX streak_checkins_member_day ON streak_checkins (member_id, day, checked_at);
CREATE INDEX streak_checkins_community_day ON streak_checkins (community_id, day);

CREATE TABLE streak_freeze_grants (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    granted_at   TEXT NOT NULL,  -- UTC instant
    day          TEXT NOT NULL,  -- local day of the grant; freezes count from its period
    count        INTEGER NOT NULL CHECK (count BETWEEN 1 AND 10),
    granted_by   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE
);
CREATE INDEX streak_freeze_grants_member ON streak_freeze_grants (member_id, day);

-- Every moderator change: who, when, why, what, to whom.
CREATE TABLE streak_audit (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    actor_member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    target_member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    at               TEXT NOT NULL,  -- UTC instant
    action           TEXT NOT NULL CHECK (action IN ('add', 'remove', 'grant')),
    reason           TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 300),
    details          TEXT NOT NULL DEFAULT '{}'  -- JSON object
);
CREATE INDEX streak_audit_target ON streak_audit (target_member_id, id);

-- Per-member aggregates, recomputed with the pure rules in every transaction that
-- changes the member's check-ins or grants. ``current_run`` is the run as of the
-- last write; it counts only while today's period <= ``alive_through``.
CREATE TABLE streak_stats (
    member_id     INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    community_id  INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    current_run   INTEGER NOT NULL,
    alive_through TEXT,           -- period key; NULL when there is no run
    last_period   TEXT,           -- period key; NULL when there is no check-in
    longest       INTEGER NOT NULL,
    total_periods INTEGER NOT NULL
);
CREATE INDEX streak_stats_current
    ON streak_stats (community_id, current_run DESC, member_id, alive_through);
CREATE INDEX streak_stats_longest ON streak_stats (community_id, longest DESC, member_id);

-- Distinct periods per member and calendar month (of the local day) for the
-- monthly leaderboard.
CREATE TABLE streak_month_stats (
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    month        TEXT NOT NULL,  -- YYYY-MM
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    periods      INTEGER NOT NULL,
    PRIMARY KEY (member_id, month)
);
CREATE INDEX streak_month_stats_board
    ON streak_month_stats (community_id, month, periods DESC, member_id);

-- The rules (StreakRules.signature) every aggregate of a community was computed
-- with, or 'stale' once a write used other rules: after a settings change the
-- leaderboard recomputes the community's aggregates once.
CREATE TABLE streak_community_rules (
    community_id INTEGER PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    rules        TEXT NOT NULL
);
