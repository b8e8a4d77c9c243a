-- Engagement visits (Guide: Engagement and Support Services: at least two a
-- month, one of them at home) and the linkage each made.
CREATE TABLE engagement_visit (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    visit_date      TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('home', 'community', 'phone')),
    minutes         INTEGER NOT NULL CHECK (minutes > 0),
    with_whom       TEXT,
    notes           TEXT,
    linkages        TEXT NOT NULL DEFAULT '[]',
    staff_id        INTEGER REFERENCES staff(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX engagement_visit_participant ON engagement_visit(participant_id, visit_date);
