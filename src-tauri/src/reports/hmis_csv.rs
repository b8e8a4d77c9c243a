//! The HMIS CSV export (HUD "HMIS CSV Format Specifications", FY2026, for the
//! FY2026 HMIS Data Standards in force from 2025-10-01) for the program's one
//! permanent supportive housing project (ProjectType 3), and a validator that
//! reads the CSV text back, so it also catches a file edited by hand.
//!
//! Sources of the column lists and codes (HUD's FY2026 specification itself
//! is a Word/PDF document that could not be read here; these are public code
//! that implements it):
//! - Client.csv, Enrollment.csv, IncomeBenefits.csv, Disabilities.csv and
//!   Export.csv: the FY2026 output fixtures of Green River's 2024-to-2026
//!   converter (`greenriver/hmis-warehouse`,
//!   `drivers/hud_twenty_twenty_four_to_twenty_twenty_six/spec/fixtures/out/`),
//!   whose headers are the 2026 headers; HispanicLatinaeo renamed to
//!   HispanicLatinao and Sex added after DOBDataQuality as in its
//!   `client/rename_columns.rb` and in HUD's validator Eva (`abtassociates/eva`,
//!   "fixes Sex being out-of-order": `colorder(DOBDataQuality, Sex)`).
//! - Exit.csv, Project.csv, Organization.csv, User.csv: Eva's
//!   `public-resources/columns.csv` (FY2024); Bitfocus's "FY 2026 Updates"
//!   note lists no column change to these files for FY2026.
//! - Codes: Green River's HUD utility lists and Eva's `hardcodes.R`
//!   (3-digit living situations and destinations), Eva's `HUDSpecs.csv`
//!   (export lists 1.1, 1.2, 1.5, 1.9); Sex 0/1/8/9/99 from the FY2026 Data
//!   Standards (4.21).
//!
//! Not confirmed from a source: where MentalHealthConsultation (new V10) sits
//! in Enrollment.csv (Green River puts it after ThresholdScore; Eva's test
//! data hint at after PreferredLanguageDifferent) — we follow Green River;
//! the exact CSVVersion string (Green River writes "2026 v1.3", Eva accepts
//! any value naming 2026) — we write "FY2026" and accept any naming 2026;
//! the line ending (we write CRLF, RFC 4180, as the `csv` crate does).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

use crate::casework::{Destination, StayKind};
use crate::participants::ReferralSource;

/// The value written to Export.csv's CSVVersion.
pub const CSV_VERSION: &str = "FY2026";
/// Export.csv's SoftwareName.
pub const SOFTWARE_NAME: &str = "Housing Desk";

/// One CSV file of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HmisFile {
    pub name: &'static str,
    pub text: String,
}

/// One thing wrong with an export, in words for the office worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HmisProblem {
    pub file: String,
    /// 1-based data row (the header row is not counted).
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
}

/// The export header and its records.
#[derive(Debug, Clone, PartialEq)]
pub struct HmisExport {
    pub export_id: String,
    /// The office: also the Organization.
    pub source_id: String,
    pub source_name: String,
    pub export_date: NaiveDateTime,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub software_version: String,
    pub project_id: String,
    pub project_name: String,
    pub operating_start_date: NaiveDate,
    /// 2.02.D: 1 site-based single site, 2 site-based clustered, 3 tenant-based scattered site.
    pub housing_type: u8,
    /// 2.02.5: is the project part of the Continuum of Care.
    pub continuum_project: bool,
    /// The CoC code (XX-999) written to EnrollmentCoC for heads of household, if known.
    pub coc_code: Option<String>,
    /// The UserID written on every row and listed in User.csv.
    pub user_id: String,
    pub clients: Vec<HmisClient>,
    pub enrollments: Vec<HmisEnrollment>,
    pub exits: Vec<HmisExit>,
    pub income_benefits: Vec<HmisIncomeBenefits>,
    pub disabilities: Vec<HmisDisability>,
}

/// 3.04 race and ethnicity: each is its own 0/1 column of Client.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HmisRace {
    AmIndAKNative,
    Asian,
    BlackAfAmerican,
    HispanicLatinao,
    MidEastNAfrican,
    NativeHIPacific,
    White,
}

impl HmisRace {
    pub const ALL: [HmisRace; 7] = [
        HmisRace::AmIndAKNative,
        HmisRace::Asian,
        HmisRace::BlackAfAmerican,
        HmisRace::HispanicLatinao,
        HmisRace::MidEastNAfrican,
        HmisRace::NativeHIPacific,
        HmisRace::White,
    ];

    /// The answer for a Client.csv column name (as `demographics::Race::hmis_column` gives it).
    pub fn from_column(column: &str) -> Option<HmisRace> {
        HmisRace::ALL.into_iter().find(|r| r.column() == column)
    }

    /// The Client.csv column this answer sets to 1.
    pub fn column(self) -> &'static str {
        match self {
            HmisRace::AmIndAKNative => "AmIndAKNative",
            HmisRace::Asian => "Asian",
            HmisRace::BlackAfAmerican => "BlackAfAmerican",
            HmisRace::HispanicLatinao => "HispanicLatinao",
            HmisRace::MidEastNAfrican => "MidEastNAfrican",
            HmisRace::NativeHIPacific => "NativeHIPacific",
            HmisRace::White => "White",
        }
    }
}

/// A person (Client.csv). The app collects no SSN: SSN is empty and
/// SSNDataQuality is 99.
#[derive(Debug, Clone, PartialEq)]
pub struct HmisClient {
    pub personal_id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// 3.01.5: 1, 2, 8, 9, 99.
    pub name_data_quality: u8,
    pub dob: Option<NaiveDate>,
    /// 3.03.2: 1, 2, 8, 9, 99.
    pub dob_data_quality: u8,
    pub races: Vec<HmisRace>,
    /// RaceNone (8, 9, 99) when no race is given; none means 99.
    pub race_none: Option<u8>,
    /// 4.21: 0 female, 1 male, 8, 9, 99.
    pub sex: u8,
    /// 3.07 (list 1.8): 0, 1, 8, 9, 99.
    pub veteran_status: u8,
    pub date_created: NaiveDateTime,
    pub date_updated: NaiveDateTime,
}

/// A project stay (Enrollment.csv).
#[derive(Debug, Clone, PartialEq)]
pub struct HmisEnrollment {
    pub enrollment_id: String,
    pub personal_id: String,
    pub entry_date: NaiveDate,
    pub household_id: String,
    /// 3.15: 1 self (the program houses single adults).
    pub relationship_to_hoh: u8,
    /// 3.917.1, three digits (see [`living_situation_code`]).
    pub living_situation: u16,
    /// 3.917.2; none means 99 "data not collected".
    pub length_of_stay: Option<u8>,
    /// 3.08 (list 1.8).
    pub disabling_condition: u8,
    pub move_in_date: Option<NaiveDate>,
    pub date_created: NaiveDateTime,
    pub date_updated: NaiveDateTime,
}

/// The end of a stay (Exit.csv).
#[derive(Debug, Clone, PartialEq)]
pub struct HmisExit {
    pub exit_id: String,
    pub enrollment_id: String,
    pub personal_id: String,
    pub exit_date: NaiveDate,
    /// 3.12 (see [`destination_code`]).
    pub destination: u16,
    /// 3.12.A, required when the destination is 435.
    pub destination_subsidy_type: Option<u16>,
    /// Required when the destination is 17 "Other".
    pub other_destination: Option<String>,
    pub date_created: NaiveDateTime,
    pub date_updated: NaiveDateTime,
}

/// Income and benefits at one collection stage (IncomeBenefits.csv).
#[derive(Debug, Clone, PartialEq)]
pub struct HmisIncomeBenefits {
    pub income_benefits_id: String,
    pub enrollment_id: String,
    pub personal_id: String,
    pub information_date: NaiveDate,
    /// 5.03: 1 entry, 2 update, 3 exit, 5 annual assessment.
    pub data_collection_stage: u8,
    /// 4.02 (list 1.8).
    pub income_from_any_source: u8,
    pub total_monthly_income: Option<Decimal>,
    /// Monthly amounts by source; a source with an amount is a "yes".
    pub earned: Option<Decimal>,
    pub ssi: Option<Decimal>,
    pub ssdi: Option<Decimal>,
    pub other: Option<Decimal>,
    pub other_source_identify: Option<String>,
    /// 4.03 (list 1.8); none means 99 "data not collected".
    pub benefits_from_any_source: Option<u8>,
    /// 4.04 (list 1.8); none means 99 "data not collected".
    pub insurance_from_any_source: Option<u8>,
    pub date_created: NaiveDateTime,
    pub date_updated: NaiveDateTime,
}

