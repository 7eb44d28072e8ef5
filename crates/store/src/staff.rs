//! The `staff` table: accounts, Argon2 password hashes, sign-in with a
//! growing delay after repeated wrong passwords.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use caredesk_domain::audit::{AuditAction, AuditEntity};
use caredesk_domain::staff::{self, AdminSetup, StaffInput, StaffMember};
use caredesk_domain::{Action, Actor, ErrorKind, Invalid, Issue, Role, StaffId};
use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::Now;
use crate::audit::{self, Change};
use crate::engine::{Read, Row, Write};
use crate::error::{Result, StoreError};
use crate::sql::{enum_text, parse_enum};

/// Wrong passwords allowed in a row before each further try must wait.
pub const FREE_ATTEMPTS: u32 = 3;

/// How long to wait after `failed` wrong passwords in a row: nothing for the
/// first few, then 5 s, doubling, at most a minute.
pub fn retry_delay(failed: u32) -> chrono::Duration {
    if failed < FREE_ATTEMPTS {
        return chrono::Duration::zero();
    }
    let seconds = 5_i64.saturating_mul(1 << (failed - FREE_ATTEMPTS).min(4));
    chrono::Duration::seconds(seconds.min(60))
}

const COLUMNS: &str = "id, name, login, role, active";

fn from_row(row: &Row) -> Result<(StaffMember, String)> {
    Ok((
        StaffMember {
            id: StaffId(row.get("id")?),
            name: row.get("name")?,
            login: row.get("login")?,
            role: Role::Administrator,
            active: row.get("active")?,
        },
        row.get("role")?,
    ))
}

fn member(found: (StaffMember, String)) -> Result<StaffMember> {
    let (mut member, role) = found;
    member.role = parse_enum(&role)?;
    Ok(member)
}

pub fn count(conn: &(impl Read + ?Sized)) -> Result<u32> {
    conn.one("SELECT count(*) AS count FROM staff", params![])?.get("count")
}

pub fn list(conn: &(impl Read + ?Sized)) -> Result<Vec<StaffMember>> {
    let rows = conn.rows(&format!("SELECT {COLUMNS} FROM staff ORDER BY active DESC, name"), params![])?;
    rows.iter().map(|r| member(from_row(r)?)).collect()
}

pub fn get(conn: &(impl Read + ?Sized), id: StaffId) -> Result<StaffMember> {
    let found = conn
        .optional(&format!("SELECT {COLUMNS} FROM staff WHERE id = ?1"), params![id.0])?
        .ok_or(StoreError::NotFound { what: "staff member", id: id.0 })?;
    member(from_row(&found)?)
}

fn hash(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Corrupt(format!("cannot hash a password: {e}")))
}

