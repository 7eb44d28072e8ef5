//! The `vehicles` and `vehicle_owners` tables. A vehicle keeps its id and its
//! history when it changes owner; each owner's period is a row of `vehicle_owners`.

use caredesk_domain::archive::{OwnerChange, Ownership, Vehicle, VehicleDetail, VehicleFields, VehicleInput};
use caredesk_domain::audit::{AuditAction, AuditEntity, FieldChange};
use caredesk_domain::{Action, Actor, CustomerId, ErrorKind, Invalid, Issue, RecordRef, VehicleId, validate};
use rusqlite::params;

use crate::audit::{self, Change};
use crate::engine::{Read, Row, Write};
use crate::error::{Result, StoreError};
use crate::{Now, customers, search, versions};

const COLUMNS: &str = "id, customer_id, plate, vin, vin_check_confirmed, brand, model, model_year, colour, \
     purchase_date, warranty_end, mileage_km, insurance_expiry, annual_inspection_due, archived_at, \
     created_at, updated_at, next_service_date, next_service_km";

fn from_row(row: &Row) -> Result<Vehicle> {
    Ok(Vehicle {
        id: VehicleId(row.get("id")?),
        customer_id: CustomerId(row.get("customer_id")?),
        plate: row.get("plate")?,
        vin: row.get("vin")?,
        vin_check_confirmed: row.get("vin_check_confirmed")?,
        brand: row.get("brand")?,
        model: row.get("model")?,
        model_year: row.get("model_year")?,
        colour: row.get("colour")?,
        purchase_date: row.get("purchase_date")?,
        warranty_end: row.get("warranty_end")?,
        mileage_km: row.get("mileage_km")?,
        insurance_expiry: row.get("insurance_expiry")?,
        annual_inspection_due: row.get("annual_inspection_due")?,
        archived_at: row.get("archived_at")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        next_service_date: row.get("next_service_date")?,
        next_service_km: row.get("next_service_km")?,
    })
}

pub fn get(conn: &(impl Read + ?Sized), id: VehicleId) -> Result<Vehicle> {
    let row = conn
        .optional(&format!("SELECT {COLUMNS} FROM vehicles WHERE id = ?1"), params![id.0])?
        .ok_or(StoreError::NotFound { what: "vehicle", id: id.0 })?;
    from_row(&row)
}

/// Every vehicle, archived ones included, by owner: the archive's export.
pub fn all(conn: &(impl Read + ?Sized)) -> Result<Vec<Vehicle>> {
    conn.rows(&format!("SELECT {COLUMNS} FROM vehicles ORDER BY customer_id, id"), params![])?
        .iter()
        .map(from_row)
        .collect()
}

/// The vehicles a customer owns now, newest first.
pub fn of_customer(conn: &(impl Read + ?Sized), customer: CustomerId) -> Result<Vec<Vehicle>> {
    conn.rows(
        &format!("SELECT {COLUMNS} FROM vehicles WHERE customer_id = ?1 ORDER BY id DESC"),
        params![customer.0],
    )?
    .iter()
    .map(from_row)
    .collect()
}

fn ownership_from_row(row: &Row) -> Result<Ownership> {
    Ok(Ownership {
        vehicle_id: VehicleId(row.get("vehicle_id")?),
        customer_id: CustomerId(row.get("customer_id")?),
        customer_name: row.get("customer_name")?,
        vehicle_label: row.get("vehicle_label")?,
        from: row.get("since")?,
        until: row.get("until")?,
    })
}

const OWNERSHIP_SELECT: &str =
    "SELECT o.vehicle_id, o.customer_id, c.name AS customer_name, o.vehicle_label, o.since, o.until
     FROM vehicle_owners o JOIN customers c ON c.id = o.customer_id";

/// Every owner of a vehicle, the current one first.
pub fn owners(conn: &(impl Read + ?Sized), vehicle: VehicleId) -> Result<Vec<Ownership>> {
    conn.rows(
        &format!(
            "{OWNERSHIP_SELECT} WHERE o.vehicle_id = ?1 ORDER BY o.until IS NOT NULL, o.since DESC, o.id DESC"
        ),
        params![vehicle.0],
    )?
    .iter()
    .map(ownership_from_row)
    .collect()
}

