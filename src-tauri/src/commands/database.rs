//! Where the desk's data lives: the first start's chooser (before any database
//! is open, see `startup.rs`), and Settings' database — where it is, and
//! moving this desk's database up to the dealership's server.

use caredesk_domain::server::{ServerCheck, ServerInput};
use caredesk_domain::{ErrorKind, Issue};
use caredesk_store::Database;
use caredesk_store::postgres::{self, Server};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::CommandError;
use crate::startup::{StartStatus, Startup};
use crate::state::AppState;

#[tauri::command]
pub async fn start_status(startup: State<'_, Startup>) -> Result<StartStatus, CommandError> {
    Ok(startup.status().await)
}

#[tauri::command]
pub async fn test_server(
    startup: State<'_, Startup>,
    server: ServerInput,
) -> Result<ServerCheck, CommandError> {
    startup.test_server(server).await
}

#[tauri::command]
pub async fn choose_server(
    startup: State<'_, Startup>,
    server: ServerInput,
) -> Result<StartStatus, CommandError> {
    startup.choose_server(server).await
}

#[tauri::command]
pub async fn choose_this_computer(startup: State<'_, Startup>) -> Result<StartStatus, CommandError> {
    startup.choose_this_computer().await
}

#[tauri::command]
pub async fn retry_start(startup: State<'_, Startup>) -> Result<StartStatus, CommandError> {
    startup.retry().await
}

/// The database in use, for Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseInfo {
    /// The file's path, or `postgres://user@host:port/database` (never the password).
    pub location: String,
    /// The dealership's server rather than this computer's file.
    pub on_server: bool,
}

#[tauri::command]
pub async fn database_info(state: State<'_, AppState>) -> Result<DatabaseInfo, CommandError> {
    state
        .with_db(|db| {
            Ok(DatabaseInfo { location: db.location(), on_server: matches!(db, Database::Server(_)) })
        })
        .await
}

/// One table as moved: its rows, and the checksum both sides agreed on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovedTable {
    pub table: String,
    pub rows: u64,
    pub checksum: String,
}

/// What moving up copied; every table was verified (or nothing was moved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MoveReport {
    /// Where the desk now works: `postgres://user@host:port/database`.
    pub server: String,
    /// The file that was copied, left as it was.
    pub file: String,
    pub tables: Vec<MovedTable>,
}

fn not_empty(check: &ServerCheck) -> CommandError {
    Issue {
        kind: ErrorKind::DatabaseNotEmpty,
        field: Some("database".into()),
        message: format!(
            "the server's database {} already holds data: move up into an empty database",
            check.server
        ),
        conflict: None,
        action: None,
        changed: None,
    }
    .into()
}

/// The move dialog's "test connection": as the chooser's, and the database must be empty.
#[tauri::command]
pub async fn test_move_target(server: ServerInput) -> Result<ServerCheck, CommandError> {
    let config = postgres::config(&server.validate()?, &server.password);
    let check = tauri::async_runtime::spawn_blocking(move || postgres::check::check(&config))
        .await
        .map_err(|e| CommandError::internal(format!("the test failed: {e}")))??;
    if check.holds_data {
        return Err(not_empty(&check));
    }
    Ok(check)
}

/// Moves this desk's database up: the server's schema set up, every table
/// copied with its ids and verified (row counts and checksums), the server
/// kept as this desk's choice (its password in the credential store), and the
/// desk switched to it — everyone signed in here signs in again, on the
/// server. The file is left as it was. A database that holds data is refused.
#[tauri::command]
pub async fn move_to_server(
    state: State<'_, AppState>,
    startup: State<'_, Startup>,
    server: ServerInput,
) -> Result<MoveReport, CommandError> {
    let address = server.validate()?;
    let startup = startup.inner().clone();
    let (report, moved) = state
        .with_database(move |db| {
            let file = db.require_file("moving the database to the server")?;
            let path = file.path().display().to_string();
            let config = postgres::config(&address, &server.password);
            log::info!("moving the database up to the dealership's server");
            let copies = postgres::copy::move_up(file.conn(), &config)?;
            let opened = Server::open(&config)?;
            startup.remember(&address, &server.password)?;
            *db = Database::from(opened);
            let tables = copies
                .into_iter()
                .map(|c| MovedTable { table: c.table, rows: c.rows, checksum: c.checksum })
                .collect();
            Ok((MoveReport { server: db.location(), file: path, tables }, config))
        })
        .await?;
    state.moved_to_server(moved);
    Ok(report)
}
