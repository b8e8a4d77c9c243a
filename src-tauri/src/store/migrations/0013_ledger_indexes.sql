-- Whether a payment was reversed is asked of every row a ledger shows and
-- of every period checked: without this index each question read the whole
-- payment table (13 s for one participant at 500,000 payments).
CREATE INDEX payment_reverses ON payment(reverses_id) WHERE reverses_id IS NOT NULL;

-- A DMH approval for a later move names the unit it is for.
ALTER TABLE approval ADD COLUMN unit_id INTEGER REFERENCES unit(id);
