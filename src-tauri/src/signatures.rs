//! Signatures drawn on screen with a mouse, pen or finger for the signed
//! income calculation summary (Guide: Income Eligibility requires the
//! grantee's and the participant's signatures). A signature is kept as its
//! strokes, points from 0 to 1 across a box three times as wide as tall, so
//! it prints as sharp lines at any size.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Session;
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::store::{self as db, Store};
use crate::validation::ValidationErrors;

/// Who signs the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Signer {
    Participant,
    Staff,
}

impl Signer {
    pub fn code(self) -> &'static str {
        match self {
            Signer::Participant => "participant",
            Signer::Staff => "staff",
        }
    }
}

/// One line drawn without lifting the pen: points `[x, y]`, each from 0 to 1.
pub type Stroke = Vec<[f32; 2]>;

/// A signature as drawn.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignatureInput {
    pub signer: Signer,
    pub strokes: Vec<Stroke>,
}

/// A signature as kept and printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Signature {
    pub signer: Signer,
    pub signer_name: String,
    pub strokes: Vec<Stroke>,
    /// RFC 3339, UTC.
    pub signed_at: String,
}

/// The fewest points a signature must have: a dot or a slip is not one.
const MIN_POINTS: usize = 8;
const MAX_POINTS: usize = 20_000;

/// Checks a drawn signature: enough ink, every point inside the box.
pub fn check(input: &SignatureInput) -> Result<(), ValidationErrors> {
    let points: usize = input.strokes.iter().map(Vec::len).sum();
    let field = input.signer.code();
    if points < MIN_POINTS {
        return Err(ValidationErrors::single(field, "Sign in the box: draw the signature, then save it."));
    }
    if points > MAX_POINTS {
        return Err(ValidationErrors::single(field, "The signature has too many points. Clear it and sign again."));
    }
    let inside = |v: f32| v.is_finite() && (0.0..=1.0).contains(&v);
    if !input.strokes.iter().flatten().all(|[x, y]| inside(*x) && inside(*y)) {
        return Err(ValidationErrors::single(field, "The signature goes outside its box. Clear it and sign again."));
    }
    Ok(())
}

/// Keeps a signature for a saved calculation; each signer signs once.
pub fn sign(
    store: &mut Store,
    session: &Session,
    calculation_id: i64,
    input: &SignatureInput,
    when: Moment,
) -> Result<Signature, DeskError> {
    check(input)?;
    let row = db::reference::calculation(store.conn(), calculation_id)?.ok_or(DeskError::NotFound("calculation"))?;
    let participant =
        db::participants::get(store.conn(), row.participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let signer_name = match input.signer {
        Signer::Participant => participant.details.legal_name,
        Signer::Staff => session.full_name.clone(),
    };
    let strokes = serde_json::to_string(&input.strokes).map_err(|e| db::StoreError::Invariant(e.to_string()))?;
    let signed_at = db::audit::timestamp(when.at);
    store.with_tx(|tx| {
        let added = db::reference::insert_signature(
            tx,
            calculation_id,
            input.signer.code(),
            &signer_name,
            &strokes,
            &signed_at,
            session.staff_id,
        )?;
        if !added {
            return Err(ValidationErrors::single(input.signer.code(), "This summary is already signed here.").into());
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Signature,
            entity_id: Some(calculation_id),
            changes: vec![
                Change { field: "signer".into(), old: None, new: Some(input.signer.code().into()) },
                Change { field: "signer_name".into(), old: None, new: Some(signer_name.clone()) },
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    Ok(Signature { signer: input.signer, signer_name, strokes: input.strokes.clone(), signed_at })
}

/// The signatures on a calculation's summary as the window shows them: for
/// those who may see the participant's record; the view is audited.
pub fn summary_signatures(
    store: &Store,
    session: &Session,
    calculation_id: i64,
    when: Moment,
) -> Result<Vec<Signature>, DeskError> {
    crate::access::require_calculation(store, session, calculation_id)?;
    let participant_id = db::reference::calculation(store.conn(), calculation_id)?
        .ok_or(DeskError::NotFound("calculation"))?
        .participant_id;
    let shown = for_calculation(store, calculation_id)?;
    crate::audit::record_view(store, session, participant_id, crate::audit::RecordPart::Signatures, when)?;
    Ok(shown)
}

/// The signatures captured for a calculation.
pub fn for_calculation(store: &Store, calculation_id: i64) -> Result<Vec<Signature>, DeskError> {
    db::reference::signatures_for(store.conn(), calculation_id)?
        .into_iter()
        .map(|(signer, signer_name, strokes, signed_at)| {
            let signer = match signer.as_str() {
                "participant" => Signer::Participant,
                _ => Signer::Staff,
            };
            let strokes = serde_json::from_str(&strokes).map_err(|e| db::StoreError::Invariant(e.to_string()))?;
            Ok(Signature { signer, signer_name, strokes, signed_at })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(points: usize, y: f32) -> SignatureInput {
        let stroke = (0..points).map(|i| [i as f32 / points as f32, y]).collect();
        SignatureInput { signer: Signer::Participant, strokes: vec![stroke] }
    }

    #[test]
    fn a_signature_needs_ink_inside_its_box() {
        assert!(check(&input(30, 0.5)).is_ok());
        assert_eq!(check(&input(3, 0.5)).unwrap_err().0[0].field, "participant", "a dot is not a signature");
        assert!(check(&input(30, 1.5)).is_err(), "outside the box");
        assert!(check(&input(30, f32::NAN)).is_err());
    }
}
