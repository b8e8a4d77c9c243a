//! Payments on a vacant unit (Guide: Rent and Utility Payment Standards,
//! Leasing Requirements): which days of a month the monthly payment run may
//! pay for, under each leasing option, around the first move-in, a move-out
//! and a long stay in a facility. Proration is the caller's business: this
//! answers the days covered, the last of them, and why the others are not.
//!
//! Readings where the Guide is silent:
//! - "30 days from the end of the month in which the unit was vacated" is
//!   read as the Guide words it: the 30th day after that month's last day.
//!   That is the last day of the next month when the next month has 30 days,
//!   one day short of it when it has 31 (July 30 after a June move-out), and
//!   two days into March after a January move-out (March 1 in a leap year).
//! - The move-out day is still an occupied day; the vacancy starts after it.
//! - Master lease, "up to 90 days prior to occupancy": the 90 days before
//!   the first participant's move-in day, that day not counted (a move-in on
//!   April 1, 2026 allows rent from January 1). While no move-in date is
//!   known, the lease's first 90 days (its start being day 1): more could
//!   never be within 90 days of a move-in. A later move-in date, once known,
//!   may make some of those days ineligible; checking the month again says so.
//! - Master lease, "another eligible program participant has been identified
//!   ... and will occupy the unit within 90 days": the move-in is on or
//!   before the 90th day after the move-out. Past the 30 days, a day is
//!   covered only if that participant was already identified on it.
//! - Rental assistance has no such exception: past the 30 days, nothing
//!   "until the unit is occupied by another eligible participant".
//! - A stay in long-term care, a SMHRF or a correctional facility is judged
//!   by [`stay_is_vacancy`] on the facts given: with its end (actual or
//!   expected) known, by its whole length; still going with no end known, by
//!   its length so far. A stay of six months or more vacates the unit on the
//!   day it began, so the 30 days run from the end of that month. The
//!   participant's return ends the vacancy (the lease still in force, they
//!   occupy it again). Hospital stays are not vacancies: the Guide names
//!   only these three kinds of facility.
//! - Nothing is paid before the lease starts or after it ends: a move-out
//!   on the lease's last day leaves no vacancy to pay for.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::due::stay_is_vacancy;
use super::engagement::{month_end, month_start};
use super::rent::LeasingOption;
use super::{month_words, us_date};

/// Guide: the assistance "may continue for a maximum of 30 days from the end
/// of the month in which the unit was vacated".
pub const DAYS_AFTER_MONTH_VACATED: u64 = 30;
/// Guide (Master Lease Option): "rent can be paid out of program funds for up
/// to 90 days prior to occupancy by a program participant".
pub const DAYS_BEFORE_FIRST_OCCUPANCY: u64 = 90;
/// Guide (Master Lease Option): another participant "will occupy the unit
/// within 90 days of when a program participant moves out of the unit".
pub const DAYS_TO_NEXT_OCCUPANCY: u64 = 90;

/// The facilities whose stays of less than six months are not vacancies
/// (Guide: "long-term care facilities, specialized mental health
/// rehabilitation facilities (SMHRFs), or correctional facilities").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Facility {
    LongTermCare,
    Smhrf,
    Correctional,
}

impl Facility {
    pub fn label(self) -> &'static str {
        match self {
            Facility::LongTermCare => "Long-term care facility",
            Facility::Smhrf => "Specialized mental health rehabilitation facility (SMHRF)",
            Facility::Correctional => "Correctional facility",
        }
    }
}

/// A participant's stay in a facility while the unit is leased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacilityStay {
    pub facility: Facility,
    pub entered_on: NaiveDate,
    /// The day they left (or are expected to); `None` while no one knows.
    pub left_on: Option<NaiveDate>,
}

/// The next participant for a unit under the Master Lease Option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextParticipant {
    /// The day the grantee identified them for this unit.
    pub identified_on: NaiveDate,
    /// The day they moved in, or are expected to.
    pub moves_in_on: NaiveDate,
}

/// What the payment run knows about a lease and who lives in its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseOccupancy {
    pub option: LeasingOption,
    pub lease_start: NaiveDate,
    /// The lease's last day, when it has one.
    pub lease_end: Option<NaiveDate>,
    /// The day the participant moved in (or is expected to).
    pub moved_in_on: Option<NaiveDate>,
    /// The day the participant moved out, the last day they lived there.
    pub moved_out_on: Option<NaiveDate>,
    pub next_participant: Option<NextParticipant>,
    /// Stays in long-term care, a SMHRF or a correctional facility.
    pub stays: Vec<FacilityStay>,
}

