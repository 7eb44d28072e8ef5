//! Per-installation settings and what the backup screens show.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorKind, Invalid, Issue, Issues};

/// What an administrator can change in Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Lock the screen after this many minutes without activity (0 = never).
    pub lock_minutes: u32,
    /// Where automatic and manual backups go; `None` is the default folder
    /// beside the database.
    pub backup_dir: Option<String>,
    /// Keep the newest backup of each of the last N days.
    pub keep_daily: u32,
    /// Keep the newest backup of each of the last N weeks.
    pub keep_weekly: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { lock_minutes: 10, backup_dir: None, keep_daily: 7, keep_weekly: 4 }
    }
}

impl Settings {
    pub fn validate(&self) -> Result<Settings, Invalid> {
        let mut issues = Issues::default();
        let range = |field: &str, value: u32, max: u32| {
            if value > max {
                Err(Issue::new(ErrorKind::OutOfRange, field, format!("{field} must be between 0 and {max}")))
            } else {
                Ok(value)
            }
        };
        issues.take(range("lockMinutes", self.lock_minutes, 480));
        issues.take(range("keepDaily", self.keep_daily, 60));
        issues.take(range("keepWeekly", self.keep_weekly, 52));
        if self.keep_daily == 0 && self.keep_weekly == 0 {
            issues.push(Issue::new(ErrorKind::OutOfRange, "keepDaily", "keep at least one backup"));
        }
        let backup_dir = self.backup_dir.as_deref().map(str::trim).filter(|d| !d.is_empty());
        if let Some(dir) = backup_dir
            && !std::path::Path::new(dir).is_absolute()
        {
            issues.push(Issue::new(ErrorKind::InvalidPath, "backupDir", "backupDir must be a full path"));
        }
        issues.finish()?;
        Ok(Settings { backup_dir: backup_dir.map(str::to_owned), ..self.clone() })
    }
}

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// At start and daily while running.
    Automatic,
    /// "Back up now".
    Manual,
    /// The database as it was just before a restore replaced it.
    BeforeRestore,
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    pub kind: BackupKind,
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub customers: u32,
}
