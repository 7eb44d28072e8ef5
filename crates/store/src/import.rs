//! Importing customers and their vehicles from an old system's export
//! (`caredesk_import` reads the file): the dry run ([`plan`]) says what each
//! row would do, and [`commit`] writes it in batches.
//!
//! A row is checked by the forms' rules (`CustomerInput::validate`,
//! `VehicleInput::validate`) and matched against the archive: the same VIN is
//! that vehicle and its owner; else the same plate; else the same phone is
//! that customer. What the row leaves empty is "not given" and keeps what the
//! archive holds, so importing the same file again skips every row. Marketing
//! consent is taken only from a column that gives it.
//!
//! Writes go through `customers` and `vehicles` (the same checks as the forms),
//! with the file and row noted in every audit entry (`importedFrom`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use caredesk_domain::archive::{Customer, CustomerInput, NewCustomer, Vehicle, VehicleInput};
use caredesk_domain::audit::FieldChange;
use caredesk_domain::{Action, Actor, CustomerId, ErrorKind, Issue, RecordRef, VehicleId, validate};
use caredesk_import::{DuplicateKey, Field, ImportRow, RowIssue};
use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::engine::{Read, Write};
use crate::error::{Result, StoreError};
use crate::{Database, Now, customers, vehicles};

/// What committing a row would do, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Outcome {
    /// A customer the archive does not have, with the row's vehicle.
    New {
        /// An earlier row of the file creates the same customer (same mobile
        /// and name): this row adds its vehicle to that customer.
        #[ts(optional)]
        same_customer_as: Option<u32>,
    },
    /// The row brings values the archive lacks or holds otherwise.
    Update {
        customer: RecordRef,
        /// The customer's vehicle the row describes; `None` adds the row's vehicle.
        #[ts(optional)]
        vehicle: Option<VehicleId>,
        /// `vehicle.` before a vehicle's field.
        changes: Vec<FieldChange>,
    },
    /// Everything the row says is already so.
    Skip { customer: RecordRef },
    /// The row's VIN, plate and phones point at different records; nothing is written.
    Conflict { customers: Vec<RecordRef>, field: Field, message: String },
    /// Cells that could not be converted (`cells`) or values the rules refuse.
    Invalid { issues: Vec<Issue>, cells: Vec<RowIssue> },
}

/// One row of the file, checked and matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Planned {
    /// 0-based, as [`ImportRow::row`]; the spreadsheet shows `row + 1`.
    pub row: u32,
    /// What the row gives, normalised; empty text and `None` are "not given".
    pub customer: CustomerInput,
    /// Marketing consent, only when a column gives it.
    #[ts(optional)]
    pub marketing_consent: Option<bool>,
    #[ts(optional)]
    pub vehicle: Option<VehicleInput>,
    pub outcome: Outcome,
}

/// A row that was not written, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FailedRow {
    pub row: u32,
    pub issues: Vec<Issue>,
    pub cells: Vec<RowIssue>,
}

/// What a commit did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub imported: u32,
    pub updated: u32,
    pub skipped: u32,
    pub failed: u32,
    pub failed_rows: Vec<FailedRow>,
    /// Stopped by the user: rows after the last whole batch were not looked at.
    pub cancelled: bool,
}

/// The row as a customer and vehicle form, and what it gives.
struct Given {
    customer: CustomerInput,
    consent: Option<bool>,
    vehicle: Option<VehicleInput>,
}

/// The form's field name as the import's [`Field`] names it, so every issue of
/// a row points at a mapped column.
fn field_name(form_field: &str) -> String {
    match form_field {
        "name" => Field::CustomerName.as_str().to_owned(),
        f if f.starts_with("otherPhones") => Field::OtherPhone.as_str().to_owned(),
        f => f.to_owned(),
    }
}

fn renamed(mut issue: Issue) -> Issue {
    issue.field = issue.field.map(|f| field_name(&f));
    issue
}

