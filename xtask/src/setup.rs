//! Installs what a fresh Debian/Ubuntu machine lacks: system packages (as root;
//! otherwise the exact apt-get line is printed), the UI's npm packages and
//! build, and tauri-driver for the end-to-end tests.

use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use crate::Result;
use crate::process::{self, check, npm, on_path, root};

/// What Tauri needs to build and run on Linux (WebKitGTK 4.1 and friends).
pub const RUN_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "fonts-wqy-microhei",
];

/// What the end-to-end tests add: a virtual display and WebKit's WebDriver.
/// `poppler-utils` gives `pdftotext`, which the print tests read the PDFs back with.
pub const TEST_PACKAGES: &[&str] = &["xvfb", "webkit2gtk-driver", "poppler-utils"];

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Installs the missing Debian packages, or says how to.
pub fn system_packages(packages: &[&str]) -> Result {
    if !on_path("dpkg-query") {
        println!(
            "xtask: not a Debian/Ubuntu system; make sure the equivalents of {packages:?} are installed"
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let line = format!("apt-get -o DPkg::Lock::Timeout=900 install -y {}", missing.join(" "));
    if !is_root() {
        return Err(format!(
            "missing system packages; install them with:\n  sudo apt-get update && sudo {line}"
        )
        .into());
    }
    println!("xtask: installing {}", missing.join(" "));
    check(Command::new("apt-get").args(["-o", "DPkg::Lock::Timeout=900", "update", "-q"]))?;
    check(
        Command::new("apt-get")
            .args(["-o", "DPkg::Lock::Timeout=900", "install", "-y", "-q"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn modified(path: &Path) -> Option<SystemTime> {
    path.metadata().and_then(|m| m.modified()).ok()
}

/// The newest modification time of any file below `dir`.
fn newest(dir: &Path) -> Option<SystemTime> {
    let mut newest = modified(dir);
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        let time = if path.is_dir() { self::newest(&path) } else { modified(&path) };
        newest = newest.max(time);
    }
    newest
}

/// `npm ci` in `dir` unless its node_modules matches its lock file.
pub fn npm_packages(dir: &str) -> Result {
    if !on_path("npm") || !on_path("node") {
        return Err(
            "Node.js 20+ and npm are needed (Debian: apt-get install nodejs npm, or NodeSource)".into()
        );
    }
    let base = root().join(dir);
    let lock = modified(&base.join("package-lock.json"));
    let installed = modified(&base.join("node_modules/.package-lock.json"));
    if lock.is_some() && installed >= lock {
        return Ok(());
    }
    check(&mut npm(dir, &["ci", "--no-audit", "--no-fund"]))
}

/// Installs the UI's packages and builds it into ui/dist when its sources changed.
pub fn ui() -> Result {
    npm_packages("ui")?;
    let ui = root().join("ui");
    let built = modified(&ui.join("dist/index.html"));
    let sources = [
        newest(&ui.join("src")),
        newest(&ui.join("public")),
        modified(&ui.join("index.html")),
        modified(&ui.join("package-lock.json")),
        modified(&ui.join("vite.config.ts")),
    ]
    .into_iter()
    .flatten()
    .max();
    if built.is_some() && built >= sources {
        return Ok(());
    }
    check(&mut npm("ui", &["run", "build"]))?;
    // The app embeds ui/dist when its crate compiles (`generate_context!`). Seen here: an
    // incremental build after a UI rebuild kept the old assets while taking the new
    // index.html, and the window stayed blank. Marking the crate's root as changed makes
    // the next build embed the new files.
    let lib = root().join("src-tauri/src/lib.rs");
    std::fs::File::options()
        .append(true)
        .open(&lib)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .map_err(|e| format!("cannot mark {} as changed: {e}", lib.display()).into())
}

/// tauri-driver, the WebDriver bridge to the app window.
pub fn tauri_driver() -> Result {
    if on_path("tauri-driver") {
        return Ok(());
    }
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .map(|p| p.join("bin/tauri-driver"));
    if cargo_bin.is_some_and(|p| p.is_file()) {
        return Ok(());
    }
    check(&mut process::cargo(&["install", "tauri-driver", "--version", "2.1.0", "--locked"]))
}

/// The tauri-driver binary to start.
pub fn tauri_driver_path() -> std::path::PathBuf {
    if on_path("tauri-driver") {
        return "tauri-driver".into();
    }
    std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_default()
        .join("bin/tauri-driver")
}
