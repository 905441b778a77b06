"""SQLite storage: connection set-up, numbered migrations, and every SQL
statement of the project as repository functions with ``?`` parameters."""
