-- Staff accounts, the append-only audit trail of every change, and the mark
-- that makes a file recognisable as a CareDesk database ('CDSK').

PRAGMA application_id = 1128551243;

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    login           TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('service_advisor', 'technician', 'qc_inspector',
                                                  'follow_up', 'service_manager', 'administrator')),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    password_hash   TEXT NOT NULL,
    -- Consecutive wrong passwords, for the delay after repeated failures.
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    last_failed_at  TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- Who changed what, when: written in the same transaction as the change.
-- staff_id is 0 for CareDesk itself (demo data); the name is kept as it was.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    staff_id    INTEGER NOT NULL,
    staff_name  TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    -- The customer the change concerns (a vehicle's owner), for their history panel.
    customer_id INTEGER,
    action      TEXT NOT NULL,
    changes     TEXT NOT NULL -- JSON: [{"field": ..., "before": ..., "after": ...}]
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_customer ON audit_log (customer_id, id) WHERE customer_id IS NOT NULL;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;
