-- How many members answered going, maybe and not going for each session, kept by
-- triggers on every change to rsvps, so that an RSVP click (which redraws the
-- counts on its buttons) reads one row instead of counting every answer: a
-- session of a large server collects thousands of them.
CREATE TABLE session_rsvp_counts (
    session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    going      INTEGER NOT NULL DEFAULT 0 CHECK (going >= 0),
    maybe      INTEGER NOT NULL DEFAULT 0 CHECK (maybe >= 0),
    not_going  INTEGER NOT NULL DEFAULT 0 CHECK (not_going >= 0)
);

INSERT INTO session_rsvp_counts (session_id, going, maybe, not_going)
SELECT session_id, SUM(answer = 'going'), SUM(answer = 'maybe'), SUM(answer = 'not_going')
FROM rsvps GROUP BY session_id;

CREATE TRIGGER rsvps_counted AFTER INSERT ON rsvps
BEGIN
    INSERT INTO session_rsvp_counts (session_id, going, maybe, not_going)
    VALUES (NEW.session_id, NEW.answer = 'going', NEW.answer = 'maybe',
            NEW.answer = 'not_going')
    ON CONFLICT (session_id) DO UPDATE SET going = going + excluded.going,
        maybe = maybe + excluded.maybe, not_going = not_going + excluded.not_going;
END;

CREATE TRIGGER rsvps_uncounted AFTER DELETE ON rsvps
BEGIN
    UPDATE session_rsvp_counts SET going = going - (OLD.answer = 'going'),
        maybe = maybe - (OLD.answer = 'maybe'), not_going = not_going - (OLD.answer = 'not_going')
    WHERE session_id = OLD.session_id;
END;

-- A changed answer (or, in principle, session) moves one count to another; a
-- member id given to a placeholder (storage.privacy) changes no count.
CREATE TRIGGER rsvps_recounted AFTER UPDATE OF session_id, answer ON rsvps
WHEN OLD.session_id IS NOT NEW.session_id OR OLD.answer IS NOT NEW.answer
BEGIN
    UPDATE session_rsvp_counts SET going = going - (OLD.answer = 'going'),
        maybe = maybe - (OLD.answer = 'maybe'), not_going = not_going - (OLD.answer = 'not_going')
    WHERE session_id = OLD.session_id;
    INSERT INTO session_rsvp_counts (session_id, going, maybe, not_going)
    VALUES (NEW.session_id, NEW.answer = 'going', NEW.answer = 'maybe',
            NEW.answer = 'not_going')
    ON CONFLICT (session_id) DO UPDATE SET going = going + excluded.going,
        maybe = maybe + excluded.maybe, not_going = not_going + excluded.not_going;
END;
