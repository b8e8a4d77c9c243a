-- Leases over time, the eligible-cost ledger with DMH's written approvals,
-- and the monthly payment run (Guide: Leasing Requirements; Eligible Costs;
-- Rent and Utility Payment Standards).

-- Master lease: the next participant identified for a vacated unit (rent
-- may continue up to 90 days after the move-out when they move in by then).
ALTER TABLE lease ADD COLUMN next_participant_id INTEGER REFERENCES participant(id);
ALTER TABLE lease ADD COLUMN next_identified_on TEXT;
ALTER TABLE lease ADD COLUMN next_moves_in_on TEXT;

-- What changed on a lease, from a date: a new income calculation (tenant
-- rent and assistance), a renewal (a new last day, perhaps a new rent).
CREATE TABLE lease_change (
    id              INTEGER PRIMARY KEY,
    lease_id        INTEGER NOT NULL REFERENCES lease(id),
    kind            TEXT NOT NULL CHECK (kind IN ('new_calculation', 'renewal')),
    effective_on    TEXT NOT NULL,
    calculation_id  INTEGER REFERENCES income_calculation(id),
    contract_rent   TEXT,
    comparison_id   INTEGER REFERENCES rent_comparison(id),
    end_date        TEXT,
    note            TEXT,
    staff_id        INTEGER REFERENCES staff(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX lease_change_lease ON lease_change(lease_id, effective_on);

-- The SSA's first payment ends the subsistence allowance a month later.
ALTER TABLE enrollment ADD COLUMN first_benefit_payment_on TEXT;

-- A written approval from DMH on record: who, when, for what, and the one
-- limit of the Guide it lifts.
CREATE TABLE approval (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    lifts           TEXT NOT NULL CHECK (lifts IN ('later_move', 'transition_off_list', 'subsistence_extension')),
    approved_by     TEXT NOT NULL,
    approved_on     TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    -- subsistence extension: the last month it covers (first day)
    through_month   TEXT,
    staff_id        INTEGER REFERENCES staff(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX approval_participant ON approval(participant_id, lifts);

-- A monthly payment run: prepared, approved by a supervisor, posted.
CREATE TABLE payment_run (
    id              INTEGER PRIMARY KEY,
    month           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('prepared', 'approved', 'posted', 'discarded')),
    prepared_by     INTEGER NOT NULL REFERENCES staff(id),
    prepared_at     TEXT NOT NULL,
    approved_by     INTEGER REFERENCES staff(id),
    approved_at     TEXT,
    posted_by       INTEGER REFERENCES staff(id),
    posted_at       TEXT,
    paid_on         TEXT
);
CREATE UNIQUE INDEX payment_run_one_posted ON payment_run(month) WHERE status = 'posted';

CREATE TABLE payment_run_line (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER NOT NULL REFERENCES payment_run(id),
    category        TEXT NOT NULL,
    lease_id        INTEGER REFERENCES lease(id),
    participant_id  INTEGER REFERENCES participant(id),
    unit_id         INTEGER REFERENCES unit(id),
    payee           TEXT NOT NULL,
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL,
    days_covered    INTEGER NOT NULL,
    days_in_month   INTEGER NOT NULL,
    amount          TEXT NOT NULL,
    held            INTEGER NOT NULL DEFAULT 0,
    note            TEXT
);
CREATE INDEX payment_run_line_run ON payment_run_line(run_id);

-- The eligible-cost ledger: every dollar paid, with its category, payee,
-- period, reference and the approval it rests on. Never edited or deleted:
-- a mistake is corrected by a reversing entry.
CREATE TABLE payment (
    id              INTEGER PRIMARY KEY,
    category        TEXT NOT NULL,
    participant_id  INTEGER REFERENCES participant(id),
    unit_id         INTEGER REFERENCES unit(id),
    lease_id        INTEGER REFERENCES lease(id),
    payee           TEXT NOT NULL,
    payee_kind      TEXT NOT NULL CHECK (payee_kind IN ('owner', 'participant', 'vendor', 'utility', 'provider')),
    paid_on         TEXT NOT NULL,
    period_start    TEXT,
    period_end      TEXT,
    amount          TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL,
    reference       TEXT,
    note            TEXT,
    approval_id     INTEGER REFERENCES approval(id),
    run_id          INTEGER REFERENCES payment_run(id),
    reverses_id     INTEGER REFERENCES payment(id),
    staff_id        INTEGER REFERENCES staff(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX payment_participant ON payment(participant_id, category, paid_on);
CREATE INDEX payment_unit ON payment(unit_id, category, paid_on);
CREATE INDEX payment_lease_period ON payment(lease_id, category, period_start);
CREATE INDEX payment_paid_on ON payment(paid_on, category);
CREATE INDEX payment_by_run ON payment(run_id);
