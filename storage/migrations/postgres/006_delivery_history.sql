-- Postgres twin of storage/migrations/006_delivery_history.sql: the same schema in Postgres's words.
-- Finished deliveries are pruned after a while (ScheduleEngine.prune_history);
-- this index finds the old ones without reading the whole table.
CREATE INDEX deliveries_finished ON deliveries (finished_at) WHERE status != 'sending';
