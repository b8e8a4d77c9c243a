//! Participant eligibility (Guide: Program Participant Eligibility
//! Requirements): every requirement checked, every unmet one named.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Medicaid status: the Guide requires "eligible to enroll in, or enrolled in, Medicaid".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Medicaid {
    Enrolled,
    Eligible,
    Neither,
}

/// The two eligibility categories of the Guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// "Individual at high risk of unnecessary institutionalization": serious mental illness.
    Smi,
    /// "Individual at high risk of overdose": substance use disorder.
    Sud,
}

/// What a screening found, in the Guide's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screening {
    pub age_years: u32,
    pub aging_out_of_dcfs_guardianship: bool,
    pub medicaid: Medicaid,
    /// Homeless now, or will be on discharge or release (59 Ill. Adm. Code 145.20).
    pub homeless: bool,
    /// People in the household, a live-in aide included.
    pub household_size: u32,
    pub live_in_aide: bool,
    pub income_eligible: bool,
    pub receiving_other_rental_assistance: bool,
    pub srn_811_registered_or_agrees: bool,
    pub hcv_waitlist_or_agrees: bool,
    pub category: Category,
    pub psychiatric_admissions_12m: u32,
    pub sud_inpatient_or_withdrawal_stays_12m: u32,
    pub correctional_stays_12m: u32,
    pub incarcerated_last_12_consecutive_months: bool,
    pub smi_disability_determination: bool,
    pub incarcerated_at_least_once_12m: bool,
    pub overdoses_12m: u32,
}

/// A requirement that is not met, by its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Unmet {
    Age,
    Medicaid,
    Homeless,
    RiskCriteria,
    Household,
    Income,
    OtherRentalAssistance,
    Srn811,
    Hcv,
}

impl Unmet {
    pub fn code(self) -> &'static str {
        match self {
            Unmet::Age => "age",
            Unmet::Medicaid => "medicaid",
            Unmet::Homeless => "homeless",
            Unmet::RiskCriteria => "risk_criteria",
            Unmet::Household => "household",
            Unmet::Income => "income",
            Unmet::OtherRentalAssistance => "other_rental_assistance",
            Unmet::Srn811 => "srn_811",
            Unmet::Hcv => "hcv",
        }
    }

    /// The requirement in the Guide's own words, for the person screening.
    pub fn label(self) -> &'static str {
        match self {
            Unmet::Age => "At least 21 years of age, or aging out of DCFS guardianship",
            Unmet::Medicaid => "Enrolled in Medicaid, or eligible to enroll",
            Unmet::Homeless => "Homeless, or will be homeless on discharge or release",
            Unmet::RiskCriteria => "Meets one of the four criteria of the eligibility category",
            Unmet::Household => "A single-person household, or with a medically necessary live-in aide",
            Unmet::Income => "Income at or below 30% of the area median income",
            Unmet::OtherRentalAssistance => "Not receiving rental assistance from another housing program",
            Unmet::Srn811 => "On, or agrees to register for, the IHDA SRN and Section 811 waiting lists",
            Unmet::Hcv => "On a Housing Choice Voucher waiting list, or agrees to register or apply",
        }
    }
}

/// The minimum age (Guide: "at least 21 years of age or aging out of guardianship").
pub const MINIMUM_AGE: u32 = 21;
/// "Three or more" admissions, stays or stays in custody.
const THREE_OR_MORE: u32 = 3;

/// Whether one of the four criteria of the chosen category holds (Guide:
/// "Individual at high risk of unnecessary institutionalization" 1 to 4;
/// "Individual at high risk of overdose" 1 to 4).
pub fn meets_risk_criteria(s: &Screening) -> bool {
    let shared = s.correctional_stays_12m >= THREE_OR_MORE || s.incarcerated_last_12_consecutive_months;
    match s.category {
        Category::Smi => {
            s.psychiatric_admissions_12m >= THREE_OR_MORE
                || shared
                || (s.smi_disability_determination && s.incarcerated_at_least_once_12m)
        }
        Category::Sud => s.sud_inpatient_or_withdrawal_stays_12m >= THREE_OR_MORE || shared || s.overdoses_12m >= 1,
    }
}

