-- Scheduled messages (reminders, digests, later study-round kinds) and one row per
-- occurrence that was posted, skipped or failed. Instants are UTC ISO 8601 text in
-- one fixed width ('2026-11-23T12:00:00.000000+00:00') so text order is time order.
-- The rule is stored without a time zone: it is always read in the community's
-- current zone.

-- AUTOINCREMENT: an id is never reused, since moderators see it and a delivery's
-- nonce is derived from it.
CREATE TABLE schedules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id  INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    channel_id    TEXT NOT NULL,
    rule          TEXT NOT NULL,  -- canonical: 'at YYYY-MM-DD HH:MM' or 'cron M H DOM MON DOW'
    message       TEXT,
    ping_role     TEXT,
    payload       TEXT NOT NULL DEFAULT '{}',  -- JSON object for the kind's renderer
    status        TEXT NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'paused', 'finished')),
    paused_reason TEXT,
    -- Every occurrence at or before this instant has been dealt with (posted, skipped,
    -- failed) or deliberately passed over (created, resumed, zone changed after it).
    handled_until TEXT NOT NULL,
    -- A cache of the trigger's first occurrence after handled_until, computed in the
    -- zone next_fire_zone; start-up trusts it only while that is still the
    -- community's zone and it lies after handled_until, and recomputes it otherwise.
    next_fire      TEXT,
    next_fire_zone TEXT,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
-- Start-up loads every active schedule; commands list one community's by kind.
CREATE INDEX schedules_status ON schedules (status);
CREATE INDEX schedules_community_kind ON schedules (community_id, kind, status);
-- One digest per community (reconfiguring replaces it).
CREATE UNIQUE INDEX schedules_one_digest ON schedules (community_id)
    WHERE kind = 'digest' AND status != 'finished';

-- The key (schedule, occurrence) makes a second attempt at the same occurrence a no-op.
CREATE TABLE deliveries (
    schedule_id    INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    occurrence_utc TEXT NOT NULL,
    status         TEXT NOT NULL
                   CHECK (status IN ('sending', 'sent', 'late', 'skipped', 'failed')),
    late           INTEGER NOT NULL DEFAULT 0,
    nonce          TEXT,
    message_id     TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    attempted_at   TEXT,  -- the first attempt: re-sends happen only within the nonce window
    finished_at    TEXT,
    reason         TEXT,
    PRIMARY KEY (schedule_id, occurrence_utc)
) WITHOUT ROWID;
-- Start-up looks for deliveries interrupted between post and record.
CREATE INDEX deliveries_sending ON deliveries (status) WHERE status = 'sending';
