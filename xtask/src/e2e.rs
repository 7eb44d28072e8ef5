//! End-to-end tests in the real app window: Xvfb, tauri-driver (which drives
//! WebKitWebDriver), and node's test runner with WebdriverIO.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{capture, cargo, check, root};
use crate::{Result, setup};

const DRIVER_PORT: u16 = 4444;
const NATIVE_PORT: u16 = 4445;

/// A background process, started in a process group of its own, that is
/// stopped with everything it started (tauri-driver starts WebKitWebDriver,
/// which starts the app) when the run ends, however it ends.
struct Background(Child);

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
        let exited = wait_until("a background process to exit", Duration::from_secs(5), || {
            matches!(self.0.try_wait(), Ok(Some(_)))
        });
        if exited.is_err() {
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

fn listening(port: u16) -> bool {
    TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(200)).is_ok()
}

fn wait_until(what: &str, limit: Duration, mut ready: impl FnMut() -> bool) -> Result {
    let start = Instant::now();
    while !ready() {
        if start.elapsed() > limit {
            return Err(format!("{what} did not come up within {}s", limit.as_secs()).into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// A display number no X server is using.
fn free_display() -> u32 {
    (99..200).find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists()).unwrap_or(99)
}

fn start_display() -> Result<(Background, String)> {
    let number = free_display();
    let display = format!(":{number}");
    let guard = Background::spawn(
        Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1440x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        "Xvfb",
    )?;
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
    wait_until("Xvfb", Duration::from_secs(20), || socket.exists())?;
    Ok((guard, display))
}

fn start_driver(display: &str, log: &Path) -> Result<Background> {
    if listening(DRIVER_PORT) || listening(NATIVE_PORT) {
        return Err(format!("ports {DRIVER_PORT}/{NATIVE_PORT} are taken: is another test run going?").into());
    }
    let log = std::fs::File::create(log).map_err(|e| format!("cannot write the driver log: {e}"))?;
    let log_err = log.try_clone().map_err(|e| e.to_string())?;
    let guard = Background::spawn(
        Command::new(setup::tauri_driver_path())
            .args(["--port", &DRIVER_PORT.to_string(), "--native-port", &NATIVE_PORT.to_string()])
            .env("DISPLAY", display)
            .stdout(log)
            .stderr(log_err),
        "tauri-driver",
    )?;
    wait_until("tauri-driver and WebKitWebDriver", Duration::from_secs(30), || {
        listening(DRIVER_PORT) && listening(NATIVE_PORT)
    })?;
    Ok(guard)
}

/// Runs the end-to-end suite (or the named test files); `(ok, passed, failed)`.
pub fn run(files: &[&str]) -> (bool, u32, u32) {
    match run_inner(files) {
        Ok(counts) => counts,
        Err(error) => {
            eprintln!("xtask: end-to-end: {error}");
            (false, 0, 0)
        }
    }
}

fn run_inner(files: &[&str]) -> Result<(bool, u32, u32)> {
    // Built as the tests build it (workspace features, dev-dependencies included),
    // so right after `cargo test` this reuses its artifacts instead of rebuilding Tauri.
    check(&mut cargo(&["test", "--workspace", "--no-run"]))?;
    let out = root().join("target/e2e");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let (_display_guard, display) = start_display()?;
    let _driver = start_driver(&display, &out.join("tauri-driver.log"))?;

    let tap = out.join("results.tap");
    let mut node = Command::new("node");
    node.current_dir(root().join("tests/e2e"))
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-reporter=spec",
            "--test-reporter-destination=stdout",
        ])
        .arg("--test-reporter=tap")
        .arg(format!("--test-reporter-destination={}", tap.display()))
        .env("CAREDESK_APP", root().join("target/debug/caredesk"))
        .env("CAREDESK_E2E_OUT", &out)
        .env("DISPLAY", &display);
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
    let (ok, passed, failed) = run(&files);
    println!("\n{passed} passed, {failed} failed");
    if ok { Ok(()) } else { Err("end-to-end tests failed".into()) }
}

/// Takes the README screenshot from the real window on the demo dealership.
pub fn screenshot() -> Result {
    setup::system_packages(&[setup::RUN_PACKAGES, setup::TEST_PACKAGES].concat())?;
    setup::ui()?;
    setup::tauri_driver()?;
    let (ok, _, _) = run(&["specs/demo.test.mjs"]);
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
