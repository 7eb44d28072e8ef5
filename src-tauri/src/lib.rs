//! The desktop shell: opens the database, manages state, and exposes one
//! command module per domain. Every command is a few lines that call into
//! `caredesk-store`; the product's rules live in the crates, not here.

pub mod bindings;
pub mod changes;
pub mod choice;
pub mod commands;
pub mod credentials;
pub mod dialogs;
pub mod error;
pub mod launch;
pub mod startup;
pub mod state;
pub mod support_log;

use tauri::Manager;

/// Takes the automatic backup at start, then checks every hour whether a day
/// has passed since the newest one. A failed backup is logged and tried again at
/// the next check; it never stops the app. The copy runs on a connection of its
/// own, so the desk goes on working while a large database is copied (WAL lets
/// the copy read while the app writes; the store's copy restarts and finishes).
///
/// Team mode: every desk checks every hour (the first check at start), and the
/// one that gets the schedule's lock on the server takes a pg_dump when the
/// newest backup the database records is a day old; the others skip. Nothing is
/// forced at start, or every desk opening in the morning would take one. A desk
/// moved up to the server stops backing up its old file and joins the server's
/// schedule.
fn schedule_backups(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
        let mut first = true;
        loop {
            hourly.tick().await;
            let state = app.state::<state::AppState>();
            // Read at every check: a desk moved up to the server backs the server up.
            let target = match (state.database_path(), state.server_config()) {
                (Some(path), _) => Target::File(path),
                (None, Some(server)) => Target::Server(Box::new(server)),
                (None, None) => return,
            };
            let default_dir = state.default_backup_dir().to_owned();
            let now = state.now();
            let force = std::mem::take(&mut first);
            let result = tauri::async_runtime::spawn_blocking(move || match target {
                Target::File(database) => {
                    let db = caredesk_store::Db::open(&database)?;
                    commands::settings::scheduled_backup(&db, &default_dir, now, force)
                }
                Target::Server(server) => {
                    commands::settings::scheduled_server_backup(&server, &default_dir, now)
                }
            })
            .await;
            match result {
                Ok(Ok(_)) => {}
                Ok(Err(error)) => log::error!("the automatic backup failed: {error}"),
                Err(error) => log::error!("the automatic backup task failed: {error}"),
            }
        }
    });
}

/// What the automatic backups copy.
#[derive(Clone)]
enum Target {
    File(std::path::PathBuf),
    /// Boxed: a server's address is many times the size of a path.
    Server(Box<caredesk_store::postgres::Config>),
}

/// One window per database: a second start on the same database brings the open
/// window to the front and exits. (On Linux the guard is a D-Bus name keyed by the
/// database; Windows and macOS key it by the app.)
fn single_instance(options: &launch::Options) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(format!("com.caredesk.desktop.db{:016x}", options.instance_key()))
        .callback(|app, _args, _cwd| {
            log::info!("a second start on this database was sent to the open window");
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        })
        .build()
}

/// Once the database is open: the state every command shares, the demo
/// dealership when asked for, and the automatic backups.
fn install(app: tauri::AppHandle, demo: bool) -> startup::Install {
    Box::new(move |state: state::AppState| {
        if demo {
            state.seed_demo_in_background()?;
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.set_title("CareDesk — 演示数据 Demo");
            }
        }
        state.set_app(app.clone());
        if !app.manage(state) {
            return Err(error::CommandError::internal("a database is open already"));
        }
        schedule_backups(app.clone());
        schedule_escalations(app.clone());
        Ok(())
    })
}

/// Every minute (the first at start), the complaints whose time limit has
/// passed are escalated, on the desk's clock (`--clock-ahead` too), whether or
/// not a screen reads complaints: the commit tells every desk's screens, and
/// what was raised waits for the next alerts check to be notified. A failed
/// check (the server away) is logged and tried again a minute later.
fn schedule_escalations(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut every_minute = tokio::time::interval(std::time::Duration::from_secs(60));
        every_minute.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every_minute.tick().await;
            let state = app.state::<state::AppState>();
            let now = state.now();
            match state.with_db(move |db| commands::complaints::raise_due(db, now)).await {
                Ok(raised) if !raised.is_empty() => {
                    log::info!("{} complaint escalation(s) raised by the minute's check", raised.len());
                    state.note_raised(raised);
                }
                Ok(_) => {}
                Err(error) => log::warn!("the minute's escalation check failed: {error}"),
            }
        }
    });
}

/// Starts CareDesk: reads `--db PATH`, `--demo` and `CAREDESK_DB`, then opens
/// the database they name or the one chosen before — or, on a new install,
/// lets the window ask (`startup.rs`).
pub fn run() {
    let options = launch::Options::from_args(std::env::args().skip(1), std::env::var_os("CAREDESK_DB"));
    support_log::install_panic_hook();
    let result = tauri::Builder::default()
        // First, so that a second start stops before anything else is set up.
        .plugin(single_instance(&options))
        .plugin(support_log::plugin())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            log::info!("CareDesk {} starting", app.package_info().version);
            let folders = startup::Folders {
                data: app.path().app_data_dir()?,
                config: app.path().app_config_dir()?,
                font_file: app.path().resource_dir()?.join("fonts").join(caredesk_print::FONT_FILE),
            };
            let demo = options.demo;
            let startup = startup::Startup::new(
                options.clone(),
                folders,
                Box::new(credentials::OsCredentials),
                caredesk_store::Now::system,
                install(app.handle().clone(), demo),
            );
            app.manage(startup.clone());
            app.manage(commands::import::ImportDesk::default());
            startup.begin();
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(error) = result {
        log::error!("CareDesk could not start: {error}");
        eprintln!("CareDesk could not start: {error}");
        std::process::exit(1);
    }
}
