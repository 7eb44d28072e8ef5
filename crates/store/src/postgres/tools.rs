//! The PostgreSQL client tools that back the server's database up and restore
//! it: `pg_dump`, `pg_restore` and `psql`, run as child processes. All three
//! come from one folder, so that a backup is read back by the `pg_restore` of
//! the `pg_dump` that wrote it.
//!
//! Where they are: the folder named in `CAREDESK_PG_BIN` if it is set (and
//! only there); otherwise the newest found on `PATH` or where the usual
//! installers put them off `PATH` (Windows: `Program Files\PostgreSQL\<version>\bin`;
//! macOS: Postgres.app and Homebrew's libpq; Debian's and Ubuntu's
//! `postgresql-client` puts them on `PATH`, choosing the newest installed). The
//! newest wins because a `pg_dump` refuses a server newer than itself, never an
//! older one.
//!
//! The connection is passed as a `--dbname` connection string without the
//! password; the password, if the address has one, goes in `PGPASSWORD`, never
//! on a command line other programs can read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use caredesk_domain::{ErrorKind, Issue};

use super::Config;
use crate::error::{Result, StoreError};

/// Names the folder of the tools to use instead of looking for them.
pub const BIN_VARIABLE: &str = "CAREDESK_PG_BIN";

/// Every tool a server backup or restore runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Dump,
    Restore,
    Psql,
}

impl Tool {
    const ALL: [Tool; 3] = [Tool::Dump, Tool::Restore, Tool::Psql];

    pub fn name(self) -> &'static str {
        match self {
            Tool::Dump => "pg_dump",
            Tool::Restore => "pg_restore",
            Tool::Psql => "psql",
        }
    }

    fn file_name(self) -> String {
        format!("{}{}", self.name(), std::env::consts::EXE_SUFFIX)
    }
}

/// A tool's version, e.g. 15.18 (a beta's minor is 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// `pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)` → 15.18.
fn parse_version(text: &str) -> Option<Version> {
    let number = text.split_whitespace().find(|word| word.starts_with(|c: char| c.is_ascii_digit()))?;
    let digits = |part: &str| -> Option<u32> {
        let end = part.find(|c: char| !c.is_ascii_digit()).unwrap_or(part.len());
        part[..end].parse().ok()
    };
    let mut parts = number.splitn(2, '.');
    let major = digits(parts.next()?)?;
    let minor = parts.next().and_then(digits).unwrap_or(0);
    Some(Version { major, minor })
}

/// The client tools found on this computer.
#[derive(Debug, Clone)]
pub struct Tools {
    folder: PathBuf,
    version: Version,
}

impl Tools {
    /// The tools to use, or `PgToolsMissing` saying where they were looked for.
    pub fn find() -> Result<Tools> {
        Tools::find_with(std::env::var_os(BIN_VARIABLE))
    }

    /// As `find`, with what `CAREDESK_PG_BIN` says.
    fn find_with(named: Option<std::ffi::OsString>) -> Result<Tools> {
        if let Some(folder) = named.filter(|f| !f.is_empty()) {
            let folder = PathBuf::from(folder);
            return Tools::in_folder(&folder).ok_or_else(|| missing(Some(&folder)));
        }
        candidates()
            .iter()
            .filter_map(|folder| Tools::in_folder(folder))
            // The first of the newest: PATH comes first.
            .reduce(|best, next| if next.version > best.version { next } else { best })
            .ok_or_else(|| missing(None))
    }

