//! What the commands share: the open database and the clock.

use std::path::Path;
use std::sync::{Arc, Mutex};

use caredesk_store::{Db, Now, StoreError};

use crate::error::CommandError;
use crate::launch::Options;

/// The demo dealership's size and seed: a few hundred customers, the same every time.
pub const DEMO_CUSTOMERS: usize = 300;
/// The date of the seed documents' care plan, 2011-08-29.
pub const DEMO_SEED: u64 = 20_110_829;

pub struct AppState {
    db: Arc<Mutex<Db>>,
    /// Injectable so tests run on a fixed date.
    clock: fn() -> Now,
}

impl AppState {
    pub fn new(db: Db, clock: fn() -> Now) -> AppState {
        AppState { db: Arc::new(Mutex::new(db)), clock }
    }

    /// Opens the database the options name; `--demo` starts from a fresh demo dealership.
    pub fn open(options: &Options, app_data_dir: &Path) -> Result<AppState, StoreError> {
        let path = options.database_path(app_data_dir);
        if options.demo {
            for suffix in ["", "-wal", "-shm"] {
                let mut file = path.clone().into_os_string();
                file.push(suffix);
                match std::fs::remove_file(&file) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(StoreError::Io { path: file.into(), source: e });
                    }
                    _ => {}
                }
            }
        }
        let mut db = Db::open(&path)?;
        if options.demo {
            crate::commands::archive::seed_demo(&mut db, Now::system())?;
        }
        Ok(AppState::new(db, Now::system))
    }

    pub fn now(&self) -> Now {
        (self.clock)()
    }

    /// Runs `f` on the database on a blocking thread, off the UI thread and
    /// the async runtime's workers.
    pub async fn with_db<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db) -> Result<T, StoreError> + Send + 'static,
    {
        let db = Arc::clone(&self.db);
        tauri::async_runtime::spawn_blocking(move || {
            let mut db = db.lock().map_err(|_| CommandError::internal("the database lock was poisoned"))?;
            f(&mut db).map_err(CommandError::from)
        })
        .await
        .map_err(|e| CommandError::internal(format!("the database task failed: {e}")))?
    }
}
