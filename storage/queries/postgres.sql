-- Queries that SQLite and Postgres word differently: this file's Postgres forms. Every
-- name here is in sqlite.sql too (tests/storage/test_dialects.py checks). Text in
-- {braces} is filled in by the storage function before the query runs.

-- name: streaks.history
SELECT string_agg(day, ',') AS days, MAX(checked_at) AS last_at
FROM streak_checkins WHERE member_id = {member}

-- name: streaks.grants_json
(SELECT COALESCE(json_agg(json_build_array(g.id, g.day, g.count))::text, '[]')
 FROM streak_freeze_grants g WHERE g.member_id = {member})

-- name: streaks.window_days
(SELECT string_agg(d.day || d.checkins, ',') FROM streak_day_counts d
 WHERE d.member_id = m.id AND d.day BETWEEN :first AND :last)

-- name: rounds.session_presenters
SELECT sp.session_id, sp.member_id, sp.assigned_by, m.external_id, m.display_name
FROM session_presenters sp JOIN members m ON m.id = sp.member_id
WHERE sp.session_id IN ({marks}) ORDER BY sp.seq

-- name: privacy.begin_snapshot
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY

-- name: schema.tables
SELECT table_name AS name FROM information_schema.tables
WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
  AND table_name != 'schema_version'
ORDER BY table_name

-- name: schema.member_foreign_keys
SELECT kcu.column_name AS "from"
FROM information_schema.table_constraints tc
JOIN information_schema.key_column_usage kcu
  ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
JOIN information_schema.constraint_column_usage ccu
  ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
  AND tc.table_name = '{table}' AND ccu.table_name = 'members'

-- name: schema.columns
SELECT column_name AS name, upper(data_type) AS type FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position

-- name: schema.referenced_tables
SELECT DISTINCT ccu.table_name
FROM information_schema.table_constraints tc
JOIN information_schema.constraint_column_usage ccu
  ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
  AND tc.table_name = '{table}'

-- name: later
GREATEST({a}, {b})

-- name: shards.lock_identify_bucket
-- The bucket's last IDENTIFY, its row locked until commit: processes take turns.
SELECT last_at FROM identify_gate WHERE bucket = :bucket FOR UPDATE

-- name: shards.lock_free_leases
-- The leases among {marks} nobody else holds; rows another process is leasing
-- right now are skipped, not waited for.
SELECT schedule_id FROM due_leases
WHERE schedule_id IN ({marks}) AND (owner = ? OR until_utc <= ?)
FOR UPDATE SKIP LOCKED

-- name: communities.set_locale
-- Store a community's platform locale; no write when it is already that.
UPDATE communities SET locale = ? WHERE id = ? AND locale IS DISTINCT FROM ?
