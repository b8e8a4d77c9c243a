//! The home page: how many people stand where, and who leaves a hospital,
//! jail, prison or detox soon (Guide: Referral Process asks grantees to
//! identify people "before hospital discharge, correctional system release").

use chrono::Days;
use serde::Serialize;
use ts_rs::TS;

use crate::desk::Moment;
use crate::error::DeskError;
use crate::participants::{ParticipantRow, ParticipantStatus};
use crate::store::{self as db, Store};
use crate::validation::Choice;

/// How far ahead the dashboard looks for discharges and releases.
pub const RELEASE_WINDOW_DAYS: u64 = 30;
const RELEASE_LIST_LENGTH: u32 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusCount {
    pub status: ParticipantStatus,
    pub label: String,
    #[ts(type = "number")]
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Dashboard {
    #[ts(type = "number")]
    pub total_participants: u64,
    /// Every status, in the program's order, zero where nobody has it.
    pub by_status: Vec<StatusCount>,
    /// Referred, screening or eligible people whose discharge or release
    /// date is within the window (including any already past by up to a week).
    pub upcoming_releases: Vec<ParticipantRow>,
    #[ts(type = "number")]
    pub release_window_days: u64,
}

pub fn summary(store: &Store, when: Moment) -> Result<Dashboard, DeskError> {
    let counts = db::participants::count_by_status(store.conn())?;
    let by_status: Vec<StatusCount> = ParticipantStatus::ALL
        .iter()
        .map(|&status| StatusCount {
            status,
            label: status.label().to_string(),
            count: counts.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n),
        })
        .collect();
    let from = when.today.checked_sub_days(Days::new(7)).unwrap_or(when.today);
    let to = when.today.checked_add_days(Days::new(RELEASE_WINDOW_DAYS)).unwrap_or(when.today);
    Ok(Dashboard {
        total_participants: by_status.iter().map(|s| s.count).sum(),
        by_status,
        upcoming_releases: db::participants::upcoming_releases(store.conn(), from, to, RELEASE_LIST_LENGTH)?,
        release_window_days: RELEASE_WINDOW_DAYS,
    })
}
