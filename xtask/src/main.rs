//! CareDesk's build system: `cargo xtask <command>`.
//!
//! - `run [--demo] [--db PATH] [--release]`: install what is missing, build, open the app.
//! - `test [--long]`: install what is missing, then every check; ends with `N passed, N failed`.
//!   `--long` runs the long versions (100 SIGKILL rounds of the crash test instead of 5).
//! - `bindings`: regenerate `ui/src/bindings.ts` from the Rust commands.
//! - `bench`: archive search on 1,000,000 customers (on SQLite, then moved up to a
//!   throw-away PostgreSQL cluster and searched there), the day and workshop boards through
//!   their commands, the repair-order PDF, the 500-call follow-up sheet and the segment
//!   builder's count on 1,000,000 vehicles.
//! - `screenshot`: the README screenshot, from the real window on the demo dealership.
//! - `e2e [FILE ...]`: only the end-to-end journeys (all, or the named spec files).
//! - `store [ARGS ...]`: only the store's tests, on SQLite and on a throw-away PostgreSQL cluster.
//! - `bundle`: the release app and its Debian package, with Tauri's bundler (`cargo tauri`).

mod checks;
mod e2e;
mod postgres;
mod process;
mod setup;
mod startup;
mod tidy;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <run [--demo] [--db PATH] [--release] | test [--long] | e2e [FILE ...] | store [ARGS ...] | bundle | bindings | bench | screenshot>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => checks::test(args.iter().any(|a| a == "--long")),
        Some("bindings") => checks::bindings(),
        Some("bench") => bench(),
        Some("screenshot") => e2e::screenshot(),
        Some("e2e") => e2e::only(&args[1..]),
        Some("store") => checks::store(&args[1..]),
        Some("bundle") => bundle(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Why a task stopped, in a sentence for the person at the terminal.
#[derive(Debug)]
pub struct Failure(String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure(message.to_owned())
    }
}

pub type Result<T = ()> = std::result::Result<T, Failure>;

fn run(args: &[String]) -> Result {
    let release = args.iter().any(|a| a == "--release");
    let app_args: Vec<String> = args.iter().filter(|a| *a != "--release").cloned().collect();
    setup::system_packages(setup::RUN_PACKAGES)?;
    setup::ui()?;
    let mut build = process::cargo(&["build", "-p", "caredesk"]);
    if release {
        build.arg("--release");
    }
    process::check(&mut build)?;
    let binary =
        process::root().join("target").join(if release { "release" } else { "debug" }).join("caredesk");
    println!("xtask: opening CareDesk {}", app_args.join(" "));
    process::check(std::process::Command::new(binary).args(&app_args))
}

/// The release app and its Debian package (`target/release/bundle/deb/`), built by
/// Tauri's bundler from `src-tauri/tauri.conf.json`. Nothing is downloaded: the font
/// resource comes from the Debian registry like the system packages, and the
/// bundler's `.deb` target needs no tool of its own.
fn bundle() -> Result {
    setup::system_packages(setup::RUN_PACKAGES)?;
    setup::ui()?;
    setup::tauri_cli()?;
    let mut build = process::cargo(&["tauri", "build", "--bundles", "deb", "--ci"]);
    build.current_dir(process::root().join("src-tauri"));
    process::check(&mut build)?;
    let release = process::root().join("target/release");
    let size = |path: &std::path::Path| path.metadata().map(|m| m.len()).unwrap_or(0);
    println!(
        "xtask: binary {} ({} bytes)",
        release.join("caredesk").display(),
        size(&release.join("caredesk"))
    );
    let debs = release.join("bundle/deb");
    for entry in std::fs::read_dir(&debs).map_err(|e| format!("no {}: {e}", debs.display()))?.flatten() {
        if entry.path().extension().is_some_and(|x| x == "deb") {
            println!("xtask: package {} ({} bytes)", entry.path().display(), size(&entry.path()));
        }
    }
    Ok(())
}

/// Every benchmark: archive search, the boards through their commands (in the search
/// benchmark's archive of 1,000,000 customers), the repair-order PDF,
/// the 500-call follow-up sheet, the segment count on 1,000,000 vehicles, then start-up and
/// memory against a bare Tauri window. `cargo xtask bench startup` runs only the last,
/// `cargo xtask bench reports` only the dashboard's (on both engines).
fn bench() -> Result {
    let only = std::env::args().nth(2);
    if only.as_deref() == Some("startup") {
        return startup::run();
    }
    // Search, the boards and the segment count run on SQLite, then on PostgreSQL
    // (the archive moved up to a cluster set up as a server would be).
    let cluster = postgres::TestCluster::start_for_benchmarks()?;
    let on_both = |package: &str, bench: &str| {
        let mut command = process::cargo(&["bench", "-p", package, "--bench", bench]);
        command.env("CAREDESK_BENCH_POSTGRES", &cluster.url);
        // The archive the search benchmark moved up stays on the throw-away cluster:
        // the boards' benchmark is loaded in a copy of it.
        command.env("CAREDESK_BENCH_KEEP", "1");
        process::check(&mut command)
    };
    if only.as_deref() == Some("reports") {
        return on_both("caredesk-store", "reports");
    }
    on_both("caredesk-store", "search")?;
    on_both("caredesk", "board")?;
    on_both("caredesk-store", "segment")?;
    // The archive's import (issue 15): 100,000 customers and 300,000 past visits, each
    // engine into a new database of its own.
    on_both("caredesk-store", "import")?;
    // The manager's dashboard (issue 16): a year of a large dealership, under 300 ms.
    on_both("caredesk-store", "reports")?;
    drop(cluster);
    process::check(&mut process::cargo(&["bench", "-p", "caredesk-print", "--bench", "repair_order"]))?;
    process::check(&mut process::cargo(&["bench", "-p", "caredesk-print", "--bench", "call_sheet"]))?;
    startup::run()
}
