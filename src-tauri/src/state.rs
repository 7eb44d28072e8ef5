//! What the commands share: the open database, the clock, and who is signed in.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use caredesk_domain::staff::{StaffMember, forbidden, may};
use caredesk_domain::{Action, Actor, ErrorKind, Issue};
use caredesk_store::{Announce, Database, Db, Now, StoreError, settings};
use chrono::{DateTime, Utc};

use crate::error::CommandError;
use crate::launch::Options;

/// The signed-in staff member.
#[derive(Debug, Clone)]
pub struct Session {
    pub member: StaffMember,
    pub last_activity: DateTime<Utc>,
    /// Locked after inactivity: the same member's password unlocks it.
    pub locked: bool,
}

impl Session {
    pub fn actor(&self) -> Actor {
        Actor { id: self.member.id, name: self.member.name.clone(), role: self.member.role }
    }
}

pub struct AppState {
    db: Arc<Mutex<Database>>,
    /// Injectable so tests run on a fixed date.
    clock: fn() -> Now,
    /// `--clock-ahead`: added to every reading of the clock.
    clock_ahead: chrono::Duration,
    session: Arc<Mutex<Option<Session>>>,
    /// The lock setting, kept here so the guard needs no database read.
    lock_minutes: Arc<AtomicU32>,
    /// The database file (the automatic backup opens a connection of its own on
    /// it); `None` in team mode, where the database is the dealership's server.
    /// It changes once, when the desk's database is moved up to the server.
    database_path: Mutex<Option<PathBuf>>,
    /// Team mode: the server's address (its backups run on connections of their
    /// own); set when the desk's database is moved up.
    server_config: Mutex<Option<caredesk_store::postgres::Config>>,
    /// The last restore's mark as this desk last read it: another value in the
    /// database means someone restored a backup since, and the member signs in again.
    restore_mark: Arc<Mutex<String>>,
    /// The backup folder when the settings name none: beside the database.
    default_backup_dir: PathBuf,
    /// Where printed papers are saved: beside the database.
    prints_dir: PathBuf,
    /// The printing font, a resource the app carries (`fonts/` in its resource folder).
    font_file: PathBuf,
    /// The running app, for what the operating system does (dialogs, the PDF viewer);
    /// set once the window exists. Command tests run without it.
    app: std::sync::OnceLock<tauri::AppHandle>,
    /// The font of every printed paper, loaded at the first print.
    fonts: std::sync::OnceLock<Result<Arc<caredesk_print::Fonts>, Arc<caredesk_print::PrintError>>>,
    /// `--demo`: why the demo dealership could not be written, if it could not.
    demo_failure: Arc<std::sync::OnceLock<String>>,
    /// Where commits are announced (see `announce_to`).
    announce: std::sync::OnceLock<Announce>,
    /// Team mode: the connection that hears other desks' commits.
    listener: Mutex<Option<caredesk_store::postgres::listen::Listener>>,
    /// Escalations the background check raised that no screen has been told of
    /// yet: the next `complaint_alerts` hands them to the manager's notifications.
    raised: Mutex<Vec<crate::commands::complaints::RaisedEscalation>>,
}

impl AppState {
    /// `font_file`: the printing font (see `caredesk_print::FONT_FILE`).
    pub fn new(db: Db, clock: fn() -> Now, font_file: PathBuf) -> AppState {
        let dir = db.path().parent().map(Path::to_owned).unwrap_or_default();
        AppState::on(Database::File(db), &dir, clock, font_file)
    }

    /// On `database`, keeping backups and printed papers in `dir` (beside the
    /// file, or the app's data folder in team mode).
    pub fn on(database: Database, dir: &Path, clock: fn() -> Now, font_file: PathBuf) -> AppState {
        let lock_minutes = settings::get(database.conn()).map(|s| s.lock_minutes).unwrap_or(0);
        let restore_mark = settings::restore_mark(database.conn()).unwrap_or_default();
        let database_path = match &database {
            Database::File(db) => Some(db.path().to_owned()),
            Database::Server(_) => None,
        };
        let server_config = database.server_config().cloned();
        AppState {
            db: Arc::new(Mutex::new(database)),
            clock,
            clock_ahead: chrono::Duration::zero(),
            session: Arc::new(Mutex::new(None)),
            lock_minutes: Arc::new(AtomicU32::new(lock_minutes)),
            database_path: Mutex::new(database_path),
            server_config: Mutex::new(server_config),
            restore_mark: Arc::new(Mutex::new(restore_mark)),
            default_backup_dir: dir.join("backups"),
            prints_dir: dir.join("prints"),
            font_file,
            app: std::sync::OnceLock::new(),
            fonts: std::sync::OnceLock::new(),
            demo_failure: Arc::new(std::sync::OnceLock::new()),
            announce: std::sync::OnceLock::new(),
            listener: Mutex::new(None),
            raised: Mutex::new(Vec::new()),
        }
    }

