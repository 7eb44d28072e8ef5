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
//!
//! A row with a visit date is also a past visit of its vehicle (issue 15,
//! item 4): written as a handed-over visit of that day, marked `imported`, so
//! the vehicle's history, last visit and mileage estimates have it while no
//! KPI, work list or board counts it as CareDesk's. A history file repeats the
//! customer and vehicle on each visit's row: a later row naming a vehicle an
//! earlier row describes adds only its visit (the first row wins). The same
//! vehicle, day and old order number is one visit, in the file and in the
//! archive (`visits_imported_once`), so importing the file again adds nothing.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

use caredesk_domain::archive::{Customer, CustomerInput, NewCustomer, Vehicle, VehicleInput};
use caredesk_domain::audit::{AuditAction, AuditEntity, FieldChange};
use caredesk_domain::{
    Action, Actor, CustomerId, ErrorKind, Fen, Issue, RecordRef, StaffId, VehicleId, VisitId, validate,
};
use caredesk_import::{DuplicateKey, Field, ImportRow, RowIssue};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::Change;
use crate::engine::{Read, Write};
use crate::error::{Result, StoreError};
use crate::{Database, Now, audit, customers, vehicles};

/// What committing a row would do, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
#[ts(rename = "ImportOutcome")]
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
    /// The past visit the row gives (it has a visit date). Its mileage is the
    /// visit's: a history row's mileage is not put on the vehicle as its own.
    #[ts(optional)]
    pub visit: Option<PastVisit>,
}

/// A past visit from the old system, as the row gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PastVisit {
    /// The day of the visit; handed over at noon, local time.
    pub date: NaiveDate,
    #[ts(optional)]
    pub mileage_km: Option<u32>,
    /// The old system's advisor name; empty when not given.
    pub advisor: String,
    /// The old system's repair-order number; empty when not given.
    pub ro_number: String,
    /// The work done; empty when not given.
    pub work: String,
    pub amount: Fen,
    pub status: PastVisitStatus,
    /// An earlier row of the file describes the vehicle (and its owner): this
    /// row adds only its visit, and the customer and vehicle cells of the
    /// first row are the ones written.
    #[ts(optional)]
    pub same_vehicle_as: Option<u32>,
    /// The same visit (vehicle, day, order number) as this earlier row of the file.
    #[ts(optional)]
    pub same_visit_as: Option<u32>,
}

/// Whether committing adds the visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PastVisitStatus {
    /// Neither the archive nor an earlier row of the file has it: it is added.
    New,
    /// The archive (an earlier import) or an earlier row of the file has it: nothing is added.
    Known,
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
    /// Past visits added to the vehicles' history.
    pub visits_imported: u32,
    /// Past visits the archive already had (imported before, or repeated in the file).
    pub visits_skipped: u32,
}

