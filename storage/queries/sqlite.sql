-- Queries that SQLite and Postgres word differently: this file's SQLite forms. Every
-- name here is in postgres.sql too (tests/storage/test_dialects.py checks). Text in
-- {braces} is filled in by the storage function before the query runs.

-- name: streaks.history
-- A member's check-in days concatenated, and their latest check-in instant.
SELECT group_concat(day, ',') AS days, MAX(checked_at) AS last_at
FROM streak_checkins WHERE member_id = {member}

-- name: streaks.grants_json
-- A member's freeze grants as one JSON array of [id, day, count].
(SELECT json_group_array(json_array(g.id, g.day, g.count))
 FROM streak_freeze_grants g WHERE g.member_id = {member})

-- name: streaks.window_days
-- The check-ins per day of a window as one "YYYY-MM-DDcount,..." text (a day is
-- always ten characters, so no separator is needed between it and its count).
(SELECT group_concat(d.day || d.checkins) FROM streak_day_counts d
 WHERE d.member_id = m.id AND d.day BETWEEN :first AND :last)

-- name: rounds.session_presenters
-- The presenters of sessions, in the order they were given.
SELECT sp.session_id, sp.member_id, sp.assigned_by, m.external_id, m.display_name
FROM session_presenters sp JOIN members m ON m.id = sp.member_id
WHERE sp.session_id IN ({marks}) ORDER BY sp.rowid

-- name: privacy.begin_snapshot
-- A read transaction that sees every table as of one moment.
BEGIN

-- name: schema.tables
SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
ORDER BY name

-- name: schema.member_foreign_keys
-- The columns of table {table} that refer to members.id (as "from").
SELECT "from" FROM pragma_foreign_key_list('{table}') WHERE "table" = 'members'

-- name: schema.columns
-- The columns of table {table}: name and declared type.
SELECT name, type FROM pragma_table_info('{table}') ORDER BY cid

-- name: schema.referenced_tables
-- The tables that table {table}'s foreign keys refer to.
SELECT DISTINCT "table" FROM pragma_foreign_key_list('{table}')

-- name: later
-- The later of two instants (text in one fixed width, so the larger text).
max({a}, {b})

-- name: shards.lock_identify_bucket
-- The bucket's last IDENTIFY (the single writer already keeps other processes out).
SELECT last_at FROM identify_gate WHERE bucket = :bucket

-- name: shards.lock_free_leases
-- The leases among {marks} nobody else holds (the single writer keeps others out).
SELECT schedule_id FROM due_leases
WHERE schedule_id IN ({marks}) AND (owner = ? OR until_utc <= ?)

-- name: communities.set_locale
-- Store a community's platform locale; no write when it is already that.
UPDATE communities SET locale = ? WHERE id = ? AND locale IS NOT ?
