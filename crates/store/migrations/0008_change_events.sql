-- Change events. On the file, the desk that writes is the only one that could
-- hear them: its own connection raises them in-process, with TEMP triggers that
-- are never stored (`Db::announce_changes`). Nothing to store here; the number
-- keeps both engines' migrations in step (PostgreSQL's 0008 adds the triggers
-- that NOTIFY every desk).
SELECT 1;