/// One disability answer (Disabilities.csv).
#[derive(Debug, Clone, PartialEq)]
pub struct HmisDisability {
    pub disabilities_id: String,
    pub enrollment_id: String,
    pub personal_id: String,
    pub information_date: NaiveDate,
    /// 1.3: 5 physical, 6 developmental, 7 chronic health, 8 HIV/AIDS,
    /// 9 mental health disorder, 10 substance use disorder.
    pub disability_type: u8,
    /// List 1.8, or for type 10 list 4.10.2 (0, 1 alcohol, 2 drug, 3 both, 8, 9, 99).
    pub disability_response: u8,
    /// "Expected to be long-continued and to impair…" (list 1.8), asked for
    /// types 5, 7, 9, 10 when the answer is yes; none means 99.
    pub indefinite_and_impairs: Option<u8>,
    pub data_collection_stage: u8,
    pub date_created: NaiveDateTime,
    pub date_updated: NaiveDateTime,
}

/// HMIS 3.12 Destination for where a participant went. The app's groups are
/// coarser than HUD's list, so where a group holds several codes the one
/// chosen is the one HUD reports put in the same group:
/// - rental with a subsidy, and PSH, are 435 "Rental by client, with ongoing
///   housing subsidy" (the subsidy goes in DestinationSubsidyType, see
///   [`destination_subsidy_type`]);
/// - family or friends are 422 / 312 (family, permanent / temporary tenure):
///   the app does not record which, and both codes sit in the same group as
///   their "friends" twin (423 / 313);
/// - shelter or street is 101 "Emergency shelter"; 116 would be the same
///   "homeless situation" group;
/// - an institution of unknown kind is 17 "Other" (put "Institution" in
///   OtherDestination); when the stay is known use [`stay_destination_code`];
/// - unknown is 30 "No exit interview completed": in this program a
///   destination is unknown when the person left without an exit interview.
pub fn destination_code(destination: Destination) -> u16 {
    match destination {
        Destination::RentalWithSubsidy | Destination::PermanentSupportiveHousing => 435,
        Destination::RentalWithoutSubsidy => 410,
        Destination::FamilyOrFriendsPermanent => 422,
        Destination::FamilyOrFriendsTemporary => 312,
        Destination::Institution => 17,
        Destination::ShelterOrStreet => 101,
        Destination::Deceased => 24,
        Destination::Unknown => 30,
    }
}

/// 3.12.A DestinationSubsidyType for destination 435: 439 "Permanent
/// Supportive Housing", else 420 "Other ongoing housing subsidy" (the app
/// does not record the kind of subsidy).
pub fn destination_subsidy_type(destination: Destination) -> Option<u16> {
    match destination {
        Destination::PermanentSupportiveHousing => Some(439),
        Destination::RentalWithSubsidy => Some(420),
        _ => None,
    }
}

/// HMIS 3.12 Destination when a participant left for a recorded stay.
/// An SMHRF (specialized mental health rehabilitation facility) is 204
/// "Psychiatric hospital or other psychiatric facility"; temporary housing
/// after discharge is not an institution and has no destination of its own.
pub fn stay_destination_code(stay: StayKind) -> Option<u16> {
    match stay {
        StayKind::Hospital => Some(206),
        StayKind::LongTermCare => Some(225),
        StayKind::Smhrf => Some(204),
        StayKind::JailPrison => Some(207),
        StayKind::TemporaryHousing => None,
    }
}

/// HMIS 3.917.1 prior living situation from where the referral came.
/// - Hospital is 206 "Hospital or other residential non-psychiatric medical
///   facility", not 204 "Psychiatric hospital": the app's variant means any
///   hospital, and claiming a psychiatric stay we did not record would be
///   wrong; both are "institutional situations", so HUD's groupings and the
///   chronic homelessness logic come out the same (a psychiatric variant in
///   the app would make this exact).
/// - County jail and state prison are 207, homeless shelter 101, withdrawal
///   management 205 "Substance abuse treatment facility or detox center".
/// - Another provider, or the person themself, says who referred, not where
///   the person slept the night before: 99 "Data not collected" is the
///   honest answer until the app asks; guessing a homeless situation would
///   overstate homelessness (and chronic homelessness) in the CoC's reports.
pub fn living_situation_code(source: ReferralSource) -> u16 {
    match source {
        ReferralSource::Hospital => 206,
        ReferralSource::CountyJail | ReferralSource::StatePrison => 207,
        ReferralSource::HomelessShelter => 101,
        ReferralSource::WithdrawalManagement => 205,
        ReferralSource::OtherProvider | ReferralSource::SelfReferral => 99,
    }
}

/// Writes the export: Export, Organization, User, Project, Client,
/// Enrollment, Exit, IncomeBenefits and Disabilities, every column in the
/// FY2026 order, UTF-8, CRLF. Funder, ProjectCoC, Inventory and the other
/// files of a full export are not written: the app has no funder code,
/// grant, geocode or bed inventory to put in them.
///
/// Writing to memory cannot fail; should the `csv` crate ever report an
/// error, that file's text is left empty, which [`validate`] reports.
pub fn write(export: &HmisExport) -> Vec<HmisFile> {
    let e = export;
    let mut x = Row::new(EXPORT_COLUMNS);
    x.set("ExportID", &e.export_id);
    x.set("SourceType", 2); // 1.9: standalone/agency-specific application
    x.set("SourceID", &e.source_id);
    x.set("SourceName", &e.source_name);
    x.set("ExportDate", datetime(e.export_date));
    x.set("ExportStartDate", date(e.start_date));
    x.set("ExportEndDate", date(e.end_date));
    x.set("SoftwareName", SOFTWARE_NAME);
    x.set("SoftwareVersion", &e.software_version);
    x.set("CSVVersion", CSV_VERSION);
    x.set("ExportPeriodType", 3); // 1.1: reporting period
    x.set("ExportDirective", 2); // 1.2: full refresh
    x.set("HashStatus", 1); // 1.5: unhashed
    x.set("ImplementationID", format!("{SOFTWARE_NAME} {}", e.source_id));

    let mut org = Row::new(ORGANIZATION_COLUMNS);
    org.set("OrganizationID", &e.source_id);
    org.set("OrganizationName", &e.source_name);
    org.set("VictimServiceProvider", 0);
    org.trailer(e, e.export_date, e.export_date);

    let mut user = Row::new(USER_COLUMNS);
    user.set("UserID", &e.user_id);
    user.set("DateCreated", datetime(e.export_date));
    user.set("DateUpdated", datetime(e.export_date));
    user.set("ExportID", &e.export_id);

    let mut project = Row::new(PROJECT_COLUMNS);
    project.set("ProjectID", &e.project_id);
    project.set("OrganizationID", &e.source_id);
    project.set("ProjectName", &e.project_name);
    project.set("OperatingStartDate", date(e.operating_start_date));
    project.set("ContinuumProject", u8::from(e.continuum_project));
    project.set("ProjectType", 3);
    project.set("HousingType", e.housing_type);
    project.set("TargetPopulation", 4); // 2.02.7: not applicable
    project.trailer(e, e.export_date, e.export_date);

    let clients = e.clients.iter().map(|c| {
        let mut r = Row::new(CLIENT_COLUMNS);
        r.set("PersonalID", &c.personal_id);
        r.opt("FirstName", c.first_name.as_ref());
        r.opt("LastName", c.last_name.as_ref());
        r.set("NameDataQuality", c.name_data_quality);
        r.set("SSNDataQuality", 99);
        r.opt("DOB", c.dob.map(date));
        r.set("DOBDataQuality", c.dob_data_quality);
        r.set("Sex", c.sex);
        for race in HmisRace::ALL {
            r.set(race.column(), u8::from(c.races.contains(&race)));
        }
        if c.races.is_empty() {
            r.set("RaceNone", c.race_none.unwrap_or(99));
        }
        r.set("VeteranStatus", c.veteran_status);
        r.trailer(e, c.date_created, c.date_updated);
        r
    });

    let enrollments = e.enrollments.iter().map(|n| {
        let mut r = Row::new(ENROLLMENT_COLUMNS);
        r.set("EnrollmentID", &n.enrollment_id);
        r.set("PersonalID", &n.personal_id);
        r.set("ProjectID", &e.project_id);
        r.set("EntryDate", date(n.entry_date));
        r.set("HouseholdID", &n.household_id);
        r.set("RelationshipToHoH", n.relationship_to_hoh);
        if n.relationship_to_hoh == 1 {
            r.opt("EnrollmentCoC", e.coc_code.as_ref());
        }
        r.set("LivingSituation", n.living_situation);
        r.set("LengthOfStay", n.length_of_stay.unwrap_or(99));
        // The app does not ask the 3.917 homeless-history questions; they are
        // asked (so "data not collected") after a homeless situation only.
        if (100..200).contains(&n.living_situation) {
            r.set("TimesHomelessPastThreeYears", 99);
            r.set("MonthsHomelessPastThreeYears", 99);
        }
        r.set("DisablingCondition", n.disabling_condition);
        r.opt("MoveInDate", n.move_in_date.map(date));
        r.trailer(e, n.date_created, n.date_updated);
        r
    });

    let exits = e.exits.iter().map(|x| {
        let mut r = Row::new(EXIT_COLUMNS);
        r.set("ExitID", &x.exit_id);
        r.set("EnrollmentID", &x.enrollment_id);
        r.set("PersonalID", &x.personal_id);
        r.set("ExitDate", date(x.exit_date));
        r.set("Destination", x.destination);
        r.opt("DestinationSubsidyType", x.destination_subsidy_type);
        r.opt("OtherDestination", x.other_destination.as_ref());
        r.trailer(e, x.date_created, x.date_updated);
        r
    });

    let incomes = e.income_benefits.iter().map(|i| {
        let mut r = Row::new(INCOME_BENEFITS_COLUMNS);
        r.set("IncomeBenefitsID", &i.income_benefits_id);
        r.set("EnrollmentID", &i.enrollment_id);
        r.set("PersonalID", &i.personal_id);
        r.set("InformationDate", date(i.information_date));
        r.set("IncomeFromAnySource", i.income_from_any_source);
        r.opt("TotalMonthlyIncome", i.total_monthly_income.map(money));
        // Each source is a No/Yes once the person said whether they have
        // income; after "doesn't know" / "data not collected" they stay empty.
        if matches!(i.income_from_any_source, 0 | 1) {
            for (flag, _) in INCOME_SOURCES {
                r.set(flag, 0);
            }
            let known = [
                ("Earned", "EarnedAmount", i.earned),
                ("SSI", "SSIAmount", i.ssi),
                ("SSDI", "SSDIAmount", i.ssdi),
                ("OtherIncomeSource", "OtherIncomeAmount", i.other),
            ];
            for (flag, amount, value) in known {
                if let Some(v) = value.filter(|v| *v > Decimal::ZERO) {
                    r.set(flag, 1);
                    r.set(amount, money(v));
                }
            }
            if i.other.is_some_and(|v| v > Decimal::ZERO) {
                r.opt("OtherIncomeSourceIdentify", i.other_source_identify.as_ref());
            }
        }
        let benefits = i.benefits_from_any_source.unwrap_or(99);
        r.set("BenefitsFromAnySource", benefits);
        if benefits == 0 {
            for flag in BENEFIT_SOURCES {
                r.set(flag, 0);
            }
        }
        let insurance = i.insurance_from_any_source.unwrap_or(99);
        r.set("InsuranceFromAnySource", insurance);
        if insurance == 0 {
            for flag in INSURANCE_SOURCES {
                r.set(flag, 0);
            }
        }
        r.set("DataCollectionStage", i.data_collection_stage);
        r.trailer(e, i.date_created, i.date_updated);
        r
    });

    let disabilities = e.disabilities.iter().map(|d| {
        let mut r = Row::new(DISABILITIES_COLUMNS);
        r.set("DisabilitiesID", &d.disabilities_id);
        r.set("EnrollmentID", &d.enrollment_id);
        r.set("PersonalID", &d.personal_id);
        r.set("InformationDate", date(d.information_date));
        r.set("DisabilityType", d.disability_type);
        r.set("DisabilityResponse", d.disability_response);
        let yes =
            if d.disability_type == 10 { matches!(d.disability_response, 1..=3) } else { d.disability_response == 1 };
        if yes && matches!(d.disability_type, 5 | 7 | 9 | 10) {
            r.set("IndefiniteAndImpairs", d.indefinite_and_impairs.unwrap_or(99));
        }
        r.set("DataCollectionStage", d.data_collection_stage);
        r.trailer(e, d.date_created, d.date_updated);
        r
    });

    vec![
        file("Export.csv", EXPORT_COLUMNS, vec![x]),
        file("Organization.csv", ORGANIZATION_COLUMNS, vec![org]),
        file("User.csv", USER_COLUMNS, vec![user]),
        file("Project.csv", PROJECT_COLUMNS, vec![project]),
        file("Client.csv", CLIENT_COLUMNS, clients.collect()),
        file("Enrollment.csv", ENROLLMENT_COLUMNS, enrollments.collect()),
        file("Exit.csv", EXIT_COLUMNS, exits.collect()),
        file("IncomeBenefits.csv", INCOME_BENEFITS_COLUMNS, incomes.collect()),
        file("Disabilities.csv", DISABILITIES_COLUMNS, disabilities.collect()),
    ]
}

