//! Housing Quality Standards inspections (Guide: Eligible Costs, Inspection
//! Costs): "HUD Housing Quality Standards (HQS, 24 CFR 982.401) will apply to
//! all assisted units. An HQS inspection must be completed before any
//! assistance is provided for a unit and must also be conducted annually
//! (within 12 months after the previous inspection)."

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How one item of the checklist (HUD-52580) was rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemResult {
    Pass,
    Fail,
    /// More information is needed before the item can pass.
    Inconclusive,
    /// The item does not apply to this unit (no secondary rooms, no elevator).
    NotApplicable,
}

impl ItemResult {
    pub fn label(self) -> &'static str {
        match self {
            ItemResult::Pass => "Pass",
            ItemResult::Fail => "Fail",
            ItemResult::Inconclusive => "Inconclusive",
            ItemResult::NotApplicable => "Not applicable",
        }
    }
}

/// What an inspection found for the whole unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InspectionOutcome {
    Pass,
    Fail,
    Inconclusive,
}

impl InspectionOutcome {
    pub fn label(self) -> &'static str {
        match self {
            InspectionOutcome::Pass => "Pass",
            InspectionOutcome::Fail => "Fail",
            InspectionOutcome::Inconclusive => "Inconclusive",
        }
    }
}

/// Why an inspection was made: the HUD-52580 types (initial, special,
/// reinspection, here called follow-up) and the annual and complaint
/// inspections offices add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InspectionKind {
    /// Before any assistance is paid for the unit.
    Initial,
    /// Within 12 months after the previous inspection.
    Annual,
    /// The re-inspection of a unit that failed (or was inconclusive).
    FollowUp,
    Special,
    Complaint,
}

impl InspectionKind {
    pub fn label(self) -> &'static str {
        match self {
            InspectionKind::Initial => "Initial",
            InspectionKind::Annual => "Annual",
            InspectionKind::FollowUp => "Follow-up",
            InspectionKind::Special => "Special",
            InspectionKind::Complaint => "Complaint",
        }
    }
}

/// The unit's outcome from its checklist (HUD-52580): any item that fails
/// fails the unit; otherwise any inconclusive item makes the inspection
/// inconclusive ("more information is needed"); items that do not apply are
/// left out. An inspection with no item rated (none, or all not applicable)
/// proves nothing, so it is inconclusive.
pub fn outcome<I: IntoIterator<Item = ItemResult>>(results: I) -> InspectionOutcome {
    let mut rated = false;
    let mut inconclusive = false;
    for result in results {
        match result {
            ItemResult::Fail => return InspectionOutcome::Fail,
            ItemResult::Inconclusive => inconclusive = true,
            ItemResult::Pass => {}
            ItemResult::NotApplicable => continue,
        }
        rated = true;
    }
    if inconclusive || !rated {
        InspectionOutcome::Inconclusive
    } else {
        InspectionOutcome::Pass
    }
}

/// Guide: "a follow-up inspection must be completed within 14 days".
pub const FOLLOW_UP_DAYS: u64 = 14;
/// Guide: "conducted annually (within 12 months after the previous inspection)".
pub const ANNUAL_MONTHS: u32 = 12;

/// The last day for the follow-up of an inspection made on `inspected_on`
/// that failed: the 14th day after it, that day included.
pub fn follow_up_due(inspected_on: NaiveDate) -> NaiveDate {
    inspected_on.checked_add_days(Days::new(FOLLOW_UP_DAYS)).unwrap_or(NaiveDate::MAX)
}

/// The last day for the annual inspection after one passed on `passed_on`:
/// 12 months later, that day included. A pass on February 29 comes due on
/// February 28 of the next year, never on March 1 (which would be more than
/// 12 months).
pub fn next_annual_due(passed_on: NaiveDate) -> NaiveDate {
    passed_on.checked_add_months(Months::new(ANNUAL_MONTHS)).unwrap_or(NaiveDate::MAX)
}

/// Whether the annual inspection due on `next_due` falls within the next
/// `window_days` days (today and the due day included), for the dashboard.
/// A date already past is not "soon": the unit's [`standing`] is then
/// [`UnitInspectionStanding::AnnualOverdue`].
pub fn annual_due_soon(next_due: NaiveDate, today: NaiveDate, window_days: u64) -> bool {
    let horizon = today.checked_add_days(Days::new(window_days)).unwrap_or(NaiveDate::MAX);
    (today..=horizon).contains(&next_due)
}

