-- The customer archive: customers (and sales leads), their phones, vehicles,
-- who owned each vehicle when, the search index, and app preferences.

CREATE TABLE customers (
    id                        INTEGER PRIMARY KEY,
    name                      TEXT NOT NULL,
    mobile                    TEXT NOT NULL,
    contact_time              TEXT,
    address                   TEXT NOT NULL DEFAULT '',
    grade                     TEXT NOT NULL DEFAULT 'ordinary' CHECK (grade IN ('ordinary', 'vip')),
    lead_grade                TEXT CHECK (lead_grade IN ('A', 'B', 'C', 'D')),
    source                    TEXT,
    birthday                  TEXT,
    marketing_consent         INTEGER NOT NULL DEFAULT 0 CHECK (marketing_consent IN (0, 1)),
    marketing_consent_changed TEXT,
    notes                     TEXT NOT NULL DEFAULT '',
    archived_at               TEXT,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL
);
CREATE INDEX customers_leads ON customers (lead_grade) WHERE lead_grade IS NOT NULL;

-- Every phone of every customer, the mobile included: one number belongs to one
-- customer, so a second customer with the same number is caught.
CREATE TABLE customer_phones (
    phone       TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL -- 0 is the mobile, then the further phones in order
) WITHOUT ROWID;
CREATE INDEX customer_phones_customer ON customer_phones (customer_id, position);

CREATE TABLE vehicles (
    id                    INTEGER PRIMARY KEY,
    customer_id           INTEGER NOT NULL REFERENCES customers (id),
    plate                 TEXT UNIQUE,
    vin                   TEXT NOT NULL UNIQUE,
    vin_check_confirmed   INTEGER NOT NULL DEFAULT 0 CHECK (vin_check_confirmed IN (0, 1)),
    brand                 TEXT NOT NULL,
    model                 TEXT NOT NULL,
    model_year            INTEGER,
    colour                TEXT NOT NULL DEFAULT '',
    purchase_date         TEXT,
    warranty_end          TEXT,
    mileage_km            INTEGER CHECK (mileage_km >= 0),
    insurance_expiry      TEXT,
    annual_inspection_due TEXT,
    archived_at           TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX vehicles_customer ON vehicles (customer_id);

-- Who owned a vehicle when; the open period (until IS NULL) is the current owner.
CREATE TABLE vehicle_owners (
    id            INTEGER PRIMARY KEY,
    vehicle_id    INTEGER NOT NULL REFERENCES vehicles (id),
    customer_id   INTEGER NOT NULL REFERENCES customers (id),
    vehicle_label TEXT NOT NULL,
    since         TEXT NOT NULL,
    until         TEXT,
    CHECK (until IS NULL OR until >= since)
);
CREATE INDEX vehicle_owners_vehicle ON vehicle_owners (vehicle_id, since);
CREATE INDEX vehicle_owners_customer ON vehicle_owners (customer_id);
CREATE UNIQUE INDEX vehicle_owners_current ON vehicle_owners (vehicle_id) WHERE until IS NULL;

-- One row per customer (rowid = customers.id): name, phones, plates and VINs
-- of the vehicles they own now. The trigram tokenizer finds any fragment of
-- three or more characters.
CREATE VIRTUAL TABLE customer_search USING fts5 (text, tokenize = 'trigram');

-- Every one- and two-character piece of each customer's name, for the
-- fragments the trigram index cannot find: two-character Chinese names (张伟)
-- and given names (晓红). Short fragments of digits and letters fall back to
-- LIKE over customer_search.
CREATE TABLE customer_name_grams (
    gram        TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (gram, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_name_grams_customer ON customer_name_grams (customer_id);

CREATE TABLE preferences (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