/// Vehicles a customer owned and passed on.
pub fn former_of(conn: &(impl Read + ?Sized), customer: CustomerId) -> Result<Vec<Ownership>> {
    conn.rows(
        &format!("{OWNERSHIP_SELECT} WHERE o.customer_id = ?1 AND o.until IS NOT NULL ORDER BY o.until DESC"),
        params![customer.0],
    )?
    .iter()
    .map(ownership_from_row)
    .collect()
}

pub fn detail(conn: &(impl Read + ?Sized), id: VehicleId) -> Result<VehicleDetail> {
    Ok(VehicleDetail { vehicle: get(conn, id)?, owners: owners(conn, id)? })
}

fn owner_of(
    conn: &(impl Read + ?Sized),
    column: &str,
    value: &str,
    except: Option<VehicleId>,
) -> Result<Option<RecordRef>> {
    conn.optional(
        &format!(
            "SELECT c.id, c.name FROM vehicles v JOIN customers c ON c.id = v.customer_id
             WHERE v.{column} = ?1 AND v.id IS DISTINCT FROM ?2"
        ),
        params![value, except.map(|v| v.0)],
    )?
    .map(|r| Ok(RecordRef { customer_id: CustomerId(r.get("id")?), label: r.get("name")? }))
    .transpose()
}

/// Issues for a VIN or plate that another vehicle already has.
pub(crate) fn check_unique(
    conn: &(impl Read + ?Sized),
    fields: &VehicleFields,
    except: Option<VehicleId>,
) -> Result<Vec<Issue>> {
    let mut issues = Vec::new();
    if let Some(owner) = owner_of(conn, "vin", &fields.vin, except)? {
        issues.push(
            Issue::new(
                ErrorKind::Duplicate,
                "vin",
                format!("VIN {} is already registered to {}'s vehicle", fields.vin, owner.label),
            )
            .with_conflict(owner),
        );
    }
    if let Some(plate) = &fields.plate
        && let Some(owner) = owner_of(conn, "plate", plate, except)?
    {
        issues.push(
            Issue::new(
                ErrorKind::Duplicate,
                "plate",
                format!("plate {plate} is already registered to {}'s vehicle", owner.label),
            )
            .with_conflict(owner),
        );
    }
    Ok(issues)
}

/// Issues when two vehicles typed in one form share a VIN or plate.
pub(crate) fn same_identity(
    fields: &VehicleFields,
    earlier: &VehicleFields,
    earlier_index: usize,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    if fields.vin == earlier.vin {
        issues.push(Issue::new(
            ErrorKind::Duplicate,
            "vin",
            format!("the same VIN as vehicle {}", earlier_index + 1),
        ));
    }
    if fields.plate.is_some() && fields.plate == earlier.plate {
        issues.push(Issue::new(
            ErrorKind::Duplicate,
            "plate",
            format!("the same plate as vehicle {}", earlier_index + 1),
        ));
    }
    issues
}

fn label(fields: &VehicleFields) -> String {
    match &fields.plate {
        Some(plate) => format!("{plate} {}", fields.model),
        None => format!("{} {}", fields.vin, fields.model),
    }
}

/// Inserts a validated vehicle and opens its first ownership period.
pub(crate) fn insert(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    owner: CustomerId,
    fields: &VehicleFields,
    now: Now,
    source: Option<&str>,
) -> Result<VehicleId> {
    let id = tx.one(
        "INSERT INTO vehicles (customer_id, plate, vin, vin_check_confirmed, brand, model, model_year, colour,
             purchase_date, warranty_end, mileage_km, insurance_expiry, annual_inspection_due, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) RETURNING id",
        params![
            owner.0,
            fields.plate,
            fields.vin,
            fields.vin_check_confirmed,
            fields.brand,
            fields.model,
            fields.model_year,
            fields.colour,
            fields.purchase_date,
            fields.warranty_end,
            fields.mileage_km,
            fields.insurance_expiry,
            fields.annual_inspection_due,
            now.instant,
        ],
    )?;
    let id = VehicleId(id.get("id")?);
    let since = fields.purchase_date.unwrap_or(now.today);
    tx.run(
        "INSERT INTO vehicle_owners (vehicle_id, customer_id, vehicle_label, since) VALUES (?1, ?2, ?3, ?4)",
        params![id.0, owner.0, label(fields), since],
    )?;
    let vehicle = get(tx, id)?;
    audit::record_diff_from(
        tx,
        actor,
        now,
        AuditEntity::Vehicle,
        Some(owner),
        None,
        (id.0, &vehicle),
        AuditAction::Created,
        source,
    )?;
    Ok(id)
}

