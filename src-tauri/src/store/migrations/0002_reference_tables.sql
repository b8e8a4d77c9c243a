-- Program reference tables, by effective date: what changes by year or by
-- place is data, never a constant in code. Amounts are exact decimal text.
-- Each row says where its figure came from.

CREATE TABLE deduction_set (
    id                          INTEGER PRIMARY KEY,
    effective_from              TEXT NOT NULL UNIQUE,
    label                       TEXT NOT NULL,
    dependent_deduction         TEXT NOT NULL,
    elderly_disabled_deduction  TEXT NOT NULL,
    medical_threshold_percent   TEXT NOT NULL,
    source                      TEXT NOT NULL,
    created_at                  TEXT NOT NULL
);

CREATE TABLE fmr_area (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    counties  TEXT NOT NULL
);

CREATE TABLE fair_market_rent (
    area_id         INTEGER NOT NULL REFERENCES fmr_area(id),
    effective_from  TEXT NOT NULL,
    bedrooms        INTEGER NOT NULL CHECK (bedrooms BETWEEN 0 AND 4),
    amount          TEXT NOT NULL,
    source          TEXT NOT NULL,
    PRIMARY KEY (area_id, effective_from, bedrooms)
);

-- Extremely low income (30% AMI) limits by household size; a live-in aide
-- is not counted in the size.
CREATE TABLE income_limit (
    area_id         INTEGER NOT NULL REFERENCES fmr_area(id),
    effective_from  TEXT NOT NULL,
    household_size  INTEGER NOT NULL CHECK (household_size BETWEEN 1 AND 8),
    amount          TEXT NOT NULL,
    source          TEXT NOT NULL,
    PRIMARY KEY (area_id, effective_from, household_size)
);

-- The program's own limits from the Guide (transition assistance, subsistence,
-- 120% of FMR, deadlines, deposits, incentives).
CREATE TABLE program_limit (
    code            TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    value           TEXT NOT NULL,
    source          TEXT NOT NULL,
    PRIMARY KEY (code, effective_from)
);

