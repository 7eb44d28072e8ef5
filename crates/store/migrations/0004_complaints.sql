-- Complaints (DOMAIN.md §5): the complaint with its handler, solution, cause and
-- improvement measure; its timeline of steps; the five recovery steps; and the
-- escalations to the service manager, each recorded once.

CREATE TABLE complaints (
    id                 INTEGER PRIMARY KEY,
    number             TEXT NOT NULL UNIQUE,
    state              TEXT NOT NULL CHECK (state IN ('received', 'assigned', 'contacted', 'agreed', 'resolved',
                           'return_called', 'closed')),
    severity           TEXT NOT NULL CHECK (severity IN ('minor', 'serious')),
    channel            TEXT NOT NULL,
    category           TEXT NOT NULL,
    hard_case          TEXT,
    customer_id        INTEGER NOT NULL REFERENCES customers (id),
    vehicle_id         INTEGER REFERENCES vehicles (id),
    visit_id           INTEGER REFERENCES visits (id),
    description        TEXT NOT NULL,
    request            TEXT NOT NULL DEFAULT '',
    -- The first-contact owner (首问负责人).
    received_by_id     INTEGER NOT NULL,
    received_by        TEXT NOT NULL,
    received_at        TEXT NOT NULL,
    -- The local day of receipt, for dates and months in the dealership's time.
    received_on        TEXT NOT NULL,
    handler_id         INTEGER REFERENCES staff (id),
    assigned_at        TEXT,
    resolved_at        TEXT,
    closed_at          TEXT,
    solution           TEXT,
    return_call_result TEXT,
    reopened           INTEGER NOT NULL DEFAULT 0 CHECK (reopened IN (0, 1)),
    cause              TEXT,
    root_cause         TEXT,
    responsible_id     INTEGER REFERENCES staff (id),
    measure            TEXT,
    measure_owner_id   INTEGER REFERENCES staff (id),
    check_on           TEXT,
    checked_at         TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX complaints_open ON complaints (state) WHERE state <> 'closed';
CREATE INDEX complaints_customer ON complaints (customer_id);
CREATE INDEX complaints_received ON complaints (received_on);
CREATE INDEX complaints_measures ON complaints (check_on) WHERE measure IS NOT NULL AND checked_at IS NULL;

CREATE TABLE complaint_events (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints (id),
    step         TEXT NOT NULL,
    state        TEXT NOT NULL,
    at           TEXT NOT NULL,
    staff_id     INTEGER NOT NULL,
    staff_name   TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);

CREATE TABLE complaint_recovery (
    complaint_id INTEGER NOT NULL REFERENCES complaints (id),
    step         TEXT NOT NULL CHECK (step IN ('apology', 'urgent_restoration', 'empathy',
                     'symbolic_compensation', 'follow_up')),
    done_on      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    compensation TEXT,
    cost_fen     INTEGER CHECK (cost_fen IS NULL OR cost_fen >= 0),
    staff_name   TEXT NOT NULL,
    PRIMARY KEY (complaint_id, step)
) WITHOUT ROWID;

CREATE TABLE complaint_escalations (
    complaint_id INTEGER NOT NULL REFERENCES complaints (id),
    reason       TEXT NOT NULL CHECK (reason IN ('not_assigned_in_time', 'not_resolved_in_time',
                     'socially_influential')),
    at           TEXT NOT NULL,
    PRIMARY KEY (complaint_id, reason)
) WITHOUT ROWID;