    /// `--demo`: writes the demo dealership on a thread of its own, so the
    /// window and its page load meanwhile. The thread holds the database from
    /// before this returns until the archive is complete, so the first command
    /// — the sign-in screen's — waits for the whole dealership, never a part.
    pub fn seed_demo_in_background(&self) -> Result<(), StoreError> {
        let db = Arc::clone(&self.db);
        let failure = Arc::clone(&self.demo_failure);
        let now = (self.clock)();
        let (held, hold) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("demo-seed".into())
            .spawn(move || {
                let Ok(mut db) = db.lock() else { return };
                let _ = held.send(());
                // On the dealership's server the first desk started with --demo writes
                // the dealership; the desks after it find it there.
                let on_server = matches!(*db, Database::Server(_));
                // Written once, not read back: no use for the desk's large cache.
                if let Some(file) = db.file() {
                    let _ = file.job_cache();
                }
                if on_server && !caredesk_store::customers::is_empty(db.conn()).unwrap_or(true) {
                    log::info!("--demo: the server's database holds a dealership already");
                } else if let Err(error) = caredesk_demo::seed(&mut db, &Actor::system(), now) {
                    log::error!("the demo dealership could not be written: {error}");
                    let _ = failure.set(error.to_string());
                }
                if let Some(file) = db.file() {
                    let _ = file.full_cache();
                }
            })
            .map_err(|source| StoreError::Io { path: self.default_backup_dir.clone(), source })?;
        // The thread has the database (or has died, and then the lock is poisoned
        // and every command says so).
        let _ = hold.recv();
        Ok(())
    }

    /// Why `--demo` could not write the demo dealership, if it could not.
    pub fn demo_failure(&self) -> Option<&str> {
        self.demo_failure.get().map(String::as_str)
    }

    /// Opens the database the options name: the dealership's server for a
    /// `postgres://` address, else the file; `--demo` starts from a fresh demo
    /// dealership (on a server, only if its database is still empty).
    pub fn open(options: &Options, app_data_dir: &Path, font_file: PathBuf) -> Result<AppState, StoreError> {
        if let Some(url) = options.server_url() {
            let config: caredesk_store::postgres::Config =
                url.parse().map_err(|e| StoreError::UnsuitableDatabase {
                    database: "--db".into(),
                    reason: format!("not a usable address: {e}"),
                })?;
            let server = caredesk_store::postgres::Server::open(&config)?;
            let mut state = AppState::on(Database::from(server), app_data_dir, Now::system, font_file);
            state.clock_ahead = chrono::Duration::minutes(options.clock_ahead_minutes);
            return Ok(state);
        }
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
        let db = Db::open(&path)?;
        let mut state = AppState::new(db, Now::system, font_file);
        state.clock_ahead = chrono::Duration::minutes(options.clock_ahead_minutes);
        Ok(state)
    }

    /// `--clock-ahead`: the clock read that many minutes ahead.
    pub fn with_clock_ahead(mut self, minutes: i64) -> AppState {
        self.clock_ahead = chrono::Duration::minutes(minutes);
        self
    }

