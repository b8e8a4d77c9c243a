-- The office's holidays, for the business days the Guide's reports count
-- (Guide: Data Reporting, "the 5th business day of each month"). Started
-- with the State of Illinois' and the federal holidays (as observed) for
-- 2026 and 2027; the administrator keeps the table.
CREATE TABLE holiday (
    day         TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

INSERT INTO holiday (day, name, created_at) VALUES
  ('2026-01-01', 'New Year''s Day', '2026-11-23T00:00:00Z'),
  ('2026-01-19', 'Dr. Martin Luther King Jr. Day', '2026-11-23T00:00:00Z'),
  ('2026-02-12', 'Lincoln''s Birthday', '2026-11-23T00:00:00Z'),
  ('2026-02-16', 'Presidents'' Day', '2026-11-23T00:00:00Z'),
  ('2026-03-02', 'Casimir Pulaski Day', '2026-11-23T00:00:00Z'),
  ('2026-05-25', 'Memorial Day', '2026-11-23T00:00:00Z'),
  ('2026-06-19', 'Juneteenth', '2026-11-23T00:00:00Z'),
  ('2026-07-03', 'Independence Day (observed)', '2026-11-23T00:00:00Z'),
  ('2026-09-07', 'Labor Day', '2026-11-23T00:00:00Z'),
  ('2026-10-12', 'Columbus Day', '2026-11-23T00:00:00Z'),
  ('2026-11-03', 'General Election Day', '2026-11-23T00:00:00Z'),
  ('2026-11-11', 'Veterans Day', '2026-11-23T00:00:00Z'),
  ('2026-11-26', 'Thanksgiving Day', '2026-11-23T00:00:00Z'),
  ('2026-11-27', 'Day after Thanksgiving', '2026-11-23T00:00:00Z'),
  ('2026-12-25', 'Christmas Day', '2026-11-23T00:00:00Z'),
  ('2027-01-01', 'New Year''s Day', '2026-11-23T00:00:00Z'),
  ('2027-01-18', 'Dr. Martin Luther King Jr. Day', '2026-11-23T00:00:00Z'),
  ('2027-02-12', 'Lincoln''s Birthday', '2026-11-23T00:00:00Z'),
  ('2027-02-15', 'Presidents'' Day', '2026-11-23T00:00:00Z'),
  ('2027-03-01', 'Casimir Pulaski Day', '2026-11-23T00:00:00Z'),
  ('2027-05-31', 'Memorial Day', '2026-11-23T00:00:00Z'),
  ('2027-06-18', 'Juneteenth (observed)', '2026-11-23T00:00:00Z'),
  ('2027-07-05', 'Independence Day (observed)', '2026-11-23T00:00:00Z'),
  ('2027-09-06', 'Labor Day', '2026-11-23T00:00:00Z'),
  ('2027-10-11', 'Columbus Day', '2026-11-23T00:00:00Z'),
  ('2027-11-11', 'Veterans Day', '2026-11-23T00:00:00Z'),
  ('2027-11-25', 'Thanksgiving Day', '2026-11-23T00:00:00Z'),
  ('2027-11-26', 'Day after Thanksgiving', '2026-11-23T00:00:00Z'),
  ('2027-12-24', 'Christmas Day (observed)', '2026-11-23T00:00:00Z'),
  ('2027-12-31', 'New Year''s Day 2028 (observed)', '2026-11-23T00:00:00Z');
