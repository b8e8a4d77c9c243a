//! HMIS CSV (FY2026): written by a helper; see reports/mod.rs.
