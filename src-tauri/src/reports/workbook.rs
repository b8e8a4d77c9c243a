//! The workbook kit: written by a helper; see reports/mod.rs.
