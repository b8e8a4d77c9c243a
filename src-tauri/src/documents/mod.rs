//! PDFs, Letter size: a small layout kit ([`layout`]) and one file per
//! document. Names print in an embedded Unicode font (DejaVu Sans), so
//! "Nguyễn" and "Łukasz" come out as written.

pub mod income_summary;
pub mod layout;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the embedded font could not be read")]
    Font,
}