-- A saved income and rent calculation: what was entered (with the parameter
-- values in force, so it can be reproduced after the tables change), and
-- what came out.
CREATE TABLE income_calculation (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    kind            TEXT NOT NULL,
    as_of           TEXT NOT NULL,
    details         TEXT NOT NULL,
    input           TEXT NOT NULL,
    result          TEXT NOT NULL,
    staff_id        INTEGER REFERENCES staff(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX income_calculation_participant ON income_calculation(participant_id, as_of);

-- The starter set, from HUD's published figures (shared/program/reference-facts.md).
INSERT INTO deduction_set (effective_from, label, dependent_deduction, elderly_disabled_deduction, medical_threshold_percent, source, created_at) VALUES
  ('2000-01-01', 'Before HOTMA', '480', '400', '3', '24 CFR 5.611 before HOTMA', '2026-11-23T00:00:00Z'),
  ('2024-01-01', 'HOTMA 2024', '480', '525', '10', 'HUD: HOTMA inflation adjustments for calendar year 2024', '2026-11-23T00:00:00Z'),
  ('2025-01-01', 'HOTMA 2025', '480', '525', '10', 'HUD: HOTMA inflation adjustments for calendar year 2025', '2026-11-23T00:00:00Z'),
  ('2026-01-01', 'HOTMA 2026', '500', '550', '10', 'HUD: HOTMA inflation adjustments for calendar year 2026', '2026-11-23T00:00:00Z');

INSERT INTO fmr_area (id, name, counties) VALUES
  (1, 'Chicago-Joliet-Naperville, IL HUD Metro FMR Area', 'Cook, DuPage, Kane, McHenry, Will, Grundy, Kendall'),
  (2, 'Springfield, IL MSA', 'Sangamon, Menard'),
  (3, 'Fayette County, IL', 'Fayette'),
  (4, 'Adams County, IL', 'Adams'),
  (5, 'Peoria, IL MSA', 'Peoria, Tazewell, Woodford, Marshall, Stark');

INSERT INTO fair_market_rent (area_id, effective_from, bedrooms, amount, source) VALUES
  (1, '2024-10-01', 0, '1458', 'HUD FY2025 FMR'), (1, '2024-10-01', 1, '1560', 'HUD FY2025 FMR'),
  (1, '2024-10-01', 2, '1761', 'HUD FY2025 FMR'), (1, '2024-10-01', 3, '2262', 'HUD FY2025 FMR'),
  (1, '2024-10-01', 4, '2657', 'HUD FY2025 FMR'),
  (1, '2025-10-01', 0, '1480', 'HUD FY2026 FMR'), (1, '2025-10-01', 1, '1581', 'HUD FY2026 FMR'),
  (1, '2025-10-01', 2, '1781', 'HUD FY2026 FMR'), (1, '2025-10-01', 3, '2294', 'HUD FY2026 FMR'),
  (1, '2025-10-01', 4, '2653', 'HUD FY2026 FMR'),
  (2, '2024-10-01', 0, '776', 'HUD FY2025 FMR'), (2, '2024-10-01', 1, '921', 'HUD FY2025 FMR'),
  (2, '2024-10-01', 2, '1132', 'HUD FY2025 FMR'), (2, '2024-10-01', 3, '1529', 'HUD FY2025 FMR'),
  (2, '2024-10-01', 4, '1564', 'HUD FY2025 FMR'),
  (2, '2025-10-01', 0, '829', 'HUD FY2026 FMR'), (2, '2025-10-01', 1, '970', 'HUD FY2026 FMR'),
  (2, '2025-10-01', 2, '1203', 'HUD FY2026 FMR'), (2, '2025-10-01', 3, '1611', 'HUD FY2026 FMR'),
  (2, '2025-10-01', 4, '1682', 'HUD FY2026 FMR'),
  (3, '2024-10-01', 0, '636', 'HUD FY2025 FMR'), (3, '2024-10-01', 1, '718', 'HUD FY2025 FMR'),
  (3, '2024-10-01', 2, '870', 'HUD FY2025 FMR'), (3, '2024-10-01', 3, '1113', 'HUD FY2025 FMR'),
  (3, '2024-10-01', 4, '1160', 'HUD FY2025 FMR'),
  (3, '2025-10-01', 0, '722', 'HUD FY2026 FMR'), (3, '2025-10-01', 1, '750', 'HUD FY2026 FMR'),
  (3, '2025-10-01', 2, '916', 'HUD FY2026 FMR'), (3, '2025-10-01', 3, '1183', 'HUD FY2026 FMR'),
  (3, '2025-10-01', 4, '1293', 'HUD FY2026 FMR'),
  (4, '2024-10-01', 0, '669', 'HUD FY2025 FMR'), (4, '2024-10-01', 1, '749', 'HUD FY2025 FMR'),
  (4, '2024-10-01', 2, '975', 'HUD FY2025 FMR'), (4, '2024-10-01', 3, '1261', 'HUD FY2025 FMR'),
  (4, '2024-10-01', 4, '1319', 'HUD FY2025 FMR'),
  (4, '2025-10-01', 0, '734', 'HUD FY2026 FMR'), (4, '2025-10-01', 1, '811', 'HUD FY2026 FMR'),
  (4, '2025-10-01', 2, '1064', 'HUD FY2026 FMR'), (4, '2025-10-01', 3, '1327', 'HUD FY2026 FMR'),
  (4, '2025-10-01', 4, '1500', 'HUD FY2026 FMR'),
  (5, '2025-10-01', 0, '758', 'HUD FY2026 FMR'), (5, '2025-10-01', 1, '818', 'HUD FY2026 FMR'),
  (5, '2025-10-01', 2, '1039', 'HUD FY2026 FMR'), (5, '2025-10-01', 3, '1346', 'HUD FY2026 FMR'),
  (5, '2025-10-01', 4, '1449', 'HUD FY2026 FMR');

-- HUD publishes each fiscal year's income limits in the spring; the dates
-- below are the start of each fiscal year's limits as entered here.
INSERT INTO income_limit (area_id, effective_from, household_size, amount, source) VALUES
  (1, '2025-04-01', 1, '25200', 'HUD FY2025 Income Limits, extremely low income (30%)'),
  (1, '2026-04-01', 1, '25550', 'HUD FY2026 Income Limits, extremely low income (30%)'),
  (1, '2026-04-01', 2, '29200', 'HUD FY2026 Income Limits, extremely low income (30%)'),
  (2, '2025-04-01', 1, '24100', 'HUD FY2025 Income Limits, extremely low income (30%)'),
  (2, '2026-04-01', 1, '24150', 'HUD FY2026 Income Limits, extremely low income (30%)'),
  (3, '2025-04-01', 1, '18200', 'HUD FY2025 Income Limits, extremely low income (30%)'),
  (3, '2026-04-01', 1, '18850', 'HUD FY2026 Income Limits, extremely low income (30%)'),
  (4, '2025-04-01', 1, '19600', 'HUD FY2025 Income Limits, extremely low income (30%)'),
  (4, '2026-04-01', 1, '19150', 'HUD FY2026 Income Limits, extremely low income (30%)');

INSERT INTO program_limit (code, effective_from, value, source) VALUES
  ('transition_assistance_cap', '2000-01-01', '3000', 'Guide: Eligible Costs, Transition Assistance Funds'),
  ('subsistence_monthly_max', '2000-01-01', '300', 'Guide: Eligible Costs, Subsistence Allowances'),
  ('subsistence_months_max', '2000-01-01', '24', 'Guide: Eligible Costs, Subsistence Allowances'),
  ('fmr_exception_percent_max', '2000-01-01', '120', 'Guide: Rent and Utility Payment Standards, Fair Market Rent'),
  ('temporary_housing_days_max', '2000-01-01', '90', 'Guide: Eligible Costs, Temporary/Immediate Housing'),
  ('reinspection_days', '2000-01-01', '14', 'Guide: Eligible Costs, Inspection Costs'),
  ('inspection_interval_months', '2000-01-01', '12', 'Guide: Eligible Costs, Inspection Costs'),
  ('security_deposit_months_max', '2000-01-01', '2', 'Guide: Eligible Costs, Security Deposits'),
  ('move_in_fee_percent_max', '2000-01-01', '75', 'Guide: Eligible Costs, Security Deposits'),
  ('signing_bonus_months_max', '2000-01-01', '2', 'Guide: Eligible Costs, Landlord Incentives');
