//! The office's money documents from the records: the payment register of
//! a monthly run (the lease packet joins it next).

use chrono::NaiveDate;

use crate::accounts::Session;
use crate::error::DeskError;
use crate::store::Store;
use crate::validation::Choice;

/// The payment register of run `run_id`: the PDF and the CSV export for the
/// finance office, each with its file name.
pub fn payment_register(
    store: &Store,
    session: &Session,
    run_id: i64,
    today: NaiveDate,
) -> Result<((String, Vec<u8>), (String, Vec<u8>)), DeskError> {
    use crate::documents::payment_register::{
        self as register, PaymentRegister, RegisterLine, RegisterStatus, Signoff,
    };
    use crate::payment_run::{self, RunStatus};
    let run = payment_run::get(store, session, run_id)?;
    let office = crate::store::office::get(store.conn())?.ok_or(DeskError::NotFound("office"))?;
    let day = |at: &Option<String>| at.as_deref().and_then(|t| t.get(..10)).and_then(crate::validation::parse_date);
    let approved =
        || Signoff { by: run.approved_by.clone().unwrap_or_default(), on: day(&run.approved_at).unwrap_or(today) };
    let status = match run.status {
        RunStatus::Prepared | RunStatus::Discarded => RegisterStatus::Preview,
        RunStatus::Approved => RegisterStatus::Approved(approved()),
        RunStatus::Posted => RegisterStatus::Posted {
            approved: approved(),
            posted: Signoff {
                by: run.posted_by.clone().unwrap_or_default(),
                on: run.paid_on.or(day(&run.posted_at)).unwrap_or(today),
            },
        },
    };
    let identifier = format!("RUN-{:06}", run.id);
    let data = PaymentRegister {
        office_name: office.grantee_name.clone(),
        program: office.program.label().to_string(),
        month: run.month,
        status,
        prepared_by: run.prepared_by.clone(),
        prepared_on: day(&Some(run.prepared_at.clone())).unwrap_or(today),
        identifier: identifier.clone(),
        lines: run
            .lines
            .iter()
            .map(|l| RegisterLine {
                category: l.category_label.clone(),
                payee: l.payee.clone(),
                participant: l.participant_name.clone().unwrap_or_default(),
                unit: l.unit_address.clone().unwrap_or_default(),
                period: payment_run::period_words(l.period_start, l.period_end),
                days: (l.days_covered < l.days_in_month).then_some((l.days_covered, l.days_in_month)),
                amount: l.amount,
                reference: None,
                note: l.note.clone(),
                held: l.held,
            })
            .collect(),
    };
    let name = format!("Payment register {} {}", run.month.format("%Y-%m"), identifier);
    let pdf = register::render(&data).map_err(invalid)?;
    let csv = register::csv(&data).map_err(invalid)?;
    Ok(((format!("{name}.pdf"), pdf), (format!("{name}.csv"), csv)))
}

fn invalid(e: crate::documents::DocumentError) -> DeskError {
    crate::validation::ValidationErrors::single("document", e.to_string()).into()
}
