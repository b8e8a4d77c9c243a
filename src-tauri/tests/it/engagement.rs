//! Engagement visits: logged, checked, audited, and counted by month.

use housing_desk::engagement::{self, Linkage, VisitInput};
use housing_desk::error::ApiError;
use housing_desk::rules::engagement::MonthStanding;

use crate::support::*;

fn visit(date: &str, kind: &str) -> VisitInput {
    VisitInput {
        visit_date: date.into(),
        kind: kind.into(),
        minutes: "45".into(),
        with_whom: "Participant and peer specialist".into(),
        notes: "Talked about the lease; went to the IOP intake together.".into(),
        linkages: vec!["substance_use_treatment".into(), "peer_recovery_group".into()],
    }
}

#[test]
fn visits_are_logged_and_each_month_is_judged() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let p = housing_desk::participants::create(store, &session, &participant("Kwame Mensah"), moment()).unwrap();

    let v = engagement::log_visit(store, &session, p.id, &visit("11/03/2026", "home"), moment()).unwrap();
    assert_eq!(v.linkages, [Linkage::SubstanceUseTreatment, Linkage::PeerRecoveryGroup]);
    engagement::log_visit(store, &session, p.id, &visit("2026-10-14", "community"), moment()).unwrap();
    engagement::log_visit(store, &session, p.id, &visit("2026-10-28", "home"), moment()).unwrap();
    engagement::log_visit(store, &session, p.id, &visit("2026-11-10", "phone"), moment()).unwrap();

    let o = engagement::overview(store, &session, p.id, moment()).unwrap();
    assert_eq!(o.visits.len(), 4);
    let standings: Vec<_> = o.months.iter().map(|m| (m.month.to_string(), m.visits, m.standing)).collect();
    assert_eq!(
        standings,
        [("2026-11-01".to_string(), 1, MonthStanding::AtRisk), ("2026-10-01".to_string(), 2, MonthStanding::Met)],
        "the phone call does not count; November has a week left"
    );

    let mut bad = visit("2026-11-24", "clinic");
    bad.minutes = "0".into();
    let err = ApiError::from(engagement::log_visit(store, &session, p.id, &bad, moment()).unwrap_err());
    let fields: Vec<_> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["visit_date", "kind", "minutes"]);

    // The newest change (the overview above was a view, audited too).
    let entry = &last_audit(store).0;
    assert_eq!(entry.entity, "engagement_visit");
    let changes = entry.changes.as_deref().unwrap();
    assert!(
        changes.contains("(written)") && !changes.contains("IOP intake"),
        "the audit trail notes that notes were written, not their words"
    );
}
