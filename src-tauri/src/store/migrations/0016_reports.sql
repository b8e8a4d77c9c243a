-- Reports (Guide: Data Reporting): every report produced is kept, with who
-- made it, for which period, and when it was submitted to DMH. The file is
-- kept inside the encrypted store; the user saves a copy where they choose.
CREATE TABLE report (
    id            INTEGER PRIMARY KEY,
    -- 'monthly', 'monthly_dmh', 'quarterly_performance', 'quarterly_financial', 'hmis_csv'
    kind          TEXT NOT NULL,
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    content       BLOB NOT NULL,
    -- A line on what it holds ("214 participants"), shown in the history.
    summary       TEXT NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES staff(id),
    created_at    TEXT NOT NULL,
    submitted_on  TEXT,
    submitted_by  INTEGER REFERENCES staff(id)
);
CREATE INDEX report_period ON report(kind, period_start);

-- DMH's own monthly template, loaded once by the administrator: the file,
-- where its header row is, and which of the app's fields fills each column
-- (a JSON list, one entry per template column: a field key or null).
CREATE TABLE report_template (
    kind        TEXT PRIMARY KEY,
    file_name   TEXT NOT NULL,
    content     BLOB NOT NULL,
    sheet       TEXT NOT NULL,
    header_row  INTEGER NOT NULL,
    headers     TEXT NOT NULL,
    mapping     TEXT NOT NULL,
    updated_by  INTEGER NOT NULL REFERENCES staff(id),
    updated_at  TEXT NOT NULL
);

-- The grant budget by eligible-cost category for a state fiscal year
-- (July to June, named by the year it ends), entered by a supervisor, for
-- the Periodic Financial Report.
CREATE TABLE grant_budget (
    fiscal_year  INTEGER NOT NULL,
    category     TEXT NOT NULL,
    amount       TEXT NOT NULL,
    updated_by   INTEGER NOT NULL REFERENCES staff(id),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (fiscal_year, category)
);
