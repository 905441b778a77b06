-- Members own their data: export, deletion, retention and the clean-up after a
-- community removes the bot.

-- A placeholder that takes a deleted member's place in past study-round records
-- (presenter turns, attendance, RSVPs of sessions already held), so recaps and
-- totals still add up. Its external id is 'former-<random>', never a platform id.
ALTER TABLE members ADD COLUMN former INTEGER NOT NULL DEFAULT 0 CHECK (former IN (0, 1));

-- A freeze grant belongs to the member who received it: when the moderator who
-- granted it deletes their own data, the grant stays and only forgets who gave it.
CREATE TABLE streak_freeze_grants_new (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    granted_at   TEXT NOT NULL,
    day          TEXT NOT NULL,
    count        INTEGER NOT NULL CHECK (count BETWEEN 1 AND 10),
    granted_by   INTEGER REFERENCES members (id) ON DELETE SET NULL
);
INSERT INTO streak_freeze_grants_new SELECT id, community_id, member_id, granted_at, day,
    count, granted_by FROM streak_freeze_grants;
DROP TABLE streak_freeze_grants;
ALTER TABLE streak_freeze_grants_new RENAME TO streak_freeze_grants;
CREATE INDEX streak_freeze_grants_member ON streak_freeze_grants (member_id, day);
CREATE INDEX streak_freeze_grants_granted_by ON streak_freeze_grants (granted_by);

-- The moderators' audit trail keeps that an action happened after either member
-- deleted their data; it only forgets who it was about (or who did it).
CREATE TABLE streak_audit_new (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    actor_member_id  INTEGER REFERENCES members (id) ON DELETE SET NULL,
    target_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    at               TEXT NOT NULL,
    action           TEXT NOT NULL CHECK (action IN ('add', 'remove', 'grant')),
    reason           TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 300),
    details          TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO streak_audit_new SELECT id, community_id, actor_member_id, target_member_id, at,
    action, reason, details FROM streak_audit;
DROP TABLE streak_audit;
ALTER TABLE streak_audit_new RENAME TO streak_audit;
CREATE INDEX streak_audit_target ON streak_audit (target_member_id, id);
CREATE INDEX streak_audit_actor ON streak_audit (actor_member_id);

-- Deletions of a member's data: when, on whose request (the member, a moderator
-- named by actor_member_id, or the operator on the command line), never whose
-- data it was.
CREATE TABLE privacy_audit (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    actor_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    at              TEXT NOT NULL,  -- UTC instant
    requested_by    TEXT NOT NULL CHECK (requested_by IN ('member', 'moderator', 'operator')),
    rows_deleted    INTEGER NOT NULL CHECK (rows_deleted >= 0)
);
CREATE INDEX privacy_audit_community ON privacy_audit (community_id, id);
CREATE INDEX privacy_audit_actor ON privacy_audit (actor_member_id);

-- Communities that removed the bot: their data is purged at purge_after unless
-- the bot is added back first.
CREATE TABLE community_departures (
    community_id INTEGER PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    left_at      TEXT NOT NULL,  -- UTC instant
    purge_after  TEXT NOT NULL   -- UTC instant
);
CREATE INDEX community_departures_due ON community_departures (purge_after);

-- Deleting a moderator's data finds the check-ins they added for others. A member's
-- own check-ins (source 'checkin') are created by themselves and deleted with them.
CREATE INDEX streak_checkins_created_by ON streak_checkins (created_by)
    WHERE source != 'checkin';

-- Deleting a member looks up their rows by member id (foreign keys included).
CREATE INDEX rsvps_member ON rsvps (member_id);
CREATE INDEX knowledge_faq_created_by ON knowledge_faq (created_by);
CREATE INDEX knowledge_faq_updated_by ON knowledge_faq (updated_by);

-- Retention: check-ins whose paper/note text is still there, by community and age.
CREATE INDEX streak_checkins_text_age ON streak_checkins (community_id, checked_at)
    WHERE paper IS NOT NULL OR note IS NOT NULL;
