-- PostgreSQL 15 version of migrations/0010_imported_visits.sql.
-- Past visits imported from the old system's files, marked so that no KPI,
-- work list or board counts them; the old advisor's name and order number kept.
ALTER TABLE visits ADD COLUMN imported BIGINT NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
ALTER TABLE visits ADD COLUMN imported_advisor TEXT;
ALTER TABLE visits ADD COLUMN source_number TEXT;
-- The same vehicle, day and old order number is one visit: a second import adds nothing.
CREATE UNIQUE INDEX visits_imported_once ON visits (vehicle_id, handed_over_local, source_number)
    WHERE imported = 1;