fn verify(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

fn login_taken(conn: &(impl Read + ?Sized), login: &str, except: Option<StaffId>) -> Result<bool> {
    Ok(conn
        .optional(
            "SELECT 1 AS taken FROM staff WHERE login = ?1 AND id IS DISTINCT FROM ?2",
            params![login, except.map(|s| s.0)],
        )?
        .is_some())
}

fn insert(tx: &(impl Write + ?Sized), input: &StaffInput, password: &str, now: Now) -> Result<StaffId> {
    let mut issues = Vec::new();
    if login_taken(tx, &input.login, None)? {
        issues.push(Issue::new(ErrorKind::Duplicate, "login", format!("the login {} is taken", input.login)));
    }
    if let Err(issue) = staff::password("password", password, &input.login) {
        issues.push(issue);
    }
    if !issues.is_empty() {
        return Err(Invalid(issues).into());
    }
    let id = tx
        .one(
            "INSERT INTO staff (name, login, role, active, password_hash, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id",
            params![
                input.name,
                input.login,
                enum_text(&input.role),
                input.active,
                hash(password)?,
                now.instant
            ],
        )?
        .get("id")?;
    Ok(StaffId(id))
}

/// The first start: creates the administrator, only while there is no staff at all.
pub fn create_administrator(tx: &(impl Write + ?Sized), setup: &AdminSetup, now: Now) -> Result<StaffMember> {
    if count(tx)? > 0 {
        return Err(Invalid::from(Issue {
            kind: ErrorKind::InvalidState,
            field: None,
            message: "CareDesk already has an administrator".into(),
            conflict: None,
            action: None,
            changed: None,
        })
        .into());
    }
    let input = StaffInput {
        name: setup.name.clone(),
        login: setup.login.clone(),
        role: Role::Administrator,
        active: true,
    }
    .validate()?;
    let id = insert(tx, &input, &setup.password, now)?;
    let admin = get(tx, id)?;
    let actor = Actor { id, name: admin.name.clone(), role: Role::Administrator };
    audit::record_diff(
        tx,
        &actor,
        now,
        AuditEntity::Staff,
        None,
        None,
        (id.0, &admin),
        AuditAction::Created,
    )?;
    Ok(admin)
}

/// The administrator adds a staff member with a first password.
pub fn create(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    input: &StaffInput,
    password: &str,
    now: Now,
) -> Result<StaffId> {
    actor.require(Action::ManageStaff)?;
    let input = input.validate()?;
    let id = insert(tx, &input, password, now)?;
    audit::record_diff(
        tx,
        actor,
        now,
        AuditEntity::Staff,
        None,
        None,
        (id.0, &get(tx, id)?),
        AuditAction::Created,
    )?;
    Ok(id)
}

fn active_administrators(conn: &(impl Read + ?Sized)) -> Result<u32> {
    conn.one("SELECT count(*) AS count FROM staff WHERE role = 'administrator' AND active = 1", params![])?
        .get("count")
}

/// The administrator changes a name, login, role or disables an account.
/// CareDesk always keeps one active administrator, and nobody disables themselves.
pub fn update(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: StaffId,
    input: &StaffInput,
    now: Now,
) -> Result<()> {
    actor.require(Action::ManageStaff)?;
    let before = get(tx, id)?;
    let input = input.validate()?;
    if login_taken(tx, &input.login, Some(id))? {
        return Err(Invalid::from(Issue::new(
            ErrorKind::Duplicate,
            "login",
            format!("the login {} is taken", input.login),
        ))
        .into());
    }
    if id == actor.id && !input.active {
        return Err(Invalid::from(Issue::new(
            ErrorKind::InvalidState,
            "active",
            "you cannot disable your own account",
        ))
        .into());
    }
    let stays_admin = input.active && input.role == Role::Administrator;
    if before.active && before.role == Role::Administrator && !stays_admin && active_administrators(tx)? <= 1
    {
        return Err(Invalid::from(Issue::new(
            ErrorKind::InvalidState,
            "role",
            "CareDesk needs at least one active administrator",
        ))
        .into());
    }
    tx.run(
        "UPDATE staff SET name = ?2, login = ?3, role = ?4, active = ?5, updated_at = ?6 WHERE id = ?1",
        params![id.0, input.name, input.login, enum_text(&input.role), input.active, now.instant],
    )?;
    let after = get(tx, id)?;
    audit::record_diff(
        tx,
        actor,
        now,
        AuditEntity::Staff,
        None,
        Some(&before),
        (id.0, &after),
        AuditAction::Updated,
    )
}

fn set_password(tx: &(impl Write + ?Sized), id: StaffId, password: &str, now: Now) -> Result<()> {
    tx.run(
        "UPDATE staff SET password_hash = ?2, failed_attempts = 0, last_failed_at = NULL, updated_at = ?3 WHERE id = ?1",
        params![id.0, hash(password)?, now.instant],
    )?;
    Ok(())
}

/// The administrator sets a new password for someone who forgot theirs.
pub fn reset_password(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: StaffId,
    password: &str,
    now: Now,
) -> Result<()> {
    actor.require(Action::ManageStaff)?;
    let member = get(tx, id)?;
    staff::password("password", password, &member.login)?;
    set_password(tx, id, password, now)?;
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Staff,
            entity_id: Some(id.0),
            customer_id: None,
            action: AuditAction::PasswordReset,
            changes: Vec::new(),
        },
    )
}

