//! The Program Guide's rules as pure functions: no database, no clock, no
//! Tauri. Each cites the section of the Guide (or of 24 CFR Part 5) it
//! implements, and answers plain values the UI shows step by step.

pub mod due;
pub mod eligibility;
pub mod engagement;
pub mod incentives;
pub mod income;
pub mod inspection;
pub mod money;
pub mod payment_standard;
pub mod recertification;
pub mod rent;
pub mod rent_reasonableness;
pub mod utility_allowance;

pub use money::{Money, WholeDollars};
