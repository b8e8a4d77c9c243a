//! Participants: the people referred to the program, from the first call on.
//! The record's fields follow the Guide's referral process ("hospitals,
//! county jails, prisons, homeless shelters, and inpatient detoxification
//! facilities") and the program's path from referral to housing.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access;
use crate::accounts::Session;
use crate::audit::{self, AuditAction, AuditEntry, Entity};
use crate::demographics::{Demographics, DemographicsInput};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::store::{self as db, Store};
use crate::validation::{Checker, Choice, ValidationErrors};

/// Where the referral came from (Guide: Referral Process).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReferralSource {
    Hospital,
    CountyJail,
    StatePrison,
    HomelessShelter,
    WithdrawalManagement,
    OtherProvider,
    #[serde(rename = "self")]
    SelfReferral,
}

impl Choice for ReferralSource {
    const ALL: &'static [Self] = &[
        ReferralSource::Hospital,
        ReferralSource::CountyJail,
        ReferralSource::StatePrison,
        ReferralSource::HomelessShelter,
        ReferralSource::WithdrawalManagement,
        ReferralSource::OtherProvider,
        ReferralSource::SelfReferral,
    ];
    fn code(self) -> &'static str {
        match self {
            ReferralSource::Hospital => "hospital",
            ReferralSource::CountyJail => "county_jail",
            ReferralSource::StatePrison => "state_prison",
            ReferralSource::HomelessShelter => "homeless_shelter",
            ReferralSource::WithdrawalManagement => "withdrawal_management",
            ReferralSource::OtherProvider => "other_provider",
            ReferralSource::SelfReferral => "self",
        }
    }
    fn label(self) -> &'static str {
        match self {
            ReferralSource::Hospital => "Hospital",
            ReferralSource::CountyJail => "County jail",
            ReferralSource::StatePrison => "State prison",
            ReferralSource::HomelessShelter => "Homeless shelter",
            ReferralSource::WithdrawalManagement => "Inpatient detox or withdrawal management",
            ReferralSource::OtherProvider => "Other provider",
            ReferralSource::SelfReferral => "Self-referral",
        }
    }
}

/// Where a participant stands on the program's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantStatus {
    Referred,
    Screening,
    Eligible,
    Ineligible,
    Enrolled,
    Housed,
    Exited,
}

impl Choice for ParticipantStatus {
    const ALL: &'static [Self] = &[
        ParticipantStatus::Referred,
        ParticipantStatus::Screening,
        ParticipantStatus::Eligible,
        ParticipantStatus::Ineligible,
        ParticipantStatus::Enrolled,
        ParticipantStatus::Housed,
        ParticipantStatus::Exited,
    ];
    fn code(self) -> &'static str {
        match self {
            ParticipantStatus::Referred => "referred",
            ParticipantStatus::Screening => "screening",
            ParticipantStatus::Eligible => "eligible",
            ParticipantStatus::Ineligible => "ineligible",
            ParticipantStatus::Enrolled => "enrolled",
            ParticipantStatus::Housed => "housed",
            ParticipantStatus::Exited => "exited",
        }
    }
    fn label(self) -> &'static str {
        match self {
            ParticipantStatus::Referred => "Referred",
            ParticipantStatus::Screening => "Screening",
            ParticipantStatus::Eligible => "Eligible",
            ParticipantStatus::Ineligible => "Ineligible",
            ParticipantStatus::Enrolled => "Enrolled",
            ParticipantStatus::Housed => "Housed",
            ParticipantStatus::Exited => "Exited",
        }
    }
}

/// A participant's record as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Participant {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: ParticipantDetails,
    pub created_at: String,
    pub updated_at: String,
}

/// The fields staff enter, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ParticipantDetails {
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub birth_date: NaiveDate,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub last_known_location: Option<String>,
    pub referral_source: ReferralSource,
    pub referring_organization: Option<String>,
    pub referring_contact: Option<String>,
    pub referral_date: NaiveDate,
    pub expected_release_date: Option<NaiveDate>,
    pub status: ParticipantStatus,
    /// In the HMIS data standard's categories (DMH's monthly data asks for them).
    pub demographics: Demographics,
}

