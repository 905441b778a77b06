-- Postgres twin of storage/migrations/012_rsvp_counts.sql: the same table, and the
-- same triggers as one PL/pgSQL function.

CREATE TABLE session_rsvp_counts (
    session_id BIGINT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    going      BIGINT NOT NULL DEFAULT 0 CHECK (going >= 0),
    maybe      BIGINT NOT NULL DEFAULT 0 CHECK (maybe >= 0),
    not_going  BIGINT NOT NULL DEFAULT 0 CHECK (not_going >= 0)
);

INSERT INTO session_rsvp_counts (session_id, going, maybe, not_going)
SELECT session_id, COUNT(*) FILTER (WHERE answer = 'going'),
       COUNT(*) FILTER (WHERE answer = 'maybe'), COUNT(*) FILTER (WHERE answer = 'not_going')
FROM rsvps GROUP BY session_id;

-- Concurrent answers to one session queue on its counts row (the upsert's lock)
-- until each commits, so no increment is lost.
CREATE FUNCTION rsvps_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE session_rsvp_counts SET
            going = going - (OLD.answer = 'going')::int,
            maybe = maybe - (OLD.answer = 'maybe')::int,
            not_going = not_going - (OLD.answer = 'not_going')::int
        WHERE session_id = OLD.session_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO session_rsvp_counts (session_id, going, maybe, not_going)
        VALUES (NEW.session_id, (NEW.answer = 'going')::int, (NEW.answer = 'maybe')::int,
                (NEW.answer = 'not_going')::int)
        ON CONFLICT (session_id) DO UPDATE SET
            going = session_rsvp_counts.going + excluded.going,
            maybe = session_rsvp_counts.maybe + excluded.maybe,
            not_going = session_rsvp_counts.not_going + excluded.not_going;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER rsvps_counted AFTER INSERT ON rsvps
    FOR EACH ROW EXECUTE FUNCTION rsvps_count();
CREATE TRIGGER rsvps_uncounted AFTER DELETE ON rsvps
    FOR EACH ROW EXECUTE FUNCTION rsvps_count();
CREATE TRIGGER rsvps_recounted AFTER UPDATE OF session_id, answer ON rsvps
    FOR EACH ROW
    WHEN (OLD.session_id IS DISTINCT FROM NEW.session_id OR OLD.answer IS DISTINCT FROM NEW.answer)
    EXECUTE FUNCTION rsvps_count();