/// When and how a unit became vacant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Vacancy {
    pub vacated_on: NaiveDate,
    /// `None` for a move-out; the facility for a stay of six months or more.
    pub stay: Option<Facility>,
}

/// How one day of a lease stands for the payment run: covered (the first
/// four) or not, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayStanding {
    /// A participant lives in the unit (a stay of less than six months included).
    Occupied,
    /// Master lease: a newly leased unit waits for its first participant.
    AwaitingFirstParticipant {
        moves_in_on: Option<NaiveDate>,
    },
    /// Within the 30 days from the end of the month the unit was vacated.
    AfterVacancy {
        vacancy: Vacancy,
        last_day: NaiveDate,
    },
    /// Master lease: a participant already identified moves in within 90
    /// days of the move-out.
    AwaitingNextParticipant {
        vacancy: Vacancy,
        moves_in_on: NaiveDate,
    },
    BeforeLease {
        lease_start: NaiveDate,
    },
    AfterLease {
        lease_end: NaiveDate,
    },
    /// Rental assistance: the participant has not moved in yet.
    NotYetOccupied {
        moves_in_on: Option<NaiveDate>,
    },
    /// Master lease: more than 90 days before the first move-in.
    TooEarlyBeforeMoveIn {
        moves_in_on: NaiveDate,
        first_day: NaiveDate,
    },
    /// Master lease: past the lease's 90th day with no move-in date.
    NoMoveInDate {
        last_day: NaiveDate,
    },
    /// Past the 30 days after a vacancy, nobody having moved in.
    VacancyLimitPassed {
        vacancy: Vacancy,
        last_day: NaiveDate,
    },
    /// Master lease: the next participant moves in later than 90 days after
    /// the move-out, so only the 30 days apply.
    NextParticipantTooLate {
        vacancy: Vacancy,
        moves_in_on: NaiveDate,
        latest: NaiveDate,
        last_day: NaiveDate,
    },
}

impl DayStanding {
    /// Whether a payment may cover the day.
    pub fn covered(&self) -> bool {
        matches!(
            self,
            DayStanding::Occupied
                | DayStanding::AwaitingFirstParticipant { .. }
                | DayStanding::AfterVacancy { .. }
                | DayStanding::AwaitingNextParticipant { .. }
        )
    }

    /// The standing in plain words, for the office worker.
    pub fn message(&self) -> String {
        match *self {
            DayStanding::Occupied => "A participant lives in the unit.".to_string(),
            DayStanding::AwaitingFirstParticipant { moves_in_on: Some(on) } => format!(
                "The newly leased unit waits for its first participant, who moves in on {}: rent can be paid for up to 90 days before.",
                us_date(on)
            ),
            DayStanding::AwaitingFirstParticipant { moves_in_on: None } => {
                "The newly leased unit waits for its first participant: rent can be paid for the lease's first 90 days.".to_string()
            }
            DayStanding::AfterVacancy { vacancy, last_day } => format!(
                "{}: payments can continue through {}, 30 days from the end of {}.",
                vacated(vacancy),
                us_date(last_day),
                month_words(vacancy.vacated_on)
            ),
            DayStanding::AwaitingNextParticipant { vacancy, moves_in_on } => format!(
                "{}: the next participant, already identified, moves in on {}, within 90 days.",
                vacated(vacancy),
                us_date(moves_in_on)
            ),
            DayStanding::BeforeLease { lease_start } => {
                format!("The lease starts on {}: nothing is owed before.", us_date(lease_start))
            }
            DayStanding::AfterLease { lease_end } => {
                format!("The lease ended on {}: nothing is owed after.", us_date(lease_end))
            }
            DayStanding::NotYetOccupied { moves_in_on: Some(on) } => format!(
                "Rental assistance cannot be paid on a vacant unit: it starts on {}, when the participant moves in.",
                us_date(on)
            ),
            DayStanding::NotYetOccupied { moves_in_on: None } => {
                "Rental assistance cannot be paid on a vacant unit: enter the day the participant moves in.".to_string()
            }
            DayStanding::TooEarlyBeforeMoveIn { moves_in_on, first_day } => format!(
                "Rent on a newly leased unit can be paid for at most 90 days before the first participant moves in on {}: from {} on.",
                us_date(moves_in_on),
                us_date(first_day)
            ),
            DayStanding::NoMoveInDate { last_day } => format!(
                "Rent on a newly leased unit can be paid for at most 90 days before the first participant moves in: with no move-in date, through {}. Enter the move-in date.",
                us_date(last_day)
            ),
            DayStanding::VacancyLimitPassed { vacancy, last_day } => format!(
                "{}: payments could continue only through {}, 30 days from the end of {}, until another participant moves in.",
                vacated(vacancy),
                us_date(last_day),
                month_words(vacancy.vacated_on)
            ),
            DayStanding::NextParticipantTooLate { vacancy, moves_in_on, latest, last_day } => format!(
                "{}: the next participant moves in on {}, later than 90 days after ({}), so payments could continue only through {}.",
                vacated(vacancy),
                us_date(moves_in_on),
                us_date(latest),
                us_date(last_day)
            ),
        }
    }
}