/// The participant form as typed: every field a string, so nothing typed is
/// lost on the way to the checks.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ParticipantInput {
    pub legal_name: String,
    pub preferred_name: String,
    pub birth_date: String,
    pub phone: String,
    pub email: String,
    pub last_known_location: String,
    pub referral_source: String,
    pub referring_organization: String,
    pub referring_contact: String,
    pub referral_date: String,
    pub expected_release_date: String,
    pub status: String,
    /// Optional: an answer left empty is reported as "not asked".
    #[serde(default, flatten)]
    #[ts(flatten)]
    pub demographics: DemographicsInput,
}

/// The oldest age the form accepts; older is almost surely a typing mistake.
const MAX_AGE_YEARS: i32 = 120;

impl ParticipantInput {
    /// Checks every field against `today` (the office's date) and answers the
    /// checked details or every problem at once.
    pub fn validate(&self, today: NaiveDate) -> Result<ParticipantDetails, ValidationErrors> {
        let mut c = Checker::new();
        let legal_name = c.required_text("legal_name", &self.legal_name, "the legal name", 200);
        let preferred_name = c.optional_text("preferred_name", &self.preferred_name, "the preferred name", 200);
        let birth_date = c.required_date("birth_date", &self.birth_date, "the date of birth");
        if let Some(birth) = birth_date {
            if birth > today {
                c.add("birth_date", "The date of birth cannot be in the future.");
            } else if today.year() - birth.year() > MAX_AGE_YEARS {
                c.add(
                    "birth_date",
                    format!("The date of birth is more than {MAX_AGE_YEARS} years ago. Check the year."),
                );
            }
        }
        let phone = c.optional_phone("phone", &self.phone);
        let email = c.optional_email("email", &self.email);
        let last_known_location =
            c.optional_text("last_known_location", &self.last_known_location, "the last known location", 300);
        let referral_source =
            c.choice::<ReferralSource>("referral_source", &self.referral_source, "where the referral came from");
        let referring_organization =
            c.optional_text("referring_organization", &self.referring_organization, "the referring organization", 200);
        let referring_contact =
            c.optional_text("referring_contact", &self.referring_contact, "the referring contact", 200);
        let referral_date = c.required_date("referral_date", &self.referral_date, "the referral date");
        if referral_date.is_some_and(|d| d > today) {
            c.add("referral_date", "The referral date cannot be in the future.");
        }
        let expected_release_date = c.optional_date(
            "expected_release_date",
            &self.expected_release_date,
            "the expected discharge or release date",
        );
        if let (Some(referral), Some(release)) = (referral_date, expected_release_date) {
            if release < referral {
                c.add("expected_release_date", "The expected discharge or release date is before the referral date.");
            }
        }
        let status = c.choice::<ParticipantStatus>("status", &self.status, "a status");
        let demographics = self.demographics.check(&mut c);
        let details = (|| {
            Some(ParticipantDetails {
                legal_name,
                preferred_name,
                birth_date: birth_date?,
                phone,
                email,
                last_known_location,
                referral_source: referral_source?,
                referring_organization,
                referring_contact,
                referral_date: referral_date?,
                expected_release_date,
                status: status?,
                demographics: demographics?,
            })
        })();
        c.finish(details)
    }
}

/// The sort orders of the participants list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantSort {
    #[default]
    Name,
    BirthDate,
    Status,
    ReferralDate,
    ExpectedReleaseDate,
    UpdatedAt,
}

/// A page of the participants list: search, filter, sort and page are done
/// in SQL so the list stays fast with thousands of people.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ParticipantQuery {
    /// Part of the legal or preferred name; case and accents do not matter.
    pub search: String,
    pub status: Option<ParticipantStatus>,
    pub sort: ParticipantSort,
    pub descending: bool,
    /// From 1.
    pub page: u32,
    pub page_size: u32,
}