/// Each given value normalised by its field's rule; a value the rule refuses
/// is an issue (the whole form is checked again once merged).
fn given(row: &ImportRow, today: NaiveDate) -> (Given, Vec<Issue>) {
    let mut issues = Vec::new();
    let mut take = |result: std::result::Result<String, Issue>| match result {
        Ok(value) => value,
        Err(issue) => {
            issues.push(renamed(issue));
            String::new()
        }
    };
    // As `validate::optional_text` normalises; lengths are checked on the merged form.
    let text = |field: Field| validate::fold_alphanumerics(row.value(field)).trim().to_owned();
    let filled = |field: Field| !row.value(field).trim().is_empty();
    let date = |field: Field, past: bool| -> std::result::Result<String, Issue> {
        let value = Some(row.value(field)).filter(|v| !v.trim().is_empty());
        let checked = if past {
            validate::past_date(field.as_str(), value, today)
        } else {
            validate::date(field.as_str(), value)
        };
        checked.map(|d| d.map(|d| d.to_string()).unwrap_or_default())
    };
    let number = |field: Field| -> std::result::Result<String, Issue> {
        let value = text(field);
        if value.is_empty() || value.parse::<u32>().is_ok() {
            Ok(value)
        } else {
            Err(Issue::new(ErrorKind::OutOfRange, field.as_str(), format!("{value} is not a whole number")))
        }
    };

    let mobile = if filled(Field::Mobile) {
        take(validate::mobile("mobile", row.value(Field::Mobile)))
    } else {
        String::new()
    };
    let other = if filled(Field::OtherPhone) {
        take(validate::phone("otherPhone", row.value(Field::OtherPhone)))
    } else {
        String::new()
    };
    let birthday = take(date(Field::Birthday, true));
    let customer = CustomerInput {
        name: text(Field::CustomerName),
        mobile,
        other_phones: if other.is_empty() { Vec::new() } else { vec![other] },
        address: text(Field::Address),
        notes: text(Field::Notes),
        birthday: Some(birthday).filter(|b| !b.is_empty()),
        ..CustomerInput::default()
    };
    let consent = match row.value(Field::MarketingConsent) {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    };

    const VEHICLE: [Field; 11] = [
        Field::Plate,
        Field::Vin,
        Field::Brand,
        Field::Model,
        Field::ModelYear,
        Field::Colour,
        Field::PurchaseDate,
        Field::WarrantyEnd,
        Field::MileageKm,
        Field::InsuranceExpiry,
        Field::AnnualInspectionDue,
    ];
    let vehicle = VEHICLE.iter().any(|f| filled(*f)).then(|| {
        let plate = if filled(Field::Plate) {
            take(validate::plate("plate", row.value(Field::Plate)))
        } else {
            String::new()
        };
        let vin = if filled(Field::Vin) {
            take(validate::vin("vin", row.value(Field::Vin), false))
        } else {
            String::new()
        };
        let model_year = take(number(Field::ModelYear));
        let mileage = take(number(Field::MileageKm));
        let purchase_date = take(date(Field::PurchaseDate, true));
        let warranty_end = take(date(Field::WarrantyEnd, false));
        let insurance_expiry = take(date(Field::InsuranceExpiry, false));
        let annual_inspection_due = take(date(Field::AnnualInspectionDue, false));
        let some = |s: String| Some(s).filter(|s| !s.is_empty());
        VehicleInput {
            plate,
            vin,
            brand: text(Field::Brand),
            model: text(Field::Model),
            model_year: model_year.parse().ok(),
            colour: text(Field::Colour),
            purchase_date: some(purchase_date),
            warranty_end: some(warranty_end),
            mileage_km: mileage.parse().ok(),
            insurance_expiry: some(insurance_expiry),
            annual_inspection_due: some(annual_inspection_due),
            ..VehicleInput::default()
        }
    });
    (Given { customer, consent, vehicle }, issues)
}

/// The stored customer's form with what the row gives put over it.
fn merge_customer(stored: CustomerInput, given: &CustomerInput, consent: Option<bool>) -> CustomerInput {
    let pick = |stored: String, given: &str| if given.is_empty() { stored } else { given.to_owned() };
    let mut other_phones = stored.other_phones.clone();
    for phone in &given.other_phones {
        if !other_phones.contains(phone) && *phone != stored.mobile && *phone != given.mobile {
            other_phones.push(phone.clone());
        }
    }
    CustomerInput {
        name: pick(stored.name, &given.name),
        mobile: pick(stored.mobile, &given.mobile),
        other_phones,
        address: pick(stored.address, &given.address),
        notes: pick(stored.notes, &given.notes),
        birthday: given.birthday.clone().or(stored.birthday),
        marketing_consent: consent.unwrap_or(stored.marketing_consent),
        ..stored
    }
}

