-- The participant's journey after referral: screening, waiting lists,
-- enrollment and the case plan, vocational hours, employment, institutional
-- and temporary stays, and exit. Migrations only add.

-- The case manager assigned to a participant (roles: case managers see and
-- edit their own participants' case notes).
ALTER TABLE participant ADD COLUMN case_manager_id INTEGER REFERENCES staff(id);
CREATE INDEX participant_case_manager ON participant(case_manager_id);

-- A screening against the Guide's eligibility requirements. `form` holds
-- the answers as typed (JSON), so an unfinished screening resumes where it
-- stopped; `steps_done` lists the steps checked and saved.
CREATE TABLE screening (
    id               INTEGER PRIMARY KEY,
    participant_id   INTEGER NOT NULL REFERENCES participant(id),
    form             TEXT NOT NULL,
    steps_done       TEXT NOT NULL DEFAULT '[]',
    started_by       INTEGER REFERENCES staff(id),
    started_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    finished_at      TEXT,
    finished_by      INTEGER REFERENCES staff(id),
    -- 'eligible', 'ineligible' or 'eligible_by_override'
    determination    TEXT,
    unmet            TEXT NOT NULL DEFAULT '[]',
    override_by_name TEXT,
    override_reason  TEXT
);
CREATE INDEX screening_participant ON screening(participant_id, id);
CREATE INDEX screening_unfinished ON screening(finished_at) WHERE finished_at IS NULL;

-- IHDA SRN, Section 811 and Housing Choice Voucher waiting lists.
CREATE TABLE waitlist_registration (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    list            TEXT NOT NULL CHECK (list IN ('srn', 'section_811', 'hcv')),
    status          TEXT NOT NULL CHECK (status IN ('registered', 'agreed', 'declined')),
    registered_on   TEXT,
    agency          TEXT,
    opens_on        TEXT,
    updated_at      TEXT NOT NULL,
    UNIQUE (participant_id, list)
);

-- Enrollment and the income side of the case plan (SOAR, SSI/SSDI).
CREATE TABLE enrollment (
    participant_id        INTEGER PRIMARY KEY REFERENCES participant(id),
    enrolled_on           TEXT NOT NULL,
    soar_status           TEXT NOT NULL DEFAULT 'not_started',
    soar_applied_on       TEXT,
    benefits_decision     TEXT NOT NULL DEFAULT 'none',
    benefits_decision_on  TEXT,
    updated_at            TEXT NOT NULL
);

CREATE TABLE case_plan_goal (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    area            TEXT NOT NULL,
    goal            TEXT NOT NULL,
    target_date     TEXT,
    status          TEXT NOT NULL DEFAULT 'open',
    achieved_on     TEXT,
    staff_id        INTEGER REFERENCES staff(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX case_plan_goal_participant ON case_plan_goal(participant_id);

-- Vocational activity hours by month with an IPS or CRP provider (the
-- subsistence allowance needs the previous month's hours).
CREATE TABLE vocational_hours (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    month           TEXT NOT NULL,
    provider_kind   TEXT NOT NULL CHECK (provider_kind IN ('ips', 'crp')),
    provider        TEXT NOT NULL,
    hours           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (participant_id, month, provider_kind, provider)
);

CREATE TABLE employment (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    employer        TEXT NOT NULL,
    job_title       TEXT,
    start_date      TEXT NOT NULL,
    end_date        TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX employment_participant ON employment(participant_id);

-- Stays in a hospital, long-term care, an SMHRF, jail or prison (stays under
-- six months are not vacancies) and in temporary housing (at most 90 days).
CREATE TABLE stay (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    kind            TEXT NOT NULL,
    place           TEXT NOT NULL,
    start_date      TEXT NOT NULL,
    end_date        TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX stay_participant ON stay(participant_id, start_date);
CREATE INDEX stay_open ON stay(kind, start_date) WHERE end_date IS NULL;

-- A participant can exit, come back, and exit again: one row per exit.
CREATE TABLE participant_exit (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    exit_date       TEXT NOT NULL,
    reason          TEXT NOT NULL,
    destination     TEXT NOT NULL,
    unit_outcome    TEXT NOT NULL,
    notes           TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX participant_exit_date ON participant_exit(exit_date);
CREATE INDEX participant_exit_participant ON participant_exit(participant_id, exit_date);

-- The dashboard reads this month's visits across every participant.
CREATE INDEX engagement_visit_date ON engagement_visit(visit_date, participant_id);