/// Adds a vehicle to an active customer's file.
pub fn add(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    owner: CustomerId,
    input: &VehicleInput,
    now: Now,
) -> Result<VehicleId> {
    add_from(tx, actor, owner, input, now, None)
}

/// As [`add`]; `source` is noted in the audit entry of an imported vehicle.
pub(crate) fn add_from(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    owner: CustomerId,
    input: &VehicleInput,
    now: Now,
    source: Option<&str>,
) -> Result<VehicleId> {
    actor.require(Action::EditArchive)?;
    customers::require_active(tx, owner)?;
    let fields = input.validate(now.today)?;
    let duplicates = check_unique(tx, &fields, None)?;
    if !duplicates.is_empty() {
        return Err(Invalid(duplicates).into());
    }
    let id = insert(tx, actor, owner, &fields, now, source)?;
    search::reindex(tx, owner)?;
    Ok(id)
}

/// Saves an edited vehicle, or nothing if anything is wrong.
pub fn update(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VehicleId,
    input: &VehicleInput,
    now: Now,
) -> Result<()> {
    update_from(tx, actor, id, input, now, None)
}

/// As [`update`]; `source` is noted in the audit entry of an imported change.
pub(crate) fn update_from(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VehicleId,
    input: &VehicleInput,
    now: Now,
    source: Option<&str>,
) -> Result<()> {
    actor.require(Action::EditArchive)?;
    let stamp = versions::lock_and_check(
        tx,
        "vehicles",
        AuditEntity::Vehicle,
        "vehicle",
        id.0,
        input.version,
        now.instant,
    )?;
    let before = get(tx, id)?;
    customers::require_active(tx, before.customer_id)?;
    let fields = input.validate(now.today)?;
    let duplicates = check_unique(tx, &fields, Some(id))?;
    if !duplicates.is_empty() {
        return Err(Invalid(duplicates).into());
    }
    tx.run(
        "UPDATE vehicles SET plate = ?2, vin = ?3, vin_check_confirmed = ?4, brand = ?5, model = ?6,
             model_year = ?7, colour = ?8, purchase_date = ?9, warranty_end = ?10, mileage_km = ?11,
             insurance_expiry = ?12, annual_inspection_due = ?13, updated_at = ?14
         WHERE id = ?1",
        params![
            id.0,
            fields.plate,
            fields.vin,
            fields.vin_check_confirmed,
            fields.brand,
            fields.model,
            fields.model_year,
            fields.colour,
            fields.purchase_date,
            fields.warranty_end,
            fields.mileage_km,
            fields.insurance_expiry,
            fields.annual_inspection_due,
            stamp,
        ],
    )?;
    tx.run(
        "UPDATE vehicle_owners SET vehicle_label = ?2 WHERE vehicle_id = ?1 AND until IS NULL",
        params![id.0, label(&fields)],
    )?;
    let after = get(tx, id)?;
    audit::record_diff_from(
        tx,
        actor,
        now,
        AuditEntity::Vehicle,
        Some(after.customer_id),
        Some(&before),
        (id.0, &after),
        AuditAction::Updated,
        source,
    )?;
    search::reindex(tx, before.customer_id)?;
    Ok(())
}

