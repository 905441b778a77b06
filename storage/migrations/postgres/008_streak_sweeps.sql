-- Postgres twin of storage/migrations/008_streak_sweeps.sql: the same tables, and the
-- same triggers as PL/pgSQL functions.

CREATE TABLE streak_day_counts (
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    day          TEXT NOT NULL,  -- YYYY-MM-DD, as streak_checkins.day
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    checkins     BIGINT NOT NULL CHECK (checkins >= 0),
    PRIMARY KEY (member_id, day)
);

INSERT INTO streak_day_counts (member_id, day, community_id, checkins)
SELECT member_id, day, MIN(community_id), COUNT(*) FROM streak_checkins GROUP BY member_id, day;

CREATE TABLE streak_sweeps (
    member_id      BIGINT PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    community_id   BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    rules          TEXT NOT NULL,
    run            BIGINT NOT NULL,
    longest        BIGINT NOT NULL,
    credit         BIGINT NOT NULL,
    granted        BIGINT NOT NULL,
    position       BIGINT,
    last           BIGINT,
    total_periods  BIGINT NOT NULL,
    recent_bridged TEXT NOT NULL,
    total_checkins BIGINT NOT NULL,
    last_at        TEXT
);

CREATE FUNCTION streak_day_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO streak_day_counts (member_id, day, community_id, checkins)
    VALUES (NEW.member_id, NEW.day, NEW.community_id, 1)
    ON CONFLICT (member_id, day) DO UPDATE SET checkins = streak_day_counts.checkins + 1;
    UPDATE streak_sweeps SET rules = 'stale' WHERE member_id = NEW.member_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER streak_day_counts_add AFTER INSERT ON streak_checkins
    FOR EACH ROW EXECUTE FUNCTION streak_day_counts_add();

CREATE FUNCTION streak_day_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE streak_day_counts SET checkins = checkins - 1
    WHERE member_id = OLD.member_id AND day = OLD.day;
    DELETE FROM streak_day_counts
    WHERE member_id = OLD.member_id AND day = OLD.day AND checkins = 0;
    UPDATE streak_sweeps SET rules = 'stale' WHERE member_id = OLD.member_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER streak_day_counts_remove AFTER DELETE ON streak_checkins
    FOR EACH ROW EXECUTE FUNCTION streak_day_counts_remove();

CREATE FUNCTION streak_sweeps_grant_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE streak_sweeps SET rules = 'stale'
    WHERE member_id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.member_id ELSE NEW.member_id END);
    RETURN NULL;
END;
$$;
CREATE TRIGGER streak_sweeps_grant_added AFTER INSERT ON streak_freeze_grants
    FOR EACH ROW EXECUTE FUNCTION streak_sweeps_grant_changed();
CREATE TRIGGER streak_sweeps_grant_removed AFTER DELETE ON streak_freeze_grants
    FOR EACH ROW EXECUTE FUNCTION streak_sweeps_grant_changed();
