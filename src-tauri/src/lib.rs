//! Housing Desk: the library behind the window (`housing-desk`) and the
//! command line (`hdesk`). See ARCHITECTURE.md for the layers.

pub mod access;
pub mod accounts;
pub mod app;
pub mod attachments;
pub mod audit;
mod bindings;
pub mod calc;
pub mod casework;
pub mod commands;
pub mod comparisons;
pub mod dashboard;
pub mod desk;
pub mod documents;
pub mod engagement;
pub mod error;
pub mod housing_documents;
pub mod incentives;
pub mod income_calc;
pub mod inspections;
pub mod landlords;
pub mod lease_documents;
pub mod leases;
pub mod ledger;
pub mod lists;
pub mod office;
pub mod participants;
pub mod paths;
pub mod payment_check;
pub mod payment_run;
pub mod reference;
pub mod rules;
pub mod screening;
pub mod signatures;
pub mod store;
pub mod units;
pub mod validation;