/// Every requirement of the Guide that the screening does not meet, in the
/// Guide's order; empty means eligible.
pub fn unmet_requirements(s: &Screening) -> Vec<Unmet> {
    let household_ok = s.household_size == 1 || (s.household_size == 2 && s.live_in_aide);
    let checks = [
        (Unmet::Age, s.age_years >= MINIMUM_AGE || s.aging_out_of_dcfs_guardianship),
        (Unmet::Medicaid, s.medicaid != Medicaid::Neither),
        (Unmet::Homeless, s.homeless),
        (Unmet::RiskCriteria, meets_risk_criteria(s)),
        (Unmet::Household, household_ok),
        (Unmet::Income, s.income_eligible),
        (Unmet::OtherRentalAssistance, !s.receiving_other_rental_assistance),
        (Unmet::Srn811, s.srn_811_registered_or_agrees),
        (Unmet::Hcv, s.hcv_waitlist_or_agrees),
    ];
    checks.into_iter().filter(|(_, ok)| !ok).map(|(u, _)| u).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eligible() -> Screening {
        Screening {
            age_years: 42,
            aging_out_of_dcfs_guardianship: false,
            medicaid: Medicaid::Enrolled,
            homeless: true,
            household_size: 1,
            live_in_aide: false,
            income_eligible: true,
            receiving_other_rental_assistance: false,
            srn_811_registered_or_agrees: true,
            hcv_waitlist_or_agrees: true,
            category: Category::Sud,
            psychiatric_admissions_12m: 0,
            sud_inpatient_or_withdrawal_stays_12m: 0,
            correctional_stays_12m: 0,
            incarcerated_last_12_consecutive_months: false,
            smi_disability_determination: false,
            incarcerated_at_least_once_12m: false,
            overdoses_12m: 1,
        }
    }

    #[test]
    fn each_requirement_alone() {
        type Edit = fn(&mut Screening);
        let cases: &[(&str, Edit, &[Unmet])] = &[
            ("eligible", |_| {}, &[]),
            ("20 years old", |s| s.age_years = 20, &[Unmet::Age]),
            (
                "20 and aging out of DCFS",
                |s| {
                    s.age_years = 20;
                    s.aging_out_of_dcfs_guardianship = true
                },
                &[],
            ),
            ("21 today", |s| s.age_years = 21, &[]),
            ("Medicaid eligible only", |s| s.medicaid = Medicaid::Eligible, &[]),
            ("no Medicaid", |s| s.medicaid = Medicaid::Neither, &[Unmet::Medicaid]),
            ("housed", |s| s.homeless = false, &[Unmet::Homeless]),
            ("no overdose", |s| s.overdoses_12m = 0, &[Unmet::RiskCriteria]),
            ("two people, no aide", |s| s.household_size = 2, &[Unmet::Household]),
            (
                "two people with an aide",
                |s| {
                    s.household_size = 2;
                    s.live_in_aide = true
                },
                &[],
            ),
            (
                "three people with an aide",
                |s| {
                    s.household_size = 3;
                    s.live_in_aide = true
                },
                &[Unmet::Household],
            ),
            ("over income", |s| s.income_eligible = false, &[Unmet::Income]),
            ("other assistance", |s| s.receiving_other_rental_assistance = true, &[Unmet::OtherRentalAssistance]),
            ("no SRN/811", |s| s.srn_811_registered_or_agrees = false, &[Unmet::Srn811]),
            ("no HCV", |s| s.hcv_waitlist_or_agrees = false, &[Unmet::Hcv]),
        ];
        for (what, edit, want) in cases {
            let mut s = eligible();
            edit(&mut s);
            assert_eq!(unmet_requirements(&s), *want, "{what}");
        }
    }

    #[test]
    fn the_four_criteria_of_each_category() {
        type Edit = fn(&mut Screening);
        let none = |c: Category| {
            let mut s = eligible();
            s.category = c;
            s.overdoses_12m = 0;
            s
        };
        let cases: &[(Category, &str, Edit, bool)] = &[
            (Category::Smi, "nothing", |_| {}, false),
            (Category::Smi, "1: three psychiatric admissions", |s| s.psychiatric_admissions_12m = 3, true),
            (Category::Smi, "1: two are not enough", |s| s.psychiatric_admissions_12m = 2, false),
            (Category::Smi, "2: three correctional stays", |s| s.correctional_stays_12m = 3, true),
            (Category::Smi, "3: incarcerated 12 months", |s| s.incarcerated_last_12_consecutive_months = true, true),
            (
                Category::Smi,
                "4: disability and a stay",
                |s| {
                    s.smi_disability_determination = true;
                    s.incarcerated_at_least_once_12m = true
                },
                true,
            ),
            (Category::Smi, "4: disability alone", |s| s.smi_disability_determination = true, false),
            (Category::Smi, "an overdose is not an SMI criterion", |s| s.overdoses_12m = 2, false),
            (Category::Sud, "nothing", |_| {}, false),
            (Category::Sud, "1: three withdrawal stays", |s| s.sud_inpatient_or_withdrawal_stays_12m = 3, true),
            (Category::Sud, "2: three correctional stays", |s| s.correctional_stays_12m = 3, true),
            (Category::Sud, "3: incarcerated 12 months", |s| s.incarcerated_last_12_consecutive_months = true, true),
            (Category::Sud, "4: one overdose", |s| s.overdoses_12m = 1, true),
            (
                Category::Sud,
                "psychiatric admissions are not an SUD criterion",
                |s| s.psychiatric_admissions_12m = 5,
                false,
            ),
        ];
        for (category, what, edit, want) in cases {
            let mut s = none(*category);
            edit(&mut s);
            assert_eq!(meets_risk_criteria(&s), *want, "{category:?} {what}");
        }
    }
}