/// The stored vehicle's form with what the row gives put over it.
fn merge_vehicle(stored: VehicleInput, given: &VehicleInput) -> VehicleInput {
    let pick = |stored: String, given: &str| if given.is_empty() { stored } else { given.to_owned() };
    VehicleInput {
        plate: pick(stored.plate, &given.plate),
        vin: pick(stored.vin, &given.vin),
        brand: pick(stored.brand, &given.brand),
        model: pick(stored.model, &given.model),
        model_year: given.model_year.or(stored.model_year),
        colour: pick(stored.colour, &given.colour),
        purchase_date: given.purchase_date.clone().or(stored.purchase_date),
        warranty_end: given.warranty_end.clone().or(stored.warranty_end),
        mileage_km: given.mileage_km.or(stored.mileage_km),
        insurance_expiry: given.insurance_expiry.clone().or(stored.insurance_expiry),
        annual_inspection_due: given.annual_inspection_due.clone().or(stored.annual_inspection_due),
        ..stored
    }
}

fn reference(customer: &Customer) -> RecordRef {
    RecordRef { customer_id: customer.id, label: customer.name.clone() }
}

fn vehicle_where(conn: &(impl Read + ?Sized), column: &str, value: &str) -> Result<Option<Vehicle>> {
    if value.is_empty() {
        return Ok(None);
    }
    let found = conn.optional(&format!("SELECT id FROM vehicles WHERE {column} = ?1"), params![value])?;
    found.map(|r| vehicles::get(conn, VehicleId(r.get("id")?))).transpose()
}

fn phone_owner(conn: &(impl Read + ?Sized), phone: &str) -> Result<Option<Customer>> {
    if phone.is_empty() {
        return Ok(None);
    }
    let found = conn.optional("SELECT customer_id FROM customer_phones WHERE phone = ?1", params![phone])?;
    found.map(|r| customers::get(conn, CustomerId(r.get("customer_id")?))).transpose()
}

/// What the archive holds for the row: the customer and the vehicle it
/// describes, or the conflict between them.
#[allow(clippy::large_enum_variant, reason = "one at a time, taken apart at once")]
enum Match {
    None,
    Found(Customer, Option<Vehicle>),
    Conflict(Vec<RecordRef>, Field, String),
}

fn find(conn: &(impl Read + ?Sized), given: &Given) -> Result<Match> {
    let (vin, plate) = given.vehicle.as_ref().map(|v| (v.vin.as_str(), v.plate.as_str())).unwrap_or_default();
    let by_vin = vehicle_where(conn, "vin", vin)?;
    let by_plate = vehicle_where(conn, "plate", plate)?;
    let vehicle = match (by_vin, by_plate) {
        (Some(v), Some(p)) if v.id != p.id => {
            let owners = [customers::get(conn, v.customer_id)?, customers::get(conn, p.customer_id)?];
            let message = format!("plate {plate} is on another vehicle ({}) than VIN {vin}", p.vin);
            return Ok(Match::Conflict(owners.iter().map(reference).collect(), Field::Plate, message));
        }
        (None, Some(p)) if !vin.is_empty() => {
            let owner = customers::get(conn, p.customer_id)?;
            let message = format!("plate {plate} is on {}'s vehicle with VIN {}", owner.name, p.vin);
            return Ok(Match::Conflict(vec![reference(&owner)], Field::Plate, message));
        }
        (Some(v), _) | (None, Some(v)) => Some(v),
        (None, None) => None,
    };
    let owner = match &vehicle {
        Some(v) => Some(customers::get(conn, v.customer_id)?),
        None => phone_owner(conn, &given.customer.mobile)?,
    };
    let phones = std::iter::once((Field::Mobile, &given.customer.mobile))
        .chain(given.customer.other_phones.iter().map(|p| (Field::OtherPhone, p)));
    for (field, phone) in phones {
        // A new customer may not take a phone either: the form would refuse it.
        if let Some(other) = phone_owner(conn, phone)?
            && owner.as_ref().is_none_or(|o| o.id != other.id)
        {
            let mut refs: Vec<RecordRef> = owner.iter().map(reference).collect();
            refs.push(reference(&other));
            let message = format!("{phone} is already the phone of {}", other.name);
            return Ok(Match::Conflict(refs, field, message));
        }
    }
    Ok(match owner {
        Some(owner) => Match::Found(owner, vehicle),
        None => Match::None,
    })
}

fn json<T: Serialize>(value: &T) -> Result<serde_json::Value> {
    crate::audit::json(value)
}