impl Default for ParticipantQuery {
    fn default() -> Self {
        Self {
            search: String::new(),
            status: None,
            sort: ParticipantSort::Name,
            descending: false,
            page: 1,
            page_size: 50,
        }
    }
}

impl ParticipantQuery {
    pub const MAX_PAGE_SIZE: u32 = 200;

    /// The search text folded as names are folded for search.
    pub fn search_key(&self) -> String {
        fold(self.search.trim())
    }

    pub fn limit(&self) -> u32 {
        self.page_size.clamp(1, Self::MAX_PAGE_SIZE)
    }

    pub fn offset(&self) -> u64 {
        u64::from(self.page.max(1) - 1) * u64::from(self.limit())
    }
}

/// One row of the participants list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ParticipantRow {
    #[ts(type = "number")]
    pub id: i64,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub birth_date: NaiveDate,
    pub status: ParticipantStatus,
    /// Left out for housing locators: where someone was referred from (a
    /// jail, a detox) is part of their case.
    pub referral_source: Option<ReferralSource>,
    pub referral_date: NaiveDate,
    pub expected_release_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ParticipantPage {
    pub rows: Vec<ParticipantRow>,
    /// How many participants match, on all pages.
    #[ts(type = "number")]
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
}

/// Lower-case ASCII folding for search and sort: "Nguyễn" finds "nguyen",
/// "Łukasz" finds "lukasz".
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// The text searched for a participant: both names, folded.
pub fn search_key(details: &ParticipantDetails) -> String {
    match &details.preferred_name {
        Some(p) => fold(&format!("{} {}", details.legal_name, p)),
        None => fold(&details.legal_name),
    }
}

/// Whether staff may move a participant from `old` to `new` status on the
/// record's form. Eligibility comes from the screening, enrollment from the
/// case page and exit from the exit form, each with its own record, so the
/// form only moves between referred and screening, and between enrolled and
/// housed (until leases record the move-in).
pub fn manual_status_change_allowed(old: ParticipantStatus, new: ParticipantStatus) -> bool {
    use ParticipantStatus::*;
    old == new
        || matches!((old, new), (Referred, Screening) | (Screening, Referred) | (Enrolled, Housed) | (Housed, Enrolled))
}

const STATUS_FLOW: &str = "The status moves with the screening (eligible or not), the case page (enrolled) and the exit. Use those pages to change it.";

/// Adds a participant and audits every field entered.
pub fn create(
    store: &mut Store,
    session: &Session,
    input: &ParticipantInput,
    when: Moment,
) -> Result<Participant, DeskError> {
    access::require_records_role(session)?;
    let details = input.validate(when.today)?;
    if !matches!(details.status, ParticipantStatus::Referred | ParticipantStatus::Screening) {
        return Err(ValidationErrors::single("status", "A new participant starts as referred or screening.").into());
    }
    store.with_tx(|tx| {
        let id = db::participants::insert(tx, &details, when.at)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Participant,
            entity_id: Some(id),
            changes: audit::diff(None, &details, &[]),
        };
        db::audit::insert(tx, &entry, when.at)?;
        db::participants::get(tx, id)?.ok_or(DeskError::NotFound("participant"))
    })
}

/// Changes a participant's details and audits what changed (nothing is
/// written when nothing changed).
pub fn update(
    store: &mut Store,
    session: &Session,
    id: i64,
    input: &ParticipantInput,
    when: Moment,
) -> Result<Participant, DeskError> {
    access::require_case(store, session, id)?;
    let details = input.validate(when.today)?;
    store.with_tx(|tx| {
        let old = db::participants::get(tx, id)?.ok_or(DeskError::NotFound("participant"))?;
        if !manual_status_change_allowed(old.details.status, details.status) {
            return Err(ValidationErrors::single("status", STATUS_FLOW).into());
        }
        let changes = audit::diff(Some(&old.details), &details, &[]);
        if changes.is_empty() {
            return Ok(old);
        }
        db::participants::update(tx, id, &details, when.at)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Participant,
            entity_id: Some(id),
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        db::participants::get(tx, id)?.ok_or(DeskError::NotFound("participant"))
    })
}

