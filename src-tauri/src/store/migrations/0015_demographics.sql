-- A participant's demographics in the HMIS data standard's categories
-- (FY2026): 3.06 sex, 3.04 race and ethnicity (a JSON list of codes, or one
-- of does_not_know / prefers_not_to_answer), 3.07 veteran status, 3.08
-- disabling condition, 4.09 mental health and 4.10 substance use disorder.
-- Records from before these questions are "not asked" (HMIS: data not
-- collected), never a guess.
ALTER TABLE participant ADD COLUMN sex TEXT NOT NULL DEFAULT 'not_collected';
ALTER TABLE participant ADD COLUMN race_ethnicity TEXT NOT NULL DEFAULT '[]';
ALTER TABLE participant ADD COLUMN veteran_status TEXT NOT NULL DEFAULT 'not_collected';
ALTER TABLE participant ADD COLUMN disabling_condition TEXT NOT NULL DEFAULT 'not_collected';
ALTER TABLE participant ADD COLUMN mental_health_disorder TEXT NOT NULL DEFAULT 'not_collected';
ALTER TABLE participant ADD COLUMN substance_use_disorder TEXT NOT NULL DEFAULT 'not_collected';
