//! Settings, and the backups they govern: automatic at start and daily,
//! "back up now", and restore (administrators only). On the dealership's server
//! the backups are pg_dump archives (`caredesk_store::postgres::dump`), taken
//! on connections of their own so the desk goes on working meanwhile, and the
//! automatic one is taken by one desk a day.

use std::path::{Path, PathBuf};

use caredesk_domain::audit::{AuditAction, AuditEntity, FieldChange};
use caredesk_domain::settings::{BackupFormat, BackupInfo, BackupKind, Settings};
use caredesk_domain::{Actor, ErrorKind, Issue};
use caredesk_store::audit::{self, Change};
use caredesk_store::engine::Read;
use caredesk_store::postgres::dump::{self, Scheduled};
use caredesk_store::{Db, Now, StoreError, backup, settings};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::commands::app::Language;
use crate::error::CommandError;
use crate::state::AppState;

/// The backup folder and what is in it, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupOverview {
    pub folder: String,
    /// What this desk's database is backed up as, and so which backups it can restore.
    pub format: BackupFormat,
    pub backups: Vec<BackupInfo>,
}

/// Automatic backups are taken when the newest one is older than this.
pub const BACKUP_EVERY: chrono::Duration = chrono::Duration::hours(24);

fn folder(conn: &dyn Read, default_dir: &Path) -> Result<(PathBuf, Settings), StoreError> {
    Ok((settings::backup_folder(conn, default_dir)?, settings::get(conn)?))
}

/// Takes a backup of `kind` and prunes the folder by the rotation settings.
pub fn take_backup(
    db: &Db,
    default_dir: &Path,
    kind: BackupKind,
    now: Now,
) -> Result<BackupInfo, StoreError> {
    let (dir, settings) = folder(db.conn(), default_dir)?;
    // The copy reads every page once: through a small cache, not the desk's.
    db.job_cache()?;
    let taken = backup::take(db.conn(), &dir, kind, now.instant);
    db.full_cache()?;
    let info = taken?;
    backup::prune(&dir, settings.keep_daily, settings.keep_weekly, now.instant)?;
    log::info!("backup taken ({kind:?}, {} bytes): {}", info.bytes, info.path);
    Ok(info)
}

/// The automatic backup: at start (`force`), then whenever the newest
/// backup in the folder is a day old.
pub fn scheduled_backup(
    db: &Db,
    default_dir: &Path,
    now: Now,
    force: bool,
) -> Result<Option<BackupInfo>, StoreError> {
    let (dir, _) = folder(db.conn(), default_dir)?;
    let newest = backup::list(&dir)?.into_iter().map(|b| b.taken_at).max();
    if force || newest.is_none_or(|taken| now.instant - taken >= BACKUP_EVERY) {
        return take_backup(db, default_dir, BackupKind::Automatic, now).map(Some);
    }
    Ok(None)
}