/// Why an extension of the follow-up cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionProblem {
    #[error("The new date must be after the follow-up due date, {}.", us_date(*.original_due))]
    NotAfterDueDate { original_due: NaiveDate },
    #[error("Describe the owner's good-faith effort to fix the deficiencies.")]
    NoReason,
}

impl ExtensionProblem {
    /// The form field the problem is about.
    pub fn field(&self) -> &'static str {
        match self {
            ExtensionProblem::NotAfterDueDate { .. } => "extended_to",
            ExtensionProblem::NoReason => "reason",
        }
    }

    /// The problem in plain words, for the office worker.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Whether the follow-up due on `original_due` may be moved to `new_due`
/// (Guide: "Extensions beyond 14 days may be granted if the owner or
/// designated agent demonstrates a good faith effort to remediate the
/// deficiencies within a mutually agreed upon timeframe"): the new date must
/// be later, and `reason` must describe the good-faith effort. The Guide
/// sets no longest extension: the timeframe is agreed with the owner. The
/// first problem only; [`extension_problems`] gives them all.
pub fn check_extension(original_due: NaiveDate, new_due: NaiveDate, reason: &str) -> Result<(), ExtensionProblem> {
    match extension_problems(original_due, new_due, reason).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Every problem with an extension, date first, for a form that shows them
/// all at once (see [`check_extension`]).
pub fn extension_problems(original_due: NaiveDate, new_due: NaiveDate, reason: &str) -> Vec<ExtensionProblem> {
    let mut problems = Vec::new();
    if new_due <= original_due {
        problems.push(ExtensionProblem::NotAfterDueDate { original_due });
    }
    if reason.trim().is_empty() {
        problems.push(ExtensionProblem::NoReason);
    }
    problems
}

/// One inspection of a unit, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InspectionRecord {
    pub inspected_on: NaiveDate,
    pub kind: InspectionKind,
    pub outcome: InspectionOutcome,
    /// The follow-up date agreed with the owner, when an extension was
    /// granted for the deficiencies found.
    pub extended_to: Option<NaiveDate>,
    /// The owner or designated agent refused to fix the deficiencies found.
    pub owner_refused: bool,
}

/// Why a unit can no longer be assisted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IneligibleReason {
    /// The owner refused to fix the deficiencies of the inspection on `on`.
    OwnerRefused { on: NaiveDate },
    /// The follow-up inspection on `on` failed.
    FailedFollowUp { on: NaiveDate },
}

impl IneligibleReason {
    /// The reason in plain words.
    pub fn message(self) -> String {
        match self {
            IneligibleReason::OwnerRefused { on } => format!(
                "The owner refused to fix the deficiencies found on {}: the unit cannot receive any financial assistance.",
                us_date(on)
            ),
            IneligibleReason::FailedFollowUp { on } => format!(
                "The unit failed its follow-up inspection on {}: it cannot receive any financial assistance.",
                us_date(on)
            ),
        }
    }
}

/// Where a unit stands, from its inspections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "standing", rename_all = "snake_case")]
pub enum UnitInspectionStanding {
    /// No inspection yet: no assistance may be paid.
    NotInspected,
    /// The latest inspection passed; the next annual one is due by `next_due`.
    Passed { next_due: NaiveDate },
    /// The annual inspection was due on `was_due` and has not been made.
    AnnualOverdue { was_due: NaiveDate },
    /// The latest inspection failed or was inconclusive; the follow-up is due
    /// by `due` (14 days later, or the extension agreed with the owner).
    FollowUpDue { due: NaiveDate },
    /// The follow-up was due on `was_due` and has not passed.
    FollowUpOverdue { was_due: NaiveDate },
    /// The unit cannot be assisted any more.
    Ineligible { reason: IneligibleReason },
}

impl UnitInspectionStanding {
    pub fn label(&self) -> &'static str {
        match self {
            UnitInspectionStanding::NotInspected => "Not inspected",
            UnitInspectionStanding::Passed { .. } => "Passed",
            UnitInspectionStanding::AnnualOverdue { .. } => "Annual inspection overdue",
            UnitInspectionStanding::FollowUpDue { .. } => "Follow-up inspection due",
            UnitInspectionStanding::FollowUpOverdue { .. } => "Follow-up inspection overdue",
            UnitInspectionStanding::Ineligible { .. } => "Ineligible for assistance",
        }
    }
}

