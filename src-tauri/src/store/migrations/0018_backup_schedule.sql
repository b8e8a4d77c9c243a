-- The optional daily automatic backup: where it is written, how many of
-- its backups are kept, and how the last attempt went (shown in Settings).
CREATE TABLE backup_schedule (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    enabled          INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    folder           TEXT NOT NULL DEFAULT '',
    keep             INTEGER NOT NULL DEFAULT 7 CHECK (keep BETWEEN 1 AND 365),
    -- The office's calendar day of the last backup written on schedule.
    last_success_on  TEXT,
    last_success_at  TEXT,
    last_folder      TEXT,
    last_attempt_at  TEXT,
    -- Why the last attempt failed; NULL when it succeeded.
    last_error       TEXT
);
