-- Small Area Fair Market Rents by ZIP code, for offices in metro areas that
-- use them (Guide: Fair Market Rent, "Metropolitan and Small Area FMRs apply
-- where applicable"), and the office's choice to use them.
CREATE TABLE small_area_fmr (
    zip             TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    bedrooms        INTEGER NOT NULL CHECK (bedrooms BETWEEN 0 AND 4),
    amount          TEXT NOT NULL,
    source          TEXT NOT NULL,
    PRIMARY KEY (zip, effective_from, bedrooms)
);

ALTER TABLE office ADD COLUMN use_small_area_fmrs INTEGER NOT NULL DEFAULT 0;