/// The fields `after` changes, vehicle fields as `vehicle.<field>`.
fn changes_of(
    customer: (&CustomerInput, &CustomerInput),
    vehicle: Option<(&VehicleInput, &VehicleInput)>,
) -> Result<Vec<FieldChange>> {
    const SKIP: &[&str] = &["version"];
    let mut changes = caredesk_domain::audit::diff(&json(customer.0)?, &json(customer.1)?, SKIP);
    for change in &mut changes {
        change.field = field_name(&change.field);
    }
    if let Some((before, after)) = vehicle {
        changes.extend(caredesk_domain::audit::diff(&json(before)?, &json(after)?, SKIP).into_iter().map(
            |mut c| {
                c.field = format!("vehicle.{}", c.field);
                c
            },
        ));
    }
    Ok(changes)
}

fn invalid(issues: Vec<Issue>) -> Outcome {
    Outcome::Invalid { issues, cells: Vec::new() }
}

/// Checks every row and matches it against the archive; writes nothing.
pub fn plan(conn: &(impl Read + ?Sized), rows: &[ImportRow], today: NaiveDate) -> Result<Vec<Planned>> {
    // A VIN or plate that an earlier row of the file has already.
    let mut repeats: HashMap<u32, Vec<Issue>> = HashMap::new();
    for duplicate in caredesk_import::duplicates(rows) {
        let field = match duplicate.key {
            DuplicateKey::Vin => Field::Vin,
            DuplicateKey::Plate => Field::Plate,
            // Left to the mobile check below: one customer may have several vehicles.
            DuplicateKey::MobileAndName => continue,
        };
        let first = duplicate.rows[0];
        for row in &duplicate.rows[1..] {
            repeats.entry(*row).or_default().push(Issue::new(
                ErrorKind::Duplicate,
                field.as_str(),
                format!("the same {} as row {} of the file", field.as_str(), first + 1),
            ));
        }
    }
    // The mobile of each customer the file creates, with the row and name.
    let mut created: HashMap<String, (u32, String)> = HashMap::new();
    let mut planned = Vec::with_capacity(rows.len());
    for row in rows {
        let (given, mut issues) = given(row, today);
        issues.extend(repeats.remove(&row.row).unwrap_or_default());
        let outcome = if !row.issues.is_empty() || !issues.is_empty() {
            Outcome::Invalid { issues, cells: row.issues.clone() }
        } else {
            outcome(conn, &given, row.row, today, &mut created)?
        };
        planned.push(Planned {
            row: row.row,
            customer: given.customer,
            marketing_consent: given.consent,
            vehicle: given.vehicle,
            outcome,
        });
    }
    Ok(planned)
}

fn outcome(
    conn: &(impl Read + ?Sized),
    given: &Given,
    row: u32,
    today: NaiveDate,
    created: &mut HashMap<String, (u32, String)>,
) -> Result<Outcome> {
    let issues_of = |invalid: caredesk_domain::Invalid, prefix: &str| -> Vec<Issue> {
        invalid
            .0
            .into_iter()
            .map(|mut issue| {
                issue.field = issue.field.map(|f| format!("{prefix}{}", field_name(&f)));
                issue
            })
            .collect()
    };
    match find(conn, given)? {
        Match::Conflict(customers, field, message) => Ok(Outcome::Conflict { customers, field, message }),
        Match::Found(customer, vehicle) => {
            let before = CustomerInput { version: None, ..customer.to_input() };
            let after = merge_customer(before.clone(), &given.customer, given.consent);
            let mut issues = after.validate(today).err().map(|i| issues_of(i, "")).unwrap_or_default();
            let stored_vehicle = vehicle.as_ref().map(|v| VehicleInput { version: None, ..v.to_input() });
            let vehicles = match (&given.vehicle, stored_vehicle) {
                (Some(given), Some(before)) => Some((merge_vehicle(before.clone(), given), before)),
                (Some(given), None) => {
                    Some((merge_vehicle(VehicleInput::default(), given), VehicleInput::default()))
                }
                _ => None,
            };
            if let Some((after, _)) = &vehicles
                && let Err(invalid) = after.validate(today)
            {
                issues.extend(issues_of(invalid, ""));
            }
            if !issues.is_empty() {
                return Ok(invalid(issues));
            }
            let changes = changes_of((&before, &after), vehicles.as_ref().map(|(a, b)| (b, a)))?;
            if !changes.is_empty() && customer.archived_at.is_some() {
                return Ok(invalid(vec![Issue {
                    kind: ErrorKind::InvalidState,
                    field: None,
                    message: format!("{} is archived; restore the customer first", customer.name),
                    conflict: Some(reference(&customer)),
                    action: None,
                    changed: None,
                }]));
            }
            Ok(if changes.is_empty() {
                Outcome::Skip { customer: reference(&customer) }
            } else {
                Outcome::Update { customer: reference(&customer), vehicle: vehicle.map(|v| v.id), changes }
            })
        }
        Match::None => {
            let customer = merge_customer(CustomerInput::default(), &given.customer, given.consent);
            let vehicle = given.vehicle.as_ref().map(|v| merge_vehicle(VehicleInput::default(), v));
            let mut issues = customer.validate(today).err().map(|i| issues_of(i, "")).unwrap_or_default();
            if let Some(Err(invalid)) = vehicle.as_ref().map(|v| v.validate(today)) {
                issues.extend(issues_of(invalid, ""));
            }
            if !issues.is_empty() {
                return Ok(invalid(issues));
            }
            let name = customer.name.trim().to_owned();
            match created.get(&customer.mobile) {
                None => {
                    created.insert(customer.mobile.clone(), (row, name));
                    Ok(Outcome::New { same_customer_as: None })
                }
                Some((first, first_name)) if *first_name == name && vehicle.is_some() => {
                    Ok(Outcome::New { same_customer_as: Some(*first) })
                }
                Some((first, _)) => Ok(invalid(vec![Issue::new(
                    ErrorKind::Duplicate,
                    Field::Mobile.as_str(),
                    format!("the same mobile as row {} of the file", first + 1),
                )])),
            }
        }
    }
}

