//! The Guide's reporting (Guide: Data Reporting): the monthly participant
//! workbook, the quarterly performance and financial reports, their due
//! dates and history, and the HMIS CSV export.

pub mod hmis_csv;
pub mod workbook;
