-- Core identity and settings. Communities, members and channels are known by
-- (platform, external id text) so Discord and Slack share one schema.

CREATE TABLE communities (
    id          INTEGER PRIMARY KEY,
    platform    TEXT NOT NULL,
    external_id TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (platform, external_id)
);

CREATE TABLE members (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    external_id  TEXT NOT NULL,
    display_name TEXT,
    UNIQUE (community_id, external_id)
);

-- Per-community settings as validated JSON values; absent key = default.
CREATE TABLE community_settings (
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    value        TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    PRIMARY KEY (community_id, key)
);

-- Process-wide state such as the hash of the last synced command tree.
CREATE TABLE bot_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
