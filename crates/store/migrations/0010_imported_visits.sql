-- Past visits imported from the old system's files (issue 15, item 4): a
-- handed-over visit of the past, marked so that no KPI, work list or board
-- counts it as one CareDesk handled, while the vehicle's history, its last
-- visit and the mileage estimates use it.
--
-- `imported_advisor` keeps the old system's advisor name (advisor_id is the
-- staff member of that name, else whoever imported); `source_number` the old
-- repair-order number ('' when the file gave none, NULL for CareDesk's own).
ALTER TABLE visits ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
ALTER TABLE visits ADD COLUMN imported_advisor TEXT;
ALTER TABLE visits ADD COLUMN source_number TEXT;
-- The same vehicle, day and old order number is one visit: importing a file
-- again finds it here and adds nothing.
CREATE UNIQUE INDEX visits_imported_once ON visits (vehicle_id, handed_over_local, source_number)
    WHERE imported = 1;
