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

/// What a backup is a copy of, which is also what it can be restored into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupFormat {
    /// A desk's database file: one SQLite file (`.sqlite`).
    File,
    /// Team mode: the dealership's server, as a `pg_dump --format=custom` archive (`.dump`).
    ServerDump,
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    pub kind: BackupKind,
    pub format: BackupFormat,
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub customers: u32,
}

/// One advisor's reception hours, when they differ from the working hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdvisorHours {
    pub advisor_id: crate::StaffId,
    pub from: chrono::NaiveTime,
    pub to: chrono::NaiveTime,
}

/// How the service department works: what the appointment board, the repair
/// order and handover read. A manager changes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceSettings {
    /// The dealership's name as it heads the printed papers and the customer messages.
    #[serde(default)]
    #[ts(optional, as = "Option<String>")]
    pub dealership: String,
    /// The first reception slot of the day.
    pub opens: chrono::NaiveTime,
    /// No appointment starts at or after this time.
    pub closes: chrono::NaiveTime,
    /// The length of one reception slot.
    pub slot_minutes: u32,
    /// Workshop capacity: bookable repair hours per day.
    pub workshop_hours: u32,
    /// The labour rate a new labour line starts with.
    pub labour_rate: crate::Fen,
    /// Tax on the repair order in basis points (1300 = 13%).
    pub tax_basis_points: u32,
    /// The follow-up call is due from this many days after handover…
    pub follow_up_from_days: u32,
    /// …until this many days after handover.
    pub follow_up_to_days: u32,
    /// Advisors whose reception hours are narrower than the working hours.
    pub advisor_hours: Vec<AdvisorHours>,
}

fn time(h: u32, m: u32) -> chrono::NaiveTime {
    chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

impl Default for ServiceSettings {
    fn default() -> Self {
        ServiceSettings {
            dealership: String::new(),
            opens: time(8, 30),
            closes: time(17, 30),
            slot_minutes: 30,
            workshop_hours: 64,
            labour_rate: crate::Fen(18_000),
            tax_basis_points: 1300,
            follow_up_from_days: 1,
            follow_up_to_days: 3,
            advisor_hours: Vec::new(),
        }
    }
}

impl ServiceSettings {
    pub fn validate(&self) -> Result<ServiceSettings, Invalid> {
        let mut issues = Issues::default();
        let dealership = issues.take(crate::validate::optional_text("dealership", &self.dealership, 60));
        let range = |field: &str, value: u32, min: u32, max: u32| {
            if (min..=max).contains(&value) {
                Ok(value)
            } else {
                Err(Issue::new(
                    ErrorKind::OutOfRange,
                    field,
                    format!("{field} must be between {min} and {max}"),
                ))
            }
        };
        if self.closes <= self.opens {
            issues.push(Issue::new(ErrorKind::DateOrder, "closes", "closes must be after opens"));
        }
        if ![10, 15, 20, 30, 45, 60, 90, 120].contains(&self.slot_minutes) {
            issues.push(Issue::new(
                ErrorKind::OutOfRange,
                "slotMinutes",
                "slotMinutes must be 10, 15, 20, 30, 45, 60, 90 or 120",
            ));
        }
        issues.take(range("workshopHours", self.workshop_hours, 1, 2000));
        if !(1..=10_000_000).contains(&self.labour_rate.0) {
            issues.push(Issue::new(ErrorKind::OutOfRange, "labourRate", "labourRate must be above zero"));
        }
        issues.take(range("taxBasisPoints", self.tax_basis_points, 0, 5000));
        issues.take(range("followUpFromDays", self.follow_up_from_days, 0, 30));
        issues.take(range("followUpToDays", self.follow_up_to_days, 0, 60));
        if self.follow_up_to_days < self.follow_up_from_days {
            issues.push(Issue::new(
                ErrorKind::DateOrder,
                "followUpToDays",
                "followUpToDays must not be before followUpFromDays",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, hours) in self.advisor_hours.iter().enumerate() {
            if hours.to <= hours.from {
                issues.push(Issue::new(
                    ErrorKind::DateOrder,
                    format!("advisorHours.{i}.to"),
                    "an advisor's hours must end after they start",
                ));
            }
            if !seen.insert(hours.advisor_id) {
                issues.push(Issue::new(
                    ErrorKind::Duplicate,
                    format!("advisorHours.{i}.advisorId"),
                    "an advisor has one line of reception hours",
                ));
            }
        }
        issues.finish()?;
        Ok(ServiceSettings { dealership: dealership.unwrap_or_default(), ..self.clone() })
    }

    /// The reception hours of `advisor`: their own, or the working hours.
    pub fn hours_of(&self, advisor: crate::StaffId) -> (chrono::NaiveTime, chrono::NaiveTime) {
        self.advisor_hours
            .iter()
            .find(|h| h.advisor_id == advisor)
            .map(|h| (h.from.max(self.opens), h.to.min(self.closes)))
            .unwrap_or((self.opens, self.closes))
    }

    /// Every slot start of the day, from opening to the last slot before closing.
    pub fn slots(&self) -> Vec<chrono::NaiveTime> {
        let step = chrono::Duration::minutes(i64::from(self.slot_minutes.max(1)));
        let mut slots = Vec::new();
        let mut at = self.opens;
        while at < self.closes && slots.len() < 200 {
            slots.push(at);
            let (next, wrapped) = at.overflowing_add_signed(step);
            if wrapped != 0 {
                break;
            }
            at = next;
        }
        slots
    }
}