/// Checks an export as text: every file present with the FY2026 header row,
/// CSVVersion, one ExportID throughout, codes, dates, required cells, unique
/// IDs, the IDs that join the files, and the order of the dates.
pub fn validate(files: &[HmisFile]) -> Vec<HmisProblem> {
    let mut out = Problems(Vec::new());
    let mut tables: HashMap<&str, Table> = HashMap::new();
    for spec in SPECS {
        let Some(f) = files.iter().find(|f| f.name == spec.name) else {
            out.file(spec.name, format!("{} is missing from the export.", spec.name));
            continue;
        };
        if let Some(t) = read_table(spec, &f.text, &mut out) {
            check_cells(&t, &mut out);
            tables.insert(spec.name, t);
        }
    }
    check_export(&tables, &mut out);
    check_links(&tables, &mut out);
    check_rows(&tables, &mut out);
    out.0
}

// ---------------------------------------------------------------------------
// Column lists (FY2026, in order)

#[rustfmt::skip]
pub const EXPORT_COLUMNS: &[&str] = &[
    "ExportID", "SourceType", "SourceID", "SourceName", "SourceContactFirst", "SourceContactLast",
    "SourceContactPhone", "SourceContactExtension", "SourceContactEmail", "ExportDate", "ExportStartDate",
    "ExportEndDate", "SoftwareName", "SoftwareVersion", "CSVVersion", "ExportPeriodType", "ExportDirective",
    "HashStatus", "ImplementationID",
];
#[rustfmt::skip]
pub const ORGANIZATION_COLUMNS: &[&str] = &[
    "OrganizationID", "OrganizationName", "VictimServiceProvider", "OrganizationCommonName", "DateCreated",
    "DateUpdated", "UserID", "DateDeleted", "ExportID",
];
#[rustfmt::skip]
pub const USER_COLUMNS: &[&str] = &[
    "UserID", "UserFirstName", "UserLastName", "UserPhone", "UserExtension", "UserEmail", "DateCreated",
    "DateUpdated", "DateDeleted", "ExportID",
];
#[rustfmt::skip]
pub const PROJECT_COLUMNS: &[&str] = &[
    "ProjectID", "OrganizationID", "ProjectName", "ProjectCommonName", "OperatingStartDate", "OperatingEndDate",
    "ContinuumProject", "ProjectType", "HousingType", "RRHSubType", "ResidentialAffiliation", "TargetPopulation",
    "HOPWAMedAssistedLivingFac", "PITCount", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID",
];
#[rustfmt::skip]
pub const CLIENT_COLUMNS: &[&str] = &[
    "PersonalID", "FirstName", "MiddleName", "LastName", "NameSuffix", "NameDataQuality", "SSN", "SSNDataQuality",
    "DOB", "DOBDataQuality", "Sex", "AmIndAKNative", "Asian", "BlackAfAmerican", "HispanicLatinao", "MidEastNAfrican",
    "NativeHIPacific", "White", "RaceNone", "AdditionalRaceEthnicity", "VeteranStatus", "YearEnteredService",
    "YearSeparated", "WorldWarII", "KoreanWar", "VietnamWar", "DesertStorm", "AfghanistanOEF", "IraqOIF", "IraqOND",
    "OtherTheater", "MilitaryBranch", "DischargeStatus", "DateCreated", "DateUpdated", "UserID", "DateDeleted",
    "ExportID",
];
#[rustfmt::skip]
pub const ENROLLMENT_COLUMNS: &[&str] = &[
    "EnrollmentID", "PersonalID", "ProjectID", "EntryDate", "HouseholdID", "RelationshipToHoH", "EnrollmentCoC",
    "LivingSituation", "RentalSubsidyType", "LengthOfStay", "LOSUnderThreshold", "PreviousStreetESSH",
    "DateToStreetESSH", "TimesHomelessPastThreeYears", "MonthsHomelessPastThreeYears", "DisablingCondition",
    "DateOfEngagement", "MoveInDate", "DateOfPATHStatus", "ClientEnrolledInPATH", "ReasonNotEnrolled", "PercentAMI",
    "ReferralSource", "CountOutreachReferralApproaches", "DateOfBCPStatus", "EligibleForRHY", "ReasonNoServices",
    "RunawayYouth", "FormerWardChildWelfare", "ChildWelfareYears", "ChildWelfareMonths", "FormerWardJuvenileJustice",
    "JuvenileJusticeYears", "JuvenileJusticeMonths", "UnemploymentFam", "MentalHealthDisorderFam",
    "PhysicalDisabilityFam", "AlcoholDrugUseDisorderFam", "InsufficientIncome", "IncarceratedParent", "VAMCStation",
    "TargetScreenReqd", "TimeToHousingLoss", "AnnualPercentAMI", "LiteralHomelessHistory", "ClientLeaseholder",
    "HOHLeaseholder", "SubsidyAtRisk", "EvictionHistory", "CriminalRecord", "IncarceratedAdult", "PrisonDischarge",
    "SexOffender", "DisabledHoH", "CurrentPregnant", "SingleParent", "DependentUnder6", "HH5Plus", "CoCPrioritized",
    "HPScreeningScore", "ThresholdScore", "MentalHealthConsultation", "TranslationNeeded", "PreferredLanguage",
    "PreferredLanguageDifferent", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID",
];
#[rustfmt::skip]
pub const EXIT_COLUMNS: &[&str] = &[
    "ExitID", "EnrollmentID", "PersonalID", "ExitDate", "Destination", "DestinationSubsidyType", "OtherDestination",
    "HousingAssessment", "SubsidyInformation", "ProjectCompletionStatus", "EarlyExitReason", "ExchangeForSex",
    "ExchangeForSexPastThreeMonths", "CountOfExchangeForSex", "AskedOrForcedToExchangeForSex",
    "AskedOrForcedToExchangeForSexPastThreeMonths", "WorkplaceViolenceThreats", "WorkplacePromiseDifference",
    "CoercedToContinueWork", "LaborExploitPastThreeMonths", "CounselingReceived", "IndividualCounseling",
    "FamilyCounseling", "GroupCounseling", "SessionCountAtExit", "PostExitCounselingPlan", "SessionsInPlan",
    "DestinationSafeClient", "DestinationSafeWorker", "PosAdultConnections", "PosPeerConnections",
    "PosCommunityConnections", "AftercareDate", "AftercareProvided", "EmailSocialMedia", "Telephone",
    "InPersonIndividual", "InPersonGroup", "CMExitReason", "DateCreated", "DateUpdated", "UserID", "DateDeleted",
    "ExportID",
];
#[rustfmt::skip]
pub const INCOME_BENEFITS_COLUMNS: &[&str] = &[
    "IncomeBenefitsID", "EnrollmentID", "PersonalID", "InformationDate", "IncomeFromAnySource", "TotalMonthlyIncome",
    "Earned", "EarnedAmount", "Unemployment", "UnemploymentAmount", "SSI", "SSIAmount", "SSDI", "SSDIAmount",
    "VADisabilityService", "VADisabilityServiceAmount", "VADisabilityNonService", "VADisabilityNonServiceAmount",
    "PrivateDisability", "PrivateDisabilityAmount", "WorkersComp", "WorkersCompAmount", "TANF", "TANFAmount", "GA",
    "GAAmount", "SocSecRetirement", "SocSecRetirementAmount", "Pension", "PensionAmount", "ChildSupport",
    "ChildSupportAmount", "Alimony", "AlimonyAmount", "OtherIncomeSource", "OtherIncomeAmount",
    "OtherIncomeSourceIdentify", "BenefitsFromAnySource", "SNAP", "WIC", "TANFChildCare", "TANFTransportation",
    "OtherTANF", "OtherBenefitsSource", "OtherBenefitsSourceIdentify", "InsuranceFromAnySource", "Medicaid",
    "NoMedicaidReason", "Medicare", "NoMedicareReason", "SCHIP", "NoSCHIPReason", "VHAServices", "NoVHAReason",
    "EmployerProvided", "NoEmployerProvidedReason", "COBRA", "NoCOBRAReason", "PrivatePay", "NoPrivatePayReason",
    "StateHealthIns", "NoStateHealthInsReason", "IndianHealthServices", "NoIndianHealthServicesReason",
    "OtherInsurance", "OtherInsuranceIdentify", "ADAP", "NoADAPReason", "RyanWhiteMedDent", "NoRyanWhiteReason",
    "ConnectionWithSOAR", "DataCollectionStage", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID",
];
#[rustfmt::skip]
pub const DISABILITIES_COLUMNS: &[&str] = &[
    "DisabilitiesID", "EnrollmentID", "PersonalID", "InformationDate", "DisabilityType", "DisabilityResponse",
    "IndefiniteAndImpairs", "TCellCountAvailable", "TCellCount", "TCellSource", "ViralLoadAvailable", "ViralLoad",
    "ViralLoadSource", "AntiRetroviral", "DataCollectionStage", "DateCreated", "DateUpdated", "UserID", "DateDeleted",
    "ExportID",
];

