-- Service visits (DOMAIN.md §3): the appointment, reception, the repair order
-- and its lines, extra work found in repair, quality checks, handover, the
-- timeline of steps, and the follow-up call handover creates.

CREATE TABLE visits (
    id                    INTEGER PRIMARY KEY,
    number                TEXT NOT NULL UNIQUE,
    state                 TEXT NOT NULL CHECK (state IN ('booked', 'prepared', 'received', 'in_repair',
                              'quality_check', 'ready', 'handed_over', 'followed_up', 'no_show', 'cancelled')),
    walk_in               INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    customer_id           INTEGER NOT NULL REFERENCES customers (id),
    vehicle_id            INTEGER NOT NULL REFERENCES vehicles (id),
    advisor_id            INTEGER NOT NULL REFERENCES staff (id),
    -- Local wall-clock time of the reception slot, 'YYYY-MM-DDTHH:MM:SS'; NULL for a walk-in.
    appointment_at        TEXT,
    expected_minutes      INTEGER NOT NULL CHECK (expected_minutes > 0),
    requested_work        TEXT NOT NULL,
    concerns              TEXT NOT NULL DEFAULT '',
    replacement_car       INTEGER NOT NULL DEFAULT 0 CHECK (replacement_car IN (0, 1)),
    parts_ready           INTEGER NOT NULL DEFAULT 0,
    order_prefilled       INTEGER NOT NULL DEFAULT 0,
    advisor_available     INTEGER NOT NULL DEFAULT 0,
    replacement_car_ready INTEGER NOT NULL DEFAULT 0,
    cancel_reason         TEXT,
    reception             TEXT, -- JSON of the walk-around
    mileage_km            INTEGER CHECK (mileage_km >= 0),
    promised_at           TEXT, -- local
    confirmed_at          TEXT,
    estimate_fen          INTEGER,
    tax_basis_points      INTEGER NOT NULL DEFAULT 0,
    technician_id         INTEGER REFERENCES staff (id),
    parking_location      TEXT,
    invoice_number        TEXT,
    payment_method        TEXT,
    amount_paid_fen       INTEGER,
    next_service_date     TEXT,
    next_service_km       INTEGER,
    handed_over_by        TEXT,
    received_at           TEXT,
    handed_over_at        TEXT,
    -- Local wall-clock time of handover, for "today" and the on-time rate.
    handed_over_local     TEXT,
    on_time               INTEGER CHECK (on_time IN (0, 1)),
    -- The order total with tax, kept with every change of lines, for lists.
    total_fen             INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
-- One appointment per advisor per slot, among appointments still to come.
CREATE UNIQUE INDEX visits_advisor_slot ON visits (advisor_id, appointment_at)
    WHERE state IN ('booked', 'prepared');
CREATE INDEX visits_appointment ON visits (appointment_at) WHERE appointment_at IS NOT NULL;
CREATE INDEX visits_in_workshop ON visits (state) WHERE state IN ('received', 'in_repair', 'quality_check', 'ready');
CREATE INDEX visits_received ON visits (received_at) WHERE received_at IS NOT NULL;
CREATE INDEX visits_handed_over ON visits (handed_over_local) WHERE handed_over_local IS NOT NULL;
CREATE INDEX visits_customer ON visits (customer_id);
CREATE INDEX visits_vehicle ON visits (vehicle_id);

-- Each step a visit took: its timeline.
CREATE TABLE visit_steps (
    id         INTEGER PRIMARY KEY,
    visit_id   INTEGER NOT NULL REFERENCES visits (id),
    step       TEXT NOT NULL,
    state      TEXT NOT NULL,
    at         TEXT NOT NULL,
    staff_id   INTEGER NOT NULL,
    staff_name TEXT NOT NULL
);
CREATE INDEX visit_steps_visit ON visit_steps (visit_id, id);

CREATE TABLE extra_work (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visits (id),
    description TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('awaiting_approval', 'approved', 'declined')),
    found_by    TEXT NOT NULL,
    found_at    TEXT NOT NULL,
    decided_at  TEXT,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX extra_work_visit ON extra_work (visit_id);

CREATE TABLE order_lines (
    id             INTEGER PRIMARY KEY,
    visit_id       INTEGER NOT NULL REFERENCES visits (id),
    -- Set for a line of extra work: it counts once the customer approved it.
    extra_work_id  INTEGER REFERENCES extra_work (id),
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('labour', 'part')),
    description    TEXT NOT NULL,
    part_number    TEXT NOT NULL DEFAULT '',
    quantity_centi INTEGER NOT NULL CHECK (quantity_centi > 0),
    unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen > 0),
    genuine        INTEGER NOT NULL DEFAULT 1 CHECK (genuine IN (0, 1)),
    amount_fen     INTEGER NOT NULL CHECK (amount_fen >= 0),
    explained      INTEGER NOT NULL DEFAULT 0 CHECK (explained IN (0, 1))
);
CREATE INDEX order_lines_visit ON order_lines (visit_id, position);

CREATE TABLE qc_checks (
    id               INTEGER PRIMARY KEY,
    visit_id         INTEGER NOT NULL REFERENCES visits (id),
    inspector_id     INTEGER NOT NULL,
    inspector_name   TEXT NOT NULL,
    at               TEXT NOT NULL,
    passed           INTEGER NOT NULL CHECK (passed IN (0, 1)),
    items            TEXT NOT NULL, -- JSON: [{"item", "result", "note"}]
    parking_location TEXT NOT NULL DEFAULT ''
);
CREATE INDEX qc_checks_visit ON qc_checks (visit_id, id);

-- The follow-up call handover creates (DOMAIN.md §3.7); the follow-up module works it.
CREATE TABLE follow_up_calls (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL UNIQUE REFERENCES visits (id),
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    due_from    TEXT NOT NULL,
    due_to      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open',
    created_at  TEXT NOT NULL,
    CHECK (due_to >= due_from)
);
CREATE INDEX follow_up_calls_due ON follow_up_calls (status, due_from);

-- The next-service recommendation given at handover.
ALTER TABLE vehicles ADD COLUMN next_service_date TEXT;
ALTER TABLE vehicles ADD COLUMN next_service_km INTEGER;
