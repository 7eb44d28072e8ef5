//! The `customers` and `customer_phones` tables.

use caredesk_domain::archive::{
    ArchiveStats, Customer, CustomerDetail, CustomerFields, CustomerInput, NewCustomer,
};
use caredesk_domain::audit::{AuditAction, AuditEntity};
use caredesk_domain::error::Issues;
use caredesk_domain::staff::forbidden;
use caredesk_domain::{Action, Actor, CustomerId, ErrorKind, Invalid, Issue, RecordRef};
use rusqlite::params;

use crate::audit::{self, Change};
use crate::engine::{Read, Row, Write};
use crate::error::{Result, StoreError};
use crate::sql::{enum_text, parse_enum, parse_opt_enum};
use crate::{Now, search, vehicles, versions};

const COLUMNS: &str = "id, name, mobile, contact_time, address, grade, lead_grade, source, birthday, \
     marketing_consent, marketing_consent_changed, notes, archived_at, created_at, updated_at";

fn from_row(row: &Row) -> Result<(Customer, [Option<String>; 4])> {
    Ok((
        Customer {
            id: CustomerId(row.get("id")?),
            name: row.get("name")?,
            mobile: row.get("mobile")?,
            other_phones: Vec::new(),
            contact_time: None,
            address: row.get("address")?,
            grade: Default::default(),
            lead_grade: None,
            source: None,
            birthday: row.get("birthday")?,
            marketing_consent: row.get("marketing_consent")?,
            marketing_consent_changed: row.get("marketing_consent_changed")?,
            notes: row.get("notes")?,
            archived_at: row.get("archived_at")?,
            created_at: row.get("created_at")?,
            updated_at: row.get("updated_at")?,
        },
        // The enum columns, parsed after the row is read so a bad value is a
        // StoreError rather than a panic.
        [row.get("contact_time")?, Some(row.get("grade")?), row.get("lead_grade")?, row.get("source")?],
    ))
}