/// The server's automatic backup (team mode): every desk asks every hour; the
/// one that holds the schedule's lock takes it when the database's newest
/// backup is a day old.
pub fn scheduled_server_backup(
    server: &caredesk_store::postgres::Config,
    default_dir: &Path,
    now: Now,
) -> Result<Option<BackupInfo>, StoreError> {
    match dump::scheduled(server, default_dir, BACKUP_EVERY, now.instant)? {
        Scheduled::Taken(info) => {
            log::info!("server backup taken (automatic, {} bytes): {}", info.bytes, info.path);
            Ok(Some(info))
        }
        Scheduled::NotDue { .. } => Ok(None),
        Scheduled::OtherDesk => {
            log::info!("another desk is taking the server's automatic backup");
            Ok(None)
        }
    }
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings, CommandError> {
    state.with_db(|db| settings::get(db.conn())).await
}

#[tauri::command]
pub async fn update_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, CommandError> {
    let saved = state
        .as_member(move |db, actor, now| {
            if let Some(dir) = settings.backup_dir.as_deref().filter(|d| !d.trim().is_empty()) {
                std::fs::create_dir_all(dir.trim()).map_err(|e| {
                    Issue::new(
                        ErrorKind::InvalidPath,
                        "backupDir",
                        format!("cannot use the folder {dir}: {e}"),
                    )
                })?;
            }
            db.write(|tx| settings::update(tx, actor, &settings, now))
        })
        .await?;
    state.set_lock_minutes(saved.lock_minutes);
    Ok(saved)
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<BackupOverview, CommandError> {
    let default_dir = state.default_backup_dir().to_owned();
    state
        .with_db(move |db| {
            let (dir, _) = folder(db.conn(), &default_dir)?;
            Ok(BackupOverview {
                folder: dir.display().to_string(),
                format: db.backup_format(),
                backups: backup::list(&dir)?,
            })
        })
        .await
}

/// "Back up now": the file's copy, or on the server a pg_dump, which runs on a
/// connection of its own while this desk goes on working.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo, CommandError> {
    let default_dir = state.default_backup_dir().to_owned();
    let now = state.now();
    // Through the database's queue, so that the session is checked as for every command.
    let Some(server) = state.with_db(|db| Ok(db.server_config().cloned())).await? else {
        return state
            .with_db(move |db| {
                take_backup(db.require_file("a backup")?, &default_dir, BackupKind::Manual, now)
            })
            .await;
    };
    let info = tauri::async_runtime::spawn_blocking(move || {
        dump::back_up(&server, &default_dir, BackupKind::Manual, now.instant)
    })
    .await
    .map_err(|e| CommandError::internal(format!("the backup task failed: {e}")))??;
    log::info!("server backup taken (manual, {} bytes): {}", info.bytes, info.path);
    Ok(info)
}

/// Replaces the database with a backup, after checking it and keeping the
/// current database as a backup. Everyone is signed out: the accounts may differ.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: String) -> Result<BackupInfo, CommandError> {
    let actor: Actor = state.actor()?;
    let default_dir = state.default_backup_dir().to_owned();
    let now = state.now();
    let (safety, lock_minutes) = state
        .with_db(move |db| {
            let (dir, _) = folder(db.conn(), &default_dir)?;
            let safety = db.restore_backup(Path::new(&path), &dir, now.instant)?;
            db.write(|tx| {
                audit::record(
                    tx,
                    &actor,
                    now,
                    Change {
                        entity: AuditEntity::Database,
                        entity_id: None,
                        customer_id: None,
                        action: AuditAction::BackupRestored,
                        changes: vec![FieldChange {
                            field: "path".into(),
                            before: safety.path.clone().into(),
                            after: path.clone().into(),
                        }],
                    },
                )
            })?;
            Ok((safety, settings::get(db.conn())?.lock_minutes))
        })
        .await?;
    state.set_lock_minutes(lock_minutes);
    *state.session() = None;
    log::info!("the database was restored from a backup; the one before was kept as {}", safety.path);
    Ok(safety)
}

/// The backup folder, chosen in the system's folder dialog; `None` when cancelled.
/// Nothing is saved here: the folder goes into the settings form, saved as usual.
#[tauri::command]
pub async fn choose_backup_folder(state: State<'_, AppState>) -> Result<Option<String>, CommandError> {
    let title = match crate::commands::app::language(&state).await? {
        Language::ZhCn => "选择备份文件夹",
        Language::En => "Choose the backup folder",
    };
    Ok(crate::dialogs::pick_folder(&state.app()?, title).await.map(|p| p.display().to_string()))
}

/// A backup file to restore, chosen in the system's file dialog; `None` when cancelled.
/// The restore itself is `restore_backup`, which checks the file first.
#[tauri::command]
pub async fn choose_backup_file(state: State<'_, AppState>) -> Result<Option<String>, CommandError> {
    let (title, filter) = match crate::commands::app::language(&state).await? {
        Language::ZhCn => ("选择要恢复的备份", "CareDesk 备份"),
        Language::En => ("Choose a backup to restore", "CareDesk backup"),
    };
    // The backups this desk's database can take back.
    let extension = match state.server_config() {
        None => "sqlite",
        Some(_) => "dump",
    };
    let chosen = crate::dialogs::pick_file(&state.app()?, title, (filter, &[extension])).await;
    Ok(chosen.map(|p| p.display().to_string()))
}
