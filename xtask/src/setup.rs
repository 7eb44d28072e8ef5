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
    // The screens' Chinese on Linux: WebKit draws with the system's fonts. (The printed
    // papers do not use it: their font is a resource of the app, see `font`.)
    "fonts-wqy-microhei",
    // Team mode backs the server's database up and restores it with pg_dump,
    // pg_restore and psql (`caredesk_store::postgres::tools`).
    "postgresql-client",
];

/// What the end-to-end tests add: a virtual display and WebKit's WebDriver;
/// `poppler-utils` gives `pdftotext` and `pdffonts`, which the print tests read the
/// PDFs back with; a D-Bus session bus (`dbus-run-session`), which the single-instance
/// guard uses on Linux; and `xdotool`, which answers native dialogs and reads which
/// window has the focus; PostgreSQL's server, for the throw-away cluster team
/// mode's tests run on (`postgres.rs`; its client tools are a `RUN_PACKAGES`); and
/// `unzip`, which the reports journey reads an exported workbook's sheet with.
pub const TEST_PACKAGES: &[&str] =
    &["xvfb", "webkit2gtk-driver", "poppler-utils", "dbus-daemon", "xdotool", "postgresql", "unzip"];

/// The Debian package the printing font comes from, the font inside it, and its licence.
const FONT_PACKAGE: &str = "fonts-wqy-microhei";
const FONT_IN_PACKAGE: &str = "usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
const LICENCE_IN_PACKAGE: &str = "usr/share/doc/fonts-wqy-microhei/copyright";

/// Where the app's font resource lives in the source tree (git-ignored): the bundle
/// carries it from here, and tests read it from here.
pub fn font_dir() -> std::path::PathBuf {
    root().join("src-tauri/fonts")
}

/// Fetches the printing font from Debian's package registry into `src-tauri/fonts/`
/// with its licence: `apt-get download` (no root needed, nothing installed on the
/// machine) and `dpkg-deb -x`. The app carries the file as a bundle resource.
pub fn font() -> Result {
    let dir = font_dir();
    let font = dir.join("wqy-microhei.ttc");
    let licence = dir.join("wqy-microhei.copyright");
    if font.is_file() && licence.is_file() {
        return Ok(());
    }
    if !on_path("apt-get") || !on_path("dpkg-deb") {
        return Err(format!(
            "the printing font is missing: put WenQuanYi Micro Hei ({FONT_PACKAGE}) at {} and its licence at {}",
            font.display(),
            licence.display()
        )
        .into());
    }
    let work = root().join("target/font-package");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    println!("xtask: fetching the printing font ({FONT_PACKAGE}) from the Debian registry");
    let download = || {
        Command::new("apt-get")
            .args(["-o", "DPkg::Lock::Timeout=900", "download", "-q", FONT_PACKAGE])
            .current_dir(&work)
            .status()
            .is_ok_and(|s| s.success())
    };
    if !download() {
        // A fresh machine may have no package lists yet.
        if is_root() {
            check(Command::new("apt-get").args(["-o", "DPkg::Lock::Timeout=900", "update", "-q"]))?;
        }
        if !download() {
            return Err(format!("`apt-get download {FONT_PACKAGE}` failed").into());
        }
    }
    let deb = std::fs::read_dir(&work)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "deb"))
        .ok_or_else(|| format!("no .deb of {FONT_PACKAGE} in {}", work.display()))?;
    let unpacked = work.join("unpacked");
    check(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(&unpacked))?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (from, to) in [(FONT_IN_PACKAGE, &font), (LICENCE_IN_PACKAGE, &licence)] {
        std::fs::copy(unpacked.join(from), to)
            .map_err(|e| format!("cannot copy {from} out of {}: {e}", deb.display()))?;
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

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

/// What the app's build embeds or carries: the printing font (fetched once), and the
/// UI (its packages installed, and built into ui/dist when its sources changed).
pub fn ui() -> Result {
    font()?;
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

/// Tauri's command-line tool (`cargo tauri`), whose bundler makes the Debian
/// package; the version matches the `tauri` crate's line.
pub fn tauri_cli() -> Result {
    let installed = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["tauri", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if installed {
        return Ok(());
    }
    check(&mut process::cargo(&["install", "tauri-cli", "--version", "2.12.4", "--locked"]))
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
