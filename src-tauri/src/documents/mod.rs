//! PDFs, Letter size: a small layout kit ([`layout`]) and one file per
//! document. Names print in an embedded Unicode font (DejaVu Sans), so
//! "Nguyễn" and "Łukasz" come out as written.

pub mod deficiency_notice;
pub mod disclosure_notice;
pub mod hap_contract;
pub mod income_summary;
pub mod inspection_report;
pub mod layout;
pub mod lease_packet;
pub mod payment_register;
pub mod quarterly_summary;
pub mod rent_reasonableness;
pub mod sublease;
pub mod templates;
pub mod utility_worksheet;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the embedded font could not be read")]
    Font,
    /// The document's data cannot make a true document; says what to correct.
    #[error("{0}")]
    Invalid(String),
}
