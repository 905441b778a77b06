-- Postgres twin of storage/migrations/011_schedule_revisions.sql.
-- Shard processes learn of each other's schedule changes (README "Scaling out").

-- Every schedule created, or whose status, rule or community changed, takes the next
-- revision; every lease period each process reads the schedules whose revision is
-- above what it has seen (index below), not all of them. Progress (handled_until,
-- next_fire) does not count: the takeover check reads it when it needs it.
ALTER TABLE schedules ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
CREATE INDEX schedules_revision ON schedules (revision);

-- The counter is this table's id sequence; the table itself stays empty (as on SQLite).
CREATE TABLE schedule_revisions (id BIGSERIAL PRIMARY KEY);

CREATE FUNCTION schedules_revise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.revision := nextval(pg_get_serial_sequence('schedule_revisions', 'id'));
    RETURN NEW;
END;
$$;
CREATE TRIGGER schedules_revision_created BEFORE INSERT ON schedules
    FOR EACH ROW EXECUTE FUNCTION schedules_revise();
CREATE TRIGGER schedules_revision_changed BEFORE UPDATE OF status, rule, community_id
    ON schedules FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.rule IS DISTINCT FROM NEW.rule
          OR OLD.community_id IS DISTINCT FROM NEW.community_id)
    EXECUTE FUNCTION schedules_revise();
