-- Follow-up calls (DOMAIN.md §3.7, §4): the attempts on each call, its retry
-- schedule and caller, the versioned questionnaire, and the surveys with the
-- visit's satisfaction index.

-- The day the next attempt is due (the window's start before the first attempt).
ALTER TABLE follow_up_calls ADD COLUMN next_on TEXT;
UPDATE follow_up_calls SET next_on = due_from;
-- A call-back time the customer gave (local).
ALTER TABLE follow_up_calls ADD COLUMN call_back_at TEXT;
ALTER TABLE follow_up_calls ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
-- Attempts that did not reach the customer: the retry limit counts these.
ALTER TABLE follow_up_calls ADD COLUMN not_reached INTEGER NOT NULL DEFAULT 0 CHECK (not_reached >= 0);
ALTER TABLE follow_up_calls ADD COLUMN last_outcome TEXT;
-- The local day of the last attempt: a call worked today stays on today's list.
ALTER TABLE follow_up_calls ADD COLUMN last_on TEXT;
ALTER TABLE follow_up_calls ADD COLUMN caller_id INTEGER REFERENCES staff (id);
ALTER TABLE follow_up_calls ADD COLUMN closed_at TEXT;
ALTER TABLE follow_up_calls ADD COLUMN closed_on TEXT;
-- The complaint a hot alert opened.
ALTER TABLE follow_up_calls ADD COLUMN complaint_id INTEGER REFERENCES complaints (id);
CREATE INDEX follow_up_calls_next ON follow_up_calls (status, next_on);
CREATE INDEX follow_up_calls_last ON follow_up_calls (last_on) WHERE last_on IS NOT NULL;
CREATE INDEX follow_up_calls_window ON follow_up_calls (due_from);

CREATE TABLE follow_up_attempts (
    id           INTEGER PRIMARY KEY,
    call_id      INTEGER NOT NULL REFERENCES follow_up_calls (id),
    outcome      TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'busy', 'wrong_number', 'refused',
                     'call_back')),
    at           TEXT NOT NULL,
    on_day       TEXT NOT NULL,
    staff_id     INTEGER NOT NULL,
    staff_name   TEXT NOT NULL,
    call_back_at TEXT,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX follow_up_attempts_call ON follow_up_attempts (call_id, id);

-- Each saved version of the questionnaire (JSON); the newest is asked.
CREATE TABLE questionnaires (
    version    INTEGER PRIMARY KEY CHECK (version > 0),
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

-- The answers of a completed call, with the version they were asked with.
CREATE TABLE follow_up_surveys (
    call_id     INTEGER PRIMARY KEY REFERENCES follow_up_calls (id),
    visit_id    INTEGER NOT NULL UNIQUE REFERENCES visits (id),
    version     INTEGER NOT NULL REFERENCES questionnaires (version),
    answers     TEXT NOT NULL, -- JSON: [{"key", "value"}]
    comment     TEXT NOT NULL DEFAULT '',
    flagged     INTEGER NOT NULL CHECK (flagged IN (0, 1)),
    -- The visit's index in hundredths of a point.
    csi         INTEGER NOT NULL CHECK (csi BETWEEN 0 AND 10000),
    alert       INTEGER NOT NULL CHECK (alert IN (0, 1)),
    advisor_id  INTEGER NOT NULL REFERENCES staff (id),
    surveyed_on TEXT NOT NULL,
    at          TEXT NOT NULL,
    staff_name  TEXT NOT NULL
);
CREATE INDEX follow_up_surveys_on ON follow_up_surveys (surveyed_on);
