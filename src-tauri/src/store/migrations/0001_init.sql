-- Housing Desk schema, version 1: the office, staff accounts, the audit
-- trail and participants. Migrations only add; never edit a shipped one.

CREATE TABLE office (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    grantee_name  TEXT NOT NULL,
    program       TEXT NOT NULL,
    county        TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Who did what to which record, and what changed (a JSON list of
-- {field, old, new}). Written in the same transaction as the change.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    staff_id   INTEGER REFERENCES staff(id),
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER,
    changes    TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE participant (
    id                      INTEGER PRIMARY KEY,
    legal_name              TEXT NOT NULL,
    preferred_name          TEXT,
    birth_date              TEXT NOT NULL,
    phone                   TEXT,
    email                   TEXT,
    last_known_location     TEXT,
    referral_source         TEXT NOT NULL,
    referring_organization  TEXT,
    referring_contact       TEXT,
    referral_date           TEXT NOT NULL,
    expected_release_date   TEXT,
    status                  TEXT NOT NULL,
    -- lower-case ASCII folding of both names, for search as you type
    search_key              TEXT NOT NULL,
    -- lower-case folded legal name, for sorting
    sort_name               TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);
CREATE INDEX participant_sort_name ON participant(sort_name);
CREATE INDEX participant_status ON participant(status, sort_name);
CREATE INDEX participant_release ON participant(expected_release_date);