/// The income sources (No/Yes column, amount column).
#[rustfmt::skip]
const INCOME_SOURCES: [(&str, &str); 15] = [
    ("Earned", "EarnedAmount"),
    ("Unemployment", "UnemploymentAmount"),
    ("SSI", "SSIAmount"),
    ("SSDI", "SSDIAmount"),
    ("VADisabilityService", "VADisabilityServiceAmount"),
    ("VADisabilityNonService", "VADisabilityNonServiceAmount"),
    ("PrivateDisability", "PrivateDisabilityAmount"),
    ("WorkersComp", "WorkersCompAmount"),
    ("TANF", "TANFAmount"),
    ("GA", "GAAmount"),
    ("SocSecRetirement", "SocSecRetirementAmount"),
    ("Pension", "PensionAmount"),
    ("ChildSupport", "ChildSupportAmount"),
    ("Alimony", "AlimonyAmount"),
    ("OtherIncomeSource", "OtherIncomeAmount"),
];
const BENEFIT_SOURCES: [&str; 6] =
    ["SNAP", "WIC", "TANFChildCare", "TANFTransportation", "OtherTANF", "OtherBenefitsSource"];
#[rustfmt::skip]
const INSURANCE_SOURCES: [&str; 11] = [
    "Medicaid", "Medicare", "SCHIP", "VHAServices", "EmployerProvided", "COBRA", "PrivatePay",
    "StateHealthIns", "IndianHealthServices", "OtherInsurance", "ADAP",
];

// ---------------------------------------------------------------------------
// Code lists (FY2026)

const NO_YES: &[u16] = &[0, 1];
const NO_YES_MISSING: &[u16] = &[0, 1, 8, 9, 99]; // list 1.8
const DATA_QUALITY: &[u16] = &[1, 2, 8, 9, 99]; // 3.01.5, 3.02.2, 3.03.2
const SEX: &[u16] = &[0, 1, 8, 9, 99]; // 4.21
const RACE_NONE: &[u16] = &[8, 9, 99];
const RELATIONSHIP: &[u16] = &[1, 2, 3, 4, 5, 99]; // 3.15
#[rustfmt::skip]
const PRIOR_LIVING: &[u16] = &[
    101, 116, 118, 204, 205, 206, 207, 215, 225, 302, 314, 329, 332, 335, 336, 410, 411, 421, 435,
    8, 9, 99,
]; // 3.917.1
const LENGTH_OF_STAY: &[u16] = &[2, 3, 4, 5, 8, 9, 10, 11, 99]; // 3.917.2
const TIMES_HOMELESS: &[u16] = &[1, 2, 3, 4, 8, 9, 99]; // 3.917.4
#[rustfmt::skip]
const MONTHS_HOMELESS: &[u16] = &[
    101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 8, 9, 99,
]; // 3.917.5
#[rustfmt::skip]
const DESTINATION: &[u16] = &[
    101, 116, 118, 204, 205, 206, 207, 215, 225, 302, 312, 313, 314, 327, 329, 332, 410, 411, 421,
    422, 423, 426, 435, 8, 9, 17, 24, 30, 99,
]; // 3.12
const SUBSIDY_TYPE: &[u16] = &[419, 420, 428, 431, 433, 434, 436, 437, 438, 439, 440]; // 3.12.A
const DISABILITY_TYPE: &[u16] = &[5, 6, 7, 8, 9, 10]; // 1.3
const SUBSTANCE_USE: &[u16] = &[0, 1, 2, 3, 8, 9, 99]; // 4.10.2
const STAGE: &[u16] = &[1, 2, 3, 5]; // 5.03.1 (6, post-exit, is not used in the CSV)
const SOURCE_TYPE: &[u16] = &[1, 2, 3, 4]; // 1.9
const PERIOD_TYPE: &[u16] = &[1, 2, 3, 4]; // 1.1
const DIRECTIVE: &[u16] = &[1, 2, 3]; // 1.2
const HASH_STATUS: &[u16] = &[1, 2, 3, 4]; // 1.5
const PROJECT_TYPE: &[u16] = &[0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14]; // 2.02.6
const HOUSING_TYPE: &[u16] = &[1, 2, 3]; // 2.02.D
const TARGET_POPULATION: &[u16] = &[1, 3, 4]; // 2.02.7

// ---------------------------------------------------------------------------
// Writing helpers

/// A row built by column name, so every value lands in its spec position.
struct Row {
    columns: &'static [&'static str],
    cells: Vec<String>,
}

impl Row {
    fn new(columns: &'static [&'static str]) -> Self {
        Row { columns, cells: vec![String::new(); columns.len()] }
    }

    fn set(&mut self, column: &str, value: impl ToString) {
        match self.columns.iter().position(|c| *c == column) {
            Some(i) => self.cells[i] = value.to_string(),
            None => debug_assert!(false, "{column} is not an HMIS CSV column here"),
        }
    }

    fn opt(&mut self, column: &str, value: Option<impl ToString>) {
        if let Some(v) = value {
            self.set(column, v);
        }
    }

    /// DateCreated, DateUpdated, UserID, DateDeleted (empty), ExportID.
    fn trailer(&mut self, e: &HmisExport, created: NaiveDateTime, updated: NaiveDateTime) {
        self.set("DateCreated", datetime(created));
        self.set("DateUpdated", datetime(updated));
        self.set("UserID", &e.user_id);
        self.set("ExportID", &e.export_id);
    }
}