    /// Keeps escalations raised in the background for the next alerts check.
    pub fn note_raised(&self, raised: Vec<crate::commands::complaints::RaisedEscalation>) {
        self.raised.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).extend(raised);
    }

    /// The escalations raised in the background since the last alerts check.
    pub fn take_raised(&self) -> Vec<crate::commands::complaints::RaisedEscalation> {
        std::mem::take(&mut *self.raised.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    pub fn now(&self) -> Now {
        let now = (self.clock)();
        if self.clock_ahead.is_zero() {
            return now;
        }
        let local = now.local + self.clock_ahead;
        Now { instant: now.instant + self.clock_ahead, today: local.date(), local }
    }

    /// Remembers the running app (at start-up), and from then on tells its
    /// window what every commit changed.
    pub fn set_app(&self, app: tauri::AppHandle) {
        let _ = self.app.set(app.clone());
        self.announce_to(crate::changes::forward(app));
    }

    /// Tells `announce` what each commit changes: on the file, what this desk's
    /// connection commits (whoever asked: a command, the escalation clock, the
    /// demo); on the server, what any desk commits, heard by a listener of its own.
    pub fn announce_to(&self, announce: Announce) {
        let _ = self.announce.set(announce.clone());
        if let Some(server) = self.server_config() {
            self.listen_to(server, announce);
            return;
        }
        let install = |db: &mut Database, announce: Announce| {
            if let Some(file) = db.file()
                && let Err(error) = file.announce_changes(announce)
            {
                log::error!("this desk's changes will not reach its screens: {error}");
            }
        };
        if let Ok(mut db) = self.db.try_lock() {
            install(&mut db, announce);
            return;
        }
        // On a thread: the demo's seeding holds the database for a while.
        let db = Arc::clone(&self.db);
        let spawned = std::thread::Builder::new().name("caredesk-announce".into()).spawn(move || {
            install(&mut db.lock().unwrap_or_else(|poisoned| poisoned.into_inner()), announce);
        });
        if let Err(error) = spawned {
            log::error!("this desk's changes will not reach its screens: {error}");
        }
    }

    fn listen_to(&self, server: caredesk_store::postgres::Config, announce: Announce) {
        match caredesk_store::postgres::listen::listen(server, announce) {
            Ok(listener) => {
                *self.listener.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(listener)
            }
            Err(error) => log::error!("other desks' changes will not reach this desk's screens: {error}"),
        }
    }

    /// The running app, for a dialog or the PDF viewer.
    pub fn app(&self) -> Result<tauri::AppHandle, CommandError> {
        self.app.get().cloned().ok_or_else(|| CommandError::internal("CareDesk has not finished starting"))
    }

    /// The database file; `None` in team mode.
    pub fn database_path(&self) -> Option<PathBuf> {
        self.database_path.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// After the desk's database was moved up and the desk now works on the
    /// `server`: no file of its own any more, and nobody signed in — everyone
    /// signs in again, on the server.
    pub fn moved_to_server(&self, server: caredesk_store::postgres::Config) {
        *self.database_path.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
        *self.server_config.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(server.clone());
        *self.session() = None;
        log::info!("signed out: the database was moved to the dealership's server");
        if let Some(announce) = self.announce.get() {
            self.listen_to(server, announce.clone());
        }
    }

    /// Team mode: the server's address; `None` on a file.
    pub fn server_config(&self) -> Option<caredesk_store::postgres::Config> {
        self.server_config.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    pub fn default_backup_dir(&self) -> &Path {
        &self.default_backup_dir
    }

    pub fn prints_dir(&self) -> &Path {
        &self.prints_dir
    }

    /// The printing font, loaded once; a missing or broken font file is reported at
    /// every attempt, naming the file, and the app carries on.
    pub fn fonts(&self) -> Result<Arc<caredesk_print::Fonts>, CommandError> {
        self.fonts
            .get_or_init(|| caredesk_print::Fonts::load(&self.font_file).map(Arc::new).map_err(Arc::new))
            .clone()
            .map_err(|error| crate::error::CommandError::printing(&error))
    }

    pub fn set_lock_minutes(&self, minutes: u32) {
        self.lock_minutes.store(minutes, Ordering::Relaxed);
    }

    pub fn lock_minutes(&self) -> u32 {
        self.lock_minutes.load(Ordering::Relaxed)
    }

    pub fn session(&self) -> MutexGuard<'_, Option<Session>> {
        // A panic while holding the lock leaves a session that is still valid data.
        self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The guard every command passes before anything else: somebody is signed
    /// in, the session is not locked (it locks itself after the set minutes
    /// without a command), and their role may take `action`.
    pub fn authorize(&self, action: Action) -> Result<Actor, CommandError> {
        let now = self.now().instant;
        let lock_minutes = i64::from(self.lock_minutes());
        let mut guard = self.session();
        let Some(session) = guard.as_mut() else {
            return Err(Issue {
                kind: ErrorKind::Unauthenticated,
                field: None,
                message: "sign in first".into(),
                conflict: None,
                action: None,
                changed: None,
            }
            .into());
        };
        if lock_minutes > 0 && now - session.last_activity > chrono::Duration::minutes(lock_minutes) {
            session.locked = true;
        }
        if session.locked {
            return Err(Issue {
                kind: ErrorKind::Locked,
                field: None,
                message: "the screen is locked; enter your password".into(),
                conflict: None,
                action: None,
                changed: None,
            }
            .into());
        }
        session.last_activity = now;
        if !may(session.member.role, action) {
            return Err(forbidden(action).into());
        }
        Ok(session.actor())
    }

    /// The signed-in member, for a command the guard has already let through.
    pub fn actor(&self) -> Result<Actor, CommandError> {
        self.session().as_ref().map(Session::actor).ok_or_else(|| {
            Issue {
                kind: ErrorKind::Unauthenticated,
                field: None,
                message: "sign in first".into(),
                conflict: None,
                action: None,
                changed: None,
            }
            .into()
        })
    }

    /// Runs `f` on the database as the signed-in member at the clock's now:
    /// what every command that changes something does.
    pub async fn as_member<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Database, &Actor, Now) -> Result<T, StoreError> + Send + 'static,
    {
        let actor = self.actor()?;
        let now = self.now();
        self.with_db(move |db| f(db, &actor, now)).await
    }

    /// Runs `f` on the database on a blocking thread, off the UI thread and
    /// the async runtime's workers.
    pub async fn with_db<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Database) -> Result<T, StoreError> + Send + 'static,
    {
        self.with_database(move |db| f(db).map_err(CommandError::from)).await
    }

    /// As `with_db`, for work that fails with more than the store's errors
    /// (moving the database up also saves the choice and the password).
    pub async fn with_database<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Database) -> Result<T, CommandError> + Send + 'static,
    {
        let db = Arc::clone(&self.db);
        let (session, lock_minutes) = (Arc::clone(&self.session), Arc::clone(&self.lock_minutes));
        let restore_mark = Arc::clone(&self.restore_mark);
        tauri::async_runtime::spawn_blocking(move || {
            let mut db = db.lock().map_err(|_| CommandError::internal("the database lock was poisoned"))?;
            refresh(&db, &session, &lock_minutes, &restore_mark)?;
            f(&mut db)
        })
        .await
        .map_err(|e| CommandError::internal(format!("the database task failed: {e}")))?
    }
}