    /// The tools in `folder`, if all three are there and `pg_dump` says its version.
    pub fn in_folder(folder: &Path) -> Option<Tools> {
        if !Tool::ALL.iter().all(|tool| folder.join(tool.file_name()).is_file()) {
            return None;
        }
        let mut command = Command::new(folder.join(Tool::Dump.file_name()));
        command.arg("--version");
        no_window(&mut command);
        let output = command.output().ok().filter(|o| o.status.success())?;
        let version = parse_version(&String::from_utf8_lossy(&output.stdout))?;
        Some(Tools { folder: folder.to_owned(), version })
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    pub fn version(&self) -> Version {
        self.version
    }

    /// `tool`, never asking for a password on a terminal (there is none).
    pub fn command(&self, tool: Tool) -> Command {
        let mut command = Command::new(self.folder.join(tool.file_name()));
        command.arg("--no-password");
        no_window(&mut command);
        command
    }

    /// `tool` connecting to the database `config` names.
    pub fn connected(&self, tool: Tool, config: &Config) -> Command {
        let mut command = self.command(tool);
        command.arg(format!("--dbname={}", connection_string(config)));
        if let Some(password) = config.get_password() {
            command.env("PGPASSWORD", String::from_utf8_lossy(password).into_owned());
        }
        // What psql reads is UTF-8 whatever the computer's code page.
        command.env("PGCLIENTENCODING", "UTF8");
        command
    }

    /// Runs `command` (one of these tools) to the end. A tool that could not be
    /// started is reported as missing; its output is the caller's to judge.
    pub fn run(&self, tool: Tool, command: &mut Command) -> Result<Output> {
        command.output().map_err(|e| self.not_started(tool, &e))
    }

    /// The error for a tool that could not be started.
    pub fn not_started(&self, tool: Tool, error: &std::io::Error) -> StoreError {
        if error.kind() == std::io::ErrorKind::NotFound {
            missing(Some(&self.folder))
        } else {
            failed(format!("{} could not be started from {} ({error})", tool.name(), self.folder.display()))
        }
    }

    /// The error for a tool that ran and failed, from what it wrote: a tool
    /// older than the server (or than the archive) is `PgToolsTooOld`.
    pub fn refused(&self, tool: Tool, stderr: &[u8]) -> StoreError {
        let said = said(stderr);
        if said.contains("server version mismatch") || said.contains("unsupported version") {
            return StoreError::from(issue(
                ErrorKind::PgToolsTooOld,
                format!(
                    "the PostgreSQL client tools in {} (version {}) are older than the server or the backup \
                     ({said}); install the client tools of the server's version or newer, or name their \
                     folder in {BIN_VARIABLE}",
                    self.folder.display(),
                    self.version
                ),
            ));
        }
        failed(format!("{} failed: {said}", tool.name()))
    }
}

/// What a tool wrote to stderr, on one line.
pub fn said(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() { "no reason given".into() } else { lines.join("; ") }
}

/// The folders to look in, in order: `PATH`, then where installers put the tools.
fn candidates() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    folders.extend(installed());
    folders
}

/// Windows: each `PostgreSQL\<version>\bin` under the program folders.
#[cfg(windows)]
fn installed() -> Vec<PathBuf> {
    let mut folders = Vec::new();
    for variable in ["ProgramW6432", "ProgramFiles", "ProgramFiles(x86)"] {
        if let Some(programs) = std::env::var_os(variable) {
            folders.extend(versions(&PathBuf::from(programs).join("PostgreSQL"), |v| v.join("bin")));
        }
    }
    folders
}

/// macOS: Postgres.app's versions and Homebrew's libpq.
#[cfg(target_os = "macos")]
fn installed() -> Vec<PathBuf> {
    let mut folders = versions(Path::new("/Applications/Postgres.app/Contents/Versions"), |v| v.join("bin"));
    folders.push(PathBuf::from("/opt/homebrew/opt/libpq/bin"));
    folders
}

/// Elsewhere the packages put them on `PATH` (another place: `CAREDESK_PG_BIN`).
#[cfg(not(any(windows, target_os = "macos")))]
fn installed() -> Vec<PathBuf> {
    Vec::new()
}

/// `f` of each folder in `parent` (one per installed version).
#[cfg(any(windows, target_os = "macos"))]
fn versions(parent: &Path, f: impl Fn(&Path) -> PathBuf) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(parent) else { return Vec::new() };
    let mut folders: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| f(&e.path())).collect();
    folders.sort();
    folders
}

/// A libpq connection string for `config` (keywords and quoted values), without the password.
fn connection_string(config: &Config) -> String {
    use ::postgres::config::{Host, SslMode};
    let quote = |value: &str| format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"));
    let join = |values: Vec<String>| values.join(",");
    let mut parts = Vec::new();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|host| match host {
            Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    if !hosts.is_empty() {
        parts.push(format!("host={}", quote(&join(hosts))));
    }
    let addresses: Vec<String> = config.get_hostaddrs().iter().map(ToString::to_string).collect();
    if !addresses.is_empty() {
        parts.push(format!("hostaddr={}", quote(&join(addresses))));
    }
    let ports: Vec<String> = config.get_ports().iter().map(ToString::to_string).collect();
    if !ports.is_empty() {
        parts.push(format!("port={}", quote(&join(ports))));
    }
    if let Some(user) = config.get_user() {
        parts.push(format!("user={}", quote(user)));
    }
    if let Some(database) = config.get_dbname() {
        parts.push(format!("dbname={}", quote(database)));
    }
    let timeout = config.get_connect_timeout().copied().unwrap_or(super::CONNECT_TIMEOUT);
    parts.push(format!("connect_timeout={}", timeout.as_secs().max(1)));
    let ssl = match config.get_ssl_mode() {
        SslMode::Disable => "disable",
        SslMode::Require => "require",
        _ => "prefer",
    };
    parts.push(format!("sslmode={ssl}"));
    parts.push(format!("application_name={}", quote("CareDesk backup")));
    parts.join(" ")
}

/// A GUI app's child process gets no console window of its own on Windows.
fn no_window(command: &mut Command) {
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        command.creation_flags(CREATE_NO_WINDOW);
    }
    #[cfg(not(windows))]
    let _ = command;
}