fn file(name: &'static str, columns: &[&str], rows: Vec<Row>) -> HmisFile {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut written = w.write_record(columns);
    for r in &rows {
        written = written.and_then(|()| w.write_record(&r.cells));
    }
    let text = written
        .ok()
        .and_then(|()| w.into_inner().ok())
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default();
    HmisFile { name, text }
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn datetime(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn money(m: Decimal) -> String {
    format!("{:.2}", m.round_dp(2))
}

// ---------------------------------------------------------------------------
// Validation

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Code(&'static [u16]),
    Date,
    DateTime,
    Money,
}

/// A file the validator expects: its columns, and the checks on each cell.
struct Spec {
    name: &'static str,
    columns: &'static [&'static str],
    /// (column, kind, required); the trailer columns are added for all but Export.
    cells: &'static [(&'static str, Kind, bool)],
}

use Kind::{Code, Date, DateTime, Money, Text};

#[rustfmt::skip]
const SPECS: &[Spec] = &[
    Spec { name: "Export.csv", columns: EXPORT_COLUMNS, cells: &[
        ("ExportID", Text, true), ("SourceType", Code(SOURCE_TYPE), true),
        ("ExportDate", DateTime, true), ("ExportStartDate", Date, true),
        ("ExportEndDate", Date, true), ("SoftwareName", Text, true), ("CSVVersion", Text, true),
        ("ExportPeriodType", Code(PERIOD_TYPE), true), ("ExportDirective", Code(DIRECTIVE), true),
        ("HashStatus", Code(HASH_STATUS), true), ("ImplementationID", Text, true),
    ] },
    Spec { name: "Organization.csv", columns: ORGANIZATION_COLUMNS, cells: &[
        ("OrganizationID", Text, true), ("OrganizationName", Text, true),
        ("VictimServiceProvider", Code(NO_YES), true),
    ] },
    Spec { name: "User.csv", columns: USER_COLUMNS, cells: &[("UserID", Text, true)] },
    Spec { name: "Project.csv", columns: PROJECT_COLUMNS, cells: &[
        ("ProjectID", Text, true), ("OrganizationID", Text, true), ("ProjectName", Text, true),
        ("OperatingStartDate", Date, true), ("OperatingEndDate", Date, false),
        ("ContinuumProject", Code(NO_YES), true), ("ProjectType", Code(PROJECT_TYPE), true),
        ("HousingType", Code(HOUSING_TYPE), false),
        ("TargetPopulation", Code(TARGET_POPULATION), false),
    ] },
    Spec { name: "Client.csv", columns: CLIENT_COLUMNS, cells: &[
        ("PersonalID", Text, true), ("NameDataQuality", Code(DATA_QUALITY), true),
        ("SSNDataQuality", Code(DATA_QUALITY), true), ("DOB", Date, false),
        ("DOBDataQuality", Code(DATA_QUALITY), true), ("Sex", Code(SEX), true),
        ("AmIndAKNative", Code(NO_YES), true), ("Asian", Code(NO_YES), true),
        ("BlackAfAmerican", Code(NO_YES), true), ("HispanicLatinao", Code(NO_YES), true),
        ("MidEastNAfrican", Code(NO_YES), true), ("NativeHIPacific", Code(NO_YES), true),
        ("White", Code(NO_YES), true), ("RaceNone", Code(RACE_NONE), false),
        ("VeteranStatus", Code(NO_YES_MISSING), true),
    ] },
    Spec { name: "Enrollment.csv", columns: ENROLLMENT_COLUMNS, cells: &[
        ("EnrollmentID", Text, true), ("PersonalID", Text, true), ("ProjectID", Text, true),
        ("EntryDate", Date, true), ("HouseholdID", Text, true),
        ("RelationshipToHoH", Code(RELATIONSHIP), true),
        ("LivingSituation", Code(PRIOR_LIVING), false),
        ("RentalSubsidyType", Code(SUBSIDY_TYPE), false),
        ("LengthOfStay", Code(LENGTH_OF_STAY), false), ("DateToStreetESSH", Date, false),
        ("TimesHomelessPastThreeYears", Code(TIMES_HOMELESS), false),
        ("MonthsHomelessPastThreeYears", Code(MONTHS_HOMELESS), false),
        ("DisablingCondition", Code(NO_YES_MISSING), true), ("MoveInDate", Date, false),
    ] },
    Spec { name: "Exit.csv", columns: EXIT_COLUMNS, cells: &[
        ("ExitID", Text, true), ("EnrollmentID", Text, true), ("PersonalID", Text, true),
        ("ExitDate", Date, true), ("Destination", Code(DESTINATION), true),
        ("DestinationSubsidyType", Code(SUBSIDY_TYPE), false),
    ] },
    Spec { name: "IncomeBenefits.csv", columns: INCOME_BENEFITS_COLUMNS, cells: &[
        ("IncomeBenefitsID", Text, true), ("EnrollmentID", Text, true), ("PersonalID", Text, true),
        ("InformationDate", Date, true), ("IncomeFromAnySource", Code(NO_YES_MISSING), false),
        ("TotalMonthlyIncome", Money, false), ("Earned", Code(NO_YES), false),
        ("EarnedAmount", Money, false), ("SSI", Code(NO_YES), false), ("SSIAmount", Money, false),
        ("SSDI", Code(NO_YES), false), ("SSDIAmount", Money, false),
        ("OtherIncomeSource", Code(NO_YES), false), ("OtherIncomeAmount", Money, false),
        ("BenefitsFromAnySource", Code(NO_YES_MISSING), false),
        ("InsuranceFromAnySource", Code(NO_YES_MISSING), false),
        ("DataCollectionStage", Code(STAGE), true),
    ] },
    Spec { name: "Disabilities.csv", columns: DISABILITIES_COLUMNS, cells: &[
        ("DisabilitiesID", Text, true), ("EnrollmentID", Text, true), ("PersonalID", Text, true),
        ("InformationDate", Date, true), ("DisabilityType", Code(DISABILITY_TYPE), true),
        ("DisabilityResponse", Code(SUBSTANCE_USE), true),
        ("IndefiniteAndImpairs", Code(NO_YES_MISSING), false),
        ("DataCollectionStage", Code(STAGE), true),
    ] },
];

const TRAILER_CELLS: [(&str, Kind, bool); 5] = [
    ("DateCreated", DateTime, true),
    ("DateUpdated", DateTime, true),
    ("UserID", Text, true),
    ("DateDeleted", DateTime, false),
    ("ExportID", Text, true),
];

struct Problems(Vec<HmisProblem>);

impl Problems {
    fn file(&mut self, file: &str, message: String) {
        self.0.push(HmisProblem { file: file.into(), row: None, column: None, message });
    }

    fn row(&mut self, file: &str, row: usize, what: String) {
        let message = format!("{file} row {row}: {what}");
        self.0.push(HmisProblem { file: file.into(), row: Some(row), column: None, message });
    }

    fn cell(&mut self, file: &str, row: usize, column: &str, what: String) {
        self.0.push(HmisProblem {
            file: file.into(),
            row: Some(row),
            column: Some(column.into()),
            message: format!("{file} row {row}: {what}"),
        });
    }
}

/// A file read back, with its header known to be the spec's.
struct Table {
    spec: &'static Spec,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn get<'a>(&'a self, row: &'a [String], column: &str) -> &'a str {
        self.spec.columns.iter().position(|c| *c == column).and_then(|i| row.get(i)).map_or("", |s| s.trim())
    }

    /// (1-based row number, row)
    fn numbered(&self) -> impl Iterator<Item = (usize, &Vec<String>)> {
        self.rows.iter().enumerate().map(|(i, r)| (i + 1, r))
    }
}

fn read_table(spec: &'static Spec, text: &str, out: &mut Problems) -> Option<Table> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|s| s.trim().to_string()).collect(),
        _ => {
            out.file(spec.name, format!("{} has no header row.", spec.name));
            return None;
        }
    };
    if header != spec.columns {
        let at = spec.columns.iter().zip(&header).position(|(want, got)| want != got);
        let detail = match at {
            Some(i) => format!("column {} should be \"{}\" but is \"{}\"", i + 1, spec.columns[i], header[i]),
            None => format!("it has {} columns; the FY2026 list has {}", header.len(), spec.columns.len()),
        };
        out.file(
            spec.name,
            format!(
                "{}: the header row is not the FY2026 column list ({detail}). \
                 The file's other checks were skipped.",
                spec.name
            ),
        );
        return None;
    }
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        match record {
            Ok(r) if r.len() == spec.columns.len() => rows.push(r.iter().map(String::from).collect()),
            Ok(r) => {
                let (got, want) = (r.len(), spec.columns.len());
                out.row(
                    spec.name,
                    i + 1,
                    format!("it has {got} cells but the header has {want}; the row was skipped."),
                );
            }
            Err(err) => out.row(spec.name, i + 1, format!("the row cannot be read ({err}).")),
        }
    }
    Some(Table { spec, rows })
}