/// Consecutive days of a month that stand the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Stretch {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub standing: DayStanding,
}

/// What a payment for one month may cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MonthPayment {
    /// The first day of the month.
    pub month: NaiveDate,
    pub days_in_month: u32,
    pub covered_days: u32,
    /// The last day a payment for the month may cover; `None` when none.
    pub last_covered_day: Option<NaiveDate>,
    /// The month's days, in order, grouped by how they stand.
    pub stretches: Vec<Stretch>,
}

impl MonthPayment {
    /// Whether anything may be paid for the month.
    pub fn allowed(&self) -> bool {
        self.covered_days > 0
    }

    pub fn whole_month(&self) -> bool {
        self.covered_days == self.days_in_month
    }

    /// Why days of the month may not be paid for, one line per stretch, in
    /// plain words; empty for the whole month.
    pub fn reasons(&self) -> Vec<String> {
        self.stretches.iter().filter(|s| !s.standing.covered()).map(|s| s.standing.message()).collect()
    }
}

/// The last day payments may continue after a unit was vacated on
/// `vacated_on` (Guide, both options: "may continue for a maximum of 30 days
/// from the end of the month in which the unit was vacated").
pub fn vacancy_last_day(vacated_on: NaiveDate) -> NaiveDate {
    add_days(month_end(vacated_on), DAYS_AFTER_MONTH_VACATED)
}

/// The first day rent may be paid for a newly master-leased unit whose first
/// participant moves in on `moves_in_on` (Guide: "up to 90 days prior to
/// occupancy"): the 90th day before it.
pub fn first_day_before_move_in(moves_in_on: NaiveDate) -> NaiveDate {
    moves_in_on.checked_sub_days(Days::new(DAYS_BEFORE_FIRST_OCCUPANCY)).unwrap_or(NaiveDate::MIN)
}

/// The latest move-in of the next participant that lets master-lease rent
/// continue past the 30 days (Guide: "will occupy the unit within 90 days of
/// when a program participant moves out"): the 90th day after the move-out.
pub fn latest_next_move_in(vacated_on: NaiveDate) -> NaiveDate {
    add_days(vacated_on, DAYS_TO_NEXT_OCCUPANCY)
}

/// How `day` stands for a payment on the lease (Guide: Leasing Requirements).
/// Rental Assistance Option: "The grantee cannot make rental assistance
/// payments on a vacant unit except: If a unit assisted under this program
/// is vacated before the expiration of the lease, the assistance for the
/// unit may continue for a maximum of 30 days from the end of the month in
/// which the unit was vacated, unless occupied by another eligible
/// participant; No additional assistance will be paid until the unit is
/// occupied by another eligible participant". Master Lease Option: "When a
/// unit is newly leased by a grantee, rent can be paid out of program funds
/// for up to 90 days prior to occupancy by a program participant", and after
/// a move-out "for a maximum of 30 days from the end of the month in which
/// the unit was vacated, unless: The unit is occupied by another eligible
/// program participant; or Another eligible program participant has been
/// identified for occupancy in the unit and will occupy the unit within 90
/// days of when a program participant moves out of the unit". Both: "Stays
/// in long-term care facilities, specialized mental health rehabilitation
/// facilities (SMHRFs), or correctional facilities of less than six months
/// are not considered vacancies." See the module notes for the readings.
pub fn day_standing(lease: &LeaseOccupancy, day: NaiveDate) -> DayStanding {
    if day < lease.lease_start {
        return DayStanding::BeforeLease { lease_start: lease.lease_start };
    }
    if let Some(lease_end) = lease.lease_end.filter(|end| day > *end) {
        return DayStanding::AfterLease { lease_end };
    }
    if lease.next_participant.is_some_and(|n| n.moves_in_on <= day) {
        return DayStanding::Occupied;
    }
    match lease.moved_in_on {
        Some(on) if on <= day => {}
        moves_in_on => return before_first_move_in(lease, moves_in_on, day),
    }
    match vacancy_on(lease, day) {
        Some(vacancy) => after_vacancy(lease, vacancy, day),
        None => DayStanding::Occupied,
    }
}