/// Passes a vehicle to another customer on a date: the current period ends,
/// a new one starts, and both customers' files show it.
pub fn change_owner(tx: &(impl Write + ?Sized), actor: &Actor, change: &OwnerChange, now: Now) -> Result<()> {
    actor.require(Action::EditArchive)?;
    let vehicle = get(tx, change.vehicle_id)?;
    let date = validate::past_date("date", Some(&change.date), now.today)
        .map_err(Invalid::from)?
        .ok_or_else(|| Invalid::from(Issue::new(ErrorKind::Required, "date", "date is required")))?;
    if change.new_owner == vehicle.customer_id {
        return Err(Invalid::from(Issue::new(
            ErrorKind::InvalidState,
            "newOwner",
            "the vehicle already belongs to this customer",
        ))
        .into());
    }
    customers::require_active(tx, change.new_owner).map_err(|e| match e {
        StoreError::NotFound { .. } | StoreError::Invalid(_) => Invalid::from(Issue::new(
            ErrorKind::InvalidState,
            "newOwner",
            "the new owner must be an active customer",
        ))
        .into(),
        other => other,
    })?;
    let since: chrono::NaiveDate = tx
        .one(
            "SELECT since FROM vehicle_owners WHERE vehicle_id = ?1 AND until IS NULL",
            params![vehicle.id.0],
        )?
        .get("since")?;
    if date < since {
        return Err(Invalid::from(Issue::new(
            ErrorKind::DateOrder,
            "date",
            format!("date cannot be before the current owner's period began ({since})"),
        ))
        .into());
    }
    let label: String = tx
        .one(
            "SELECT vehicle_label FROM vehicle_owners WHERE vehicle_id = ?1 AND until IS NULL",
            params![vehicle.id.0],
        )?
        .get("vehicle_label")?;
    tx.run(
        "UPDATE vehicle_owners SET until = ?2 WHERE vehicle_id = ?1 AND until IS NULL",
        params![vehicle.id.0, date],
    )?;
    tx.run(
        "INSERT INTO vehicle_owners (vehicle_id, customer_id, vehicle_label, since) VALUES (?1, ?2, ?3, ?4)",
        params![vehicle.id.0, change.new_owner.0, label, date],
    )?;
    tx.run(
        "UPDATE vehicles SET customer_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![vehicle.id.0, change.new_owner.0, now.instant],
    )?;
    search::reindex(tx, vehicle.customer_id)?;
    search::reindex(tx, change.new_owner)?;
    let owner_names: Vec<String> = [vehicle.customer_id, change.new_owner]
        .iter()
        .map(|id| customers::get(tx, *id).map(|c| c.name))
        .collect::<Result<_>>()?;
    let changes = vec![
        FieldChange {
            field: "owner".into(),
            before: owner_names[0].clone().into(),
            after: owner_names[1].clone().into(),
        },
        FieldChange { field: "date".into(), before: serde_json::Value::Null, after: date.to_string().into() },
    ];
    // Both owners' history panels show the hand-over.
    for customer in [vehicle.customer_id, change.new_owner] {
        audit::record(
            tx,
            actor,
            now,
            Change {
                entity: AuditEntity::Vehicle,
                entity_id: Some(vehicle.id.0),
                customer_id: Some(customer),
                action: AuditAction::OwnerChanged,
                changes: changes.clone(),
            },
        )?;
    }
    Ok(())
}

/// The models in the archive, most common first (at most 200), for the segment
/// builder's choice.
pub fn models(conn: &(impl Read + ?Sized)) -> Result<Vec<String>> {
    conn.rows(
        "SELECT model FROM vehicles WHERE archived_at IS NULL GROUP BY model ORDER BY count(*) DESC, model LIMIT 200",
        params![],
    )?
    .iter()
    .map(|r| r.get("model"))
    .collect()
}

/// Each active customer (not a lead) with their first active vehicle and its
/// mileage (10,000 km when unknown), by customer: the cars a demo dealership services.
pub fn in_service(conn: &(impl Read + ?Sized)) -> Result<Vec<(CustomerId, VehicleId, u32)>> {
    conn.rows(
        "SELECT c.id AS customer_id, v.id AS vehicle_id, coalesce(v.mileage_km, 10000) AS mileage_km
         FROM customers c
         JOIN vehicles v ON v.id = (SELECT min(x.id) FROM vehicles x
                                    WHERE x.customer_id = c.id AND x.archived_at IS NULL)
         WHERE c.archived_at IS NULL AND c.lead_grade IS NULL
         ORDER BY c.id",
        params![],
    )?
    .iter()
    .map(|r| Ok((CustomerId(r.get("customer_id")?), VehicleId(r.get("vehicle_id")?), r.get("mileage_km")?)))
    .collect()
}
