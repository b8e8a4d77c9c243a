-- The housing locator's desk: landlords, units, HQS inspections with their
-- items and deficiencies, rent reasonableness comparisons, payment standard
-- checks, landlord incentives, documents, and the unit of a temporary stay.

CREATE TABLE landlord (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    organization        TEXT,
    -- the owner, or the owner's designated agent
    role                TEXT NOT NULL CHECK (role IN ('owner', 'agent')),
    phone               TEXT,
    email               TEXT,
    mailing_address     TEXT,
    payee_name          TEXT,
    payee_address       TEXT,
    -- the Guide forbids master-leasing units the grantee owns or is related
    -- to without a written exception
    grantee_relation    TEXT NOT NULL DEFAULT 'none'
                        CHECK (grantee_relation IN ('none', 'owned_by_grantee', 'related_to_grantee')),
    notes               TEXT,
    search_key          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX landlord_search ON landlord(search_key);

CREATE TABLE unit (
    id                  INTEGER PRIMARY KEY,
    landlord_id         INTEGER NOT NULL REFERENCES landlord(id),
    street              TEXT NOT NULL,
    unit_number         TEXT,
    city                TEXT NOT NULL,
    zip                 TEXT NOT NULL,
    county              TEXT NOT NULL,
    -- the Fair Market Rent area the county picks (NULL: none on file)
    area_id             INTEGER REFERENCES fmr_area(id),
    housing_type        TEXT NOT NULL,
    bedrooms            INTEGER NOT NULL CHECK (bedrooms BETWEEN 0 AND 8),
    square_feet         INTEGER,
    year_built          INTEGER,
    accessibility       TEXT,
    amenities           TEXT,
    -- JSON: utility codes the owner pays; [{utility, fuel}] the tenant pays
    owner_utilities     TEXT NOT NULL DEFAULT '[]',
    tenant_utilities    TEXT NOT NULL DEFAULT '[]',
    asking_rent         TEXT NOT NULL,
    -- the asking rent in cents, for filtering in SQL
    asking_rent_cents   INTEGER NOT NULL,
    available_on        TEXT,
    status              TEXT NOT NULL,
    temporary           INTEGER NOT NULL DEFAULT 0,
    notes               TEXT,
    search_key          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX unit_landlord ON unit(landlord_id);
CREATE INDEX unit_status ON unit(status, bedrooms, asking_rent_cents);
CREATE INDEX unit_county ON unit(county, bedrooms);

-- The HQS checklist as a versioned template (form HUD-52580), not code: HUD
-- is replacing HQS with NSPIRE-V, and an inspection keeps the version it used.
CREATE TABLE inspection_template (
    version     TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    sections    TEXT NOT NULL
);
INSERT INTO inspection_template (version, name, sections) VALUES
  ('HUD-52580', 'Inspection Checklist, Housing Choice Voucher Program (form HUD-52580)', '[{"number": 1, "title": "Living Room", "per_room": false, "items": [{"code": "1.1", "name": "Living Room Present"}, {"code": "1.2", "name": "Electricity"}, {"code": "1.3", "name": "Electrical Hazards"}, {"code": "1.4", "name": "Security"}, {"code": "1.5", "name": "Window Condition"}, {"code": "1.6", "name": "Ceiling Condition"}, {"code": "1.7", "name": "Wall Condition"}, {"code": "1.8", "name": "Floor Condition"}, {"code": "1.9", "name": "Lead-Based Paint"}]}, {"number": 2, "title": "Kitchen", "per_room": false, "items": [{"code": "2.1", "name": "Kitchen Area Present"}, {"code": "2.2", "name": "Electricity"}, {"code": "2.3", "name": "Electrical Hazards"}, {"code": "2.4", "name": "Security"}, {"code": "2.5", "name": "Window Condition"}, {"code": "2.6", "name": "Ceiling Condition"}, {"code": "2.7", "name": "Wall Condition"}, {"code": "2.8", "name": "Floor Condition"}, {"code": "2.9", "name": "Lead-Based Paint"}, {"code": "2.10", "name": "Stove or Range with Oven"}, {"code": "2.11", "name": "Refrigerator"}, {"code": "2.12", "name": "Sink"}, {"code": "2.13", "name": "Space for Storage, Preparation and Serving of Food"}]}, {"number": 3, "title": "Bathroom", "per_room": false, "items": [{"code": "3.1", "name": "Bathroom Present"}, {"code": "3.2", "name": "Electricity"}, {"code": "3.3", "name": "Electrical Hazards"}, {"code": "3.4", "name": "Security"}, {"code": "3.5", "name": "Window Condition"}, {"code": "3.6", "name": "Ceiling Condition"}, {"code": "3.7", "name": "Wall Condition"}, {"code": "3.8", "name": "Floor Condition"}, {"code": "3.9", "name": "Lead-Based Paint"}, {"code": "3.10", "name": "Flush Toilet in Enclosed Room in Unit"}, {"code": "3.11", "name": "Fixed Wash Basin or Lavatory in Unit"}, {"code": "3.12", "name": "Tub or Shower in Unit"}, {"code": "3.13", "name": "Ventilation"}]}, {"number": 4, "title": "Other Rooms Used for Living and Halls", "per_room": true, "items": [{"code": "4.1", "name": "Room Code and Location"}, {"code": "4.2", "name": "Electricity/Illumination"}, {"code": "4.3", "name": "Electrical Hazards"}, {"code": "4.4", "name": "Security"}, {"code": "4.5", "name": "Window Condition"}, {"code": "4.6", "name": "Ceiling Condition"}, {"code": "4.7", "name": "Wall Condition"}, {"code": "4.8", "name": "Floor Condition"}, {"code": "4.9", "name": "Lead-Based Paint"}, {"code": "4.10", "name": "Smoke Detectors"}]}, {"number": 5, "title": "All Secondary Rooms (not used for living)", "per_room": false, "items": [{"code": "5.1", "name": "None"}, {"code": "5.2", "name": "Security"}, {"code": "5.3", "name": "Electrical Hazards"}, {"code": "5.4", "name": "Other Potentially Hazardous Features"}]}, {"number": 6, "title": "Building Exterior", "per_room": false, "items": [{"code": "6.1", "name": "Condition of Foundation"}, {"code": "6.2", "name": "Condition of Stairs, Rails and Porches"}, {"code": "6.3", "name": "Condition of Roof and Gutters"}, {"code": "6.4", "name": "Condition of Exterior Surfaces"}, {"code": "6.5", "name": "Condition of Chimney"}, {"code": "6.6", "name": "Lead-Based Paint: Exterior Surfaces"}, {"code": "6.7", "name": "Manufactured Homes: Tie Downs"}]}, {"number": 7, "title": "Heating and Plumbing", "per_room": false, "items": [{"code": "7.1", "name": "Adequacy of Heating Equipment"}, {"code": "7.2", "name": "Safety of Heating Equipment"}, {"code": "7.3", "name": "Ventilation and Adequacy of Cooling"}, {"code": "7.4", "name": "Water Heater"}, {"code": "7.5", "name": "Approvable Water Supply"}, {"code": "7.6", "name": "Plumbing"}, {"code": "7.7", "name": "Sewer Connection"}]}, {"number": 8, "title": "General Health and Safety", "per_room": false, "items": [{"code": "8.1", "name": "Access to Unit"}, {"code": "8.2", "name": "Exits"}, {"code": "8.3", "name": "Evidence of Infestation"}, {"code": "8.4", "name": "Garbage and Debris"}, {"code": "8.5", "name": "Refuse Disposal"}, {"code": "8.6", "name": "Interior Stairs and Common Halls"}, {"code": "8.7", "name": "Other Interior Hazards"}, {"code": "8.8", "name": "Elevators"}, {"code": "8.9", "name": "Interior Air Quality"}, {"code": "8.10", "name": "Site and Neighborhood Conditions"}, {"code": "8.11", "name": "Lead-Based Paint: Owner''s Certification"}]}]');

CREATE TABLE inspection (
    id                  INTEGER PRIMARY KEY,
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    template_version    TEXT NOT NULL REFERENCES inspection_template(version),
    kind                TEXT NOT NULL,
    inspected_on        TEXT NOT NULL,
    inspector           TEXT NOT NULL,
    children_under_6    INTEGER NOT NULL DEFAULT 0,
    outcome             TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'inconclusive')),
    follow_up_due       TEXT,
    extended_to         TEXT,
    extension_reason    TEXT,
    owner_refused       INTEGER NOT NULL DEFAULT 0,
    -- costs for the payments ledger (Guide: Inspection Costs)
    staff_minutes       INTEGER,
    vendor_fee          TEXT,
    staff_id            INTEGER REFERENCES staff(id),
    created_at          TEXT NOT NULL
);
CREATE INDEX inspection_unit ON inspection(unit_id, inspected_on);
CREATE INDEX inspection_follow_up ON inspection(follow_up_due) WHERE follow_up_due IS NOT NULL;