fn check_cells(t: &Table, out: &mut Problems) {
    let trailer: &[(&str, Kind, bool)] = if t.spec.name == "Export.csv" { &[] } else { &TRAILER_CELLS };
    let id_column = t.spec.columns[0];
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (n, row) in t.numbered() {
        for &(column, kind, required) in t.spec.cells.iter().chain(trailer) {
            let value = t.get(row, column);
            if value.is_empty() {
                if required {
                    out.cell(t.spec.name, n, column, format!("{column} is empty, but it must be filled in."));
                }
                continue;
            }
            if let Some(why) = bad_value(kind, column, value) {
                out.cell(t.spec.name, n, column, why);
            }
        }
        let id = t.get(row, id_column);
        if !id.is_empty() {
            if let Some(first) = seen.insert(id, n) {
                out.cell(
                    t.spec.name,
                    n,
                    id_column,
                    format!("{id_column} \"{id}\" is used again (first on row {first}); each row needs its own."),
                );
            }
        }
    }
}

fn bad_value(kind: Kind, column: &str, value: &str) -> Option<String> {
    match kind {
        Text => None,
        Code(list) => match value.parse::<u16>() {
            Ok(v) if list.contains(&v) => None,
            _ if list.len() <= 12 => Some(format!(
                "{column} is {value}, which is not one of the FY2026 codes ({}).",
                list.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
            )),
            _ => Some(format!("{column} is {value}, which is not one of the FY2026 codes for {column}.")),
        },
        Date => parse_date(value)
            .is_none()
            .then(|| format!("{column} is \"{value}\", which is not a date written as yyyy-mm-dd.")),
        DateTime => NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M:%S")
            .is_err()
            .then(|| format!("{column} is \"{value}\", which is not a date and time written as yyyy-mm-dd hh:mm:ss.")),
        Money => value
            .parse::<Decimal>()
            .is_err()
            .then(|| format!("{column} is \"{value}\", which is not an amount of money (like 943.00).")),
    }
}

fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

/// Export.csv's own rules, and the ExportID on every row of every file.
fn check_export(tables: &HashMap<&str, Table>, out: &mut Problems) {
    let Some(t) = tables.get("Export.csv") else { return };
    if t.rows.len() != 1 {
        out.file("Export.csv", format!("Export.csv must have exactly one row; it has {}.", t.rows.len()));
    }
    let Some(row) = t.rows.first() else { return };
    let version = t.get(row, "CSVVersion");
    if !version.contains("2026") {
        let why = format!("CSVVersion is \"{version}\", but the export must follow the FY2026 specifications.");
        out.cell("Export.csv", 1, "CSVVersion", why);
    }
    if let (Some(s), Some(e)) = period(tables) {
        if s > e {
            out.cell("Export.csv", 1, "ExportEndDate", format!("ExportEndDate {e} is before ExportStartDate {s}."));
        }
    }
    let export_id = t.get(row, "ExportID");
    for other in tables.values().filter(|o| o.spec.name != "Export.csv") {
        for (n, r) in other.numbered() {
            let id = other.get(r, "ExportID");
            if !id.is_empty() && id != export_id {
                let why = format!("ExportID is \"{id}\", but Export.csv says \"{export_id}\"; all rows need the same.");
                out.cell(other.spec.name, n, "ExportID", why);
            }
        }
    }
}

/// ExportStartDate and ExportEndDate, when Export.csv has them.
fn period(tables: &HashMap<&str, Table>) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let Some((t, r)) = tables.get("Export.csv").and_then(|t| t.rows.first().map(|r| (t, r))) else {
        return (None, None);
    };
    (parse_date(t.get(r, "ExportStartDate")), parse_date(t.get(r, "ExportEndDate")))
}

/// An enrollment as the other files see it.
struct Stay {
    person: String,
    entry: Option<NaiveDate>,
    move_in: Option<NaiveDate>,
    row: usize,
}

/// The IDs that join the files, and the order of the dates.
fn check_links(tables: &HashMap<&str, Table>, out: &mut Problems) {
    let (start, end) = period(tables);
    let ids = |file: &str, column: &str| -> Option<HashSet<String>> {
        tables.get(file).map(|t| t.rows.iter().map(|r| t.get(r, column).to_string()).collect())
    };
    let (clients, projects) = (ids("Client.csv", "PersonalID"), ids("Project.csv", "ProjectID"));
    let missing =
        |set: &Option<HashSet<String>>, id: &str| set.as_ref().is_some_and(|s| !id.is_empty() && !s.contains(id));

    let mut stays: HashMap<String, Stay> = HashMap::new();
    if let Some(t) = tables.get("Enrollment.csv") {
        let f = t.spec.name;
        for (n, r) in t.numbered() {
            let (person, project) = (t.get(r, "PersonalID"), t.get(r, "ProjectID"));
            if missing(&clients, person) {
                out.cell(f, n, "PersonalID", format!("PersonalID \"{person}\" has no matching person in Client.csv."));
            }
            if missing(&projects, project) {
                out.cell(f, n, "ProjectID", format!("ProjectID \"{project}\" has no matching project in Project.csv."));
            }
            let (entry, move_in) = (parse_date(t.get(r, "EntryDate")), parse_date(t.get(r, "MoveInDate")));
            if let (Some(e), Some(m)) = (entry, move_in) {
                if m < e {
                    out.cell(f, n, "MoveInDate", format!("MoveInDate {m} is before EntryDate {e}."));
                }
            }
            if let (Some(e), Some(last)) = (entry, end) {
                if e > last {
                    out.cell(f, n, "EntryDate", format!("EntryDate {e} is after the export period ends ({last})."));
                }
            }
            let stay = Stay { person: person.to_string(), entry, move_in, row: n };
            stays.insert(t.get(r, "EnrollmentID").to_string(), stay);
        }
    }

    for (f, date_column) in
        [("Exit.csv", "ExitDate"), ("IncomeBenefits.csv", "InformationDate"), ("Disabilities.csv", "InformationDate")]
    {
        let Some(t) = tables.get(f) else { continue };
        let mut exited: HashMap<&str, usize> = HashMap::new();
        for (n, r) in t.numbered() {
            let (enrollment, person) = (t.get(r, "EnrollmentID"), t.get(r, "PersonalID"));
            let Some(stay) = stays.get(enrollment) else {
                if tables.contains_key("Enrollment.csv") && !enrollment.is_empty() {
                    let why = format!("EnrollmentID \"{enrollment}\" has no matching enrollment in Enrollment.csv.");
                    out.cell(f, n, "EnrollmentID", why);
                }
                continue;
            };
            if stay.person != person {
                let owner = &stay.person;
                let why =
                    format!("PersonalID \"{person}\" is not the person of enrollment \"{enrollment}\" ({owner}).");
                out.cell(f, n, "PersonalID", why);
            }
            let Some(d) = parse_date(t.get(r, date_column)) else { continue };
            if let Some(e) = stay.entry.filter(|e| d < *e) {
                let why = format!("{date_column} {d} is before the entry date {e} of enrollment \"{enrollment}\".");
                out.cell(f, n, date_column, why);
            }
            if let Some(last) = end.filter(|last| d > *last) {
                out.cell(f, n, date_column, format!("{date_column} {d} is after the export period ends ({last})."));
            }
            if f != "Exit.csv" {
                continue;
            }
            if let Some(first) = exited.insert(enrollment, n) {
                out.cell(f, n, "EnrollmentID", format!("Enrollment \"{enrollment}\" already ends on row {first}."));
            }
            if let Some(first) = start.filter(|first| d < *first) {
                out.cell(f, n, "ExitDate", format!("ExitDate {d} is before the export period starts ({first})."));
            }
            if let Some(m) = stay.move_in.filter(|m| *m > d) {
                let why = format!("MoveInDate {m} is after the exit date {d} in Exit.csv.");
                out.cell("Enrollment.csv", stay.row, "MoveInDate", why);
            }
        }
    }
}