/// What a payment for the month holding `month` (any day of it) may cover.
pub fn month_payment(lease: &LeaseOccupancy, month: NaiveDate) -> MonthPayment {
    let first = month_start(month);
    let last = month_end(month);
    let mut stretches: Vec<Stretch> = Vec::new();
    for day in first.iter_days().take_while(|d| *d <= last) {
        let standing = day_standing(lease, day);
        match stretches.last_mut() {
            Some(s) if s.standing == standing => s.last_day = day,
            _ => stretches.push(Stretch { first_day: day, last_day: day, standing }),
        }
    }
    let covered = || stretches.iter().filter(|s| s.standing.covered());
    let covered_days = covered().map(|s| days_between(s.first_day, s.last_day)).sum();
    let last_covered_day = covered().map(|s| s.last_day).next_back();
    MonthPayment { month: first, days_in_month: last.day(), covered_days, last_covered_day, stretches }
}

fn before_first_move_in(lease: &LeaseOccupancy, moves_in_on: Option<NaiveDate>, day: NaiveDate) -> DayStanding {
    match (lease.option, moves_in_on) {
        (LeasingOption::RentalAssistance, _) => DayStanding::NotYetOccupied { moves_in_on },
        (LeasingOption::MasterLease, Some(on)) => {
            let first_day = first_day_before_move_in(on);
            if day >= first_day {
                DayStanding::AwaitingFirstParticipant { moves_in_on }
            } else {
                DayStanding::TooEarlyBeforeMoveIn { moves_in_on: on, first_day }
            }
        }
        (LeasingOption::MasterLease, None) => {
            let last_day = add_days(lease.lease_start, DAYS_BEFORE_FIRST_OCCUPANCY - 1);
            if day <= last_day {
                DayStanding::AwaitingFirstParticipant { moves_in_on }
            } else {
                DayStanding::NoMoveInDate { last_day }
            }
        }
    }
}

/// The vacancy `day` falls in, after the participant moved in: after the
/// move-out day, or during a stay of six months or more; the earlier when both.
fn vacancy_on(lease: &LeaseOccupancy, day: NaiveDate) -> Option<Vacancy> {
    let moved_out = lease.moved_out_on.filter(|out| day > *out).map(|out| Vacancy { vacated_on: out, stay: None });
    let stays = lease
        .stays
        .iter()
        .filter(|s| s.entered_on <= day && s.left_on.is_none_or(|left| day < left))
        .filter(|s| stay_is_vacancy(s.entered_on, s.left_on, day))
        .map(|s| Vacancy { vacated_on: s.entered_on, stay: Some(s.facility) });
    moved_out.into_iter().chain(stays).min_by_key(|v| v.vacated_on)
}

fn after_vacancy(lease: &LeaseOccupancy, vacancy: Vacancy, day: NaiveDate) -> DayStanding {
    let last_day = vacancy_last_day(vacancy.vacated_on);
    if day <= last_day {
        return DayStanding::AfterVacancy { vacancy, last_day };
    }
    if let (LeasingOption::MasterLease, Some(next)) = (lease.option, lease.next_participant) {
        let latest = latest_next_move_in(vacancy.vacated_on);
        if next.moves_in_on > latest {
            return DayStanding::NextParticipantTooLate { vacancy, moves_in_on: next.moves_in_on, latest, last_day };
        }
        if next.identified_on <= day {
            return DayStanding::AwaitingNextParticipant { vacancy, moves_in_on: next.moves_in_on };
        }
    }
    DayStanding::VacancyLimitPassed { vacancy, last_day }
}

