//! Which database the desk opens, before anything else.
//!
//! The command line (`--db`, `CAREDESK_DB`, `--demo`) names it for the tests
//! and for IT; otherwise the choice saved on the first start does
//! (`choice.rs`); otherwise an existing single-desk install keeps opening its
//! file without asking; otherwise — a new install — the window asks: this
//! computer only, or the dealership's server.
//!
//! The desk never starts half-connected: `AppState`, which every other command
//! needs, is made and handed to Tauri only once its database opened. Until
//! then the window shows the chooser, or why the database could not be opened
//! with "try again" and "choose another database" (`StartStatus`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use caredesk_domain::server::{DatabaseChoice, ServerAddress, ServerCheck, ServerInput};
use caredesk_domain::{ErrorKind, Issue};
use caredesk_store::postgres::{self, Config, Server};
use caredesk_store::{Database, Db, Now};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use ts_rs::TS;

use crate::choice::{self, SavedChoice};
use crate::commands::app::Language;
use crate::credentials::Credentials;
use crate::error::CommandError;
use crate::launch::{DATABASE_FILE, Options};
use crate::state::AppState;

/// Where the start is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StartStage {
    /// The database is open: the sign-in screen follows.
    Ready,
    /// No database was chosen yet: the chooser.
    Choose,
    /// The database could not be opened: why, "try again", "choose another database".
    Failed,
}

/// What the window shows before the sign-in screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartStatus {
    pub stage: StartStage,
    /// The operating system's language: no database holds a chosen one yet.
    pub language: Language,
    /// `failed`: why.
    pub error: Option<CommandError>,
    /// `failed`: the database the desk was to open (a file, or `user@host:port/database`).
    pub database: Option<String>,
    /// The server chosen before, to fill the chooser's form (never the password).
    pub server: Option<ServerAddress>,
    /// Whether another database may be chosen here: not when the command line
    /// (`--db`, `CAREDESK_DB`, `--demo`) named it.
    pub can_choose: bool,
}

#[derive(Debug, Clone)]
enum Phase {
    /// A server is being connected to (the window is already up).
    Opening,
    Choosing,
    /// Boxed: the other phases carry nothing.
    Failed(Box<Failure>),
    Ready,
}

#[derive(Debug, Clone)]
struct Failure {
    error: CommandError,
    database: String,
    server: Option<ServerAddress>,
}

/// Where the desk is to open.
#[derive(Debug, Clone)]
enum Plan {
    /// `--db`, `CAREDESK_DB` or `--demo`.
    Given,
    Saved(SavedChoice),
    /// An existing single-desk install: its file, without asking.
    ExistingFile,
    Choose,
    /// The saved choice could not be read.
    Unreadable(CommandError),
}

/// What is done with a database once it is open: `AppState` handed to Tauri
/// (and, in the real app, the backups scheduled and the demo written).
pub type Install = Box<dyn Fn(AppState) -> Result<(), CommandError> + Send + Sync>;

struct Shared {
    options: Options,
    data_dir: PathBuf,
    config_dir: PathBuf,
    font_file: PathBuf,
    credentials: Box<dyn Credentials>,
    clock: fn() -> Now,
    install: Install,
    phase: watch::Sender<Phase>,
    /// One choice (or retry) at a time.
    choosing: tokio::sync::Mutex<()>,
}

/// Managed from the start, before any database is open.
#[derive(Clone)]
pub struct Startup(Arc<Shared>);

/// Where the desk's files live.
pub struct Folders {
    /// The database file, backups and printed papers (the OS app-data folder).
    pub data: PathBuf,
    /// The saved choice (the OS app-config folder).
    pub config: PathBuf,
    /// The printing font.
    pub font_file: PathBuf,
}

impl Startup {
    pub fn new(
        options: Options,
        folders: Folders,
        credentials: Box<dyn Credentials>,
        clock: fn() -> Now,
        install: Install,
    ) -> Startup {
        Startup(Arc::new(Shared {
            options,
            data_dir: folders.data,
            config_dir: folders.config,
            font_file: folders.font_file,
            credentials,
            clock,
            install,
            phase: watch::Sender::new(Phase::Choosing),
            choosing: tokio::sync::Mutex::new(()),
        }))
    }

    fn given(&self) -> bool {
        self.0.options.database.is_some() || self.0.options.demo
    }

    fn default_file(&self) -> PathBuf {
        self.0.data_dir.join(DATABASE_FILE)
    }

    fn plan(&self) -> Plan {
        if self.given() {
            return Plan::Given;
        }
        match choice::load(&self.0.config_dir) {
            Ok(Some(saved)) => Plan::Saved(saved),
            Ok(None) if self.default_file().exists() => Plan::ExistingFile,
            Ok(None) => Plan::Choose,
            Err(error) => Plan::Unreadable(error),
        }
    }