/// The row as a customer and vehicle form, and what it gives.
struct Given {
    customer: CustomerInput,
    consent: Option<bool>,
    vehicle: Option<VehicleInput>,
    visit: Option<PastVisit>,
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
    // A history row's mileage is the visit's, not the vehicle's today.
    let visit_row = filled(Field::VisitDate);
    let vehicle_field = |f: &&Field| !(visit_row && **f == Field::MileageKm);
    let vehicle = VEHICLE.iter().filter(vehicle_field).any(|f| filled(*f)).then(|| {
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
        let mileage = if visit_row { String::new() } else { take(number(Field::MileageKm)) };
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
    let visit = if visit_row {
        let date = take(date(Field::VisitDate, true));
        let mileage = take(number(Field::MileageKm));
        let amount = match amount_fen(row.value(Field::Amount)) {
            Ok(fen) => fen,
            Err(issue) => {
                issues.push(issue);
                Fen(0)
            }
        };
        date.parse().ok().map(|date| PastVisit {
            date,
            mileage_km: mileage.parse().ok(),
            advisor: text(Field::Advisor),
            ro_number: validate::fold_alphanumerics(row.value(Field::RoNumber)).trim().to_owned(),
            work: text(Field::WorkDone),
            amount,
            status: PastVisitStatus::New,
            same_vehicle_as: None,
            same_visit_as: None,
        })
    } else {
        // An order number, work or amount without the day is no visit to import.
        for field in [Field::RoNumber, Field::WorkDone, Field::Amount] {
            if filled(field) {
                issues.push(Issue::new(
                    ErrorKind::Required,
                    Field::VisitDate.as_str(),
                    format!("a past visit ({}) needs its date", field.as_str()),
                ));
                break;
            }
        }
        None
    };
    if visit.is_some() && vehicle.as_ref().is_none_or(|v| v.plate.is_empty() && v.vin.is_empty()) {
        let identified = issues.iter().any(|i| {
            i.field.as_deref().is_some_and(|f| f == Field::Plate.as_str() || f == Field::Vin.as_str())
        });
        if !identified {
            issues.push(Issue::new(
                ErrorKind::Required,
                Field::Plate.as_str(),
                "a past visit needs the vehicle's plate or VIN",
            ));
        }
    }
    (Given { customer, consent, vehicle, visit }, issues)
}

/// Yuan as the reader gives them (`1234.50`) in fen; empty is nothing.
fn amount_fen(value: &str) -> std::result::Result<Fen, Issue> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(Fen(0));
    }
    let refuse =
        || Issue::new(ErrorKind::OutOfRange, Field::Amount.as_str(), format!("{value} is not an amount"));
    let (yuan, fen) = value.split_once('.').unwrap_or((value, ""));
    if fen.len() > 2 || !fen.chars().all(|c| c.is_ascii_digit()) {
        return Err(refuse());
    }
    let yuan: i64 = yuan.parse().map_err(|_| refuse())?;
    let fen: i64 = format!("{fen:0<2}").parse().map_err(|_| refuse())?;
    if value.starts_with('-') || !(0..=1_000_000_000).contains(&yuan) {
        return Err(refuse());
    }
    Ok(Fen(yuan * 100 + fen))
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
    // A VIN or plate that an earlier row of the file has already: for each
    // row, the field and every row of the file that shares it.
    let mut repeats: HashMap<u32, Vec<(Field, Vec<u32>)>> = HashMap::new();
    for duplicate in caredesk_import::duplicates(rows) {
        let field = match duplicate.key {
            DuplicateKey::Vin => Field::Vin,
            DuplicateKey::Plate => Field::Plate,
            // Left to the mobile check below: one customer may have several vehicles.
            DuplicateKey::MobileAndName => continue,
        };
        for row in &duplicate.rows[1..] {
            repeats.entry(*row).or_default().push((field, duplicate.rows.clone()));
        }
    }
    // The rows refused so far: a refused row does not stand for its VIN or plate.
    let mut refused: HashSet<u32> = HashSet::new();
    // The mobile of each customer the file creates, with the row and name.
    let mut created: HashMap<String, (u32, String)> = HashMap::new();
    // The first row of each vehicle (`vin:…`, `plate:…`), as an index into `planned`.
    let mut first_of_vehicle: HashMap<String, usize> = HashMap::new();
    // The archive's vehicle of each planned row, when it has it.
    let mut in_archive: Vec<Option<VehicleId>> = Vec::with_capacity(rows.len());
    // Each visit of the file (first row of its vehicle, day, order number) and its row.
    let mut visits_seen: HashMap<(usize, NaiveDate, String), u32> = HashMap::new();
    let mut planned: Vec<Planned> = Vec::with_capacity(rows.len());
    for row in rows {
        let (given, mut issues) = given(row, today);
        // The same VIN or plate as an earlier row that is not refused.
        let repeated: Vec<Issue> = repeats
            .remove(&row.row)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(field, group)| {
                let first = group.into_iter().take_while(|r| *r < row.row).find(|r| !refused.contains(r))?;
                Some(Issue::new(
                    ErrorKind::Duplicate,
                    field.as_str(),
                    format!("the same {} as row {} of the file", field.as_str(), first + 1),
                ))
            })
            .collect();
        // A history row of a vehicle an earlier row describes: only its visit is new.
        let earlier = match (&given.visit, &given.vehicle) {
            (Some(_), Some(vehicle)) => same_vehicle(&first_of_vehicle, &planned, vehicle),
            _ => None,
        };
        if earlier.is_none() {
            issues.extend(repeated);
        }
        let mut visit = given.visit.clone();
        let (outcome, archive_vehicle) = if !row.issues.is_empty() || !issues.is_empty() {
            (Outcome::Invalid { issues, cells: row.issues.clone() }, None)
        } else if let Some(first) = earlier {
            if let Some(visit) = &mut visit {
                visit.same_vehicle_as = Some(planned[first].row);
            }
            (joining(&planned[first]), in_archive[first])
        } else {
            outcome(conn, &given, row.row, today, &mut created)?
        };
        let index = planned.len();
        if matches!(outcome, Outcome::Invalid { .. }) {
            refused.insert(row.row);
        }
        // A refused row does not stand for its vehicle: a later row of the same
        // vehicle (the old system's next visit) is then planned on its own.
        if earlier.is_none()
            && !matches!(outcome, Outcome::Invalid { .. })
            && let Some(vehicle) = &given.vehicle
        {
            for key in vehicle_keys(vehicle) {
                first_of_vehicle.entry(key).or_insert(index);
            }
        }
        if let Some(visit) = &mut visit
            && !matches!(outcome, Outcome::Invalid { .. } | Outcome::Conflict { .. })
        {
            let key = (earlier.unwrap_or(index), visit.date, visit.ro_number.clone());
            if let Some(first) = visits_seen.get(&key) {
                visit.status = PastVisitStatus::Known;
                visit.same_visit_as = Some(*first);
            } else {
                visits_seen.insert(key, row.row);
                if let Some(vehicle) = archive_vehicle
                    && visit_known(conn, vehicle, visit)?
                {
                    visit.status = PastVisitStatus::Known;
                }
            }
        }
        in_archive.push(archive_vehicle);
        planned.push(Planned {
            row: row.row,
            customer: given.customer,
            marketing_consent: given.consent,
            vehicle: given.vehicle,
            outcome,
            visit,
        });
    }
    Ok(planned)
}

