//! A throw-away PostgreSQL cluster for one test run (team mode's engine):
//! `initdb` into `target/`, the server on a free loopback port with trust
//! authentication (loopback only: it listens on 127.0.0.1 and its socket is in
//! its own folder), stopped and deleted when the value is dropped — whether the
//! tests passed, failed or panicked.
//!
//! The server binaries come from Debian's `postgresql` package, which the set-up
//! installs. `initdb` refuses to run as root, and CI runs as root: the cluster
//! then belongs to the `postgres` user the package creates.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Result;
use crate::process::root;

/// Where the tests find the cluster (`caredesk_store::postgres::testing` reads it).
pub const URL_VARIABLE: &str = "CAREDESK_TEST_POSTGRES";
/// The end-to-end journeys' way to restart the cluster while desks are open: the
/// command and its arguments, one per line.
pub const RESTART_VARIABLE: &str = "CAREDESK_TEST_POSTGRES_RESTART";

/// The oldest server team mode supports.
const OLDEST: u32 = 15;
/// Every `pg_ctl` wait, in seconds.
const PG_CTL_WAIT: &str = "60";

pub struct TestCluster {
    dir: PathBuf,
    bin: PathBuf,
    owner: Option<&'static str>,
    /// `postgres://postgres@127.0.0.1:PORT/postgres`: a superuser on the maintenance database;
    /// each test creates a database of its own through it.
    pub url: String,
}

impl TestCluster {
    /// Creates and starts the cluster; a cluster left behind by a killed run is stopped and removed first.
    pub fn start() -> Result<TestCluster> {
        TestCluster::start_with("")
    }

    /// As `start`, with the memory a dealership's server gives PostgreSQL (the
    /// README's advice), so the benchmarks measure what desks would see.
    pub fn start_for_benchmarks() -> Result<TestCluster> {
        TestCluster::start_with(" -c shared_buffers=1GB -c effective_cache_size=4GB -c random_page_cost=1.1")
    }

    fn start_with(settings: &str) -> Result<TestCluster> {
        let bin = server_binaries()?;
        let owner = if running_as_root() { Some("postgres") } else { None };
        clear_leftovers(&bin, owner);
        let dir = cluster_dir(owner)?;
        let cluster = TestCluster { url: String::new(), dir, bin, owner };
        let data = cluster.dir.join("data");
        let mut initdb = cluster.tool("initdb");
        // C.UTF-8, as team mode asks of a server: text sorts by code point (as on
        // SQLite), and pg_trgm indexes Chinese (under the C locale it skips it).
        initdb.arg("-D").arg(&data).args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]);
        run(&mut initdb, "initdb")?;
        let port = free_port()?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200{settings}",
            cluster.dir.display()
        );
        let mut start = cluster.tool("pg_ctl");
        start.arg("-D").arg(&data).arg("-o").arg(options).arg("-l").arg(cluster.dir.join("server.log"));
        start.args(["-w", "-t", PG_CTL_WAIT, "start"]);
        if let Err(error) = run(&mut start, "pg_ctl start") {
            let log = std::fs::read_to_string(cluster.dir.join("server.log")).unwrap_or_default();
            return Err(format!("{error}\n{log}").into());
        }
        let mut cluster = cluster;
        cluster.url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
        println!(
            "xtask: a throw-away PostgreSQL cluster for this run at {} ({})",
            cluster.url,
            cluster.dir.display()
        );
        Ok(cluster)
    }

    fn tool(&self, name: &str) -> Command {
        tool(&self.bin, self.owner, name)
    }

    /// `pg_ctl restart` of this cluster, one argument per line (`RESTART_VARIABLE`): a
    /// fast shutdown — every session ended, everything committed kept — then the
    /// same server started again on the same port, waited for.
    pub fn restart_command(&self) -> String {
        let command = self.tool("pg_ctl");
        let mut argv = vec![command.get_program().to_string_lossy().into_owned()];
        argv.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
        argv.extend(["-D".to_owned(), self.dir.join("data").display().to_string()]);
        argv.extend(["-l".to_owned(), self.dir.join("server.log").display().to_string()]);
        argv.extend(["-m", "fast", "-w", "-t", PG_CTL_WAIT, "restart"].map(str::to_owned));
        argv.join("\n")
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        stop(&self.bin, self.owner, &self.dir);
    }
}

