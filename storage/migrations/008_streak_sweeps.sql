-- What a member's check-in history amounts to, kept so that /checkin and
-- /streak show cost the same at 10 and at 100,000 stored check-ins.

-- Check-ins per member and local day, kept by triggers on every insert and delete
-- of streak_checkins, whatever code path writes them (the heatmap, a period's and a
-- month's counts read these few rows instead of the whole history).
CREATE TABLE streak_day_counts (
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    day          TEXT NOT NULL,  -- YYYY-MM-DD, as streak_checkins.day
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    checkins     INTEGER NOT NULL CHECK (checkins >= 0),
    PRIMARY KEY (member_id, day)
) WITHOUT ROWID;

INSERT INTO streak_day_counts (member_id, day, community_id, checkins)
SELECT member_id, day, MIN(community_id), COUNT(*) FROM streak_checkins GROUP BY member_id, day;

-- The streak rules' one pass over a member's history, stopped after their last
-- checked-in period (bot.streaks.rules.SweepSnapshot), with every freeze grant
-- counted. A check-in in a later period resumes it instead of re-reading the
-- history. ``rules`` is the StreakRules.signature it was computed with, or 'stale':
-- any other change to the member's check-ins or grants marks it stale (triggers
-- below) and the next write recomputes it from the history.
CREATE TABLE streak_sweeps (
    member_id      INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    community_id   INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    rules          TEXT NOT NULL,
    run            INTEGER NOT NULL,
    longest        INTEGER NOT NULL,
    credit         INTEGER NOT NULL,
    granted        INTEGER NOT NULL,
    position       INTEGER,          -- first period index not yet processed
    last           INTEGER,          -- period index of the last checked-in period
    total_periods  INTEGER NOT NULL,
    recent_bridged TEXT NOT NULL,    -- JSON array of the newest bridged period indexes
    total_checkins INTEGER NOT NULL,
    last_at        TEXT              -- UTC instant of the latest check-in
);

CREATE TRIGGER streak_day_counts_add AFTER INSERT ON streak_checkins
BEGIN
    INSERT INTO streak_day_counts (member_id, day, community_id, checkins)
    VALUES (NEW.member_id, NEW.day, NEW.community_id, 1)
    ON CONFLICT (member_id, day) DO UPDATE SET checkins = checkins + 1;
    UPDATE streak_sweeps SET rules = 'stale' WHERE member_id = NEW.member_id;
END;

CREATE TRIGGER streak_day_counts_remove AFTER DELETE ON streak_checkins
BEGIN
    UPDATE streak_day_counts SET checkins = checkins - 1
    WHERE member_id = OLD.member_id AND day = OLD.day;
    DELETE FROM streak_day_counts
    WHERE member_id = OLD.member_id AND day = OLD.day AND checkins = 0;
    UPDATE streak_sweeps SET rules = 'stale' WHERE member_id = OLD.member_id;
END;

CREATE TRIGGER streak_sweeps_grant_added AFTER INSERT ON streak_freeze_grants
BEGIN
    UPDATE streak_sweeps SET rules = 'stale' WHERE member_id = NEW.member_id;
END;

CREATE TRIGGER streak_sweeps_grant_removed AFTER DELETE ON streak_freeze_grants
BEGIN
    UPDATE streak_sweeps SET rules = 'stale' WHERE member_id = OLD.member_id;
END;
