//! How the app was started: which database, and whether it is the demo.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The database file in the app-data folder.
pub const DATABASE_FILE: &str = "caredesk.sqlite";
/// The demo database, kept apart from the real one and seeded fresh at each `--demo` start.
pub const DEMO_FILE: &str = "caredesk-demo.sqlite";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `--db PATH`, else `CAREDESK_DB`.
    pub database: Option<PathBuf>,
    /// `--demo`: a fresh demo dealership.
    pub demo: bool,
    /// `--clock-ahead MINUTES`: run as if the clock were that far ahead, to rehearse
    /// what happens when a time limit passes (training, and the end-to-end tests
    /// of complaint escalation). Never needed in daily use.
    pub clock_ahead_minutes: i64,
}

impl Options {
    /// Reads the command line (unknown arguments are left for the platform,
    /// e.g. those WebDriver adds).
    pub fn from_args(args: impl IntoIterator<Item = String>, env_db: Option<OsString>) -> Options {
        let mut options =
            Options { database: env_db.filter(|p| !p.is_empty()).map(PathBuf::from), ..Options::default() };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if arg == "--demo" {
                options.demo = true;
            } else if arg == "--db" {
                if let Some(path) = args.next() {
                    options.database = Some(PathBuf::from(path));
                }
            } else if let Some(path) = arg.strip_prefix("--db=") {
                options.database = Some(PathBuf::from(path));
            } else if arg == "--clock-ahead" {
                options.clock_ahead_minutes = args.next().and_then(|m| m.parse().ok()).unwrap_or(0);
            }
        }
        options
    }

    /// What identifies the database for the one-window-per-database guard: the
    /// `--db` path made absolute, or the default or demo database. FNV-1a, so the
    /// key is the same in every build.
    pub fn instance_key(&self) -> u64 {
        let name = match (&self.database, self.demo) {
            (Some(path), _) => {
                std::path::absolute(path).unwrap_or_else(|_| path.clone()).display().to_string()
            }
            (None, true) => DEMO_FILE.to_owned(),
            (None, false) => DATABASE_FILE.to_owned(),
        };
        name.bytes()
            .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
    }

    /// The database file to open, given the OS app-data folder.
    /// Team mode: `--db postgres://…` (or `postgresql://…`, or the same in
    /// `CAREDESK_DB`) names the dealership's server instead of a file.
    pub fn server_url(&self) -> Option<&str> {
        let text = self.database.as_deref()?.to_str()?;
        (text.starts_with("postgres://") || text.starts_with("postgresql://")).then_some(text)
    }

    pub fn database_path(&self, app_data_dir: &Path) -> PathBuf {
        match (&self.database, self.demo) {
            (Some(path), _) => path.clone(),
            (None, true) => app_data_dir.join(DEMO_FILE),
            (None, false) => app_data_dir.join(DATABASE_FILE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_command_line_wins_over_the_environment() {
        let data = Path::new("/data");
        let env = Some(OsString::from("/env.sqlite"));
        let o = Options::from_args(args(&[]), env.clone());
        assert_eq!(o.database_path(data), Path::new("/env.sqlite"));
        let o = Options::from_args(args(&["--db", "/x.sqlite"]), env);
        assert_eq!(o.database_path(data), Path::new("/x.sqlite"));
        let o = Options::from_args(args(&["--demo"]), None);
        assert_eq!(o.database_path(data), Path::new("/data/caredesk-demo.sqlite"));
        let o = Options::from_args(args(&["--db=/y.sqlite", "--other"]), Some(OsString::new()));
        assert_eq!(o.database_path(data), Path::new("/y.sqlite"));
        assert_eq!(
            Options::from_args(args(&[]), None).database_path(data),
            Path::new("/data/caredesk.sqlite")
        );
        assert_eq!(Options::from_args(args(&["--clock-ahead", "61"]), None).clock_ahead_minutes, 61);
        let team = Options::from_args(args(&["--db", "postgres://desk@server/caredesk"]), None);
        assert_eq!(team.server_url(), Some("postgres://desk@server/caredesk"));
        let team = Options::from_args(args(&[]), Some(OsString::from("postgresql://server/caredesk")));
        assert_eq!(team.server_url(), Some("postgresql://server/caredesk"));
        assert_eq!(Options::from_args(args(&["--db", "/x.sqlite"]), None).server_url(), None);
        let key = |list: &[&str]| Options::from_args(args(list), None).instance_key();
        assert_eq!(key(&["--db", "/a.sqlite"]), key(&["--db=/a.sqlite"]));
        assert_ne!(key(&["--db", "/a.sqlite"]), key(&["--db", "/b.sqlite"]));
        assert_ne!(key(&[]), key(&["--demo"]));
        assert_eq!(Options::from_args(args(&["--clock-ahead", "soon"]), None).clock_ahead_minutes, 0);
    }
}