fn issue(kind: ErrorKind, message: String) -> Issue {
    Issue { kind, field: None, message, conflict: None, action: None, changed: None }
}

/// The tools are not on this computer (or not in the folder `CAREDESK_PG_BIN` names).
pub fn missing(folder: Option<&Path>) -> StoreError {
    let message = match folder {
        Some(folder) => {
            format!("the PostgreSQL client tools (pg_dump, pg_restore, psql) are not in {}", folder.display())
        }
        None => format!(
            "the PostgreSQL client tools (pg_dump) are not installed on this computer: install them \
             (the server's version or newer), or name their folder in {BIN_VARIABLE}"
        ),
    };
    StoreError::from(issue(ErrorKind::PgToolsMissing, message))
}

/// A backup or restore that did not happen, and why.
pub fn failed(message: String) -> StoreError {
    StoreError::from(issue(ErrorKind::BackupFailed, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_from_what_the_tools_print() {
        let v = |major, minor| Some(Version { major, minor });
        assert_eq!(parse_version("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n"), v(15, 18));
        assert_eq!(parse_version("pg_dump (PostgreSQL) 17.2"), v(17, 2));
        assert_eq!(parse_version("pg_dump (PostgreSQL) 18beta1"), v(18, 0));
        assert_eq!(parse_version("pg_dump (PostgreSQL) 9.6.24"), v(9, 6));
        assert_eq!(parse_version("pg_dump"), None);
        assert!(Version { major: 16, minor: 1 } > Version { major: 15, minor: 18 });
    }

    #[test]
    fn the_connection_string_quotes_its_values_and_leaves_the_password_out() {
        let config: Config = "postgres://desk:s3cret@db.shop.local:5433/care'desk".parse().unwrap();
        let text = connection_string(&config);
        assert_eq!(
            text,
            "host='db.shop.local' port='5433' user='desk' dbname='care\\'desk' connect_timeout=10 \
             sslmode=prefer application_name='CareDesk backup'"
        );
        assert!(!text.contains("s3cret"));
    }

    #[test]
    fn a_refusal_for_the_server_version_says_the_tools_are_too_old() {
        let tools = Tools { folder: PathBuf::from("tools"), version: Version { major: 15, minor: 18 } };
        // pg_dump's own words when the server is newer than it.
        let refused = tools.refused(
            Tool::Dump,
            b"pg_dump: error: aborting because of server version mismatch\n\
              pg_dump: detail: server version: 16.1; pg_dump version: 15.18\n",
        );
        let issue = &refused.issues()[0];
        assert_eq!(issue.kind, ErrorKind::PgToolsTooOld);
        assert!(issue.message.contains("server version: 16.1"), "{}", issue.message);
        // pg_restore's, for an archive a newer pg_dump wrote.
        let refused =
            tools.refused(Tool::Restore, b"pg_restore: error: unsupported version (1.16) in file header\n");
        assert_eq!(refused.issues()[0].kind, ErrorKind::PgToolsTooOld);
        let failed = tools.refused(Tool::Dump, b"pg_dump: error: connection to server failed\n");
        assert_eq!(failed.issues()[0].kind, ErrorKind::BackupFailed);
    }

    #[test]
    fn a_folder_without_the_tools_is_not_taken() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Tools::in_folder(dir.path()).is_none());
        let error = missing(None);
        assert_eq!(error.issues()[0].kind, ErrorKind::PgToolsMissing);
        assert!(error.to_string().contains("pg_dump"), "{error}");
        // The folder CAREDESK_PG_BIN names is the only one looked in.
        let error = Tools::find_with(Some(dir.path().into())).unwrap_err();
        assert_eq!(error.issues()[0].kind, ErrorKind::PgToolsMissing);
        assert!(error.to_string().contains(&dir.path().display().to_string()), "{error}");
        if let Ok(found) = Tools::find_with(None) {
            let named = Tools::find_with(Some(found.folder().into())).unwrap();
            assert_eq!((named.folder(), named.version()), (found.folder(), found.version()));
        }
    }
}
