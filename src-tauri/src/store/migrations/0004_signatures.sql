-- Signatures drawn on screen for a saved calculation's summary, kept as
-- strokes (points from 0 to 1 across a 3:1 box) with the moment of signing.
CREATE TABLE calculation_signature (
    calculation_id  INTEGER NOT NULL REFERENCES income_calculation(id),
    signer          TEXT NOT NULL CHECK (signer IN ('participant', 'staff')),
    signer_name     TEXT NOT NULL,
    strokes         TEXT NOT NULL,
    signed_at       TEXT NOT NULL,
    captured_by     INTEGER REFERENCES staff(id),
    PRIMARY KEY (calculation_id, signer)
);