    /// Whether opening `plan` connects to a server (and may take seconds).
    fn on_server(&self, plan: &Plan) -> bool {
        match plan {
            Plan::Given => self.0.options.server_url().is_some(),
            Plan::Saved(saved) => matches!(saved.database, DatabaseChoice::Server(_)),
            Plan::ExistingFile | Plan::Choose | Plan::Unreadable(_) => false,
        }
    }

    /// What the failure screen names.
    fn target(&self, plan: &Plan) -> (String, Option<ServerAddress>) {
        match plan {
            Plan::Given => match self.0.options.server_url() {
                Some(url) => match url.parse::<Config>() {
                    Ok(config) => (postgres::describe(&config), None),
                    Err(_) => ("--db".into(), None),
                },
                None => (self.0.options.database_path(&self.0.data_dir).display().to_string(), None),
            },
            Plan::Saved(SavedChoice { database: DatabaseChoice::Server(address), .. }) => {
                (address.to_string(), Some(address.clone()))
            }
            Plan::Saved(_) | Plan::ExistingFile | Plan::Choose => {
                (self.default_file().display().to_string(), None)
            }
            Plan::Unreadable(_) => (choice::path(&self.0.config_dir).display().to_string(), None),
        }
    }

    /// Opens the database `plan` names (blocking: a server may take seconds).
    fn open(&self, plan: &Plan) -> Result<AppState, CommandError> {
        let shared = &self.0;
        let state = match plan {
            Plan::Given => AppState::open(&shared.options, &shared.data_dir, shared.font_file.clone())?,
            Plan::Saved(SavedChoice { database: DatabaseChoice::ThisComputer, .. }) | Plan::ExistingFile => {
                self.on_file(Db::open(&self.default_file())?)
            }
            Plan::Saved(SavedChoice { database: DatabaseChoice::Server(address), has_password }) => {
                let password = if *has_password {
                    let account = address.to_string();
                    shared.credentials.load(&account)?.ok_or_else(|| credential_missing(&account))?
                } else {
                    String::new()
                };
                self.on_server_database(Server::open(&postgres::config(address, &password))?)
            }
            Plan::Choose => return Err(CommandError::internal("no database was chosen")),
            Plan::Unreadable(error) => return Err(error.clone()),
        };
        Ok(state.with_clock_ahead(shared.options.clock_ahead_minutes))
    }

    fn on_file(&self, db: Db) -> AppState {
        let dir = db.path().parent().map(Path::to_owned).unwrap_or_default();
        AppState::on(Database::File(db), &dir, self.0.clock, self.0.font_file.clone())
    }

    fn on_server_database(&self, server: Server) -> AppState {
        AppState::on(Database::from(server), &self.0.data_dir, self.0.clock, self.0.font_file.clone())
    }

    /// Hands the open database over, or remembers why it did not open.
    fn finish(&self, plan: &Plan, opened: Result<AppState, CommandError>) {
        let phase = match opened.and_then(|state| (self.0.install)(state)) {
            Ok(()) => {
                log::info!("CareDesk started");
                Phase::Ready
            }
            Err(error) => {
                log::error!("the database could not be opened: {}", error.message);
                let (database, server) = self.target(plan);
                Phase::Failed(Box::new(Failure { error, database, server }))
            }
        };
        self.0.phase.send_replace(phase);
    }

    /// At start-up: opens the database the command line or the saved choice
    /// names — a file at once, a server on a thread of its own so that the
    /// window shows meanwhile — or waits for the chooser.
    pub fn begin(&self) {
        let plan = self.plan();
        match &plan {
            Plan::Choose => {
                log::info!("no database chosen yet: the window asks");
                self.0.phase.send_replace(Phase::Choosing);
            }
            _ if self.on_server(&plan) => {
                self.0.phase.send_replace(Phase::Opening);
                let (startup, planned) = (self.clone(), plan.clone());
                let spawned = std::thread::Builder::new().name("open-server".into()).spawn(move || {
                    let opened = startup.open(&planned);
                    startup.finish(&planned, opened);
                });
                if let Err(error) = spawned {
                    self.finish(&plan, Err(CommandError::internal(format!("no thread to connect: {error}"))));
                }
            }
            _ => {
                let opened = self.open(&plan);
                self.finish(&plan, opened);
            }
        }
    }

    /// What the window shows; waits while a server is being connected to.
    pub async fn status(&self) -> StartStatus {
        let mut phase = self.0.phase.subscribe();
        let phase = match phase.wait_for(|p| !matches!(p, Phase::Opening)).await {
            Ok(phase) => phase.clone(),
            Err(_) => Phase::Choosing,
        };
        let language = Language::for_locale(&sys_locale::get_locale().unwrap_or_default());
        let can_choose = !self.given();
        let saved_server = || match choice::load(&self.0.config_dir) {
            Ok(Some(SavedChoice { database: DatabaseChoice::Server(address), .. })) => Some(address),
            _ => None,
        };
        let blank = StartStatus {
            stage: StartStage::Ready,
            language,
            error: None,
            database: None,
            server: None,
            can_choose,
        };
        match phase {
            Phase::Ready | Phase::Opening => blank,
            Phase::Choosing => StartStatus { stage: StartStage::Choose, server: saved_server(), ..blank },
            Phase::Failed(failure) => StartStatus {
                stage: StartStage::Failed,
                error: Some(failure.error),
                database: Some(failure.database),
                server: failure.server,
                ..blank
            },
        }
    }