/// How the file names a vehicle, for finding its first row.
fn vehicle_keys(vehicle: &VehicleInput) -> impl Iterator<Item = String> + '_ {
    let vin = (!vehicle.vin.is_empty()).then(|| format!("vin:{}", vehicle.vin));
    let plate = (!vehicle.plate.is_empty()).then(|| format!("plate:{}", vehicle.plate));
    vin.into_iter().chain(plate)
}

/// The earlier row (index into `planned`) describing the vehicle, when the
/// row's VIN and plate do not contradict it: a plate of another VIN is left to
/// the duplicate check.
fn same_vehicle(
    first_of: &HashMap<String, usize>,
    planned: &[Planned],
    vehicle: &VehicleInput,
) -> Option<usize> {
    let first = vehicle_keys(vehicle).find_map(|key| first_of.get(&key).copied())?;
    let earlier = planned[first].vehicle.as_ref()?;
    let agree = |a: &str, b: &str| a.is_empty() || b.is_empty() || a == b;
    (agree(&earlier.vin, &vehicle.vin) && agree(&earlier.plate, &vehicle.plate)).then_some(first)
}

/// The outcome of a history row whose customer and vehicle an earlier row
/// (`first`) writes: it joins what that row creates or finds.
fn joining(first: &Planned) -> Outcome {
    match &first.outcome {
        Outcome::New { same_customer_as } => {
            Outcome::New { same_customer_as: Some(same_customer_as.unwrap_or(first.row)) }
        }
        Outcome::Update { customer, .. } | Outcome::Skip { customer } => {
            Outcome::Skip { customer: customer.clone() }
        }
        Outcome::Conflict { .. } | Outcome::Invalid { .. } => invalid(vec![Issue {
            kind: ErrorKind::InvalidState,
            field: None,
            message: format!("row {} of the file, the same vehicle, is not imported", first.row + 1),
            conflict: None,
            action: None,
            changed: None,
        }]),
    }
}

/// Noon of the visit's day, local time: when an imported visit was handed over.
fn handed_over_local(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN))
}

/// Whether an earlier import brought the visit in already.
fn visit_known(conn: &(impl Read + ?Sized), vehicle: VehicleId, visit: &PastVisit) -> Result<bool> {
    Ok(conn
        .optional(
            "SELECT id FROM visits
             WHERE imported = 1 AND vehicle_id = ?1 AND handed_over_local = ?2 AND source_number = ?3",
            params![vehicle.0, handed_over_local(visit.date), visit.ro_number],
        )?
        .is_some())
}

/// The row's outcome, and the archive's vehicle it describes.
fn outcome(
    conn: &(impl Read + ?Sized),
    given: &Given,
    row: u32,
    today: NaiveDate,
    created: &mut HashMap<String, (u32, String)>,
) -> Result<(Outcome, Option<VehicleId>)> {
    let archive_vehicle = |found: &Match| match found {
        Match::Found(_, Some(vehicle)) => Some(vehicle.id),
        _ => None,
    };
    let found = find(conn, given)?;
    let vehicle = archive_vehicle(&found);
    Ok((matched(found, given, row, today, created)?, vehicle))
}