fn tool(bin: &Path, owner: Option<&str>, name: &str) -> Command {
    match owner {
        Some(user) => {
            let mut command = Command::new("runuser");
            command.args(["-u", user, "--"]).arg(bin.join(name));
            command
        }
        None => Command::new(bin.join(name)),
    }
}

/// Stops the cluster in `dir` at once (nothing in it is kept) and deletes the folder.
fn stop(bin: &Path, owner: Option<&str>, dir: &Path) {
    let data = dir.join("data");
    if data.join("postmaster.pid").exists() {
        let mut stop = tool(bin, owner, "pg_ctl");
        stop.arg("-D").arg(&data).args(["-m", "immediate", "-w", "-t", PG_CTL_WAIT, "stop"]);
        let _ = stop.output();
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Where clusters go: `target/`, or — when the server's user cannot reach into
/// the checkout (a clone under root's home, or in a folder only root may enter)
/// — the system's temporary folder.
fn cluster_parents() -> [(PathBuf, &'static str); 2] {
    [(root().join("target"), "pg-test-"), (std::env::temp_dir(), "caredesk-pg-test-")]
}

/// A new, empty folder for this run's cluster that the server's user owns and can reach.
fn cluster_dir(owner: Option<&'static str>) -> Result<PathBuf> {
    for (parent, prefix) in cluster_parents() {
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| format!("cannot empty {}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let Some(user) = owner else { return Ok(dir) };
        run(Command::new("chown").arg(user).arg(&dir), "chown the cluster's folder")?;
        let reachable = Command::new("runuser")
            .args(["-u", user, "--", "test", "-w"])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if reachable {
            return Ok(dir);
        }
        println!("xtask: {user} cannot reach {}; the cluster goes to the temporary folder", dir.display());
        let _ = std::fs::remove_dir_all(&dir);
    }
    Err("no folder the PostgreSQL server's user can reach for the test cluster".into())
}

/// Clusters of earlier runs that were killed before they could clean up.
fn clear_leftovers(bin: &Path, owner: Option<&str>) {
    for (parent, prefix) in cluster_parents() {
        let Ok(entries) = std::fs::read_dir(&parent) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = name.strip_prefix(prefix).and_then(|p| p.parse::<u32>().ok()) else { continue };
            if pid != std::process::id() && !alive(pid) {
                println!("xtask: removing the PostgreSQL cluster a killed run left ({name})");
                stop(bin, owner, &entry.path());
            }
        }
    }
}

fn alive(pid: u32) -> bool {
    Command::new("kill").args(["-0", &pid.to_string()]).output().is_ok_and(|o| o.status.success())
}

fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The newest installed server that is at least PostgreSQL 15.
fn server_binaries() -> Result<PathBuf> {
    let base = Path::new("/usr/lib/postgresql");
    let newest = std::fs::read_dir(base)
        .ok()
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
        .filter(|v| *v >= OLDEST)
        .filter(|v| base.join(v.to_string()).join("bin/initdb").is_file())
        .max();
    match newest {
        Some(version) => Ok(base.join(version.to_string()).join("bin")),
        None => Err(format!(
            "no PostgreSQL {OLDEST}+ server in {} (the set-up installs Debian's `postgresql` package)",
            base.display()
        )
        .into()),
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free loopback port: {e}"))?;
    Ok(listener.local_addr().map_err(|e| format!("no free loopback port: {e}"))?.port())
}

fn run(command: &mut Command, what: &str) -> Result {
    let output = command.output().map_err(|e| format!("{what}: cannot start: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed ({}): {}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
        .into())
    }
}
