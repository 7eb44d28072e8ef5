//! Settings, kept as rows of the `preferences` table.

use std::path::{Path, PathBuf};

use caredesk_domain::settings::{ServiceSettings, Settings};
use caredesk_domain::{Action, Actor, ErrorKind, Issue, Role};
use chrono::{DateTime, Utc};

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

/// The folder backups go to: the one the settings name, or `default_dir`.
pub fn backup_folder(conn: &(impl Read + ?Sized), default_dir: &Path) -> Result<PathBuf> {
    Ok(get(conn)?.backup_dir.map_or_else(|| default_dir.to_owned(), PathBuf::from))
}

/// Team mode: when the server's newest backup was taken, by the server's clock.
/// Every desk may keep its own backup folder, so the automatic schedule asks the
/// database, not the folder, whether one is due.
const LAST_BACKUP: &str = "last_backup_at";
/// What the last restore wrote (see `restore_mark`).
const RESTORED: &str = "restored";

/// When the server's newest backup was taken; `None` if none has been recorded.
pub fn last_backup_at(conn: &(impl Read + ?Sized)) -> Result<Option<DateTime<Utc>>> {
    Ok(preferences::get(conn, LAST_BACKUP)?
        .and_then(|at| DateTime::parse_from_rfc3339(&at).ok())
        .map(|at| at.with_timezone(&Utc)))
}

/// Records a backup of the server taken at `at` (the server's clock); an
/// earlier time than the one recorded changes nothing.
pub fn record_backup(tx: &(impl Write + ?Sized), at: DateTime<Utc>) -> Result<()> {
    crate::locks::advisory(tx, "backup", "recorded")?;
    if last_backup_at(tx)?.is_some_and(|last| last >= at) {
        return Ok(());
    }
    preferences::set(tx, LAST_BACKUP, &at.to_rfc3339())
}

/// Changes with every restore: a desk that finds another value than the one it
/// knew signs its member out, as the desk that restored does (the accounts and
/// everything else may differ now). Empty before the first restore.
pub fn restore_mark(conn: &(impl Read + ?Sized)) -> Result<String> {
    Ok(preferences::get(conn, RESTORED)?.unwrap_or_default())
}

pub fn mark_restored(tx: &(impl Write + ?Sized), mark: &str) -> Result<()> {
    preferences::set(tx, RESTORED, mark)
}

/// The rows a server restore writes in its own transaction, as SQL for the
/// script that restores (`postgres::dump`): the restore's mark and the time of
/// the backup taken just before it.
pub(crate) fn after_restore_sql(mark: &str, backup_at: DateTime<Utc>) -> String {
    let literal = |text: &str| format!("'{}'", text.replace('\'', "''"));
    format!(
        "INSERT INTO preferences (key, value) VALUES ({}, {}), ({}, {})\n    \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value;\n",
        literal(RESTORED),
        literal(mark),
        literal(LAST_BACKUP),
        literal(&backup_at.to_rfc3339()),
    )
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