fn matched(
    found: Match,
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
    match found {
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

/// The customers the import created, by the row that created them: those of
/// the batches committed, and those of the batch being written (a customer's
/// second vehicle may be in the same batch as the first).
struct Created {
    committed: HashMap<u32, CustomerId>,
    batch: HashMap<u32, CustomerId>,
}

impl Created {
    fn get(&self, row: &u32) -> Option<&CustomerId> {
        self.batch.get(row).or_else(|| self.committed.get(row))
    }
}

/// Writes one row; `Ok(None)` for a row that is not written (invalid, in
/// conflict, or joining a customer whose row was not imported).
fn write_row(
    tx: &dyn Write,
    actor: &Actor,
    now: Now,
    planned: &Planned,
    source: &str,
    created: &Created,
) -> Result<Option<Written>> {
    let only_visit = planned.visit.as_ref().is_some_and(|v| v.same_vehicle_as.is_some());
    Ok(Some(match &planned.outcome {
        Outcome::Invalid { .. } | Outcome::Conflict { .. } => return Ok(None),
        Outcome::Skip { .. } => Written::Unchanged,
        // The first row of the vehicle wrote the customer and the vehicle.
        Outcome::New { same_customer_as: Some(first) } if only_visit => match created.get(first) {
            Some(_) => Written::Unchanged,
            None => return Ok(None),
        },
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

/// The staff members by name, for the advisor of an imported visit.
fn staff_by_name(tx: &dyn Write) -> Result<HashMap<String, StaffId>> {
    let mut by_name = HashMap::new();
    for row in tx.rows("SELECT id, name FROM staff ORDER BY active DESC, id", params![])? {
        by_name.entry(row.get("name")?).or_insert(StaffId(row.get("id")?));
    }
    Ok(by_name)
}

/// Adds the row's past visit to its vehicle (found by VIN, else plate: the row
/// or an earlier one wrote it); `false` when the archive already had it.
///
/// The visit is handed over at noon of its day, received then too (the care
/// lists' mileage estimate reads the reception's day), marked `imported`, and
/// creates no follow-up call. The vehicle's last visit and mileage only move
/// forward: an older visit leaves a newer one's in place.
#[allow(clippy::too_many_arguments, reason = "one row's parts, named at the call")]
fn write_visit(
    tx: &dyn Write,
    actor: &Actor,
    now: Now,
    planned: &Planned,
    visit: &PastVisit,
    source: &str,
    staff: &HashMap<String, StaffId>,
) -> Result<bool> {
    let given = planned.vehicle.as_ref();
    let mut found = None;
    for (column, value) in
        [("vin", given.map(|v| v.vin.as_str())), ("plate", given.map(|v| v.plate.as_str()))]
    {
        if let Some(value) = value.filter(|v| !v.is_empty())
            && found.is_none()
        {
            found = tx.optional(
                &format!("SELECT id, customer_id FROM vehicles WHERE {column} = ?1"),
                params![value],
            )?;
        }
    }
    let Some(vehicle) = found else {
        // Its first row was not written (it failed in an earlier batch): the batch fails, named.
        return Err(StoreError::from(Issue::new(
            ErrorKind::NotFound,
            Field::Plate.as_str(),
            "the vehicle of this visit is not in the archive: its first row was not imported",
        )));
    };
    let (vehicle, customer): (i64, i64) = (vehicle.get("id")?, vehicle.get("customer_id")?);
    let advisor = staff.get(&visit.advisor).copied().unwrap_or(actor.id);
    let local = handed_over_local(visit.date);
    // The desk's offset from UTC, to put the local noon on the timeline.
    let at = (local - (now.local - now.instant.naive_utc())).and_utc();
    let number = format!("IMP-{vehicle}-{}-{}", visit.date.format("%Y%m%d"), visit.ro_number);
    let by = if visit.advisor.is_empty() { actor.name.clone() } else { visit.advisor.clone() };
    let inserted = tx.optional(
        "INSERT INTO visits (number, state, customer_id, vehicle_id, advisor_id, expected_minutes, requested_work,
                             mileage_km, handed_over_by, received_at, handed_over_at, handed_over_local, total_fen,
                             imported, imported_advisor, source_number, created_at, updated_at)
         VALUES (?1, 'handed_over', ?2, ?3, ?4, 60, ?5, ?6, ?7, ?8, ?8, ?9, ?10, 1, ?11, ?12, ?13, ?13)
         ON CONFLICT DO NOTHING RETURNING id",
        params![
            number,
            customer,
            vehicle,
            advisor.0,
            visit.work,
            visit.mileage_km,
            by,
            at,
            local,
            visit.amount.0,
            Some(visit.advisor.as_str()).filter(|a| !a.is_empty()),
            visit.ro_number,
            now.instant,
        ],
    )?;
    let Some(inserted) = inserted else {
        return Ok(false);
    };
    let id = VisitId(inserted.get("id")?);
    tx.run(
        "UPDATE vehicles SET last_visit_on = ?2 WHERE id = ?1 AND (last_visit_on IS NULL OR last_visit_on < ?2)",
        params![vehicle, visit.date.to_string()],
    )?;
    if let Some(km) = visit.mileage_km {
        tx.run(
            "UPDATE vehicles SET mileage_km = ?2 WHERE id = ?1 AND (mileage_km IS NULL OR mileage_km < ?2)",
            params![vehicle, km],
        )?;
    }
    let change = |field: &str, after: serde_json::Value| FieldChange {
        field: field.into(),
        before: serde_json::Value::Null,
        after,
    };
    let mut changes = vec![
        change("number", number.into()),
        change("state", "handed_over".into()),
        change("visitDate", visit.date.to_string().into()),
        change("vehicleId", vehicle.into()),
    ];
    changes.extend(visit.mileage_km.map(|km| change("mileageKm", km.into())));
    for (field, value) in
        [("advisor", &visit.advisor), ("roNumber", &visit.ro_number), ("workDone", &visit.work)]
    {
        if !value.is_empty() {
            changes.push(change(field, value.as_str().into()));
        }
    }
    changes.push(change("amount", visit.amount.0.into()));
    changes.push(audit::imported_from(source));
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Visit,
            entity_id: Some(id.0),
            customer_id: Some(CustomerId(customer)),
            action: AuditAction::Created,
            changes,
        },
    )?;
    Ok(true)
}

/// Whether committing the row adds a visit.
fn new_visit(planned: &Planned) -> Option<&PastVisit> {
    planned.visit.as_ref().filter(|v| v.status == PastVisitStatus::New)
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

/// Rows a transaction when the wizard commits: large enough that a batch's
/// fixed cost is small (at 30,000 customers, 2,000 a batch commits in 9 s
/// where 500 takes 13 s), small enough that stopping waits a fraction of a second.
pub const BATCH_SIZE: usize = 2_000;

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
    let mut created = Created { committed: HashMap::new(), batch: HashMap::new() };
    let mut done = 0;
    for batch in planned.chunks(batch_size.max(1)) {
        if cancel.load(Ordering::SeqCst) {
            summary.cancelled = true;
            break;
        }
        let mut failed_at = None;
        let result = db.write(|tx| {
            created.batch.clear();
            let staff = if batch.iter().any(|r| new_visit(r).is_some()) {
                staff_by_name(tx)?
            } else {
                HashMap::new()
            };
            let mut written = Vec::with_capacity(batch.len());
            for row in batch {
                let source = format!("{file_name} row {}", row.row + 1);
                let outcome = write_row(tx, actor, now, row, &source, &created).and_then(|outcome| {
                    let visit = match (&outcome, &row.visit) {
                        (Some(_), Some(visit)) if visit.status == PastVisitStatus::New => {
                            Some(write_visit(tx, actor, now, row, visit, &source, &staff)?)
                        }
                        (Some(_), Some(_)) => Some(false),
                        _ => None,
                    };
                    Ok((outcome, visit))
                });
                match outcome {
                    Ok(outcome) => {
                        if let (Some(Written::Imported(id)), _) = &outcome {
                            created.batch.insert(row.row, *id);
                        }
                        written.push(outcome);
                    }
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
                for (row, (outcome, visit)) in batch.iter().zip(written) {
                    match visit {
                        Some(true) => summary.visits_imported += 1,
                        Some(false) => summary.visits_skipped += 1,
                        None => {}
                    }
                    match outcome {
                        Some(Written::Imported(id)) => {
                            created.committed.insert(row.row, id);
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
                    // Nothing of the row was to be written: rolling back lost nothing of it.
                    if matches!(row.outcome, Outcome::Skip { .. }) && new_visit(row).is_none() {
                        summary.skipped += 1;
                        if row.visit.is_some() {
                            summary.visits_skipped += 1;
                        }
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
    fn amounts_are_yuan_in_fen() {
        assert_eq!(amount_fen("1234.50"), Ok(Fen(123_450)));
        assert_eq!(amount_fen("300"), Ok(Fen(30_000)));
        assert_eq!(amount_fen("0.5"), Ok(Fen(50)));
        assert_eq!(amount_fen(""), Ok(Fen(0)));
        for bad in ["-0.50", "12.345", "1e3", "abc"] {
            assert_eq!(amount_fen(bad).unwrap_err().field.as_deref(), Some("amount"), "{bad}");
        }
    }

    #[test]
    fn issues_name_the_import_fields() {
        assert_eq!(field_name("name"), "customerName");
        assert_eq!(field_name("otherPhones.0"), "otherPhone");
        assert_eq!(field_name("mileageKm"), Field::MileageKm.as_str());
    }
}
