-- Consents to disclose (42 CFR 2.31): what a participant signed allowing
-- the office to disclose their records, to whom, what, for what purpose and
-- until when. Never deleted: a consent ends by expiring or by being revoked
-- (revoked_on), and every change is in the audit trail.
CREATE TABLE disclosure_consent (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    -- To whom: the name of the person or entity (2.31(a)(4)).
    recipient       TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
    -- How much and what kind of information (2.31(a)(3)).
    information     TEXT NOT NULL CHECK (length(trim(information)) > 0),
    -- The purpose of the disclosure (2.31(a)(5)).
    purpose         TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
    -- Until when (2.31(a)(7)): a date, an event or condition in words, or both.
    expires_on      TEXT,
    expiry_event    TEXT,
    -- The day the participant (or their representative) signed (2.31(a)(8)).
    signed_on       TEXT NOT NULL,
    revoked_on      TEXT,
    revoke_note     TEXT,
    recorded_by     INTEGER NOT NULL REFERENCES staff(id),
    recorded_at     TEXT NOT NULL,
    revoked_by      INTEGER REFERENCES staff(id),
    CHECK (expires_on IS NOT NULL OR expiry_event IS NOT NULL),
    CHECK (expires_on IS NULL OR expires_on > signed_on),
    CHECK (revoked_on IS NULL OR revoked_on >= signed_on)
);

-- A participant's consents, and the report's one query: for each
-- participant, their consents not revoked with the latest expiry.
CREATE INDEX disclosure_consent_participant
    ON disclosure_consent(participant_id, revoked_on, signed_on, expires_on);
