//! Integration tests: the library on real, temporary encrypted databases.
//! One test binary so the 2-core machine links once.
//!
//! The keyring tests use the real OS keyring: run them through `make test`,
//! which starts a throwaway Secret Service (dbus-run-session with
//! gnome-keyring) so nothing touches a person's own keyring.

mod audit;
mod backup;
mod charts;
mod consents;
mod crash;
mod desk;
mod engagement;
mod faults;
mod hdesk;
mod hmis;
mod housing;
mod income;
mod journey;
mod lease_documents;
mod lockout;
mod money;
mod permissions;
mod props;
mod quarterly;
mod reference;
mod reports;
mod restore;
mod store;
mod support;
mod tidy;