/// A signed-in member changes their own password, giving the current one.
pub fn change_own_password(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    current: &str,
    new: &str,
    now: Now,
) -> Result<()> {
    let member = get(tx, actor.id)?;
    if !password_matches(tx, actor.id, current)? {
        return Err(Invalid::from(Issue::new(
            ErrorKind::WrongPassword,
            "currentPassword",
            "the current password is wrong",
        ))
        .into());
    }
    staff::password("newPassword", new, &member.login)?;
    set_password(tx, actor.id, new, now)?;
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Staff,
            entity_id: Some(actor.id.0),
            customer_id: None,
            action: AuditAction::PasswordChanged,
            changes: Vec::new(),
        },
    )
}

/// Whether `password` is the member's password (to unlock a locked screen).
pub fn password_matches(conn: &(impl Read + ?Sized), id: StaffId, password: &str) -> Result<bool> {
    let stored: Option<String> = conn
        .optional("SELECT password_hash FROM staff WHERE id = ?1", params![id.0])?
        .map(|r| r.get("password_hash"))
        .transpose()?;
    Ok(stored.is_some_and(|h| verify(&h, password)))
}

/// What a sign-in attempt came to. A refusal is not a store error: the
/// failed-attempt count it records must be committed.
#[derive(Debug)]
pub enum SignIn {
    Accepted(StaffMember),
    Refused(Issue),
}

/// Checks a login and password. Wrong ones count towards the delay; the
/// message never says whether the login exists.
pub fn sign_in(tx: &(impl Write + ?Sized), login: &str, password: &str, now: Now) -> Result<SignIn> {
    let login = login.trim().to_lowercase();
    type Found = (i64, String, i64, u32, Option<DateTime<Utc>>);
    let found: Option<Found> = tx
        .optional(
            "SELECT id, password_hash, active, failed_attempts, last_failed_at FROM staff WHERE login = ?1",
            params![login],
        )?
        .map(|r| -> Result<Found> {
            Ok((
                r.get("id")?,
                r.get("password_hash")?,
                r.get("active")?,
                r.get("failed_attempts")?,
                r.get("last_failed_at")?,
            ))
        })
        .transpose()?;
    let wrong = || Issue::new(ErrorKind::WrongPassword, "password", "the login or the password is wrong");
    let Some((id, stored, active, failed, last_failed)) = found else {
        // Spend the same time as a real check, so timing does not tell which logins exist.
        verify("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$c29tZWhhc2g", password);
        return Ok(SignIn::Refused(wrong()));
    };
    let wait = retry_delay(failed);
    if let Some(last) = last_failed
        && now.instant < last + wait
    {
        let seconds = (last + wait - now.instant).num_seconds().max(1);
        return Ok(SignIn::Refused(Issue::new(
            ErrorKind::TooManyAttempts,
            "password",
            format!("too many wrong passwords; try again in {seconds} seconds"),
        )));
    }
    if !verify(&stored, password) {
        tx.run(
            "UPDATE staff SET failed_attempts = failed_attempts + 1, last_failed_at = ?2 WHERE id = ?1",
            params![id, now.instant],
        )?;
        return Ok(SignIn::Refused(wrong()));
    }
    if active == 0 {
        return Ok(SignIn::Refused(Issue::new(
            ErrorKind::AccountDisabled,
            "login",
            "this account is disabled",
        )));
    }
    tx.run("UPDATE staff SET failed_attempts = 0, last_failed_at = NULL WHERE id = ?1", params![id])?;
    Ok(SignIn::Accepted(get(tx, StaffId(id))?))
}
