//! End-to-end tests in the real app window: Xvfb, and node's test runner over
//! `tests/e2e/specs`, whose client (`tests/e2e/webdriver.mjs`) starts one tauri-driver
//! (which starts WebKitWebDriver, which starts the app) for each app session.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{capture, cargo, check, on_path, root};
use crate::{Result, setup};

/// How long Xvfb may take to accept connections.
const DISPLAY_DEADLINE: Duration = Duration::from_secs(20);

/// A background process, started in a process group of its own, that is
/// stopped with everything it started when the run ends, however it ends.
pub(crate) struct Background(Child);

impl Background {
    fn spawn(command: &mut Command, what: &str) -> Result<Background> {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
        command.spawn().map(Background).map_err(|e| format!("cannot start {what}: {e}").into())
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        // Let it exit on its own (Xvfb removes its lock file then); kill it if it won't.
        exits_within(&mut self.0, Duration::from_secs(5));
        // Whatever is left of the group (usually nothing: hence no complaint).
        let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether `child` exits within `limit`, polling its status (std has no wait with a timeout).
fn exits_within(child: &mut Child, limit: Duration) -> bool {
    let start = Instant::now();
    loop {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return true;
        }
        if start.elapsed() >= limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Starts Xvfb on a display it picks itself and waits until it accepts connections:
/// with `-displayfd 1` it writes the display number to its stdout only once it is ready.
pub(crate) fn start_display(log: &Path) -> Result<(Background, String)> {
    let log = std::fs::File::create(log).map_err(|e| format!("cannot write the Xvfb log: {e}"))?;
    let mut guard = Background::spawn(
        Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1440x900x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log),
        "Xvfb",
    )?;
    let stdout = guard.0.stdout.take().ok_or("Xvfb has no stdout")?;
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(read.map(|_| line));
    });
    let answer = receiver.recv_timeout(DISPLAY_DEADLINE).map_err(|_| {
        format!(
            "Xvfb did not say it was ready within {}s (see target/e2e/xvfb.log)",
            DISPLAY_DEADLINE.as_secs()
        )
    })?;
    let line = answer.map_err(|e| format!("cannot read Xvfb's display number: {e}"))?;
    match line.trim().parse::<u32>() {
        Ok(number) => Ok((guard, format!(":{number}"))),
        Err(_) => {
            Err(format!("Xvfb ended without a display ({:?}; see target/e2e/xvfb.log)", line.trim()).into())
        }
    }
}

/// A fresh directory, emptied if it was there.
fn fresh_dir(dir: &Path) -> Result {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot empty {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()).into())
}

/// Runs the end-to-end suite (or the named test files); `(ok, passed, failed)`.
/// `postgres`: a PostgreSQL cluster for the team-mode journeys (which skip,
/// saying so, without one); they get its address, and the command that restarts it.
pub fn run(files: &[&str], postgres: Option<&crate::postgres::TestCluster>) -> (bool, u32, u32) {
    match run_inner(files, postgres) {
        Ok(counts) => counts,
        Err(error) => {
            eprintln!("xtask: end-to-end: {error}");
            (false, 0, 0)
        }
    }
}

fn run_inner(files: &[&str], postgres: Option<&crate::postgres::TestCluster>) -> Result<(bool, u32, u32)> {
    // Built as the tests build it (workspace features, dev-dependencies included),
    // so right after `cargo test` this reuses its artifacts instead of rebuilding Tauri.
    check(&mut cargo(&["test", "--workspace", "--no-run"]))?;
    let out = root().join("target/e2e");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    // Each launch's driver log, app stderr and exit status (webdriver.mjs), this run's only.
    fresh_dir(&out.join("launch"))?;
    // The one shared driver's log of earlier versions would only mislead now.
    let _ = std::fs::remove_file(out.join("tauri-driver.log"));
    // The app's data, settings and caches (log file, window state) stay in here, one
    // folder per run: a desktop portal of a run that was killed can leave a FUSE mount
    // inside its folder, which nothing but an unmount removes, so an old folder that
    // will not go is left behind rather than failing this run.
    if let Ok(entries) = std::fs::read_dir(&out) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with("home") {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let home = out.join(format!("home-{}", std::process::id()));
    fresh_dir(&home)?;
    let xdg = ["data", "config", "cache"].map(|d| home.join(d));
    for dir in &xdg {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let (_display_guard, display) = start_display(&out.join("xvfb.log"))?;
    let app = std::env::var_os("CAREDESK_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/debug/caredesk"));
    if std::env::var_os("CAREDESK_APP").is_some() {
        println!("xtask: the app is {} (CAREDESK_APP)", app.display());
    }

    let tap = out.join("results.tap");
    let _ = std::fs::remove_file(&tap);
    // The single-instance guard talks over the D-Bus session bus: give the run one of its own.
    let mut node = if on_path("dbus-run-session") {
        let mut command = Command::new("dbus-run-session");
        command.args(["--", "node"]);
        command
    } else {
        Command::new("node")
    };
    node.current_dir(root().join("tests/e2e"))
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-reporter=spec",
            "--test-reporter-destination=stdout",
        ])
        .arg("--test-reporter=tap")
        .arg(format!("--test-reporter-destination={}", tap.display()))
        .env("CAREDESK_APP", app)
        .env("CAREDESK_TAURI_DRIVER", setup::tauri_driver_path())
        .env("CAREDESK_E2E_OUT", &out)
        .env("DISPLAY", &display)
        .env("XDG_DATA_HOME", &xdg[0])
        .env("XDG_CONFIG_HOME", &xdg[1])
        .env("XDG_CACHE_HOME", &xdg[2]);
    if let Some(cluster) = postgres {
        node.env(crate::postgres::URL_VARIABLE, &cluster.url);
        node.env(crate::postgres::RESTART_VARIABLE, cluster.restart_command());
    }
    if files.is_empty() {
        node.arg("specs/");
    } else {
        node.args(files);
    }
    let (ok, _) = capture(&mut node);
    let report = std::fs::read_to_string(&tap).unwrap_or_default();
    let count = |label: &str| {
        report.lines().find_map(|l| l.strip_prefix(label)).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
    };
    Ok((ok, count("# pass "), count("# fail ")))
}

/// `cargo xtask e2e [FILE ...]`: the set-up, then only the end-to-end journeys.
pub fn only(files: &[String]) -> Result {
    setup::system_packages(&[setup::RUN_PACKAGES, setup::TEST_PACKAGES].concat())?;
    setup::ui()?;
    setup::tauri_driver()?;
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let cluster = crate::postgres::TestCluster::start()?;
    let (ok, passed, failed) = run(&files, Some(&cluster));
    drop(cluster);
    println!("\n{passed} passed, {failed} failed");
    if ok { Ok(()) } else { Err("end-to-end tests failed".into()) }
}

/// Takes the README screenshot from the real window on the demo dealership.
pub fn screenshot() -> Result {
    setup::system_packages(&[setup::RUN_PACKAGES, setup::TEST_PACKAGES].concat())?;
    setup::ui()?;
    setup::tauri_driver()?;
    let (ok, _, _) = run(&["specs/demo.test.mjs"], None);
    if !ok {
        return Err("the demo end-to-end test failed; no screenshot".into());
    }
    let from = root().join("target/e2e/demo-archive.png");
    let to = root().join("docs/screenshot.png");
    std::fs::create_dir_all(root().join("docs")).map_err(|e| e.to_string())?;
    std::fs::copy(&from, &to).map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    println!("xtask: wrote {}", to.display());
    Ok(())
}