/// Rules that tie one cell to another in the same row.
fn check_rows(tables: &HashMap<&str, Table>, out: &mut Problems) {
    if let Some(t) = tables.get("Client.csv") {
        for (n, r) in t.numbered() {
            let any_race = HmisRace::ALL.iter().any(|race| t.get(r, race.column()) == "1");
            let none = t.get(r, "RaceNone");
            if any_race && !none.is_empty() {
                let why = format!("RaceNone is {none}, but a race or ethnicity is marked, so it must be empty.");
                out.cell(t.spec.name, n, "RaceNone", why);
            } else if !any_race && none.is_empty() {
                let why = "no race or ethnicity is marked, so RaceNone must be 8, 9 or 99.".to_string();
                out.cell(t.spec.name, n, "RaceNone", why);
            }
        }
    }
    if let Some(t) = tables.get("Exit.csv") {
        for (n, r) in t.numbered() {
            let (destination, f) = (t.get(r, "Destination"), t.spec.name);
            if destination == "435" && t.get(r, "DestinationSubsidyType").is_empty() {
                let why = "Destination is 435 (rental with a subsidy), so DestinationSubsidyType must say which.";
                out.cell(f, n, "DestinationSubsidyType", why.into());
            }
            if destination == "17" && t.get(r, "OtherDestination").is_empty() {
                let why = "Destination is 17 (other), so OtherDestination must say where.";
                out.cell(f, n, "OtherDestination", why.into());
            }
        }
    }
    if let Some(t) = tables.get("Disabilities.csv") {
        for (n, r) in t.numbered() {
            let response = t.get(r, "DisabilityResponse");
            if t.get(r, "DisabilityType") == "10" || response.is_empty() {
                continue;
            }
            if let Some(why) = bad_value(Code(NO_YES_MISSING), "DisabilityResponse", response) {
                let why = format!("{why} (Only a substance use disorder, type 10, uses 2 and 3.)");
                out.cell(t.spec.name, n, "DisabilityResponse", why);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        day(y, m, d).and_time(NaiveTime::from_hms_opt(9, 30, 0).expect("valid time"))
    }

    /// Two people: one exited, one housed with a move-in date.
    fn sample() -> HmisExport {
        let client = |id: &str, first: &str, last: &str, races: Vec<HmisRace>, sex| HmisClient {
            personal_id: id.into(),
            first_name: Some(first.into()),
            last_name: Some(last.into()),
            name_data_quality: 1,
            dob: Some(day(1980, 5, 17)),
            dob_data_quality: 1,
            races,
            race_none: None,
            sex,
            veteran_status: 0,
            date_created: at(2025, 10, 2),
            date_updated: at(2025, 11, 3),
        };
        let enrollment = |id: &str, person: &str, entry, move_in, living| HmisEnrollment {
            enrollment_id: id.into(),
            personal_id: person.into(),
            entry_date: entry,
            household_id: format!("H{id}"),
            relationship_to_hoh: 1,
            living_situation: living,
            length_of_stay: None,
            disabling_condition: 1,
            move_in_date: move_in,
            date_created: at(2025, 10, 2),
            date_updated: at(2025, 11, 3),
        };
        HmisExport {
            export_id: "X2026-1".into(),
            source_id: "OFFICE-7".into(),
            source_name: "Riverside Supportive Housing".into(),
            export_date: at(2026, 1, 5),
            start_date: day(2025, 10, 1),
            end_date: day(2025, 12, 31),
            software_version: "1.4.0".into(),
            project_id: "PSH1".into(),
            project_name: "Supportive Housing, Riverside".into(),
            operating_start_date: day(2019, 7, 1),
            housing_type: 3,
            continuum_project: false,
            coc_code: Some("IL-510".into()),
            user_id: "housing-desk".into(),
            clients: vec![
                client("P1", "Ana", "Ruiz", vec![HmisRace::HispanicLatinao, HmisRace::White], 0),
                client("P2", "Minh", "Nguyễn", vec![], 1),
            ],
            enrollments: vec![
                enrollment("E1", "P1", day(2025, 10, 6), None, living_situation_code(ReferralSource::CountyJail)),
                enrollment(
                    "E2",
                    "P2",
                    day(2025, 10, 20),
                    Some(day(2025, 11, 14)),
                    living_situation_code(ReferralSource::Hospital),
                ),
            ],
            exits: vec![HmisExit {
                exit_id: "X1".into(),
                enrollment_id: "E1".into(),
                personal_id: "P1".into(),
                exit_date: day(2025, 12, 1),
                destination: destination_code(Destination::Unknown),
                destination_subsidy_type: None,
                other_destination: None,
                date_created: at(2025, 12, 1),
                date_updated: at(2025, 12, 1),
            }],
            income_benefits: vec![HmisIncomeBenefits {
                income_benefits_id: "I1".into(),
                enrollment_id: "E2".into(),
                personal_id: "P2".into(),
                information_date: day(2025, 10, 20),
                data_collection_stage: 1,
                income_from_any_source: 1,
                total_monthly_income: Some(Decimal::new(99_400, 2)),
                earned: None,
                ssi: Some(Decimal::new(99_400, 2)),
                ssdi: None,
                other: None,
                other_source_identify: None,
                benefits_from_any_source: None,
                insurance_from_any_source: None,
                date_created: at(2025, 10, 20),
                date_updated: at(2025, 10, 20),
            }],
            disabilities: vec![HmisDisability {
                disabilities_id: "D1".into(),
                enrollment_id: "E2".into(),
                personal_id: "P2".into(),
                information_date: day(2025, 10, 20),
                disability_type: 9,
                disability_response: 1,
                indefinite_and_impairs: Some(1),
                data_collection_stage: 1,
                date_created: at(2025, 10, 20),
                date_updated: at(2025, 10, 20),
            }],
        }
    }

    fn text<'a>(files: &'a [HmisFile], name: &str) -> &'a str {
        &files.iter().find(|f| f.name == name).expect("file written").text
    }

    /// Rows of a file as (header, rows) read with the csv crate.
    fn read(files: &[HmisFile], name: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let mut r = csv::Reader::from_reader(text(files, name).as_bytes());
        let header = r.headers().expect("header").iter().map(String::from).collect();
        let rows = r.records().map(|x| x.expect("row").iter().map(String::from).collect()).collect();
        (header, rows)
    }

    fn cell(files: &[HmisFile], name: &str, row: usize, column: &str) -> String {
        let (header, rows) = read(files, name);
        let i = header.iter().position(|h| h == column).expect("column");
        rows[row - 1][i].clone()
    }

    /// Sets one cell, as someone editing the file by hand would.
    fn set_cell(files: &mut [HmisFile], name: &str, row: usize, column: &str, value: &str) {
        let (header, mut rows) = read(files, name);
        let i = header.iter().position(|h| h == column).expect("column");
        rows[row - 1][i] = value.into();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&header).expect("write");
        for r in rows {
            w.write_record(&r).expect("write");
        }
        let f = files.iter_mut().find(|f| f.name == name).expect("file");
        f.text = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8");
    }

    fn messages(files: &[HmisFile]) -> Vec<String> {
        validate(files).into_iter().map(|p| p.message).collect()
    }

    fn assert_caught(files: &[HmisFile], needle: &str) {
        let found = messages(files);
        assert!(found.iter().any(|m| m.contains(needle)), "expected a problem containing {needle:?}, got {found:?}");
    }

    #[test]
    fn headers_are_the_fy2026_column_lists() {
        let files = write(&sample());
        // Copied from the FY2026 files of the sources named at the top, not
        // from the constants, so a slip in a constant fails here.
        let client = "PersonalID,FirstName,MiddleName,LastName,NameSuffix,NameDataQuality,SSN,SSNDataQuality,DOB,DOBDataQuality,Sex,AmIndAKNative,Asian,BlackAfAmerican,HispanicLatinao,MidEastNAfrican,NativeHIPacific,White,RaceNone,AdditionalRaceEthnicity,VeteranStatus,YearEnteredService,YearSeparated,WorldWarII,KoreanWar,VietnamWar,DesertStorm,AfghanistanOEF,IraqOIF,IraqOND,OtherTheater,MilitaryBranch,DischargeStatus,DateCreated,DateUpdated,UserID,DateDeleted,ExportID";
        let export = "ExportID,SourceType,SourceID,SourceName,SourceContactFirst,SourceContactLast,SourceContactPhone,SourceContactExtension,SourceContactEmail,ExportDate,ExportStartDate,ExportEndDate,SoftwareName,SoftwareVersion,CSVVersion,ExportPeriodType,ExportDirective,HashStatus,ImplementationID";
        let disabilities = "DisabilitiesID,EnrollmentID,PersonalID,InformationDate,DisabilityType,DisabilityResponse,IndefiniteAndImpairs,TCellCountAvailable,TCellCount,TCellSource,ViralLoadAvailable,ViralLoad,ViralLoadSource,AntiRetroviral,DataCollectionStage,DateCreated,DateUpdated,UserID,DateDeleted,ExportID";
        for (name, line) in [("Client.csv", client), ("Export.csv", export), ("Disabilities.csv", disabilities)] {
            assert_eq!(text(&files, name).split("\r\n").next(), Some(line), "{name} header");
        }
        assert_eq!(read(&files, "Enrollment.csv").0.len(), 70, "Enrollment.csv has 70 FY2026 columns");
        assert_eq!(read(&files, "IncomeBenefits.csv").0.len(), 77, "IncomeBenefits.csv has 77 columns");
        assert_eq!(read(&files, "Exit.csv").0.len(), 44, "Exit.csv has 44 columns");
        for spec in SPECS {
            assert_eq!(read(&files, spec.name).0, spec.columns, "{} written in spec order", spec.name);
        }
        assert!(!text(&files, "Client.csv").contains("Gender"), "FY2026 retired Gender");
        assert!(!text(&files, "Client.csv").contains("HispanicLatinaeo"), "FY2026 renamed it HispanicLatinao");
    }

    #[test]
    fn writes_the_sample_as_the_spec_says() {
        let files = write(&sample());
        assert_eq!(files.len(), 9);
        assert!(text(&files, "Client.csv").contains("Nguyễn"), "names stay UTF-8");
        assert!(text(&files, "Client.csv").ends_with("\r\n"), "rows end with CRLF");
        assert_eq!(cell(&files, "Export.csv", 1, "CSVVersion"), "FY2026");
        assert_eq!(cell(&files, "Export.csv", 1, "ExportDate"), "2026-01-05 09:30:00");
        assert_eq!(cell(&files, "Project.csv", 1, "ProjectType"), "3");
        assert_eq!(cell(&files, "Client.csv", 1, "HispanicLatinao"), "1");
        assert_eq!(cell(&files, "Client.csv", 1, "RaceNone"), "", "RaceNone is empty once a race is marked");
        assert_eq!(cell(&files, "Client.csv", 2, "RaceNone"), "99");
        assert_eq!(cell(&files, "Client.csv", 2, "SSN"), "");
        assert_eq!(cell(&files, "Client.csv", 2, "SSNDataQuality"), "99", "the app collects no SSN");
        assert_eq!(cell(&files, "Client.csv", 2, "DateDeleted"), "");
        assert_eq!(cell(&files, "Client.csv", 2, "UserID"), "housing-desk");
        assert_eq!(cell(&files, "Enrollment.csv", 2, "MoveInDate"), "2025-11-14");
        assert_eq!(cell(&files, "Enrollment.csv", 1, "LivingSituation"), "207");
        assert_eq!(cell(&files, "Enrollment.csv", 1, "LengthOfStay"), "99", "not collected is 99, not empty");
        assert_eq!(cell(&files, "Enrollment.csv", 1, "EnrollmentCoC"), "IL-510");
        assert_eq!(cell(&files, "Exit.csv", 1, "Destination"), "30");
        assert_eq!(cell(&files, "IncomeBenefits.csv", 1, "SSIAmount"), "994.00");
        assert_eq!(cell(&files, "IncomeBenefits.csv", 1, "Earned"), "0");
        assert_eq!(cell(&files, "IncomeBenefits.csv", 1, "BenefitsFromAnySource"), "99");
        assert_eq!(cell(&files, "Disabilities.csv", 1, "IndefiniteAndImpairs"), "1");
        for f in &files {
            assert!(f.text.lines().skip(1).all(|l| l.contains("X2026-1")), "{} carries the ExportID", f.name);
        }
    }

    #[test]
    fn the_written_sample_passes_validation() {
        assert_eq!(validate(&write(&sample())), vec![]);
    }

    #[test]
    fn catches_a_wrong_column_order() {
        let mut files = write(&sample());
        let f = files.iter_mut().find(|f| f.name == "Client.csv").expect("file");
        f.text = f.text.replacen("DOBDataQuality,Sex", "Sex,DOBDataQuality", 1);
        assert_caught(&files, "Client.csv: the header row is not the FY2026 column list (column 10 should be \"DOBDataQuality\" but is \"Sex\")");
    }

    #[test]
    fn catches_a_bad_code() {
        let mut files = write(&sample());
        set_cell(&mut files, "Client.csv", 2, "Sex", "7");
        let problems = validate(&files);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].message,
            "Client.csv row 2: Sex is 7, which is not one of the FY2026 codes (0, 1, 8, 9, 99)."
        );
        assert_eq!(problems[0].row, Some(2));
        assert_eq!(problems[0].column.as_deref(), Some("Sex"));
        let mut files = write(&sample());
        set_cell(&mut files, "Exit.csv", 1, "Destination", "3");
        assert_caught(&files, "Destination is 3, which is not one of the FY2026 codes for Destination");
    }

    #[test]
    fn catches_a_bad_date() {
        let mut files = write(&sample());
        set_cell(&mut files, "Enrollment.csv", 1, "EntryDate", "10/06/2025");
        assert_caught(&files, "Enrollment.csv row 1: EntryDate is \"10/06/2025\", which is not a date");
        let mut files = write(&sample());
        set_cell(&mut files, "Client.csv", 1, "DateUpdated", "2025-11-03");
        assert_caught(&files, "DateUpdated is \"2025-11-03\", which is not a date and time");
    }

    #[test]
    fn catches_an_enrollment_for_a_missing_client() {
        let mut files = write(&sample());
        set_cell(&mut files, "Enrollment.csv", 2, "PersonalID", "P9");
        assert_caught(&files, "Enrollment.csv row 2: PersonalID \"P9\" has no matching person in Client.csv.");
        assert_caught(&files, "is not the person of enrollment \"E2\"");
    }

    #[test]
    fn catches_an_exit_before_entry_and_a_move_in_after_exit() {
        let mut files = write(&sample());
        set_cell(&mut files, "Exit.csv", 1, "ExitDate", "2025-10-01");
        assert_caught(
            &files,
            "Exit.csv row 1: ExitDate 2025-10-01 is before the entry date 2025-10-06 of enrollment \"E1\".",
        );
        let mut files = write(&sample());
        set_cell(&mut files, "Enrollment.csv", 1, "MoveInDate", "2025-12-15");
        assert_caught(&files, "Enrollment.csv row 1: MoveInDate 2025-12-15 is after the exit date 2025-12-01");
        set_cell(&mut files, "Enrollment.csv", 2, "MoveInDate", "2025-10-01");
        assert_caught(&files, "MoveInDate 2025-10-01 is before EntryDate 2025-10-20.");
    }

    #[test]
    fn catches_a_wrong_csv_version() {
        let mut files = write(&sample());
        set_cell(&mut files, "Export.csv", 1, "CSVVersion", "FY2024");
        assert_caught(&files, "CSVVersion is \"FY2024\", but the export must follow the FY2026 specifications");
    }

    #[test]
    fn catches_a_missing_file() {
        let mut files = write(&sample());
        files.retain(|f| f.name != "Exit.csv");
        assert_eq!(messages(&files), vec!["Exit.csv is missing from the export.".to_string()]);
    }

    #[test]
    fn catches_ids_that_repeat_or_do_not_join() {
        let mut files = write(&sample());
        set_cell(&mut files, "Client.csv", 2, "PersonalID", "P1");
        assert_caught(&files, "Client.csv row 2: PersonalID \"P1\" is used again (first on row 1)");
        let mut files = write(&sample());
        set_cell(&mut files, "Disabilities.csv", 1, "EnrollmentID", "E7");
        assert_caught(&files, "EnrollmentID \"E7\" has no matching enrollment in Enrollment.csv.");
        let mut files = write(&sample());
        set_cell(&mut files, "Exit.csv", 1, "ExportID", "OLD");
        assert_caught(&files, "ExportID is \"OLD\", but Export.csv says \"X2026-1\"");
        let mut files = write(&sample());
        set_cell(&mut files, "Enrollment.csv", 1, "EntryDate", "2026-02-01");
        assert_caught(&files, "EntryDate 2026-02-01 is after the export period ends (2025-12-31).");
    }

    #[test]
    fn catches_cells_that_break_the_spec_rules() {
        let mut files = write(&sample());
        set_cell(&mut files, "Client.csv", 1, "RaceNone", "99");
        assert_caught(&files, "RaceNone is 99, but a race or ethnicity is marked");
        set_cell(&mut files, "Client.csv", 2, "NameDataQuality", "");
        assert_caught(&files, "Client.csv row 2: NameDataQuality is empty, but it must be filled in.");
        set_cell(&mut files, "Disabilities.csv", 1, "DisabilityResponse", "2");
        assert_caught(&files, "Only a substance use disorder, type 10, uses 2 and 3.");
        set_cell(&mut files, "Exit.csv", 1, "Destination", "435");
        assert_caught(&files, "so DestinationSubsidyType must say which.");
    }

    #[test]
    fn mapping_gives_fy2026_codes() {
        use Destination as D;
        use ReferralSource as R;
        let destinations = [
            (D::RentalWithSubsidy, 435),
            (D::RentalWithoutSubsidy, 410),
            (D::PermanentSupportiveHousing, 435),
            (D::FamilyOrFriendsPermanent, 422),
            (D::FamilyOrFriendsTemporary, 312),
            (D::Institution, 17),
            (D::ShelterOrStreet, 101),
            (D::Deceased, 24),
            (D::Unknown, 30),
        ];
        for (d, code) in destinations {
            assert_eq!(destination_code(d), code, "{d:?}");
            assert!(DESTINATION.contains(&code), "{d:?} maps into list 3.12");
            assert_eq!(destination_subsidy_type(d).is_some(), code == 435, "{d:?}: subsidy type only for 435");
        }
        assert_eq!(destination_subsidy_type(D::PermanentSupportiveHousing), Some(439));
        let living = [
            (R::Hospital, 206),
            (R::CountyJail, 207),
            (R::StatePrison, 207),
            (R::HomelessShelter, 101),
            (R::WithdrawalManagement, 205),
            (R::OtherProvider, 99),
            (R::SelfReferral, 99),
        ];
        for (r, code) in living {
            assert_eq!(living_situation_code(r), code, "{r:?}");
            assert!(PRIOR_LIVING.contains(&code), "{r:?} maps into list 3.917.1");
        }
        for stay in [StayKind::Hospital, StayKind::LongTermCare, StayKind::Smhrf, StayKind::JailPrison] {
            assert!(stay_destination_code(stay).is_some_and(|c| DESTINATION.contains(&c)), "{stay:?}");
        }
        assert_eq!(stay_destination_code(StayKind::TemporaryHousing), None);
        for race in HmisRace::ALL {
            assert_eq!(HmisRace::from_column(race.column()), Some(race), "{race:?} round-trips");
        }
    }
}
