-- PHA utility allowance schedules (form HUD-52667): one per locality and unit
-- type, dated; monthly dollars by utility, fuel and bedrooms (0 to 5).
CREATE TABLE utility_schedule (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    pha             TEXT NOT NULL,
    unit_type       TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    source          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (name, effective_from)
);

CREATE TABLE utility_schedule_row (
    schedule_id  INTEGER NOT NULL REFERENCES utility_schedule(id),
    utility      TEXT NOT NULL,
    fuel         TEXT NOT NULL,
    amounts      TEXT NOT NULL, -- JSON list of six decimal strings, 0 to 5 bedrooms
    PRIMARY KEY (schedule_id, utility, fuel)
);
