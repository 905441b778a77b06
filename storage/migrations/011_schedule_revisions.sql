-- Shard processes learn of each other's schedule changes (README "Scaling out").

-- Every schedule created, or whose status, rule or community changed, takes the next
-- revision; every lease period each process reads the schedules whose revision is
-- above what it has seen (index below), not all of them. Progress (handled_until,
-- next_fire) does not count: the takeover check reads it when it needs it.
ALTER TABLE schedules ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE INDEX schedules_revision ON schedules (revision);

-- The counter: a change inserts a row for its number and deletes it again
-- (AUTOINCREMENT never hands a number out twice), so the table stays empty.
CREATE TABLE schedule_revisions (id INTEGER PRIMARY KEY AUTOINCREMENT);

CREATE TRIGGER schedules_revision_created AFTER INSERT ON schedules
BEGIN
    INSERT INTO schedule_revisions (id) VALUES (NULL);
    UPDATE schedules SET revision = last_insert_rowid() WHERE id = NEW.id;
    DELETE FROM schedule_revisions;
END;

CREATE TRIGGER schedules_revision_changed AFTER UPDATE OF status, rule, community_id
ON schedules
WHEN OLD.status IS NOT NEW.status OR OLD.rule IS NOT NEW.rule
     OR OLD.community_id IS NOT NEW.community_id
BEGIN
    INSERT INTO schedule_revisions (id) VALUES (NULL);
    UPDATE schedules SET revision = last_insert_rowid() WHERE id = NEW.id;
    DELETE FROM schedule_revisions;
END;