/// What writing one row did.
enum Written {
    Imported(CustomerId),
    Updated,
    Unchanged,
}

/// Puts the row over the customer (and their vehicle) as they are now.
fn write_update(
    tx: &dyn Write,
    actor: &Actor,
    now: Now,
    planned: &Planned,
    customer: CustomerId,
    vehicle: Option<VehicleId>,
    source: &str,
) -> Result<Written> {
    let stored = customers::get(tx, customer)?;
    let before = stored.to_input();
    let after = merge_customer(before.clone(), &planned.customer, planned.marketing_consent);
    let mut written = false;
    if after != before {
        customers::update_from(tx, actor, customer, &after, now, Some(source))?;
        written = true;
    }
    match (vehicle, &planned.vehicle) {
        (Some(id), Some(given)) => {
            let before = vehicles::get(tx, id)?.to_input();
            let after = merge_vehicle(before.clone(), given);
            if after != before {
                vehicles::update_from(tx, actor, id, &after, now, Some(source))?;
                written = true;
            }
        }
        (None, Some(given)) => {
            let input = merge_vehicle(VehicleInput::default(), given);
            vehicles::add_from(tx, actor, customer, &input, now, Some(source))?;
            written = true;
        }
        _ => {}
    }
    Ok(if written { Written::Updated } else { Written::Unchanged })
}

/// Writes one row; `Ok(None)` for a row that is not written (invalid, in
/// conflict, or joining a customer whose row was not imported).
fn write_row(
    tx: &dyn Write,
    actor: &Actor,
    now: Now,
    planned: &Planned,
    source: &str,
    created: &HashMap<u32, CustomerId>,
) -> Result<Option<Written>> {
    Ok(Some(match &planned.outcome {
        Outcome::Invalid { .. } | Outcome::Conflict { .. } => return Ok(None),
        Outcome::Skip { .. } => Written::Unchanged,
        Outcome::New { same_customer_as: None } => {
            let new = NewCustomer {
                customer: merge_customer(
                    CustomerInput::default(),
                    &planned.customer,
                    planned.marketing_consent,
                ),
                vehicles: planned.vehicle.iter().map(|v| merge_vehicle(VehicleInput::default(), v)).collect(),
            };
            Written::Imported(customers::create_from(tx, actor, &new, now, Some(source))?)
        }
        Outcome::New { same_customer_as: Some(first) } => match created.get(first) {
            Some(customer) => match write_update(tx, actor, now, planned, *customer, None, source)? {
                Written::Unchanged => Written::Unchanged,
                _ => Written::Imported(*customer),
            },
            None => return Ok(None),
        },
        Outcome::Update { customer, vehicle, .. } => {
            write_update(tx, actor, now, planned, customer.customer_id, *vehicle, source)?
        }
    }))
}