/// Before each command of a signed-in member, what another desk may have changed
/// meanwhile (on the dealership's server, every desk shares the accounts and the
/// settings): a restored backup, a disabled account or a changed role ends this
/// desk's session — the command is refused and the member signs in again — and
/// the lock setting is taken as it now is.
fn refresh(
    db: &Database,
    session: &Mutex<Option<Session>>,
    lock_minutes: &AtomicU32,
    restore_mark: &Mutex<String>,
) -> Result<(), CommandError> {
    fn lock<T>(s: &Mutex<T>) -> MutexGuard<'_, T> {
        s.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
    // Read with or without a session: a member who signs in after a restore
    // signed in on the restored database.
    let mark = settings::restore_mark(db.conn())?;
    let restored = std::mem::replace(&mut *lock(restore_mark), mark.clone()) != mark;
    let Some(id) = lock(session).as_ref().map(|s| s.member.id) else { return Ok(()) };
    if restored {
        log::info!("signed out: a backup was restored on another desk");
        *lock(session) = None;
        return Err(Issue {
            kind: ErrorKind::Unauthenticated,
            field: None,
            message: "a backup was restored on another desk: sign in again".into(),
            conflict: None,
            action: None,
            changed: None,
        }
        .into());
    }
    let member = match caredesk_store::staff::get(db.conn(), id) {
        Ok(member) => Some(member),
        Err(StoreError::NotFound { .. }) => None,
        Err(error) => return Err(error.into()),
    };
    lock_minutes.store(settings::get(db.conn())?.lock_minutes, Ordering::Relaxed);
    let mut guard = lock(session);
    let Some(current) = guard.as_mut() else { return Ok(()) };
    let reason = match member {
        Some(member) if member.active && member.role == current.member.role => {
            current.member = member;
            return Ok(());
        }
        Some(member) if member.active => "your role was changed by an administrator: sign in again",
        _ => "your account was disabled by an administrator",
    };
    log::info!("signed out: the account was changed on another desk or by an administrator");
    *guard = None;
    Err(Issue {
        kind: ErrorKind::Unauthenticated,
        field: None,
        message: reason.into(),
        conflict: None,
        action: None,
        changed: None,
    }
    .into())
}
