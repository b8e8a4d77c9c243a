-- Whether a saved income calculation sets the rent (Guide: Total Tenant
-- Payment: a decrease applies at once; an increase between
-- recertifications is noted and waits until the next one).
ALTER TABLE income_calculation ADD COLUMN applies INTEGER NOT NULL DEFAULT 1;
ALTER TABLE income_calculation ADD COLUMN applies_from TEXT;