/// The participant's record, for every role but housing locators (who see
/// the [`HousingCard`]). The view is audited.
pub fn get(store: &Store, session: &Session, id: i64, when: Moment) -> Result<Participant, DeskError> {
    access::require_record(store, session, id)?;
    let record = db::participants::get(store.conn(), id)?.ok_or(DeskError::NotFound("participant"))?;
    crate::audit::record_view(store, session, id, crate::audit::RecordPart::Record, when)?;
    Ok(record)
}

/// What a housing locator needs to house someone, and nothing of their case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HousingCard {
    #[ts(type = "number")]
    pub id: i64,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub status: ParticipantStatus,
    /// People in the household, from the screening.
    pub household_size: Option<u32>,
    /// The unit size the payment standard allows, from the latest income calculation.
    pub bedrooms: Option<u32>,
    /// The move-in date of the current lease.
    pub move_in_date: Option<NaiveDate>,
}

/// The housing card of participant `id`; every signed-in role may see it.
/// The view is audited.
pub fn housing_card(store: &Store, session: &Session, id: i64, when: Moment) -> Result<HousingCard, DeskError> {
    let card = card_of(store, id)?;
    crate::audit::record_view(store, session, id, crate::audit::RecordPart::HousingCard, when)?;
    Ok(card)
}

fn card_of(store: &Store, id: i64) -> Result<HousingCard, DeskError> {
    let p = db::participants::get(store.conn(), id)?.ok_or(DeskError::NotFound("participant"))?;
    let household_size = db::journey::latest_screening(store.conn(), id)?
        .and_then(|s| serde_json::from_str::<crate::screening::ScreeningForm>(&s.form).ok())
        .and_then(|f| f.household_size.trim().parse().ok());
    let bedrooms = crate::income_calc::history(store, id)?.first().map(|c| c.result.allowed_bedrooms);
    Ok(HousingCard {
        id,
        legal_name: p.details.legal_name,
        preferred_name: p.details.preferred_name,
        phone: p.details.phone,
        email: p.details.email,
        status: p.details.status,
        household_size,
        bedrooms,
        move_in_date: db::leases::list(store.conn(), "l.participant_id", id)?
            .into_iter()
            .find(|l| l.active)
            .and_then(|l| l.move_in_date),
    })
}

pub fn list(store: &Store, query: &ParticipantQuery) -> Result<ParticipantPage, DeskError> {
    Ok(db::participants::list(store.conn(), query)?)
}

