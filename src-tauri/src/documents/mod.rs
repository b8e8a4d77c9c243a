//! PDFs, Letter size: a small layout kit ([`layout`]) and one file per
//! document. Names print in an embedded Unicode font (DejaVu Sans), so
//! "Nguyễn" and "Łukasz" come out as written.

pub mod deficiency_notice;
pub mod income_summary;
pub mod inspection_report;
pub mod layout;
pub mod rent_reasonableness;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the embedded font could not be read")]
    Font,
    /// The document's data cannot make a true document; says what to correct.
    #[error("{0}")]
    Invalid(String),
}