/// Where a unit stands on `today`, from its inspection history (in any
/// order; inspections dated after `today` are not counted yet, and two on
/// the same day count in the order given). Guide: "If a unit fails initial
/// inspection, the owner or designated agent must be informed of the
/// deficiencies and agree to remediate noted deficiencies promptly, and a
/// follow-up inspection must be completed within 14 days. If the owner or
/// designated agent refuses to remediate noted deficiencies or if the unit
/// fails the follow-up inspection, the unit will be ineligible for any
/// financial assistance."
///
/// Readings where the Guide is silent:
/// - An annual, special or complaint inspection that fails (or is
///   inconclusive) is treated like a failed initial one: follow-up within 14
///   days. An inconclusive inspection is not a pass, so it needs a follow-up too.
/// - The follow-up is the inspection recorded as [`InspectionKind::FollowUp`]
///   after a failed or inconclusive one. Only its failure makes the unit
///   ineligible; any other inspection that fails in the meantime, or a
///   follow-up that is inconclusive, leaves the follow-up due on the same
///   day: the 14 days do not start again.
/// - An extension moves the due day to the agreed date; one recorded on a
///   date before the 14th day never shortens the window.
/// - When the window passes with no follow-up the unit is
///   [`UnitInspectionStanding::FollowUpOverdue`], not ineligible: the Guide
///   names only two causes (refusal, failed follow-up). No assistance is
///   paid while overdue, and a later pass restores the unit.
/// - A refusal counts only on an inspection that did not pass (a pass has
///   no deficiencies to fix).
/// - Ineligible is final: a later pass does not restore the unit. An
///   exception, if DMH grants one, is recorded outside this rule.
/// - The next annual inspection is due 12 months after the latest pass.
pub fn standing(history: &[InspectionRecord], today: NaiveDate) -> UnitInspectionStanding {
    let mut records: Vec<&InspectionRecord> = history.iter().filter(|r| r.inspected_on <= today).collect();
    records.sort_by_key(|r| r.inspected_on);

    let mut walk = Walk::NotInspected;
    for record in records {
        walk = match walk {
            Walk::Ineligible(_) => break,
            _ => walk.then(record),
        };
    }

    match walk {
        Walk::NotInspected => UnitInspectionStanding::NotInspected,
        Walk::Passed(on) => {
            let next_due = next_annual_due(on);
            if today > next_due {
                UnitInspectionStanding::AnnualOverdue { was_due: next_due }
            } else {
                UnitInspectionStanding::Passed { next_due }
            }
        }
        Walk::FollowUpOpen { due } if today > due => UnitInspectionStanding::FollowUpOverdue { was_due: due },
        Walk::FollowUpOpen { due } => UnitInspectionStanding::FollowUpDue { due },
        Walk::Ineligible(reason) => UnitInspectionStanding::Ineligible { reason },
    }
}

/// Whether assistance may be paid for a unit that stands so: only after a
/// pass whose annual inspection is not overdue (Guide: "An HQS inspection
/// must be completed before any assistance is provided for a unit").
pub fn assistance_allowed(standing: &UnitInspectionStanding) -> bool {
    matches!(standing, UnitInspectionStanding::Passed { .. })
}

/// The state of a unit while its history is read, oldest first.
#[derive(Debug, Clone, Copy)]
enum Walk {
    NotInspected,
    Passed(NaiveDate),
    FollowUpOpen { due: NaiveDate },
    Ineligible(IneligibleReason),
}

impl Walk {
    fn then(self, r: &InspectionRecord) -> Walk {
        let on = r.inspected_on;
        if r.outcome != InspectionOutcome::Pass && r.owner_refused {
            return Walk::Ineligible(IneligibleReason::OwnerRefused { on });
        }
        match (r.outcome, self) {
            (InspectionOutcome::Pass, _) => Walk::Passed(on),
            (InspectionOutcome::Fail, Walk::FollowUpOpen { .. }) if r.kind == InspectionKind::FollowUp => {
                Walk::Ineligible(IneligibleReason::FailedFollowUp { on })
            }
            (_, Walk::FollowUpOpen { due }) => Walk::FollowUpOpen { due: extended(due, r.extended_to) },
            _ => Walk::FollowUpOpen { due: extended(follow_up_due(on), r.extended_to) },
        }
    }
}

fn extended(due: NaiveDate, extended_to: Option<NaiveDate>) -> NaiveDate {
    extended_to.map_or(due, |to| to.max(due))
}

