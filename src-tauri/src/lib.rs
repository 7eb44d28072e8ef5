//! The desktop shell: opens the database, manages state, and exposes one
//! command module per domain. Every command is a few lines that call into
//! `caredesk-store`; the product's rules live in the crates, not here.

pub mod bindings;
pub mod commands;
pub mod demo;
pub mod error;
pub mod launch;
pub mod state;

use tauri::Manager;

/// Takes the automatic backup at start, then checks every hour whether a day
/// has passed since the newest one. A failed backup is reported on stderr and
/// tried again at the next check; it never stops the app.
fn schedule_backups(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
        let mut first = true;
        loop {
            hourly.tick().await;
            let state = app.state::<state::AppState>();
            let default_dir = state.default_backup_dir().to_owned();
            let now = state.now();
            let force = std::mem::take(&mut first);
            let result = state
                .with_db(move |db| commands::settings::scheduled_backup(db, &default_dir, now, force))
                .await;
            if let Err(error) = result {
                eprintln!("CareDesk: automatic backup failed: {}", error.message);
            }
        }
    });
}

/// Starts CareDesk: reads `--db PATH`, `--demo` and `CAREDESK_DB`, opens the
/// database (seeding the demo dealership when asked), then the window.
pub fn run() {
    let options = launch::Options::from_args(std::env::args().skip(1), std::env::var_os("CAREDESK_DB"));
    let result = tauri::Builder::default()
        .setup(move |app| {
            let data_dir = app.path().app_data_dir()?;
            let state = state::AppState::open(&options, &data_dir)?;
            if options.demo
                && let Some(window) = app.get_webview_window("main")
            {
                window.set_title("CareDesk — 演示数据 Demo")?;
            }
            app.manage(state);
            schedule_backups(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("CareDesk could not start: {error}");
        std::process::exit(1);
    }
}