    fn may_choose(&self) -> Result<(), CommandError> {
        if matches!(*self.0.phase.borrow(), Phase::Ready) {
            return Err(invalid_state("the database is open already: move it from Settings"));
        }
        if self.given() {
            return Err(invalid_state("the command line (--db, CAREDESK_DB or --demo) names the database"));
        }
        Ok(())
    }

    /// The chooser's "test connection": connects and checks, saving nothing.
    pub async fn test_server(&self, server: ServerInput) -> Result<ServerCheck, CommandError> {
        self.may_choose()?;
        let config = postgres::config(&server.validate()?, &server.password);
        blocking(move || Ok(postgres::check::check(&config)?)).await
    }

    /// "The dealership's server": tested again, opened (its schema set up or
    /// brought up to date), its password kept in the credential store, the
    /// choice saved, then the desk starts on it.
    pub async fn choose_server(&self, server: ServerInput) -> Result<StartStatus, CommandError> {
        let _one = self.0.choosing.lock().await;
        self.may_choose()?;
        let address = server.validate()?;
        let startup = self.clone();
        let state = blocking(move || {
            let config = postgres::config(&address, &server.password);
            postgres::check::check(&config)?;
            let opened = Server::open(&config)?;
            startup.remember(&address, &server.password)?;
            Ok(startup.on_server_database(opened).with_clock_ahead(startup.0.options.clock_ahead_minutes))
        })
        .await?;
        self.install(state)
    }

    /// "This computer only": the database file in the app-data folder.
    pub async fn choose_this_computer(&self) -> Result<StartStatus, CommandError> {
        let _one = self.0.choosing.lock().await;
        self.may_choose()?;
        let startup = self.clone();
        let state = blocking(move || {
            let db = Db::open(&startup.default_file())?;
            choice::save(
                &startup.0.config_dir,
                &SavedChoice { database: DatabaseChoice::ThisComputer, has_password: false },
            )?;
            Ok(startup.on_file(db).with_clock_ahead(startup.0.options.clock_ahead_minutes))
        })
        .await?;
        self.install(state)
    }

    /// The failure screen's "try again".
    pub async fn retry(&self) -> Result<StartStatus, CommandError> {
        let _one = self.0.choosing.lock().await;
        if !matches!(*self.0.phase.borrow(), Phase::Failed(_)) {
            return Ok(self.status().await);
        }
        let startup = self.clone();
        blocking(move || {
            let plan = startup.plan();
            let opened = startup.open(&plan);
            startup.finish(&plan, opened);
            Ok(())
        })
        .await?;
        Ok(self.status().await)
    }

    fn install(&self, state: AppState) -> Result<StartStatus, CommandError> {
        (self.0.install)(state)?;
        log::info!("CareDesk started on the database chosen in the window");
        self.0.phase.send_replace(Phase::Ready);
        let language = Language::for_locale(&sys_locale::get_locale().unwrap_or_default());
        Ok(StartStatus {
            stage: StartStage::Ready,
            language,
            error: None,
            database: None,
            server: None,
            can_choose: !self.given(),
        })
    }

    /// Keeps the server as this desk's choice: its password in the credential
    /// store (first, so that a choice is never saved without it), then the choice.
    pub fn remember(&self, address: &ServerAddress, password: &str) -> Result<(), CommandError> {
        let account = address.to_string();
        if password.is_empty() {
            // A password kept from an earlier choice of the same server is no longer wanted.
            let _ = self.0.credentials.forget(&account);
        } else {
            self.0.credentials.save(&account, password)?;
        }
        choice::save(
            &self.0.config_dir,
            &SavedChoice {
                database: DatabaseChoice::Server(address.clone()),
                has_password: !password.is_empty(),
            },
        )
    }
}

/// Runs `f` on a blocking thread (connecting may take seconds).
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| CommandError::internal(format!("the start-up task failed: {e}")))?
}

fn invalid_state(message: &str) -> CommandError {
    Issue {
        kind: ErrorKind::InvalidState,
        field: None,
        message: message.into(),
        conflict: None,
        action: None,
        changed: None,
    }
    .into()
}

fn credential_missing(account: &str) -> CommandError {
    Issue {
        kind: ErrorKind::CredentialMissing,
        field: Some("password".into()),
        message: format!("the password for {account} is not in this computer's credential store"),
        conflict: None,
        action: None,
        changed: None,
    }
    .into()
}
