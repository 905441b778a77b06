-- Study rounds: a season's reading list, its sessions, who joined and presents,
-- RSVPs and attendance. Instants are UTC ISO 8601 text; dates are local (the
-- community's zone) YYYY-MM-DD.

CREATE TABLE rounds (
    id                  INTEGER PRIMARY KEY,
    community_id        INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- casefolded name: names are unique per community, ignoring case
    name_key            TEXT NOT NULL,
    start_date          TEXT NOT NULL,
    weeks               INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 52),
    channel_id          TEXT NOT NULL,
    cadence             TEXT NOT NULL,
    duration_minutes    INTEGER NOT NULL DEFAULT 90 CHECK (duration_minutes > 0),
    place               TEXT,  -- a voice channel id or an http(s) URL
    ping_role           TEXT,
    paper_reminder_days INTEGER NOT NULL DEFAULT 3 CHECK (paper_reminder_days >= 0),
    sota_every          INTEGER NOT NULL DEFAULT 4 CHECK (sota_every >= 0),
    status              TEXT NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'active', 'closed')),
    -- 1 once moderators were told the bot cannot create native events
    events_notice_sent  INTEGER NOT NULL DEFAULT 0,
    created_by          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    closed_at           TEXT,
    UNIQUE (community_id, name_key)
);
CREATE INDEX rounds_community_status ON rounds (community_id, status);

CREATE TABLE round_papers (
    id       INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    title    TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    url      TEXT,
    week     INTEGER NOT NULL CHECK (week >= 1),
    position INTEGER NOT NULL,  -- order within the reading list
    added_at TEXT NOT NULL
);
CREATE INDEX round_papers_round ON round_papers (round_id, week, position);

CREATE TABLE round_members (
    round_id             INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    member_id            INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    joined               INTEGER NOT NULL DEFAULT 1,
    opted_out_presenting INTEGER NOT NULL DEFAULT 0,
    joined_at            TEXT NOT NULL,
    PRIMARY KEY (round_id, member_id)
);
CREATE INDEX round_members_member ON round_members (member_id);

CREATE TABLE sessions (
    id                      INTEGER PRIMARY KEY,
    round_id                INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    idx                     INTEGER NOT NULL,  -- 1-based, in time order at planning
    week                    INTEGER NOT NULL,
    kind                    TEXT NOT NULL CHECK (kind IN ('paper', 'sota')),
    starts_at               TEXT NOT NULL,
    duration_minutes        INTEGER NOT NULL CHECK (duration_minutes > 0),
    place                   TEXT,
    topic                   TEXT CHECK (topic IS NULL OR length(topic) <= 300),
    status                  TEXT NOT NULL DEFAULT 'scheduled'
                            CHECK (status IN ('scheduled', 'cancelled', 'held')),
    event_id                TEXT,  -- the platform's native scheduled event
    announcement_channel_id TEXT,
    announcement_message_id TEXT,
    UNIQUE (round_id, idx)
);
CREATE INDEX sessions_round_start ON sessions (round_id, starts_at);
CREATE INDEX sessions_status_start ON sessions (status, starts_at);

CREATE TABLE session_papers (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    paper_id   INTEGER NOT NULL REFERENCES round_papers (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, paper_id)
);
CREATE INDEX session_papers_paper ON session_papers (paper_id);

CREATE TABLE session_presenters (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    assigned_by TEXT NOT NULL CHECK (assigned_by IN ('rotation', 'moderator')),
    PRIMARY KEY (session_id, member_id)
);
CREATE INDEX session_presenters_member ON session_presenters (member_id);

CREATE TABLE rsvps (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    answer     TEXT NOT NULL CHECK (answer IN ('going', 'maybe', 'not_going')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (session_id, member_id)
);

CREATE TABLE attendance (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    attended    INTEGER NOT NULL CHECK (attended IN (0, 1)),
    source      TEXT NOT NULL CHECK (source IN ('rsvp', 'moderator')),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (session_id, member_id)
);
CREATE INDEX attendance_member ON attendance (member_id, session_id);

-- The scheduled messages (storage/schedules) that belong to a session: its
-- reading reminder, the reminders 24 h and 1 h before, and the end-of-session
-- note that records attendance. Rescheduling replaces them.
CREATE TABLE session_schedules (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    schedule_id INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, schedule_id)
);
CREATE INDEX session_schedules_schedule ON session_schedules (schedule_id);
