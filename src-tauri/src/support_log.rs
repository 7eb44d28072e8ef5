//! The support log: a rotating file in the app's log folder (Tauri's `LogDir`,
//! inside the app-data folder) that says what the app did — start, sign-in and
//! sign-out, every refused or failed command with its error kind, backups and
//! restores — and, through the panic hook, why it stopped. It never holds a
//! customer's personal data: a command's refusal is logged by its kind and the
//! field it names, never by its message or its arguments.

use tauri_plugin_log::{RotationStrategy, Target, TargetKind, TimezoneStrategy};

/// The log file's name (`caredesk.log`, rotated as `caredesk_<date>.log`).
pub const LOG_FILE: &str = "caredesk";
/// A log file is rotated at this size, and this many old ones are kept.
const MAX_BYTES: u128 = 2 * 1024 * 1024;
const KEEP: usize = 5;

/// The log plugin: the file and stderr, CareDesk's own records at `info`, the
/// libraries' at `warn`.
pub fn plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::LogDir { file_name: Some(LOG_FILE.into()) }))
        .target(Target::new(TargetKind::Stderr))
        .max_file_size(MAX_BYTES)
        .rotation_strategy(RotationStrategy::KeepSome(KEEP))
        .timezone_strategy(TimezoneStrategy::UseLocal)
        .level(log::LevelFilter::Warn)
        .level_for("caredesk_lib", log::LevelFilter::Info)
        .level_for("caredesk", log::LevelFilter::Info)
        .build()
}

/// Writes a panic to the log before the process goes on to die (or the task to
/// fail), then lets the default hook print it as usual.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        log::error!(target: "caredesk_lib::panic", "panic{location}: {message}");
        log::logger().flush();
        default(info);
    }));
}

/// A refused or failed command, by its error kind and field only (every
/// `CommandError` is made through here, so none goes unrecorded).
pub fn refusal(kind: caredesk_domain::ErrorKind, field: Option<&str>) {
    let kind = serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned));
    let kind = kind.unwrap_or_default();
    match field {
        Some(field) => log::warn!("a command was refused: {kind} (field {field})"),
        None => log::warn!("a command was refused: {kind}"),
    }
}