/// Why a row that was not written was not.
fn reasons(planned: &Planned) -> (Vec<Issue>, Vec<RowIssue>) {
    match &planned.outcome {
        Outcome::Invalid { issues, cells } => (issues.clone(), cells.clone()),
        Outcome::Conflict { customers, field, message } => {
            let mut issue = Issue::new(ErrorKind::Duplicate, field.as_str(), message.clone());
            issue.conflict = customers.first().cloned();
            (vec![issue], Vec::new())
        }
        Outcome::New { same_customer_as: Some(first) } => (
            vec![Issue {
                kind: ErrorKind::InvalidState,
                field: None,
                message: format!("row {} of the file, the same customer, was not imported", first + 1),
                conflict: None,
                action: None,
                changed: None,
            }],
            Vec::new(),
        ),
        _ => (Vec::new(), Vec::new()),
    }
}

/// Writes the planned rows in batches of `batch_size`, each batch in one
/// transaction: a row that fails at write time rolls its whole batch back
/// (its rows are counted failed, with the reason) and the next batch goes on.
/// `cancel` is looked at between batches, so only whole batches are kept.
/// `progress` hears the rows done (written, skipped or failed) of the total.
///
/// Needs `Action::ImportData` (managers and administrators).
#[allow(clippy::too_many_arguments, reason = "one import's parts, named at the call")]
pub fn commit(
    db: &mut Database,
    actor: &Actor,
    now: Now,
    file_name: &str,
    planned: &[Planned],
    batch_size: usize,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportSummary> {
    actor.require(Action::ImportData)?;
    let mut summary = ImportSummary::default();
    let mut created: HashMap<u32, CustomerId> = HashMap::new();
    let mut done = 0;
    for batch in planned.chunks(batch_size.max(1)) {
        if cancel.load(Ordering::SeqCst) {
            summary.cancelled = true;
            break;
        }
        let mut failed_at = None;
        let result = db.write(|tx| {
            let mut written = Vec::with_capacity(batch.len());
            for row in batch {
                let source = format!("{file_name} row {}", row.row + 1);
                match write_row(tx, actor, now, row, &source, &created) {
                    Ok(outcome) => written.push(outcome),
                    Err(e) => {
                        failed_at = Some(row.row);
                        return Err(e);
                    }
                }
            }
            Ok(written)
        });
        match result {
            Ok(written) => {
                for (row, outcome) in batch.iter().zip(written) {
                    match outcome {
                        Some(Written::Imported(id)) => {
                            created.insert(row.row, id);
                            summary.imported += 1;
                        }
                        Some(Written::Updated) => summary.updated += 1,
                        Some(Written::Unchanged) => summary.skipped += 1,
                        None => {
                            let (issues, cells) = reasons(row);
                            summary.failed += 1;
                            summary.failed_rows.push(FailedRow { row: row.row, issues, cells });
                        }
                    }
                }
            }
            Err(
                error @ (StoreError::Invalid(_) | StoreError::NotFound { .. } | StoreError::Stale { .. }),
            ) => {
                let culprit: Vec<Issue> = error.issues().into_iter().map(renamed).collect();
                for row in batch {
                    let (mut issues, cells) = reasons(row);
                    if matches!(row.outcome, Outcome::Skip { .. }) {
                        summary.skipped += 1;
                        continue;
                    }
                    if issues.is_empty() && cells.is_empty() {
                        issues = if Some(row.row) == failed_at {
                            culprit.clone()
                        } else {
                            vec![Issue {
                                kind: ErrorKind::InvalidState,
                                field: None,
                                message: format!(
                                    "not written: row {} in the same batch failed",
                                    failed_at.map_or(0, |r| r + 1)
                                ),
                                conflict: None,
                                action: None,
                                changed: None,
                            }]
                        };
                    }
                    summary.failed += 1;
                    summary.failed_rows.push(FailedRow { row: row.row, issues, cells });
                }
            }
            // The database itself failed (the server went away, the disk is full): stop.
            Err(other) => return Err(other),
        }
        done += batch.len();
        progress(done, planned.len());
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_is_typed_for_the_ui_in_camel_case() {
        let outcome = Outcome::decl(&ts_rs::Config::default());
        assert!(outcome.contains("\"kind\": \"new\""), "{outcome}");
        assert!(outcome.contains("sameCustomerAs"), "{outcome}");
        let summary = ImportSummary::decl(&ts_rs::Config::default());
        assert!(summary.contains("failedRows"), "{summary}");
    }

    #[test]
    fn issues_name_the_import_fields() {
        assert_eq!(field_name("name"), "customerName");
        assert_eq!(field_name("otherPhones.0"), "otherPhone");
        assert_eq!(field_name("mileageKm"), Field::MileageKm.as_str());
    }
}