fn add_days(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

/// Days from `first` to `last`, both counted.
fn days_between(first: NaiveDate, last: NaiveDate) -> u32 {
    u32::try_from((last - first).num_days() + 1).unwrap_or(0)
}

fn vacated(vacancy: Vacancy) -> String {
    match vacancy.stay {
        None => format!("The participant moved out on {}", us_date(vacancy.vacated_on)),
        Some(facility) => format!(
            "The stay in {} that began on {} lasts six months or more, so the unit counts as vacated that day",
            facility_words(facility),
            us_date(vacancy.vacated_on)
        ),
    }
}

fn facility_words(facility: Facility) -> &'static str {
    match facility {
        Facility::LongTermCare => "a long-term care facility",
        Facility::Smhrf => "a specialized mental health rehabilitation facility (SMHRF)",
        Facility::Correctional => "a correctional facility",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;
    use DayStanding as S;
    use LeasingOption::*;

    /// A lease from January 1, 2026, the participant in since then.
    fn lease(option: LeasingOption) -> LeaseOccupancy {
        LeaseOccupancy {
            option,
            lease_start: d("2026-01-01"),
            lease_end: None,
            moved_in_on: Some(d("2026-01-01")),
            moved_out_on: None,
            next_participant: None,
            stays: vec![],
        }
    }

    fn moved_out(option: LeasingOption, on: &str) -> LeaseOccupancy {
        LeaseOccupancy { moved_out_on: Some(d(on)), ..lease(option) }
    }

    fn out(on: &str) -> Vacancy {
        Vacancy { vacated_on: d(on), stay: None }
    }

    fn next(identified: &str, moves_in: &str) -> Option<NextParticipant> {
        Some(NextParticipant { identified_on: d(identified), moves_in_on: d(moves_in) })
    }

    #[test]
    fn thirty_days_from_the_end_of_the_month_vacated() {
        // (vacated, last day payments may continue)
        let cases = [
            ("2026-05-12", "2026-06-30"), // June has 30 days: the month after, whole
            ("2026-05-31", "2026-06-30"),
            ("2026-05-01", "2026-06-30"),
            ("2026-06-12", "2026-07-30"), // July has 31: one day short of it
            ("2027-01-15", "2027-03-02"), // February of a common year
            ("2028-01-15", "2028-03-01"), // February 29
            ("2026-12-05", "2027-01-30"), // across a year end
        ];
        for (vacated, want) in cases {
            assert_eq!(vacancy_last_day(d(vacated)), d(want), "vacated {vacated}");
        }
    }

    #[test]
    fn payments_after_a_move_out_stop_after_the_thirtieth_day() {
        // (option, vacated, day, standing)
        let after = |v: &str, last: &str| S::AfterVacancy { vacancy: out(v), last_day: d(last) };
        let passed = |v: &str, last: &str| S::VacancyLimitPassed { vacancy: out(v), last_day: d(last) };
        let cases = [
            (RentalAssistance, "2026-05-12", "2026-05-12", S::Occupied), // the move-out day itself
            (RentalAssistance, "2026-05-12", "2026-05-13", after("2026-05-12", "2026-06-30")),
            (RentalAssistance, "2026-05-12", "2026-06-30", after("2026-05-12", "2026-06-30")),
            (RentalAssistance, "2026-05-12", "2026-07-01", passed("2026-05-12", "2026-06-30")),
            (MasterLease, "2026-05-12", "2026-06-30", after("2026-05-12", "2026-06-30")),
            (MasterLease, "2026-05-12", "2026-07-01", passed("2026-05-12", "2026-06-30")),
            (RentalAssistance, "2026-06-12", "2026-07-30", after("2026-06-12", "2026-07-30")),
            (RentalAssistance, "2026-06-12", "2026-07-31", passed("2026-06-12", "2026-07-30")),
            (RentalAssistance, "2028-01-15", "2028-02-29", after("2028-01-15", "2028-03-01")),
            (RentalAssistance, "2028-01-15", "2028-03-01", after("2028-01-15", "2028-03-01")),
            (RentalAssistance, "2028-01-15", "2028-03-02", passed("2028-01-15", "2028-03-01")),
            (RentalAssistance, "2027-01-15", "2027-03-02", after("2027-01-15", "2027-03-02")),
            (RentalAssistance, "2027-01-15", "2027-03-03", passed("2027-01-15", "2027-03-02")),
        ];
        for (option, vacated, day, want) in cases {
            assert_eq!(day_standing(&moved_out(option, vacated), d(day)), want, "{option:?}, out {vacated}, {day}");
        }
    }

    #[test]
    fn month_after_the_move_out_is_whole_the_next_is_nothing() {
        let l = moved_out(RentalAssistance, "2026-05-12");
        let may = month_payment(&l, d("2026-05-20"));
        assert_eq!(may.month, d("2026-05-01"));
        assert!(may.whole_month(), "occupied through the 12th, then the 30 days: {may:?}");
        assert_eq!(may.stretches.len(), 2);
        let june = month_payment(&l, d("2026-06-01"));
        assert!(june.whole_month());
        assert_eq!(june.last_covered_day, Some(d("2026-06-30")));
        let july = month_payment(&l, d("2026-07-01"));
        assert!(!july.allowed());
        assert_eq!((july.covered_days, july.last_covered_day), (0, None));
        assert_eq!(
            july.reasons(),
            ["The participant moved out on 05/12/2026: payments could continue only through 06/30/2026, 30 days from the end of May 2026, until another participant moves in."]
        );
    }

    #[test]
    fn a_month_partly_covered_says_through_which_day() {
        let july = month_payment(&moved_out(RentalAssistance, "2026-06-12"), d("2026-07-01"));
        assert!(july.allowed() && !july.whole_month());
        assert_eq!((july.days_in_month, july.covered_days, july.last_covered_day), (31, 30, Some(d("2026-07-30"))));
        let leap = month_payment(&moved_out(MasterLease, "2028-01-15"), d("2028-03-01"));
        assert_eq!((leap.covered_days, leap.last_covered_day), (1, Some(d("2028-03-01"))));
        let common = month_payment(&moved_out(MasterLease, "2027-01-15"), d("2027-03-01"));
        assert_eq!((common.covered_days, common.last_covered_day), (2, Some(d("2027-03-02"))));
        let feb = month_payment(&moved_out(MasterLease, "2028-01-15"), d("2028-02-01"));
        assert_eq!((feb.days_in_month, feb.covered_days), (29, 29), "leap February, all of it");
    }

    #[test]
    fn master_lease_rent_up_to_ninety_days_before_the_first_move_in() {
        let new_lease = |start: &str, moves_in: &str| LeaseOccupancy {
            lease_start: d(start),
            moved_in_on: Some(d(moves_in)),
            ..lease(MasterLease)
        };
        let waiting = |moves_in: &str| S::AwaitingFirstParticipant { moves_in_on: Some(d(moves_in)) };
        let early =
            |moves_in: &str, first: &str| S::TooEarlyBeforeMoveIn { moves_in_on: d(moves_in), first_day: d(first) };
        // (lease start, move-in, day, standing)
        let cases = [
            ("2025-12-01", "2026-04-01", "2026-01-01", waiting("2026-04-01")), // day 90 before
            ("2025-12-01", "2026-04-01", "2025-12-31", early("2026-04-01", "2026-01-01")), // day 91
            ("2025-12-01", "2026-04-01", "2026-03-31", waiting("2026-04-01")),
            ("2025-12-01", "2026-04-01", "2026-04-01", S::Occupied),
            ("2027-12-01", "2028-04-01", "2028-01-02", waiting("2028-04-01")), // February 29 counts
            ("2027-12-01", "2028-04-01", "2028-01-01", early("2028-04-01", "2028-01-02")),
            ("2026-02-15", "2026-04-01", "2026-02-14", S::BeforeLease { lease_start: d("2026-02-15") }),
        ];
        for (start, moves_in, day, want) in cases {
            assert_eq!(day_standing(&new_lease(start, moves_in), d(day)), want, "lease {start}, in {moves_in}, {day}");
        }
        let march = month_payment(&new_lease("2026-03-15", "2026-04-01"), d("2026-03-01"));
        assert_eq!((march.covered_days, march.last_covered_day), (17, Some(d("2026-03-31"))));
        assert_eq!(march.reasons(), ["The lease starts on 03/15/2026: nothing is owed before."]);
    }

    #[test]
    fn master_lease_with_no_move_in_date_the_first_ninety_days() {
        let l = LeaseOccupancy { moved_in_on: None, ..lease(MasterLease) };
        assert_eq!(day_standing(&l, d("2026-03-31")), S::AwaitingFirstParticipant { moves_in_on: None }, "day 90");
        assert_eq!(day_standing(&l, d("2026-04-01")), S::NoMoveInDate { last_day: d("2026-03-31") }, "day 91");
        let april = month_payment(&l, d("2026-04-10"));
        assert!(!april.allowed());
        assert_eq!(
            april.reasons(),
            ["Rent on a newly leased unit can be paid for at most 90 days before the first participant moves in: with no move-in date, through 03/31/2026. Enter the move-in date."]
        );
    }

    #[test]
    fn rental_assistance_starts_at_the_move_in() {
        let l = LeaseOccupancy {
            lease_start: d("2026-03-01"),
            moved_in_on: Some(d("2026-03-10")),
            ..lease(RentalAssistance)
        };
        assert_eq!(day_standing(&l, d("2026-03-09")), S::NotYetOccupied { moves_in_on: Some(d("2026-03-10")) });
        assert_eq!(day_standing(&l, d("2026-03-10")), S::Occupied);
        let march = month_payment(&l, d("2026-03-01"));
        assert_eq!((march.covered_days, march.last_covered_day), (22, Some(d("2026-03-31"))));
        let unknown = LeaseOccupancy { moved_in_on: None, ..l };
        assert_eq!(
            month_payment(&unknown, d("2026-03-01")).reasons(),
            ["Rental assistance cannot be paid on a vacant unit: enter the day the participant moves in."]
        );
    }

    #[test]
    fn master_lease_next_participant_within_ninety_days_of_the_move_out() {
        // Moved out January 10, 2026: the 30 days end March 2; day 90 is April 10.
        let with_next = |option, identified: &str, moves_in: &str| LeaseOccupancy {
            next_participant: next(identified, moves_in),
            ..moved_out(option, "2026-01-10")
        };
        let awaiting =
            |moves_in: &str| S::AwaitingNextParticipant { vacancy: out("2026-01-10"), moves_in_on: d(moves_in) };
        let passed = S::VacancyLimitPassed { vacancy: out("2026-01-10"), last_day: d("2026-03-02") };
        let too_late = S::NextParticipantTooLate {
            vacancy: out("2026-01-10"),
            moves_in_on: d("2026-04-11"),
            latest: d("2026-04-10"),
            last_day: d("2026-03-02"),
        };
        // (option, identified, moves in, day, standing)
        let cases = [
            (
                MasterLease,
                "2026-02-01",
                "2026-04-10",
                "2026-03-02",
                S::AfterVacancy { vacancy: out("2026-01-10"), last_day: d("2026-03-02") },
            ),
            (MasterLease, "2026-02-01", "2026-04-10", "2026-03-03", awaiting("2026-04-10")), // day 90: allowed
            (MasterLease, "2026-02-01", "2026-04-10", "2026-04-09", awaiting("2026-04-10")),
            (MasterLease, "2026-02-01", "2026-04-10", "2026-04-10", S::Occupied),
            (MasterLease, "2026-02-01", "2026-04-11", "2026-03-03", too_late), // day 91: only the 30 days
            (MasterLease, "2026-02-01", "2026-04-11", "2026-04-11", S::Occupied),
            (MasterLease, "2026-03-20", "2026-04-05", "2026-03-19", passed), // not yet identified
            (MasterLease, "2026-03-20", "2026-04-05", "2026-03-20", awaiting("2026-04-05")),
            (RentalAssistance, "2026-02-01", "2026-04-10", "2026-03-03", passed), // no such exception
            (RentalAssistance, "2026-02-01", "2026-04-10", "2026-04-10", S::Occupied),
        ];
        for (option, identified, moves_in, day, want) in cases {
            let l = with_next(option, identified, moves_in);
            assert_eq!(day_standing(&l, d(day)), want, "{option:?}, identified {identified}, in {moves_in}, {day}");
        }
        assert_eq!(
            too_late.message(),
            "The participant moved out on 01/10/2026: the next participant moves in on 04/11/2026, later than 90 days after (04/10/2026), so payments could continue only through 03/02/2026."
        );
    }

    #[test]
    fn a_month_can_stop_and_start_again() {
        let l = LeaseOccupancy {
            next_participant: next("2026-03-18", "2026-03-20"),
            ..moved_out(RentalAssistance, "2026-01-15")
        };
        let march = month_payment(&l, d("2026-03-01"));
        let spans: Vec<(NaiveDate, NaiveDate, bool)> =
            march.stretches.iter().map(|s| (s.first_day, s.last_day, s.standing.covered())).collect();
        assert_eq!(
            spans,
            [
                (d("2026-03-01"), d("2026-03-02"), true),
                (d("2026-03-03"), d("2026-03-19"), false),
                (d("2026-03-20"), d("2026-03-31"), true),
            ]
        );
        assert_eq!((march.covered_days, march.last_covered_day), (14, Some(d("2026-03-31"))));
    }

    #[test]
    fn stays_under_six_months_are_not_vacancies() {
        let stay = |left: Option<&str>| LeaseOccupancy {
            stays: vec![FacilityStay {
                facility: Facility::Correctional,
                entered_on: d("2026-03-15"),
                left_on: left.map(d),
            }],
            ..lease(RentalAssistance)
        };
        let vacancy = Vacancy { vacated_on: d("2026-03-15"), stay: Some(Facility::Correctional) };
        let after = S::AfterVacancy { vacancy, last_day: d("2026-04-30") };
        let passed = S::VacancyLimitPassed { vacancy, last_day: d("2026-04-30") };
        // (left on, day, standing)
        let cases = [
            (Some("2026-09-14"), "2026-05-01", S::Occupied), // five months and 30 days
            (Some("2026-09-14"), "2026-09-13", S::Occupied),
            (Some("2026-09-15"), "2026-04-30", after), // six months: vacated the day it began
            (Some("2026-09-15"), "2026-05-01", passed),
            (Some("2026-09-15"), "2026-09-15", S::Occupied), // back home
            (None, "2026-09-14", S::Occupied),               // still there, not yet six months
            (None, "2026-09-15", passed),
        ];
        for (left, day, want) in cases {
            assert_eq!(day_standing(&stay(left), d(day)), want, "left {left:?}, {day}");
        }
        assert_eq!(
            passed.message(),
            "The stay in a correctional facility that began on 03/15/2026 lasts six months or more, so the unit counts as vacated that day: payments could continue only through 04/30/2026, 30 days from the end of March 2026, until another participant moves in."
        );
        // A stay reaching six months on the last day of February.
        let leap = LeaseOccupancy {
            stays: vec![FacilityStay { facility: Facility::Smhrf, entered_on: d("2027-08-31"), left_on: None }],
            ..lease(MasterLease)
        };
        assert_eq!(day_standing(&leap, d("2028-02-28")), S::Occupied);
        assert!(!day_standing(&leap, d("2028-02-29")).covered());
    }

    #[test]
    fn a_move_out_during_a_long_stay_counts_from_the_stay() {
        let l = LeaseOccupancy {
            moved_out_on: Some(d("2026-10-01")),
            stays: vec![FacilityStay {
                facility: Facility::LongTermCare,
                entered_on: d("2026-03-15"),
                left_on: Some(d("2026-12-01")),
            }],
            ..lease(RentalAssistance)
        };
        let vacancy = Vacancy { vacated_on: d("2026-03-15"), stay: Some(Facility::LongTermCare) };
        assert_eq!(day_standing(&l, d("2026-10-02")), S::VacancyLimitPassed { vacancy, last_day: d("2026-04-30") });
        assert!(!day_standing(&l, d("2026-12-02")).covered(), "moved out: the return from the stay is not a move-in");
    }

    #[test]
    fn nothing_outside_the_lease() {
        let ends_at_move_out =
            LeaseOccupancy { lease_end: Some(d("2026-06-30")), ..moved_out(RentalAssistance, "2026-06-30") };
        let july = month_payment(&ends_at_move_out, d("2026-07-01"));
        assert!(!july.allowed());
        assert_eq!(july.reasons(), ["The lease ended on 06/30/2026: nothing is owed after."]);
        let ends_mid_vacancy =
            LeaseOccupancy { lease_end: Some(d("2026-06-15")), ..moved_out(MasterLease, "2026-05-12") };
        let june = month_payment(&ends_mid_vacancy, d("2026-06-01"));
        assert_eq!((june.covered_days, june.last_covered_day), (15, Some(d("2026-06-15"))));
    }

    #[test]
    fn covered_standings_in_plain_words() {
        let cases = [
            (S::Occupied, "A participant lives in the unit."),
            (
                S::AwaitingFirstParticipant { moves_in_on: Some(d("2026-04-01")) },
                "The newly leased unit waits for its first participant, who moves in on 04/01/2026: rent can be paid for up to 90 days before.",
            ),
            (
                S::AfterVacancy { vacancy: out("2026-06-12"), last_day: d("2026-07-30") },
                "The participant moved out on 06/12/2026: payments can continue through 07/30/2026, 30 days from the end of June 2026.",
            ),
            (
                S::TooEarlyBeforeMoveIn { moves_in_on: d("2026-04-01"), first_day: d("2026-01-01") },
                "Rent on a newly leased unit can be paid for at most 90 days before the first participant moves in on 04/01/2026: from 01/01/2026 on.",
            ),
        ];
        for (standing, want) in cases {
            assert_eq!(standing.message(), want);
        }
    }

    #[test]
    fn standings_cross_to_the_ui_tagged_in_snake_case() {
        let s = S::NoMoveInDate { last_day: d("2026-03-31") };
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"kind":"no_move_in_date","last_day":"2026-03-31"}"#);
        assert_eq!(serde_json::to_string(&Facility::LongTermCare).unwrap(), r#""long_term_care""#);
    }
}