fn us_date(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use InspectionKind::*;
    use InspectionOutcome as O;
    use UnitInspectionStanding as S;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    fn rec(on: &str, kind: InspectionKind, outcome: InspectionOutcome) -> InspectionRecord {
        InspectionRecord { inspected_on: d(on), kind, outcome, extended_to: None, owner_refused: false }
    }

    fn extended_to(mut r: InspectionRecord, to: &str) -> InspectionRecord {
        r.extended_to = Some(d(to));
        r
    }

    fn refused(mut r: InspectionRecord) -> InspectionRecord {
        r.owner_refused = true;
        r
    }

    #[test]
    fn any_fail_fails_then_any_inconclusive() {
        use ItemResult::*;
        let cases: [(&[ItemResult], InspectionOutcome); 9] = [
            (&[Pass, Pass], O::Pass),
            (&[Pass, NotApplicable], O::Pass),
            (&[Pass, Inconclusive], O::Inconclusive),
            (&[Inconclusive, Fail, Pass], O::Fail),
            (&[Fail, Pass], O::Fail),
            (&[NotApplicable, Fail], O::Fail),
            (&[], O::Inconclusive),
            (&[NotApplicable, NotApplicable], O::Inconclusive),
            (&[NotApplicable, Inconclusive], O::Inconclusive),
        ];
        for (items, want) in cases {
            assert_eq!(outcome(items.iter().copied()), want, "{items:?}");
        }
    }

    #[test]
    fn follow_up_is_due_on_the_fourteenth_day() {
        let cases = [
            ("2026-03-01", "2026-03-15"),
            ("2026-01-25", "2026-02-08"), // across a month end
            ("2026-12-25", "2027-01-08"), // across a year end
            ("2028-02-20", "2028-03-05"), // through February 29
            ("2027-02-20", "2027-03-06"), // a common year
        ];
        for (inspected, want) in cases {
            assert_eq!(follow_up_due(d(inspected)), d(want), "{inspected}");
        }
    }

    #[test]
    fn annual_is_due_twelve_months_later() {
        let cases = [
            ("2026-03-15", "2027-03-15"),
            ("2028-02-29", "2029-02-28"), // no February 29 next year: not March 1
            ("2027-02-28", "2028-02-28"),
            ("2026-08-31", "2027-08-31"),
            ("2026-12-31", "2027-12-31"),
        ];
        for (passed, want) in cases {
            assert_eq!(next_annual_due(d(passed)), d(want), "{passed}");
        }
    }

    #[test]
    fn annual_due_within_the_window() {
        let due = d("2027-03-01");
        let cases = [
            ("2027-01-29", false), // 31 days ahead
            ("2027-01-30", true),  // 30 days ahead
            ("2027-03-01", true),  // the due day itself
            ("2027-03-02", false), // overdue is not "soon"
        ];
        for (today, want) in cases {
            assert_eq!(annual_due_soon(due, d(today), 30), want, "{today}");
        }
        assert!(annual_due_soon(d("2029-02-28"), d("2029-01-29"), 30), "from a leap-day pass");
    }

    #[test]
    fn extensions_need_a_later_date_and_a_reason() {
        let due = d("2026-03-15");
        let reason = "Contractor booked for the furnace; parts ordered 03/10";
        assert_eq!(check_extension(due, d("2026-03-16"), reason), Ok(()));
        assert_eq!(check_extension(due, d("2026-04-30"), reason), Ok(()), "the Guide sets no longest extension");
        let late = Err(ExtensionProblem::NotAfterDueDate { original_due: due });
        assert_eq!(check_extension(due, due, reason), late, "the due day itself extends nothing");
        assert_eq!(check_extension(due, d("2026-03-10"), reason), late);
        assert_eq!(check_extension(due, d("2026-03-20"), " \n\t"), Err(ExtensionProblem::NoReason));
        assert_eq!(check_extension(due, d("2026-03-10"), ""), late, "the date is reported first");
        assert_eq!(
            extension_problems(due, d("2026-03-10"), ""),
            vec![ExtensionProblem::NotAfterDueDate { original_due: due }, ExtensionProblem::NoReason]
        );
    }

    #[test]
    fn extension_problems_in_plain_words() {
        let late = ExtensionProblem::NotAfterDueDate { original_due: d("2026-03-15") };
        assert_eq!(late.message(), "The new date must be after the follow-up due date, 03/15/2026.");
        assert_eq!(late.field(), "extended_to");
        assert_eq!(
            ExtensionProblem::NoReason.message(),
            "Describe the owner's good-faith effort to fix the deficiencies."
        );
        assert_eq!(ExtensionProblem::NoReason.field(), "reason");
    }

    #[test]
    fn standing_from_the_history() {
        let fail = rec("2026-03-01", Initial, O::Fail);
        let cases: Vec<(&str, Vec<InspectionRecord>, &str, UnitInspectionStanding)> = vec![
            ("nothing recorded", vec![], "2026-03-01", S::NotInspected),
            (
                "passed",
                vec![rec("2026-03-01", Initial, O::Pass)],
                "2026-11-23",
                S::Passed { next_due: d("2027-03-01") },
            ),
            (
                "annual due today",
                vec![rec("2026-03-01", Initial, O::Pass)],
                "2027-03-01",
                S::Passed { next_due: d("2027-03-01") },
            ),
            (
                "annual a day late",
                vec![rec("2026-03-01", Initial, O::Pass)],
                "2027-03-02",
                S::AnnualOverdue { was_due: d("2027-03-01") },
            ),
            (
                "leap-day pass, due February 28",
                vec![rec("2028-02-29", Annual, O::Pass)],
                "2029-02-28",
                S::Passed { next_due: d("2029-02-28") },
            ),
            (
                "leap-day pass, late on March 1",
                vec![rec("2028-02-29", Annual, O::Pass)],
                "2029-03-01",
                S::AnnualOverdue { was_due: d("2029-02-28") },
            ),
            ("failed, the day itself", vec![fail.clone()], "2026-03-01", S::FollowUpDue { due: d("2026-03-15") }),
            ("failed, the 14th day", vec![fail.clone()], "2026-03-15", S::FollowUpDue { due: d("2026-03-15") }),
            ("failed, the 15th day", vec![fail.clone()], "2026-03-16", S::FollowUpOverdue { was_due: d("2026-03-15") }),
            (
                "inconclusive needs a follow-up",
                vec![rec("2026-03-01", Initial, O::Inconclusive)],
                "2026-03-05",
                S::FollowUpDue { due: d("2026-03-15") },
            ),
            (
                "extended",
                vec![extended_to(fail.clone(), "2026-04-01")],
                "2026-03-20",
                S::FollowUpDue { due: d("2026-04-01") },
            ),
            (
                "extension passed",
                vec![extended_to(fail.clone(), "2026-04-01")],
                "2026-04-02",
                S::FollowUpOverdue { was_due: d("2026-04-01") },
            ),
            (
                "an earlier 'extension' does not shorten",
                vec![extended_to(fail.clone(), "2026-03-10")],
                "2026-03-12",
                S::FollowUpDue { due: d("2026-03-15") },
            ),
            (
                "follow-up passed",
                vec![fail.clone(), rec("2026-03-10", FollowUp, O::Pass)],
                "2026-03-20",
                S::Passed { next_due: d("2027-03-10") },
            ),
            (
                "follow-up failed",
                vec![fail.clone(), rec("2026-03-14", FollowUp, O::Fail)],
                "2026-03-20",
                S::Ineligible { reason: IneligibleReason::FailedFollowUp { on: d("2026-03-14") } },
            ),
            (
                "extended follow-up failed",
                vec![extended_to(fail.clone(), "2026-04-15"), rec("2026-04-10", FollowUp, O::Fail)],
                "2026-04-11",
                S::Ineligible { reason: IneligibleReason::FailedFollowUp { on: d("2026-04-10") } },
            ),
            (
                "owner refused",
                vec![refused(fail.clone())],
                "2026-03-02",
                S::Ineligible { reason: IneligibleReason::OwnerRefused { on: d("2026-03-01") } },
            ),
            (
                "refused after an inconclusive follow-up",
                vec![fail.clone(), refused(rec("2026-03-10", FollowUp, O::Inconclusive))],
                "2026-03-11",
                S::Ineligible { reason: IneligibleReason::OwnerRefused { on: d("2026-03-10") } },
            ),
            (
                "ineligible is final",
                vec![fail.clone(), rec("2026-03-14", FollowUp, O::Fail), rec("2026-05-01", Initial, O::Pass)],
                "2026-06-01",
                S::Ineligible { reason: IneligibleReason::FailedFollowUp { on: d("2026-03-14") } },
            ),
            (
                "an inconclusive follow-up does not restart the 14 days",
                vec![fail.clone(), rec("2026-03-10", FollowUp, O::Inconclusive)],
                "2026-03-16",
                S::FollowUpOverdue { was_due: d("2026-03-15") },
            ),
            (
                "an extension recorded on the inconclusive follow-up",
                vec![fail.clone(), extended_to(rec("2026-03-10", FollowUp, O::Inconclusive), "2026-03-31")],
                "2026-03-16",
                S::FollowUpDue { due: d("2026-03-31") },
            ),
            (
                "a complaint inspection that fails is not the follow-up",
                vec![fail.clone(), rec("2026-03-10", Complaint, O::Fail)],
                "2026-03-12",
                S::FollowUpDue { due: d("2026-03-15") },
            ),
            (
                "a late follow-up that passes restores the unit",
                vec![fail.clone(), rec("2026-03-20", FollowUp, O::Pass)],
                "2026-03-21",
                S::Passed { next_due: d("2027-03-20") },
            ),
            (
                "a failed annual inspection needs a follow-up",
                vec![rec("2026-03-01", Initial, O::Pass), rec("2027-02-20", Annual, O::Fail)],
                "2027-03-01",
                S::FollowUpDue { due: d("2027-03-06") },
            ),
            (
                "a failed first 'follow-up' after a pass only opens a window",
                vec![rec("2026-03-01", Initial, O::Pass), rec("2026-06-01", FollowUp, O::Fail)],
                "2026-06-02",
                S::FollowUpDue { due: d("2026-06-15") },
            ),
            (
                "a refusal on a pass counts for nothing",
                vec![refused(rec("2026-03-01", Initial, O::Pass))],
                "2026-03-02",
                S::Passed { next_due: d("2027-03-01") },
            ),
            (
                "in any order",
                vec![rec("2026-03-10", FollowUp, O::Pass), fail.clone()],
                "2026-03-20",
                S::Passed { next_due: d("2027-03-10") },
            ),
            (
                "inspections after today are not counted yet",
                vec![rec("2026-03-01", Initial, O::Pass), rec("2026-12-01", Complaint, O::Fail)],
                "2026-11-23",
                S::Passed { next_due: d("2027-03-01") },
            ),
            (
                "same day: the order given",
                vec![fail.clone(), rec("2026-03-01", FollowUp, O::Pass)],
                "2026-03-02",
                S::Passed { next_due: d("2027-03-01") },
            ),
        ];
        for (why, history, today, want) in cases {
            assert_eq!(standing(&history, d(today)), want, "{why}");
        }
    }

    #[test]
    fn assistance_only_after_a_current_pass() {
        let on = d("2026-03-01");
        let reason = IneligibleReason::OwnerRefused { on };
        let cases = [
            (S::NotInspected, false),
            (S::Passed { next_due: on }, true),
            (S::AnnualOverdue { was_due: on }, false),
            (S::FollowUpDue { due: on }, false),
            (S::FollowUpOverdue { was_due: on }, false),
            (S::Ineligible { reason }, false),
        ];
        for (standing, want) in cases {
            assert_eq!(assistance_allowed(&standing), want, "{}", standing.label());
        }
    }

    #[test]
    fn standings_cross_to_the_ui_tagged() {
        let due = S::FollowUpDue { due: d("2026-03-15") };
        assert_eq!(serde_json::to_string(&due).unwrap(), r#"{"standing":"follow_up_due","due":"2026-03-15"}"#);
        let out = S::Ineligible { reason: IneligibleReason::FailedFollowUp { on: d("2026-03-14") } };
        assert_eq!(
            serde_json::to_string(&out).unwrap(),
            r#"{"standing":"ineligible","reason":{"kind":"failed_follow_up","on":"2026-03-14"}}"#
        );
        assert_eq!(serde_json::to_string(&S::NotInspected).unwrap(), r#"{"standing":"not_inspected"}"#);
        assert_eq!(serde_json::to_string(&FollowUp).unwrap(), r#""follow_up""#);
        assert_eq!(serde_json::to_string(&ItemResult::NotApplicable).unwrap(), r#""not_applicable""#);
    }

    #[test]
    fn ineligible_reasons_in_plain_words() {
        assert_eq!(
            IneligibleReason::OwnerRefused { on: d("2026-03-01") }.message(),
            "The owner refused to fix the deficiencies found on 03/01/2026: the unit cannot receive any financial assistance."
        );
        assert_eq!(
            IneligibleReason::FailedFollowUp { on: d("2026-03-14") }.message(),
            "The unit failed its follow-up inspection on 03/14/2026: it cannot receive any financial assistance."
        );
    }
}