/// The customer, without vehicles.
pub fn get(conn: &(impl Read + ?Sized), id: CustomerId) -> Result<Customer> {
    let found = conn
        .optional(&format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"), params![id.0])?
        .map(|r| from_row(&r))
        .transpose()?;
    let (mut customer, [contact_time, grade, lead_grade, source]) =
        found.ok_or(StoreError::NotFound { what: "customer", id: id.0 })?;
    customer.contact_time = parse_opt_enum(contact_time)?;
    customer.grade = parse_enum(grade.as_deref().unwrap_or("ordinary"))?;
    customer.lead_grade = parse_opt_enum(lead_grade)?;
    customer.source = parse_opt_enum(source)?;
    customer.other_phones = other_phones(conn, id)?;
    Ok(customer)
}

fn other_phones(conn: &(impl Read + ?Sized), id: CustomerId) -> Result<Vec<String>> {
    conn.rows(
        "SELECT phone FROM customer_phones WHERE customer_id = ?1 AND position > 0 ORDER BY position",
        params![id.0],
    )?
    .iter()
    .map(|r| r.get("phone"))
    .collect()
}

/// The customer page: the customer, the vehicles they own, those they owned.
pub fn detail(conn: &(impl Read + ?Sized), id: CustomerId) -> Result<CustomerDetail> {
    Ok(CustomerDetail {
        customer: get(conn, id)?,
        vehicles: vehicles::of_customer(conn, id)?,
        former_vehicles: vehicles::former_of(conn, id)?,
    })
}

/// The customer who has `phone`, other than `except`.
fn phone_owner(
    conn: &(impl Read + ?Sized),
    phone: &str,
    except: Option<CustomerId>,
) -> Result<Option<RecordRef>> {
    conn.optional(
        "SELECT c.id, c.name FROM customer_phones p JOIN customers c ON c.id = p.customer_id
         WHERE p.phone = ?1 AND c.id IS DISTINCT FROM ?2",
        params![phone, except.map(|c| c.0)],
    )?
    .map(|r| Ok(RecordRef { customer_id: CustomerId(r.get("id")?), label: r.get("name")? }))
    .transpose()
}

/// Issues for phones that another customer already has.
fn check_phones(
    conn: &(impl Read + ?Sized),
    fields: &CustomerFields,
    except: Option<CustomerId>,
) -> Result<Vec<Issue>> {
    let mut issues = Vec::new();
    let phones = std::iter::once(("mobile".to_owned(), &fields.mobile))
        .chain(fields.other_phones.iter().enumerate().map(|(i, p)| (format!("otherPhones.{i}"), p)));
    for (field, phone) in phones {
        if let Some(owner) = phone_owner(conn, phone, except)? {
            issues.push(
                Issue::new(
                    ErrorKind::Duplicate,
                    field,
                    format!("{phone} is already the phone of {}", owner.label),
                )
                .with_conflict(owner),
            );
        }
    }
    Ok(issues)
}

fn write_phones(tx: &(impl Write + ?Sized), id: CustomerId, fields: &CustomerFields) -> Result<()> {
    tx.run("DELETE FROM customer_phones WHERE customer_id = ?1", params![id.0])?;
    let insert = "INSERT INTO customer_phones (phone, customer_id, position) VALUES (?1, ?2, ?3)";
    tx.run(insert, params![fields.mobile, id.0, 0])?;
    for (i, phone) in fields.other_phones.iter().enumerate() {
        tx.run(insert, params![phone, id.0, i as i64 + 1])?;
    }
    Ok(())
}

/// Refuses unless the actor's role may give or withdraw marketing consent.
fn require_consent_role(actor: &Actor) -> Result<()> {
    if actor.require(Action::ChangeConsent).is_err() {
        let mut issue = forbidden(Action::ChangeConsent);
        issue.field = Some("marketingConsent".into());
        return Err(Invalid::from(issue).into());
    }
    Ok(())
}

/// Saves a new customer with their vehicles, or nothing if anything is wrong:
/// every issue of every field is reported at once.
pub fn create(tx: &(impl Write + ?Sized), actor: &Actor, new: &NewCustomer, now: Now) -> Result<CustomerId> {
    create_from(tx, actor, new, now, None)
}

/// As [`create`]; `source` (`file.xlsx row 17`) is noted in the audit entries
/// of an imported customer and their vehicles.
pub(crate) fn create_from(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    new: &NewCustomer,
    now: Now,
    source: Option<&str>,
) -> Result<CustomerId> {
    actor.require(Action::EditArchive)?;
    if new.customer.marketing_consent {
        require_consent_role(actor)?;
    }
    let mut issues = Issues::default();
    let customer = match new.customer.validate(now.today) {
        Ok(fields) => Some(fields),
        Err(invalid) => {
            for issue in invalid.0 {
                issues.push(issue);
            }
            None
        }
    };
    if let Some(fields) = &customer {
        for issue in check_phones(tx, fields, None)? {
            issues.push(issue);
        }
    }
    let mut vehicle_fields = Vec::new();
    for (i, input) in new.vehicles.iter().enumerate() {
        let prefix = format!("vehicles.{i}");
        match input.validate(now.today) {
            Ok(fields) => {
                let mut found = vehicles::check_unique(tx, &fields, None)?;
                // Two vehicles of the same form with one VIN or plate.
                for (earlier, other) in vehicle_fields.iter().enumerate() {
                    found.extend(vehicles::same_identity(&fields, other, earlier));
                }
                if !found.is_empty() {
                    issues.extend(Invalid(found), &prefix);
                }
                vehicle_fields.push(fields);
            }
            Err(invalid) => issues.extend(invalid, &prefix),
        }
    }
    issues.finish()?;
    let Some(fields) = customer else {
        return Err(Invalid(Vec::new()).into());
    };
    let id = tx.one(
        "INSERT INTO customers (name, mobile, contact_time, address, grade, lead_grade, source, birthday,
             marketing_consent, marketing_consent_changed, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12) RETURNING id",
        params![
            fields.name,
            fields.mobile,
            fields.contact_time.as_ref().map(enum_text),
            fields.address,
            enum_text(&fields.grade),
            fields.lead_grade.as_ref().map(enum_text),
            fields.source.as_ref().map(enum_text),
            fields.birthday,
            fields.marketing_consent,
            fields.marketing_consent.then_some(now.today),
            fields.notes,
            now.instant,
        ],
    )?;
    let id = CustomerId(id.get("id")?);
    write_phones(tx, id, &fields)?;
    audit::record_diff_from(
        tx,
        actor,
        now,
        AuditEntity::Customer,
        None,
        None,
        (id.0, &get(tx, id)?),
        AuditAction::Created,
        source,
    )?;
    for vehicle in &vehicle_fields {
        vehicles::insert(tx, actor, id, vehicle, now, source)?;
    }
    search::reindex(tx, id)?;
    Ok(id)
}

fn refuse_if_archived(customer: &Customer) -> Result<()> {
    if customer.archived_at.is_some() {
        return Err(Invalid::from(Issue {
            kind: ErrorKind::InvalidState,
            field: None,
            message: format!("{} is archived; restore the customer first", customer.name),
            conflict: None,
            action: None,
            changed: None,
        })
        .into());
    }
    Ok(())
}

/// Saves an edited customer, or nothing if anything is wrong.
pub fn update(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: CustomerId,
    input: &CustomerInput,
    now: Now,
) -> Result<()> {
    update_from(tx, actor, id, input, now, None)
}

