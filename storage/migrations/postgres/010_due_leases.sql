-- Postgres twin of storage/migrations/010_due_leases.sql.
-- Several shard processes on one database (README "Scaling out").

-- Who is posting a schedule's due occurrence: a process leases the schedule's row
-- before it claims the occurrence and keeps the lease until the delivery is
-- recorded. Another process takes a lease over only after it expired (its holder
-- crashed); the delivery log (deliveries' key) still keeps each occurrence posted
-- at most once.
CREATE TABLE due_leases (
    schedule_id BIGINT PRIMARY KEY REFERENCES schedules (id) ON DELETE CASCADE,
    owner       TEXT NOT NULL,   -- the holding process ('host:pid:shards')
    until_utc   TEXT NOT NULL    -- fixed-width UTC text, as everywhere
);
CREATE INDEX due_leases_until ON due_leases (until_utc);

-- Discord allows one IDENTIFY per max_concurrency bucket (shard_id % max_concurrency)
-- every 5 seconds, across every process of the bot: each bucket's last IDENTIFY.
CREATE TABLE identify_gate (
    bucket  BIGINT PRIMARY KEY,
    last_at TEXT NOT NULL
);
