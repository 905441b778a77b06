-- Personal reminders: a member's own reminder, sent to them (a direct message; if
-- their DMs are closed, a post mentioning only them in the channel where they made
-- it). They are schedules of kind 'personal', delivered by the same claim and
-- delivery log as channel reminders, so they survive restarts and never double-post.
-- ``owned_by`` is the member's platform id (NULL for every other schedule): only
-- that member sees, edits or cancels it, and it is exported and deleted with them.
ALTER TABLE schedules ADD COLUMN owned_by TEXT;
-- /remind mine lists one member's; the per-member limit counts them.
CREATE INDEX schedules_owned_by ON schedules (community_id, owned_by, status)
    WHERE owned_by IS NOT NULL;

-- The language the platform gives for the whole community (Discord: the guild's
-- preferred locale, e.g. 'ko' or 'en-US'), kept up to date on guild join and
-- update. Scheduled posts everyone reads (reminders, digests, session posts,
-- announcements) are written in it unless moderators force a language.
ALTER TABLE communities ADD COLUMN locale TEXT;

-- Members who said "going" to a session and asked for a direct message before it
-- (the 🔔 button under their RSVP). Their DM is a schedule of kind
-- 'round.going_dm' owned by the member and linked to the session, so it moves and
-- goes with the session's other reminders; the opt-in goes with the member.
CREATE TABLE session_dm_optins (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    lang       TEXT NOT NULL CHECK (lang IN ('ko', 'en')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (session_id, member_id)
) WITHOUT ROWID;
