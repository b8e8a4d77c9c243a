-- Leases: a participant, a unit and its owner under one of the Guide's two
-- options, with the records the lease rests on (Guide: Leasing Requirements).
CREATE TABLE lease (
    id                  INTEGER PRIMARY KEY,
    participant_id      INTEGER NOT NULL REFERENCES participant(id),
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    option              TEXT NOT NULL CHECK (option IN ('rental_assistance', 'master_lease')),
    start_date          TEXT NOT NULL,
    end_date            TEXT,
    move_in_date        TEXT,
    contract_rent       TEXT NOT NULL,
    calculation_id      INTEGER NOT NULL REFERENCES income_calculation(id),
    inspection_id       INTEGER NOT NULL REFERENCES inspection(id),
    comparison_id       INTEGER NOT NULL REFERENCES rent_comparison(id),
    check_id            INTEGER NOT NULL REFERENCES payment_standard_check(id),
    status              TEXT NOT NULL CHECK (status IN ('active', 'ended')),
    move_out_date       TEXT,
    move_out_reason     TEXT,
    staff_id            INTEGER REFERENCES staff(id),
    created_at          TEXT NOT NULL
);
CREATE INDEX lease_participant ON lease(participant_id, status);
CREATE INDEX lease_unit ON lease(unit_id, status);
CREATE UNIQUE INDEX lease_one_active_per_unit ON lease(unit_id) WHERE status = 'active';