-- One row per checklist item (section 4 once per room); a failed item is a
-- deficiency with who must fix it.
CREATE TABLE inspection_item (
    inspection_id   INTEGER NOT NULL REFERENCES inspection(id),
    code            TEXT NOT NULL,
    room            TEXT NOT NULL DEFAULT '',
    result          TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'inconclusive', 'not_applicable')),
    comment         TEXT,
    responsible     TEXT CHECK (responsible IN ('owner', 'tenant')),
    PRIMARY KEY (inspection_id, code, room)
);

CREATE TABLE rent_comparison (
    id                  INTEGER PRIMARY KEY,
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    proposed_rent       TEXT NOT NULL,
    determination       TEXT NOT NULL CHECK (determination IN ('reasonable', 'not_reasonable')),
    notes               TEXT,
    determined_on       TEXT NOT NULL,
    staff_id            INTEGER REFERENCES staff(id),
    created_at          TEXT NOT NULL
);
CREATE INDEX rent_comparison_unit ON rent_comparison(unit_id, determined_on);

CREATE TABLE comparable (
    id                  INTEGER PRIMARY KEY,
    comparison_id       INTEGER NOT NULL REFERENCES rent_comparison(id),
    address             TEXT NOT NULL,
    bedrooms            INTEGER NOT NULL,
    housing_type        TEXT NOT NULL,
    square_feet         INTEGER,
    year_built          INTEGER,
    quality             TEXT NOT NULL,
    amenities           TEXT,
    utilities_included  TEXT,
    rent                TEXT NOT NULL,
    source              TEXT NOT NULL,
    seen_on             TEXT NOT NULL
);
CREATE INDEX comparable_comparison ON comparable(comparison_id);