/// A page of the list as the signed-in staff member may see it: housing
/// locators get names and statuses without the referral's setting or dates.
///
/// The list is audited as one view: its search text, status filter and page.
pub fn list_for(
    store: &Store,
    session: &Session,
    query: &ParticipantQuery,
    when: Moment,
) -> Result<ParticipantPage, DeskError> {
    let mut page = list(store, query)?;
    let filters = [
        ("search", query.search.trim().to_string()),
        ("status", query.status.map(|s| s.label().to_string()).unwrap_or_default()),
        ("page", query.page.to_string()),
    ];
    crate::audit::record_list_view(store, session, "participant list", &filters, when)?;
    if session.role == crate::accounts::Role::HousingLocator {
        for row in &mut page.rows {
            row.referral_source = None;
            row.expected_release_date = None;
        }
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn good() -> ParticipantInput {
        ParticipantInput {
            legal_name: "Thi Nguyễn".into(),
            preferred_name: "".into(),
            birth_date: "03/15/1984".into(),
            phone: "312.555.0142".into(),
            email: "".into(),
            last_known_location: "Pacific Garden Mission".into(),
            referral_source: "county_jail".into(),
            referring_organization: "Cook County Jail".into(),
            referring_contact: "".into(),
            referral_date: "2026-11-20".into(),
            expected_release_date: "2026-12-01".into(),
            status: "referred".into(),
            demographics: Default::default(),
        }
    }

    #[test]
    fn good_input_is_checked_and_normalized() {
        let d = good().validate(today()).unwrap();
        assert_eq!(d.birth_date, NaiveDate::from_ymd_opt(1984, 3, 15).unwrap());
        assert_eq!(d.phone.as_deref(), Some("(312) 555-0142"));
        assert_eq!(d.preferred_name, None, "blank optional fields are empty, not empty strings");
        assert_eq!(d.referral_source, ReferralSource::CountyJail);
        assert_eq!(search_key(&d), "thi nguyen");
    }

    #[test]
    fn each_bad_field_is_named() {
        type Edit = fn(&mut ParticipantInput);
        let cases: &[(&str, Edit, &str)] = &[
            ("no name", |i| i.legal_name = "  ".into(), "legal_name"),
            ("impossible birth date", |i| i.birth_date = "02/30/1990".into(), "birth_date"),
            ("birth date tomorrow", |i| i.birth_date = "2026-11-24".into(), "birth_date"),
            ("birth date 121 years ago", |i| i.birth_date = "1905-01-01".into(), "birth_date"),
            ("missing birth date", |i| i.birth_date = "".into(), "birth_date"),
            ("nine-digit phone", |i| i.phone = "312-555-014".into(), "phone"),
            ("phone with letters", |i| i.phone = "312-555-CALL".into(), "phone"),
            ("email without domain", |i| i.email = "dana@".into(), "email"),
            ("unknown referral source", |i| i.referral_source = "church".into(), "referral_source"),
            ("referral in the future", |i| i.referral_date = "2026-11-24".into(), "referral_date"),
            ("release before referral", |i| i.expected_release_date = "2026-11-19".into(), "expected_release_date"),
            ("no status", |i| i.status = "".into(), "status"),
        ];
        for (what, edit, field) in cases {
            let mut input = good();
            edit(&mut input);
            let errors = input.validate(today()).unwrap_err().0;
            assert_eq!(errors.len(), 1, "{what}: exactly one problem, got {errors:?}");
            assert_eq!(errors[0].field, *field, "{what}: reported on {field}");
        }
    }

    #[test]
    fn edges_of_dates_are_accepted() {
        let mut input = good();
        input.birth_date = "2026-11-23".into(); // born today: odd but not impossible
        input.referral_date = "2026-11-23".into();
        input.expected_release_date = "2026-11-23".into(); // released the day of referral
        assert!(input.validate(today()).is_ok());
    }

    #[test]
    fn the_form_moves_status_only_where_no_record_is_needed() {
        use ParticipantStatus::*;
        assert!(manual_status_change_allowed(Referred, Screening));
        assert!(manual_status_change_allowed(Enrolled, Housed));
        assert!(manual_status_change_allowed(Housed, Enrolled));
        assert!(manual_status_change_allowed(Eligible, Eligible));
        for (old, new) in [
            (Referred, Eligible),
            (Screening, Enrolled),
            (Enrolled, Exited),
            (Ineligible, Eligible),
            (Exited, Referred),
        ] {
            assert!(!manual_status_change_allowed(old, new), "{old:?} to {new:?} needs its own record");
        }
    }

    #[test]
    fn phone_forms() {
        use crate::validation::normalize_phone;
        assert_eq!(normalize_phone("1 (312) 555-0142").as_deref(), Some("(312) 555-0142"));
        assert_eq!(normalize_phone("3125550142").as_deref(), Some("(312) 555-0142"));
        assert_eq!(normalize_phone("2 312 555 0142"), None, "11 digits must start with the country code 1");
    }

    #[test]
    fn folding_matches_accented_names() {
        assert_eq!(fold("Łukasz Wójcik"), "lukasz wojcik");
        assert_eq!(fold("NGUYỄN"), "nguyen");
    }

    #[test]
    fn paging_is_bounded() {
        let q = ParticipantQuery { page: 0, page_size: 10_000, ..Default::default() };
        assert_eq!(q.limit(), ParticipantQuery::MAX_PAGE_SIZE);
        assert_eq!(q.offset(), 0, "page 0 is read as the first page");
        let q = ParticipantQuery { page: 3, page_size: 50, ..Default::default() };
        assert_eq!(q.offset(), 100);
    }
}