/// As [`update`]; `source` is noted in the audit entry of an imported change.
pub(crate) fn update_from(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: CustomerId,
    input: &CustomerInput,
    now: Now,
    source: Option<&str>,
) -> Result<()> {
    actor.require(Action::EditArchive)?;
    let stamp = versions::lock_and_check(
        tx,
        "customers",
        AuditEntity::Customer,
        "customer",
        id.0,
        input.version,
        now.instant,
    )?;
    let before = get(tx, id)?;
    refuse_if_archived(&before)?;
    if input.marketing_consent != before.marketing_consent {
        require_consent_role(actor)?;
    }
    let fields = input.validate(now.today)?;
    let duplicates = check_phones(tx, &fields, Some(id))?;
    if !duplicates.is_empty() {
        return Err(Invalid(duplicates).into());
    }
    let consent_changed = if fields.marketing_consent != before.marketing_consent {
        Some(now.today)
    } else {
        before.marketing_consent_changed
    };
    tx.run(
        "UPDATE customers SET name = ?2, mobile = ?3, contact_time = ?4, address = ?5, grade = ?6,
             lead_grade = ?7, source = ?8, birthday = ?9, marketing_consent = ?10,
             marketing_consent_changed = ?11, notes = ?12, updated_at = ?13
         WHERE id = ?1",
        params![
            id.0,
            fields.name,
            fields.mobile,
            fields.contact_time.as_ref().map(enum_text),
            fields.address,
            enum_text(&fields.grade),
            fields.lead_grade.as_ref().map(enum_text),
            fields.source.as_ref().map(enum_text),
            fields.birthday,
            fields.marketing_consent,
            consent_changed,
            fields.notes,
            stamp,
        ],
    )?;
    write_phones(tx, id, &fields)?;
    let after = get(tx, id)?;
    audit::record_diff_from(
        tx,
        actor,
        now,
        AuditEntity::Customer,
        None,
        Some(&before),
        (id.0, &after),
        AuditAction::Updated,
        source,
    )?;
    search::reindex(tx, id)?;
    Ok(())
}

/// Archives (or restores) a customer. An archived customer keeps every record
/// and still owns their vehicles, but leaves the default list and can't be edited.
pub fn set_archived(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: CustomerId,
    archived: bool,
    now: Now,
) -> Result<()> {
    actor.require(Action::ArchiveCustomer)?;
    let stamp = versions::lock_and_check(
        tx,
        "customers",
        AuditEntity::Customer,
        "customer",
        id.0,
        None,
        now.instant,
    )?;
    let before = get(tx, id)?;
    if before.archived_at.is_some() == archived {
        return Ok(());
    }
    tx.run(
        "UPDATE customers SET archived_at = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, archived.then_some(now.instant), stamp],
    )?;
    let action = if archived { AuditAction::Archived } else { AuditAction::Restored };
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Customer,
            entity_id: Some(id.0),
            customer_id: None,
            action,
            changes: Vec::new(),
        },
    )
}

/// Fails unless the customer exists and is not archived.
pub(crate) fn require_active(conn: &(impl Read + ?Sized), id: CustomerId) -> Result<Customer> {
    let customer = get(conn, id)?;
    refuse_if_archived(&customer)?;
    Ok(customer)
}

/// Every customer, archived ones included, oldest first: the archive's export.
pub fn all(conn: &(impl Read + ?Sized)) -> Result<Vec<Customer>> {
    let mut phones: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    for row in conn.rows(
        "SELECT customer_id, phone FROM customer_phones WHERE position > 0 ORDER BY customer_id, position",
        params![],
    )? {
        phones.entry(row.get("customer_id")?).or_default().push(row.get("phone")?);
    }
    conn.rows(&format!("SELECT {COLUMNS} FROM customers ORDER BY id"), params![])?
        .iter()
        .map(|row| {
            let (mut customer, [contact_time, grade, lead_grade, source]) = from_row(row)?;
            customer.contact_time = parse_opt_enum(contact_time)?;
            customer.grade = parse_enum(grade.as_deref().unwrap_or("ordinary"))?;
            customer.lead_grade = parse_opt_enum(lead_grade)?;
            customer.source = parse_opt_enum(source)?;
            customer.other_phones = phones.remove(&customer.id.0).unwrap_or_default();
            Ok(customer)
        })
        .collect()
}

pub fn stats(conn: &(impl Read + ?Sized)) -> Result<ArchiveStats> {
    let r = conn.one(
        "SELECT count(*) FILTER (WHERE archived_at IS NULL) AS customers,
                count(*) FILTER (WHERE archived_at IS NULL AND lead_grade IS NOT NULL) AS leads,
                count(*) FILTER (WHERE archived_at IS NOT NULL) AS archived
         FROM customers",
        params![],
    )?;
    let (customers, leads, archived): (u32, u32, u32) =
        (r.get("customers")?, r.get("leads")?, r.get("archived")?);
    let vehicles: u32 = conn
        .one("SELECT count(*) AS vehicles FROM vehicles WHERE archived_at IS NULL", params![])?
        .get("vehicles")?;
    Ok(ArchiveStats { customers, leads, vehicles, archived })
}

/// True when the archive holds no customer at all (first start).
pub fn is_empty(conn: &(impl Read + ?Sized)) -> Result<bool> {
    Ok(conn.optional("SELECT 1 AS found FROM customers LIMIT 1", params![])?.is_none())
}
