//! `cargo xtask bench startup`: start-up and memory of the release app against a bare
//! Tauri window (`tests/bare-window`), both launched under Xvfb through WebDriver exactly
//! as the end-to-end tests launch the app; then the memory per module, on the demo
//! dealership and on 1,000,000 customers. The measuring is `tests/bench/startup.mjs`;
//! the results go to stdout and `target/bench/startup.json`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::process::{cargo, check, on_path, root};
use crate::{Result, setup};

/// The whole measuring run (the script has its own, shorter one).
const RUN_DEADLINE: Duration = Duration::from_secs(40 * 60);
/// Launches of each, alternating bare window / CareDesk.
const RUNS: u32 = 5;

pub fn run() -> Result {
    setup::system_packages(&[setup::RUN_PACKAGES, setup::TEST_PACKAGES].concat())?;
    setup::ui()?;
    setup::tauri_driver()?;
    // One at a time, so that each is built as it is on its own (CareDesk as `cargo xtask
    // bundle` builds it, whose artifacts this then reuses).
    check(&mut cargo(&["build", "--release", "-p", "caredesk"]))?;
    check(&mut cargo(&["build", "--release", "-p", "bare-window"]))?;
    let release = root().join("target/release");
    let app = release.join("caredesk");
    let bare = release.join("bare-window");

    let out = root().join("target/bench");
    fresh_dir(&out.join("launch"))?;
    let home = out.join("home");
    fresh_dir(&home)?;
    let xdg = ["data", "config", "cache"].map(|d| home.join(d));
    for dir in &xdg {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let sizes =
        format!(r#"{{"caredesk": {}, "bare": {}}}"#, stripped_size(&app, &out)?, stripped_size(&bare, &out)?);
    let large = large_copy()?;
    let (_display, display) = crate::e2e::start_display(&out.join("xvfb.log"))?;

    let mut node = if on_path("dbus-run-session") {
        let mut command = Command::new("dbus-run-session");
        command.args(["--", "node"]);
        command
    } else {
        Command::new("node")
    };
    node.current_dir(root().join("tests/bench"))
        .arg("startup.mjs")
        .env("CAREDESK_BENCH_APP", &app)
        .env("CAREDESK_BENCH_BARE", &bare)
        .env("CAREDESK_BENCH_LARGE", large.as_ref().map(|l| l.file.clone()).unwrap_or_default())
        .env("CAREDESK_BENCH_SIZES", sizes)
        .env("CAREDESK_BENCH_JSON", out.join("startup.json"))
        .env("CAREDESK_BENCH_RUNS", RUNS.to_string())
        .env("CAREDESK_TAURI_DRIVER", setup::tauri_driver_path())
        .env("CAREDESK_E2E_OUT", &out)
        .env("DISPLAY", &display)
        .env("XDG_DATA_HOME", &xdg[0])
        .env("XDG_CONFIG_HOME", &xdg[1])
        .env("XDG_CACHE_HOME", &xdg[2]);
    let result = run_with_deadline(&mut node, RUN_DEADLINE);
    drop(large);
    result
}

/// A fresh directory, emptied if it was there.
fn fresh_dir(dir: &Path) -> Result {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot empty {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()).into())
}

/// The size of the binary once stripped (the release profile strips already; this makes sure).
fn stripped_size(binary: &Path, out: &Path) -> Result<u64> {
    let size = |path: &Path| {
        path.metadata().map(|m| m.len()).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    if !on_path("strip") {
        return Ok(size(binary)?);
    }
    let copy = out.join("stripped.tmp");
    let status = Command::new("strip").arg("-o").arg(&copy).arg(binary).status();
    let stripped = match status {
        Ok(s) if s.success() => size(&copy)?,
        _ => size(binary)?,
    };
    let _ = std::fs::remove_file(&copy);
    Ok(stripped)
}

/// A private copy of the search benchmark's 1,000,000-customer database, removed when dropped.
struct LargeCopy {
    dir: PathBuf,
    file: PathBuf,
}

impl Drop for LargeCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The newest ready 1,000,000-customer data set in target/bench-data (the search benchmark
/// generates it when there is none), copied to a temporary folder.
fn large_copy() -> Result<Option<LargeCopy>> {
    let data = root().join("target/bench-data");
    if newest_large(&data).is_none() {
        println!("xtask: no 1,000,000-customer database yet; the search benchmark generates it");
        check(&mut cargo(&["bench", "-p", "caredesk-store", "--bench", "search"]))?;
    }
    let Some(source) = newest_large(&data) else {
        println!("xtask: still no 1,000,000-customer database in {}; that part is skipped", data.display());
        return Ok(None);
    };
    let dir = std::env::temp_dir().join(format!("caredesk-bench-1m-{}", std::process::id()));
    fresh_dir(&dir)?;
    let file = dir.join("caredesk.sqlite");
    println!("xtask: copying {} to {}", source.display(), file.display());
    let copy = LargeCopy { dir, file };
    for suffix in ["", "-wal"] {
        let from = PathBuf::from(format!("{}{suffix}", source.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", copy.file.display()));
            std::fs::copy(&from, &to).map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
        }
    }
    Ok(Some(copy))
}

fn newest_large(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ready")
                && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("archive-1000000-"))
                && p.with_extension("sqlite").exists()
        })
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .map(|p| p.with_extension("sqlite"))
}

/// Runs the command in a process group of its own; past the deadline the whole group is killed.
fn run_with_deadline(command: &mut Command, deadline: Duration) -> Result {
    use std::os::unix::process::CommandExt;
    println!("$ {:?}", command.get_program());
    command.process_group(0);
    let mut child = command.spawn().map_err(|e| format!("cannot start the startup bench: {e}"))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("the startup bench failed ({status})").into()),
            Ok(None) if start.elapsed() > deadline => {
                let group = format!("-{}", child.id());
                let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
                let _ = child.wait();
                return Err(
                    format!("the startup bench did not end within {} min", deadline.as_secs() / 60).into()
                );
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(200)),
            Err(e) => return Err(format!("cannot wait for the startup bench: {e}").into()),
        }
    }
}