-- A payment standard check of a unit for a participant, with any approval
-- up to 120% of FMR recorded with who approved it in writing and when.
CREATE TABLE payment_standard_check (
    id                  INTEGER PRIMARY KEY,
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    participant_id      INTEGER NOT NULL REFERENCES participant(id),
    checked_on          TEXT NOT NULL,
    result              TEXT NOT NULL,
    passes              INTEGER NOT NULL,
    exception_percent   TEXT,
    approved_by         TEXT,
    approved_on         TEXT,
    staff_id            INTEGER REFERENCES staff(id),
    created_at          TEXT NOT NULL
);
CREATE INDEX payment_standard_check_unit ON payment_standard_check(unit_id, checked_on);

CREATE TABLE incentive (
    id                  INTEGER PRIMARY KEY,
    landlord_id         INTEGER NOT NULL REFERENCES landlord(id),
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    participant_id      INTEGER REFERENCES participant(id),
    kind                TEXT NOT NULL,
    amount              TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('offered', 'paid', 'withdrawn')),
    offered_on          TEXT NOT NULL,
    paid_on             TEXT,
    documentation       TEXT,
    subsequent_move     INTEGER NOT NULL DEFAULT 0,
    approved_by         TEXT,
    approved_on         TEXT,
    notes               TEXT,
    staff_id            INTEGER REFERENCES staff(id),
    created_at          TEXT NOT NULL
);
CREATE INDEX incentive_landlord ON incentive(landlord_id);
CREATE INDEX incentive_unit ON incentive(unit_id);

-- Photos and documents, kept inside the encrypted store.
CREATE TABLE attachment (
    id              INTEGER PRIMARY KEY,
    entity          TEXT NOT NULL,
    entity_id       INTEGER NOT NULL,
    file_name       TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    bytes           BLOB NOT NULL,
    staff_id        INTEGER REFERENCES staff(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX attachment_entity ON attachment(entity, entity_id);

-- A temporary stay can name the program's temporary unit and its planned end.
ALTER TABLE stay ADD COLUMN unit_id INTEGER REFERENCES unit(id);
ALTER TABLE stay ADD COLUMN planned_end TEXT;
