//! Settings, kept as rows of the `preferences` table.

use caredesk_domain::settings::{ServiceSettings, Settings};
use caredesk_domain::{Action, Actor, ErrorKind, Issue, Role};

use crate::engine::{Read, Write};
use crate::error::Result;
use crate::{Now, preferences};

const LOCK_MINUTES: &str = "lock_minutes";
const BACKUP_DIR: &str = "backup_dir";
const KEEP_DAILY: &str = "keep_daily";
const KEEP_WEEKLY: &str = "keep_weekly";

/// The settings, with defaults for anything never set.
pub fn get(conn: &(impl Read + ?Sized)) -> Result<Settings> {
    let defaults = Settings::default();
    let number = |key: &str, default: u32| -> Result<u32> {
        Ok(preferences::get(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
    };
    Ok(Settings {
        lock_minutes: number(LOCK_MINUTES, defaults.lock_minutes)?,
        backup_dir: preferences::get(conn, BACKUP_DIR)?.filter(|d| !d.is_empty()),
        keep_daily: number(KEEP_DAILY, defaults.keep_daily)?,
        keep_weekly: number(KEEP_WEEKLY, defaults.keep_weekly)?,
    })
}

pub fn update(tx: &(impl Write + ?Sized), actor: &Actor, settings: &Settings, now: Now) -> Result<Settings> {
    actor.require(Action::ManageSettings)?;
    let before = get(tx)?;
    let settings = settings.validate()?;
    preferences::set(tx, LOCK_MINUTES, &settings.lock_minutes.to_string())?;
    preferences::set(tx, BACKUP_DIR, settings.backup_dir.as_deref().unwrap_or(""))?;
    preferences::set(tx, KEEP_DAILY, &settings.keep_daily.to_string())?;
    preferences::set(tx, KEEP_WEEKLY, &settings.keep_weekly.to_string())?;
    preferences::record_change(tx, actor, now, &before, &settings)?;
    Ok(settings)
}

const SERVICE: &str = "service_settings";

/// How the service department works, with defaults for anything never set.
pub fn service(conn: &(impl Read + ?Sized)) -> Result<ServiceSettings> {
    preferences::get_json(conn, SERVICE)
}

pub fn update_service(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    settings: &ServiceSettings,
    now: Now,
) -> Result<ServiceSettings> {
    actor.require(Action::PlanService)?;
    let before = service(tx)?;
    let settings = settings.validate()?;
    for (i, hours) in settings.advisor_hours.iter().enumerate() {
        let member = crate::staff::get(tx, hours.advisor_id)?;
        if !matches!(member.role, Role::ServiceAdvisor | Role::ServiceManager) {
            return Err(Issue::new(
                ErrorKind::OutOfRange,
                format!("advisorHours.{i}.advisorId"),
                format!("{} is not a service advisor", member.name),
            )
            .into());
        }
    }
    preferences::set_json(tx, actor, now, SERVICE, &before, &settings)?;
    Ok(settings)
}
