-- Customer-care campaigns and events (DOMAIN.md §6): the plan, its prizes and
-- budget lines, the invitations with RSVP and check-in, the lottery's draws; the
-- proactive care calls; and what the segment builder filters on.

-- The day of the vehicle's last handover here, kept by handover: "last visit
-- older than N months" without reading every visit.
ALTER TABLE vehicles ADD COLUMN last_visit_on TEXT;
UPDATE vehicles SET last_visit_on = (
    SELECT max(substr(handed_over_local, 1, 10)) FROM visits WHERE visits.vehicle_id = vehicles.id
);
-- The segment builder's index: every column a segment filters a vehicle on, led by
-- the model, so a count never reads a vehicle's row — a search when models are
-- chosen, else one pass over this index (see `campaigns::SegmentSql`).
CREATE INDEX vehicles_segment ON vehicles (model, last_visit_on, customer_id, archived_at, model_year,
    next_service_date, purchase_date, insurance_expiry, warranty_end, annual_inspection_due);
-- Covering for the count's look-up of each matching customer.
CREATE INDEX customers_segment ON customers (id, archived_at, marketing_consent);
-- The care lists' look-ups.
CREATE INDEX vehicles_next_service ON vehicles (next_service_date) WHERE next_service_date IS NOT NULL;
CREATE INDEX vehicles_insurance ON vehicles (insurance_expiry) WHERE insurance_expiry IS NOT NULL;
CREATE INDEX vehicles_inspection ON vehicles (annual_inspection_due) WHERE annual_inspection_due IS NOT NULL;
CREATE INDEX customers_birthday_month ON customers (substr(birthday, 6, 2)) WHERE birthday IS NOT NULL;

CREATE TABLE campaigns (
    id               INTEGER PRIMARY KEY,
    theme            TEXT NOT NULL,
    starts_on        TEXT NOT NULL,
    ends_on          TEXT NOT NULL,
    venue            TEXT NOT NULL DEFAULT '',
    background       TEXT NOT NULL DEFAULT '',
    objectives       TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL CHECK (status IN ('draft', 'planned', 'running', 'finished')),
    activities       TEXT NOT NULL DEFAULT '[]', -- JSON
    segment          TEXT NOT NULL DEFAULT '{}', -- JSON
    attribution_days INTEGER NOT NULL CHECK (attribution_days BETWEEN 1 AND 365),
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);

CREATE TABLE campaign_prizes (
    id             INTEGER PRIMARY KEY,
    campaign_id    INTEGER NOT NULL REFERENCES campaigns (id),
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    stock          INTEGER NOT NULL CHECK (stock >= 0),
    unit_value_fen INTEGER NOT NULL CHECK (unit_value_fen >= 0)
);
CREATE INDEX campaign_prizes_campaign ON campaign_prizes (campaign_id, position);

CREATE TABLE campaign_budget (
    id                    INTEGER PRIMARY KEY,
    campaign_id           INTEGER NOT NULL REFERENCES campaigns (id),
    position              INTEGER NOT NULL,
    item                  TEXT NOT NULL,
    quantity_centi        INTEGER NOT NULL CHECK (quantity_centi >= 0),
    unit_price_fen        INTEGER NOT NULL CHECK (unit_price_fen >= 0),
    actual_quantity_centi INTEGER CHECK (actual_quantity_centi >= 0),
    actual_unit_price_fen INTEGER CHECK (actual_unit_price_fen >= 0),
    note                  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX campaign_budget_campaign ON campaign_budget (campaign_id, position);

-- One row per guest: invited from the segment, or let in at the door as a walk-in.
CREATE TABLE campaign_invitations (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaigns (id),
    customer_id     INTEGER NOT NULL REFERENCES customers (id),
    vehicle_id      INTEGER REFERENCES vehicles (id),
    arrival         TEXT NOT NULL CHECK (arrival IN ('invited', 'walk_in')),
    rsvp            TEXT NOT NULL DEFAULT 'pending'
                        CHECK (rsvp IN ('pending', 'yes', 'no', 'maybe', 'not_reached')),
    rsvp_by         TEXT,
    rsvp_at         TEXT,
    rsvp_note       TEXT NOT NULL DEFAULT '',
    checked_in_at   TEXT,
    checked_in_by   TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (campaign_id, customer_id)
);
CREATE INDEX campaign_invitations_customer ON campaign_invitations (customer_id);

-- Every lottery draw; one per attendee.
CREATE TABLE campaign_draws (
    id            INTEGER PRIMARY KEY,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns (id),
    invitation_id INTEGER NOT NULL UNIQUE REFERENCES campaign_invitations (id),
    prize_id      INTEGER NOT NULL REFERENCES campaign_prizes (id),
    at            TEXT NOT NULL,
    operator_id   INTEGER NOT NULL,
    operator_name TEXT NOT NULL
);
CREATE INDEX campaign_draws_campaign ON campaign_draws (campaign_id, id);

-- Proactive care calls (maintenance due, insurance, inspection, birthdays,
-- declined work): one per reason and occasion, worked like follow-up calls.
CREATE TABLE care_calls (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('maintenance_due', 'insurance_expiring', 'inspection_due',
                     'birthday', 'declined_work')),
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    vehicle_id   INTEGER REFERENCES vehicles (id),
    -- The occasion: the due date, the expiry, the birthday this year, the visit's handover day.
    due_on       TEXT NOT NULL,
    -- Why the call: the estimated service, the declined work's description, …
    reason       TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'unreachable', 'refused')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    not_reached  INTEGER NOT NULL DEFAULT 0,
    next_on      TEXT NOT NULL,
    call_back_at TEXT,
    last_outcome TEXT,
    last_on      TEXT,
    last_note    TEXT NOT NULL DEFAULT '',
    caller_id    INTEGER REFERENCES staff (id),
    closed_on    TEXT,
    created_at   TEXT NOT NULL
);
-- One call per reason and occasion (a birthday has no vehicle).
CREATE UNIQUE INDEX care_calls_once ON care_calls (kind, customer_id, coalesce(vehicle_id, 0), due_on);
CREATE INDEX care_calls_list ON care_calls (kind, status, next_on);
CREATE INDEX care_calls_last ON care_calls (kind, last_on) WHERE last_on IS NOT NULL;

CREATE TABLE care_attempts (
    id           INTEGER PRIMARY KEY,
    call_id      INTEGER NOT NULL REFERENCES care_calls (id),
    outcome      TEXT NOT NULL,
    at           TEXT NOT NULL,
    staff_name   TEXT NOT NULL,
    call_back_at TEXT,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX care_attempts_call ON care_attempts (call_id, id);
